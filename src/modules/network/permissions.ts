// Who may do what with organisations: administrators manage them (ADR 0012 for the typing).
import { hasRole } from '../../core/auth/permissions';
import type { PermissionRules } from '../../core/modules';

/** Network's actions and what each is asked about (undefined: asked without a resource). */
export interface NetworkPermissions {
  'admin.organisations.manage': undefined;
  /** "Meine Organisation" in the navigation: someone works for an organisation */
  'organisation.ownArea': undefined;
  /** the organisation's staff keep its address, bank account and signatories */
  'organisation.editOwn': { organisationId: string };
}

declare module '../../core/modules' {
  interface PermissionResources extends NetworkPermissions {}
}

export const networkPermissions: PermissionRules<keyof NetworkPermissions> = {
  'admin.organisations.manage': (user) => hasRole(user, 'admin'),
  'organisation.ownArea': (user) => hasRole(user, 'carrierStaff'),
  'organisation.editOwn': (user, o) =>
    Boolean(
      user?.roles.some(
        (r) => r.role === 'carrierStaff' && r.scopeKind === 'organisation' && r.scopeId === o.organisationId,
      ),
    ),
};
