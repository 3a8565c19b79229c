// Which roles are limited to a scope and which scopes there are. The modules that own the scopes
// declare them in their manifests (`roleScopes`), the roles name their `scopeKind`, so the
// administration names no module's tables or roles.
// The checks below are pure: the routes load the scopes once and hand them in.
import type { Db } from '../db/client';
import type { ModuleManifest } from '../modules';

export interface ScopeOptions {
  kind: string;
  /** the kind's name and the message for a role given without one of its scopes (RoleScopeKind) */
  labelKey: string;
  neededKey: string;
  roles: string[];
  scopes: { id: string; name: string; disabled?: boolean }[];
}

export async function loadScopeOptions(db: Db, modules: ModuleManifest[]): Promise<ScopeOptions[]> {
  const kinds = modules.flatMap((m) => m.roleScopes ?? []);
  const roles = modules.flatMap((m) => m.roles ?? []);
  return Promise.all(
    kinds.map(async (k) => ({
      kind: k.kind,
      labelKey: k.labelKey,
      neededKey: k.neededKey,
      roles: roles.filter((r) => r.scopeKind === k.kind).map((r) => r.name),
      scopes: await k.list(db),
    })),
  );
}

/** How a scope travels in a form field: "organisation:<id>", or '' for none. */
export const scopeValue = (scopeKind: string, scopeId: string) => (scopeKind ? `${scopeKind}:${scopeId}` : '');

export type RoleScopeCheck = { ok: true; scopeKind: string; scopeId: string } | { ok: false; key: string };

/**
 * Whether a role and a scope go together: a role its module limits to a scope needs one of that
 * kind that exists and is not disabled; every other role applies platform-wide and takes none.
 */
export function checkRoleScope(role: string, scope: string, options: ScopeOptions[]): RoleScopeCheck {
  const needed = options.find((o) => o.roles.includes(role));
  if (!needed)
    return scope === '' ? { ok: true, scopeKind: '', scopeId: '' } : { ok: false, key: 'admin:scope.notUsed' };
  const sep = scope.indexOf(':');
  const kind = sep > 0 ? scope.slice(0, sep) : '';
  const id = sep > 0 ? scope.slice(sep + 1) : '';
  if (kind !== needed.kind) return { ok: false, key: needed.neededKey };
  if (!needed.scopes.some((s) => s.id === id && !s.disabled)) return { ok: false, key: 'admin:scope.unknown' };
  return { ok: true, scopeKind: kind, scopeId: id };
}

/** The name of a scope for people to read; undefined when it is not (or no longer) known. */
export function scopeName(options: ScopeOptions[], scopeKind: string, scopeId: string): string | undefined {
  return options.find((o) => o.kind === scopeKind)?.scopes.find((s) => s.id === scopeId)?.name;
}
