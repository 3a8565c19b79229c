// Effects that cannot get lost (ADR 0011). A store writes what happened as an event in the same
// transaction as the change; the job worker hands each event to each subscriber the modules declare,
// once: the subscriber's writes (a mail in the outbox, a workspace opened) and the mark that its
// delivery is done commit together, so a crash before that commit means a retry, never a second effect.
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client';
import type { AppDeps } from '../modules';
import { eventDeliveries, events } from './schema';

/** Something a module says happened, e.g. { name: 'grant.approved', payload: { grantId } }. */
export interface DomainEvent<N extends string = string, P extends object = object> {
  name: N;
  payload: P;
}

/** An event as a subscriber receives it. */
export interface StoredEvent<E extends DomainEvent = DomainEvent> {
  id: string;
  name: E['name'];
  payload: E['payload'];
  occurredAt: Date;
}

export interface EventSubscriber {
  /** stable and unique, e.g. "funding.decision-mail": a delivery is recorded under it */
  name: string;
  /** the event it listens to */
  event: string;
  /** runs in the transaction that marks the delivery done; throw to retry later */
  handle(event: StoredEvent, ctx: { tx: Db; deps: AppDeps }): Promise<void>;
}

/** Writes an event; call it with the transaction of the change it reports. */
export async function emit(tx: Db, event: DomainEvent, occurredAt: Date): Promise<void> {
  await tx.insert(events).values({ name: event.name, payload: event.payload, occurredAt });
}

const maxAttempts = 8;

function subscribersOf(deps: AppDeps): Map<string, EventSubscriber> {
  return new Map(deps.modules.flatMap((m) => (m.subscribers ?? []).map((s) => [s.name, s] as const)));
}

/** Gives each new event a delivery row per subscriber it has now. */
async function fanOut(deps: AppDeps, subscribers: Map<string, EventSubscriber>): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const fresh = await queryRows<{ id: string; name: string }>(
      tx,
      sql`select id, name from events where fanned_out_at is null
          order by occurred_at limit 200 for update skip locked`,
    );
    for (const e of fresh) {
      const rows = [...subscribers.values()]
        .filter((s) => s.event === e.name)
        .map((s) => ({ eventId: e.id, subscriber: s.name }));
      if (rows.length) await tx.insert(eventDeliveries).values(rows).onConflictDoNothing();
      await tx.update(events).set({ fannedOutAt: sql`now()` }).where(eq(events.id, e.id));
    }
    return fresh.length;
  });
}

interface DueDelivery {
  event_id: string;
  subscriber: string;
  attempts: number;
  name: string;
  payload: object;
  occurred_at: Date | string;
}

/** Delivers one due event to one subscriber; false when none is due. */
async function deliverOne(deps: AppDeps, subscribers: Map<string, EventSubscriber>): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [d] = await queryRows<DueDelivery>(
      tx,
      sql`select d.event_id, d.subscriber, d.attempts, e.name, e.payload, e.occurred_at
            from event_deliveries d join events e on e.id = d.event_id
            where d.done_at is null and d.run_at <= now() and d.attempts < ${maxAttempts}
            order by d.run_at limit 1
            for update of d skip locked`,
    );
    if (!d) return false;
    const subscriber = subscribers.get(d.subscriber);
    try {
      if (!subscriber) throw new Error(`no subscriber "${d.subscriber}"`);
      await tx.transaction(async (inner) => {
        await subscriber.handle(
          { id: d.event_id, name: d.name, payload: d.payload, occurredAt: new Date(d.occurred_at) },
          { tx: inner, deps },
        );
      });
      await tx
        .update(eventDeliveries)
        .set({ doneAt: sql`now()`, attempts: d.attempts + 1, lastError: null })
        .where(and(eq(eventDeliveries.eventId, d.event_id), eq(eventDeliveries.subscriber, d.subscriber)));
    } catch (err) {
      // the subscriber's writes were rolled back with its savepoint; count the attempt and wait
      const attempts = d.attempts + 1;
      await tx
        .update(eventDeliveries)
        .set({
          attempts,
          lastError: String((err as Error).message ?? err),
          runAt: sql`now() + ${`${attempts * attempts} minutes`}::interval`,
        })
        .where(and(eq(eventDeliveries.eventId, d.event_id), eq(eventDeliveries.subscriber, d.subscriber)));
    }
    return true;
  });
}

/** Fans out new events and delivers what is due; returns how many deliveries ran. */
export async function deliverEvents(deps: AppDeps, limit = 200): Promise<number> {
  const subscribers = subscribersOf(deps);
  let ran = 0;
  while (ran < limit) {
    await fanOut(deps, subscribers);
    if (!(await deliverOne(deps, subscribers))) break;
    ran++;
  }
  return ran;
}

/** Deliveries not yet done, for the administration and for tests. */
export async function pendingDeliveries(db: Db) {
  return queryRows<{ subscriber: string; name: string; attempts: number; last_error: string | null }>(
    db,
    sql`select d.subscriber, e.name, d.attempts, d.last_error from event_deliveries d
        join events e on e.id = d.event_id where d.done_at is null order by e.occurred_at`,
  );
}
