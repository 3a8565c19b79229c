// The reviewer's side: assignments, declarations of conflicts and scores. Decisions live in
// ../decisions/decisions.store.ts.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { inUuids, param, prepared } from '../../../core/db/prepared';
import { type FieldIssue, issue } from '../../../core/http/form';
import { applications, calls, reviewAssignments } from '../schema';
import { assignmentStatusIssues, type CriterionScore } from './review-scores';

export type Assignment = typeof reviewAssignments.$inferSelect;

/**
 * Assigns reviewers to applications, each pair once. Refused with `field`'s message unless every
 * application concerned is under review (assignmentStatusIssues), checked with them locked, so a
 * decision taken meanwhile is seen.
 */
export async function assignReviewers(
  db: Db,
  actor: Actor,
  pairs: { applicationId: string; reviewerId: string }[],
  field = 'reviewerId',
): Promise<{ ok: true; assigned: number } | { ok: false; issues: FieldIssue[] }> {
  if (pairs.length === 0) return { ok: true, assigned: 0 };
  return db.transaction(async (tx) => {
    const ids = [...new Set(pairs.map((p) => p.applicationId))];
    const concerned = await tx
      .select({ id: applications.id, status: applications.status })
      .from(applications)
      .where(inArray(applications.id, ids))
      .for('share');
    const issues =
      concerned.length < ids.length
        ? [issue(field, 'common:validation.choose')]
        : assignmentStatusIssues(concerned, field);
    if (issues.length) return { ok: false, issues };
    const rows = await tx
      .insert(reviewAssignments)
      .values(pairs.map((p) => ({ ...p, assignedBy: actor.id })))
      .onConflictDoNothing()
      .returning({
        id: reviewAssignments.id,
        applicationId: reviewAssignments.applicationId,
        reviewerId: reviewAssignments.reviewerId,
      });
    for (const r of rows)
      await recordAudit(tx, actor, {
        action: 'review.assigned',
        subjectKind: 'application',
        subjectId: r.applicationId,
        after: { reviewerId: r.reviewerId },
      });
    return { ok: true, assigned: rows.length };
  });
}

/** Every assignment to an application of the call, with the application's title and status, by title. */
export async function listAssignmentsOfCall(db: Db, callId: string) {
  return db
    .select({
      assignment: reviewAssignments,
      title: sql<string>`${applications.content}->>'title'`,
      status: applications.status,
    })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .where(eq(applications.callId, callId))
    .orderBy(sql`${applications.content}->>'title'`, applications.id, reviewAssignments.assignedAt);
}

export async function listAssignmentsOfApplications(db: Db, applicationIds: string[]): Promise<Assignment[]> {
  if (applicationIds.length === 0) return [];
  return prepared(db, 'funding.assignmentsOfApplications', (d) =>
    d
      .select()
      .from(reviewAssignments)
      .where(inUuids(reviewAssignments.applicationId, 'ids'))
      .prepare('funding.assignmentsOfApplications'),
  ).execute({ ids: applicationIds });
}

export async function listAssignmentsOfReviewer(db: Db, reviewerId: string) {
  return prepared(db, 'funding.assignmentsOfReviewer', (d) =>
    d
      .select({
        assignment: reviewAssignments,
        title: applications.content,
        callTitle: calls.title,
        blindReview: calls.blindReview,
      })
      .from(reviewAssignments)
      .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
      .innerJoin(calls, eq(calls.id, applications.callId))
      .where(eq(reviewAssignments.reviewerId, param('reviewerId')))
      .orderBy(desc(reviewAssignments.assignedAt))
      .prepare('funding.assignmentsOfReviewer'),
  ).execute({ reviewerId });
}

export async function getAssignment(db: Db, id: string): Promise<Assignment | undefined> {
  const [row] = await prepared(db, 'funding.assignment', (d) =>
    d
      .select()
      .from(reviewAssignments)
      .where(eq(reviewAssignments.id, param('id')))
      .prepare('funding.assignment'),
  ).execute({ id });
  return row;
}

/** A reviewer's declaration, once: "none" opens the application, "conflict" recuses them. */
export async function declare(
  db: Db,
  actor: Actor,
  id: string,
  declaration: 'none' | 'conflict',
  reason: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, id)).for('update');
    if (a?.declaration !== 'pending' || a.reviewerId !== actor.id) return false;
    await tx
      .update(reviewAssignments)
      .set({ declaration, conflictReason: declaration === 'conflict' ? reason : '', declaredAt: now })
      .where(eq(reviewAssignments.id, id));
    await recordAudit(tx, actor, {
      action: declaration === 'none' ? 'review.declaredNoConflict' : 'review.declaredConflict',
      subjectKind: 'application',
      subjectId: a.applicationId,
      after: { assignmentId: id, reason: declaration === 'conflict' ? reason : undefined },
    });
    return true;
  });
}

export async function saveScores(
  db: Db,
  actor: Actor,
  id: string,
  scores: Record<string, CriterionScore>,
  submit: boolean,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, id)).for('update');
    if (a?.declaration !== 'none' || a.submittedAt || a.reviewerId !== actor.id) return false;
    if (submit) {
      // the call's rubric is locked by the first submitted score (updateCall takes the same row
      // lock): a submission waits for a change in progress and must cover the rubric as it is then
      const [call] = await tx
        .select({ rubric: calls.rubric })
        .from(calls)
        .innerJoin(applications, eq(applications.callId, calls.id))
        .where(eq(applications.id, a.applicationId))
        .for('share', { of: calls });
      if (!call || call.rubric.some((c) => !(scores[c.id] && scores[c.id]!.score >= 1 && scores[c.id]!.score <= 5)))
        return false;
    }
    await tx
      .update(reviewAssignments)
      .set({ scores, ...(submit ? { submittedAt: now } : {}) })
      .where(eq(reviewAssignments.id, id));
    if (submit)
      await recordAudit(tx, actor, {
        action: 'review.submitted',
        subjectKind: 'application',
        subjectId: a.applicationId,
        after: { assignmentId: id, scores },
      });
    return true;
  });
}
