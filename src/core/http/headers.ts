// Headers beyond helmet's: what the browser may use on our pages (nothing the platform needs:
// no camera, microphone, location, payment, USB …), and that nothing a signed-in person sees is
// kept in the browser's cache, where "Back" after signing out would show it again (the admin
// outbox with live reset links, a funding PDF, the "my data" download).
import type { FastifyInstance } from 'fastify';

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
