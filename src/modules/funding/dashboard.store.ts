// One query per dashboard: every grant with its money and next deadline, computed in the database
// (scalar subqueries, so payments and reports do not multiply each other's rows).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../core/db/client';

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

/** Grants of the given programmes (all when undefined) or of the given organisations, one page at a time. */
export async function dashboardRows(
  db: Db,
  filter: { programmeIds?: string[]; organisationIds?: string[] },
  today: string,
  page = 1,
  pageSize = 50,
): Promise<Dashboard> {
  const list = (ids: string[]) =>
    sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
  if (filter.organisationIds?.length === 0 || filter.programmeIds?.length === 0)
    return { rows: [], total: 0, overdueReports: 0, pendingPayments: 0 };
  const where = filter.organisationIds
    ? sql`g.organisation_id in (${list(filter.organisationIds)})`
    : filter.programmeIds
      ? sql`g.programme_id in (${list(filter.programmeIds)})`
      : sql`true`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select g.id, g.title, o.name as organisation_name, pr.title as programme_title,
          g.approved_total_cents, g.end_date::text as end_date,
          (select coalesce(sum(p.approved_cents), 0) from funding_payment_requests p
             where p.grant_id = g.id and p.status in ('approved', 'reduced')) as drawn_cents,
          (select count(*) from funding_payment_requests p where p.grant_id = g.id and p.status = 'requested') as pending_payments,
          (select min(r.due_on)::text from funding_reports r
             where r.grant_id = g.id and r.status in ('open', 'correctionsRequested')) as next_due,
          (select count(*) from funding_reports r
             where r.grant_id = g.id and r.status in ('open', 'correctionsRequested') and r.due_on < ${today}::date) as overdue_reports
        from funding_grants g
        join organisations o on o.id = g.organisation_id
        join funding_programmes pr on pr.id = g.programme_id
        where ${where}
        order by next_due nulls last, g.title
        limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [totals] = await queryRows<{ total: number; overdue: number; pending: number }>(
    db,
    sql`select (select count(*)::int from funding_grants g where ${where}) as total,
          (select count(*)::int from funding_reports r join funding_grants g on g.id = r.grant_id
             where ${where} and r.status in ('open', 'correctionsRequested') and r.due_on < ${today}::date) as overdue,
          (select count(*)::int from funding_payment_requests p join funding_grants g on g.id = p.grant_id
             where ${where} and p.status = 'requested') as pending`,
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
    pendingPayments: Number(totals?.pending ?? 0),
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
