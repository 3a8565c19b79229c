import { createContext } from 'preact';
import type { Lang, Translate } from '../i18n/i18n';
import type { Action, ResourceArgs, RoleDeclaration } from '../modules';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  language: string;
  roles: { role: string; scopeKind: string; scopeId: string }[];
}

/** What every view may know about the request it renders; views never query. */
export interface ViewContext {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** path after the language prefix, e.g. "/sign-in", for the language switcher */
  path: string;
  user: CurrentUser | null;
  csrfToken: string;
  isDemo: boolean;
  /** whether this person may do the action (to the resource its rule declares, ADR 0012) */
  can<A extends Action>(action: A, ...resource: ResourceArgs<A>): boolean;
  /** the modules' menu entries this person may see */
  navigation: { path: string; labelKey: string }[];
  /** every role the manifests declare, for role choices and role names (roleLabel) */
  roles: readonly RoleDeclaration[];
  /** a key from common:notice.*, set by a redirect after a successful action */
  notice?: string;
}

export type { FieldErrors, FieldIssue, IssueParam } from '../http/form';

/** A form field as it was shown: the id a summary links to and the label it names the field by. */
export interface ShownField {
  id: string;
  label: string;
  /** whether the field showed an error, so a summary prefers it over a namesake in another form */
  failed: boolean;
}

/**
 * What one render of a page learns about its forms. An error summary comes before the fields it
 * names, so a page that shows one is rendered a second time with the fields of the first pass.
 */
export interface FormRender {
  fields: Map<string, ShownField[]>;
  /** error summaries shown so far; the first one takes the focus */
  summaries: number;
  /** the fields of the first pass */
  known?: Map<string, ShownField[]>;
}

export const FormRenderContext = createContext<FormRender | undefined>(undefined);

/** A role's name for people, from the manifest that declares it; the stored name if none does any more. */
export function roleLabel(ctx: Pick<ViewContext, 't' | 'roles'>, role: string): string {
  const declared = ctx.roles.find((r) => r.name === role);
  return declared ? ctx.t(declared.labelKey) : role;
}

/** Builds an address in the current language. */
export function href(ctx: Pick<ViewContext, 'lang'>, path: string): string {
  return `/${ctx.lang}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The address of one page of a filtered list: the filter's non-empty fields and the page number. */
export function listPageHref<F extends { [K in keyof F]?: string }>(
  ctx: Pick<ViewContext, 'lang'>,
  path: string,
  filter: F,
  page: number,
): string {
  const query = new URLSearchParams(
    Object.entries({ ...filter, page: String(page) } as Record<string, string | undefined>).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );
  return href(ctx, `${path}?${query}`);
}
