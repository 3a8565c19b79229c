// A signed-in request needs its session, user and roles. While the subject 'core.accounts' is
// unchanged (no session, user or role was written since: triggers in the writing transaction,
// migration 0014, core/db/subjects.ts) they cannot have changed either, so a process reuses what
// it resolved for the same session token; writes to anything else leave it alone. Time still counts: the idle clock and the absolute end
// are checked here as `resolveSession` would, and a session due for its idle touch is resolved
// again, which writes the touch.
import type { Db } from '../db/client';
import { subjectGeneration } from '../db/subjects';
import { systemClock } from '../time/clock';
import type { CurrentUser } from '../ui/context';
import { IDLE_MS, resolveSessionRow, TOUCH_EVERY_MS } from './sessions';
import { hashToken } from './tokens';
import { loadCurrentUser } from './users';

interface Entry {
  generation: string;
  user: CurrentUser;
  lastSeenAt: number;
  expiresAt: number;
}

const MAX_ENTRIES = 10_000;
const caches = new WeakMap<Db, Map<string, Entry>>();

export interface SignedIn {
  user: CurrentUser | null;
  /** the generation of sessions, users and roles read before the session was looked up */
  generation: string;
}

/**
 * The person behind a session cookie, or null; reuses this process's last answer while nothing
 * changed. `now` in milliseconds by the app's clock (the app passes deps.now(); tests a number).
 */
export async function currentUserOfSession(db: Db, token: string, now = systemClock().getTime()): Promise<SignedIn> {
  const generation = (await subjectGeneration(db, 'core.accounts')) ?? '';
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const id = hashToken(token);
  const hit = cache.get(id);
  if (
    hit &&
    hit.generation === generation &&
    now < hit.expiresAt &&
    // within the touch interval the session is neither idle nor due for a touch
    now - hit.lastSeenAt <= TOUCH_EVERY_MS &&
    now - hit.lastSeenAt < IDLE_MS
  )
    return { user: hit.user, generation };
  cache.delete(id);
  const row = await resolveSessionRow(db, token, new Date(now));
  const user = row ? await loadCurrentUser(db, row.userId) : null;
  if (row && user) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    // stored under the state read before the lookup: if the lookup touched the session, the
    // state has moved on and the next request resolves again, then finds the touched time
    cache.set(id, {
      generation,
      user,
      lastSeenAt: row.lastSeenAt.getTime(),
      expiresAt: row.expiresAt.getTime(),
    });
  }
  return { user, generation };
}
