// Money back: reclaims on a grant, the repayments received on them, the interest notices issued and
// the dated table of base rates. Each write is one transaction with its audit entry and its event
// (ADR 0011); an interest notice is rendered once, in its transaction, and kept in `files`.
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import { getSetting, setSetting } from '../../../core/content/settings';
import type { Db } from '../../../core/db/client';
import { emit } from '../../../core/events/events';
import { readFile, storeFile } from '../../../core/files/files';
import type { FieldIssue } from '../../../core/http/form';
import { translator } from '../../../core/i18n/i18n';
import { berlinDate } from '../../../core/time/calendar';
import type { InterestNoticeIssued, ReclaimRecorded, RepaymentRecorded } from '../events';
import { noticeContext } from '../notices/notice-context';
import { baseRates, grants, interestNotices, paymentRequests, programmes, reclaims, repayments } from '../schema';
import { interestNoticePdf } from './interest-notice-pdf';
import { type BaseRate, baseRateIssues, reclaimInterest } from './interest-rules';
import {
  type PaidOut,
  type PaymentAccount,
  paymentAccountOrDefault,
  reclaimBalance,
  reclaimIssues,
  repaymentIssues,
} from './money-back-rules';

export type Reclaim = typeof reclaims.$inferSelect;
export type StoredRepayment = typeof repayments.$inferSelect;
export type InterestNotice = typeof interestNotices.$inferSelect;
export interface ReclaimWithHistory {
  reclaim: Reclaim;
  repayments: StoredRepayment[];
  notices: InterestNotice[];
}

type Result<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

// ---- the base rate table ----

export async function listBaseRates(db: Db): Promise<BaseRate[]> {
  return db
    .select({ validFrom: baseRates.validFrom, rateBp: baseRates.rateBp })
    .from(baseRates)
    .orderBy(asc(baseRates.validFrom));
}

/** Adds the base rate of the next half year; the table is read and written under one lock. */
export async function addBaseRate(
  db: Db,
  actor: Actor,
  input: { validFrom: string; rateBp: number },
): Promise<Result<undefined>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table funding_base_rates in share row exclusive mode`);
    const issues = baseRateIssues(input, await listBaseRates(tx));
    if (issues.length) return { ok: false as const, issues };
    await tx.insert(baseRates).values({ ...input, createdBy: actor.id });
    await recordAudit(tx, actor, {
      action: 'baseRate.added',
      subjectKind: 'baseRate',
      subjectId: input.validFrom,
      after: input,
    });
    return { ok: true as const, value: undefined };
  });
}

// ---- the funder's account ----

const accountKey = 'funding.paymentAccount';

export async function getPaymentAccount(db: Db): Promise<PaymentAccount & { isDefault: boolean }> {
  return paymentAccountOrDefault(await getSetting<PaymentAccount>(db, accountKey));
}

export async function savePaymentAccount(db: Db, actor: Actor, account: PaymentAccount): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getSetting<PaymentAccount>(tx, accountKey);
    await setSetting(tx, accountKey, account);
    await recordAudit(tx, actor, {
      action: 'paymentAccount.saved',
      subjectKind: 'setting',
      subjectId: accountKey,
      before: before ?? null,
      after: account,
    });
  });
}

// ---- reclaims ----

export async function listReclaims(db: Db, grantId: string): Promise<ReclaimWithHistory[]> {
  const rows = await db.select().from(reclaims).where(eq(reclaims.grantId, grantId)).orderBy(asc(reclaims.recordedAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [paid, notices] = await Promise.all([
    db.select().from(repayments).where(inArray(repayments.reclaimId, ids)).orderBy(asc(repayments.paidOn)),
    db
      .select()
      .from(interestNotices)
      .where(inArray(interestNotices.reclaimId, ids))
      .orderBy(desc(interestNotices.issuedAt)),
  ]);
  return rows.map((reclaim) => ({
    reclaim,
    repayments: paid.filter((p) => p.reclaimId === reclaim.id),
    notices: notices.filter((n) => n.reclaimId === reclaim.id),
  }));
}

export async function getReclaim(db: Db, grantId: string, reclaimId: string) {
  return (await listReclaims(db, grantId)).find((r) => r.reclaim.id === reclaimId);
}

export interface NewReclaim {
  amountCents: number;
  reason: string;
  effectiveOn: string;
  dueOn: string;
}

/**
 * Writes a reclaim in the caller's transaction (the grant row locked, so the reference's number is
 * the grant's next): its audit entry and its event. Used on its own and by the acceptance of a final
 * report whose receipts do not cover the money paid out.
 */
export async function insertReclaim(
  tx: Db,
  actor: Actor,
  grantId: string,
  input: NewReclaim & { reportId?: string },
  now: Date,
): Promise<Reclaim> {
  const [grant] = await tx.select({ id: grants.id }).from(grants).where(eq(grants.id, grantId)).for('update');
  if (!grant) throw new Error(`no grant ${grantId}`);
  const existing = await tx.select({ id: reclaims.id }).from(reclaims).where(eq(reclaims.grantId, grantId));
  const reference = reclaimReference(grantId, existing.length + 1);
  const [row] = await tx
    .insert(reclaims)
    .values({ grantId, ...input, reportId: input.reportId ?? null, reference, recordedBy: actor.id, recordedAt: now })
    .returning();
  if (!row) throw new Error('reclaim insert returned nothing');
  await recordAudit(tx, actor, {
    action: 'reclaim.recorded',
    subjectKind: 'grant',
    subjectId: grantId,
    after: { reclaimId: row.id, reference, ...input },
  });
  await emit(
    tx,
    {
      name: 'reclaim.recorded',
      payload: { grantId, reclaimId: row.id, amountCents: input.amountCents },
    } satisfies ReclaimRecorded,
    now,
  );
  return row;
}

/** The payment reference: the grant's short number and the reclaim's number on it, e.g. "RF-1A2B3C4D-1". */
export const reclaimReference = (grantId: string, n: number) =>
  `RF-${grantId.replace(/-/g, '').slice(0, 8).toUpperCase()}-${n}`;

/** The money reclaimed on a grant so far, in cents (it is no longer held unspent: grants/ledger.ts). */
export async function reclaimedCentsOf(db: Db, grantId: string): Promise<number> {
  const [row] = await db
    .select({ cents: sql<string | null>`sum(${reclaims.amountCents})` })
    .from(reclaims)
    .where(eq(reclaims.grantId, grantId));
  return Number(row?.cents ?? 0);
}

/** What was paid out on a grant and reclaimed so far (the first payment's day with it). */
async function paidOut(tx: Db, grantId: string): Promise<PaidOut> {
  const [paid] = await tx
    .select({
      cents: sql<string | null>`sum(${paymentRequests.approvedCents})`,
      first: sql<string | null>`min(${paymentRequests.paidOn})::text`,
    })
    .from(paymentRequests)
    .where(
      and(
        eq(paymentRequests.grantId, grantId),
        inArray(paymentRequests.status, ['approved', 'reduced']),
        isNotNull(paymentRequests.paidOn),
      ),
    );
  const [back] = await tx
    .select({ cents: sql<string | null>`sum(${reclaims.amountCents})` })
    .from(reclaims)
    .where(eq(reclaims.grantId, grantId));
  return {
    paidCents: Number(paid?.cents ?? 0),
    reclaimedCents: Number(back?.cents ?? 0),
    firstPaidOn: paid?.first ?? null,
  };
}

export async function recordReclaim(
  db: Db,
  actor: Actor,
  grantId: string,
  input: NewReclaim,
  now: Date,
): Promise<Result<Reclaim>> {
  return db.transaction(async (tx) => {
    await tx.select({ id: grants.id }).from(grants).where(eq(grants.id, grantId)).for('update');
    const issues = reclaimIssues(input, await paidOut(tx, grantId));
    if (issues.length) return { ok: false as const, issues };
    return { ok: true as const, value: await insertReclaim(tx, actor, grantId, input, now) };
  });
}

export async function recordRepayment(
  db: Db,
  actor: Actor,
  reclaimId: string,
  input: { paidOn: string; amountCents: number },
  now: Date,
): Promise<Result<undefined>> {
  return db.transaction(async (tx) => {
    const [reclaim] = await tx.select().from(reclaims).where(eq(reclaims.id, reclaimId)).for('update');
    if (!reclaim) throw new Error(`no reclaim ${reclaimId}`);
    const [rates, earlier] = await Promise.all([
      listBaseRates(tx),
      tx.select().from(repayments).where(eq(repayments.reclaimId, reclaimId)),
    ]);
    const balance = reclaimBalance(reclaim, earlier, rates, input.paidOn);
    // where the rates do not cover the days, only the principal bounds it (interest unknown)
    const owedCents = balance.ok
      ? balance.statement.principalOutstandingCents + balance.statement.interestOutstandingCents
      : undefined;
    const issues = repaymentIssues(input, { today: berlinDate(now), owedCents });
    if (issues.length) return { ok: false as const, issues };
    const [row] = await tx
      .insert(repayments)
      .values({ reclaimId, ...input, recordedBy: actor.id, recordedAt: now })
      .returning({ id: repayments.id });
    if (!row) throw new Error('repayment insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'repayment.recorded',
      subjectKind: 'grant',
      subjectId: reclaim.grantId,
      after: { reclaimId, repaymentId: row.id, ...input },
    });
    await emit(
      tx,
      {
        name: 'repayment.recorded',
        payload: { grantId: reclaim.grantId, reclaimId, repaymentId: row.id, amountCents: input.amountCents },
      } satisfies RepaymentRecorded,
      now,
    );
    return { ok: true as const, value: undefined };
  });
}

/**
 * Issues an interest notice on a reclaim: the interest from the day it took effect up to today
 * (the day of the notice), period by period. Rendered here, stored with its sha-256 and never
 * rendered again; refused, with the day named, while a base rate it needs is not in the table.
 */
export async function issueInterestNotice(
  db: Db,
  actor: Actor,
  reclaimId: string,
  now: Date,
): Promise<Result<InterestNotice>> {
  return db.transaction(async (tx) => {
    const [reclaim] = await tx.select().from(reclaims).where(eq(reclaims.id, reclaimId)).for('update');
    if (!reclaim) throw new Error(`no reclaim ${reclaimId}`);
    const issuedOn = berlinDate(now);
    const paid = await tx.select().from(repayments).where(eq(repayments.reclaimId, reclaimId));
    const result = reclaimInterest({
      principalCents: reclaim.amountCents,
      interestFrom: reclaim.effectiveOn,
      until: issuedOn,
      repayments: paid,
      rates: await listBaseRates(tx),
    });
    if (!result.ok) return result;
    const [row] = await tx
      .select({ grant: grants, programme: programmes })
      .from(grants)
      .innerJoin(programmes, eq(programmes.id, grants.programmeId))
      .where(eq(grants.id, reclaim.grantId));
    if (!row) throw new Error(`no grant ${reclaim.grantId}`);
    const context = await noticeContext(tx, {
      applicationId: row.grant.applicationId,
      organisationId: row.grant.organisationId,
      officerId: actor.id,
      now,
    });
    const content = await interestNoticePdf(translator('de'), {
      issuedAt: now,
      issuedOn,
      grant: row.grant,
      programme: row.programme,
      notice: context,
      reclaim,
      statement: result.statement,
      account: await getPaymentAccount(tx),
    });
    const file = await storeFile(tx, {
      owner: 'funding',
      filename: interestNoticeFilename,
      mimeType: 'application/pdf',
      content,
      createdBy: actor.id,
    });
    const [notice] = await tx
      .insert(interestNotices)
      .values({
        reclaimId,
        issuedOn,
        interestCents: result.statement.interestCents,
        fileId: file.id,
        issuedBy: actor.id,
        issuedAt: now,
      })
      .returning();
    if (!notice) throw new Error('notice insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'interestNotice.issued',
      subjectKind: 'grant',
      subjectId: reclaim.grantId,
      after: { reclaimId, noticeId: notice.id, issuedOn, interestCents: notice.interestCents, sha256: file.sha256 },
    });
    await emit(
      tx,
      {
        name: 'interestNotice.issued',
        payload: { grantId: reclaim.grantId, reclaimId, noticeId: notice.id },
      } satisfies InterestNoticeIssued,
      now,
    );
    return { ok: true as const, value: notice };
  });
}

export const interestNoticeFilename = 'zinsbescheid.pdf';

/** An interest notice as issued: its stored bytes and sha-256. */
export async function interestNoticeFile(db: Db, reclaimId: string, noticeId: string) {
  const [notice] = await db.select().from(interestNotices).where(eq(interestNotices.id, noticeId));
  if (notice?.reclaimId !== reclaimId) return undefined;
  const file = await readFile(db, notice.fileId);
  return file ? { content: file.content, sha256: file.sha256 } : undefined;
}
