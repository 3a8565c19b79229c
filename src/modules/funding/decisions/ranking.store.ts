// A call's ranking, one page at a time, computed in the database: each submitted review's weighted
// rubric score, each application's mean, spread and mean z-score (every reviewer's scores
// standardised against their own reviews in the call), the rank, and the cumulative requested sum
// in rank order (a window function, so page 3 starts where page 2 ended). The budget sums per
// year are taken over all of the call's applications, never only the page's.
// The rules are those of review-scores.ts (weightedScore, scoreApplications); a test checks that
// both agree.
import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/client';
import { preparedRows } from '../../../core/db/prepared';
import { organisationNames } from '../../network/api';
import type { RubricCriterion } from '../schema';

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
  /** requested sums of this and every better-ranked application */
  cumulativeCents: number;
  reviews: number;
  recused: number;
  mean: number | undefined;
  spread: number | undefined;
  meanZ: number | undefined;
}

export interface RankingBudgetYear {
  year: number;
  requestedCents: number;
  approvedCents: number;
}

export interface Ranking {
  rows: RankingRow[];
  /** applications in the ranking, over all pages */
  total: number;
  /** requested and approved sums per budget year, over all pages */
  budget: RankingBudgetYear[];
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
  cumulative: number;
  title: string | null;
}

/**
 * One statement per call's rubric weights (prepared, so it is planned once per connection): the
 * page of ranked rows, the count over all pages and the budget per year, each as JSON of one row.
 */
function rankingSql(rubric: RubricCriterion[], pageSize: number): SQL {
  const statuses = sql.join(
    rankedStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const offset = sql`${sql.placeholder('offset')}::int`;
  const weighted = weightedScoreSql(rubric);
  return sql`with apps as materialized (
      select a.id, a.organisation_id, a.status, a.grant_total_cents, a.submitted_at, a.content->'plan'->'grant' as plan_grant
      from funding_applications a where a.call_id = ${sql.placeholder('callId')}::uuid and a.status in (${statuses})
    ),
    -- each assignment once, with its weighted score if it counts: submitted without a conflict
    -- and a score of 1 to 5 on every criterion (a missing or invalid score makes the sum null)
    assignments as materialized (
      select ra.application_id, ra.reviewer_id, ra.declaration,
             case when ra.submitted_at is not null and ra.declaration = 'none' then ${weighted} end as value
      from funding_review_assignments ra
      where ra.application_id = any(array(select id from apps))
    ),
    -- z: each value against the mean and sample standard deviation of the same reviewer's values
    standardised as (
      select application_id, value,
             (value - avg(value) over r) / nullif(stddev_samp(value) over r, 0) as z
      from assignments
      where value is not null
      window r as (partition by reviewer_id)
    ),
    scored as (
      select application_id, count(*) as reviews, avg(value) as mean, max(value) - min(value) as spread,
             avg(z) as mean_z
      from standardised
      group by application_id
    ),
    recused as (
      select application_id, count(*) as n from assignments where declaration = 'conflict' group by application_id
    ),
    ranked as (
      select apps.id, apps.organisation_id, apps.status, apps.grant_total_cents,
             coalesce(sc.reviews, 0)::int as reviews, coalesce(rc.n, 0)::int as recused,
             sc.mean, sc.spread, sc.mean_z,
             row_number() over w as rank,
             sum(apps.grant_total_cents) over (w rows between unbounded preceding and current row) as cumulative
      from apps
      left join scored sc on sc.application_id = apps.id
      left join recused rc on rc.application_id = apps.id
      window w as (order by sc.mean desc nulls last, apps.submitted_at, apps.id)
    ),
    requested as (
      select (g->>'year')::int as year, sum((g->>'amountCents')::bigint) as cents
      from apps cross join jsonb_array_elements(apps.plan_grant) g
      group by 1
    ),
    latest as (
      select distinct on (d.application_id) d.outcome, d.amounts_per_year
      from funding_decisions d join apps on apps.id = d.application_id
      where d.status = 'issued'
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
          select ranked.*, a.content->>'title' as title
          from ranked join funding_applications a on a.id = ranked.id
          where ranked.rank > ${offset} and ranked.rank <= ${offset} + ${sql.raw(String(pageSize))}
        ) p
      ), '[]'::json) as rows,
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
    budget: { year: number; requested: string; approved: string }[] | string;
  }>(db, `funding.ranking.${rubricKey}.${pageSize}`, () => rankingSql(call.rubric, pageSize), {
    callId: call.id,
    offset: (page - 1) * pageSize,
  });
  const rows = parsed(result?.rows) ?? [];
  const budget = parsed(result?.budget) ?? [];
  const names = await organisationNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return {
    rows: rows.map((r) => ({
      applicationId: r.id,
      title: r.title ?? '',
      organisationName: names.get(r.organisation_id) ?? '',
      status: r.status,
      requestedCents: Number(r.grant_total_cents),
      rank: Number(r.rank),
      cumulativeCents: Number(r.cumulative),
      reviews: Number(r.reviews),
      recused: Number(r.recused),
      mean: num(r.mean),
      spread: num(r.spread),
      meanZ: num(r.mean_z),
    })),
    total: Number(result?.total ?? 0),
    budget: budget.map((b) => ({
      year: Number(b.year),
      requestedCents: Number(b.requested),
      approvedCents: Number(b.approved),
    })),
  };
}
