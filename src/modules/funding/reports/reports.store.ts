// Reports on a grant: created with the grant from its period, filled in by the carrier,
// accepted or sent back by the officer. Receipts are replaced as a whole on each import.
import { asc, eq, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { prepared } from '../../../core/db/prepared';
import { emit } from '../../../core/events/events';
import { budgetYears } from '../applications/financing-plan';
import type { ReportReviewed, ReportSubmitted } from '../events';
import { receipts, reports } from '../schema';
import { finalReportDue, interimReportDue } from './deadlines';
import type { Receipt } from './receipts';

export type Report = typeof reports.$inferSelect;
export type StoredReceipt = typeof receipts.$inferSelect;

/** One interim report per budget year except the last, and the final report. */
export function reportSchedule(start: string, end: string) {
  const interim = budgetYears(start, end)
    .map((y) => ({ kind: 'interim' as const, budgetYear: y, dueOn: interimReportDue(y, end) }))
    .filter((r): r is { kind: 'interim'; budgetYear: number; dueOn: string } => r.dueOn !== undefined);
  return [...interim, { kind: 'final' as const, budgetYear: null, dueOn: finalReportDue(end) }];
}

export async function createReportsFor(db: Db, grantId: string, start: string, end: string) {
  await db.insert(reports).values(reportSchedule(start, end).map((r) => ({ grantId, ...r })));
}

export async function listReports(db: Db, grantId: string): Promise<Report[]> {
  return prepared(db, 'funding.reports', (d) =>
    d
      .select()
      .from(reports)
      .where(eq(reports.grantId, sql.placeholder('grantId')))
      .orderBy(asc(reports.dueOn))
      .prepare('funding.reports'),
  ).execute({ grantId });
}

export async function getReport(db: Db, id: string): Promise<Report | undefined> {
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  return row;
}

export async function listReceipts(db: Db, reportId: string): Promise<StoredReceipt[]> {
  return db.select().from(receipts).where(eq(receipts.reportId, reportId)).orderBy(asc(receipts.date));
}

const editable = (r: Report) => r.status === 'open' || r.status === 'correctionsRequested';

export async function saveNarrative(db: Db, actor: Actor, id: string, narrative: string[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
    if (!r || !editable(r)) return false;
    await tx.update(reports).set({ narrative }).where(eq(reports.id, id));
    await recordAudit(tx, actor, {
      action: 'report.narrativeSaved',
      subjectKind: 'report',
      subjectId: id,
      before: r.narrative,
      after: narrative,
    });
    return true;
  });
}

/** Replaces the report's receipts in one transaction: the list is in completely or not at all. */
export async function importReceipts(db: Db, actor: Actor, id: string, list: Receipt[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
    if (!r || !editable(r)) return false;
    await tx.delete(receipts).where(eq(receipts.reportId, id));
    if (list.length)
      await tx.insert(receipts).values(
        list.map((x) => ({
          reportId: id,
          date: x.date,
          payee: x.payee,
          reason: x.reason,
          amountCents: x.amountCents,
          line: x.line,
        })),
      );
    await recordAudit(tx, actor, {
      action: 'report.receiptsImported',
      subjectKind: 'report',
      subjectId: id,
      after: { count: list.length, totalCents: list.reduce((s, x) => s + x.amountCents, 0) },
    });
    return true;
  });
}

export async function submitReport(db: Db, actor: Actor, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
    if (!r || !editable(r)) return false;
    await tx.update(reports).set({ status: 'submitted', submittedAt: now }).where(eq(reports.id, id));
    await recordAudit(tx, actor, {
      action: 'report.submitted',
      subjectKind: 'report',
      subjectId: id,
      before: { status: r.status },
      after: { status: 'submitted' },
    });
    await emit(
      tx,
      { name: 'report.submitted', payload: { grantId: r.grantId, reportId: id } } satisfies ReportSubmitted,
      now,
    );
    return true;
  });
}

export async function reviewReport(
  db: Db,
  actor: Actor,
  id: string,
  outcome: 'accepted' | 'correctionsRequested',
  note: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
    if (r?.status !== 'submitted') return false;
    await tx
      .update(reports)
      .set({ status: outcome, officerNote: note, reviewedBy: actor.id, reviewedAt: now })
      .where(eq(reports.id, id));
    await recordAudit(tx, actor, {
      action: `report.${outcome}`,
      subjectKind: 'report',
      subjectId: id,
      before: { status: r.status },
      after: { status: outcome, note },
    });
    await emit(
      tx,
      { name: 'report.reviewed', payload: { grantId: r.grantId, reportId: id, outcome } } satisfies ReportReviewed,
      now,
    );
    return true;
  });
}
