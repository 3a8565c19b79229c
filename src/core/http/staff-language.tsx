// Staff pages (officers, reviewers, administration) exist in German and English only. Asked for in
// another language, such a page says so in the reader's language and links to the same page in
// German and in English: at the address asked for (200, no redirect), so the language switcher on it
// still leads to this page in every language and nobody is moved to a language they did not choose.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { staffLanguages } from '../i18n/i18n';
import { renderPage } from '../ui/layout';
import { sendHtml, viewContext } from './context';

/**
 * preHandler for staff pages: in German and English the page itself, in every other language the
 * notice. A write asked for in another language is not carried out: the notice with 400.
 */
export async function staffLanguage(req: FastifyRequest, reply: FastifyReply) {
  if (staffLanguages.includes(req.lang)) return;
  const ctx = await viewContext(req, reply);
  const { t } = ctx;
  const title = t('common:staffOnly.title');
  const html = renderPage(
    ctx,
    title,
    <div class="kern-stack prose staff-only">
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('common:staffOnly.text')}</p>
      <ul class="kern-list">
        {staffLanguages.map((l) => (
          <li>
            <a class="kern-link" href={`/${l}${ctx.path}`} hreflang={l}>
              {t(`common:staffOnly.open.${l}`)}
            </a>
          </li>
        ))}
      </ul>
    </div>,
  );
  const reads = req.method === 'GET' || req.method === 'HEAD';
  return sendHtml(reply.header('content-language', req.lang), html, reads ? 200 : 400);
}
