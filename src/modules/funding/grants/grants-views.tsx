import type { ComponentChildren } from 'preact';
import {
  DataTable,
  ErrorSummary,
  Form,
  issueText,
  Message,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { expenseLines } from '../applications/financing-plan';
import type { Grant } from '../decisions/decisions.store';
import { berlinDate, euro, euroInput } from '../format';
import type { Report } from '../reports/reports.store';
import { ReportsTable } from '../reports/reports-views';
import type { Dashboard } from './dashboard.store';
import { ProjectsTable } from './dashboard-views';
import type { PaymentRequest } from './grants.store';
import type { LedgerRow, UnspentFlag } from './ledger';
import { isYearDecided } from './payment-rules';

/** A form of the grant page that failed: which one (a payment's own forms name the payment), what was typed, what is wrong. */
export type FailedForm = { values: Record<string, string>; errors: FieldErrors } & (
  | { form: 'request' }
  | { form: 'decision' | 'spent'; paymentId: string }
);

export function MyGrants({ ctx, dashboard, page }: { ctx: ViewContext; dashboard: Dashboard; page: number }) {
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{ctx.t('funding:grant.mine')}</h1>
      <ProjectsTable ctx={ctx} dashboard={dashboard} showCarrier={false} page={page} basePath="/grants" />
    </div>
  );
}

export function GrantPage(p: {
  ctx: ViewContext;
  grant: Grant;
  rows: LedgerRow[];
  grantByYear: Record<number, { granted: number; drawn: number; remaining: number }>;
  payments: PaymentRequest[];
  flags: UnspentFlag[];
  reports: Report[];
  asCarrier: boolean;
  asOfficer: boolean;
  /** the project has ended: no more payment requests (grant-period.ts) */
  ended: boolean;
  failed?: FailedForm;
  /** reclaims, what is owed and where to pay (money-back/) */
  moneyBack?: ComponentChildren;
  /** withdrawals of the decision and the officer's withdrawal form (withdrawals/) */
  withdrawals?: ComponentChildren;
  /** the way to the grant's messages, with what is new to the reader (messages/) */
  messages?: ComponentChildren;
  /** the budget years decided one at a time and the next continuation application (continuations/) */
  continuations?: ComponentChildren;
}) {
  const { ctx, grant } = p;
  const { t, lang } = ctx;
  const years = Object.keys(p.grantByYear).map(Number);
  const flagOf = (id: string) => p.flags.find((f) => f.paymentId === id);
  /** The failed form, if it is this one (a payment's decision or spending: that payment's). */
  const failedOf = (form: FailedForm['form'], paymentId?: string) =>
    p.failed?.form === form && (!('paymentId' in p.failed) || p.failed.paymentId === paymentId) ? p.failed : undefined;
  const request = failedOf('request');
  const base = `/grants/${grant.id}`;
  const finalReport = p.reports.find((r) => r.kind === 'final');
  // under a programme deciding one budget year at a time, the later years are only held out
  const intendedCents = years
    .filter((y) => !isYearDecided(grant, y))
    .reduce((sum, y) => sum + (p.grantByYear[y]?.granted ?? 0), 0);
  const finalOpen = finalReport && (finalReport.status === 'open' || finalReport.status === 'correctionsRequested');
  return (
    <div class="kern-stack prose-wide">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">
          <Written ctx={ctx}>{grant.title}</Written>
        </h1>
        <p class="kern-subline">
          {berlinDate(lang, grant.startDate)} – {berlinDate(lang, grant.endDate)} · {t('funding:grant.approved')}:{' '}
          {euro(lang, grant.approvedTotalCents - intendedCents)}
          {intendedCents > 0 && ` · ${t('funding:continuation.intended')}: ${euro(lang, intendedCents)}`}
        </p>
      </hgroup>
      {p.messages}
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `${base}/changes`)}>
          {t('funding:grant.changes')}
        </a>{' '}
        · {t('funding:change.planVersion')} {grant.planVersion}
        {p.asOfficer && (
          <>
            {' · '}
            <a class="kern-link" href={href(ctx, `${base}/history`)}>
              {t('funding:history.link')}
            </a>
          </>
        )}
      </p>
      {p.continuations}
      {p.ended && (
        <section class="kern-stack" aria-labelledby="ended-title">
          <h2 class="kern-heading-medium" id="ended-title">
            {grant.withdrawnOn ? t('funding:withdrawal.withdrawnTitle') : t('funding:grant.endedTitle')}
          </h2>
          <p class="kern-body">
            {grant.withdrawnOn
              ? t('funding:withdrawal.noPayments', { date: berlinDate(lang, grant.withdrawnOn) })
              : t('funding:grant.ended', { date: berlinDate(lang, grant.endDate) })}
          </p>
          {finalOpen && (
            <p class="kern-body">{t('funding:grant.finalDue', { date: berlinDate(lang, finalReport.dueOn) })}</p>
          )}
          {/* a request sent anyway (the form is no longer offered) is refused with the end date */}
          <ErrorSummary
            ctx={ctx}
            items={Object.values(request?.errors ?? {}).map((e) => ({ text: issueText(ctx, e) }))}
          />
        </section>
      )}
      {p.flags.length > 0 && (
        <Notice kind="warning" title={t('funding:grant.unspentTitle')} role="alert">
          <ul class="kern-list kern-list--bullet">
            {p.flags.map((f) => (
              <li>
                {t('funding:grant.unspentItem', {
                  amount: euro(lang, f.unspentCents),
                  count: f.overdueDays,
                  interest: euro(lang, f.interestCents),
                })}
              </li>
            ))}
          </ul>
          <p class="kern-body">{t('funding:grant.unspentHelp')}</p>
        </Notice>
      )}
      <DataTable
        caption={t('funding:grant.byYear')}
        empty=""
        rows={years}
        columns={[
          {
            header: t('funding:ranking.year'),
            // a year stated as intended only is not granted yet (one budget year at a time)
            cell: (y) => (isYearDecided(grant, y) ? String(y) : `${y} (${t('funding:continuation.year.intended')})`),
          },
          { header: t('funding:grant.granted'), cell: (y) => euro(lang, p.grantByYear[y]!.granted), numeric: true },
          { header: t('funding:grant.drawn'), cell: (y) => euro(lang, p.grantByYear[y]!.drawn), numeric: true },
          {
            header: t('funding:ranking.remaining'),
            cell: (y) => euro(lang, p.grantByYear[y]!.remaining),
            numeric: true,
          },
        ]}
      />
      <DataTable
        caption={t('funding:grant.ledger')}
        empty=""
        rows={p.rows}
        columns={[
          { header: t('funding:plan.line'), cell: (r) => `${t(`funding:line.${r.line}`)} ${r.year}` },
          { header: t('funding:grant.planned'), cell: (r) => euro(lang, r.plannedCents), numeric: true },
          { header: t('funding:grant.drawn'), cell: (r) => euro(lang, r.drawnCents), numeric: true },
          { header: t('funding:grant.spent'), cell: (r) => euro(lang, r.spentCents), numeric: true },
          { header: t('funding:ranking.remaining'), cell: (r) => euro(lang, r.remainingCents), numeric: true },
        ]}
      />
      <p class="kern-body">{t('funding:grant.spentBasis')}</p>
      <ReportsTable ctx={ctx} grant={grant} reports={p.reports} />
      {p.withdrawals}
      {p.moneyBack}
      <DataTable
        caption={t('funding:payment.list')}
        empty={t('funding:payment.none')}
        rows={p.payments}
        columns={[
          {
            header: t('funding:payment.purpose'),
            cell: (x) => (
              <>
                <Written ctx={ctx}>{x.purpose}</Written> ({t(`funding:line.${x.line}`)} {x.year})
              </>
            ),
          },
          { header: t('funding:payment.dueOn'), cell: (x) => berlinDate(lang, x.dueOn) },
          { header: t('funding:payment.requested'), cell: (x) => euro(lang, x.requestedCents), numeric: true },
          { header: t('funding:payment.approved'), cell: (x) => euro(lang, x.approvedCents), numeric: true },
          { header: t('funding:grant.spent'), cell: (x) => euro(lang, x.spentCents), numeric: true },
          {
            header: t('funding:application.status'),
            cell: (x) => (
              <>
                {t(`funding:payment.statuses.${x.status}`)}
                {flagOf(x.id) && <strong class="flag"> {t('funding:payment.overdue')}</strong>}
              </>
            ),
          },
        ]}
      />
      {p.asOfficer &&
        p.payments
          .filter((x) => x.status === 'requested')
          .map((x) => {
            const failed = failedOf('decision', x.id);
            return (
              <Form ctx={ctx} action={href(ctx, `${base}/payments/${x.id}/decision`)} class="kern-stack row-group">
                <h2 class="kern-heading-small">
                  <Message
                    ctx={ctx}
                    k="funding:payment.decideTitle"
                    parts={{ purpose: <Written ctx={ctx}>{x.purpose}</Written> }}
                    values={{ amount: euro(lang, x.requestedCents) }}
                  />
                </h2>
                <ErrorSummary ctx={ctx} errors={failed?.errors} />
                <TextField
                  ctx={ctx}
                  id={`f-amount-${x.id}`}
                  name="amount"
                  inputmode="decimal"
                  label={t('funding:payment.approveAmount')}
                  hint={t('funding:payment.approveHint')}
                  value={failed ? failed.values.amount : euroInput(lang, x.requestedCents)}
                  errors={failed?.errors}
                />
                <div class="button-row">
                  <button type="submit" name="action" value="approve" class="kern-btn kern-btn--primary">
                    <span class="kern-label">{t('funding:payment.approve')}</span>
                  </button>
                  <button type="submit" name="action" value="reject" class="kern-btn kern-btn--secondary">
                    <span class="kern-label">{t('funding:payment.reject')}</span>
                  </button>
                </div>
              </Form>
            );
          })}
      {p.asCarrier &&
        p.payments
          .filter((x) => (x.status === 'approved' || x.status === 'reduced') && x.spentCents < x.approvedCents)
          .map((x) => {
            const failed = failedOf('spent', x.id);
            return (
              <Form ctx={ctx} action={href(ctx, `${base}/payments/${x.id}/spent`)} class="kern-stack row-group">
                <h2 class="kern-heading-small">
                  <Message
                    ctx={ctx}
                    k="funding:payment.spentTitle"
                    parts={{ purpose: <Written ctx={ctx}>{x.purpose}</Written> }}
                    values={{ amount: euro(lang, x.approvedCents) }}
                  />
                </h2>
                <ErrorSummary ctx={ctx} errors={failed?.errors} />
                <div class="row">
                  <TextField
                    ctx={ctx}
                    id={`f-spent-${x.id}`}
                    name="spent"
                    required
                    inputmode="decimal"
                    label={t('funding:payment.spentAmount')}
                    value={failed ? failed.values.spent : euroInput(lang, x.spentCents || x.approvedCents)}
                    errors={failed?.errors}
                  />
                  <TextField
                    ctx={ctx}
                    id={`f-spentOn-${x.id}`}
                    name="spentOn"
                    required
                    type="date"
                    label={t('funding:payment.spentOn')}
                    value={failed?.values.spentOn}
                    errors={failed?.errors}
                  />
                </div>
                <SubmitButton kind="secondary" label={t('funding:payment.reportSpent')} />
              </Form>
            );
          })}
      {p.asCarrier && !p.ended && (
        <section class="kern-stack" aria-labelledby="request-title">
          <h2 class="kern-heading-medium" id="request-title">
            {t('funding:payment.new')}
          </h2>
          <p class="kern-body">{t('funding:payment.newHint')}</p>
          <ErrorSummary ctx={ctx} errors={request?.errors} />
          <Form ctx={ctx} action={href(ctx, `${base}/payments`)}>
            <SelectField
              ctx={ctx}
              name="year"
              required
              label={t('funding:ranking.year')}
              value={request?.values.year}
              errors={request?.errors}
              // a year only intended (decided one year at a time, continuations/) says so
              choices={years.map((y) => ({
                value: String(y),
                label: isYearDecided(grant, y) ? String(y) : `${y} (${t('funding:continuation.year.intended')})`,
              }))}
            />
            <SelectField
              ctx={ctx}
              name="line"
              required
              label={t('funding:plan.line')}
              value={request?.values.line}
              errors={request?.errors}
              choices={expenseLines.map((l) => ({ value: l, label: t(`funding:line.${l}`) }))}
            />
            <TextField
              ctx={ctx}
              name="amount"
              inputmode="decimal"
              required
              label={t('funding:payment.requested')}
              value={request?.values.amount}
              errors={request?.errors}
            />
            <TextField
              ctx={ctx}
              name="dueOn"
              type="date"
              required
              label={t('funding:payment.dueOn')}
              hint={t('funding:payment.dueHint')}
              value={request?.values.dueOn}
              errors={request?.errors}
            />
            <TextField
              ctx={ctx}
              name="purpose"
              required
              label={t('funding:payment.purpose')}
              value={request?.values.purpose}
              errors={request?.errors}
            />
            <SubmitButton label={t('funding:payment.submit')} />
          </Form>
        </section>
      )}
    </div>
  );
}
