// Every error a person can meet is a localized page with the right status; JSON clients get
// RFC 9457 problem details. Stack traces go to the log, never to the response.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '../i18n/i18n';
import { Notice } from '../ui/components';
import { href } from '../ui/context';
import { renderPage } from '../ui/layout';
import { sendHtml, viewContext } from './context';
import { badCharactersKey, shownText } from './form';
import { allowedMethods } from './route-table';

const known = new Set([400, 401, 403, 404, 405, 409, 413, 415, 429]);

export async function renderError(req: FastifyRequest, reply: FastifyReply, status: number) {
  const code = known.has(status) ? status : status >= 500 ? 500 : 400;
  if (wantsJson(req)) {
    return reply
      .status(code)
      .header('content-type', 'application/problem+json')
      .send({ type: 'about:blank', status: code, title: translate(req, code) });
  }
  const ctx = await viewContext(req, reply);
  const { t } = ctx;
  const html = renderPage(
    ctx,
    t(`common:error.${code}.title`),
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t(`common:error.${code}.title`)}</h1>
      <p class="kern-body">{t(`common:error.${code}.text`)}</p>
      {code === 403 && !ctx.user && (
        <p>
          <a class="kern-link" href={href(ctx, `/sign-in?next=${encodeURIComponent(req.url)}`)}>
            {t('common:nav.signIn')}
          </a>
        </p>
      )}
      {code === 429 && <Notice kind="warning" title={t('common:error.429.wait')} />}
      <p>
        <a class="kern-link" href={href(ctx, '/')}>
          {t('common:error.home')}
        </a>
      </p>
    </div>,
  );
  return sendHtml(reply, html, code);
}

/**
 * A 400 for fields that hold characters no form may carry (NUL, control characters, lone
 * surrogates), caught before any route reads them: the page names each field.
 */
export async function renderBadInput(req: FastifyRequest, reply: FastifyReply, fields: string[]) {
  const names = fields.map(shownText);
  const t = translator(req.lang);
  if (wantsJson(req)) {
    return reply
      .status(400)
      .header('content-type', 'application/problem+json')
      .send({
        type: 'about:blank',
        status: 400,
        title: translate(req, 400),
        errors: names.map((field) => ({ field, detail: t(badCharactersKey) })),
      });
  }
  const ctx = await viewContext(req, reply);
  const html = renderPage(
    ctx,
    t('common:error.400.title'),
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('common:error.400.title')}</h1>
      <Notice kind="danger" role="alert" title={t(badCharactersKey)}>
        <ul class="kern-list">
          {names.map((field) => (
            <li>{t('common:validation.badCharactersIn', { field })}</li>
          ))}
        </ul>
      </Notice>
      <p>
        <a class="kern-link" href={href(ctx, '/')}>
          {t('common:error.home')}
        </a>
      </p>
    </div>,
  );
  return sendHtml(reply, html, 400);
}

function translate(req: FastifyRequest, code: number) {
  return translator(req.lang)(`common:error.${code}.title`);
}

function wantsJson(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return req.url.startsWith('/api/') || (accept.includes('application/json') && !accept.includes('text/html'));
}

export function setUpErrorPages(app: FastifyInstance) {
  // a known address asked with another method is a 405 that names the methods it takes
  app.setNotFoundHandler((req, reply) => {
    const allowed = allowedMethods(app.routeTable, req.url);
    if (allowed.length === 0 || allowed.includes(req.method)) return renderError(req, reply, 404);
    reply.header('allow', allowed.join(', '));
    return renderError(req, reply, 405);
  });
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: err.code, status }, err.message);

    try {
      return await renderError(req, reply, status);
    } catch (renderErr) {
      req.log.error({ err: renderErr }, 'error page failed');
      return reply.status(500).type('text/plain; charset=utf-8').send('500');
    }
  });
}
