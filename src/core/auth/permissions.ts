// One place decides who may do what. Rules come from the manifests; an action nobody declared
// is refused, so a forgotten rule fails closed.
import type { Action, ModuleManifest, ResourceArgs } from '../modules';
import type { CurrentUser } from '../ui/context';

/** Whether a person may do an action; the resource is the one the action's rule declared (ADR 0012). */
export type Can = <A extends Action>(user: CurrentUser | null, action: A, ...resource: ResourceArgs<A>) => boolean;

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

/** A rule as the registry keeps it: the types met when the manifest was written (PermissionRules). */
type StoredRule = (user: CurrentUser | null, resource: unknown) => boolean;

export function makeCan(modules: ModuleManifest[]): Can {
  const rules = new Map<string, StoredRule>();
  for (const m of modules) {
    for (const [action, rule] of Object.entries(m.permissions ?? {})) {
      if (rules.has(action)) throw new Error(`Permission "${action}" is declared twice (module ${m.name})`);
      // each rule was checked against its action's resource type where the manifest declared it,
      // and can() only passes that action's resource, so the rule gets what it was written for
      if (rule) rules.set(action, rule as StoredRule);
    }
  }
  return (user, action, ...resource) => {
    const rule = rules.get(action);
    return rule ? rule(user, resource[0]) : false;
  };
}
