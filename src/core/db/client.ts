// One SQL dialect everywhere: embedded PGlite by default, a PostgreSQL pool with DATABASE_URL.
// Both are wrapped by Drizzle, so stores see the same typed query builder either way.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/**
 * PGlite's PostgreSQL settings (ADR 0013). PGlite writes its whole shared buffer pool into the
 * process's memory at start, so PostgreSQL's default of 128 MB was 128 MB of resident memory
 * before the first query. 16 MB holds the pages a page request touches; the rest of the database
 * is read from files the operating system caches outside the process (measured on the funding
 * benchmark's 71 MB database: no difference in time per page). maintenance_work_mem caps what an
 * index build or vacuum may allocate; WebAssembly memory never shrinks, so it would stay resident.
 */
const pgliteSettings = { shared_buffers: '16MB', maintenance_work_mem: '16MB' } as const;

const pgliteStartParams = (): string[] => [
  ...PGlite.defaultStartParams,
  ...Object.entries(pgliteSettings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
];

/**
 * Creates PGlite's files in a new data directory in a short-lived child process. Creating them
 * (initdb) runs a second PGlite inside the process and leaves about 150 MB behind in it for good;
 * in a child that memory goes back to the system when it exits, so a first start serves with the
 * same memory as every later one.
 */
async function createPgliteFiles(dir: string): Promise<void> {
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = [
    `const { PGlite } = await import(${JSON.stringify(pglite)});`,
    'try {',
    `  const db = new PGlite(${JSON.stringify(dir)}, { startParams: ${JSON.stringify(pgliteStartParams())} });`,
    '  await db.waitReady;',
    '  await db.close();',
    '} catch (err) {',
    // PGlite's file system errors carry only an errno
    "  console.error(err?.message || (err?.errno === undefined ? String(err) : 'file system error ' + err.errno));",
    '  process.exit(1);',
    '}',
  ].join('\n');
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], (err, _stdout, stderr) => {
      if (!err) return resolve();
      reject(new Error(`PGlite could not create its files in ${dir}: ${stderr.trim() || err.message}`));
    });
  });
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection the server ends (a restart, an administrator, a dropped test database) is
    // reported here; the pool drops it and opens a new one when needed. Without a listener the
    // 'error' event would end the process.
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL ended an idle connection: ${err.message}`);
    });
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
  const pgliteDir = dataDir === 'memory://' ? undefined : join(dataDir, 'pglite');
  if (pgliteDir && !opts.loadDataDir && !existsSync(join(pgliteDir, 'PG_VERSION'))) await createPgliteFiles(pgliteDir);
  const client = new PGlite({
    ...(pgliteDir ? { dataDir: pgliteDir } : {}),
    startParams: pgliteStartParams(),
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
