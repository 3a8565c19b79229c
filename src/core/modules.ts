// What a module (or a core part) declares so the core can wire it: routes, permission rules,
// personal data hooks, jobs, demo data and CLI commands. Inspired by Decidim's manifests.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config';
import type { Db } from './db/client';
import type { EventSubscriber } from './events/events';
import type { CurrentUser } from './ui/context';

export interface AppDeps {
  config: Config;
  db: Db;
  modules: ModuleManifest[];
  /** the clock every rule about dates asks (core/time/clock.ts); tests set it to fixed instants */
  now: () => Date;
  /** limits for sign-in and reset; tests lower them */
  limits?: Partial<RateLimits>;
}

export interface RateLimits {
  signInPerAccount: number;
  signInPerIp: number;
  resetPerAccount: number;
  resetPerIp: number;
  windowSeconds: number;
}

/**
 * What each permission is asked about, by action (ADR 0012). Core declares its own actions here; a
 * module adds its own in its permissions.ts by declaration merging,
 *   declare module '../../core/modules' { interface PermissionResources extends FundingPermissions {} }
 * so `can(user, 'programme.manage', programme)` is checked against the rule it names, in routes and
 * views alike. `undefined`: the action is asked without a resource (an area, a menu entry).
 */
export interface PermissionResources {
  'account.edit': undefined;
  'admin.area': undefined;
  'admin.audit.read': undefined;
  'admin.outbox.read': undefined;
  'admin.content.edit': undefined;
  'admin.people.manage': undefined;
}

export type Action = keyof PermissionResources;

/** Actions asked without a resource: route guards and menu entries name these. */
export type PlainAction = { [A in Action]: PermissionResources[A] extends undefined ? A : never }[Action];

/** The resource `can()` takes for an action: none for a plain action, the declared one otherwise. */
export type ResourceArgs<A extends Action> = [PermissionResources[A]] extends [undefined]
  ? []
  : [resource: PermissionResources[A]];

/** One rule: whether this person may do the action to this resource. */
export type PermissionRule<R = undefined> = (user: CurrentUser | null, resource: R) => boolean;

/** The rules for a set of actions, each typed by what its action is asked about. */
export type PermissionRules<A extends Action = Action> = { [K in A]: PermissionRule<PermissionResources[K]> };

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
}

export interface DemoContext {
  db: Db;
  config: Config;
  /** the demo's dates are laid out around the day it is loaded */
  now: () => Date;
  /** accounts created so far, by role, so later modules can link people to them */
  accounts: Map<string, string>;
  addAccount(account: DemoAccount & { userId: string }): void;
  /**
   * Creates a demo person (confirmed, with a fresh demo password shown once after loading) and lists
   * them as the demo account of `role`; the module grants the role itself, with the scope it needs.
   * Returns the new account's id.
   */
  addPerson(person: { email: string; name: string; role: string }): Promise<string>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(
    args: string[],
    deps: { config: Config; db: Db; modules: ModuleManifest[]; now: () => Date; print(line: string): void },
  ): Promise<void>;
}

export type JobHandler = (payload: unknown, deps: AppDeps) => Promise<void>;

export interface PersonalData {
  /** what this module keeps about a person, as plain JSON for the "download my data" archive */
  exportFor?(db: Db, userId: string): Promise<unknown>;
  /** the files the person uploaded, as they were uploaded, for the same archive (path inside the module's folder) */
  filesFor?(db: Db, userId: string): Promise<{ path: string; content: Uint8Array }[]>;
  /** removes or anonymises what this module keeps about a person, at `now` (the app's clock) */
  eraseFor?(db: Db, userId: string, now: Date): Promise<void>;
  /** entry for the record of processing activities (key in the module's catalog) */
  processingKey: string;
  retention: string;
}

export interface NavigationEntry {
  /** path after the language prefix, e.g. "/calls" */
  path: string;
  /** key in the declaring part's namespace, e.g. "funding:nav.calls" (its `nav` exists in all six languages) */
  labelKey: string;
  /** shown only to people this permission allows */
  permission?: PlainAction;
}

/**
 * A role a part declares. Who holds it is decided in the administration (Verwaltung › Personen) or
 * by the CLI; what it allows is decided by the permission rules that ask for it (hasRole).
 */
export interface RoleDeclaration {
  /** stored with every assignment, e.g. "programmeOfficer"; unique across the manifests */
  name: string;
  /** its name for people, in the declaring part's namespace, e.g. "funding:role.programmeOfficer" (its `role` exists in all six languages) */
  labelKey: string;
  /** works with other people's data or money: may add a second factor (ADR 0007) */
  staff?: boolean;
  /** only ever given limited to one scope of this kind (a RoleScopeKind some manifest declares) */
  scopeKind?: string;
}

/**
 * A kind of scope that roles are limited to, e.g. carrier staff to one organisation. The module that
 * owns the scopes declares it; the administration offers its scopes by name on the role forms for
 * the roles declared with this `scopeKind`.
 */
export interface RoleScopeKind {
  /** stored as the role's scope kind, e.g. "organisation" */
  kind: string;
  /** the kind's name for people, in the declaring module's namespace, e.g. "funding:roleScope.programme.name" */
  labelKey: string;
  /** what the role form says when a role of this kind is given without one of its scopes */
  neededKey: string;
  /** every scope of this kind by name; disabled ones are named but not offered for new roles */
  list(db: Db): Promise<{ id: string; name: string; disabled?: boolean }[]>;
}

/** A card on the administration's home page (Verwaltung), for a page a module adds there. */
export interface AdminPage {
  /** path after the language prefix, e.g. "/admin/organisations" */
  path: string;
  titleKey: string;
  textKey: string;
  /** shown only to people this permission allows */
  permission: PlainAction;
}

export interface ModuleManifest {
  name: string;
  /** the translation namespaces this part brings (locales/<lang>/<namespace>.json), e.g. ['funding'] */
  locales?: string[];
  roles?: RoleDeclaration[];
  roleScopes?: RoleScopeKind[];
  navigation?: NavigationEntry[];
  /** the module's pages in the administration, as cards on its home page */
  adminPages?: AdminPage[];
  routes?(app: FastifyInstance, deps: AppDeps): Promise<void> | void;
  /** the rules for the actions this part declared in PermissionResources */
  permissions?: Partial<PermissionRules>;
  personalData?: PersonalData;
  jobs?: Record<string, JobHandler>;
  /** what the module does when an event happens, in its own or another module (ADR 0011) */
  subscribers?: EventSubscriber[];
  /** kinds of job the worker adds once per period on whichever process gets there first */
  schedules?: { kind: string; every: 'hour' | 'day' }[];
  demo?(ctx: DemoContext): Promise<void>;
  commands?: CliCommand[];
}
