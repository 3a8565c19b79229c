// Where a session begins or ends: a fresh session id, and a fresh CSRF secret, so that nothing a
// visitor held before (a planted cookie, a form token from an anonymous page) works afterwards.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit';
import type { Db } from '../db/client';
import { safeNext, seeOther } from '../http/context';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/cookies';
import { createSession, destroySession } from './sessions';
import { loadCurrentUser } from './users';

/**
 * Drops the CSRF secret: the browser forgets it, and a page rendered later in this request (or the
 * next one) makes a new one. A token issued before no longer matches any secret.
 */
export function rotateCsrf(req: FastifyRequest, reply: FastifyReply) {
  delete req.cookies[CSRF_COOKIE];
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Signs the person in on this browser: ends any session it had, starts a new one, rotates CSRF. */
export async function beginSession(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  secureCookies: boolean,
  now: Date,
): Promise<void> {
  if (req.sessionToken) await destroySession(db, req.sessionToken);
  const token = await createSession(db, userId, req.headers['user-agent'], now);
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
  rotateCsrf(req, reply);
  // a page rendered in this same answer already belongs to the new session
  req.sessionToken = token;
  req.user = await loadCurrentUser(db, userId);
}

/** Signs the person out on this browser. */
export async function endSession(db: Db, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.sessionToken) await destroySession(db, req.sessionToken);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  rotateCsrf(req, reply);
  req.sessionToken = null;
  req.user = null;
}

/**
 * The end of a successful sign-in (password, and the second factor where it is on): the session,
 * an audit entry, and the page the person wanted, in the language they signed in on.
 */
export async function completeSignIn(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; email: string },
  opts: { next?: string; secureCookies: boolean; secondFactor?: string; now: Date },
) {
  await beginSession(db, req, reply, user.id, opts.secureCookies, opts.now);
  await recordAudit(
    db,
    { id: user.id, label: user.email, ip: req.ip },
    {
      action: 'auth.signedIn',
      subjectKind: 'user',
      subjectId: user.id,
      after: opts.secondFactor ? { secondFactor: opts.secondFactor } : undefined,
    },
  );
  return seeOther(reply, safeNext(opts.next, `/${req.lang}/`));
}
