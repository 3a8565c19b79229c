// Per-request state (language, signed-in user) and the helpers routes use to answer with HTML.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Can, Roles } from '../auth/permissions';
import { dirOf, type Lang, translator } from '../i18n/i18n';
import type { NavigationEntry } from '../modules';
import type { CurrentUser, ViewContext } from '../ui/context';
import { csrfPlaceholder, keepRenderedPage, rendersForCache } from './page-cache';
import { opensWithGet } from './route-table';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    user: CurrentUser | null;
    sessionToken: string | null;
    /** the database state read at the start of a signed-in request (ADR 0005), for reuse */
    dbGeneration: string | null;
  }
  interface FastifyInstance {
    /** every route as registered (method and URL pattern), for 405 answers and the route tests */
    routeTable: readonly { method: string; url: string }[];
    can: Can;
    /** the roles the manifests declare */
    roles: Roles;
    navigation: NavigationEntry[];
    isDemo(): Promise<boolean>;
    /** whether signed-in pages may be served from the page cache (PAGE_CACHE) */
    pageCacheEnabled: boolean;
  }
}

const noticePattern = /^[a-zA-Z]+$/;

// A path that URL parsing would leave as it is: no query, no dot segments, nothing to percent-encode.
const plainPath = /^(?:\/[\w~-]+)*\/?$/;

/** The URL's path after the language prefix, its query without `notice`, and the notice. */
function pathAndNotice(rawUrl: string): { pathname: string; search: string; notice: string | null } {
  if (plainPath.test(rawUrl))
    return { pathname: rawUrl.replace(/^\/[a-z]{2}(?=\/|$)/, '') || '/', search: '', notice: null };
  const url = new URL(rawUrl, 'http://x');
  const notice = url.searchParams.get('notice');
  url.searchParams.delete('notice');
  return { pathname: url.pathname.replace(/^\/[a-z]{2}(?=\/|$)/, '') || '/', search: url.search || '', notice };
}

export async function viewContext(req: FastifyRequest, reply: FastifyReply): Promise<ViewContext> {
  const lang = req.lang;
  const app = req.server;
  const { pathname, search, notice } = pathAndNotice(req.url);
  const path = switchablePath(req, pathname, search);
  let csrfToken: string | undefined;
  return {
    lang,
    dir: dirOf(lang),
    t: translator(lang),
    path,
    user: req.user,
    // made only when a form asks for it: pages without forms set no CSRF cookie; a page rendered
    // for the page cache gets a placeholder, replaced by each answer's own token
    get csrfToken() {
      csrfToken ??= rendersForCache(req) ? csrfPlaceholder : reply.generateCsrf();
      return csrfToken;
    },
    isDemo: await app.isDemo(),
    can: (action, ...resource) => app.can(req.user, action, ...resource),
    navigation: app.navigation.filter((n) => !n.permission || app.can(req.user, n.permission)),
    roles: app.roles.list,
    notice: notice && noticePattern.test(notice) ? notice : undefined,
  };
}

/**
 * The address the language switcher leads to: this page's, or, on a page answering a form (a 400
 * with its errors) at an address that only takes the form, the nearest page above it that can be
 * opened, e.g. the grant's page for its payment request form. Never an address that answers 405.
 */
function switchablePath(req: FastifyRequest, path: string, search: string): string {
  if (req.method === 'GET' || req.method === 'HEAD') return path + search;
  const table = req.server.routeTable ?? [];
  for (let p = path; ; p = p.replace(/\/[^/]*$/, '') || '/') {
    if (opensWithGet(table, `/${req.lang}${p}`)) return p === path ? path + search : p;
    if (p === '/') return p;
  }
}

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  // encoded here, once: a string would be measured (Buffer.byteLength) and then copied again
  // into the socket's write; a page is a rope of many pieces, each pass flattens it anew
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .send(Buffer.from(keepRenderedPage(reply, html, status)));
}

/** Redirect after a successful POST (303, so the browser follows with GET). */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}

/**
 * Only same-site paths are followed after sign-in, never another host; and only printable ASCII,
 * as browsers send addresses, so no line break or control character can reach the Location header.
 */
export function safeNext(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/[a-z]{2}\/[\x21-\x7e]*$/.test(next) && !next.startsWith('//')
    ? next
    : fallback;
}
