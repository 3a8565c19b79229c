// Small instance-wide facts (e.g. whether demo data was loaded), kept in the database.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { settings } from './schema';

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

/** Sets a value only if the key is new; false when it already existed. */
export async function setSettingOnce(db: Db, key: string, value: unknown): Promise<boolean> {
  const rows = await db.insert(settings).values({ key, value }).onConflictDoNothing().returning({ k: settings.key });
  return rows.length > 0;
}

export async function setSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}

// The demo flag is read on every page; it changes once in an instance's life, so a short cache is safe.
const demoCache = new WeakMap<Db, { value: boolean; at: number }>();
export async function isDemoLoaded(db: Db): Promise<boolean> {
  const hit = demoCache.get(db);
  if (hit && (hit.value || Date.now() - hit.at < 5000)) return hit.value;
  const value = (await getSetting(db, 'demo.loadedAt')) !== undefined;
  demoCache.set(db, { value, at: Date.now() });
  return value;
}
export function forgetDemoFlag(db: Db) {
  demoCache.delete(db);
}
