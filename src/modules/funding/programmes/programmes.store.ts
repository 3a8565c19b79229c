// Programmes and calls: reading and writing, each change audited in the same transaction.
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { prepared } from '../../../core/db/prepared';
import { keptForSubject } from '../../../core/db/subjects';
import type { FieldIssue } from '../../../core/http/form';
import { applications, calls, programmes, reviewAssignments } from '../schema';
import { rubricLockIssues } from './call-rules';

export type Programme = typeof programmes.$inferSelect;
export type ProgrammeInput = Omit<typeof programmes.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type Call = typeof calls.$inferSelect;
export type CallInput = Omit<typeof calls.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function createProgramme(db: Db, actor: Actor, input: ProgrammeInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(programmes).values(input).returning({ id: programmes.id });
    if (!row) throw new Error('programme insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'programme.created',
      subjectKind: 'programme',
      subjectId: row.id,
      after: input,
    });
    return row.id;
  });
}

export async function updateProgramme(
  db: Db,
  actor: Actor,
  id: string,
  input: ProgrammeInput,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(programmes).where(eq(programmes.id, id));
    await tx
      .update(programmes)
      .set({ ...input, updatedAt: now })
      .where(eq(programmes.id, id));
    await recordAudit(tx, actor, {
      action: 'programme.updated',
      subjectKind: 'programme',
      subjectId: id,
      before,
      after: input,
    });
  });
}

// Programmes and calls change a few times a year and are read on nearly every page: each process
// keeps what it read until a programme or call changes (the subject 'funding.calls', bumped by
// triggers on both tables, migration 0013; core/db/subjects.ts). What these return is shared.
const CALLS = 'funding.calls';

export async function getProgramme(db: Db, id: string): Promise<Programme | undefined> {
  return keptForSubject(db, CALLS, `programme:${id}`, async () => {
    const [row] = await prepared(db, 'funding.programme', (d) =>
      d
        .select()
        .from(programmes)
        .where(eq(programmes.id, sql.placeholder('id')))
        .prepare('funding.programme'),
    ).execute({ id });
    return row;
  });
}

/** All programmes, or only those with the given ids (a programme officer's). */
export async function listProgrammes(db: Db, onlyIds?: string[]): Promise<Programme[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  if (!onlyIds)
    return prepared(db, 'funding.programmes', (d) =>
      d.select().from(programmes).orderBy(asc(programmes.title)).prepare('funding.programmes'),
    ).execute();
  return prepared(db, 'funding.programmesById', (d) =>
    d
      .select()
      .from(programmes)
      .where(sql`${programmes.id} = any(${sql.placeholder('ids')}::uuid[])`)
      .orderBy(asc(programmes.title))
      .prepare('funding.programmesById'),
  ).execute({ ids: onlyIds });
}

/** Every programme by its title, to choose the one a programme officer is responsible for. */
export async function listProgrammeScopes(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: programmes.id, name: programmes.title }).from(programmes).orderBy(asc(programmes.title));
}

export async function createCall(db: Db, actor: Actor, input: CallInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(calls).values(input).returning({ id: calls.id });
    if (!row) throw new Error('call insert returned nothing');
    await recordAudit(tx, actor, { action: 'call.created', subjectKind: 'call', subjectId: row.id, after: input });
    return row.id;
  });
}

/** Whether a reviewer has submitted a score for any application of the call: from then on its rubric is locked. */
export async function callHasSubmittedScores(db: Pick<Db, 'select'>, callId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .where(and(eq(applications.callId, callId), isNotNull(reviewAssignments.submittedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * Changes a call. Its rubric is locked once a score was submitted (rubricLockIssues): checked
 * again here with the call locked, since a reviewer's submission takes the same lock (saveScores).
 */
export async function updateCall(
  db: Db,
  actor: Actor,
  id: string,
  input: CallInput,
  now: Date,
): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
    if (!before) throw new Error(`no call ${id}`);
    const issues = rubricLockIssues({
      scoresSubmitted: await callHasSubmittedScores(tx, id),
      before: before.rubric,
      after: input.rubric ?? [],
    });
    if (issues.length) return { ok: false, issues };
    await tx
      .update(calls)
      .set({ ...input, updatedAt: now })
      .where(eq(calls.id, id));
    await recordAudit(tx, actor, { action: 'call.updated', subjectKind: 'call', subjectId: id, before, after: input });
    return { ok: true };
  });
}

export async function getCall(db: Db, id: string): Promise<Call | undefined> {
  return keptForSubject(db, CALLS, `call:${id}`, async () => {
    const [row] = await prepared(db, 'funding.call', (d) =>
      d
        .select()
        .from(calls)
        .where(eq(calls.id, sql.placeholder('id')))
        .prepare('funding.call'),
    ).execute({ id });
    return row;
  });
}

export async function listCallsOfProgramme(db: Db, programmeId: string): Promise<Call[]> {
  return prepared(db, 'funding.callsOfProgramme', (d) =>
    d
      .select()
      .from(calls)
      .where(eq(calls.programmeId, sql.placeholder('programmeId')))
      .orderBy(desc(calls.opensAt))
      .prepare('funding.callsOfProgramme'),
  ).execute({ programmeId });
}

/** Published calls that have opened and not yet closed, soonest deadline first. */
export async function listOpenCalls(db: Db, now: Date) {
  // every published call is kept; which of them are open is decided on each request by `now`
  const published = await keptForSubject(db, CALLS, 'published', () =>
    prepared(db, 'funding.publishedCalls', (d) =>
      d
        .select({ call: calls, programmeTitle: programmes.title, scope: programmes.scope })
        .from(calls)
        .innerJoin(programmes, eq(programmes.id, calls.programmeId))
        .where(eq(calls.published, true))
        .orderBy(asc(calls.closesAt))
        .prepare('funding.publishedCalls'),
    ).execute(),
  );
  return published.filter(({ call }) => call.opensAt <= now && call.closesAt > now);
}
