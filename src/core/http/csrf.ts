// CSRF tokens (@fastify/csrf-protection): a secret in a signed cookie, and every token is bound
// to the session it was made for. A token taken from one person's page is worthless in another
// session, and a signed-out page's token is worthless once someone signs in on that browser.
import { createHash } from 'node:crypto';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config';
import { CSRF_COOKIE } from './cookies';
import { requireUser } from './guards';
import { readUploadToken } from './uploads';

/** What a token is bound to: the live session (a hash of its token), or nobody. */
function sessionBinding(req: FastifyRequest): string {
  return req.sessionToken ? createHash('sha256').update(req.sessionToken).digest('base64url') : 'anonymous';
}

function bodyToken(req: FastifyRequest): string | undefined {
  const token = (req.body as Record<string, unknown> | undefined | null)?._csrf;
  return typeof token === 'string' ? token : undefined;
}

export async function setUpCsrf(app: FastifyInstance, config: Config) {
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true },
    getToken: bodyToken,
    getUserInfo: sessionBinding,
    csrfOpts: { hmacKey: createHash('sha256').update(`csrf:${config.sessionSecret}`).digest() },
  });

  // Every caller of reply.generateCsrf() (views, the page cache, sign-in) gets a token bound to
  // this request's session without having to know about the binding.
  app.addHook('onRequest', (req, reply, done) => {
    const generate = reply.generateCsrf;
    reply.generateCsrf = (opts) => generate.call(reply, { ...opts, userInfo: sessionBinding(req) });
    done();
  });

  // Every state-changing request needs the form's token; a failure answers 403 and changes nothing.
  // An upload is checked here too, before any file is read: its token is the form's first field.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    // no route: the not-found handler answers 404/405 and changes nothing
    if (req.is404) return done();
    if (!(req.routeOptions.config.uploads && req.isMultipart())) return app.csrfProtection(req, reply, done);
    // uploads only from a signed-in person: anyone else is sent to sign in before any byte is read
    if (!req.user) {
      requireUser(req, reply).catch(done);
      return;
    }
    readUploadToken(req).then(
      (token) => {
        req.body = { _csrf: token ?? '' };
        app.csrfProtection(req, reply, done);
      },
      (err: unknown) => done(err as Error),
    );
  });
}
