// PGlite in a data directory as `npm start` opens it: the first start creates the files (in a
// child process, ADR 0013), later starts find them, and the memory settings are in force.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from './client';

test('a fresh data directory gets its files on the first start and keeps its data for the next', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mp-client-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));

  const first = await openDatabase({ dataDir });
  try {
    assert.ok(existsSync(join(dataDir, 'pglite', 'PG_VERSION')), 'PostgreSQL files under DATA_DIR/pglite');
    await first.db.execute(sql`create table kept (v text)`);
    await first.db.execute(sql`insert into kept values ('still here')`);
  } finally {
    await first.close();
  }

  const second = await openDatabase({ dataDir });
  try {
    assert.deepEqual(await queryRows(second.db, sql`select v from kept`), [{ v: 'still here' }]);
    const settings = await queryRows<{ name: string; value: string }>(
      second.db,
      sql`select name, current_setting(name) as value from unnest(array['shared_buffers', 'maintenance_work_mem']) as name`,
    );
    assert.deepEqual(settings, [
      { name: 'shared_buffers', value: '16MB' },
      { name: 'maintenance_work_mem', value: '16MB' },
    ]);
  } finally {
    await second.close();
  }
});

test('a data directory PGlite cannot use stops the start with a message that names it', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mp-client-bad-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  // a file where PGlite's directory has to go
  writeFileSync(join(dataDir, 'pglite'), 'not a directory');
  await assert.rejects(openDatabase({ dataDir }), (err: Error) => err.message.includes(join(dataDir, 'pglite')));
});
