// One place decides who may do what. Roles and rules come from the manifests; an action nobody
// declared is refused, so a forgotten rule fails closed.
import type { Action, ModuleManifest, ResourceArgs, RoleDeclaration } from '../modules';
import type { CurrentUser } from '../ui/context';

/** Whether a person may do an action; the resource is the one the action's rule declared (ADR 0012). */
export type Can = <A extends Action>(user: CurrentUser | null, action: A, ...resource: ResourceArgs<A>) => boolean;

/**
 * The roles core itself gives: administrators, and participants (everyone who registers). Every other
 * role is declared by the module it belongs to, in its manifest's `roles`.
 */
export const coreRoles: RoleDeclaration[] = [
  { name: 'admin', labelKey: 'common:role.admin', staff: true },
  { name: 'participant', labelKey: 'common:role.participant' },
];

/** The roles of all manifests, as the administration, the CLI and the account pages need them. */
export interface Roles {
  /** every declared role, in the order of the manifests */
  readonly list: readonly RoleDeclaration[];
  has(name: string): boolean;
  get(name: string): RoleDeclaration | undefined;
  /** holds a role that works with other people's data or money: may (and admins should) add a second factor */
  isStaff(user: CurrentUser | null): boolean;
}

export function makeRoles(modules: ModuleManifest[]): Roles {
  const byName = new Map<string, RoleDeclaration>();
  const kinds = new Set(modules.flatMap((m) => (m.roleScopes ?? []).map((k) => k.kind)));
  for (const m of modules) {
    for (const role of m.roles ?? []) {
      if (byName.has(role.name)) throw new Error(`Role "${role.name}" is declared twice (module ${m.name})`);
      if (role.scopeKind && !kinds.has(role.scopeKind))
        throw new Error(
          `Role "${role.name}" (module ${m.name}) needs scope kind "${role.scopeKind}", which no manifest declares`,
        );
      byName.set(role.name, role);
    }
  }
  const list = [...byName.values()];
  const staff = new Set(list.filter((r) => r.staff).map((r) => r.name));
  return {
    list,
    has: (name) => byName.has(name),
    get: (name) => byName.get(name),
    isStaff: (user) => Boolean(user?.roles.some((r) => staff.has(r.role))),
  };
}

export function hasRole(user: CurrentUser | null, role: string, scopeKind = '', scopeId = ''): boolean {
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
