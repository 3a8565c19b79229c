// A jobs table claimed with FOR UPDATE SKIP LOCKED: any number of app processes can work it
// without a second service, on PGlite and PostgreSQL alike (see docs/adr/0003-jobs-in-the-database.md).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client';
import { deliverEvents } from '../events/events';
import type { AppDeps } from '../modules';
import { jobs } from './schema';

export async function enqueueJob(
  db: Db,
  kind: string,
  payload: unknown = {},
  opts: { runAt?: Date; dedupeKey?: string } = {},
): Promise<void> {
  await db
    .insert(jobs)
    .values({ kind, payload: payload as object, runAt: opts.runAt ?? sql`now()`, dedupeKey: opts.dedupeKey ?? null })
    .onConflictDoNothing();
}

interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

async function claim(db: Db): Promise<ClaimedJob | undefined> {
  const rows = await queryRows<ClaimedJob>(
    db,
    sql`
    update jobs set locked_until = now() + interval '5 minutes', attempts = attempts + 1
    where id = (
      select id from jobs
      where done_at is null and run_at <= now() and attempts < max_attempts
        and (locked_until is null or locked_until < now())
      order by run_at
      limit 1
      for update skip locked)
    returning id, kind, payload, attempts, max_attempts`,
  );
  return rows[0];
}

function periodKey(every: 'hour' | 'day', now: Date): string {
  const iso = now.toISOString();
  return every === 'day' ? iso.slice(0, 10) : iso.slice(0, 13);
}

/** Adds this period's scheduled jobs (once across all processes, thanks to the dedupe key). */
export async function scheduleDue(deps: AppDeps, now = deps.now()): Promise<void> {
  for (const m of deps.modules) {
    for (const s of m.schedules ?? []) {
      await enqueueJob(deps.db, s.kind, {}, { dedupeKey: `${s.kind}:${periodKey(s.every, now)}` });
    }
  }
}

/** Delivers due events, then runs due jobs, until none is left; returns how many ran. */
export async function runDueJobs(deps: AppDeps, limit = 100): Promise<number> {
  const handlers = new Map(deps.modules.flatMap((m) => Object.entries(m.jobs ?? {})));
  let ran = 0;
  while (ran < limit) {
    // events first: a subscriber may queue a job (a mail to deliver), and a job may emit events
    const delivered = await deliverEvents(deps, limit - ran);
    ran += delivered;
    const job = await claim(deps.db);
    if (!job) {
      if (delivered === 0) break;
      continue;
    }
    ran++;
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(job.payload, deps);
      await deps.db.execute(sql`update jobs set done_at = now(), locked_until = null where id = ${job.id}`);
    } catch (err) {
      // retry later with a growing pause: 1, 4, 9 … minutes
      const delay = `${job.attempts * job.attempts} minutes`;
      await deps.db.execute(sql`
        update jobs set locked_until = null, last_error = ${String((err as Error).message ?? err)},
          run_at = now() + ${delay}::interval
        where id = ${job.id}`);
    }
  }
  return ran;
}

export function startJobWorker(deps: AppDeps, intervalMs = 5000, log: (e: unknown) => void = () => {}) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await scheduleDue(deps);
      // a full batch means more is waiting (a burst of registrations, each with its mail): go on
      // with the next batch rather than wait for the next tick, for most of one interval
      const started = performance.now();
      const batch = 100;
      while ((await runDueJobs(deps, batch)) >= batch && performance.now() - started < intervalMs * 0.8);
    } catch (err) {
      log(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return {
    async stop() {
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
