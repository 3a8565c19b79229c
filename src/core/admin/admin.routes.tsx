// Administration: audit log, mail outbox, editable texts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAudit } from '../audit/audit';
import { type ContentSlug, contentSlugs, getContent, listEditedContent, saveContent } from '../content/pages';
import { seeOther, sendHtml, viewContext } from '../http/context';
import { renderError } from '../http/errors';
import { pageParam, readForm, str } from '../http/form';
import { actorOf, requirePermission, staffLanguage } from '../http/guards';
import { isLang, translator } from '../i18n/i18n';
import { getOutboxMail, listOutbox } from '../mail/mail';
import type { AppDeps, PlainAction } from '../modules';
import { renderPage } from '../ui/layout';
import { AdminHome, AuditPage, ContentEditPage, ContentListPage, OutboxMailPage, OutboxPage } from './views';

const PAGE_SIZE = 50;
const dateOrEmpty = z
  .union([z.literal(''), z.iso.date('common:validation.date')])
  .optional()
  .default('');
const auditFilter = z.object({
  actor: z.string().trim().max(200, 'common:validation.tooLong').optional().default(''),
  action: z.string().trim().max(100, 'common:validation.tooLong').optional().default(''),
  subject: z.string().trim().max(100, 'common:validation.tooLong').optional().default(''),
  from: dateOrEmpty,
  until: dateOrEmpty,
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});
const contentSchema = z.object({
  title: z.string().trim().min(1, 'common:validation.required').max(200, 'common:validation.tooLong'),
  body: z.string().trim().min(1, 'common:validation.required').max(50000, 'common:validation.tooLong'),
});

export function adminRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db } = deps;
  const adminPages = deps.modules.flatMap((m) => m.adminPages ?? []);
  // staff pages: German or English, then the permission
  const staff = (action: PlainAction) => ({ preHandler: [staffLanguage, requirePermission(action)] });

  app.get('/admin', staff('admin.area'), async (req, reply) => {
    const ctx = await viewContext(req, reply);
    return sendHtml(reply, renderPage(ctx, ctx.t('admin:home.title'), <AdminHome ctx={ctx} pages={adminPages} />));
  });

  app.get('/admin/audit', staff('admin.audit.read'), async (req, reply) => {
    const ctx = await viewContext(req, reply);
    const raw = req.query as Record<string, unknown>;
    const form = readForm(auditFilter, Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, str(v)])));
    const shown = {
      actor: str(raw.actor),
      action: str(raw.action),
      subject: str(raw.subject),
      from: str(raw.from),
      until: str(raw.until),
    };
    if (!form.ok) {
      return sendHtml(
        reply,
        renderPage(
          ctx,
          ctx.t('admin:audit.title'),
          <AuditPage ctx={ctx} rows={[]} filter={shown} page={1} pageCount={0} total={0} errors={form.errors} />,
        ),
        400,
      );
    }
    const f = form.data;
    const until = f.until ? new Date(`${f.until}T00:00:00Z`) : undefined;
    if (until) until.setUTCDate(until.getUTCDate() + 1);
    const [subjectKind, subjectId] = f.subject.split(/\s+/, 2);
    const { rows, total } = await listAudit(db, {
      actor: f.actor || undefined,
      action: f.action || undefined,
      subjectKind: subjectKind || undefined,
      subjectId: subjectId || undefined,
      from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
      until,
      page: f.page,
      pageSize: PAGE_SIZE,
    });
    const filter = Object.fromEntries(Object.entries(shown).filter(([, v]) => v));
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('admin:audit.title'),
        <AuditPage
          ctx={ctx}
          rows={rows}
          filter={filter}
          page={f.page}
          pageCount={Math.ceil(total / PAGE_SIZE)}
          total={total}
        />,
      ),
    );
  });

  app.get('/admin/outbox', staff('admin.outbox.read'), async (req, reply) => {
    const ctx = await viewContext(req, reply);
    const page = pageParam(req.query);
    const { rows, total } = await listOutbox(db, page, PAGE_SIZE);
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('admin:outbox.title'),
        <OutboxPage ctx={ctx} rows={rows} page={page} pageCount={Math.ceil(total / PAGE_SIZE)} />,
      ),
    );
  });

  app.get<{ Params: { id: string } }>('/admin/outbox/:id', staff('admin.outbox.read'), async (req, reply) => {
    if (!z.uuid().safeParse(req.params.id).success) return renderError(req, reply, 404);
    const mail = await getOutboxMail(db, req.params.id);
    if (!mail) return renderError(req, reply, 404);
    const ctx = await viewContext(req, reply);
    return sendHtml(reply, renderPage(ctx, mail.subject, <OutboxMailPage ctx={ctx} mail={mail} />));
  });

  // a file sent with the mail, as sent; always a download, never shown in the admin's page
  app.get<{ Params: { id: string; n: string } }>(
    '/admin/outbox/:id/attachments/:n',
    staff('admin.outbox.read'),
    async (req, reply) => {
      if (!z.uuid().safeParse(req.params.id).success || !/^\d{1,3}$/.test(req.params.n))
        return renderError(req, reply, 404);
      const mail = await getOutboxMail(db, req.params.id);
      const file = mail?.attachments[Number(req.params.n)];
      if (!file) return renderError(req, reply, 404);
      const ascii = file.filename.replace(/[^A-Za-z0-9._-]/g, '_') || 'attachment';
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );

  app.get('/admin/content', staff('admin.content.edit'), async (req, reply) => {
    const ctx = await viewContext(req, reply);
    const edited = await listEditedContent(db);
    return sendHtml(
      reply,
      renderPage(ctx, ctx.t('admin:content.title'), <ContentListPage ctx={ctx} edited={edited} />),
    );
  });

  const target = (params: { slug: string; contentLang: string }) => {
    const slug = contentSlugs.find((s) => s === params.slug);
    const lang = isLang(params.contentLang) ? params.contentLang : undefined;
    if (!slug || !lang || (slug === 'easy-language' && lang !== 'de')) return undefined;
    return { slug: slug as ContentSlug, lang };
  };

  app.get<{ Params: { slug: string; contentLang: string } }>(
    '/admin/content/:slug/:contentLang',
    staff('admin.content.edit'),
    async (req, reply) => {
      const tg = target(req.params);
      if (!tg) return renderError(req, reply, 404);
      const ctx = await viewContext(req, reply);
      const content = await getContent(db, translator(tg.lang), tg.slug, tg.lang);
      return sendHtml(
        reply,
        renderPage(
          ctx,
          ctx.t('admin:content.title'),
          <ContentEditPage ctx={ctx} slug={tg.slug} contentLang={tg.lang} values={content} />,
        ),
      );
    },
  );

  app.post<{ Params: { slug: string; contentLang: string } }>(
    '/admin/content/:slug/:contentLang',
    staff('admin.content.edit'),
    async (req, reply) => {
      const tg = target(req.params);
      if (!tg) return renderError(req, reply, 404);
      const form = readForm(contentSchema, req.body);
      if (!form.ok) {
        const ctx = await viewContext(req, reply);
        const b = req.body as Record<string, unknown>;
        return sendHtml(
          reply,
          renderPage(
            ctx,
            ctx.t('admin:content.title'),
            <ContentEditPage
              ctx={ctx}
              slug={tg.slug}
              contentLang={tg.lang}
              values={{ title: str(b.title), body: str(b.body) }}
              errors={form.errors}
            />,
          ),
          400,
        );
      }
      await saveContent(db, actorOf(req), tg.slug, tg.lang, form.data, deps.now());
      return seeOther(reply, `/${req.lang}/admin/content?notice=saved`);
    },
  );
}
