// Review assignments, declarations and scores; decisions and the grants they create.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { createReportsFor } from '../reports/reports.store';
import {
  applications,
  applicationVersions,
  calls,
  decisions,
  grants,
  planVersions,
  reviewAssignments,
  type StoredPlan,
} from '../schema';

export type Assignment = typeof reviewAssignments.$inferSelect;
export type Decision = typeof decisions.$inferSelect;
export type Grant = typeof grants.$inferSelect;

export async function assignReviewers(
  db: Db,
  actor: Actor,
  pairs: { applicationId: string; reviewerId: string }[],
): Promise<number> {
  if (pairs.length === 0) return 0;
  return db.transaction(async (tx) => {
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
    return rows.length;
  });
}

export async function listAssignmentsOfApplications(db: Db, applicationIds: string[]): Promise<Assignment[]> {
  if (applicationIds.length === 0) return [];
  return db.select().from(reviewAssignments).where(inArray(reviewAssignments.applicationId, applicationIds));
}

export async function listAssignmentsOfReviewer(db: Db, reviewerId: string) {
  return db
    .select({
      assignment: reviewAssignments,
      title: applications.content,
      callTitle: calls.title,
      blindReview: calls.blindReview,
    })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(reviewAssignments.reviewerId, reviewerId))
    .orderBy(desc(reviewAssignments.assignedAt));
}

export async function getAssignment(db: Db, id: string): Promise<Assignment | undefined> {
  const [row] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, id));
  return row;
}

/** A reviewer's declaration, once: "none" opens the application, "conflict" recuses them. */
export async function declare(
  db: Db,
  actor: Actor,
  id: string,
  declaration: 'none' | 'conflict',
  reason: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, id)).for('update');
    if (a?.declaration !== 'pending' || a.reviewerId !== actor.id) return false;
    await tx
      .update(reviewAssignments)
      .set({ declaration, conflictReason: declaration === 'conflict' ? reason : '', declaredAt: new Date() })
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
  scores: Record<string, { score: number; comment: string }>,
  submit: boolean,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, id)).for('update');
    if (a?.declaration !== 'none' || a.submittedAt || a.reviewerId !== actor.id) return false;
    await tx
      .update(reviewAssignments)
      .set({ scores, ...(submit ? { submittedAt: new Date() } : {}) })
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

export async function latestDecision(db: Db, applicationId: string): Promise<Decision | undefined> {
  const [row] = await db
    .select()
    .from(decisions)
    .where(eq(decisions.applicationId, applicationId))
    .orderBy(desc(decisions.decidedAt))
    .limit(1);
  return row;
}

export async function getGrantOfApplication(db: Db, applicationId: string): Promise<Grant | undefined> {
  const [row] = await db.select().from(grants).where(eq(grants.applicationId, applicationId));
  return row;
}

/**
 * Records a decision. Approval turns the submitted version into a grant: its plan with the approved
 * amount per year as the grant lines. Decisions are final here; a change needs an amended decision.
 */
export async function decide(
  db: Db,
  actor: Actor,
  input: {
    applicationId: string;
    programmeId: string;
    outcome: 'approved' | 'rejected' | 'waitlisted';
    amountsPerYear: Record<string, number>;
    conditions: string;
    reasons: string;
  },
): Promise<{ decisionId: string; grantId?: string } | undefined> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.applicationId)).for('update');
    if (!app || !(app.status === 'submitted' || app.status === 'waitlisted')) return undefined;
    const [version] = await tx
      .select()
      .from(applicationVersions)
      .where(and(eq(applicationVersions.applicationId, app.id), eq(applicationVersions.version, app.version)));
    if (!version) return undefined;
    const [d] = await tx
      .insert(decisions)
      .values({
        applicationId: app.id,
        outcome: input.outcome,
        amountsPerYear: input.outcome === 'approved' ? input.amountsPerYear : {},
        conditions: input.conditions,
        reasons: input.reasons,
        decidedBy: actor.id,
      })
      .returning({ id: decisions.id });
    if (!d) throw new Error('decision insert returned nothing');
    await tx
      .update(applications)
      .set({ status: input.outcome, updatedAt: new Date() })
      .where(eq(applications.id, app.id));
    let grantId: string | undefined;
    if (input.outcome === 'approved') {
      const plan: StoredPlan = {
        ...version.content.plan,
        grant: Object.entries(input.amountsPerYear).map(([year, amountCents]) => ({ year: Number(year), amountCents })),
      };
      const total = Object.values(input.amountsPerYear).reduce((s, x) => s + x, 0);
      const [g] = await tx
        .insert(grants)
        .values({
          applicationId: app.id,
          decisionId: d.id,
          organisationId: app.organisationId,
          programmeId: input.programmeId,
          title: version.content.title,
          startDate: version.content.startDate,
          endDate: version.content.endDate,
          plan,
          approvedTotalCents: total,
        })
        .returning({ id: grants.id });
      grantId = g?.id;
      if (grantId) {
        await tx.insert(planVersions).values({
          grantId,
          version: 1,
          plan,
          endDate: version.content.endDate,
          basis: 'decision',
          createdBy: actor.id,
        });
        await createReportsFor(tx, grantId, version.content.startDate, version.content.endDate);
      }
    }
    await recordAudit(tx, actor, {
      action: `decision.${input.outcome}`,
      subjectKind: 'application',
      subjectId: app.id,
      before: { status: app.status },
      after: {
        status: input.outcome,
        amountsPerYear: input.amountsPerYear,
        conditions: input.conditions,
        reasons: input.reasons,
        grantId,
      },
    });
    return { decisionId: d.id, grantId };
  });
}
