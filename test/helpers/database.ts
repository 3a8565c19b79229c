// A fresh database per test file, cloned from a migrated template the runner prepared:
// PGlite loads a dumped data directory (≈1 s instead of initdb + migrations),
// PostgreSQL copies a template database (CREATE DATABASE … TEMPLATE).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/core/db/client';
import { migrate } from '../../src/core/db/migrate';

// one template per server; TEST_PG_TEMPLATE lets several checkouts share a server without dropping each other's
export const PG_TEMPLATE = process.env.TEST_PG_TEMPLATE ?? 'mp_test_template';

export async function testDatabase(): Promise<Database> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const name = `mp_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    return {
      ...database,
      async close() {
        await database.close();
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const template = process.env.TEST_PGLITE_TEMPLATE;
  if (template) {
    return openDatabase({ loadDataDir: new Blob([readFileSync(template)]) });
  }
  const database = await openDatabase({});
  await migrate(database);
  return database;
}
