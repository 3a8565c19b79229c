// Fields of action (Handlungsfelder) of integration work. Applications name theirs, reviewers name
// what they know, and automatic assignment prefers a reviewer who knows the field.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/client';
import { inUuids, param, prepared } from '../../../core/db/prepared';
import { reviewStatuses } from '../reviews/review-scores';
import { applications, reviewerProfiles } from '../schema';

export const fieldsOfAction = [
  'language',
  'education',
  'work',
  'parents',
  'youth',
  'women',
  'health',
  'participation',
  'antidiscrimination',
  'civilSociety',
  'housing',
  'digital',
] as const;
export type FieldOfAction = (typeof fieldsOfAction)[number];

/** The known fields among submitted values, in list order; undefined when something unknown was sent. */
export function parseFields(value: unknown): FieldOfAction[] | undefined {
  const sent = ([] as unknown[]).concat(value ?? []).map(String);
  if (sent.some((s) => !(fieldsOfAction as readonly string[]).includes(s))) return undefined;
  return fieldsOfAction.filter((f) => sent.includes(f));
}

export async function getReviewerTopics(db: Db, userId: string): Promise<string[]> {
  const [row] = await prepared(db, 'funding.reviewerTopics', (d) =>
    d
      .select()
      .from(reviewerProfiles)
      .where(eq(reviewerProfiles.userId, param('userId')))
      .prepare('funding.reviewerTopics'),
  ).execute({ userId });
  return row?.topics ?? [];
}

/** A reviewer's own fields; updated_at records when, by the database's clock, like a created_at default. */
export async function setReviewerTopics(db: Db, userId: string, topics: string[]): Promise<void> {
  await db
    .insert(reviewerProfiles)
    .values({ userId, topics })
    .onConflictDoUpdate({ target: reviewerProfiles.userId, set: { topics, updatedAt: sql`now()` } });
}

export async function topicsOfReviewers(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  if (userIds.length === 0) return new Map();
  const rows = await prepared(db, 'funding.topicsOfReviewers', (d) =>
    d
      .select()
      .from(reviewerProfiles)
      .where(inUuids(reviewerProfiles.userId, 'ids'))
      .prepare('funding.topicsOfReviewers'),
  ).execute({ ids: userIds });
  return new Map(rows.map((r) => [r.userId, r.topics]));
}

/**
 * The applications of a call under review (review-scores.ts reviewStatuses) with their titles and
 * fields of action, oldest submission first.
 */
export async function submittedWithFields(
  db: Db,
  callId: string,
): Promise<{ id: string; title: string; fields: string[] }[]> {
  const rows = await db
    .select({
      id: applications.id,
      title: sql<string | null>`${applications.content}->>'title'`,
      fields: sql<string[] | null>`${applications.content}->'fieldsOfAction'`,
    })
    .from(applications)
    .where(and(eq(applications.callId, callId), inArray(applications.status, [...reviewStatuses])))
    .orderBy(applications.submittedAt);
  return rows.map((r) => ({ id: r.id, title: r.title ?? '', fields: Array.isArray(r.fields) ? r.fields : [] }));
}
