// Consultations of a project: recorded by its staff, each write one transaction with its audit entry.
import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import type { FieldIssue } from '../../../core/http/form';
import { consultations } from '../schema';
import type { ConsultationData } from './consultation-forms';
import { consultationIssues } from './consultation-rules';

export type Consultation = typeof consultations.$inferSelect;

export async function recordConsultation(
  db: Db,
  actor: Actor,
  projectId: string,
  c: ConsultationData,
  ctx: { now: Date; today: string },
): Promise<{ ok: true; id: string } | { ok: false; issues: FieldIssue[] }> {
  const issues = consultationIssues(c, ctx.today);
  if (issues.length) return { ok: false, issues };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consultations)
      .values({ projectId, ...c, followUpDueOn: c.followUpDueOn || null, createdAt: ctx.now })
      .returning({ id: consultations.id });
    if (!row) throw new Error('consultation insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'consultation.recorded',
      subjectKind: 'project',
      subjectId: projectId,
      after: { consultationId: row.id, audience: c.audience, heldOn: c.heldOn },
    });
    return { ok: true as const, id: row.id };
  });
}

/** The project's consultations, the latest first. */
export async function consultationsOf(db: Db, projectId: string): Promise<Consultation[]> {
  return db
    .select()
    .from(consultations)
    .where(eq(consultations.projectId, projectId))
    .orderBy(desc(consultations.heldOn), desc(consultations.createdAt));
}

/** Marks a consultation's follow-up done (once). */
export async function completeFollowUp(
  db: Db,
  actor: Actor,
  projectId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(consultations)
      .set({ followUpDoneAt: now })
      .where(
        and(
          eq(consultations.id, id),
          eq(consultations.projectId, projectId),
          ne(consultations.followUp, ''),
          isNull(consultations.followUpDoneAt),
        ),
      )
      .returning({ id: consultations.id });
    if (!row) return false;
    await recordAudit(tx, actor, {
      action: 'consultation.followUpDone',
      subjectKind: 'project',
      subjectId: projectId,
      after: { consultationId: id },
    });
    return true;
  });
}
