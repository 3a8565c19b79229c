// The officer's deadline calendar: reports overdue and due in the next 90 days, payment requests and
// change requests waiting, and the address of the calendar feed with the button that renews it.
import { DataTable, Form, SubmitButton, Written } from '../../../core/ui/components';
import { href, type ViewContext } from '../../../core/ui/context';
import { berlinDate, euro } from '../format';
import type { Deadlines } from './calendar.store';

type ReportRow = Deadlines['reports'][number];

export function reportLabel(t: ViewContext['t'], r: Pick<ReportRow, 'kind' | 'budgetYear'>) {
  return r.kind === 'interim' ? t('funding:report.interim', { year: r.budgetYear }) : t('funding:report.final');
}

export function CalendarPage(p: {
  ctx: ViewContext;
  overdue: ReportRow[];
  upcoming: ReportRow[];
  payments: Deadlines['payments'];
  changes: Deadlines['changes'];
  feedSince: Date | undefined;
  /** the new address, shown once right after it was made */
  feedUrl?: string;
}) {
  const { ctx } = p;
  const { t, lang } = ctx;
  const project = (r: { title: string; grantId: string }, path = '') => (
    <a class="kern-link" href={href(ctx, `/grants/${r.grantId}${path}`)}>
      <Written ctx={ctx}>{r.title}</Written>
    </a>
  );
  const reportColumns = [
    { header: t('funding:history.calendar.project'), cell: (r: ReportRow) => project(r, `/reports/${r.reportId}`) },
    { header: t('funding:history.calendar.report'), cell: (r: ReportRow) => reportLabel(t, r) },
    { header: t('funding:history.calendar.due'), cell: (r: ReportRow) => berlinDate(lang, r.dueOn) },
  ];
  const berlinDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d);
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">{t('funding:history.calendar.title')}</h1>
      <p>{t('funding:history.calendar.intro')}</p>
      <DataTable
        caption={t('funding:history.calendar.overdue')}
        empty={t('funding:history.calendar.none')}
        rows={p.overdue}
        columns={reportColumns}
      />
      <DataTable
        caption={t('funding:history.calendar.upcoming')}
        empty={t('funding:history.calendar.none')}
        rows={p.upcoming}
        columns={reportColumns}
      />
      <DataTable
        caption={t('funding:history.calendar.payments')}
        empty={t('funding:history.calendar.none')}
        rows={p.payments}
        columns={[
          { header: t('funding:history.calendar.project'), cell: (r) => project(r) },
          { header: t('funding:history.calendar.due'), cell: (r) => berlinDate(lang, r.dueOn) },
          { header: t('funding:history.calendar.amount'), cell: (r) => euro(lang, r.requestedCents), numeric: true },
        ]}
      />
      <DataTable
        caption={t('funding:history.calendar.changes')}
        empty={t('funding:history.calendar.none')}
        rows={p.changes}
        columns={[
          { header: t('funding:history.calendar.project'), cell: (r) => project(r, `/changes/${r.changeId}`) },
          { header: t('funding:history.calendar.kind'), cell: (r) => t(`funding:change.kinds.${r.kind}`) },
          { header: t('funding:history.calendar.requested'), cell: (r) => berlinDate(lang, berlinDay(r.requestedAt)) },
        ]}
      />
      <section class="kern-stack" aria-labelledby="feed-title">
        <h2 class="kern-heading-medium" id="feed-title">
          {t('funding:history.calendar.feed.title')}
        </h2>
        <p>{t('funding:history.calendar.feed.hint')}</p>
        {p.feedUrl ? (
          <div class="kern-stack">
            <p>
              <strong>{t('funding:history.calendar.feed.url')}</strong>
            </p>
            <p>
              <code class="feed-url">{p.feedUrl}</code>
            </p>
          </div>
        ) : (
          <p>
            {p.feedSince
              ? t('funding:history.calendar.feed.active', { date: berlinDate(lang, berlinDay(p.feedSince)) })
              : t('funding:history.calendar.feed.none')}
          </p>
        )}
        <Form ctx={ctx} action={href(ctx, '/funding/calendar/feed')}>
          <SubmitButton
            kind="secondary"
            label={t(p.feedSince ? 'funding:history.calendar.feed.renew' : 'funding:history.calendar.feed.create')}
          />
        </Form>
      </section>
    </div>
  );
}
