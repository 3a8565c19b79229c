// What the officer's tools read: applications across calls with filters and sorting, the rows of
// the exports, the payments by budget year and programme, and the dashboard's counts. Every value
// from the address is a bound parameter; column names and directions come from fixed lists. The
// carriers' names come from the network module (by ids, and ids by name or Land for the filters):
// funding's SQL never reads network's tables.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db/client';
import { addDays } from '../../../core/time/calendar';
import { organisationIdsMatching, organisationNames } from '../../network/api';
import { spendWithinDays } from '../grants/payment-rules';
import type { ApplicationQuery, PaymentQuery } from './list-query';

export const LIST_PAGE_SIZE = 50;
/** An export holds at most this many rows (the page says so when the filter matches more). */
export const EXPORT_LIMIT = 20_000;

/** The programmes an officer manages (undefined: all, for an administrator). */
export type Scope = string[] | undefined;

const uuids = (ids: string[]) => sql`${sql.param(`{${ids.join(',')}}`)}::uuid[]`;
const scoped = (scope: Scope, column: SQL) => (scope ? sql`${column} = any(${uuids(scope)})` : sql`true`);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A case number (Aktenzeichen) matches as typed, whole or in part, ignoring case. */
export function caseNumberMatch(q: string): SQL | undefined {
  return q ? sql`a.case_number ilike ${`%${escapeLike(q)}%`}` : undefined;
}

/** The condition on `a` (applications) joined with `c` (calls); undefined when nothing can match. */
async function applicationWhere(db: Db, scope: Scope, f: ApplicationQuery): Promise<SQL | undefined> {
  if (scope?.length === 0) return undefined;
  const where: SQL[] = [sql`a.status <> 'draft'`, scoped(scope, sql`c.programme_id`)];
  if (f.q) {
    const byName = await organisationIdsMatching(db, { name: f.q });
    const anyOf: SQL[] = [sql`a.content->>'title' ilike ${`%${escapeLike(f.q)}%`}`];
    if (byName.length) anyOf.push(sql`a.organisation_id = any(${uuids(byName)})`);
    const byCase = caseNumberMatch(f.q);
    if (byCase) anyOf.push(byCase);
    where.push(sql`(${sql.join(anyOf, sql` or `)})`);
  }
  if (f.callId) where.push(sql`a.call_id = ${f.callId}::uuid`);
  if (f.status) where.push(sql`a.status = ${f.status}`);
  if (f.land) {
    const inLand = await organisationIdsMatching(db, { landCode: f.land });
    if (inLand.length === 0) return undefined;
    where.push(sql`a.organisation_id = any(${uuids(inLand)})`);
  }
  if (f.field)
    where.push(sql`coalesce(a.content->'fieldsOfAction', '[]'::jsonb) @> jsonb_build_array(${f.field}::text)`);
  if (f.cooperation) where.push(sql`a.content->>'cooperationForm' = ${f.cooperation}`);
  return sql.join(where, sql` and `);
}

const sortColumns = {
  submitted: sql`a.submitted_at`,
  title: sql`lower(a.content->>'title')`,
  amount: sql`a.grant_total_cents`,
  status: sql`a.status`,
} as const;

function orderBy(f: ApplicationQuery): SQL {
  const dir = f.dir === 'asc' ? sql`asc` : sql`desc`;
  // ties in the order of their titles, then always the same way
  return sql`${sortColumns[f.sort]} ${dir} nulls last, lower(a.content->>'title'), a.id`;
}

export interface ListedApplication {
  id: string;
  /** the Aktenzeichen, null before the first submission */
  caseNumber: string | null;
  title: string;
  organisationId: string;
  organisationName: string;
  callId: string;
  callTitle: string;
  programmeTitle: string;
  status: string;
  stage: string;
  requestedCents: number;
  submittedAt: Date | null;
  region: string;
  fieldsOfAction: string[];
  cooperationForm: string;
}

interface ApplicationRow {
  id: string;
  case_number: string | null;
  title: string | null;
  organisation_id: string;
  call_id: string;
  call_title: string;
  programme_title: string;
  status: string;
  stage: string;
  grant_total_cents: number | string;
  submitted_at: Date | string | null;
  region: string | null;
  fields: string[] | string | null;
  cooperation: string | null;
  total: number | string;
}

async function applicationRows(
  db: Db,
  scope: Scope,
  f: ApplicationQuery,
  limit: number,
  offset: number,
): Promise<{ rows: ListedApplication[]; total: number }> {
  const where = await applicationWhere(db, scope, f);
  if (!where) return { rows: [], total: 0 };
  const rows = await queryRows<ApplicationRow>(
    db,
    sql`select a.id, a.case_number, a.content->>'title' as title, a.organisation_id, a.call_id, c.title as call_title,
               p.title as programme_title, a.status, a.stage, a.grant_total_cents, a.submitted_at,
               a.content->>'region' as region, a.content->'fieldsOfAction' as fields,
               a.content->>'cooperationForm' as cooperation, count(*) over () as total
          from funding_applications a
          join funding_calls c on c.id = a.call_id
          join funding_programmes p on p.id = c.programme_id
         where ${where}
         order by ${orderBy(f)}
         limit ${limit} offset ${offset}`,
  );
  const names = await organisationNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      caseNumber: r.case_number,
      title: r.title ?? '',
      organisationId: r.organisation_id,
      organisationName: names.get(r.organisation_id) ?? '',
      callId: r.call_id,
      callTitle: r.call_title,
      programmeTitle: r.programme_title,
      status: r.status,
      stage: r.stage,
      requestedCents: Number(r.grant_total_cents),
      submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
      region: r.region ?? '',
      fieldsOfAction: (typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields) ?? [],
      cooperationForm: r.cooperation ?? '',
    })),
  };
}

/** One page of the applications the officer may see that match the filter. */
export async function listApplications(db: Db, scope: Scope, f: ApplicationQuery, pageSize = LIST_PAGE_SIZE) {
  return applicationRows(db, scope, f, pageSize, (f.page - 1) * pageSize);
}

/** Every matching application (up to EXPORT_LIMIT), in the list's order, for an export. */
export async function exportApplications(db: Db, scope: Scope, f: ApplicationQuery) {
  return (await applicationRows(db, scope, f, EXPORT_LIMIT, 0)).rows;
}

export interface ExportedDecision {
  applicationId: string;
  caseNumber: string | null;
  title: string;
  organisationName: string;
  callTitle: string;
  outcome: string;
  decidedAt: Date;
  requestedCents: number;
  approvedCents: number;
  conditions: string;
}

/** The issued decisions on the matching applications, newest first. */
export async function exportDecisions(db: Db, scope: Scope, f: ApplicationQuery): Promise<ExportedDecision[]> {
  const where = await applicationWhere(db, scope, f);
  if (!where) return [];
  const rows = await queryRows<{
    application_id: string;
    case_number: string | null;
    title: string | null;
    organisation_id: string;
    call_title: string;
    outcome: string;
    decided_at: Date | string;
    grant_total_cents: number | string;
    approved_cents: number | string | null;
    conditions: string;
  }>(
    db,
    sql`select a.id as application_id, a.case_number, a.content->>'title' as title, a.organisation_id, c.title as call_title,
               d.outcome, d.decided_at, a.grant_total_cents, d.conditions,
               (select sum(v::bigint) from jsonb_each_text(d.amounts_per_year) as e(k, v)) as approved_cents
          from funding_decisions d
          join funding_applications a on a.id = d.application_id
          join funding_calls c on c.id = a.call_id
         where d.status = 'issued' and ${where}
         order by d.decided_at desc, d.id
         limit ${EXPORT_LIMIT}`,
  );
  const names = await organisationNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return rows.map((r) => ({
    applicationId: r.application_id,
    caseNumber: r.case_number,
    title: r.title ?? '',
    organisationName: names.get(r.organisation_id) ?? '',
    callTitle: r.call_title,
    outcome: r.outcome,
    decidedAt: new Date(r.decided_at),
    requestedCents: Number(r.grant_total_cents),
    approvedCents: r.outcome === 'approved' ? Number(r.approved_cents ?? 0) : 0,
    conditions: r.conditions,
  }));
}

/** The calls of the programmes in scope, for the filter. */
export async function callsInScope(db: Db, scope: Scope) {
  if (scope?.length === 0) return [];
  const rows = await queryRows<{ id: string; title: string; programme_title: string }>(
    db,
    sql`select c.id, c.title, p.title as programme_title from funding_calls c
          join funding_programmes p on p.id = c.programme_id
         where ${scoped(scope, sql`c.programme_id`)}
         order by p.title, c.title, c.id`,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, programmeTitle: r.programme_title }));
}

// ---- payments ----

/** The budget years that have payment requests in scope, newest first, for the filter. */
export async function paymentYears(db: Db, scope: Scope): Promise<number[]> {
  if (scope?.length === 0) return [];
  const rows = await queryRows<{ year: number }>(
    db,
    sql`select distinct pr.year from funding_payment_requests pr join funding_grants g on g.id = pr.grant_id
         where ${scoped(scope, sql`g.programme_id`)} order by pr.year desc`,
  );
  return rows.map((r) => Number(r.year));
}

export interface ListedPayment {
  caseNumber: string | null;
  id: string;
  grantId: string;
  grantTitle: string;
  organisationName: string;
  programmeTitle: string;
  year: number;
  line: string;
  status: string;
  requestedCents: number;
  approvedCents: number;
  dueOn: string;
  paidOn: string | null;
  spentCents: number;
}

export interface PaymentGroup {
  year: number;
  programmeId: string;
  programmeTitle: string;
  /** per status: how many and the sum (requested for open and rejected, approved for paid and reduced) */
  byStatus: Record<string, { count: number; cents: number }>;
}

/**
 * Paid money not fully spent within six weeks (the unspent-money flag of grants/ledger.ts), as SQL on
 * `pr`: money reclaimed on the grant settles its oldest unspent payments first, as unspentFlags does.
 */
const unspentOn = (today: string) =>
  sql`pr.status in ('approved', 'reduced') and pr.spent_cents < pr.approved_cents and pr.paid_on < ${addDays(today, -spendWithinDays)}::date
      and (select coalesce(sum(u.approved_cents - u.spent_cents), 0) from funding_payment_requests u
            where u.grant_id = pr.grant_id and u.status in ('approved', 'reduced') and u.paid_on is not null
              and u.spent_cents < u.approved_cents and (u.paid_on, u.id) <= (pr.paid_on, pr.id))
        > (select coalesce(sum(r.amount_cents), 0) from funding_reclaims r where r.grant_id = pr.grant_id)`;

function paymentWhere(
  scope: Scope,
  f: Pick<PaymentQuery, 'year' | 'programmeId' | 'status' | 'unspent'>,
  today: string,
): SQL | undefined {
  if (scope?.length === 0) return undefined;
  const where: SQL[] = [scoped(scope, sql`g.programme_id`)];
  if (f.unspent) where.push(unspentOn(today));
  if (f.year) where.push(sql`pr.year = ${f.year}`);
  if (f.programmeId) where.push(sql`g.programme_id = ${f.programmeId}::uuid`);
  if (f.status) where.push(sql`pr.status = ${f.status}`);
  return sql.join(where, sql` and `);
}

/** Payment requests the officer may see, per budget year and programme, with the count and sum of each status. */
export async function paymentGroups(db: Db, scope: Scope, f: PaymentQuery, today: string): Promise<PaymentGroup[]> {
  const where = paymentWhere(scope, { ...f, status: undefined }, today);
  if (!where) return [];
  const rows = await queryRows<{
    year: number;
    programme_id: string;
    programme_title: string;
    status: string;
    n: number | string;
    cents: number | string;
  }>(
    db,
    sql`select pr.year, g.programme_id, p.title as programme_title, pr.status, count(*) as n,
               sum(case when pr.status in ('approved', 'reduced') then pr.approved_cents else pr.requested_cents end) as cents
          from funding_payment_requests pr
          join funding_grants g on g.id = pr.grant_id
          join funding_programmes p on p.id = g.programme_id
         where ${where}
         group by pr.year, g.programme_id, p.title, pr.status
         order by pr.year desc, p.title, g.programme_id`,
  );
  const groups = new Map<string, PaymentGroup>();
  for (const r of rows) {
    const key = `${r.year}/${r.programme_id}`;
    const group = groups.get(key) ?? {
      year: Number(r.year),
      programmeId: r.programme_id,
      programmeTitle: r.programme_title,
      byStatus: {},
    };
    group.byStatus[r.status] = { count: Number(r.n), cents: Number(r.cents) };
    groups.set(key, group);
  }
  return [...groups.values()];
}

async function paymentRows(db: Db, scope: Scope, f: PaymentQuery, today: string, limit: number, offset: number) {
  const where = paymentWhere(scope, f, today);
  if (!where) return { rows: [] as ListedPayment[], total: 0 };
  const rows = await queryRows<{
    id: string;
    grant_id: string;
    case_number: string | null;
    grant_title: string;
    organisation_id: string;
    programme_title: string;
    year: number;
    line: string;
    status: string;
    requested_cents: number | string;
    approved_cents: number | string;
    due_on: string;
    paid_on: string | null;
    spent_cents: number | string;
    total: number | string;
  }>(
    db,
    sql`select pr.id, g.id as grant_id, a.case_number, g.title as grant_title, g.organisation_id, p.title as programme_title,
               pr.year, pr.line, pr.status, pr.requested_cents, pr.approved_cents, pr.due_on::text as due_on,
               pr.paid_on::text as paid_on, pr.spent_cents, count(*) over () as total
          from funding_payment_requests pr
          join funding_grants g on g.id = pr.grant_id
          join funding_applications a on a.id = g.application_id
          join funding_programmes p on p.id = g.programme_id
         where ${where}
         order by pr.year desc, pr.due_on, pr.requested_at, pr.id
         limit ${limit} offset ${offset}`,
  );
  const names = await organisationNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map(
      (r): ListedPayment => ({
        id: r.id,
        grantId: r.grant_id,
        caseNumber: r.case_number,
        grantTitle: r.grant_title,
        organisationName: names.get(r.organisation_id) ?? '',
        programmeTitle: r.programme_title,
        year: Number(r.year),
        line: r.line,
        status: r.status,
        requestedCents: Number(r.requested_cents),
        approvedCents: Number(r.approved_cents),
        dueOn: r.due_on,
        paidOn: r.paid_on,
        spentCents: Number(r.spent_cents),
      }),
    ),
  };
}

/** One page of the payment requests that match the filter, newest budget year first. */
export const listPayments = (db: Db, scope: Scope, f: PaymentQuery, today: string, pageSize = LIST_PAGE_SIZE) =>
  paymentRows(db, scope, f, today, pageSize, (f.page - 1) * pageSize);

/** Every matching payment request (up to EXPORT_LIMIT), for an export. */
export const exportPayments = async (db: Db, scope: Scope, f: PaymentQuery, today: string) =>
  (await paymentRows(db, scope, f, today, EXPORT_LIMIT, 0)).rows;

// ---- the dashboard's counts ----

export interface OfficerCounts {
  /** submitted applications without a decision */
  awaitingDecision: number;
  /** review assignments not declared a conflict whose scores are not submitted */
  outstandingReviews: number;
  /** payment requests waiting for the officer */
  openPayments: number;
  /** change requests waiting for the officer */
  openChanges: number;
  /** notifications no officer has acknowledged */
  unreadNotifications: number;
  /** payments whose money is not fully spent six weeks after it was paid */
  unspentPayments: number;
  /** reports open (or sent back) after their due date */
  overdueReports: number;
  /** continuation applications (Fortsetzungsanträge) submitted and not decided */
  openContinuations: number;
}

/** What needs the officer today, counted in one statement over the programmes of `scope`. */
export async function officerCounts(db: Db, scope: Scope, today: string): Promise<OfficerCounts> {
  const zero: OfficerCounts = {
    awaitingDecision: 0,
    outstandingReviews: 0,
    openPayments: 0,
    openChanges: 0,
    unreadNotifications: 0,
    unspentPayments: 0,
    overdueReports: 0,
    openContinuations: 0,
  };
  if (scope?.length === 0) return zero;
  const inCall = scoped(scope, sql`c.programme_id`);
  const inGrant = scoped(scope, sql`g.programme_id`);
  const day = sql`${today}::date`;
  const [row] = await queryRows<Record<keyof OfficerCounts, number | string>>(
    db,
    sql`select
      (select count(*) from funding_applications a join funding_calls c on c.id = a.call_id
        where a.status = 'submitted' and ${inCall}) as "awaitingDecision",
      (select count(*) from funding_review_assignments r
        join funding_applications a on a.id = r.application_id join funding_calls c on c.id = a.call_id
        where r.submitted_at is null and r.declaration <> 'conflict' and a.status = 'submitted' and ${inCall}) as "outstandingReviews",
      (select count(*) from funding_payment_requests pr join funding_grants g on g.id = pr.grant_id
        where pr.status = 'requested' and ${inGrant}) as "openPayments",
      (select count(*) from funding_change_requests cr join funding_grants g on g.id = cr.grant_id
        where cr.status = 'requested' and ${inGrant}) as "openChanges",
      (select count(*) from funding_notifications n join funding_grants g on g.id = n.grant_id
        where n.acknowledged_at is null and ${inGrant}) as "unreadNotifications",
      (select count(*) from funding_payment_requests pr join funding_grants g on g.id = pr.grant_id
        where ${unspentOn(today)} and ${inGrant}) as "unspentPayments",
      (select count(*) from funding_reports r join funding_grants g on g.id = r.grant_id
        where r.status in ('open', 'correctionsRequested') and r.due_on < ${day} and ${inGrant}) as "overdueReports",
      (select count(*) from funding_continuations fc join funding_grants g on g.id = fc.grant_id
        where fc.status = 'submitted' and ${inGrant}) as "openContinuations"`,
  );
  if (!row) return zero;
  return Object.fromEntries(
    Object.entries(zero).map(([k]) => [k, Number(row[k as keyof OfficerCounts])]),
  ) as unknown as OfficerCounts;
}
