// The officer's pages for deciding: a call's ranking against its budget, and one application with
// its reviews, the reviewers to add, and the forms to return, invite or decide it.
import type { ComponentChildren } from 'preact';
import {
  ChoiceGroup,
  type Column,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  issueText,
  Notice,
  Pagination,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import {
  budgetYears,
  expenseLines,
  type FinancingPlan,
  type FinancingType,
  totals,
} from '../applications/financing-plan';
import { berlinDateTime, euro, euroInput } from '../format';
import type { Assignment } from '../reviews/reviews.store';
import { num, ReviewOverview } from '../reviews/reviews-views';
import type { Application, Call, Programme } from '../types';
import { balanceModes, defaultBalance, expenseField, ownField, planLines, requestedPerYear } from './decision-rules';
import type { Decision } from './decisions.store';
import { RANKING_PAGE_SIZE, type Ranking, type RankingRow } from './ranking.store';

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
 * A call's applications by mean score, one page at a time, with the mean of each criterion. Per
 * budget year, every application still in the race shows the running total of what it and all
 * better-ranked ones in the race ask for; a line across the table marks where a year's money (the
 * programme's budget less what it has approved) ends. The budget table sums the whole call.
 */
export function RankingPage(p: { ctx: ViewContext; call: Call; programme: Programme; ranking: Ranking; page: number }) {
  const { ctx, call, ranking } = p;
  const { t, lang } = ctx;
  const rankN = fill(t, 'funding:ranking.rankN', ['n', 'title']);
  const reviewsN = fill(t, 'funding:ranking.reviewsN', ['n', 'recused']);
  const years = ranking.cutOffs.map((c) => c.year);
  const columns: Column<RankingRow>[] = [
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
    ...call.rubric.map(
      (c, i): Column<RankingRow> => ({
        header: c.title,
        cell: (r) => num(lang, r.criteria[i]),
        numeric: true,
      }),
    ),
    { header: t('funding:ranking.spread'), cell: (r) => num(lang, r.spread), numeric: true },
    { header: t('funding:ranking.z'), cell: (r) => num(lang, r.meanZ), numeric: true },
    {
      header: t('funding:ranking.reviews'),
      cell: (r) => reviewsN({ n: r.reviews, recused: r.recused }),
      numeric: true,
    },
    { header: t('funding:ranking.requested'), cell: (r) => euro(lang, r.requestedCents), numeric: true },
    ...years.map(
      (year): Column<RankingRow> => ({
        header: t('funding:ranking.runningYear', { year }),
        cell: (r) =>
          r.inRace ? (
            <>
              {euro(lang, r.runningPerYear[year] ?? 0)}
              {r.beyond.includes(year) && (
                <>
                  {' '}
                  <span class="kern-badge kern-badge--warning">
                    <span class="kern-label">{t('funding:ranking.beyondBudget')}</span>
                  </span>
                </>
              )}
            </>
          ) : (
            <span class="kern-hint">{t('funding:ranking.notInRace')}</span>
          ),
        numeric: true,
      }),
    ),
    { header: t('funding:application.status'), cell: (r) => t(`funding:status.${r.status}`) },
  ];
  /** the years whose money ends just before this row */
  const endsBefore = (r: RankingRow) =>
    ranking.cutOffs.filter((c) => c.beforeRank === r.rank && c.availableCents !== undefined);
  return (
    <div class="kern-stack">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:ranking.title')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{call.title}</Written>
        </p>
      </hgroup>
      <p class="kern-body">{t('funding:ranking.raceExplained')}</p>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--striped">
          <caption class="kern-title">{t('funding:ranking.table')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              {columns.map((c) => (
                <th scope="col" class={`kern-table__header${c.numeric ? ' kern-table__header--numeric' : ''}`}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {ranking.rows.length === 0 ? (
              <tr class="kern-table__row">
                <td class="kern-table__cell" colSpan={columns.length}>
                  {t('funding:ranking.none')}
                </td>
              </tr>
            ) : (
              ranking.rows.flatMap((row) => [
                ...endsBefore(row).map((c) => (
                  <tr class="kern-table__row ranking-cutoff">
                    <td class="kern-table__cell" colSpan={columns.length}>
                      <strong>
                        {t('funding:ranking.cutOff', {
                          year: c.year,
                          amount: euro(lang, Math.max(0, c.availableCents ?? 0)),
                        })}
                      </strong>
                    </td>
                  </tr>
                )),
                <tr class="kern-table__row">
                  {columns.map((c, i) =>
                    i === 0 ? (
                      <th scope="row" class="kern-table__cell">
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td class={`kern-table__cell${c.numeric ? ' kern-table__cell--numeric' : ''}`}>{c.cell(row)}</td>
                    ),
                  )}
                </tr>,
              ])
            )}
          </tbody>
        </table>
      </div>
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
          {
            header: t('funding:ranking.budgetAvailable'),
            cell: (b) => (b.budgetCents === undefined ? t('funding:ranking.noBudget') : euro(lang, b.budgetCents)),
            numeric: true,
          },
          { header: t('funding:ranking.requestedSum'), cell: (b) => euro(lang, b.requestedCents), numeric: true },
          { header: t('funding:ranking.approvedSum'), cell: (b) => euro(lang, b.approvedCents), numeric: true },
          {
            header: t('funding:ranking.remaining'),
            cell: (b) => (b.budgetCents === undefined ? '–' : euro(lang, b.budgetCents - b.approvedCents)),
            numeric: true,
          },
          {
            header: t('funding:ranking.cutOffShort'),
            cell: (b) => {
              const c = ranking.cutOffs.find((x) => x.year === b.year);
              if (!c || c.availableCents === undefined) return '–';
              return c.beforeRank === undefined
                ? t('funding:ranking.coversAll')
                : t('funding:ranking.endsBeforeRank', { rank: c.beforeRank });
            },
          },
        ]}
      />
      <p>
        <a class="kern-link" href={href(ctx, `/funding/calls/${call.id}/reviews`)}>
          {t('funding:assign.open')}
        </a>
      </p>
    </div>
  );
}

export function OfficerApplicationPage(p: {
  ctx: ViewContext;
  application: Application;
  call: Call;
  organisationName: string;
  /** someone of the carrier has an account: the notice reaches them by mail as well */
  carrierReachable?: boolean;
  assignments: (Assignment & { reviewerName: string; weighted: number | undefined })[];
  reviewers: { id: string; name: string; topics: string[]; matches: boolean }[];
  programme: Programme;
  decision: Decision | undefined;
  /** the officers' draft decision, not yet issued */
  draft?: Decision | undefined;
  draftedByName?: string;
  cosignedByName?: string;
  grantId?: string;
  values: Values;
  errors?: FieldErrors;
  /** the way to the application's messages, with what is new to the reader (messages/) */
  messages?: ComponentChildren;
  /** each partner's confirmation of its part (partner-confirmations/) */
  partnerConfirmations?: ComponentChildren;
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
        {t('funding:notices.caseNumber')}: {a.caseNumber ?? t('funding:notices.caseNumberNone')}
      </p>
      {p.messages}
      {p.carrierReachable === false && <Notice kind="warning" title={t('funding:decision.carrierUnreachable')} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>
        <a class="kern-link" href={href(ctx, `/applications/${a.id}`)}>
          {t('funding:officer.readApplication')}
        </a>
        {' · '}
        <a class="kern-link" href={href(ctx, `/funding/applications/${a.id}/history`)}>
          {t('funding:history.link')}
        </a>
      </p>
      <ReviewOverview ctx={ctx} application={a} assignments={p.assignments} reviewers={p.reviewers} errors={p.errors} />
      {p.partnerConfirmations}
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
                <a class="kern-link" href={href(ctx, `/applications/${a.id}/decision.pdf`)} hreflang="de">
                  {t('funding:decision.pdf')}
                </a>
              </p>
            )}
            {p.decision.outcome === 'rejected' && (
              <p>
                <a class="kern-link" href={href(ctx, `/applications/${a.id}/rejection.pdf`)} hreflang="de">
                  {t('funding:notices.rejectionNotice')}
                </a>
              </p>
            )}
          </>
        ) : null}
        {decidable && p.draft && (
          <DraftDecision
            ctx={ctx}
            application={a}
            draft={p.draft}
            cosignRequired={p.programme.cosignRequired}
            draftedByName={p.draftedByName}
            cosignedByName={p.cosignedByName}
            errors={p.errors}
          />
        )}
        {decidable && (
          <DecisionForm
            ctx={ctx}
            application={a}
            programme={p.programme}
            years={years}
            draft={p.draft}
            values={p.values}
            errors={p.errors}
          />
        )}
      </section>
    </div>
  );
}

/** The binding plan of a decision, by line and budget year, as the notice will print it. */
export function BindingPlanTable(p: { ctx: ViewContext; plan: FinancingPlan; caption: string }) {
  const { t, lang } = p.ctx;
  const sums = totals(p.plan);
  const years = sums.years.map((y) => y.year);
  const at = (year: number) => sums.years.find((y) => y.year === year);
  type Row = { label: string; cells: number[]; total: number };
  const rows: Row[] = [
    ...expenseLines
      .filter((l) => sums.overall.expensesByLine[l] !== 0)
      .map((l) => ({
        label: t(`funding:line.${l}`),
        cells: years.map((y) => at(y)?.expensesByLine[l] ?? 0),
        total: sums.overall.expensesByLine[l],
      })),
    {
      label: t('funding:plan.totalExpenses'),
      cells: years.map((y) => at(y)?.expenses ?? 0),
      total: sums.overall.expenses,
    },
    { label: t('funding:plan.ownFunds'), cells: years.map((y) => at(y)?.own ?? 0), total: sums.overall.own },
    {
      label: t('funding:plan.thirdParty'),
      cells: years.map((y) => at(y)?.thirdParty ?? 0),
      total: sums.overall.thirdParty,
    },
    { label: t('funding:grantPdf.grant'), cells: years.map((y) => at(y)?.grant ?? 0), total: sums.overall.grant },
  ];
  return (
    <DataTable<Row>
      caption={p.caption}
      empty=""
      rows={rows}
      columns={[
        { header: t('funding:plan.line'), cell: (r) => r.label },
        ...years.map((y, i) => ({ header: String(y), cell: (r: Row) => euro(lang, r.cells[i] ?? 0), numeric: true })),
        { header: t('funding:pdf.total'), cell: (r) => euro(lang, r.total), numeric: true },
      ]}
    />
  );
}

/** The draft decision: what it says, the preview of its notice, co-signing and issuing. */
function DraftDecision(p: {
  ctx: ViewContext;
  application: Application;
  draft: Decision;
  cosignRequired: boolean;
  draftedByName?: string | undefined;
  cosignedByName?: string | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, draft, application: a } = p;
  const { t, lang } = ctx;
  const me = ctx.user?.id;
  const canCosign = p.cosignRequired && !draft.cosignedBy && draft.draftedBy !== me;
  const waitsForCosign = p.cosignRequired && !draft.cosignedBy;
  return (
    <section class="kern-stack" aria-labelledby="draft-title">
      <h3 class="kern-heading-small" id="draft-title">
        {t('funding:decision.draftTitle')}
      </h3>
      <p>
        {t('funding:decision.draftBy', {
          name: p.draftedByName ?? '?',
          date: berlinDateTime(lang, draft.decidedAt),
        })}
      </p>
      <DefinitionList
        items={[
          { key: t('funding:decision.outcome'), value: t(`funding:decision.outcomes.${draft.outcome}`) },
          ...Object.entries(draft.amountsPerYear).map(([y, c]) => ({
            key: t('funding:decision.amountYear', { year: y }),
            value: euro(lang, c),
          })),
          ...(draft.balance
            ? [{ key: t('funding:decision.balance'), value: t(`funding:decision.balanceModes.${draft.balance}`) }]
            : []),
          ...(draft.reasons
            ? [{ key: t('funding:decision.reasons'), value: <Written ctx={ctx}>{draft.reasons}</Written> }]
            : []),
          ...(p.cosignRequired
            ? [
                {
                  key: t('funding:decision.cosign'),
                  value: draft.cosignedBy
                    ? t('funding:decision.cosignedBy', { name: p.cosignedByName ?? '?' })
                    : t('funding:decision.cosignMissing'),
                },
              ]
            : []),
        ]}
      />
      {draft.plan && (
        <BindingPlanTable ctx={ctx} plan={draft.plan as FinancingPlan} caption={t('funding:decision.bindingPlan')} />
      )}
      {(draft.outcome === 'approved' || draft.outcome === 'rejected') && (
        <p>
          <a class="kern-link" href={href(ctx, `/funding/applications/${a.id}/decision/preview.pdf`)}>
            {t('funding:decision.preview')}
          </a>
        </p>
      )}
      {canCosign && (
        <Form ctx={ctx} action={href(ctx, `/funding/applications/${a.id}/decision/cosign`)}>
          <SubmitButton kind="secondary" label={t('funding:decision.cosignSubmit')} />
        </Form>
      )}
      {waitsForCosign ? (
        <p>{t('funding:decision.issueAfterCosign')}</p>
      ) : (
        <Form ctx={ctx} action={href(ctx, `/funding/applications/${a.id}/decision/issue`)}>
          <p class="kern-body">{t('funding:decision.issueHint')}</p>
          <SubmitButton label={t('funding:decision.issue')} />
        </Form>
      )}
      {p.errors?.issue && <p class="kern-error">{issueText(ctx, p.errors.issue)}</p>}
      {p.errors?.cosign && <p class="kern-error">{issueText(ctx, p.errors.cosign)}</p>}
    </section>
  );
}

/** The officer's proposal: outcome, amounts per year, how a cut is balanced, conditions, reasons. */
function DecisionForm(p: {
  ctx: ViewContext;
  application: Application;
  programme: Programme;
  years: number[];
  draft?: Decision | undefined;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, application: a, draft, years } = p;
  const { t, lang } = ctx;
  const requested = a.content.plan as FinancingPlan;
  // the form starts from the draft when there is one, else from the request
  const start: FinancingPlan = (draft?.plan as FinancingPlan | null | undefined) ?? requested;
  const lines = planLines(requested);
  const cell = (year: number, line: string) =>
    start.expenses.filter((e) => e.year === year && e.line === line).reduce((s, e) => s + e.amountCents, 0);
  const own = (year: number) => start.ownFunds.filter((o) => o.year === year).reduce((s, o) => s + o.amountCents, 0);
  const suggested = defaultBalance(p.programme.financingType as FinancingType);
  const value = (name: string, fallback: string) => p.values[name] ?? fallback;
  return (
    <Form ctx={ctx} action={href(ctx, `/funding/applications/${a.id}/decision`)}>
      <h3 class="kern-heading-small">{draft ? t('funding:decision.revise') : t('funding:decision.propose')}</h3>
      <ChoiceGroup
        ctx={ctx}
        type="radio"
        name="outcome"
        required
        label={t('funding:decision.outcome')}
        value={p.values.outcome ?? draft?.outcome}
        errors={p.errors}
        choices={(a.stage === 'outline'
          ? (['rejected'] as const)
          : (['approved', 'rejected', 'waitlisted'] as const)
        ).map((o) => ({ value: o, label: t(`funding:decision.outcomes.${o}`) }))}
      />
      {a.stage !== 'outline' &&
        years.map((y) => (
          <TextField
            ctx={ctx}
            name={`amount-${y}`}
            inputmode="decimal"
            label={t('funding:decision.amountYear', { year: y })}
            hint={t('funding:decision.requested', { amount: euro(lang, requestedPerYear(requested, y)) })}
            value={value(
              `amount-${y}`,
              euroInput(lang, draft ? (draft.amountsPerYear[String(y)] ?? 0) : requestedPerYear(requested, y)),
            )}
            errors={p.errors}
          />
        ))}
      {a.stage !== 'outline' && (
        <ChoiceGroup
          ctx={ctx}
          type="radio"
          name="balance"
          label={t('funding:decision.balance')}
          hint={t('funding:decision.balanceHint', {
            type: t(`funding:financingType.${p.programme.financingType}`),
            mode: t(`funding:decision.balanceModes.${suggested}`),
          })}
          value={p.values.balance ?? draft?.balance ?? suggested}
          errors={p.errors}
          choices={balanceModes.map((m) => ({ value: m, label: t(`funding:decision.balanceModes.${m}`) }))}
        />
      )}
      {a.stage !== 'outline' && years.length > 0 && (
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('funding:decision.gridLegend')}</legend>
          <p class="kern-hint">{t('funding:decision.gridHint')}</p>
          <div class="kern-table-responsive">
            <table class="kern-table">
              <caption class="kern-sr-only">{t('funding:decision.gridLegend')}</caption>
              <thead class="kern-table__head">
                <tr class="kern-table__row">
                  <th scope="col" class="kern-table__header">
                    {t('funding:plan.line')}
                  </th>
                  {years.map((y) => (
                    <th scope="col" class="kern-table__header kern-table__header--numeric">
                      {y}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="kern-table__body">
                {[
                  ...lines.map((l) => ({ id: l, label: t(`funding:line.${l}`) })),
                  { id: '', label: t('funding:plan.ownFunds') },
                ].map((row) => (
                  <tr class="kern-table__row">
                    <th scope="row" class="kern-table__header">
                      {row.label}
                    </th>
                    {years.map((y) => {
                      const name = row.id ? expenseField(y, row.id) : ownField(y);
                      const fallback = euroInput(lang, row.id ? cell(y, row.id) : own(y));
                      return (
                        <td class="kern-table__cell kern-table__cell--numeric">
                          <label class="kern-sr-only" for={`f-${name}`}>
                            {`${row.label} ${y}`}
                          </label>
                          <input
                            class={`kern-form-input__input money-input${p.errors?.[name] ? ' kern-form-input__input--error' : ''}`}
                            id={`f-${name}`}
                            name={name}
                            inputMode="decimal"
                            value={value(name, fallback)}
                            aria-invalid={p.errors?.[name] ? 'true' : undefined}
                            aria-describedby={p.errors?.[name] ? `f-${name}-error` : undefined}
                          />
                          {p.errors?.[name] && (
                            <span class="kern-error" id={`f-${name}-error`}>
                              {issueText(ctx, p.errors[name])}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
      )}
      <TextField
        ctx={ctx}
        name="conditions"
        multiline
        rows={4}
        label={t('funding:decision.conditions')}
        hint={t('funding:decision.conditionsHint')}
        value={value('conditions', draft?.conditions ?? '')}
        errors={p.errors}
      />
      <TextField
        ctx={ctx}
        name="reasons"
        multiline
        rows={4}
        label={t('funding:decision.reasons')}
        hint={t('funding:decision.reasonsHint')}
        value={value('reasons', draft?.reasons ?? '')}
        errors={p.errors}
      />
      <SubmitButton label={t('funding:decision.saveDraft')} />
    </Form>
  );
}
