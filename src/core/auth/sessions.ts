// Sessions live in the database so any app process can serve any request.
// Idle timeout: 60 minutes without a request; absolute timeout: 12 hours after sign-in.
import { and, eq, gt, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions } from './schema';
import { hashToken, newToken } from './tokens';

export const IDLE_MS = 60 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const TOUCH_EVERY_MS = 60 * 1000;

export async function createSession(db: Db, userId: string): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(sessions).values({ id: hash, userId, expiresAt: new Date(Date.now() + ABSOLUTE_MS) });
  return token;
}

/** The user of a live session, refreshing its idle clock; undefined when expired or unknown. */
export async function resolveSession(db: Db, token: string, now = new Date()): Promise<string | undefined> {
  return (await resolveSessionRow(db, token, now))?.userId;
}

/** The live session itself (its idle clock refreshed when due), or undefined. */
export async function resolveSessionRow(db: Db, token: string, now = new Date()) {
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

export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_MS))));
}
