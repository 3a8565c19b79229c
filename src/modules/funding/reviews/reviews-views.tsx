import type { ComponentChildren } from 'preact';
import { formatPeriod, numberFormat } from '../../../core/i18n/formats';
import {
  ChoiceGroup,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Message,
  Notice,
  Pagination,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { budgetYears, type FinancingPlan, totals } from '../applications/financing-plan';
import { RANKING_PAGE_SIZE, type Ranking } from '../decisions/ranking.store';
import { berlinDateTime, euro, euroInput } from '../format';
import { fieldsOfAction } from '../programmes/fields-of-action';
import type { Application, ApplicationContent, Call, Programme } from '../types';
import type { Assignment, Decision } from './reviews.store';

type Values = Record<string, string | undefined>;
const num = (lang: string, x: number | undefined, digits = 2) =>
  x === undefined
    ? '–'
    : numberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

export function ReviewerHome({
  ctx,
  rows,
  topics,
}: {
  ctx: ViewContext;
  rows: { assignment: Assignment; title: ApplicationContent; callTitle: string }[];
  topics: string[];
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('funding:review.mine')}</h1>
      <DataTable
        caption={t('funding:review.mine')}
        empty={t('funding:review.none')}
        rows={rows}
        columns={[
          {
            header: t('funding:application.project'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/reviews/${r.assignment.id}`)}>
                {r.title.title ? <Written ctx={ctx}>{r.title.title}</Written> : t('funding:application.untitled')}
              </a>
            ),
          },
          { header: t('funding:call.title'), cell: (r) => <Written ctx={ctx}>{r.callTitle}</Written> },
          { header: t('funding:review.state'), cell: (r) => t(`funding:review.states.${stateOf(r.assignment)}`) },
        ]}
      />
      <Form ctx={ctx} action={href(ctx, '/reviews/topics')}>
        <ChoiceGroup
          ctx={ctx}
          type="checkbox"
          name="topics"
          label={t('funding:review.topics')}
          hint={t('funding:review.topicsHint')}
          value={topics}
          choices={fieldsOfAction.map((x) => ({ value: x, label: t(`funding:fieldOfAction.${x}`) }))}
        />
        <SubmitButton kind="secondary" label={t('funding:review.saveTopics')} />
      </Form>
    </div>
  );
}

export const stateOf = (a: Assignment) =>
  a.declaration === 'pending'
    ? 'pending'
    : a.declaration === 'conflict'
      ? 'conflict'
      : a.submittedAt
        ? 'submitted'
        : 'open';

/** What a reviewer reads: blind review leaves out everything that names the carrier or partners. */
function ApplicationSummary({
  ctx,
  content,
  blind,
  organisationName,
}: {
  ctx: ViewContext;
  content: ApplicationContent;
  blind: boolean;
  organisationName: string;
}) {
  const { t, lang } = ctx;
  const plan = content.plan as FinancingPlan;
  const sums = totals(plan);
  return (
    <section class="kern-stack" aria-labelledby="application-title">
      <h2 class="kern-heading-medium" id="application-title">
        <Written ctx={ctx}>{content.title}</Written>
      </h2>
      <DefinitionList
        items={[
          ...(blind
            ? []
            : [{ key: t('funding:apply.organisation'), value: <Written ctx={ctx}>{organisationName}</Written> }]),
          { key: t('funding:project.summary'), value: <Written ctx={ctx}>{content.summary}</Written> },
          { key: t('funding:project.goals'), value: <Written ctx={ctx}>{content.goals}</Written> },
          { key: t('funding:project.targetGroups'), value: <Written ctx={ctx}>{content.targetGroups}</Written> },
          { key: t('funding:project.region'), value: <Written ctx={ctx}>{content.region}</Written> },
          { key: t('funding:pdf.period'), value: formatPeriod(lang, content.startDate, content.endDate) },
          ...(content.cooperationForm
            ? [
                {
                  key: t('funding:programme.cooperationForms'),
                  value: t(`funding:cooperationForm.${content.cooperationForm}`),
                },
              ]
            : []),
          {
            key: t('funding:section.partners'),
            value: content.partners.map((p, i) => (
              <>
                {i > 0 && '; '}
                {blind ? t('funding:review.partnerHidden') : <Written ctx={ctx}>{p.name}</Written>}
                {p.isMigrantOrganisation ? ` (${t('funding:partner.isMigrantOrganisationShort')})` : ''}:{' '}
                <Written ctx={ctx}>{p.tasks}</Written>
              </>
            )),
          },
          { key: t('funding:plan.totalExpenses'), value: euro(lang, sums.overall.expenses) },
          { key: t('funding:plan.grant'), value: euro(lang, sums.overall.grant) },
          { key: t('funding:plan.ownFunds'), value: euro(lang, sums.overall.own) },
        ]}
      />
    </section>
  );
}

export function DeclarationPage(p: {
  ctx: ViewContext;
  assignment: Assignment;
  content: ApplicationContent;
  call: Call;
  organisationName: string;
  errors?: FieldErrors;
  values?: Values;
}) {
  const { ctx, call } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:review.declareTitle')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{call.title}</Written>
        </p>
      </hgroup>
      <p class="kern-body">{t('funding:review.declareIntro')}</p>
      <DefinitionList
        items={[
          { key: t('funding:project.title'), value: <Written ctx={ctx}>{p.content.title}</Written> },
          ...(call.blindReview
            ? []
            : [{ key: t('funding:apply.organisation'), value: <Written ctx={ctx}>{p.organisationName}</Written> }]),
          {
            key: t('funding:section.partners'),
            value: call.blindReview ? (
              t('funding:review.partnerHidden')
            ) : (
              <Written ctx={ctx}>{p.content.partners.map((x) => x.name).join(', ')}</Written>
            ),
          },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={href(ctx, `/reviews/${p.assignment.id}/declaration`)}>
        <ChoiceGroup
          ctx={ctx}
          type="radio"
          name="declaration"
          required
          label={t('funding:review.declareQuestion')}
          value={p.values?.declaration}
          errors={p.errors}
          choices={[
            { value: 'none', label: t('funding:review.noConflict') },
            { value: 'conflict', label: t('funding:review.conflict'), hint: t('funding:review.conflictHint') },
          ]}
        />
        <TextField
          ctx={ctx}
          name="reason"
          multiline
          rows={3}
          label={t('funding:review.reason')}
          hint={t('funding:review.reasonHint')}
          value={p.values?.reason}
          errors={p.errors}
        />
        <SubmitButton label={t('funding:review.declareSubmit')} />
      </Form>
    </div>
  );
}

export function ReviewPage(p: {
  ctx: ViewContext;
  assignment: Assignment;
  content: ApplicationContent;
  call: Call;
  organisationName: string;
  values: Values;
  errors?: FieldErrors;
  others: { scores: Assignment['scores']; weighted: number | undefined }[];
}) {
  const { ctx, assignment: a, call } = p;
  const { t, lang } = ctx;
  const submitted = Boolean(a.submittedAt);
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">{t('funding:review.title')}</h1>
      {call.blindReview && <Notice kind="info" title={t('funding:review.blind')} />}
      <ApplicationSummary
        ctx={ctx}
        content={p.content}
        blind={call.blindReview}
        organisationName={p.organisationName}
      />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {submitted ? (
        <>
          <Notice kind="success" title={t('funding:review.submittedNotice')} />
          <DataTable
            caption={t('funding:review.yourScores')}
            empty=""
            rows={call.rubric}
            columns={[
              { header: t('funding:call.criterionShort'), cell: (c) => <Written ctx={ctx}>{c.title}</Written> },
              { header: t('funding:review.score'), cell: (c) => String(a.scores[c.id]?.score ?? '–'), numeric: true },
              {
                header: t('funding:review.comment'),
                cell: (c) => <Written ctx={ctx}>{a.scores[c.id]?.comment ?? ''}</Written>,
              },
            ]}
          />
          <DataTable
            caption={t('funding:review.othersScores')}
            empty={t('funding:review.noOthers')}
            rows={p.others.map((o, i) => ({ ...o, n: i + 1 }))}
            columns={[
              { header: t('funding:review.reviewer'), cell: (o) => t('funding:review.reviewerN', { n: o.n }) },
              { header: t('funding:review.weighted'), cell: (o) => num(lang, o.weighted), numeric: true },
            ]}
          />
        </>
      ) : (
        <Form ctx={ctx} action={href(ctx, `/reviews/${a.id}/scores`)}>
          {call.rubric.map((c) => (
            <fieldset class="kern-fieldset row-group">
              <legend class="kern-label">
                <Message
                  ctx={ctx}
                  k="funding:review.criterionLegend"
                  parts={{ title: <Written ctx={ctx}>{c.title}</Written> }}
                  values={{ weight: c.weight }}
                />
              </legend>
              <ChoiceGroup
                ctx={ctx}
                type="radio"
                name={`score-${c.id}`}
                required
                label={t('funding:review.score')}
                value={p.values[`score-${c.id}`]}
                errors={p.errors}
                choices={c.anchors.map((anchor, i) => ({ value: String(i + 1), label: `${i + 1} – ${anchor}` }))}
              />
              <TextField
                ctx={ctx}
                name={`comment-${c.id}`}
                multiline
                rows={3}
                label={t('funding:review.comment')}
                value={p.values[`comment-${c.id}`]}
                errors={p.errors}
              />
            </fieldset>
          ))}
          <div class="button-row">
            <button type="submit" name="action" value="save" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('funding:review.save')}</span>
            </button>
            <button type="submit" name="action" value="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('funding:review.submit')}</span>
            </button>
          </div>
          <p class="kern-hint">{t('funding:review.submitHint')}</p>
        </Form>
      )}
    </div>
  );
}

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
        <Form ctx={ctx} action={href(ctx, `/funding/calls/${call.id}/assign`)}>
          <TextField
            ctx={ctx}
            name="perApplication"
            inputmode="numeric"
            required
            label={t('funding:ranking.perApplication')}
            value="2"
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
          <>
            <ErrorSummary ctx={ctx} errors={p.errors} />
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
          </>
        )}
      </section>
    </div>
  );
}
