// Reports on a grant: created with the grant from its period, filled in by the carrier,
// accepted or sent back by the officer. Receipts are replaced as a whole on each import. A
// submitted report keeps its figures as a snapshot (funding_reports.figures) taken in the
// submission's transaction; from then on nothing changes it until the officer asks for
// corrections, which reopens it (the snapshot moves to earlier_figures, the figures are live again).
import { asc, eq, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { prepared } from '../../../core/db/prepared';
import { emit } from '../../../core/events/events';
import { type FieldIssue, issue } from '../../../core/http/form';
import { berlinDate } from '../../../core/time/calendar';
import { budgetYears } from '../applications/financing-plan';
import type { ReportReviewed, ReportSubmitted } from '../events';
import { insertReclaim } from '../money-back/money-back.store';
import { acceptanceIssues, acceptanceReclaim, uncoveredCents } from '../money-back/money-back-rules';
import { grants, paymentRequests, type ReportFigures, receipts, reports } from '../schema';
import { type ReceiptForActuals, reportFigures } from './actuals';
import { finalReportDue, interimReportDue } from './deadlines';
import type { Receipt } from './receipts';
import { reportReviewIssues } from './report-rules';

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

const editable = (r: Pick<Report, 'status'>) => r.status === 'open' || r.status === 'correctionsRequested';

/** A submitted or accepted report shows its snapshot; an open one (or one sent back) its live figures. */
export const frozen = (r: Pick<Report, 'status'>) => !editable(r);

/** Every receipt of a grant's reports, with the kind of report it was imported into. */
export async function listGrantReceipts(db: Db, grantId: string): Promise<ReceiptForActuals[]> {
  return db
    .select({ date: receipts.date, line: receipts.line, amountCents: receipts.amountCents, reportKind: reports.kind })
    .from(receipts)
    .innerJoin(reports, eq(reports.id, receipts.reportId))
    .where(eq(reports.grantId, grantId));
}

/**
 * A report's figures as they are now (actuals.ts): for the final report from all the grant's
 * receipts, for an interim report from its own, and from the spending reported on the payments.
 */
async function liveFigures(db: Db, r: Report, now: Date): Promise<ReportFigures> {
  const [grant] = await db.select({ plan: grants.plan }).from(grants).where(eq(grants.id, r.grantId));
  if (!grant) throw new Error(`report ${r.id} has no grant`);
  const payments = await db.select().from(paymentRequests).where(eq(paymentRequests.grantId, r.grantId));
  const list =
    r.kind === 'final'
      ? await listGrantReceipts(db, r.grantId)
      : (await listReceipts(db, r.id)).map((x) => ({ ...x, reportKind: r.kind }));
  return reportFigures({ report: r, plan: grant.plan, receipts: list, payments, narrative: r.narrative, takenAt: now });
}

/**
 * The figures a report shows: the snapshot of a submitted or accepted report, the live figures of
 * an open one. A report submitted before snapshots existed (migration 0016) is frozen the first
 * time it is shown, and shows that snapshot from then on.
 */
export async function figuresOf(db: Db, r: Report, now: Date): Promise<ReportFigures> {
  if (!frozen(r)) return liveFigures(db, r, now);
  if (r.figures) return r.figures;
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(reports).where(eq(reports.id, r.id)).for('update');
    if (!locked) throw new Error(`report ${r.id} is gone`);
    if (!frozen(locked)) return liveFigures(tx, locked, now);
    if (locked.figures) return locked.figures; // another request froze it meanwhile
    const figures = await liveFigures(tx, locked, now);
    await tx.update(reports).set({ figures }).where(eq(reports.id, r.id));
    return figures;
  });
}

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

export type ImportResult = { ok: true } | { ok: false; issues: FieldIssue[] };

/**
 * Replaces the report's receipts in one transaction: the list is in completely or not at all. A
 * submitted or accepted report takes none (its figures are frozen): refused at the file field.
 */
export async function importReceipts(db: Db, actor: Actor, id: string, list: Receipt[]): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
    if (!r) throw new Error(`no report ${id}`);
    if (!editable(r)) return { ok: false as const, issues: [issue('csv', 'funding:report.frozenImport')] };
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
    return { ok: true as const };
  });
}

/** Submits the report and freezes its figures: the snapshot is taken in the same transaction. */
export async function submitReport(db: Db, actor: Actor, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
    if (!r || !editable(r)) return false;
    const figures = await liveFigures(tx, r, now);
    await tx.update(reports).set({ status: 'submitted', submittedAt: now, figures }).where(eq(reports.id, id));
    await recordAudit(tx, actor, {
      action: 'report.submitted',
      subjectKind: 'report',
      subjectId: id,
      before: { status: r.status },
      after: { status: 'submitted', totals: figures.totals },
    });
    await emit(
      tx,
      { name: 'report.submitted', payload: { grantId: r.grantId, reportId: id } } satisfies ReportSubmitted,
      now,
    );
    return true;
  });
}

export type ReviewResult =
  | { ok: true }
  | { ok: false; problem: 'notSubmitted' | 'uncovered' }
  | { ok: false; issues: FieldIssue[] };

/**
 * The officer's review of a submitted report: accept it, or ask for corrections. The review's
 * rules (reportReviewIssues in report-rules.ts) are checked again here, under the report's lock,
 * against the report's frozen figures. Corrections reopen the report: its snapshot moves to the
 * earlier ones and its figures are live again until the next submission.
 */
export async function reviewReport(
  db: Db,
  actor: Actor,
  id: string,
  outcome: 'accepted' | 'correctionsRequested',
  note: string,
  now: Date,
  /** accept a final report and reclaim what its receipts do not cover, with this reason */
  options: { reclaimReason?: string } = {},
): Promise<ReviewResult> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
    if (r?.status !== 'submitted') return { ok: false as const, problem: 'notSubmitted' as const };
    const figures = r.figures ?? (await liveFigures(tx, r, now));
    const issues = reportReviewIssues(
      { action: outcome === 'accepted' ? 'accept' : 'corrections', note },
      { report: r, figures },
    );
    if (issues.length) return { ok: false as const, issues };
    // money paid out and not covered by the receipts is accepted only as a reclaim (money-back/)
    const reclaim = outcome === 'accepted' ? await uncoveredOnAcceptance(tx, r, options.reclaimReason, now) : undefined;
    if (reclaim === false) return { ok: false as const, problem: 'uncovered' as const };
    if (reclaim) await insertReclaim(tx, actor, r.grantId, { ...reclaim, reportId: id }, now);
    const reopened = outcome === 'correctionsRequested';
    await tx
      .update(reports)
      .set({
        status: outcome,
        officerNote: note,
        reviewedBy: actor.id,
        reviewedAt: now,
        figures: reopened ? null : figures,
        earlierFigures: reopened ? [...r.earlierFigures, figures] : r.earlierFigures,
      })
      .where(eq(reports.id, id));
    await recordAudit(tx, actor, {
      action: `report.${outcome}`,
      subjectKind: 'report',
      subjectId: id,
      before: { status: r.status },
      after: { status: outcome, note, ...(reclaim ? { reclaimCents: reclaim.amountCents } : {}) },
    });
    await emit(
      tx,
      { name: 'report.reviewed', payload: { grantId: r.grantId, reportId: id, outcome } } satisfies ReportReviewed,
      now,
    );
    return { ok: true as const };
  });
}

/**
 * The reclaim an acceptance must record (the money paid out the receipts do not cover), none when
 * they cover it, or false when the acceptance breaks the rule (acceptanceIssues).
 */
async function uncoveredOnAcceptance(tx: Db, r: Report, reclaimReason: string | undefined, now: Date) {
  const uncovered = await uncoveredOfReport(tx, r);
  const action = reclaimReason === undefined ? 'accept' : 'acceptReclaim';
  if (acceptanceIssues({ kind: r.kind, action, uncoveredCents: uncovered }).length) return false as const;
  return reclaimReason === undefined
    ? undefined
    : { ...acceptanceReclaim(uncovered, berlinDate(now)), reason: reclaimReason };
}

/** The money paid out on the report's grant that its receipts do not cover (final reports; 0 for interim ones). */
export async function uncoveredOfReport(db: Db, r: Report): Promise<number> {
  if (r.kind !== 'final') return 0;
  const [paid, list] = await Promise.all([
    db
      .select({
        status: paymentRequests.status,
        approvedCents: paymentRequests.approvedCents,
        paidOn: paymentRequests.paidOn,
      })
      .from(paymentRequests)
      .where(eq(paymentRequests.grantId, r.grantId)),
    db.select({ amountCents: receipts.amountCents }).from(receipts).where(eq(receipts.reportId, r.id)),
  ]);
  return uncoveredCents(paid, list);
}
