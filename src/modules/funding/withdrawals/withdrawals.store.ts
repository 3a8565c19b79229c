// Withdrawals of issued grant decisions: one transaction writes the withdrawal, lowers the grant
// (or marks it withdrawn in full), records the reclaims through money-back's insertReclaim, renders
// the notice once and keeps it in `files` with its sha-256, and writes the audit entry and the event.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { emit } from '../../../core/events/events';
import { readFile, storeFile } from '../../../core/files/files';
import { type FieldIssue, issue } from '../../../core/http/form';
import { translator } from '../../../core/i18n/i18n';
import { berlinDate } from '../../../core/time/calendar';
import type { DecisionWithdrawn } from '../events';
import { getPaymentAccount, insertReclaim } from '../money-back/money-back.store';
import { noticeContext } from '../notices/notice-context';
import { isPaid } from '../reports/actuals';
import { owedStatuses } from '../reports/overdue-reminders';
import {
  decisions,
  grants,
  paymentRequests,
  planVersions,
  programmes,
  reclaims,
  reports,
  withdrawals,
} from '../schema';
import { withdrawalNoticePdf } from './withdrawal-notice-pdf';
import {
  effectiveDay,
  grantPerYear,
  type PaidMoney,
  reclaimParts,
  reclaimPerYear,
  remainingGrant,
  totalOf,
  type WithdrawalBasis,
  type WithdrawalExtent,
  type WithdrawalReason,
  withdrawalIssues,
  withdrawalReclaims,
  type YearAmount,
} from './withdrawal-rules';

export type Withdrawal = typeof withdrawals.$inferSelect;
type Result<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export interface WithdrawalInput {
  basis: WithdrawalBasis;
  extent: WithdrawalExtent;
  effect: 'decision' | 'date';
  effectiveOn: string;
  reason: WithdrawalReason;
  reasonText: string;
  remaining: Record<number, number | undefined>;
}

export async function listWithdrawals(db: Db, grantId: string): Promise<Withdrawal[]> {
  return db.select().from(withdrawals).where(eq(withdrawals.grantId, grantId)).orderBy(asc(withdrawals.issuedAt));
}

/** What a withdrawal of the grant rests on: the decision's day, the money paid, what earlier ones reclaimed. */
export async function withdrawalBasis(db: Db, grant: { id: string; decisionId: string }) {
  const [[decision], payments, earlier] = await Promise.all([
    db.select().from(decisions).where(eq(decisions.id, grant.decisionId)),
    db.select().from(paymentRequests).where(eq(paymentRequests.grantId, grant.id)),
    listWithdrawals(db, grant.id),
  ]);
  if (!decision) throw new Error(`no decision ${grant.decisionId}`);
  const paid: PaidMoney[] = payments
    .filter(isPaid)
    .map((p) => ({ year: p.year, paidOn: p.paidOn as string, amountCents: p.approvedCents }));
  return {
    decision,
    decisionDay: berlinDate(decision.decidedAt),
    openPayments: payments.filter((p) => p.status === 'requested').length,
    paid,
    alreadyReclaimed: earlier.flatMap((w) => w.reclaimPerYear),
  };
}

export type WithdrawalBasisOf = Awaited<ReturnType<typeof withdrawalBasis>>;

/** What the withdrawal would do: what remains, the reclaim per year and its parts by first day of interest. */
export function withdrawalOutcome(
  input: WithdrawalInput,
  grant: { plan: { grant: YearAmount[] } },
  basis: WithdrawalBasisOf,
) {
  const before = grantPerYear(grant.plan.grant);
  const after = remainingGrant(input.extent, before, input.remaining);
  const perYear = reclaimPerYear(after, basis.paid, basis.alreadyReclaimed);
  const effectiveOn = effectiveDay(input.effect, basis.decisionDay, input.effectiveOn);
  const parts = reclaimParts(perYear, basis.paid, effectiveOn, basis.alreadyReclaimed);
  return { before, after, perYear, reclaimCents: totalOf(perYear), effectiveOn, parts };
}

/**
 * Withdraws the grant's decision. The rules are checked again under the grant row's lock, and the
 * reclaim must still be the one the officer confirmed (`confirmedReclaimCents`: money paid out since
 * the preview refuses it); the reclaims' reason is the text the route gives (German, as the notice is).
 */
export async function withdrawDecision(
  db: Db,
  actor: Actor,
  grantId: string,
  input: WithdrawalInput,
  reclaimReason: string,
  now: Date,
  confirmedReclaimCents?: number,
): Promise<Result<Withdrawal>> {
  return db.transaction(async (tx) => {
    const [grant] = await tx.select().from(grants).where(eq(grants.id, grantId)).for('update');
    if (!grant) throw new Error(`no grant ${grantId}`);
    const today = berlinDate(now);
    const basis = await withdrawalBasis(tx, grant);
    const issues = withdrawalIssues(input, {
      decisionDay: basis.decisionDay,
      today,
      withdrawnOn: grant.withdrawnOn,
      openPayments: basis.openPayments,
      grant: grant.plan.grant,
    });
    if (issues.length) return { ok: false as const, issues };
    const outcome = withdrawalOutcome(input, grant, basis);
    if (confirmedReclaimCents !== undefined && confirmedReclaimCents !== outcome.reclaimCents)
      return {
        ok: false as const,
        issues: [issue('confirm', 'funding:withdrawal.amountChanged', { amount: { euro: outcome.reclaimCents } })],
      };
    const recorded = [];
    for (const r of withdrawalReclaims(outcome.parts, today))
      recorded.push(await insertReclaim(tx, actor, grantId, { ...r, reason: reclaimReason }, now));
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, grant.programmeId));
    if (!programme) throw new Error(`no programme ${grant.programmeId}`);
    const notice = await noticeContext(tx, {
      applicationId: grant.applicationId,
      organisationId: grant.organisationId,
      officerId: actor.id,
      now,
    });
    const content = await withdrawalNoticePdf(translator('de'), {
      issuedAt: now,
      grant,
      programme,
      decision: { decidedAt: basis.decision.decidedAt },
      notice,
      withdrawal: { ...input, effectiveOn: outcome.effectiveOn },
      before: outcome.before,
      after: outcome.after,
      paid: basis.paid,
      perYear: outcome.perYear,
      reclaimCents: outcome.reclaimCents,
      reclaims: recorded,
      account: await getPaymentAccount(tx),
    });
    const file = await storeFile(tx, {
      owner: 'funding',
      filename: withdrawalNoticeFilename,
      mimeType: 'application/pdf',
      content,
      createdBy: actor.id,
    });
    const [row] = await tx
      .insert(withdrawals)
      .values({
        grantId,
        decisionId: grant.decisionId,
        basis: input.basis,
        extent: input.extent,
        effectiveOn: outcome.effectiveOn,
        reason: input.reason,
        reasonText: input.reasonText,
        grantBefore: outcome.before,
        grantAfter: outcome.after,
        reclaimPerYear: outcome.perYear,
        reclaimCents: outcome.reclaimCents,
        fileId: file.id,
        issuedBy: actor.id,
        issuedAt: now,
      })
      .returning();
    if (!row) throw new Error('withdrawal insert returned nothing');
    for (const r of recorded) await tx.update(reclaims).set({ withdrawalId: row.id }).where(eq(reclaims.id, r.id));
    // the lowered grant is a new version of the plan, set by the funder's withdrawal
    const plan = { ...grant.plan, grant: outcome.after };
    await tx.insert(planVersions).values({
      grantId,
      version: grant.planVersion + 1,
      plan,
      endDate: grant.endDate,
      partners: grant.partners,
      basis: 'withdrawal',
      createdBy: actor.id,
    });
    await tx
      .update(grants)
      .set({
        plan,
        planVersion: grant.planVersion + 1,
        approvedTotalCents: totalOf(outcome.after),
        withdrawnOn: input.extent === 'full' ? today : null,
      })
      .where(eq(grants.id, grantId));
    // nothing remains granted after a full withdrawal, so there is nothing left to account for: the
    // reports still owed lapse (the trigger of migration 0012 clears the grant's next deadline)
    if (input.extent === 'full')
      await tx
        .update(reports)
        .set({ status: 'waived' })
        .where(and(eq(reports.grantId, grantId), inArray(reports.status, owedStatuses)));
    await recordAudit(tx, actor, {
      action: 'decision.withdrawn',
      subjectKind: 'grant',
      subjectId: grantId,
      before: { grant: outcome.before, approvedTotalCents: grant.approvedTotalCents },
      after: {
        withdrawalId: row.id,
        basis: input.basis,
        extent: input.extent,
        effectiveOn: outcome.effectiveOn,
        reason: input.reason,
        grant: outcome.after,
        reclaimCents: outcome.reclaimCents,
        reclaimIds: recorded.map((r) => r.id),
        sha256: file.sha256,
      },
    });
    await emit(
      tx,
      {
        name: 'decision.withdrawn',
        payload: { grantId, withdrawalId: row.id, reclaimCents: outcome.reclaimCents },
      } satisfies DecisionWithdrawn,
      now,
    );
    return { ok: true as const, value: row };
  });
}

export const withdrawalNoticeFilename = 'widerrufsbescheid.pdf';

/** A withdrawal notice as issued: its stored bytes and sha-256. */
export async function withdrawalNoticeFile(db: Db, grantId: string, withdrawalId: string) {
  const [w] = await db.select().from(withdrawals).where(eq(withdrawals.id, withdrawalId));
  if (w?.grantId !== grantId) return undefined;
  const file = await readFile(db, w.fileId);
  return file ? { content: file.content, sha256: file.sha256 } : undefined;
}
