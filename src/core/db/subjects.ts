// What a process may keep about a subject until the subject changes, and nothing else changes it
// (ADR 0005's per-subject generations). A subject is a set of tables whose statement-level trigger
// calls bump_subject_generation('<subject>') in the writing transaction (core/db/schema.ts).
//
// How a process learns the generation:
// - PostgreSQL: one prepared primary-key read per use, so it is exact for every process at once.
// - PGlite: only this process can write its database, and the trigger's NOTIFY reaches it when the
//   writing transaction commits, before the writer's own call returns; a counter in memory follows
//   the notifications, and reading it costs no query.
// Inside a transaction (a handle without a client of its own) nothing is kept: the transaction
// reads what it sees.
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { param, prepared } from './prepared';
import { subjectGenerations } from './schema';

interface PgliteLike {
  listen(channel: string, callback: (payload: string) => void): Promise<unknown>;
}

interface Kept {
  generation: string;
  values: Map<string, unknown>;
}

const MAX_KEYS = 1000;
const local = new WeakMap<object, { ready: Promise<unknown>; counters: Map<string, number> }>();
const kept = new WeakMap<object, Map<string, Kept>>();

const clientOf = (db: Db) => (db as unknown as { $client?: unknown }).$client;
const isPglite = (client: unknown): client is PgliteLike =>
  typeof (client as { listen?: unknown } | undefined)?.listen === 'function';

/** The subject's generation as text, or undefined inside a transaction (nothing may be kept there). */
export async function subjectGeneration(db: Db, subject: string): Promise<string | undefined> {
  const client = clientOf(db);
  if (!client) return undefined;
  if (isPglite(client)) {
    let l = local.get(client);
    if (!l) {
      const counters = new Map<string, number>();
      const ready = client.listen('subject_generation', (s) => counters.set(s, (counters.get(s) ?? 0) + 1));
      l = { ready, counters };
      local.set(client, l);
    }
    await l.ready;
    return `local:${l.counters.get(subject) ?? 0}`;
  }
  const [row] = await prepared(db, 'core.subjectGeneration', (d) =>
    d
      .select({ generation: subjectGenerations.generation })
      .from(subjectGenerations)
      .where(eq(subjectGenerations.subject, param('subject')))
      .prepare('core.subjectGeneration'),
  ).execute({ subject });
  return String(row?.generation ?? 0);
}

/**
 * `load()`'s answer for `key`, kept until `subject` changes. The generation is read before the
 * value, so a value is never kept under a generation newer than what it saw. Callers must not
 * change what they get: it is shared with every later caller.
 */
export async function keptForSubject<T>(db: Db, subject: string, key: string, load: () => Promise<T>): Promise<T> {
  const generation = await subjectGeneration(db, subject);
  if (generation === undefined) return load();
  let bySubject = kept.get(db);
  if (!bySubject) {
    bySubject = new Map();
    kept.set(db, bySubject);
  }
  let entry = bySubject.get(subject);
  if (entry?.generation !== generation) {
    entry = { generation, values: new Map() };
    bySubject.set(subject, entry);
  }
  if (entry.values.has(key)) return entry.values.get(key) as T;
  const value = await load();
  // a newer generation may have been seen meanwhile: then this value is not kept
  if (bySubject.get(subject) === entry) {
    if (entry.values.size >= MAX_KEYS) entry.values.clear();
    entry.values.set(key, value);
  }
  return value;
}
