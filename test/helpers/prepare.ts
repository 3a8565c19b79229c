// Run once by scripts/run-tests.mjs before the suite: builds the migrated template database.
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migrate } from '../../src/core/db/migrate';
import { PG_TEMPLATE } from './database';

const [mode, target] = process.argv.slice(2);

if (mode === 'pglite' && target) {
  const client = new PGlite({ extensions: { pg_trgm } });
  await migrate({ db: drizzle(client) as never, kind: 'pglite', close: () => client.close() });
  const dump = await client.dumpDataDir('none');
  writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
  await client.close();
} else if (mode === 'pg' && target) {
  const admin = new pg.Client({ connectionString: target });
  await admin.connect();
  await admin.query(`drop database if exists ${PG_TEMPLATE} with (force)`);
  await admin.query(`create database ${PG_TEMPLATE}`);
  await admin.end();
  const url = new URL(target);
  url.pathname = `/${PG_TEMPLATE}`;
  const { openDatabase } = await import('../../src/core/db/client');
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
  await migrate(database);
  await database.close();
} else {
  console.error('usage: prepare.ts pglite FILE | pg DATABASE_URL');
  process.exit(2);
}
