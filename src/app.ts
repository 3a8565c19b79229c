// buildApp(deps): core plugins first, then every manifest's routes under each language prefix.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { makeCan } from './core/auth/permissions';
import { currentUserOfSession } from './core/auth/session-cache';
import { isDemoLoaded } from './core/content/settings';
import './core/http/context';
import { setUpErrorPages } from './core/http/errors';
import { defaultLang, isLang, languages, negotiate } from './core/i18n/i18n';
import type { AppDeps } from './core/modules';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SESSION_COOKIE = 'sid';
export const LANG_COOKIE = 'lang';

export async function buildApp(
  deps: AppDeps,
  opts: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: true,
    return503OnClosing: true,
  });

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  // uploads: fields and files land in the body, so the CSRF check reads the token as for any form
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: 50 * 1024 * 1024, files: 20, fields: 100, fieldSize: 100 * 1024 },
  });
  await app.register(csrf, {
    cookieKey: 'csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true },
    getToken: (req) => {
      const token = (req.body as Record<string, unknown> | undefined)?._csrf;
      // multipart fields arrive as { value }
      return typeof token === 'object' && token !== null
        ? String((token as { value?: unknown }).value ?? '')
        : (token as string);
    },
  });
  await app.register(fastifyStatic, {
    root: join(root, 'node_modules/@kern-ux/native/dist'),
    prefix: '/assets/kern/',
    maxAge: '7d',
  });
  await app.register(fastifyStatic, {
    root: join(root, 'public'),
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1h',
  });

  app.decorate('can', makeCan(deps.modules));
  app.decorate(
    'navigation',
    deps.modules.flatMap((m) => m.navigation ?? []),
  );
  app.decorate('isDemo', () => isDemoLoaded(db));
  app.decorateRequest('lang', defaultLang);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('dbGeneration', null);

  app.addHook('onRequest', async (req) => {
    const prefix = req.url.slice(1, 3);
    const fromPath = (req.url.length === 3 || req.url[3] === '/' || req.url[3] === '?') && isLang(prefix);
    req.lang = fromPath
      ? prefix
      : (() => {
          const c = req.cookies[LANG_COOKIE];
          return isLang(c) ? c : (negotiate(req.headers['accept-language']) ?? defaultLang);
        })();
    const token = req.cookies[SESSION_COOKIE];
    if (token && !req.url.startsWith('/assets/')) {
      const { user, generation } = await currentUserOfSession(db, token);
      req.dbGeneration = generation;
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
  });

  // Every state-changing request needs the form's token; a failure answers 403 and changes nothing.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    app.csrfProtection(req, reply, done);
  });

  setUpErrorPages(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await db.execute(sql`select 1`);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });
  app.get('/', async (req, reply) => reply.redirect(`/${req.lang}/`, 302));

  for (const lang of languages) {
    await app.register(
      async (scoped) => {
        scoped.addHook('onSend', async (req, reply) => {
          if (req.cookies[LANG_COOKIE] !== lang)
            reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
        });
        for (const m of deps.modules) await m.routes?.(scoped, deps);
      },
      { prefix: `/${lang}` },
    );
  }
  return app;
}
