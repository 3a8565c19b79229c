// Money back on the page: on the grant page what is owed, paid and the interest so far with where to
// pay; the reclaim's own page with its interest periods, repayments and notices; the officer's forms;
// the base rate table. Views never query; the routes hand in the balance computed by the rules.
import type { FieldIssue } from '../../../core/http/form';
import {
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  issueText,
  Notice,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import type { Grant } from '../decisions/decisions.store';
import { berlinDate, berlinDateTime, euro } from '../format';
import type { BaseRate, InterestResult } from './interest-rules';
import type { ReclaimWithHistory } from './money-back.store';
import { groupedIban, type PaymentAccount } from './money-back-rules';

export interface ReclaimRow extends ReclaimWithHistory {
  balance: InterestResult;
}

export type Failed = { values: Record<string, string>; errors: FieldErrors };

const rate = (lang: string, bp: number) =>
  `${new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(bp / 100)} %`;

const repaid = (r: ReclaimWithHistory) => r.repayments.reduce((s, x) => s + x.amountCents, 0);

/** What the carrier pays to: the funder's account and the reference to write on the transfer. */
export function PayTo({ ctx, account, reference }: { ctx: ViewContext; account: PaymentAccount; reference: string }) {
  const { t } = ctx;
  return (
    <DefinitionList
      items={[
        { key: t('funding:moneyBack.holder'), value: account.holder },
        { key: 'IBAN', value: <span class="nowrap">{groupedIban(account.iban)}</span> },
        { key: 'BIC', value: `${account.bic} (${account.bank})` },
        { key: t('funding:moneyBack.reference'), value: <strong>{reference}</strong> },
      ]}
    />
  );
}

/** The rate is missing for a day: the message, and for officers where to enter it. */
function RateMissing({ ctx, issue, asOfficer }: { ctx: ViewContext; issue: FieldIssue; asOfficer: boolean }) {
  return (
    <Notice kind="warning" title={issueText(ctx, issue)}>
      {asOfficer && (
        <p class="kern-body">
          <a class="kern-link" href={href(ctx, '/funding/money-back')}>
            {ctx.t('funding:baseRate.enter')}
          </a>
        </p>
      )}
    </Notice>
  );
}

export function MoneyBackSection(p: {
  ctx: ViewContext;
  grant: Grant;
  reclaims: ReclaimRow[];
  account: PaymentAccount & { isDefault: boolean };
  asOfficer: boolean;
  today: string;
}) {
  const { ctx, grant } = p;
  const { t, lang } = ctx;
  const base = `/grants/${grant.id}/reclaims`;
  const open = p.reclaims.filter(
    (r) =>
      !r.balance.ok || r.balance.statement.principalOutstandingCents + r.balance.statement.interestOutstandingCents > 0,
  );
  if (p.reclaims.length === 0 && !p.asOfficer) return null;
  return (
    <section class="kern-stack" aria-labelledby="money-back-title">
      <h2 class="kern-heading-medium" id="money-back-title">
        {t('funding:moneyBack.title')}
      </h2>
      {p.reclaims.length > 0 && (
        <DataTable
          caption={t('funding:moneyBack.list')}
          empty=""
          rows={p.reclaims}
          columns={[
            {
              header: t('funding:moneyBack.reference'),
              cell: (r) => (
                <a class="kern-link" href={href(ctx, `${base}/${r.reclaim.id}`)}>
                  {r.reclaim.reference}
                </a>
              ),
            },
            { header: t('funding:moneyBack.amount'), cell: (r) => euro(lang, r.reclaim.amountCents), numeric: true },
            { header: t('funding:moneyBack.dueOn'), cell: (r) => berlinDate(lang, r.reclaim.dueOn) },
            { header: t('funding:moneyBack.paid'), cell: (r) => euro(lang, repaid(r)), numeric: true },
            {
              header: t('funding:moneyBack.interestSoFar'),
              cell: (r) => (r.balance.ok ? euro(lang, r.balance.statement.interestCents) : '–'),
              numeric: true,
            },
            {
              header: t('funding:moneyBack.owed'),
              cell: (r) =>
                r.balance.ok
                  ? euro(
                      lang,
                      r.balance.statement.principalOutstandingCents + r.balance.statement.interestOutstandingCents,
                    )
                  : '–',
              numeric: true,
            },
          ]}
        />
      )}
      {open.map((r) => (
        <div class="kern-stack row-group">
          <h3 class="kern-heading-small">
            {t('funding:moneyBack.payTitle', {
              amount: r.balance.ok
                ? euro(
                    lang,
                    r.balance.statement.principalOutstandingCents + r.balance.statement.interestOutstandingCents,
                  )
                : euro(lang, r.reclaim.amountCents - repaid(r)),
              date: berlinDate(lang, r.reclaim.dueOn),
            })}
          </h3>
          {!r.balance.ok && <RateMissing ctx={ctx} issue={r.balance.issues[0]!} asOfficer={p.asOfficer} />}
          <PayTo ctx={ctx} account={p.account} reference={r.reclaim.reference} />
        </div>
      ))}
      {p.asOfficer && p.account.isDefault && <Notice kind="info" title={t('funding:moneyBack.exampleAccount')} />}
      {p.asOfficer && <ReclaimForm ctx={ctx} grant={grant} today={p.today} />}
    </section>
  );
}

export function ReclaimForm(p: { ctx: ViewContext; grant: Grant; today: string; failed?: Failed }) {
  const { ctx, failed } = p;
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={href(ctx, `/grants/${p.grant.id}/reclaims`)} class="kern-stack row-group">
      <h3 class="kern-heading-small">{t('funding:moneyBack.new')}</h3>
      <ErrorSummary ctx={ctx} errors={failed?.errors} />
      <TextField
        ctx={ctx}
        name="amount"
        required
        inputmode="decimal"
        label={t('funding:moneyBack.amount')}
        value={failed?.values.amount}
        errors={failed?.errors}
      />
      <TextField
        ctx={ctx}
        name="reason"
        required
        multiline
        rows={3}
        label={t('funding:moneyBack.reason')}
        value={failed?.values.reason}
        errors={failed?.errors}
      />
      <div class="row">
        <TextField
          ctx={ctx}
          name="effectiveOn"
          required
          type="date"
          label={t('funding:moneyBack.effectiveOn')}
          hint={t('funding:moneyBack.effectiveHint')}
          value={failed?.values.effectiveOn ?? p.today}
          errors={failed?.errors}
        />
        <TextField
          ctx={ctx}
          name="dueOn"
          required
          type="date"
          label={t('funding:moneyBack.dueOn')}
          value={failed?.values.dueOn}
          errors={failed?.errors}
        />
      </div>
      <SubmitButton kind="secondary" label={t('funding:moneyBack.record')} />
    </Form>
  );
}

/** The reclaim form alone, when it failed: what was typed, what is wrong. */
export function ReclaimFormPage(p: { ctx: ViewContext; grant: Grant; today: string; failed: Failed }) {
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">
        <Written ctx={p.ctx}>{p.grant.title}</Written>
      </h1>
      <p class="kern-body">
        <a class="kern-link" href={href(p.ctx, `/grants/${p.grant.id}`)}>
          {p.ctx.t('funding:moneyBack.backToGrant')}
        </a>
      </p>
      <ReclaimForm {...p} />
    </div>
  );
}

export function ReclaimPage(p: {
  ctx: ViewContext;
  grant: Grant;
  row: ReclaimRow;
  account: PaymentAccount;
  asOfficer: boolean;
  today: string;
  failed?: Failed & { form: 'repayment' | 'notice' };
}) {
  const { ctx, grant, row } = p;
  const { t, lang } = ctx;
  const { reclaim } = row;
  const base = `/grants/${grant.id}/reclaims/${reclaim.id}`;
  const s = row.balance.ok ? row.balance.statement : undefined;
  const failedOf = (form: 'repayment' | 'notice') => (p.failed?.form === form ? p.failed : undefined);
  return (
    <div class="kern-stack prose-wide">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:moneyBack.reclaimTitle', { reference: reclaim.reference })}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{grant.title}</Written>
        </p>
      </hgroup>
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/grants/${grant.id}`)}>
          {t('funding:moneyBack.backToGrant')}
        </a>
      </p>
      <DefinitionList
        items={[
          { key: t('funding:moneyBack.amount'), value: euro(lang, reclaim.amountCents) },
          { key: t('funding:moneyBack.reason'), value: <Written ctx={ctx}>{reclaim.reason}</Written> },
          { key: t('funding:moneyBack.effectiveOn'), value: berlinDate(lang, reclaim.effectiveOn) },
          { key: t('funding:moneyBack.dueOn'), value: berlinDate(lang, reclaim.dueOn) },
          { key: t('funding:moneyBack.paid'), value: euro(lang, repaid(row)) },
          ...(s
            ? [
                { key: t('funding:moneyBack.interestSoFar'), value: euro(lang, s.interestCents) },
                {
                  key: t('funding:moneyBack.owed'),
                  value: <strong>{euro(lang, s.principalOutstandingCents + s.interestOutstandingCents)}</strong>,
                },
              ]
            : []),
        ]}
      />
      {reclaim.withdrawalId && (
        <p class="kern-body">
          <a class="kern-link" href={href(ctx, `/grants/${grant.id}/withdrawals/${reclaim.withdrawalId}.pdf`)}>
            {t('funding:withdrawal.fromWithdrawal')}
          </a>
        </p>
      )}
      {!row.balance.ok && <RateMissing ctx={ctx} issue={row.balance.issues[0]!} asOfficer={p.asOfficer} />}
      <h2 class="kern-heading-medium">{t('funding:moneyBack.whereToPay')}</h2>
      <PayTo ctx={ctx} account={p.account} reference={reclaim.reference} />
      {s && (
        <DataTable
          caption={t('funding:moneyBack.periods', { date: berlinDate(lang, p.today) })}
          empty={t('funding:moneyBack.noPeriods')}
          rows={s.periods}
          columns={[
            {
              header: t('funding:moneyBack.period'),
              cell: (x) => `${berlinDate(lang, x.from)} – ${berlinDate(lang, x.to)}`,
            },
            { header: t('funding:moneyBack.principal'), cell: (x) => euro(lang, x.principalCents), numeric: true },
            { header: t('funding:moneyBack.baseRate'), cell: (x) => rate(lang, x.baseRateBp), numeric: true },
            { header: t('funding:moneyBack.rate'), cell: (x) => rate(lang, x.rateBp), numeric: true },
            { header: t('funding:moneyBack.days'), cell: (x) => String(x.days), numeric: true },
            { header: t('funding:moneyBack.interest'), cell: (x) => euro(lang, x.interestCents), numeric: true },
          ]}
        />
      )}
      <p class="kern-body">{t('funding:moneyBack.method')}</p>
      <DataTable
        caption={t('funding:moneyBack.repayments')}
        empty={t('funding:moneyBack.noRepayments')}
        rows={row.repayments}
        columns={[
          { header: t('funding:moneyBack.paidOn'), cell: (x) => berlinDate(lang, x.paidOn) },
          { header: t('funding:moneyBack.amount'), cell: (x) => euro(lang, x.amountCents), numeric: true },
        ]}
      />
      <DataTable
        caption={t('funding:moneyBack.notices')}
        empty={t('funding:moneyBack.noNotices')}
        rows={row.notices}
        columns={[
          {
            header: t('funding:moneyBack.notice'),
            cell: (x) => (
              <a class="kern-link" href={href(ctx, `${base}/notices/${x.id}.pdf`)}>
                {t('funding:moneyBack.noticeOf', { date: berlinDateTime(lang, x.issuedAt) })}
              </a>
            ),
          },
          { header: t('funding:moneyBack.interest'), cell: (x) => euro(lang, x.interestCents), numeric: true },
        ]}
      />
      {p.asOfficer && (
        <>
          <Form ctx={ctx} action={href(ctx, `${base}/repayments`)} class="kern-stack row-group">
            <h2 class="kern-heading-small">{t('funding:moneyBack.recordRepayment')}</h2>
            <ErrorSummary ctx={ctx} errors={failedOf('repayment')?.errors} />
            <div class="row">
              <TextField
                ctx={ctx}
                name="paidOn"
                required
                type="date"
                label={t('funding:moneyBack.paidOn')}
                value={failedOf('repayment')?.values.paidOn ?? p.today}
                errors={failedOf('repayment')?.errors}
              />
              <TextField
                ctx={ctx}
                name="amount"
                required
                inputmode="decimal"
                label={t('funding:moneyBack.amount')}
                value={failedOf('repayment')?.values.amount}
                errors={failedOf('repayment')?.errors}
              />
            </div>
            <SubmitButton kind="secondary" label={t('funding:moneyBack.recordRepayment')} />
          </Form>
          {/* without the base rate of every period there is no interest to put in a notice (RateMissing says so) */}
          {row.balance.ok && (
            <Form ctx={ctx} action={href(ctx, `${base}/notices`)} class="kern-stack row-group">
              <h2 class="kern-heading-small" id="f-_form" tabindex={-1}>
                {t('funding:moneyBack.issueNotice')}
              </h2>
              <ErrorSummary ctx={ctx} errors={failedOf('notice')?.errors} />
              <p class="kern-body">{t('funding:moneyBack.issueHint', { date: berlinDate(lang, p.today) })}</p>
              <SubmitButton kind="primary" label={t('funding:moneyBack.issueNotice')} />
            </Form>
          )}
        </>
      )}
    </div>
  );
}

export function BaseRatesPage(p: {
  ctx: ViewContext;
  rates: BaseRate[];
  next: string | undefined;
  account: PaymentAccount & { isDefault: boolean };
  mayEditAccount: boolean;
  failed?: Failed & { form: 'rate' | 'account' };
}) {
  const { ctx } = p;
  const { t, lang } = ctx;
  const failedOf = (form: 'rate' | 'account') => (p.failed?.form === form ? p.failed : undefined);
  const rateFailed = failedOf('rate');
  const accountFailed = failedOf('account');
  const value = (name: keyof PaymentAccount) => accountFailed?.values[name] ?? p.account[name];
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">{t('funding:baseRate.title')}</h1>
      <p class="kern-body">{t('funding:baseRate.intro')}</p>
      <Form ctx={ctx} action={href(ctx, '/funding/money-back/rates')} class="kern-stack row-group">
        <h2 class="kern-heading-small">{t('funding:baseRate.add')}</h2>
        <ErrorSummary ctx={ctx} errors={rateFailed?.errors} />
        <div class="row">
          <TextField
            ctx={ctx}
            name="validFrom"
            required
            type="date"
            label={t('funding:baseRate.validFrom')}
            hint={p.next ? t('funding:baseRate.nextHint', { date: berlinDate(lang, p.next) }) : undefined}
            value={rateFailed?.values.validFrom ?? p.next}
            errors={rateFailed?.errors}
          />
          <TextField
            ctx={ctx}
            name="rate"
            required
            inputmode="decimal"
            label={t('funding:baseRate.rate')}
            hint={t('funding:baseRate.rateHint')}
            value={rateFailed?.values.rate}
            errors={rateFailed?.errors}
          />
        </div>
        <SubmitButton kind="primary" label={t('funding:baseRate.save')} />
      </Form>
      <DataTable
        caption={t('funding:baseRate.table')}
        empty=""
        rows={[...p.rates].reverse()}
        columns={[
          { header: t('funding:baseRate.validFrom'), cell: (r) => berlinDate(lang, r.validFrom) },
          { header: t('funding:baseRate.rate'), cell: (r) => rate(lang, r.rateBp), numeric: true },
        ]}
      />
      <h2 class="kern-heading-medium">{t('funding:moneyBack.account')}</h2>
      {p.account.isDefault && <Notice kind="info" title={t('funding:moneyBack.exampleAccount')} />}
      {p.mayEditAccount ? (
        <Form ctx={ctx} action={href(ctx, '/funding/money-back/account')} class="kern-stack row-group">
          <ErrorSummary ctx={ctx} errors={accountFailed?.errors} />
          <TextField
            ctx={ctx}
            name="holder"
            required
            label={t('funding:moneyBack.holder')}
            value={value('holder')}
            errors={accountFailed?.errors}
          />
          <TextField ctx={ctx} name="iban" required label="IBAN" value={value('iban')} errors={accountFailed?.errors} />
          <TextField ctx={ctx} name="bic" required label="BIC" value={value('bic')} errors={accountFailed?.errors} />
          <TextField
            ctx={ctx}
            name="bank"
            required
            label={t('funding:moneyBack.bank')}
            value={value('bank')}
            errors={accountFailed?.errors}
          />
          <SubmitButton kind="secondary" label={t('funding:moneyBack.saveAccount')} />
        </Form>
      ) : (
        <DefinitionList
          items={[
            { key: t('funding:moneyBack.holder'), value: p.account.holder },
            { key: 'IBAN', value: groupedIban(p.account.iban) },
            { key: 'BIC', value: `${p.account.bic} (${p.account.bank})` },
          ]}
        />
      )}
    </div>
  );
}
