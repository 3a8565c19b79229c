// Grants after approval: payment requests, their decisions and the spending reported on them.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import { getSetting } from '../../../core/content/settings';
import type { Db } from '../../../core/db/client';
import { prepared } from '../../../core/db/prepared';
import { emit } from '../../../core/events/events';
import type { FieldIssue } from '../../../core/http/form';
import { berlinDate } from '../../../core/time/calendar';
import type { PaymentDecided, PaymentRequested } from '../events';
import { applications, grants, paymentRequests, programmes } from '../schema';
import {
  type PaymentDecision,
  paymentCapIssues,
  paymentRequestCap,
  projectEndedPaymentIssues,
  undecidedYearIssues,
} from './payment-rules';

export type PaymentRequest = typeof paymentRequests.$inferSelect;

/** Base rate (§ 247 BGB) in basis points; administrators keep it current in settings. */
export const baseRateBp = async (db: Db) => (await getSetting<number>(db, 'funding.baseRateBp')) ?? 127;

export async function getGrantContext(db: Db, id: string) {
  const [row] = await prepared(db, 'funding.grantContext', (d) =>
    d
      .select({ grant: grants, programme: programmes })
      .from(grants)
      .innerJoin(programmes, eq(programmes.id, grants.programmeId))
      .where(eq(grants.id, sql.placeholder('id')))
      .prepare('funding.grantContext'),
  ).execute({ id });
  return row;
}

export async function listGrantsOfOrganisations(db: Db, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .select()
    .from(grants)
    .where(inArray(grants.organisationId, organisationIds))
    .orderBy(desc(grants.createdAt));
}

export async function listPayments(db: Db, grantId: string): Promise<PaymentRequest[]> {
  return prepared(db, 'funding.payments', (d) =>
    d
      .select()
      .from(paymentRequests)
      .where(eq(paymentRequests.grantId, sql.placeholder('grantId')))
      .orderBy(desc(paymentRequests.requestedAt))
      .prepare('funding.payments'),
  ).execute({ grantId });
}

/** Paid money of a budget year, counted under the grant row's lock so two requests cannot both pass the cap. */
async function drawnInYear(db: Db, grantId: string, year: number): Promise<number> {
  const rows = await db
    .select({
      status: paymentRequests.status,
      approvedCents: paymentRequests.approvedCents,
      requestedCents: paymentRequests.requestedCents,
    })
    .from(paymentRequests)
    .where(and(eq(paymentRequests.grantId, grantId), eq(paymentRequests.year, year)));
  // open requests count as drawn too: the cap is on what could be paid out
  return rows.reduce(
    (s, r) => s + (r.status === 'requested' ? r.requestedCents : r.status === 'rejected' ? 0 : r.approvedCents),
    0,
  );
}

export type RequestResult = { ok: true; id: string } | { ok: false; issues: FieldIssue[] };

/**
 * The carrier draws money. The project's end and the cap are checked again under the grant row's
 * lock (the end on the Berlin day of `now`), so two requests cannot both pass the cap and none
 * passes after the end; a refusal names the end date, or at the amount what may still be drawn.
 */
export async function requestPayment(
  db: Db,
  actor: Actor,
  grantId: string,
  input: { year: number; line: string; requestedCents: number; dueOn: string; purpose: string },
  now: Date,
): Promise<RequestResult> {
  return db.transaction(async (tx) => {
    const [grant] = await tx.select().from(grants).where(eq(grants.id, grantId)).for('update');
    if (!grant) throw new Error('grant not found');
    const ended = projectEndedPaymentIssues(grant, berlinDate(now));
    if (ended.length) return { ok: false as const, issues: ended };
    // a year only intended is decided by its continuation application first (continuations/)
    const undecided = undecidedYearIssues(grant, input.year);
    if (undecided.length) return { ok: false as const, issues: undecided };
    const approved = grant.plan.grant.filter((g) => g.year === input.year).reduce((s, g) => s + g.amountCents, 0);
    const cap = paymentRequestCap({
      approvedCents: approved,
      drawnCents: await drawnInYear(tx, grantId, input.year),
      requestedCents: input.requestedCents,
    });
    const issues = paymentCapIssues(cap);
    if (issues.length) return { ok: false as const, issues };
    const [row] = await tx
      .insert(paymentRequests)
      .values({ grantId, ...input, requestedBy: actor.id })
      .returning({ id: paymentRequests.id });
    if (!row) throw new Error('payment insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'payment.requested',
      subjectKind: 'grant',
      subjectId: grantId,
      after: { paymentId: row.id, ...input },
    });
    await emit(
      tx,
      { name: 'payment.requested', payload: { grantId, paymentId: row.id } } satisfies PaymentRequested,
      now,
    );
    return { ok: true as const, id: row.id };
  });
}

/**
 * Approve in full, reduce to a smaller amount, or reject. Approved money counts as paid on the
 * Berlin day of the decision.
 */
export async function decidePayment(db: Db, actor: Actor, paymentId: string, decision: PaymentDecision, now: Date) {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(paymentRequests).where(eq(paymentRequests.id, paymentId)).for('update');
    if (p?.status !== 'requested') return false;
    const approvedCents =
      decision.status === 'approved' ? p.requestedCents : decision.status === 'rejected' ? 0 : decision.approvedCents;
    await tx
      .update(paymentRequests)
      .set({
        status: decision.status,
        approvedCents,
        paidOn: decision.status === 'rejected' ? null : berlinDate(now),
        decidedBy: actor.id,
        decidedAt: now,
      })
      .where(eq(paymentRequests.id, paymentId));
    await recordAudit(tx, actor, {
      action: `payment.${decision.status}`,
      subjectKind: 'grant',
      subjectId: p.grantId,
      before: { paymentId, status: p.status, requestedCents: p.requestedCents },
      after: { paymentId, status: decision.status, approvedCents },
    });
    await emit(
      tx,
      {
        name: 'payment.decided',
        payload: { grantId: p.grantId, paymentId, status: decision.status },
      } satisfies PaymentDecided,
      now,
    );
    return true;
  });
}

export async function reportSpent(
  db: Db,
  actor: Actor,
  paymentId: string,
  spent: { spentCents: number; spentOn: string },
) {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(paymentRequests).where(eq(paymentRequests.id, paymentId)).for('update');
    if (!p || (p.status !== 'approved' && p.status !== 'reduced') || spent.spentCents > p.approvedCents) return false;
    await tx.update(paymentRequests).set(spent).where(eq(paymentRequests.id, paymentId));
    await recordAudit(tx, actor, {
      action: 'payment.spentReported',
      subjectKind: 'grant',
      subjectId: p.grantId,
      before: { spentCents: p.spentCents },
      after: { paymentId, ...spent },
    });
    return true;
  });
}

/**
 * What another module needs to open a grant's project workspace (activities, on `grant.approved`):
 * the title, dates and the partners as they stand (after an approved partner change, those of the
 * change; before, those of the application). No contact details: the workspace asks its people itself.
 */
export async function grantWorkspaceSeed(db: Db, grantId: string) {
  const [row] = await db
    .select({ grant: grants, content: applications.content })
    .from(grants)
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .where(eq(grants.id, grantId));
  if (!row) return undefined;
  const partners = row.grant.partners ?? row.content.partners;
  return {
    grantId: row.grant.id,
    applicationId: row.grant.applicationId,
    programmeId: row.grant.programmeId,
    organisationId: row.grant.organisationId,
    title: row.grant.title,
    startDate: row.grant.startDate,
    endDate: row.grant.endDate,
    partners: partners.map((p) => ({
      name: p.name,
      isMigrantOrganisation: p.isMigrantOrganisation,
      role: p.role,
      tasks: p.tasks,
      budgetShareBp: p.budgetShareBp,
    })),
  };
}
