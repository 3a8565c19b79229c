import type { Lang, Translate } from '../i18n/i18n';

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
  can(action: string, resource?: unknown): boolean;
  /** the modules' menu entries this person may see */
  navigation: { path: string; labelKey: string }[];
  /** a key from common:notice.*, set by a redirect after a successful action */
  notice?: string;
}

export type FieldErrors = Record<string, string>;

/** Builds an address in the current language. */
export function href(ctx: Pick<ViewContext, 'lang'>, path: string): string {
  return `/${ctx.lang}${path.startsWith('/') ? path : `/${path}`}`;
}
