// Mentoring rounds, their pools and pairs. Each write is one transaction with its audit entry; the
// pairing rules run again inside it, so two staff members pairing at once cannot pair one person
// twice (the unique indexes stand behind that too).
import { and, asc, eq, isNull } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { type FieldIssue, issue } from '../../../core/http/form';
import { optimalAssignment } from '../../network/api';
import { mentoringPairs, mentoringPeople, mentoringRounds } from '../schema';
import type { PersonData } from './mentoring-forms';
import { mentorFit, pairIssues } from './mentoring-rules';

export type MentoringRound = typeof mentoringRounds.$inferSelect;
export type MentoringPerson = typeof mentoringPeople.$inferSelect;
export type MentoringPair = typeof mentoringPairs.$inferSelect;

type Refused = { ok: false; issues: FieldIssue[] };
const closed: Refused = { ok: false, issues: [issue('_form', 'activities:mentoring.validation.closed')] };

export async function createRound(
  db: Db,
  actor: Actor,
  projectId: string,
  r: { title: string; description: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mentoringRounds)
      .values({ projectId, title: r.title, description: r.description, createdAt: now })
      .returning({ id: mentoringRounds.id });
    if (!row) throw new Error('round insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'mentoring.roundCreated',
      subjectKind: 'project',
      subjectId: projectId,
      after: { roundId: row.id, title: r.title },
    });
    return row.id;
  });
}

export async function roundsOf(db: Db, projectId: string): Promise<MentoringRound[]> {
  return db
    .select()
    .from(mentoringRounds)
    .where(eq(mentoringRounds.projectId, projectId))
    .orderBy(asc(mentoringRounds.createdAt));
}

/** A round with its people (mentors and mentees) and its pairs, or undefined. */
export async function getRound(db: Db, roundId: string) {
  const [round] = await db.select().from(mentoringRounds).where(eq(mentoringRounds.id, roundId));
  if (!round) return undefined;
  const people = await db
    .select()
    .from(mentoringPeople)
    .where(eq(mentoringPeople.roundId, roundId))
    .orderBy(asc(mentoringPeople.name));
  const pairs = await db.select().from(mentoringPairs).where(eq(mentoringPairs.roundId, roundId));
  return {
    round,
    mentors: people.filter((p) => p.side === 'mentor'),
    mentees: people.filter((p) => p.side === 'mentee'),
    pairs,
  };
}

export async function addPerson(
  db: Db,
  actor: Actor,
  roundId: string,
  p: PersonData,
  now: Date,
): Promise<{ ok: true } | Refused> {
  return db.transaction(async (tx) => {
    const [round] = await tx.select().from(mentoringRounds).where(eq(mentoringRounds.id, roundId)).for('update');
    if (!round || round.pairedAt) return closed;
    const [row] = await tx
      .insert(mentoringPeople)
      .values({ roundId, ...p, createdAt: now })
      .returning({ id: mentoringPeople.id });
    await recordAudit(tx, actor, {
      action: 'mentoring.personAdded',
      subjectKind: 'project',
      subjectId: round.projectId,
      after: { roundId, personId: row?.id, side: p.side },
    });
    return { ok: true as const };
  });
}

const profileOf = (p: MentoringPerson) => ({ id: p.id, languages: p.languages, topics: p.topics, region: p.region });

/** The fit of every mentee–mentor pair of the round, as the pairing reads it. */
export function scorer(mentees: MentoringPerson[], mentors: MentoringPerson[]) {
  const byId = new Map([...mentees, ...mentors].map((p) => [p.id, profileOf(p)]));
  return (menteeId: string, mentorId: string) => {
    const e = byId.get(menteeId);
    const m = byId.get(mentorId);
    return e && m ? mentorFit(e, m).score : 0;
  };
}

/** Pairs a mentor and a mentee by hand, while the round is matching and neither is paired. */
export async function pairByHand(
  db: Db,
  actor: Actor,
  roundId: string,
  pair: { mentorId: string; menteeId: string },
  now: Date,
): Promise<{ ok: true } | Refused> {
  return db.transaction(async (tx) => {
    const [round] = await tx.select().from(mentoringRounds).where(eq(mentoringRounds.id, roundId)).for('update');
    if (!round || round.pairedAt) return closed;
    const found = await getRound(tx, roundId);
    if (!found) return closed;
    const issues = pairIssues(pair, {
      mentors: new Set(found.mentors.map((m) => m.id)),
      mentees: new Set(found.mentees.map((m) => m.id)),
      pairedMentors: new Set(found.pairs.map((p) => p.mentorId)),
      pairedMentees: new Set(found.pairs.map((p) => p.menteeId)),
    });
    if (issues.length) return { ok: false as const, issues };
    const score = scorer(found.mentees, found.mentors)(pair.menteeId, pair.mentorId);
    await tx.insert(mentoringPairs).values({ roundId, ...pair, score, createdAt: now });
    await recordAudit(tx, actor, {
      action: 'mentoring.paired',
      subjectKind: 'project',
      subjectId: round.projectId,
      after: { roundId, ...pair, score, by: 'hand' },
    });
    return { ok: true as const };
  });
}

/** Replaces the round's pairs with the optimal pairing of its pools (computed again in the transaction). */
export async function adoptOptimalPairing(
  db: Db,
  actor: Actor,
  roundId: string,
  now: Date,
): Promise<{ ok: true; pairs: number } | Refused> {
  return db.transaction(async (tx) => {
    const [round] = await tx.select().from(mentoringRounds).where(eq(mentoringRounds.id, roundId)).for('update');
    if (!round || round.pairedAt) return closed;
    const found = await getRound(tx, roundId);
    if (!found) return closed;
    const optimal = optimalAssignment(
      found.mentees.map((m) => m.id),
      found.mentors.map((m) => m.id),
      scorer(found.mentees, found.mentors),
    );
    await tx.delete(mentoringPairs).where(eq(mentoringPairs.roundId, roundId));
    if (optimal.pairs.length)
      await tx
        .insert(mentoringPairs)
        .values(
          optimal.pairs.map((p) => ({ roundId, menteeId: p.left, mentorId: p.right, score: p.score, createdAt: now })),
        );
    await recordAudit(tx, actor, {
      action: 'mentoring.optimalPairingAdopted',
      subjectKind: 'project',
      subjectId: round.projectId,
      before: { pairs: found.pairs.map((p) => [p.menteeId, p.mentorId]) },
      after: { roundId, pairs: optimal.pairs.map((p) => [p.left, p.right]), total: optimal.total },
    });
    return { ok: true as const, pairs: optimal.pairs.length };
  });
}

/** Ends the matching phase: the pairs stand, the pools are closed. */
export async function finishMatching(db: Db, actor: Actor, roundId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(mentoringRounds)
      .set({ pairedAt: now })
      .where(and(eq(mentoringRounds.id, roundId), isNull(mentoringRounds.pairedAt)))
      .returning({ projectId: mentoringRounds.projectId });
    if (!row) return false;
    await recordAudit(tx, actor, {
      action: 'mentoring.matchingFinished',
      subjectKind: 'project',
      subjectId: row.projectId,
      after: { roundId },
    });
    return true;
  });
}
