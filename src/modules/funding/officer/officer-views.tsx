// The officer's tools: every application across calls with a GET filter (works without script),
// the payments by budget year and programme, and what needs the officer today. Views never query.
import { DataTable, Pagination, SelectField, SubmitButton, TextField, Written } from '../../../core/ui/components';
import { href, type ViewContext } from '../../../core/ui/context';
import { berlinDate, berlinDateTime, euro } from '../format';
import { fieldsOfAction } from '../programmes/fields-of-action';
import { cooperationForms } from '../programmes/programme-forms';
import {
  type ApplicationQuery,
  applicationQueryParams,
  applicationSorts,
  landCodes,
  listedStatuses,
  type PaymentQuery,
  paymentQueryParams,
  paymentStatuses,
} from './list-query';
import {
  LIST_PAGE_SIZE,
  type ListedApplication,
  type ListedPayment,
  type OfficerCounts,
  type PaymentGroup,
} from './officer.store';

const k = (key: string) => `funding:officerTools.${key}`;

function ExportLinks(p: { ctx: ViewContext; items: { file: string; label: string }[]; query: string }) {
  const { ctx } = p;
  return (
    <section class="kern-stack" aria-labelledby="exports-title">
      <h2 class="kern-heading-small" id="exports-title">
        {ctx.t(k('exports.title'))}
      </h2>
      <ul class="kern-list">
        {p.items.map((i) => (
          <li>
            <a class="kern-link" href={href(ctx, `/funding/exports/${i.file}${p.query ? `?${p.query}` : ''}`)} download>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ApplicationListPage(p: {
  ctx: ViewContext;
  filter: ApplicationQuery;
  calls: { id: string; title: string; programmeTitle: string }[];
  rows: ListedApplication[];
  total: number;
}) {
  const { ctx, filter } = p;
  const { t, lang } = ctx;
  const exportQuery = applicationQueryParams(filter, { page: 1 });
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t(k('applications.title'))}</h1>
      <form
        method="get"
        action={href(ctx, '/funding/applications')}
        class="filter-form"
        aria-label={t(k('applications.filter'))}
      >
        <TextField
          ctx={ctx}
          name="q"
          type="search"
          label={t(k('applications.search'))}
          hint={t(k('applications.searchHint'))}
          value={filter.q}
        />
        <SelectField
          ctx={ctx}
          name="call"
          label={t(k('applications.call'))}
          placeholder={t(k('applications.allCalls'))}
          choices={p.calls.map((c) => ({ value: c.id, label: `${c.title} (${c.programmeTitle})` }))}
          value={filter.callId}
        />
        <SelectField
          ctx={ctx}
          name="status"
          label={t(k('applications.status'))}
          placeholder={t(k('applications.allStatuses'))}
          choices={listedStatuses.map((s) => ({ value: s, label: t(`funding:status.${s}`) }))}
          value={filter.status}
        />
        <SelectField
          ctx={ctx}
          name="land"
          label={t(k('applications.land'))}
          hint={t(k('applications.landHint'))}
          placeholder={t(k('applications.allLands'))}
          choices={landCodes.map((c) => ({ value: c, label: t(k(`lands.l${c}`)) }))}
          value={filter.land}
        />
        <SelectField
          ctx={ctx}
          name="field"
          label={t(k('applications.field'))}
          placeholder={t(k('applications.allFields'))}
          choices={fieldsOfAction.map((f) => ({ value: f, label: t(`funding:fieldOfAction.${f}`) }))}
          value={filter.field}
        />
        <SelectField
          ctx={ctx}
          name="cooperation"
          label={t(k('applications.cooperation'))}
          placeholder={t(k('applications.allCooperations'))}
          choices={cooperationForms.map((c) => ({ value: c, label: t(`funding:cooperationForm.${c}`) }))}
          value={filter.cooperation}
        />
        <SelectField
          ctx={ctx}
          name="sort"
          required
          label={t(k('applications.sort'))}
          choices={applicationSorts.map((s) => ({ value: s, label: t(k(`sorts.${s}`)) }))}
          value={filter.sort}
        />
        <SelectField
          ctx={ctx}
          name="dir"
          required
          label={t(k('applications.dir'))}
          choices={[
            { value: 'asc', label: t(k('applications.asc')) },
            { value: 'desc', label: t(k('applications.desc')) },
          ]}
          value={filter.dir}
        />
        <div>
          <SubmitButton kind="secondary" label={t(k('applications.apply'))} />
        </div>
      </form>
      <p class="kern-body" role="status">
        {t(k('applications.found'), { n: p.total })}
      </p>
      <DataTable
        caption={t(k('applications.title'))}
        empty={t(k('applications.empty'))}
        rows={p.rows}
        columns={[
          { header: t(k('columns.caseNumber')), cell: (r) => <span class="nowrap">{r.caseNumber ?? '–'}</span> },
          {
            header: t('funding:application.project'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/funding/applications/${r.id}`)}>
                <Written ctx={ctx}>{r.title || t(k('applications.untitled'))}</Written>
              </a>
            ),
          },
          { header: t('funding:apply.organisation'), cell: (r) => <Written ctx={ctx}>{r.organisationName}</Written> },
          {
            header: t(k('applications.call')),
            cell: (r) => (
              <>
                <Written ctx={ctx}>{r.callTitle}</Written> (<Written ctx={ctx}>{r.programmeTitle}</Written>)
              </>
            ),
          },
          { header: t(k('applications.status')), cell: (r) => t(`funding:status.${r.status}`) },
          { header: t(k('sorts.amount')), cell: (r) => euro(lang, r.requestedCents), numeric: true },
          {
            header: t(k('sorts.submitted')),
            cell: (r) => (r.submittedAt ? berlinDateTime(lang, r.submittedAt) : '–'),
          },
        ]}
      />
      <Pagination
        ctx={ctx}
        page={filter.page}
        pageCount={Math.ceil(p.total / LIST_PAGE_SIZE)}
        hrefFor={(n) => href(ctx, `/funding/applications?${applicationQueryParams(filter, { page: n })}`)}
      />
      <ExportLinks
        ctx={ctx}
        query={exportQuery}
        items={[
          { file: 'applications.csv', label: t(k('exports.applicationsCsv')) },
          { file: 'applications.xlsx', label: t(k('exports.applicationsXlsx')) },
          { file: 'decisions.csv', label: t(k('exports.decisionsCsv')) },
          { file: 'decisions.xlsx', label: t(k('exports.decisionsXlsx')) },
        ]}
      />
    </div>
  );
}

const statusLabel = (ctx: ViewContext, s: string) => ctx.t(k(`payments.statuses.${s}`));

export function PaymentsOverviewPage(p: {
  ctx: ViewContext;
  filter: PaymentQuery;
  programmes: { id: string; title: string }[];
  years: number[];
  groups: PaymentGroup[];
  rows: ListedPayment[];
  total: number;
}) {
  const { ctx, filter } = p;
  const { t, lang } = ctx;
  const cell = (g: PaymentGroup, s: string) => {
    const x = g.byStatus[s];
    if (!x) return '–';
    return (
      <a
        class="kern-link"
        href={href(
          ctx,
          `/funding/payments?${paymentQueryParams({ page: 1, unspent: false }, { year: g.year, programmeId: g.programmeId, status: s as PaymentQuery['status'] })}`,
        )}
      >
        {t(k('payments.countSum'), { n: x.count, sum: euro(lang, x.cents) })}
      </a>
    );
  };
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t(k('payments.title'))}</h1>
      <form
        method="get"
        action={href(ctx, '/funding/payments')}
        class="filter-form"
        aria-label={t(k('payments.filter'))}
      >
        <SelectField
          ctx={ctx}
          name="year"
          label={t(k('payments.year'))}
          placeholder={t(k('payments.allYears'))}
          choices={p.years.map((y) => ({ value: String(y), label: String(y) }))}
          value={filter.year ? String(filter.year) : ''}
        />
        <SelectField
          ctx={ctx}
          name="programme"
          label={t(k('payments.programme'))}
          placeholder={t(k('payments.allProgrammes'))}
          choices={p.programmes.map((x) => ({ value: x.id, label: x.title }))}
          value={filter.programmeId}
        />
        <SelectField
          ctx={ctx}
          name="status"
          label={t(k('payments.status'))}
          placeholder={t(k('payments.allStatuses'))}
          choices={paymentStatuses.map((s) => ({ value: s, label: statusLabel(ctx, s) }))}
          value={filter.status}
        />
        <SelectField
          ctx={ctx}
          name="unspent"
          label={t(k('payments.unspent'))}
          placeholder={t(k('payments.unspentAll'))}
          choices={[{ value: '1', label: t(k('payments.unspentOnly')) }]}
          value={filter.unspent ? '1' : ''}
        />
        <div>
          <SubmitButton kind="secondary" label={t(k('applications.apply'))} />
        </div>
      </form>
      <DataTable
        caption={t(k('payments.byYear'))}
        empty={t(k('payments.empty'))}
        rows={p.groups}
        columns={[
          { header: t(k('payments.year')), cell: (g) => String(g.year) },
          { header: t(k('payments.programme')), cell: (g) => <Written ctx={ctx}>{g.programmeTitle}</Written> },
          ...paymentStatuses.map((s) => ({ header: statusLabel(ctx, s), cell: (g: PaymentGroup) => cell(g, s) })),
        ]}
      />
      <p class="kern-body" role="status">
        {t(k('payments.found'), { n: p.total })}
      </p>
      <DataTable
        caption={t(k('payments.requests'))}
        empty={t(k('payments.empty'))}
        rows={p.rows}
        columns={[
          {
            header: t('funding:application.project'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/grants/${r.grantId}`)}>
                <Written ctx={ctx}>{r.grantTitle}</Written>
              </a>
            ),
          },
          { header: t('funding:apply.organisation'), cell: (r) => <Written ctx={ctx}>{r.organisationName}</Written> },
          { header: t(k('payments.year')), cell: (r) => String(r.year) },
          { header: t(k('payments.status')), cell: (r) => statusLabel(ctx, r.status) },
          { header: t(k('payments.requested')), cell: (r) => euro(lang, r.requestedCents), numeric: true },
          { header: t(k('payments.approved')), cell: (r) => euro(lang, r.approvedCents), numeric: true },
          { header: t(k('payments.dueOn')), cell: (r) => berlinDate(lang, r.dueOn) },
          { header: t(k('payments.paidOn')), cell: (r) => (r.paidOn ? berlinDate(lang, r.paidOn) : '–') },
        ]}
      />
      <Pagination
        ctx={ctx}
        page={filter.page}
        pageCount={Math.ceil(p.total / LIST_PAGE_SIZE)}
        hrefFor={(n) => href(ctx, `/funding/payments?${paymentQueryParams(filter, { page: n })}`)}
      />
      <ExportLinks
        ctx={ctx}
        query={paymentQueryParams(filter, { page: 1 })}
        items={[
          { file: 'payments.csv', label: t(k('exports.paymentsCsv')) },
          { file: 'payments.xlsx', label: t(k('exports.paymentsXlsx')) },
        ]}
      />
    </div>
  );
}

/** Where each of the dashboard's counts leads. */
export const countLinks: Record<keyof OfficerCounts, string> = {
  awaitingDecision: '/funding/applications?status=submitted&dir=asc',
  outstandingReviews: '/funding/applications?status=submitted&dir=asc',
  openPayments: '/funding/payments?status=requested',
  openChanges: '/funding/inbox',
  unreadNotifications: '/funding/inbox',
  unspentPayments: '/funding/payments?unspent=1',
  overdueReports: '/funding#projects-title',
  openContinuations: '/funding/continuations',
};

/** The label of a count; the continuations' lives in their own section of the catalog. */
const countLabel = (key: keyof OfficerCounts) =>
  key === 'openContinuations' ? 'funding:continuation.todayCount' : k(`today.${key}`);

/** What needs the officer today: each count with a link to its list. */
export function OfficerToday({ ctx, counts }: { ctx: ViewContext; counts: OfficerCounts }) {
  const { t } = ctx;
  const keys = Object.keys(countLinks) as (keyof OfficerCounts)[];
  return (
    <section class="kern-stack" aria-labelledby="today-title">
      <h2 class="kern-heading-medium" id="today-title">
        {t(k('today.title'))}
      </h2>
      <ul class="kern-list officer-today">
        {keys.map((key) => (
          <li data-count={key}>
            <a class="kern-link" href={href(ctx, countLinks[key])}>
              {t(countLabel(key))}: <strong>{counts[key]}</strong>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
