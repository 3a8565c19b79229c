// One place decides who may do what. Rules come from the manifests; an action nobody declared
// is refused, so a forgotten rule fails closed.
import type { ModuleManifest, PermissionRule } from '../modules';
import type { CurrentUser } from '../ui/context';

export type Can = (user: CurrentUser | null, action: string, resource?: unknown) => boolean;

export const roles = [
  'admin',
  'programmeOfficer',
  'reviewer',
  'carrierStaff',
  'evaluator',
  'councilSecretary',
  'councilMember',
  'participant',
] as const;
export type Role = (typeof roles)[number];

/** Roles that work with other people's data or money; they may (and admins should) add a second factor. */
export const staffRoles: readonly Role[] = [
  'admin',
  'programmeOfficer',
  'reviewer',
  'carrierStaff',
  'evaluator',
  'councilSecretary',
];

export const isStaff = (user: CurrentUser | null): boolean =>
  Boolean(user?.roles.some((r) => (staffRoles as readonly string[]).includes(r.role)));

export function hasRole(user: CurrentUser | null, role: Role, scopeKind = '', scopeId = ''): boolean {
  if (!user) return false;
  return user.roles.some(
    (r) => r.role === role && (scopeKind === '' || (r.scopeKind === scopeKind && r.scopeId === scopeId)),
  );
}

export function makeCan(modules: ModuleManifest[]): Can {
  const rules = new Map<string, PermissionRule>();
  for (const m of modules) {
    for (const [action, rule] of Object.entries(m.permissions ?? {})) {
      if (rules.has(action)) throw new Error(`Permission "${action}" is declared twice (module ${m.name})`);
      rules.set(action, rule);
    }
  }
  return (user, action, resource) => {
    const rule = rules.get(action);
    return rule ? rule(user, resource) : false;
  };
}
