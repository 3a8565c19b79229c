// Seminars, their sessions, registrations and attendance. Every write is one transaction with its
// audit entry and its events. Registrations and cancellations lock the seminar's row first, so two
// people taking the last seat at the same moment are served one after the other: never more
// confirmed than seats, and each move-up is one event (mailed once by seminar-mails.ts).
import { createHmac, randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import { hashToken } from '../../../core/auth/tokens';
import type { Db } from '../../../core/db/client';
import { emit } from '../../../core/events/events';
import { type FieldIssue, issue } from '../../../core/http/form';
import type { SeminarMovedUp, SeminarRegistered } from '../events';
import { attendance, projects, registrations, seminarSessions, seminars } from '../schema';
import { type ActivityCounts, activityCounts } from './seminar-counts';
import {
  consentPurpose,
  consentVersion,
  moveUps,
  placeFor,
  type RegistrationState,
  registrationIssues,
  type SessionInput,
  seminarIssues,
} from './seminar-rules';

export type Seminar = typeof seminars.$inferSelect;
export type SeminarSession = typeof seminarSessions.$inferSelect;
export type Registration = typeof registrations.$inferSelect;

export interface NewSeminar {
  title: string;
  curriculum: string;
  learningGoals: string;
  place: string;
  onlineLink: string;
  capacity: number;
  registrationClosesOn: string;
  requiredAttendanceBp: number;
  asks: string[];
  sessions: SessionInput[];
  publish: boolean;
}

type Ok<T> = { ok: true } & T;
type Refused = { ok: false; issues: FieldIssue[] };

/**
 * The personal link's token of a registration: derived from its id with the site's secret, so
 * every later mail (a move-up months after) can carry the same link although only its hash is
 * stored. A new secret ends all links, which is what a leaked secret needs.
 */
export const registrationToken = (secret: string, registrationId: string) =>
  createHmac('sha256', secret).update(`activities.registration:${registrationId}`).digest('base64url');

/** A pseudonymous participant code for the evaluation: random, never derived from the name. */
function newParticipantCode(): string {
  const alphabet = 'ACDEFGHJKLMNPQRTUVWXY34679'; // no look-alikes (0/O, 1/I, 5/S, 8/B)
  let code = 'T-';
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

export async function createSeminar(
  db: Db,
  actor: Actor,
  projectId: string,
  s: NewSeminar,
  ctx: { now: Date; today: string; dayOf: (d: Date) => string },
): Promise<Ok<{ id: string }> | Refused> {
  const issues = seminarIssues(s, ctx);
  if (issues.length) return { ok: false, issues };
  return db.transaction(async (tx) => {
    const [project] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
    if (!project) return { ok: false as const, issues: [issue('_form', 'common:validation.invalid')] };
    const [row] = await tx
      .insert(seminars)
      .values({
        projectId,
        title: s.title,
        curriculum: s.curriculum,
        learningGoals: s.learningGoals,
        place: s.place,
        onlineLink: s.onlineLink,
        capacity: s.capacity,
        registrationClosesOn: s.registrationClosesOn,
        requiredAttendanceBp: s.requiredAttendanceBp,
        asks: s.asks,
        publishedAt: s.publish ? ctx.now : null,
        createdAt: ctx.now,
      })
      .returning({ id: seminars.id });
    if (!row) throw new Error('seminar insert returned nothing');
    await tx
      .insert(seminarSessions)
      .values(s.sessions.map((x) => ({ seminarId: row.id, topic: x.topic, startsAt: x.startsAt, endsAt: x.endsAt })));
    await recordAudit(tx, actor, {
      action: 'seminar.created',
      subjectKind: 'seminar',
      subjectId: row.id,
      after: { title: s.title, capacity: s.capacity, sessions: s.sessions.length, published: s.publish },
    });
    return { ok: true as const, id: row.id };
  });
}

/** Opens a seminar for registration (once; a published seminar stays published). */
export async function publishSeminar(db: Db, actor: Actor, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(seminars)
      .set({ publishedAt: now })
      .where(and(eq(seminars.id, id), sql`${seminars.publishedAt} is null`, sql`${seminars.cancelledAt} is null`))
      .returning({ id: seminars.id });
    if (!row) return false;
    await recordAudit(tx, actor, { action: 'seminar.published', subjectKind: 'seminar', subjectId: id });
    return true;
  });
}

export interface SeminarOverview extends Seminar {
  confirmed: number;
  waitlisted: number;
  firstStart: Date | null;
  lastEnd: Date | null;
  sessionCount: number;
}

/** The project's seminars with their counts, the next first. */
export async function seminarsOfProject(db: Db, projectId: string): Promise<SeminarOverview[]> {
  const rows = await db.select().from(seminars).where(eq(seminars.projectId, projectId));
  return withCounts(db, rows);
}

/** Seminars open for registration on the public site: published, not cancelled, still open. */
export async function openSeminars(db: Db, today: string): Promise<SeminarOverview[]> {
  const rows = await db
    .select()
    .from(seminars)
    .where(
      and(
        isNotNull(seminars.publishedAt),
        sql`${seminars.cancelledAt} is null`,
        sql`${seminars.registrationClosesOn} >= ${today}`,
      ),
    );
  return withCounts(db, rows);
}

async function withCounts(db: Db, rows: Seminar[]): Promise<SeminarOverview[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db
    .select({ seminarId: registrations.seminarId, status: registrations.status, n: count() })
    .from(registrations)
    .where(inArray(registrations.seminarId, ids))
    .groupBy(registrations.seminarId, registrations.status);
  const starts = await db
    .select({
      seminarId: seminarSessions.seminarId,
      first: sql<string>`min(${seminarSessions.startsAt})`,
      last: sql<string>`max(${seminarSessions.endsAt})`,
      n: count(),
    })
    .from(seminarSessions)
    .where(inArray(seminarSessions.seminarId, ids))
    .groupBy(seminarSessions.seminarId);
  const n = (id: string, status: string) => counts.find((c) => c.seminarId === id && c.status === status)?.n ?? 0;
  return rows
    .map((r) => {
      const s = starts.find((x) => x.seminarId === r.id);
      return {
        ...r,
        confirmed: n(r.id, 'confirmed'),
        waitlisted: n(r.id, 'waitlisted'),
        firstStart: s?.first ? new Date(s.first) : null,
        lastEnd: s?.last ? new Date(s.last) : null,
        sessionCount: s?.n ?? 0,
      };
    })
    .sort((a, b) => (a.firstStart?.getTime() ?? 0) - (b.firstStart?.getTime() ?? 0));
}

/** One seminar with its sessions in order and its project, or undefined. */
export async function getSeminar(db: Db, id: string) {
  const [seminar] = await db.select().from(seminars).where(eq(seminars.id, id));
  if (!seminar) return undefined;
  const sessions = await db
    .select()
    .from(seminarSessions)
    .where(eq(seminarSessions.seminarId, id))
    .orderBy(asc(seminarSessions.startsAt));
  const [project] = await db.select().from(projects).where(eq(projects.id, seminar.projectId));
  if (!project) return undefined;
  const [c] = (await withCounts(db, [seminar])) as [SeminarOverview];
  return { seminar: c, sessions, project };
}

/** The seminar's registrations in order of arrival: for the project's staff only. */
export async function registrationsOf(db: Db, seminarId: string): Promise<Registration[]> {
  return db
    .select()
    .from(registrations)
    .where(eq(registrations.seminarId, seminarId))
    .orderBy(asc(registrations.queueNo));
}

export interface RegistrationInput {
  name: string;
  email: string;
  language: string;
  answers: Record<string, string>;
}

/**
 * Registers a person: a seat while seats are free, else the waiting list. Locks the seminar's row
 * so the count it decides on is the count it writes against. Answers the registration's id.
 */
export async function register(
  db: Db,
  seminarId: string,
  input: RegistrationInput,
  ctx: { now: Date; today: string; secret: string; source?: 'online' | 'paper'; actor?: Actor },
): Promise<Ok<{ id: string; status: 'confirmed' | 'waitlisted' }> | Refused> {
  return db.transaction(async (tx) => {
    const [seminar] = await tx.select().from(seminars).where(eq(seminars.id, seminarId)).for('update');
    if (!seminar) return { ok: false as const, issues: [issue('_form', 'activities:registration.validation.closed')] };
    const email = input.email.trim();
    const [live] = await tx
      .select({ n: count() })
      .from(registrations)
      .where(
        and(
          eq(registrations.seminarId, seminarId),
          sql`lower(${registrations.email}) = lower(${email})`,
          sql`${registrations.status} <> 'cancelled'`,
        ),
      );
    const issues = registrationIssues(seminar, { today: ctx.today, alreadyRegistered: (live?.n ?? 0) > 0 });
    if (issues.length) return { ok: false as const, issues };
    const [tally] = await tx
      .select({
        confirmed: sql<number>`count(*) filter (where ${registrations.status} = 'confirmed')::int`,
        last: max(registrations.queueNo),
      })
      .from(registrations)
      .where(eq(registrations.seminarId, seminarId));
    const status = placeFor(seminar.capacity, tally?.confirmed ?? 0);
    const id = crypto.randomUUID();
    await tx.insert(registrations).values({
      id,
      seminarId,
      queueNo: (tally?.last ?? 0) + 1,
      status,
      name: input.name,
      email,
      language: input.language,
      answers: input.answers,
      participantCode: newParticipantCode(),
      tokenHash: hashToken(registrationToken(ctx.secret, id)),
      consentPurpose,
      consentVersion,
      consentAt: ctx.now,
      registeredAt: ctx.now,
      confirmedAt: status === 'confirmed' ? ctx.now : null,
      source: ctx.source ?? 'online',
    });
    // the person's own registration is not an administrative act: the audit names no one
    await recordAudit(tx, ctx.actor ?? { id: null, label: 'participant' }, {
      action: 'seminar.registered',
      subjectKind: 'seminar',
      subjectId: seminarId,
      after: { registrationId: id, status, source: ctx.source ?? 'online' },
    });
    const event: SeminarRegistered = { name: 'seminar.registered', payload: { registrationId: id, status } };
    await emit(tx, event, ctx.now);
    return { ok: true as const, id, status };
  });
}

class RowRefused extends Error {
  constructor(
    readonly row: number,
    readonly issues: FieldIssue[],
  ) {
    super('row refused');
  }
}

/**
 * Registers many at once (paper forms): in the order given, each with the online form's rules, all
 * in one transaction. One refused row and nothing is written.
 */
export async function registerMany(
  db: Db,
  seminarId: string,
  rows: (RegistrationInput & { row: number })[],
  ctx: { now: Date; today: string; secret: string; actor: Actor },
): Promise<Ok<{ confirmed: number; waitlisted: number }> | { ok: false; row: number; issues: FieldIssue[] }> {
  try {
    return await db.transaction(async (tx) => {
      let confirmed = 0;
      for (const row of rows) {
        const result = await register(tx, seminarId, row, { ...ctx, source: 'paper' });
        if (!result.ok) throw new RowRefused(row.row, result.issues);
        if (result.status === 'confirmed') confirmed++;
      }
      return { ok: true as const, confirmed, waitlisted: rows.length - confirmed };
    });
  } catch (err) {
    if (err instanceof RowRefused) return { ok: false, row: err.row, issues: err.issues };
    throw err;
  }
}

/** A registration found by its personal link's token, with its seminar and sessions. */
export async function registrationByToken(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(registrations)
    .where(eq(registrations.tokenHash, hashToken(token)));
  if (!row) return undefined;
  const found = await getSeminar(db, row.seminarId);
  if (!found) return undefined;
  return { registration: row, ...found, waitlistPlace: await waitlistPlaceOf(db, row) };
}

/**
 * A waiting registration's place on its seminar's list, from 1 (undefined when it is not waiting):
 * counted in the database, so a long list is not read for one number.
 */
export async function waitlistPlaceOf(
  db: Db,
  r: { seminarId: string; status: string; queueNo: number },
): Promise<number | undefined> {
  if (r.status !== 'waitlisted') return undefined;
  const [ahead] = await db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.seminarId, r.seminarId),
        eq(registrations.status, 'waitlisted'),
        sql`${registrations.queueNo} <= ${r.queueNo}`,
      ),
    );
  return ahead?.n;
}

export async function getRegistration(db: Db, id: string): Promise<Registration | undefined> {
  const [row] = await db.select().from(registrations).where(eq(registrations.id, id));
  return row;
}

/**
 * Cancels a registration (the person through their link, or staff). A freed seat goes to the
 * longest-waiting registration at once; each move-up is an event, so it is mailed exactly once.
 * With `withdrawConsent` the person's data go too: name, mail and answers are cleared, the row stays
 * only as a count.
 */
export async function cancelRegistration(
  db: Db,
  registrationId: string,
  ctx: { now: Date; actor?: Actor; withdrawConsent?: boolean },
): Promise<{ ok: boolean; movedUp: string[] }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(registrations).where(eq(registrations.id, registrationId));
    if (!current) return { ok: false, movedUp: [] };
    const [seminar] = await tx.select().from(seminars).where(eq(seminars.id, current.seminarId)).for('update');
    if (!seminar) return { ok: false, movedUp: [] };
    const [row] = await tx.select().from(registrations).where(eq(registrations.id, registrationId));
    if (!row) return { ok: false, movedUp: [] };
    if (row.status === 'cancelled' && !ctx.withdrawConsent) return { ok: false, movedUp: [] };
    const erase = ctx.withdrawConsent
      ? { name: '', email: `withdrawn-${row.id}@invalid`, answers: {}, consentWithdrawnAt: ctx.now }
      : {};
    await tx
      .update(registrations)
      .set({ status: 'cancelled', cancelledAt: row.cancelledAt ?? ctx.now, ...erase })
      .where(eq(registrations.id, row.id));
    const queue = await tx
      .select({ id: registrations.id, status: registrations.status, queueNo: registrations.queueNo })
      .from(registrations)
      .where(eq(registrations.seminarId, seminar.id));
    const movedUp = seminar.cancelledAt
      ? []
      : moveUps(seminar.capacity, queue as { id: string; status: RegistrationState; queueNo: number }[]);
    if (movedUp.length)
      await tx
        .update(registrations)
        .set({ status: 'confirmed', confirmedAt: ctx.now })
        .where(inArray(registrations.id, movedUp));
    await recordAudit(tx, ctx.actor ?? { id: null, label: 'participant' }, {
      action: ctx.withdrawConsent ? 'seminar.consentWithdrawn' : 'seminar.registrationCancelled',
      subjectKind: 'seminar',
      subjectId: seminar.id,
      after: { registrationId: row.id, movedUp },
    });
    for (const id of movedUp) {
      const event: SeminarMovedUp = { name: 'seminar.moved-up', payload: { registrationId: id } };
      await emit(tx, event, ctx.now);
    }
    return { ok: true, movedUp };
  });
}

/** Attendance of one session: who of the confirmed was there. Replaces what was recorded before. */
export async function recordAttendance(
  db: Db,
  actor: Actor,
  sessionId: string,
  presentIds: readonly string[],
  now: Date,
): Promise<Ok<{ present: number }> | Refused> {
  return db.transaction(async (tx) => {
    const [session] = await tx.select().from(seminarSessions).where(eq(seminarSessions.id, sessionId));
    if (!session) return { ok: false as const, issues: [issue('_form', 'common:validation.invalid')] };
    if (session.startsAt.getTime() > now.getTime())
      return { ok: false as const, issues: [issue('present', 'activities:attendance.validation.notYet')] };
    const confirmed = await tx
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.seminarId, session.seminarId), eq(registrations.status, 'confirmed')));
    const known = new Set(confirmed.map((r) => r.id));
    if (presentIds.some((id) => !known.has(id)))
      return { ok: false as const, issues: [issue('present', 'common:validation.invalid')] };
    const present = new Set(presentIds);
    if (confirmed.length)
      await tx
        .insert(attendance)
        .values(
          confirmed.map((r) => ({ registrationId: r.id, sessionId, present: present.has(r.id), recordedAt: now })),
        )
        .onConflictDoUpdate({
          target: [attendance.registrationId, attendance.sessionId],
          set: { present: sql`excluded.present`, recordedAt: now },
        });
    await recordAudit(tx, actor, {
      action: 'seminar.attendanceRecorded',
      subjectKind: 'seminar',
      subjectId: session.seminarId,
      after: { sessionId, present: present.size, of: confirmed.length },
    });
    return { ok: true as const, present: present.size };
  });
}

/** Per registration of the seminar: the sessions they were present at. */
export async function attendanceOf(db: Db, seminarId: string): Promise<Map<string, Set<string>>> {
  const rows = await db
    .select({ registrationId: attendance.registrationId, sessionId: attendance.sessionId })
    .from(attendance)
    .innerJoin(seminarSessions, eq(seminarSessions.id, attendance.sessionId))
    .where(and(eq(seminarSessions.seminarId, seminarId), eq(attendance.present, true)));
  const by = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = by.get(r.registrationId) ?? new Set<string>();
    set.add(r.sessionId);
    by.set(r.registrationId, set);
  }
  return by;
}

/** Sessions of the seminar whose attendance has been recorded. */
export async function recordedSessions(db: Db, seminarId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ sessionId: attendance.sessionId })
    .from(attendance)
    .innerJoin(seminarSessions, eq(seminarSessions.id, attendance.sessionId))
    .where(eq(seminarSessions.seminarId, seminarId));
  return new Set(rows.map((r) => r.sessionId));
}

/** The latest seminars first: for the demo and the benchmark to find one. */
export async function latestSeminars(db: Db, limit = 10) {
  return db.select().from(seminars).orderBy(desc(seminars.createdAt)).limit(limit);
}

/**
 * The project's counts for its reports, computed from registrations and attendance as they stand
 * at `now` (see seminar-counts.ts). Other modules ask for them through api.ts.
 */
export async function projectActivityCounts(db: Db, projectId: string, now: Date): Promise<ActivityCounts> {
  const list = await db.select().from(seminars).where(eq(seminars.projectId, projectId));
  if (list.length === 0) return activityCounts([], { seminars: 0, sessions: 0 });
  const ids = list.map((s) => s.id);
  const sessions = await db.select().from(seminarSessions).where(inArray(seminarSessions.seminarId, ids));
  const heldBySeminar = new Map<string, number>();
  for (const s of sessions)
    if (s.startsAt.getTime() <= now.getTime())
      heldBySeminar.set(s.seminarId, (heldBySeminar.get(s.seminarId) ?? 0) + 1);
  const rows = await db.select().from(registrations).where(inArray(registrations.seminarId, ids));
  const present = await db
    .select({ registrationId: attendance.registrationId, n: count() })
    .from(attendance)
    .innerJoin(seminarSessions, eq(seminarSessions.id, attendance.sessionId))
    .where(and(inArray(seminarSessions.seminarId, ids), eq(attendance.present, true)))
    .groupBy(attendance.registrationId);
  const attended = new Map(present.map((p) => [p.registrationId, p.n]));
  const required = new Map(list.map((s) => [s.id, s.requiredAttendanceBp]));
  return activityCounts(
    rows.map((r) => ({
      status: r.status,
      language: r.language,
      answers: r.answers,
      attended: attended.get(r.id) ?? 0,
      held: heldBySeminar.get(r.seminarId) ?? 0,
      requiredBp: required.get(r.seminarId) ?? 10_000,
    })),
    { seminars: heldBySeminar.size, sessions: [...heldBySeminar.values()].reduce((a, b) => a + b, 0) },
  );
}
