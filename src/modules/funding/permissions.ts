// Who may do what in funding. Administrators create programmes; programme officers manage only
// the programmes they are assigned to (role programmeOfficer on programme:<id>).
import { hasRole } from '../../core/auth/permissions';
import type { PermissionRule } from '../../core/modules';
import type { CurrentUser } from '../../core/ui/context';

export function officerProgrammeIds(user: CurrentUser | null): string[] | undefined {
  if (hasRole(user, 'admin')) return undefined; // all
  return (user?.roles ?? [])
    .filter((r) => r.role === 'programmeOfficer' && r.scopeKind === 'programme')
    .map((r) => r.scopeId);
}

interface ApplicationResource {
  application: { organisationId: string };
  programme: { id: string };
}

const isCarrierOf = (user: CurrentUser | null, organisationId: string) =>
  hasRole(user, 'carrierStaff', 'organisation', organisationId);
const isOfficerOf = (user: CurrentUser | null, programmeId: string) =>
  hasRole(user, 'admin') || hasRole(user, 'programmeOfficer', 'programme', programmeId);

export const fundingPermissions: Record<string, PermissionRule> = {
  'funding.carrierArea': (user) => hasRole(user, 'carrierStaff'),
  'funding.reviewerArea': (user) => hasRole(user, 'reviewer'),
  // a carrier sees its own applications; officers those of their programmes
  'application.view': (user, r) => {
    const { application, programme } = r as ApplicationResource;
    return isCarrierOf(user, application.organisationId) || isOfficerOf(user, programme.id);
  },
  // only the carrier's staff fill in and submit
  'application.edit': (user, r) => isCarrierOf(user, (r as ApplicationResource).application.organisationId),
  'funding.officerArea': (user) => hasRole(user, 'admin') || hasRole(user, 'programmeOfficer'),
  'programme.create': (user) => hasRole(user, 'admin'),
  'programme.manage': (user, programme) =>
    hasRole(user, 'admin') || hasRole(user, 'programmeOfficer', 'programme', (programme as { id: string }).id),
};
