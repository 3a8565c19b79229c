// The pages of continuation applications: the budget years on the grant page with the call to
// action for the next one, the carrier's form (prefilled from the binding plan), a continuation with
// its decision and notice, the officer's decision form and the officer's list of those waiting.
// Views never query; errors are translated by the field components (issueText).
import {
  ChoiceGroup,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  issueText,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { expenseLines } from '../applications/financing-plan';
import type { Grant } from '../decisions/decisions.store';
import { berlinDate, berlinDateTime, euro } from '../format';
import type { ContinuationContent, StoredPlan } from '../schema';
import { grantInYear, grantYears, isYearDecided, lineField } from './continuation-rules';
import type { Continuation, WaitingContinuation } from './continuations.store';

type Values = Record<string, string | string[] | undefined>;
const one = (v: Values, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? x[0] : x;
};

export interface NextYear {
  year: number;
  /** the carrier can file it today */
  open: boolean;
  /** the first day it can be filed */
  opensOn: string;
  /** the continuation of the year, if one was started */
  existing?: Continuation;
}

/** The budget years on the grant page: decided, intended, or asked for; the way to the next one. */
export function ContinuationSection(p: {
  ctx: ViewContext;
  grant: Grant;
  continuations: Continuation[];
  next?: NextYear;
  asCarrier: boolean;
}) {
  const { ctx, grant } = p;
  const { t, lang } = ctx;
  const base = `/grants/${grant.id}`;
  const of = (year: number) => p.continuations.find((c) => c.budgetYear === year);
  const state = (year: number) => {
    const c = of(year);
    if (isYearDecided(grant, year)) return t('funding:continuation.year.decided');
    if (c) return t(`funding:continuation.status.${c.status}`);
    return t('funding:continuation.year.intended');
  };
  const next = p.next;
  const draft = next?.existing?.status === 'draft';
  return (
    <section class="kern-stack" aria-labelledby="continuation-title">
      <h2 class="kern-heading-medium" id="continuation-title">
        {t('funding:continuation.sectionTitle')}
      </h2>
      <p class="kern-body">{t('funding:continuation.sectionIntro')}</p>
      <DataTable
        caption={t('funding:continuation.yearsCaption')}
        columns={[
          { header: t('funding:continuation.budgetYear'), cell: (y: number) => String(y) },
          {
            header: t('funding:continuation.amount'),
            cell: (y: number) => euro(lang, grantInYear(grant.plan, y)),
            numeric: true,
          },
          { header: t('funding:application.status'), cell: (y: number) => state(y) },
          {
            header: t('funding:continuation.application'),
            cell: (y: number) => {
              const c = of(y);
              return c && c.status !== 'draft' ? (
                <a class="kern-link" href={href(ctx, `${base}/continuations/${c.id}`)}>
                  {t('funding:continuation.show', { year: y })}
                </a>
              ) : (
                '–'
              );
            },
          },
        ]}
        rows={grantYears(grant.plan)}
        empty="–"
      />
      {next && p.asCarrier && next.open && (!next.existing || draft) && (
        <p class="kern-body">
          <a class="kern-btn kern-btn--primary" href={href(ctx, `${base}/continuation`)}>
            <span class="kern-label">
              {draft
                ? t('funding:continuation.continueDraft', { year: next.year })
                : t('funding:continuation.cta', { year: next.year })}
            </span>
          </a>
        </p>
      )}
      {next && p.asCarrier && !next.open && !next.existing && (
        <p class="kern-body">
          {t('funding:continuation.opensOn', { year: next.year, date: berlinDate(lang, next.opensOn) })}
        </p>
      )}
    </section>
  );
}

/** The year's plan as a table: expenses by line, the cover, the grant. */
function YearPlanTable({ ctx, plan, year }: { ctx: ViewContext; plan: StoredPlan; year: number }) {
  const { t, lang } = ctx;
  const rows: { label: string; cents: number }[] = [
    ...expenseLines
      .map((l) => ({
        label: t(`funding:line.${l}`),
        cents: plan.expenses.filter((e) => e.line === l && e.year === year).reduce((s, e) => s + e.amountCents, 0),
      }))
      .filter((r) => r.cents > 0),
    { label: t('funding:plan.ownFunds'), cents: plan.ownFunds.reduce((s, o) => s + o.amountCents, 0) },
    { label: t('funding:plan.thirdParty'), cents: plan.thirdPartyFunds.reduce((s, o) => s + o.amountCents, 0) },
    { label: t('funding:grantPdf.grant'), cents: grantInYear(plan, year) },
  ];
  return (
    <DataTable
      caption={t('funding:continuation.planCaption', { year })}
      columns={[
        { header: t('funding:plan.line'), cell: (r) => r.label },
        { header: t('funding:continuation.amount'), cell: (r) => euro(lang, r.cents), numeric: true },
      ]}
      rows={rows}
      empty="–"
    />
  );
}

/** The carrier's continuation application for a year, prefilled from the binding plan. */
export function ContinuationFormPage(p: {
  ctx: ViewContext;
  grant: Grant;
  year: number;
  intendedCents: number;
  milestones: { title: string; due: string }[];
  spending: { paidOutCents: number; spentCents: number };
  values: Values;
  errors?: FieldErrors;
}) {
  const { ctx, grant, year, values, errors } = p;
  const { t, lang } = ctx;
  const refused = errors?.continuation;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:continuation.formTitle', { year })}</h1>
        <p class="kern-subline">
          <a class="kern-link" href={href(ctx, `/grants/${grant.id}`)}>
            <Written ctx={ctx}>{grant.title}</Written>
          </a>
        </p>
      </hgroup>
      <p class="kern-body">{t('funding:continuation.formIntro', { year, intended: euro(lang, p.intendedCents) })}</p>
      <ErrorSummary ctx={ctx} errors={errors} items={refused ? [{ text: issueText(ctx, refused) }] : undefined} />
      <Form ctx={ctx} action={href(ctx, `/grants/${grant.id}/continuation`)} id="f-continuation">
        <input type="hidden" name="year" value={String(year)} />
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('funding:continuation.planLegend', { year })}</legend>
          <div class="kern-hint">{t('funding:continuation.planHint')}</div>
          <div class="kern-fieldset__body kern-stack">
            {expenseLines.map((l) => (
              <TextField
                ctx={ctx}
                name={lineField(l)}
                label={t(`funding:line.${l}`)}
                value={one(values, lineField(l))}
                errors={errors}
                inputmode="decimal"
              />
            ))}
            <TextField
              ctx={ctx}
              name="own"
              label={t('funding:plan.ownFunds')}
              value={one(values, 'own')}
              errors={errors}
              inputmode="decimal"
            />
            <TextField
              ctx={ctx}
              name="third"
              label={t('funding:plan.thirdParty')}
              value={one(values, 'third')}
              errors={errors}
              inputmode="decimal"
            />
            <TextField
              ctx={ctx}
              name="thirdSource"
              label={t('funding:continuation.thirdSource')}
              value={one(values, 'thirdSource')}
              errors={errors}
            />
            <TextField
              ctx={ctx}
              name="grant"
              required
              label={t('funding:continuation.grantAsked', { year })}
              hint={t('funding:continuation.grantAskedHint', { intended: euro(lang, p.intendedCents) })}
              value={one(values, 'grant')}
              errors={errors}
              inputmode="decimal"
            />
          </div>
        </fieldset>
        <h2 class="kern-heading-medium">{t('funding:continuation.progressTitle')}</h2>
        <DefinitionList
          items={[
            { key: t('funding:continuation.paidOut'), value: euro(lang, p.spending.paidOutCents) },
            { key: t('funding:continuation.spent'), value: euro(lang, p.spending.spentCents) },
          ]}
        />
        <TextField
          ctx={ctx}
          name="progress"
          multiline
          rows={6}
          required
          label={t('funding:continuation.progress')}
          hint={t('funding:continuation.progressHint')}
          value={one(values, 'progress')}
          errors={errors}
        />
        {p.milestones.length > 0 && (
          <ChoiceGroup
            ctx={ctx}
            type="checkbox"
            name="milestone"
            label={t('funding:continuation.milestones')}
            value={values.milestone}
            errors={errors}
            choices={p.milestones.map((m) => ({
              value: m.title,
              label: m.due ? `${m.title} (${berlinDate(lang, m.due)})` : m.title,
            }))}
          />
        )}
        <TextField
          ctx={ctx}
          name="changesWished"
          multiline
          rows={3}
          label={t('funding:continuation.changesWished')}
          hint={t('funding:continuation.changesWishedHint')}
          value={one(values, 'changesWished')}
          errors={errors}
        />
        <div class="button-row">
          <button type="submit" name="intent" value="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('funding:continuation.submit')}</span>
          </button>
          <button type="submit" name="intent" value="save" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('funding:continuation.saveDraft')}</span>
          </button>
        </div>
      </Form>
    </div>
  );
}

/** A submitted continuation: what was asked, how the project stands, the decision and its notice. */
export function ContinuationPage(p: {
  ctx: ViewContext;
  grant: Grant;
  continuation: Continuation;
  intendedCents: number;
  asOfficer: boolean;
  values: Values;
  errors?: FieldErrors;
}) {
  const { ctx, grant, continuation: c } = p;
  const { t, lang } = ctx;
  const content: ContinuationContent = c.submitted ?? c.content;
  const base = `/grants/${grant.id}/continuations/${c.id}`;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:continuation.pageTitle', { year: c.budgetYear })}</h1>
        <p class="kern-subline">
          <a class="kern-link" href={href(ctx, `/grants/${grant.id}`)}>
            <Written ctx={ctx}>{grant.title}</Written>
          </a>
        </p>
      </hgroup>
      <DefinitionList
        items={[
          { key: t('funding:application.status'), value: t(`funding:continuation.status.${c.status}`) },
          ...(c.submittedAt
            ? [{ key: t('funding:continuation.submittedAt'), value: berlinDateTime(lang, c.submittedAt) }]
            : []),
          { key: t('funding:continuation.intended'), value: euro(lang, p.intendedCents) },
          { key: t('funding:continuation.asked'), value: euro(lang, grantInYear(content.plan, c.budgetYear)) },
          ...(c.approvedCents !== null
            ? [{ key: t('funding:continuation.approvedAmount'), value: euro(lang, c.approvedCents) }]
            : []),
          ...(c.decidedAt
            ? [{ key: t('funding:continuation.decidedAt'), value: berlinDateTime(lang, c.decidedAt) }]
            : []),
          ...(c.reasons
            ? [
                {
                  key: t('funding:continuation.reasons'),
                  value: (
                    <Written ctx={ctx} class="pre-line">
                      {c.reasons}
                    </Written>
                  ),
                },
              ]
            : []),
        ]}
      />
      {c.documentFileId && (
        <p class="kern-body">
          <a class="kern-link" href={href(ctx, `${base}/notice.pdf`)} hreflang="de">
            {t('funding:continuation.noticePdf', { year: c.budgetYear })}
          </a>
        </p>
      )}
      <YearPlanTable ctx={ctx} plan={c.plan ?? content.plan} year={c.budgetYear} />
      <h2 class="kern-heading-medium">{t('funding:continuation.progressTitle')}</h2>
      <DefinitionList
        items={[
          ...(content.spending
            ? [
                { key: t('funding:continuation.paidOut'), value: euro(lang, content.spending.paidOutCents) },
                { key: t('funding:continuation.spent'), value: euro(lang, content.spending.spentCents) },
              ]
            : []),
          {
            key: t('funding:continuation.progress'),
            value: (
              <Written ctx={ctx} class="pre-line">
                {content.progress || '–'}
              </Written>
            ),
          },
          {
            key: t('funding:continuation.milestones'),
            value: content.milestonesReached.length ? (
              <Written ctx={ctx}>{content.milestonesReached.join(', ')}</Written>
            ) : (
              '–'
            ),
          },
          {
            key: t('funding:continuation.changesWished'),
            value: (
              <Written ctx={ctx} class="pre-line">
                {content.changesWished || '–'}
              </Written>
            ),
          },
        ]}
      />
      {p.asOfficer && c.status === 'submitted' && (
        <section class="kern-stack" aria-labelledby="decide">
          <h2 class="kern-heading-medium" id="decide">
            {t('funding:continuation.decide')}
          </h2>
          <p class="kern-body">{t('funding:continuation.decideIntro')}</p>
          <ErrorSummary ctx={ctx} errors={p.errors} />
          <Form ctx={ctx} action={href(ctx, `${base}/decision`)} id="f-continuation-decision">
            <TextField
              ctx={ctx}
              name="amount"
              label={t('funding:continuation.approvedAmount')}
              hint={t('funding:continuation.amountHint')}
              value={one(p.values, 'amount')}
              errors={p.errors}
              inputmode="decimal"
            />
            <TextField
              ctx={ctx}
              name="reasons"
              multiline
              rows={4}
              label={t('funding:continuation.reasons')}
              hint={t('funding:continuation.reasonsHint')}
              value={one(p.values, 'reasons')}
              errors={p.errors}
            />
            <div class="button-row">
              <button type="submit" name="action" value="approve" class="kern-btn kern-btn--primary">
                <span class="kern-label">{t('funding:continuation.approve')}</span>
              </button>
              <button type="submit" name="action" value="reject" class="kern-btn kern-btn--secondary">
                <span class="kern-label">{t('funding:continuation.reject')}</span>
              </button>
            </div>
          </Form>
        </section>
      )}
    </div>
  );
}

/** The officer's list: continuation applications waiting for a decision. */
export function WaitingContinuationsPage({ ctx, rows }: { ctx: ViewContext; rows: WaitingContinuation[] }) {
  const { t, lang } = ctx;
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">{t('funding:continuation.waitingTitle')}</h1>
      <DataTable
        caption={t('funding:continuation.waitingCaption')}
        columns={[
          {
            header: t('funding:continuation.project'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/grants/${r.grantId}/continuations/${r.id}`)}>
                <Written ctx={ctx}>{r.title}</Written>
              </a>
            ),
          },
          { header: t('funding:continuation.carrier'), cell: (r) => <Written ctx={ctx}>{r.organisation}</Written> },
          { header: t('funding:continuation.budgetYear'), cell: (r) => String(r.budgetYear) },
          {
            header: t('funding:continuation.submittedAt'),
            cell: (r) => (r.submittedAt ? berlinDateTime(lang, r.submittedAt) : '–'),
          },
        ]}
        rows={rows}
        empty={t('funding:continuation.noneWaiting')}
      />
    </div>
  );
}
