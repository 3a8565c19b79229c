// Migrations run automatically at start and by `cli migrate`. On PostgreSQL an advisory lock,
// held on one dedicated connection, makes several processes starting together apply them once.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Database } from './client';

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const LOCK_ID = 47_112_026;

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await database.db.execute(sql`create extension if not exists pg_trgm`);
    // biome-ignore lint/suspicious/noExplicitAny: the migrator is typed per driver
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_ID]);
    await client.query('create extension if not exists pg_trgm');
    await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_ID]).catch(() => {});
    await client.end();
  }
}
