// One SQL dialect everywhere: embedded PGlite by default, a PostgreSQL pool with DATABASE_URL.
// Both are wrapped by Drizzle, so stores see the same typed query builder either way.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

export type Db = PgDatabase<PgQueryResultHKT>;

/** Rows of a raw SQL query; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A list of ids for `in (…)` in raw SQL, each bound as a parameter and cast to uuid. */
export const uuidList = (ids: string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  url?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** A tarball made by PGlite's dumpDataDir, to start from a prepared database (tests). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // fail early with the server's own message when the database cannot be reached
    const client = await pool.connect();
    client.release();
    return {
      db: drizzleNodePg(pool) as unknown as Db,
      kind: 'postgres',
      url: opts.databaseUrl,
      close: () => pool.end(),
    };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  const client = new PGlite({
    ...(dataDir === 'memory://' ? {} : { dataDir: join(dataDir, 'pglite') }),
    extensions: { pg_trgm },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  await client.waitReady;
  return {
    db: drizzlePglite(client) as unknown as Db,
    kind: 'pglite',
    close: () => client.close(),
  };
}
