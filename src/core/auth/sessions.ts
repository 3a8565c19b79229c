// Sessions live in the database so any app process can serve any request.
// Idle timeout: 60 minutes without a request; absolute timeout: 12 hours after sign-in. Every check
// takes `now` from the app's clock (AppDeps.now), so tests can move past either.
import { createHash } from 'node:crypto';
import Bowser from 'bowser';
import { and, asc, eq, gt, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { systemClock } from '../time/clock';
import { sessions } from './schema';
import { hashToken, newToken } from './tokens';

export const IDLE_MS = 60 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const TOUCH_EVERY_MS = 60 * 1000;

// Only names bowser itself knows: for an unknown client it would echo the user agent's first word,
// which may be anything (a tracking id, a host name).
const knownBrowsers = new Set(Object.values(Bowser.BROWSER_MAP));
const knownSystems = new Set(Object.values(Bowser.OS_MAP));

/**
 * A coarse label such as "Firefox · Android" that lets a person tell their sessions apart: browser
 * and operating system names only, no versions, no raw user agent; '' when neither is known.
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = (userAgent ?? '').slice(0, 512).trim();
  if (!ua) return '';
  const parser = Bowser.getParser(ua);
  const browser = parser.getBrowserName();
  const os = parser.getOSName();
  return [knownBrowsers.has(browser) ? browser : '', knownSystems.has(os) ? os : ''].filter(Boolean).join(' · ');
}

/** A new session; `now` is the app's clock (the default, the system clock, is for scripts and tests). */
export async function createSession(db: Db, userId: string, userAgent?: string, now = systemClock()): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(sessions).values({
    id: hash,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_MS),
    deviceLabel: deviceLabel(userAgent),
  });
  return token;
}

/** The user of a live session, refreshing its idle clock; undefined when expired or unknown. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<string | undefined> {
  return (await resolveSessionRow(db, token, now))?.userId;
}

/** The live session itself (its idle clock refreshed when due), or undefined. */
export async function resolveSessionRow(db: Db, token: string, now: Date) {
  const id = hashToken(token);
  const [row] = await db
    .select()
    .from(sessions)
    .where(
      and(eq(sessions.id, id), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_MS))),
    );
  if (!row) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    return { ...row, lastSeenAt: now };
  }
  return row;
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function destroyUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Ends every session of the person except the one given (the device they are using). */
export async function destroyOtherSessions(db: Db, userId: string, keepToken: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, hashToken(keepToken))))
    .returning({ id: sessions.id });
  return ended.length;
}

/**
 * The name a session goes by in forms. Derived from the stored id (itself a hash of the cookie), so
 * a page never shows anything that opens or identifies a session outside this person's own list.
 */
export const sessionHandle = (id: string) =>
  createHash('sha256').update(`handle:${id}`).digest('base64url').slice(0, 22);
export const isSessionHandle = (value: string) => /^[A-Za-z0-9_-]{22}$/.test(value);

export interface LiveSession {
  handle: string;
  deviceLabel: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The person's sessions that still work, newest activity first; `current` marks the one of this request. */
export async function listLiveSessions(
  db: Db,
  userId: string,
  currentToken: string | null,
  now: Date,
): Promise<LiveSession[]> {
  const currentId = currentToken ? hashToken(currentToken) : '';
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_MS)),
      ),
    )
    .orderBy(asc(sessions.createdAt));
  return rows
    .map((r) => ({
      handle: sessionHandle(r.id),
      deviceLabel: r.deviceLabel,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      current: r.id === currentId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

/** Ends one of the person's own sessions by its handle; false when they have no such session. */
export async function destroySessionByHandle(db: Db, userId: string, handle: string): Promise<boolean> {
  const own = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  const match = own.find((s) => sessionHandle(s.id) === handle);
  if (!match) return false;
  await db.delete(sessions).where(and(eq(sessions.id, match.id), eq(sessions.userId, userId)));
  return true;
}

export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_MS))));
}
