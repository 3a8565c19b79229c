// One prepared statement per dashboard page: the page of grants in deadline order, read from an
// index on (programme, next_report_due, title, id) — next_report_due is kept by a trigger on the
// reports (migration 0012) — with each row's money and overdue reports, and the totals over all
// the grants in the same statement. The carriers' names come from the network module afterwards,
// only for the page's rows (funding does not read network's tables).
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db/client';
import { preparedRows } from '../../../core/db/prepared';
import { organisationNames } from '../../network/api';

export interface DashboardRow {
  id: string;
  title: string;
  organisationName: string;
  programmeTitle: string;
  approvedCents: number;
  drawnCents: number;
  pendingPayments: number;
  nextDue: string | null;
  overdueReports: number;
  endDate: string;
}

export interface Dashboard {
  rows: DashboardRow[];
  total: number;
  overdueReports: number;
  pendingPayments: number;
}

export const DASHBOARD_PAGE_SIZE = 50;

interface PageRow {
  id: string;
  title: string;
  organisation_id: string;
  programme_title: string;
  approved_total_cents: number;
  end_date: string;
  next_due: string | null;
  overdue_reports: number;
  drawn_cents: number;
  pending_payments: number;
}

const open = sql`status in ('open', 'correctionsRequested')`;

/** The statement for one kind of filter; `where` names the grants as `g`. */
function dashboardSql(where: SQL, pageSize: number): SQL {
  const today = sql`${sql.placeholder('today')}::date`;
  return sql`select
      (select count(*)::int from funding_grants g where ${where}) as total,
      (select count(*)::int from funding_reports r join funding_grants g on g.id = r.grant_id
        where ${where} and r.${open} and r.due_on < ${today}) as overdue,
      (select count(*)::int from funding_payment_requests p join funding_grants g on g.id = p.grant_id
        where ${where} and p.status = 'requested') as pending,
      coalesce((
        select json_agg(x order by x.n) from (
          select g.n, g.id, g.title, g.organisation_id, pr.title as programme_title, g.approved_total_cents,
                 g.end_date::text as end_date, g.next_report_due::text as next_due,
                 (select count(*)::int from funding_reports r
                   where r.grant_id = g.id and r.${open} and r.due_on < ${today}) as overdue_reports,
                 coalesce(p.drawn_cents, 0) as drawn_cents, coalesce(p.pending_payments, 0) as pending_payments
          from (
            select g.*, row_number() over (order by g.next_report_due, g.title, g.id) as n
            from (
              select g.* from funding_grants g where ${where}
              order by g.next_report_due, g.title, g.id
              limit ${sql.raw(String(pageSize))} offset ${sql.placeholder('offset')}
            ) g
          ) g
          join funding_programmes pr on pr.id = g.programme_id
          left join lateral (
            select sum(p.approved_cents) filter (where p.status in ('approved', 'reduced'))::bigint as drawn_cents,
                   count(*) filter (where p.status = 'requested')::int as pending_payments
            from funding_payment_requests p where p.grant_id = g.id
          ) p on true
        ) x
      ), '[]'::json) as rows`;
}

/** Grants of the given programmes (all when undefined) or of the given organisations, one page at a time. */
export async function dashboardRows(
  db: Db,
  filter: { programmeIds?: string[]; organisationIds?: string[] },
  today: string,
  page = 1,
  pageSize = DASHBOARD_PAGE_SIZE,
): Promise<Dashboard> {
  if (filter.organisationIds?.length === 0 || filter.programmeIds?.length === 0)
    return { rows: [], total: 0, overdueReports: 0, pendingPayments: 0 };
  // one text per kind of filter, so each is prepared once; a single programme (the usual officer)
  // is an equality the index can read in order
  const { organisationIds, programmeIds } = filter;
  const [kind, where, values] = organisationIds
    ? ([
        'organisations',
        sql`g.organisation_id = any(${sql.placeholder('ids')}::uuid[])`,
        { ids: organisationIds },
      ] as const)
    : programmeIds?.length === 1
      ? (['programme', sql`g.programme_id = ${sql.placeholder('id')}::uuid`, { id: programmeIds[0] }] as const)
      : programmeIds
        ? (['programmes', sql`g.programme_id = any(${sql.placeholder('ids')}::uuid[])`, { ids: programmeIds }] as const)
        : (['all', sql`true`, {}] as const);
  const [result] = await preparedRows<{ total: number; overdue: number; pending: number; rows: PageRow[] | string }>(
    db,
    `funding.dashboard.${kind}.${pageSize}`,
    () => dashboardSql(where, pageSize),
    { ...values, today, offset: (page - 1) * pageSize },
  );
  const rows: PageRow[] = typeof result?.rows === 'string' ? JSON.parse(result.rows) : (result?.rows ?? []);
  const names = await organisationNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return {
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      organisationName: names.get(r.organisation_id) ?? '',
      programmeTitle: r.programme_title,
      approvedCents: Number(r.approved_total_cents),
      drawnCents: Number(r.drawn_cents),
      pendingPayments: Number(r.pending_payments),
      nextDue: r.next_due,
      overdueReports: Number(r.overdue_reports),
      endDate: r.end_date,
    })),
    total: Number(result?.total ?? 0),
    overdueReports: Number(result?.overdue ?? 0),
    pendingPayments: Number(result?.pending ?? 0),
  };
}

/** Open reports due on one of the given days, with whom to remind (the carrier's staff). */
export async function reportsDueOn(db: Db, days: string[]) {
  return queryRows<{
    report_id: string;
    kind: string;
    budget_year: number | null;
    due_on: string;
    grant_id: string;
    title: string;
    organisation_id: string;
  }>(
    db,
    sql`select r.id as report_id, r.kind, r.budget_year, r.due_on::text as due_on, g.id as grant_id, g.title, g.organisation_id
        from funding_reports r join funding_grants g on g.id = r.grant_id
        where r.status in ('open', 'correctionsRequested')
          and r.due_on in (${sql.join(
            days.map((d) => sql`${d}::date`),
            sql`, `,
          )})`,
  );
}
