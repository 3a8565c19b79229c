// The officer's pages for deciding: a call's ranking against its budget, and one application with
// its reviews, the reviewers to add, and the forms to return, invite or decide it.
import type { ComponentChildren } from 'preact';
import {
  ChoiceGroup,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Pagination,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { budgetYears } from '../applications/financing-plan';
import { berlinDateTime, euro, euroInput } from '../format';
import type { Assignment } from '../reviews/reviews.store';
import { num, stateOf } from '../reviews/reviews-views';
import type { Application, Call, Programme } from '../types';
import type { Decision } from './decisions.store';
import { RANKING_PAGE_SIZE, type Ranking } from './ranking.store';

type Values = Record<string, string | undefined>;

/**
 * A translation with variables, for a table that needs it on every row: i18next interpolates once
 * (with markers, so the language's own word order stays), each row only fills in its values.
 */
function fill(t: ViewContext['t'], key: string, names: string[]) {
  const marker = (i: number) => `\uE000${i}\uE001`;
  const template = t(key, Object.fromEntries(names.map((n, i) => [n, marker(i)])));
  const pieces = template.split(/\uE000(\d+)\uE001/);
  return (values: Record<string, ComponentChildren>) =>
    pieces.map((p, i) => (i % 2 ? (values[names[Number(p)] ?? ''] ?? '') : p));
}

/**
 * A call's applications by mean score, one page at a time. Every row shows the requested sum of
 * its own and all better-ranked applications, so officers see where the budget runs out; the
 * budget table sums the whole call.
 */
export function RankingPage(p: {
  ctx: ViewContext;
  call: Call;
  programme: Programme;
  ranking: Ranking;
  page: number;
  reviewerCount: number;
  values?: Values;
  errors?: FieldErrors;
}) {
  const { ctx, call, programme, ranking } = p;
  const { t, lang } = ctx;
  const available = (y: number) => programme.budgetPerYear[String(y)] ?? 0;
  // the budget of the years the call's applications ask for: the line below which the money runs out
  const budgetTotal = ranking.budget.reduce((s, b) => s + available(b.year), 0);
  const rankN = fill(t, 'funding:ranking.rankN', ['n', 'title']);
  const reviewsN = fill(t, 'funding:ranking.reviewsN', ['n', 'recused']);
  return (
    <div class="kern-stack">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:ranking.title')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{call.title}</Written>
        </p>
      </hgroup>
      <DataTable
        caption={t('funding:ranking.table')}
        empty={t('funding:ranking.none')}
        rows={ranking.rows}
        columns={[
          {
            header: t('funding:ranking.rank'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/funding/applications/${r.applicationId}`)}>
                {rankN({ n: r.rank, title: <Written ctx={ctx}>{r.title}</Written> })}
              </a>
            ),
          },
          { header: t('funding:apply.organisation'), cell: (r) => <Written ctx={ctx}>{r.organisationName}</Written> },
          { header: t('funding:ranking.mean'), cell: (r) => num(lang, r.mean), numeric: true },
          { header: t('funding:ranking.spread'), cell: (r) => num(lang, r.spread), numeric: true },
          { header: t('funding:ranking.z'), cell: (r) => num(lang, r.meanZ), numeric: true },
          {
            header: t('funding:ranking.reviews'),
            cell: (r) => reviewsN({ n: r.reviews, recused: r.recused }),
            numeric: true,
          },
          { header: t('funding:ranking.requested'), cell: (r) => euro(lang, r.requestedCents), numeric: true },
          {
            header: t('funding:ranking.cumulative'),
            cell: (r) => (
              <>
                {euro(lang, r.cumulativeCents)}
                {budgetTotal > 0 && r.cumulativeCents > budgetTotal && (
                  <span class="kern-badge kern-badge--warning">
                    <span class="kern-label">{t('funding:ranking.beyondBudget')}</span>
                  </span>
                )}
              </>
            ),
            numeric: true,
          },
          { header: t('funding:application.status'), cell: (r) => t(`funding:status.${r.status}`) },
        ]}
      />
      <Pagination
        ctx={ctx}
        page={p.page}
        pageCount={Math.ceil(ranking.total / RANKING_PAGE_SIZE)}
        hrefFor={(n) => href(ctx, `/funding/calls/${call.id}/ranking?page=${n}`)}
      />
      <DataTable
        caption={t('funding:ranking.budget')}
        empty={t('funding:ranking.none')}
        rows={ranking.budget}
        columns={[
          { header: t('funding:ranking.year'), cell: (b) => String(b.year) },
          { header: t('funding:ranking.budgetAvailable'), cell: (b) => euro(lang, available(b.year)), numeric: true },
          { header: t('funding:ranking.requestedSum'), cell: (b) => euro(lang, b.requestedCents), numeric: true },
          { header: t('funding:ranking.approvedSum'), cell: (b) => euro(lang, b.approvedCents), numeric: true },
          {
            header: t('funding:ranking.remaining'),
            cell: (b) => euro(lang, available(b.year) - b.approvedCents),
            numeric: true,
          },
        ]}
      />
      <section class="kern-stack" aria-labelledby="balance-title">
        <h2 class="kern-heading-medium" id="balance-title">
          {t('funding:ranking.balanceTitle')}
        </h2>
        <p class="kern-body">{t('funding:ranking.balanceText', { count: p.reviewerCount })}</p>
        <ErrorSummary ctx={ctx} errors={p.errors} />
        <Form ctx={ctx} action={href(ctx, `/funding/calls/${call.id}/assign`)}>
          <TextField
            ctx={ctx}
            name="perApplication"
            inputmode="numeric"
            required
            label={t('funding:ranking.perApplication')}
            value={p.values?.perApplication ?? '2'}
            errors={p.errors}
          />
          <SubmitButton kind="secondary" label={t('funding:ranking.balance')} />
        </Form>
      </section>
    </div>
  );
}

export function OfficerApplicationPage(p: {
  ctx: ViewContext;
  application: Application;
  call: Call;
  organisationName: string;
  assignments: (Assignment & { reviewerName: string; weighted: number | undefined })[];
  reviewers: { id: string; name: string; topics: string[]; matches: boolean }[];
  decision: Decision | undefined;
  grantId?: string;
  values: Values;
  errors?: FieldErrors;
}) {
  const { ctx, application: a } = p;
  const { t, lang } = ctx;
  const years = a.content.startDate && a.content.endDate ? budgetYears(a.content.startDate, a.content.endDate) : [];
  const decidable = a.status === 'submitted' || a.status === 'waitlisted';
  return (
    <div class="kern-stack prose-wide">
      <p>
        <a class="kern-link" href={href(ctx, `/funding/calls/${p.call.id}/ranking`)}>
          {t('funding:ranking.back')}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">
          <Written ctx={ctx}>{a.content.title}</Written>
        </h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{p.organisationName}</Written> · {t(`funding:status.${a.status}`)}
        </p>
      </hgroup>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>
        <a class="kern-link" href={href(ctx, `/applications/${a.id}`)}>
          {t('funding:officer.readApplication')}
        </a>
      </p>
      <DataTable
        caption={t('funding:officer.reviews')}
        empty={t('funding:officer.noReviews')}
        rows={p.assignments}
        columns={[
          { header: t('funding:review.reviewer'), cell: (r) => r.reviewerName },
          { header: t('funding:review.state'), cell: (r) => t(`funding:review.states.${stateOf(r)}`) },
          { header: t('funding:review.weighted'), cell: (r) => num(lang, r.weighted), numeric: true },
        ]}
      />
      {p.reviewers.length > 0 && (
        <Form ctx={ctx} action={href(ctx, `/funding/applications/${a.id}/reviewers`)}>
          <SelectField
            ctx={ctx}
            name="reviewerId"
            required
            label={t('funding:officer.addReviewer')}
            hint={t('funding:officer.reviewerTopicsHint')}
            choices={p.reviewers.map((r) => ({
              value: r.id,
              label:
                r.topics.length > 0
                  ? `${r.matches ? '★ ' : ''}${r.name} (${r.topics.map((x) => t(`funding:fieldOfAction.${x}`)).join(', ')})`
                  : r.name,
            }))}
            errors={p.errors}
          />
          <SubmitButton kind="secondary" label={t('funding:officer.assign')} />
        </Form>
      )}
      {a.status === 'submitted' && a.stage === 'full' && (
        <section class="kern-stack" aria-labelledby="return-title">
          <h2 class="kern-heading-medium" id="return-title">
            {t('funding:officer.returnTitle')}
          </h2>
          <Form ctx={ctx} action={href(ctx, `/funding/applications/${a.id}/return`)}>
            <TextField
              ctx={ctx}
              name="returnReason"
              multiline
              rows={3}
              required
              label={t('funding:officer.returnReason')}
              hint={t('funding:officer.returnHint')}
              value={p.values.returnReason}
              errors={p.errors}
            />
            <SubmitButton kind="secondary" label={t('funding:officer.return')} />
          </Form>
        </section>
      )}
      {a.status === 'submitted' && a.stage === 'outline' && (
        <section class="kern-stack" aria-labelledby="invite-title">
          <h2 class="kern-heading-medium" id="invite-title">
            {t('funding:officer.inviteTitle')}
          </h2>
          <p class="kern-body">{t('funding:officer.inviteText')}</p>
          <Form ctx={ctx} action={href(ctx, `/funding/applications/${a.id}/invite`)}>
            <div class="row">
              <TextField
                ctx={ctx}
                name="dueDate"
                type="date"
                required
                label={t('funding:officer.dueDate')}
                value={p.values.dueDate}
                errors={p.errors}
              />
              <TextField
                ctx={ctx}
                name="dueTime"
                required
                label={t('funding:call.closesTime')}
                hint={t('funding:call.timeHint')}
                value={p.values.dueTime ?? '12:00'}
                errors={p.errors}
              />
            </div>
            <SubmitButton label={t('funding:officer.invite')} />
          </Form>
        </section>
      )}
      <section class="kern-stack" aria-labelledby="decision-title">
        <h2 class="kern-heading-medium" id="decision-title">
          {t('funding:decision.title')}
        </h2>
        {p.decision ? (
          <>
            <DefinitionList
              items={[
                { key: t('funding:decision.outcome'), value: t(`funding:decision.outcomes.${p.decision.outcome}`) },
                { key: t('funding:decision.decidedAt'), value: berlinDateTime(lang, p.decision.decidedAt) },
                ...Object.entries(p.decision.amountsPerYear).map(([y, c]) => ({
                  key: t('funding:decision.amountYear', { year: y }),
                  value: euro(lang, c),
                })),
                ...(p.decision.conditions
                  ? [
                      {
                        key: t('funding:decision.conditions'),
                        value: <Written ctx={ctx}>{p.decision.conditions}</Written>,
                      },
                    ]
                  : []),
                ...(p.decision.reasons
                  ? [{ key: t('funding:decision.reasons'), value: <Written ctx={ctx}>{p.decision.reasons}</Written> }]
                  : []),
              ]}
            />
            {p.grantId && (
              <p>
                <a class="kern-link" href={href(ctx, `/grants/${p.grantId}`)}>
                  {t('funding:grant.open')}
                </a>
              </p>
            )}
            {p.decision.outcome === 'approved' && (
              <p>
                <a class="kern-link" href={href(ctx, `/applications/${a.id}/decision.pdf`)}>
                  {t('funding:decision.pdf')}
                </a>
              </p>
            )}
          </>
        ) : null}
        {decidable && (
          <Form ctx={ctx} action={href(ctx, `/funding/applications/${a.id}/decision`)}>
            <ChoiceGroup
              ctx={ctx}
              type="radio"
              name="outcome"
              required
              label={t('funding:decision.outcome')}
              value={p.values.outcome}
              errors={p.errors}
              choices={(a.stage === 'outline'
                ? (['rejected'] as const)
                : (['approved', 'rejected', 'waitlisted'] as const)
              ).map((o) => ({
                value: o,
                label: t(`funding:decision.outcomes.${o}`),
              }))}
            />
            {years.map((y) => (
              <TextField
                ctx={ctx}
                name={`amount-${y}`}
                inputmode="decimal"
                label={t('funding:decision.amountYear', { year: y })}
                hint={t('funding:decision.requested', {
                  amount: euro(lang, a.content.plan.grant.find((g) => g.year === y)?.amountCents ?? 0),
                })}
                value={
                  p.values[`amount-${y}`] ??
                  euroInput(lang, a.content.plan.grant.find((g) => g.year === y)?.amountCents ?? 0)
                }
                errors={p.errors}
              />
            ))}
            <TextField
              ctx={ctx}
              name="conditions"
              multiline
              rows={4}
              label={t('funding:decision.conditions')}
              hint={t('funding:decision.conditionsHint')}
              value={p.values.conditions}
              errors={p.errors}
            />
            <TextField
              ctx={ctx}
              name="reasons"
              multiline
              rows={4}
              label={t('funding:decision.reasons')}
              hint={t('funding:decision.reasonsHint')}
              value={p.values.reasons}
              errors={p.errors}
            />
            <SubmitButton label={t('funding:decision.submit')} />
          </Form>
        )}
      </section>
    </div>
  );
}
