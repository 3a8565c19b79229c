// One query per dashboard page: every grant with its money and next deadline, computed in the
// database. Open reports are aggregated once per grant (GROUP BY, not a subquery per grant), since
// the page is sorted by the next deadline; payments are summed only for the page's rows.
// The totals over all grants come from window functions of the same query.
import { sql } from 'drizzle-orm';
import { type Db, queryRows, uuidList } from '../../../core/db/client';

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
  const where = filter.organisationIds
    ? sql`g.organisation_id in (${uuidList(filter.organisationIds)})`
    : filter.programmeIds
      ? sql`g.programme_id in (${uuidList(filter.programmeIds)})`
      : sql`true`;
  const open = sql`r.status in ('open', 'correctionsRequested')`;
  const [rows, [pending]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select x.id, x.title, o.name as organisation_name, pr.title as programme_title,
          x.approved_total_cents, x.end_date::text as end_date, x.next_due::text as next_due, x.overdue_reports,
          coalesce(p.drawn_cents, 0) as drawn_cents, coalesce(p.pending_payments, 0) as pending_payments,
          x.total, x.overdue_total
        from (
          select g.id, g.title, g.organisation_id, g.programme_id, g.approved_total_cents, g.end_date,
                 r.next_due, coalesce(r.overdue, 0) as overdue_reports,
                 count(*) over () as total, coalesce(sum(r.overdue) over (), 0) as overdue_total
          from funding_grants g
          left join (
            select r.grant_id, min(r.due_on) as next_due, count(*) filter (where r.due_on < ${today}::date) as overdue
            from funding_reports r
            where ${open} and r.grant_id in (select g.id from funding_grants g where ${where})
            group by r.grant_id
          ) r on r.grant_id = g.id
          where ${where}
          order by r.next_due nulls last, g.title, g.id
          limit ${pageSize} offset ${(page - 1) * pageSize}
        ) x
        join organisations o on o.id = x.organisation_id
        join funding_programmes pr on pr.id = x.programme_id
        left join lateral (
          select sum(p.approved_cents) filter (where p.status in ('approved', 'reduced')) as drawn_cents,
                 count(*) filter (where p.status = 'requested') as pending_payments
          from funding_payment_requests p where p.grant_id = x.id
        ) p on true
        order by x.next_due nulls last, x.title, x.id`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from funding_payment_requests p join funding_grants g on g.id = p.grant_id
          where ${where} and p.status = 'requested'`,
    ),
  ]);
  // a page past the end has no rows to carry the totals
  const [totals] = rows.length
    ? [{ total: rows[0]?.total, overdue: rows[0]?.overdue_total }]
    : await queryRows<{ total: number; overdue: number }>(
        db,
        sql`select (select count(*)::int from funding_grants g where ${where}) as total,
              (select count(*)::int from funding_reports r join funding_grants g on g.id = r.grant_id
                 where ${where} and ${open} and r.due_on < ${today}::date) as overdue`,
      );
  const mapped = rows.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    organisationName: String(r.organisation_name),
    programmeTitle: String(r.programme_title),
    approvedCents: Number(r.approved_total_cents),
    drawnCents: Number(r.drawn_cents),
    pendingPayments: Number(r.pending_payments),
    nextDue: r.next_due === null ? null : String(r.next_due),
    overdueReports: Number(r.overdue_reports),
    endDate: String(r.end_date),
  }));
  return {
    rows: mapped,
    total: Number(totals?.total ?? 0),
    overdueReports: Number(totals?.overdue ?? 0),
    pendingPayments: Number(pending?.n ?? 0),
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
