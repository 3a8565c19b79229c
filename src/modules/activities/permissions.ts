// Who may see a project's workspace (ADR 0012 for the typing): the staff of the organisation that
// holds the grant. Partner organisations' staff follow once partners are linked to the directory.
import { hasRole } from '../../core/auth/permissions';
import type { PermissionRules } from '../../core/modules';
import { organisationIdsOf } from '../network/api';

export interface ActivitiesPermissions {
  /** "Projekte" in the navigation: someone works for an organisation */
  'project.list': undefined;
  /** a project's workspace: its organisation's staff */
  'project.view': { organisationId: string };
}

declare module '../../core/modules' {
  interface PermissionResources extends ActivitiesPermissions {}
}

export const activitiesPermissions: PermissionRules<keyof ActivitiesPermissions> = {
  'project.list': (user) => hasRole(user, 'carrierStaff'),
  'project.view': (user, p) => organisationIdsOf(user).includes(p.organisationId),
};
