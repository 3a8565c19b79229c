// Home page, the legally required texts, and the accessibility feedback form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hitLimit } from '../auth/rate-limit';
import { listAdminContacts } from '../auth/users';
import { seeOther, sendHtml, viewContext } from '../http/context';
import { renderError } from '../http/errors';
import { readForm, str } from '../http/form';
import { sendMail } from '../mail/mail';
import type { AppDeps } from '../modules';
import { renderPage } from '../ui/layout';
import { type ContentSlug, saveFeedback, shownContent } from './pages';
import { ContentPage, FeedbackForm, HomePage } from './views';

const feedbackSchema = z.object({
  message: z.string().trim().min(1, 'common:validation.required').max(5000, 'common:validation.tooLong'),
  pageUrl: z.string().trim().max(500, 'common:validation.tooLong').optional().default(''),
  contactEmail: z
    .union([z.literal(''), z.email('common:validation.email').max(254, 'common:validation.tooLong')])
    .optional(),
});

export function contentRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, config } = deps;

  app.get('/', async (req, reply) => {
    const ctx = await viewContext(req, reply);
    return sendHtml(reply, renderPage(ctx, ctx.t('common:home.title'), <HomePage ctx={ctx} />));
  });

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: ContentSlug,
    extra?: (ctx: Awaited<ReturnType<typeof viewContext>>) => preact.ComponentChildren,
    status = 200,
  ) => {
    const ctx = await viewContext(req, reply);
    const content = await shownContent(db, slug, ctx.lang);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        content.title,
        <ContentPage ctx={ctx} slug={slug} content={content}>
          {extra?.(ctx)}
        </ContentPage>,
      ),
      status,
    );
  };

  app.get('/imprint', (req, reply) => show(req, reply, 'imprint'));
  app.get('/privacy', (req, reply) => show(req, reply, 'privacy'));
  app.get('/easy-language', (req, reply) => show(req, reply, 'easy-language'));
  app.get('/accessibility', (req, reply) => show(req, reply, 'accessibility', (ctx) => <FeedbackForm ctx={ctx} />));

  app.post('/accessibility/feedback', async (req, reply) => {
    const form = readForm(feedbackSchema, req.body);
    if (!form.ok) {
      const b = req.body as Record<string, unknown>;
      const values = { message: str(b.message), pageUrl: str(b.pageUrl), contactEmail: str(b.contactEmail) };
      return show(
        req,
        reply,
        'accessibility',
        (ctx) => <FeedbackForm ctx={ctx} values={values} errors={form.errors} />,
        400,
      );
    }
    const limit = await hitLimit(db, `feedback:ip:${req.ip}`, 10, 3600);
    if (!limit.allowed) {
      reply.header('retry-after', String(limit.retryAfterSeconds));
      return renderError(req, reply, 429);
    }
    await saveFeedback(db, { ...form.data, contactEmail: form.data.contactEmail, language: req.lang });
    for (const a of await listAdminContacts(db)) {
      await sendMail(db, config, {
        to: a.email,
        template: 'accessibilityFeedback',
        language: a.language,
        vars: { message: form.data.message, pageUrl: form.data.pageUrl || '-', contact: form.data.contactEmail || '-' },
      });
    }
    return seeOther(reply, `/${req.lang}/accessibility?notice=feedbackSent`);
  });
}
