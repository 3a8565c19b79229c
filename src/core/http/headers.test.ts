// Helmet's headers are taken once from @fastify/helmet: every answer (a page, a 404, an error)
// carries exactly what the plugin itself would have set on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { setUpHelmetHeaders } from './headers';

async function server(setUp: (app: FastifyInstance) => PromiseLike<unknown>) {
  const app = Fastify();
  await setUp(app);
  app.get('/page', async (_req, reply) => reply.header('content-type', 'text/html').send('<p>x</p>'));
  app.get('/own', async (_req, reply) => reply.header('referrer-policy', 'same-origin').send('x'));
  app.get('/fails', async () => {
    throw new Error('boom');
  });
  return app;
}

const withoutDate = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'date'));

test('every answer carries the headers @fastify/helmet sets, with and without HSTS', async () => {
  for (const secure of [false, true]) {
    const options: FastifyHelmetOptions = {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
          ...(secure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: secure,
      crossOriginEmbedderPolicy: false,
      xFrameOptions: false,
    };
    const plugin = await server((app) => app.register(helmet, options));
    const once = await server((app) => setUpHelmetHeaders(app, options));
    for (const url of ['/page', '/own', '/fails', '/missing']) {
      const [a, b] = await Promise.all([plugin.inject({ url }), once.inject({ url })]);
      assert.equal(b.statusCode, a.statusCode, url);
      assert.deepEqual(withoutDate(b.headers), withoutDate(a.headers), `${url} secure=${secure}`);
    }
    const csp = String((await once.inject({ url: '/page' })).headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(/upgrade-insecure-requests/.test(csp), secure);
    await Promise.all([plugin.close(), once.close()]);
  }
});
