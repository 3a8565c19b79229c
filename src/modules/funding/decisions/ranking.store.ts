// A call's ranking, one page at a time, computed in the database: each submitted review's weighted
// rubric score, each application's mean, mean per criterion, spread and mean z-score (every
// reviewer's scores standardised against their own reviews in the call) and the rank. The running
// total per budget year counts only the applications still in the race (ranking-rules.ts), over all
// pages, so page 3 carries on where page 2 ended, against what each year's programme budget has
// left after the programme's approvals; the budget sums per year cover the whole call.
// The scoring rules are those of review-scores.ts (weightedScore, scoreApplications); a test checks
// that both agree.
import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/client';
import { preparedRows } from '../../../core/db/prepared';
import { organisationNames } from '../../network/api';
import type { RubricCriterion } from '../schema';
import { type CutOff, raceStatuses, runningTotals } from './ranking-rules';

export const RANKING_PAGE_SIZE = 50;

/** Statuses that reached review: submitted, or decided after it. */
export const rankedStatuses = ['submitted', 'approved', 'rejected', 'waitlisted'] as const;

export interface RankingRow {
  applicationId: string;
  title: string;
  organisationName: string;
  status: string;
  requestedCents: number;
  rank: number;
  /** whether it still competes for the money (submitted or waitlisted) */
  inRace: boolean;
  /** per budget year, what this and every better-ranked application in the race ask for; empty if not in the race */
  runningPerYear: Record<number, number>;
  /** the years whose budget no longer covers what it asks for */
  beyond: number[];
  reviews: number;
  recused: number;
  mean: number | undefined;
  /** the mean score of each criterion of the rubric, in rubric order, over the reviews that count */
  criteria: (number | undefined)[];
  spread: number | undefined;
  meanZ: number | undefined;
}

export interface RankingBudgetYear {
  year: number;
  requestedCents: number;
  /** approved in the whole programme (all its calls) for the year */
  approvedCents: number;
  /** the programme's budget for the year; undefined when it sets none */
  budgetCents: number | undefined;
}

export interface Ranking {
  rows: RankingRow[];
  /** applications in the ranking, over all pages */
  total: number;
  /** requested and approved sums per budget year, over all pages */
  budget: RankingBudgetYear[];
  /** per budget year asked for in the race, where its money ends (ranking-rules.ts) */
  cutOffs: CutOff[];
}

/**
 * weightedScore() as an SQL expression over `ra.scores`: the weighted mean of the rubric's
 * criteria, null unless every criterion has an integer score from 1 to 5. The criterion ids are
 * bound parameters; the weights are numbers from the call's rubric.
 */
export function weightedScoreSql(rubric: RubricCriterion[]): SQL {
  const weights = rubric.reduce((sum, c) => sum + Number(c.weight), 0);
  if (rubric.length === 0 || !(weights > 0)) return sql`null::float8`;
  const terms = rubric.map((c) => {
    const weight = Number(c.weight);
    if (!Number.isFinite(weight)) throw new Error(`rubric weight of ${c.id} is not a number`);
    return sql`(case when ra.scores->${c.id}::text->'score' = any('{1,2,3,4,5}'::jsonb[])
      then (ra.scores->${c.id}::text->>'score')::float8 end) * ${sql.raw(String(weight))}::float8`;
  });
  return sql`(${sql.join(terms, sql` + `)}) / ${sql.raw(String(weights))}::float8`;
}

const num = (x: unknown) => (x === null || x === undefined ? undefined : Number(x));

interface RankedRow {
  id: string;
  organisation_id: string;
  status: string;
  grant_total_cents: number;
  reviews: number;
  recused: number;
  mean: number | null;
  spread: number | null;
  mean_z: number | null;
  rank: number;
  criteria: (number | null)[] | null;
  title: string | null;
}

/**
 * One statement per call's rubric weights (prepared, so it is planned once per connection): the
 * page of ranked rows, the count over all pages and the budget per year, each as JSON of one row.
 */
function rankingSql(rubric: RubricCriterion[], pageSize: number): SQL {
  const list = (xs: readonly string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  const offset = sql`${sql.placeholder('offset')}::int`;
  const weighted = weightedScoreSql(rubric);
  // each criterion's score of an assignment that counts, as columns c0, c1, …
  const column = (i: number) => sql.raw(`c${i}`);
  const criterionScores = rubric.map(
    (c, i) => sql`, case when ra.submitted_at is not null and ra.declaration = 'none'
        and ra.scores->${c.id}::text->'score' = any('{1,2,3,4,5}'::jsonb[])
      then (ra.scores->${c.id}::text->>'score')::float8 end as ${column(i)}`,
  );
  const passOn = (prefix: string) => sql.join(rubric.map((_, i) => sql`, ${sql.raw(prefix)}${column(i)}`));
  const means = sql.join(rubric.map((_, i) => sql`, avg(${column(i)}) as ${column(i)}`));
  const criteria = rubric.length
    ? sql`json_build_array(${sql.join(
        rubric.map((_, i) => sql`sc.${column(i)}`),
        sql`, `,
      )})`
    : sql`'[]'::json`;
  return sql`with apps as materialized (
      select a.id, a.organisation_id, a.status, a.grant_total_cents, a.submitted_at, a.content->'plan'->'grant' as plan_grant
      from funding_applications a where a.call_id = ${sql.placeholder('callId')}::uuid and a.status in (${list(rankedStatuses)})
    ),
    -- each assignment once, with its weighted score if it counts: submitted without a conflict
    -- and a score of 1 to 5 on every criterion (a missing or invalid score makes the sum null)
    assignments as materialized (
      select ra.application_id, ra.reviewer_id, ra.declaration,
             case when ra.submitted_at is not null and ra.declaration = 'none' then ${weighted} end as value
             ${sql.join(criterionScores)}
      from funding_review_assignments ra
      where ra.application_id = any(array(select id from apps))
    ),
    -- z: each value against the mean and sample standard deviation of the same reviewer's values
    standardised as (
      select application_id, value,
             (value - avg(value) over r) / nullif(stddev_samp(value) over r, 0) as z
             ${passOn('')}
      from assignments
      where value is not null
      window r as (partition by reviewer_id)
    ),
    scored as (
      select application_id, count(*) as reviews, avg(value) as mean, max(value) - min(value) as spread,
             avg(z) as mean_z ${means}
      from standardised
      group by application_id
    ),
    recused as (
      select application_id, count(*) as n from assignments where declaration = 'conflict' group by application_id
    ),
    ranked as (
      select apps.id, apps.organisation_id, apps.status, apps.grant_total_cents, apps.plan_grant,
             coalesce(sc.reviews, 0)::int as reviews, coalesce(rc.n, 0)::int as recused,
             sc.mean, sc.spread, sc.mean_z, ${criteria} as criteria,
             row_number() over (order by sc.mean desc nulls last, apps.submitted_at, apps.id) as rank
      from apps
      left join scored sc on sc.application_id = apps.id
      left join recused rc on rc.application_id = apps.id
    ),
    requested as (
      select (g->>'year')::int as year, sum((g->>'amountCents')::bigint) as cents
      from apps cross join jsonb_array_elements(apps.plan_grant) g
      group by 1
    ),
    -- what the programme has approved, over all its calls: taken off each year's budget
    latest as (
      select distinct on (d.application_id) d.outcome, d.amounts_per_year
      from funding_calls c
      join funding_applications a on a.call_id = c.id and a.status = 'approved'
      join funding_decisions d on d.application_id = a.id
      where c.programme_id = (select programme_id from funding_calls where id = ${sql.placeholder('callId')}::uuid)
        and d.status = 'issued'
      order by d.application_id, d.decided_at desc
    ),
    approved as (
      select y.key::int as year, sum(y.value::bigint) as cents
      from latest cross join jsonb_each_text(latest.amounts_per_year) y
      where latest.outcome = 'approved' and y.key ~ '^[0-9]{4}$'
      group by 1
    )
    select
      (select count(*)::int from apps) as total,
      coalesce((
        select json_agg(p order by p.rank) from (
          select ranked.id, ranked.organisation_id, ranked.status, ranked.grant_total_cents, ranked.reviews,
                 ranked.recused, ranked.mean, ranked.spread, ranked.mean_z, ranked.criteria, ranked.rank,
                 a.content->>'title' as title
          from ranked join funding_applications a on a.id = ranked.id
          where ranked.rank > ${offset} and ranked.rank <= ${offset} + ${sql.raw(String(pageSize))}
        ) p
      ), '[]'::json) as rows,
      -- every application in the race, over all pages, for the running totals
      coalesce((
        select json_agg(json_build_array(ranked.id, ranked.rank, ranked.status, ranked.plan_grant) order by ranked.rank)
        from ranked where ranked.status in (${list(raceStatuses)})
      ), '[]'::json) as race,
      (select p.budget_per_year from funding_programmes p
        where p.id = (select programme_id from funding_calls where id = ${sql.placeholder('callId')}::uuid)) as budget_per_year,
      coalesce((
        select json_agg(json_build_object('year', requested.year, 'requested', requested.cents::text,
                                          'approved', coalesce(approved.cents, 0)::text) order by requested.year)
        from requested left join approved using (year)
      ), '[]'::json) as budget`;
}

const parsed = <T>(v: T | string | null | undefined): T | undefined =>
  typeof v === 'string' ? JSON.parse(v) : (v ?? undefined);

/**
 * The call's applications ranked by mean weighted score (unscored last, then by submission);
 * `page` counts from 1.
 */
export async function callRanking(
  db: Db,
  call: { id: string; rubric: RubricCriterion[] },
  page = 1,
  pageSize = RANKING_PAGE_SIZE,
): Promise<Ranking> {
  // the rubric's ids and weights are part of the text: one prepared statement per rubric
  const rubricKey = createHash('sha256')
    .update(JSON.stringify(call.rubric.map((c) => [c.id, Number(c.weight)])))
    .digest('base64url')
    .slice(0, 16);
  const [result] = await preparedRows<{
    total: number;
    rows: RankedRow[] | string;
    race: [string, number, string, { year: number; amountCents: number }[] | null][] | string;
    budget_per_year: Record<string, number> | string | null;
    budget: { year: number; requested: string; approved: string }[] | string;
  }>(db, `funding.ranking.${rubricKey}.${pageSize}`, () => rankingSql(call.rubric, pageSize), {
    callId: call.id,
    offset: (page - 1) * pageSize,
  });
  const rows = parsed(result?.rows) ?? [];
  const budgetPerYear = parsed(result?.budget_per_year) ?? {};
  const budget = (parsed(result?.budget) ?? []).map((b) => ({
    year: Number(b.year),
    requestedCents: Number(b.requested),
    approvedCents: Number(b.approved),
    budgetCents: budgetPerYear[String(b.year)] === undefined ? undefined : Number(budgetPerYear[String(b.year)]),
  }));
  // what each year's budget has left for the race: the programme's budget less its approvals
  const available = new Map<number, number>();
  for (const b of budget) if (b.budgetCents !== undefined) available.set(b.year, b.budgetCents - b.approvedCents);
  const race = (parsed(result?.race) ?? []).map(([applicationId, rank, status, grant]) => ({
    applicationId,
    rank: Number(rank),
    status,
    requestedPerYear: Object.fromEntries(
      (Array.isArray(grant) ? grant : []).map((g) => [Number(g.year), Number(g.amountCents)]),
    ) as Record<number, number>,
  }));
  const running = runningTotals(race, available);
  const names = await organisationNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return {
    rows: rows.map((r) => {
      const run = running.rows.get(r.id);
      return {
        applicationId: r.id,
        title: r.title ?? '',
        organisationName: names.get(r.organisation_id) ?? '',
        status: r.status,
        requestedCents: Number(r.grant_total_cents),
        rank: Number(r.rank),
        inRace: run?.inRace ?? false,
        runningPerYear: run?.runningPerYear ?? {},
        beyond: run?.beyond ?? [],
        reviews: Number(r.reviews),
        recused: Number(r.recused),
        mean: num(r.mean),
        criteria: call.rubric.map((_, i) => num(r.criteria?.[i])),
        spread: num(r.spread),
        meanZ: num(r.mean_z),
      };
    }),
    total: Number(result?.total ?? 0),
    budget,
    cutOffs: running.cutOffs,
  };
}
