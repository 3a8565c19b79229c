// What makes a seminar valid, who gets a seat, who moves up, who earns a certificate. Pure: no I/O,
// keys instead of texts. The store calls the same functions again inside its locked transaction, so
// what the page promised and what is written cannot differ.
import { type FieldIssue, issue } from '../../../core/http/form';

/** What a registration form may ask beyond name and mail; a seminar picks only what it needs. */
export const askable = ['phone', 'accessibility', 'firstLanguage', 'gender', 'ageBand'] as const;
export type Askable = (typeof askable)[number];

export const genders = ['female', 'male', 'diverse', 'notSaid'] as const;
export const ageBands = ['under18', '18to26', '27to44', '45to64', '65plus', 'notSaid'] as const;

export const registrationStates = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationState = (typeof registrationStates)[number];

/** The seats a seminar may have: at least one, and a room's worth at most. */
export const capacityLimits = { min: 1, max: 500 } as const;

/** The version of the consent text a person agreed to; raise it whenever the text changes. */
export const consentVersion = 'seminar-2026-12';
export const consentPurpose = 'seminarRegistration';

/** A link people can open to join online: https (or http) with a host. */
export function isOnlineLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export interface SessionInput {
  row: number;
  topic: string;
  startsAt: Date;
  endsAt: Date;
}

export interface SeminarInput {
  capacity: number;
  registrationClosesOn: string;
  sessions: SessionInput[];
  place: string;
  onlineLink: string;
}

/**
 * A new seminar's issues: at least one session, each ending after it starts and none in the past,
 * a place or a link, and a registration that closes today or later and no later than the first
 * session's day.
 */
export function seminarIssues(
  s: SeminarInput,
  ctx: { now: Date; today: string; dayOf: (d: Date) => string },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (s.sessions.length === 0) issues.push(issue('sessions', 'activities:seminar.validation.noSessions'));
  for (const session of s.sessions) {
    const at = (f: string) => `sessions-${session.row}-${f}`;
    if (session.startsAt.getTime() < ctx.now.getTime())
      issues.push(issue(at('date'), 'activities:seminar.validation.sessionInPast'));
    else if (session.endsAt.getTime() <= session.startsAt.getTime())
      issues.push(issue(at('endTime'), 'activities:seminar.validation.endBeforeStart'));
  }
  if (s.place.trim() === '' && s.onlineLink.trim() === '')
    issues.push(issue('place', 'activities:seminar.validation.placeOrLink'));
  if (s.registrationClosesOn < ctx.today)
    issues.push(issue('registrationClosesOn', 'activities:seminar.validation.closesInPast'));
  const first = firstStart(s.sessions);
  if (first && s.registrationClosesOn > ctx.dayOf(first))
    issues.push(
      issue('registrationClosesOn', 'activities:seminar.validation.closesAfterStart', { date: ctx.dayOf(first) }),
    );
  return issues;
}

const firstStart = (sessions: readonly { startsAt: Date }[]) =>
  sessions.reduce<Date | undefined>((min, s) => (!min || s.startsAt < min ? s.startsAt : min), undefined);

/** Whether registration is open on `today`: published, not cancelled, not past its closing day. */
export function registrationOpen(
  s: { publishedAt: Date | null; cancelledAt: Date | null; registrationClosesOn: string },
  today: string,
): boolean {
  return s.publishedAt !== null && s.cancelledAt === null && today <= s.registrationClosesOn;
}

/** Why a registration is refused now, or undefined: closed, or the address is registered already. */
export function registrationIssues(
  s: { publishedAt: Date | null; cancelledAt: Date | null; registrationClosesOn: string },
  ctx: { today: string; alreadyRegistered: boolean },
): FieldIssue[] {
  if (!registrationOpen(s, ctx.today)) return [issue('_form', 'activities:registration.validation.closed')];
  if (ctx.alreadyRegistered) return [issue('email', 'activities:registration.validation.alreadyRegistered')];
  return [];
}

/** Where a new registration goes: a seat while seats are free, else the end of the waiting list. */
export const placeFor = (capacity: number, confirmed: number): 'confirmed' | 'waitlisted' =>
  confirmed < capacity ? 'confirmed' : 'waitlisted';

/**
 * Who moves up after a change: the longest-waiting registrations (lowest queue number) until the
 * seats are full again. Never more confirmed than seats.
 */
export function moveUps(
  capacity: number,
  rows: readonly { id: string; status: RegistrationState; queueNo: number }[],
): string[] {
  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  const free = Math.max(0, capacity - confirmed);
  return rows
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => a.queueNo - b.queueNo)
    .slice(0, free)
    .map((r) => r.id);
}

/** A waitlisted registration's place on the list, from 1. */
export function waitlistPlace(
  rows: readonly { id: string; status: RegistrationState; queueNo: number }[],
  id: string,
): number | undefined {
  const waiting = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => a.queueNo - b.queueNo);
  const i = waiting.findIndex((r) => r.id === id);
  return i < 0 ? undefined : i + 1;
}

/**
 * A participant's attendance share in basis points: sessions attended out of the sessions held so
 * far (a session counts as held once its start has passed). No session held yet: 0.
 */
export function attendanceShareBp(attended: number, held: number): number {
  if (held <= 0) return 0;
  return Math.floor((Math.min(attended, held) * 10_000) / held);
}

/**
 * A certificate is earned by a confirmed participant once every session is over and the share of
 * sessions attended reaches the seminar's requirement.
 */
export function earnsCertificate(p: {
  status: RegistrationState;
  attended: number;
  sessions: number;
  allHeld: boolean;
  requiredBp: number;
}): boolean {
  return (
    p.status === 'confirmed' && p.allHeld && p.sessions > 0 && attendanceShareBp(p.attended, p.sessions) >= p.requiredBp
  );
}

export const seminarStates = ['draft', 'open', 'closed', 'held', 'cancelled'] as const;
export type SeminarState = (typeof seminarStates)[number];

/**
 * Where a seminar stands: a draft until opened; open while registration is; closed once the
 * registration day has passed and sessions are still to come; held once its last session ended.
 */
export function seminarState(
  s: { publishedAt: Date | null; cancelledAt: Date | null; registrationClosesOn: string; lastEnd: Date | null },
  now: Date,
  today: string,
): SeminarState {
  if (s.cancelledAt) return 'cancelled';
  if (s.lastEnd && s.lastEnd.getTime() <= now.getTime()) return 'held';
  if (!s.publishedAt) return 'draft';
  return registrationOpen(s, today) ? 'open' : 'closed';
}
