// The database's state as text (ADR 0005): PostgreSQL's current snapshot changes whenever a
// transaction that wrote anything ends, on any connection of any process; reads never change it.
// Equal texts therefore mean "nothing was written since". PGlite answers the same.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './client';

const generationQuery = 'select pg_current_snapshot()::text as g';

export async function databaseGeneration(db: Db): Promise<string> {
  // asked on every signed-in request: straight to the driver (pg.Pool or PGlite, both answer
  // `{ rows }`), without building the query through Drizzle each time
  const client = (db as unknown as { $client?: { query?: unknown } }).$client;
  const result =
    typeof client?.query === 'function'
      ? ((await (client.query as (text: string) => Promise<{ rows: { g: string }[] }>).call(client, generationQuery))
          .rows as { g: string }[])
      : await queryRows<{ g: string }>(db, sql.raw(generationQuery));
  const g = result[0]?.g;
  if (!g) throw new Error('pg_current_snapshot() answered nothing');
  return g;
}
