import { type ContentSlug, contentSlugs, operatorSlugs, shownLanguage } from '../content/pages';
import { dirOf, isLang, languages } from '../i18n/i18n';
import type { AdminPage } from '../modules';
import { DataTable, DefinitionList, ErrorSummary, Form, Pagination, SubmitButton, TextField } from '../ui/components';
import { type FieldErrors, href, listPageHref, type ViewContext } from '../ui/context';

const fmt = (ctx: ViewContext, d: Date | null | undefined) =>
  d
    ? new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' }).format(
        d,
      )
    : '–';

/** The administration's home: core's pages, and those the modules add (`adminPages`) that this person may open. */
export function AdminHome({ ctx, pages }: { ctx: ViewContext; pages: AdminPage[] }) {
  const { t } = ctx;
  const links: [string, string, string][] = [
    ['/admin/people', t('admin:people.title'), t('admin:home.peopleText')],
    ...pages
      .filter((p) => ctx.can(p.permission))
      .map((p): [string, string, string] => [p.path, t(p.titleKey), t(p.textKey)]),
    ['/admin/audit', t('admin:audit.title'), t('admin:home.auditText')],
    ['/admin/outbox', t('admin:outbox.title'), t('admin:home.outboxText')],
    ['/admin/content', t('admin:content.title'), t('admin:home.contentText')],
  ];
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('admin:home.title')}</h1>
      <ul class="cards">
        {links.map(([path, title, text]) => (
          <li class="kern-card">
            <div class="kern-card__container">
              <div class="kern-card__header">
                <h2 class="kern-title">
                  <a class="kern-link" href={href(ctx, path)}>
                    {title}
                  </a>
                </h2>
              </div>
              <div class="kern-card__body">
                <p class="kern-body">{text}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface AuditRow {
  id: string;
  at: Date;
  actorLabel: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

export function AuditPage(p: {
  ctx: ViewContext;
  rows: AuditRow[];
  filter: Record<string, string>;
  page: number;
  pageCount: number;
  total: number;
  errors?: FieldErrors;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const query = (page: number) => listPageHref(ctx, '/admin/audit', p.filter, page);
  const json = (v: unknown) =>
    v === null || v === undefined ? '–' : <code class="audit-json">{JSON.stringify(v)}</code>;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('admin:audit.title')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <form method="get" action={href(ctx, '/admin/audit')} class="filter-form" aria-label={t('admin:audit.filter')}>
        <TextField ctx={ctx} name="actor" label={t('admin:audit.actor')} value={p.filter.actor} errors={p.errors} />
        <TextField
          ctx={ctx}
          name="action"
          label={t('admin:audit.action')}
          hint={t('admin:audit.actionHint')}
          value={p.filter.action}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="subject"
          label={t('admin:audit.subject')}
          value={p.filter.subject}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="from"
          type="date"
          label={t('admin:audit.from')}
          value={p.filter.from}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="until"
          type="date"
          label={t('admin:audit.until')}
          value={p.filter.until}
          errors={p.errors}
        />
        <div>
          <SubmitButton kind="secondary" label={t('admin:audit.apply')} />
        </div>
      </form>
      <p class="kern-body">{t('admin:audit.count', { n: p.total })}</p>
      <DataTable
        caption={t('admin:audit.title')}
        empty={t('admin:audit.empty')}
        rows={p.rows}
        columns={[
          { header: t('admin:audit.at'), cell: (r) => fmt(ctx, r.at) },
          { header: t('admin:audit.actor'), cell: (r) => r.actorLabel },
          { header: t('admin:audit.action'), cell: (r) => <code>{r.action}</code> },
          { header: t('admin:audit.subject'), cell: (r) => `${r.subjectKind} ${r.subjectId}` },
          { header: t('admin:audit.before'), cell: (r) => json(r.before) },
          { header: t('admin:audit.after'), cell: (r) => json(r.after) },
        ]}
      />
      <Pagination ctx={ctx} page={p.page} pageCount={p.pageCount} hrefFor={query} />
    </div>
  );
}

export interface OutboxRow {
  id: string;
  to: string;
  subject: string;
  /** The recipient's language the mail was written in. */
  language: string;
  status: string;
  createdAt: Date;
  text: string;
  error: string | null;
  sentAt: Date | null;
  /** files sent with it (a calendar invitation), listed on the mail's page */
  attachments?: { filename: string; contentType: string; content: string }[];
}

export function OutboxPage(p: { ctx: ViewContext; rows: OutboxRow[]; page: number; pageCount: number }) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('admin:outbox.title')}</h1>
      <p class="kern-body">{t('admin:outbox.intro')}</p>
      <DataTable
        caption={t('admin:outbox.title')}
        empty={t('admin:outbox.empty')}
        rows={p.rows}
        columns={[
          {
            header: t('admin:outbox.subject'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/admin/outbox/${r.id}`)} {...mailLanguage(ctx, r)}>
                {r.subject}
              </a>
            ),
          },
          { header: t('admin:outbox.to'), cell: (r) => r.to },
          { header: t('admin:outbox.status'), cell: (r) => t(`admin:outbox.statuses.${r.status}`) },
          { header: t('admin:outbox.created'), cell: (r) => fmt(ctx, r.createdAt) },
        ]}
      />
      <Pagination
        ctx={ctx}
        page={p.page}
        pageCount={p.pageCount}
        hrefFor={(n) => href(ctx, `/admin/outbox?page=${n}`)}
      />
    </div>
  );
}

/** A mail written in another language than the page is marked with its language and direction (an Arabic mail reads right to left). */
function mailLanguage(ctx: ViewContext, mail: OutboxRow): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (!isLang(mail.language) || mail.language === ctx.lang) return {};
  return { lang: mail.language, dir: dirOf(mail.language) };
}

export function OutboxMailPage({ ctx, mail }: { ctx: ViewContext; mail: OutboxRow }) {
  const { t } = ctx;
  const written = mailLanguage(ctx, mail);
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large" {...written}>
        {mail.subject}
      </h1>
      <DefinitionList
        items={[
          { key: t('admin:outbox.to'), value: mail.to },
          { key: t('admin:outbox.status'), value: t(`admin:outbox.statuses.${mail.status}`) },
          { key: t('admin:outbox.created'), value: fmt(ctx, mail.createdAt) },
          { key: t('admin:outbox.sent'), value: fmt(ctx, mail.sentAt) },
          ...(mail.error ? [{ key: t('admin:outbox.error'), value: mail.error }] : []),
        ]}
      />
      <pre class="mail-body" {...written}>
        {mail.text}
      </pre>
      {(mail.attachments?.length ?? 0) > 0 && (
        <DataTable
          caption={t('admin:outbox.attachments')}
          empty=""
          rows={(mail.attachments ?? []).map((a, n) => ({ ...a, n }))}
          columns={[
            {
              header: t('admin:outbox.attachmentFile'),
              cell: (a) => (
                <a
                  class="kern-link"
                  href={href(ctx, `/admin/outbox/${mail.id}/attachments/${a.n}`)}
                  download={a.filename}
                >
                  {a.filename}
                </a>
              ),
            },
            { header: t('admin:outbox.attachmentType'), cell: (a) => <code>{a.contentType}</code> },
            {
              header: t('admin:outbox.attachmentSize'),
              numeric: true,
              cell: (a) =>
                new Intl.NumberFormat(ctx.lang, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(
                  Buffer.byteLength(a.content, 'utf8'),
                ),
            },
          ]}
        />
      )}
      <p>
        <a class="kern-link" href={href(ctx, '/admin/outbox')}>
          {t('admin:outbox.back')}
        </a>
      </p>
    </div>
  );
}

export function ContentListPage({ ctx, edited }: { ctx: ViewContext; edited: Set<string> }) {
  const { t } = ctx;
  // an operator's text that no reader sees yet in any language it falls back to
  const incomplete = operatorSlugs.filter((slug) => languages.some((l) => !shownLanguage(edited, slug, l)));
  const state = (slug: ContentSlug, l: (typeof languages)[number]) => {
    if (edited.has(`${slug}/${l}`)) return t('admin:content.edited');
    if (!operatorSlugs.includes(slug)) return t('admin:content.default');
    const shown = shownLanguage(edited, slug, l);
    return shown
      ? t('admin:content.standIn', { language: t(`common:language.${shown}`) })
      : t('admin:content.incomplete');
  };
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('admin:content.title')}</h1>
      {incomplete.length > 0 && (
        <div class="kern-alert kern-alert--warning">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--warning" aria-hidden="true" />
            <h2 class="kern-title">{t('admin:content.incompleteTitle')}</h2>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">
              {t('admin:content.incompleteText', {
                pages: incomplete.map((slug) => t(`admin:content.slugs.${slug}`)).join(', '),
              })}
            </p>
          </div>
        </div>
      )}
      <p class="kern-body">{t('admin:content.intro')}</p>
      <DataTable
        caption={t('admin:content.title')}
        empty=""
        rows={[...contentSlugs]}
        columns={[
          { header: t('admin:content.page'), cell: (slug) => t(`admin:content.slugs.${slug}`) },
          ...languages.map((l) => ({
            header: t(`common:language.${l}`),
            cell: (slug: ContentSlug) =>
              slug === 'easy-language' && l !== 'de' ? (
                '–'
              ) : (
                <a class="kern-link" href={href(ctx, `/admin/content/${slug}/${l}`)}>
                  {state(slug, l)}
                  <span class="kern-sr-only">
                    {' '}
                    {t(`admin:content.slugs.${slug}`)} {t(`common:language.${l}`)}
                  </span>
                </a>
              ),
          })),
        ]}
      />
    </div>
  );
}

export function ContentEditPage(p: {
  ctx: ViewContext;
  slug: string;
  contentLang: string;
  values: { title: string; body: string };
  errors?: FieldErrors;
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">
        {t('admin:content.editTitle', {
          page: t(`admin:content.slugs.${p.slug}`),
          language: t(`common:language.${p.contentLang}`),
        })}
      </h1>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={href(ctx, `/admin/content/${p.slug}/${p.contentLang}`)}>
        <TextField
          ctx={ctx}
          name="title"
          required
          label={t('admin:content.fieldTitle')}
          value={p.values.title}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="body"
          multiline
          rows={18}
          required
          label={t('admin:content.fieldBody')}
          hint={t('admin:content.bodyHint')}
          value={p.values.body}
          errors={p.errors}
        />
        <SubmitButton label={t('common:form.save')} />
      </Form>
    </div>
  );
}
