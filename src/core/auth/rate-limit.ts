// Fixed-window counters in the database, shared by every app process.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client';

export interface LimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Counts one hit on `key`; refuses once more than `limit` hits fall in the current window. */
export async function hitLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<LimitResult> {
  const window = `${windowSeconds} seconds`;
  const rows = await queryRows<{ hits: number; age: number }>(
    db,
    sql`
    insert into rate_limits (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when rate_limits.window_start < now() - ${window}::interval then 1 else rate_limits.hits + 1 end,
      window_start = case when rate_limits.window_start < now() - ${window}::interval then now() else rate_limits.window_start end
    returning hits, extract(epoch from now() - window_start)::float8 as age`,
  );
  const row = rows[0] as { hits: number; age: number };
  const allowed = Number(row.hits) <= limit;
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(windowSeconds - Number(row.age))) };
}

/** Whether `key` is already over its limit, without counting a hit. */
export async function isLimited(db: Db, key: string, limit: number, windowSeconds: number): Promise<LimitResult> {
  const window = `${windowSeconds} seconds`;
  const rows = await queryRows<{ hits: number; age: number }>(
    db,
    sql`
    select hits, extract(epoch from now() - window_start)::float8 as age from rate_limits
    where key = ${key} and window_start >= now() - ${window}::interval`,
  );
  const row = rows[0];
  if (!row || Number(row.hits) < limit) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - Number(row.age))) };
}

export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}
