// Headers beyond helmet's: what the browser may use on our pages (nothing the platform needs:
// no camera, microphone, location, payment, USB …), and that nothing a signed-in person sees is
// kept in the browser's cache, where "Back" after signing out would show it again (the admin
// outbox with live reset links, a funding PDF, the "my data" download).
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

export const permissionsPolicy = [
  'accelerometer',
  'ambient-light-sensor',
  'autoplay',
  'battery',
  'bluetooth',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'interest-cohort',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export function setUpHeaders(app: FastifyInstance) {
  app.addHook('onRequest', (_req, reply, done) => {
    reply.header('permissions-policy', permissionsPolicy);
    done();
  });
  // Every answer to a signed-in request is private, whatever the route: pages, PDFs, uploaded
  // documents, downloads. Public pages and /assets/ (read without a session) stay cacheable.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.user || req.sessionToken) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/**
 * Helmet's headers (CSP, HSTS, referrer policy …), set on every answer as @fastify/helmet sets
 * them. The plugin builds helmet's middleware afresh for each request (parsing the CSP
 * directives every time: 3 % of a public page's CPU); our options are the same for every route
 * and hold no per-request parts (no nonces, no functions), so the headers it writes are the
 * same on every request. They are taken once from the plugin itself, on a throw-away server, and
 * written the way it writes them (on the raw response, before the route runs).
 */
export async function setUpHelmetHeaders(app: FastifyInstance, options: FastifyHelmetOptions) {
  const probe = Fastify();
  await probe.register(helmet, options);
  let headers: [string, string | number | string[]][] = [];
  probe.get('/', (_req, reply) => {
    headers = Object.entries(reply.raw.getHeaders()).filter(
      (e): e is [string, string | number | string[]] => e[1] !== undefined,
    );
    return reply.send('');
  });
  await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  if (headers.length === 0) throw new Error('helmet set no headers');
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
