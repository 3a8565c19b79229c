// buildApp(deps): core plugins first, then every manifest's routes under each language prefix.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { makeCan, makeRoles } from './core/auth/permissions';
import { currentUserOfSession } from './core/auth/session-cache';
import { isDemoLoaded } from './core/content/settings';
import './core/http/context';
import { LANG_COOKIE, SESSION_COOKIE } from './core/http/cookies';
import { setUpCsrf } from './core/http/csrf';
import { setUpErrorPages } from './core/http/errors';
import { setUpHeaders, setUpHelmetHeaders } from './core/http/headers';
import { setUpInputChecks } from './core/http/input-checks';
import { recordRoutes } from './core/http/route-table';
import { discardUnreadUpload, refuseUnexpectedMultipart } from './core/http/uploads';
import { defaultLang, isLang, languages, negotiate, useModuleLocales } from './core/i18n/i18n';
import type { AppDeps } from './core/modules';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildApp(
  deps: AppDeps,
  opts: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const { config, db } = deps;
  useModuleLocales(deps.modules);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    // only the proxies the operator names may tell the client's address (TRUST_PROXY)
    // (a hop count N trusts the N nearest hops, as Fastify does for a number)
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    return503OnClosing: true,
  });
  app.decorate('routeTable', recordRoutes(app));

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  await setUpHelmetHeaders(app, {
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
    // frame-ancestors 'none' above says it for every browser that matters
    xFrameOptions: false,
  });
  setUpHeaders(app);
  // uploads are read by the routes that declare them, as streams, after session and CSRF checks
  // (core/http/uploads.ts); the plugin only marks a request as multipart
  await app.register(multipart, { limits: { fileSize: 0, files: 0 } });
  await setUpCsrf(app, config);
  setUpInputChecks(app);
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
  app.decorate('roles', makeRoles(deps.modules));
  app.decorate(
    'navigation',
    deps.modules.flatMap((m) => m.navigation ?? []),
  );
  app.decorate('isDemo', () => isDemoLoaded(db));
  app.decorate('pageCacheEnabled', config.pageCache);
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
      const { user } = await currentUserOfSession(db, token, deps.now().getTime());
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
  });

  app.addHook('onRequest', refuseUnexpectedMultipart);
  app.addHook('onSend', discardUnreadUpload);

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
