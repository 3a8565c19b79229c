// The deadlines of the officer's programmes (reports owed, payment requests and change requests
// waiting) and the secret of each officer's calendar feed, stored as its sha-256. Renewing the
// secret replaces the row, so the old address finds nothing and answers 404.
import { and, asc, eq, inArray, lte, type SQL } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { addDays } from '../../../core/time/calendar';
import { owedStatuses } from '../reports/overdue-reminders';
import { calendarFeeds, changeRequests, grants, paymentRequests, reports } from '../schema';
import { feedTokenHash, newFeedToken, upcomingDays } from './calendar-rules';

/** Programme ids the person oversees; undefined: all (administrators). */
export type Scope = string[] | undefined;

const inScope = (scope: Scope): SQL | undefined => (scope ? inArray(grants.programmeId, scope) : undefined);

export async function deadlinesOf(db: Db, scope: Scope, today: string) {
  if (scope?.length === 0) return { reports: [], payments: [], changes: [] };
  const [owed, payments, changes] = await Promise.all([
    db
      .select({
        reportId: reports.id,
        kind: reports.kind,
        budgetYear: reports.budgetYear,
        dueOn: reports.dueOn,
        status: reports.status,
        grantId: grants.id,
        title: grants.title,
      })
      .from(reports)
      .innerJoin(grants, eq(grants.id, reports.grantId))
      .where(
        and(inArray(reports.status, owedStatuses), lte(reports.dueOn, addDays(today, upcomingDays)), inScope(scope)),
      )
      .orderBy(asc(reports.dueOn), asc(grants.title)),
    db
      .select({
        paymentId: paymentRequests.id,
        dueOn: paymentRequests.dueOn,
        requestedCents: paymentRequests.requestedCents,
        requestedAt: paymentRequests.requestedAt,
        grantId: grants.id,
        title: grants.title,
      })
      .from(paymentRequests)
      .innerJoin(grants, eq(grants.id, paymentRequests.grantId))
      .where(and(eq(paymentRequests.status, 'requested'), inScope(scope)))
      .orderBy(asc(paymentRequests.dueOn), asc(grants.title)),
    db
      .select({
        changeId: changeRequests.id,
        kind: changeRequests.kind,
        requestedAt: changeRequests.requestedAt,
        grantId: grants.id,
        title: grants.title,
      })
      .from(changeRequests)
      .innerJoin(grants, eq(grants.id, changeRequests.grantId))
      .where(and(eq(changeRequests.status, 'requested'), inScope(scope)))
      .orderBy(asc(changeRequests.requestedAt)),
  ]);
  return { reports: owed, payments, changes };
}

export type Deadlines = Awaited<ReturnType<typeof deadlinesOf>>;

/** When the person's feed address was made, if they have one. */
export async function feedOf(db: Db, userId: string) {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  return row;
}

/** A new secret for the person's feed; the old one stops working in the same step. */
export async function renewFeed(db: Db, actor: Actor & { id: string }, now: Date): Promise<string> {
  const { token, hash } = newFeedToken();
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarFeeds)
      .values({ userId: actor.id, tokenHash: hash, createdAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hash, createdAt: now } });
    await recordAudit(tx, actor, { action: 'calendarFeed.renewed', subjectKind: 'user', subjectId: actor.id });
  });
  return token;
}

/** Whose feed a secret opens, if any. */
export async function feedOwner(db: Db, token: string): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, feedTokenHash(token)));
  return row?.userId;
}
