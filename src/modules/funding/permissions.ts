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

export const fundingPermissions: Record<string, PermissionRule> = {
  'funding.officerArea': (user) => hasRole(user, 'admin') || hasRole(user, 'programmeOfficer'),
  'programme.create': (user) => hasRole(user, 'admin'),
  'programme.manage': (user, programme) =>
    hasRole(user, 'admin') || hasRole(user, 'programmeOfficer', 'programme', (programme as { id: string }).id),
};
