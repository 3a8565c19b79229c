// Bad bytes never reach a route: before any handler reads the address, the query or the body,
// a field holding NUL, a control character or a lone surrogate is answered with a 400 that names
// the field (forms read through `readForm` name it at the field as well). JSON bodies are read as
// forms are: an object of texts (or lists of texts), so no route meets an object where it
// expects text.
import type { FastifyInstance } from 'fastify';
import { renderBadInput } from './errors';
import { badFields } from './form';

const isFormValue = (v: unknown) =>
  typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

export function setUpInputChecks(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    parseJson(req, body as string, (err, value) => {
      if (err) return done(err, undefined);
      if (
        typeof value !== 'object' ||
        value === null ||
        Array.isArray(value) ||
        !Object.values(value).every(isFormValue)
      ) {
        const e = new Error('a JSON body must be an object of texts, as a form is') as Error & { statusCode: number };
        e.statusCode = 400;
        return done(e, undefined);
      }
      done(null, value);
    });
  });

  app.addHook('preValidation', async (req, reply) => {
    if (req.is404) return;
    const fields = [...badFields(req.params), ...badFields(req.query), ...badFields(req.body)];
    if (fields.length) return renderBadInput(req, reply, [...new Set(fields)]);
  });
}
