// The names of the cookies the platform sets. Core owns them (the session is core's, and so is the
// language a visitor chose); src/app.ts reads them like every other part does.

/** the signed-in session's token (core/auth/sessions.ts); httpOnly, SameSite=Lax */
export const SESSION_COOKIE = 'sid';
/** the language a visitor last chose, for "/" and pages without a language prefix */
export const LANG_COOKIE = 'lang';
/** the CSRF secret (core/http/csrf.ts), bound to the session */
export const CSRF_COOKIE = 'csrf';
