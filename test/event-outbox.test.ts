// Effects that cannot get lost (ADR 0011): a change and its event commit together, and each
// subscriber's mail is written exactly once, even when the process dies at the worst moment.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../src/core/db/client';
import { pendingDeliveries } from '../src/core/events/events';
import { eventDeliveries } from '../src/core/events/schema';
import { runDueJobs } from '../src/core/jobs/jobs';
import { outbox } from '../src/core/mail/schema';
import type { AppDeps } from '../src/core/modules';
import { systemClock } from '../src/core/time/clock';
import { PG_TEMPLATE, testDatabase } from './helpers/database';
import { testConfig, witnessChange, witnessModule } from './helpers/event-witness';

const mailsTo = async (db: Database['db'], address: string) =>
  (await db.select().from(outbox).where(eq(outbox.to, address))).length;

const depsOf = (database: Database, modules = [witnessModule()]): AppDeps => ({
  config: testConfig(),
  db: database.db,
  now: systemClock,
  modules,
});

describe('events in one process', () => {
  let database: Database;
  after(() => database?.close());

  test('a change that commits is mailed once; running the worker again mails nothing more', async () => {
    database = await testDatabase();
    const deps = depsOf(database);
    await witnessChange(database.db, 'once@example.org', new Date());
    assert.equal(await mailsTo(database.db, 'once@example.org'), 0, 'nothing is mailed before the worker runs');
    await runDueJobs(deps);
    await runDueJobs(deps);
    assert.equal(await mailsTo(database.db, 'once@example.org'), 1);
    assert.deepEqual(await pendingDeliveries(database.db), []);
  });

  test('a change that fails takes its event with it: no mail about something that did not happen', async () => {
    const deps = depsOf(database);
    await assert.rejects(witnessChange(database.db, 'never@example.org', new Date(), { failAfterEmit: true }));
    await runDueJobs(deps);
    assert.equal(await mailsTo(database.db, 'never@example.org'), 0);
  });

  test('every subscriber gets the event once, each on its own', async () => {
    const deps = depsOf(database, [
      witnessModule(undefined, 'witness.first'),
      witnessModule(undefined, 'witness.second'),
    ]);
    await witnessChange(database.db, 'two@example.org', new Date());
    await runDueJobs(deps);
    assert.equal(await mailsTo(database.db, 'two@example.org'), 2);
  });

  test('a subscriber that fails writes nothing, is retried later, and then mails once', async () => {
    let fail = true;
    const deps = depsOf(database, [
      witnessModule(async () => {
        if (fail) throw new Error('SMTP relay refused the connection');
      }, 'witness.flaky'),
    ]);
    await witnessChange(database.db, 'flaky@example.org', new Date());
    await runDueJobs(deps);
    assert.equal(await mailsTo(database.db, 'flaky@example.org'), 0, 'the failed attempt left no mail behind');
    const [pending] = await pendingDeliveries(database.db);
    assert.equal(pending?.attempts, 1);
    assert.match(pending?.last_error ?? '', /refused/);
    await runDueJobs(deps);
    assert.equal(await mailsTo(database.db, 'flaky@example.org'), 0, 'a retry waits for its pause');
    // the pause has passed
    await database.db.update(eventDeliveries).set({ runAt: sql`now() - interval '1 second'` });
    fail = false;
    await runDueJobs(deps);
    assert.equal(await mailsTo(database.db, 'flaky@example.org'), 1);
    assert.deepEqual(await pendingDeliveries(database.db), []);
  });
});

// ---- a process killed at the worst moments ----------------------------------------------------

/** A database another process can open: a scratch PostgreSQL database or a PGlite data directory. */
async function sharedDatabase(): Promise<{ where: string; open(): Promise<Database>; drop(): Promise<void> }> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const name = `mp_kill_${Math.random().toString(16).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    return {
      where: url.toString(),
      open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 }),
      async drop() {
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mp-kill-'));
  const template = process.env.TEST_PGLITE_TEMPLATE;
  const first = await openDatabase({
    dataDir: dir,
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
  });
  if (!template) {
    const { migrate } = await import('../src/core/db/migrate');
    await migrate(first);
  }
  await first.close();
  return { where: dir, open: () => openDatabase({ dataDir: dir }), drop: async () => {} };
}

/** Runs the child in a mode and waits until it has killed itself (SIGKILL: no cleanup, no flush). */
function runChild(mode: string, where: string, address: string): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/event-child.ts', mode, where, address], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child ended with ${code}: ${err}`));
      else resolve(signal);
    });
  });
}

describe('a process killed between commit and delivery', () => {
  for (const [mode, what] of [
    ['emit-then-die', 'after the change committed, before any delivery'],
    ['die-in-subscriber', 'while the subscriber was writing its mail'],
    ['die-after-delivery', 'right after the delivery committed'],
  ] as const) {
    test(`killed ${what}: the mail is written once`, async () => {
      const shared = await sharedDatabase();
      const address = `${mode}@example.org`;
      try {
        if (mode !== 'emit-then-die') {
          const setup = await shared.open();
          await witnessChange(setup.db, address, new Date());
          await setup.close();
        }
        assert.equal(await runChild(mode, shared.where, address), 'SIGKILL');
        const database = await shared.open();
        try {
          const before = await mailsTo(database.db, address);
          assert.equal(before, mode === 'die-after-delivery' ? 1 : 0, 'what the dead process left behind');
          // the next process (or the next tick of the worker) picks up what is left
          await runDueJobs(depsOf(database));
          await runDueJobs(depsOf(database));
          assert.equal(await mailsTo(database.db, address), 1, 'no mail lost, none twice');
          assert.deepEqual(await pendingDeliveries(database.db), []);
        } finally {
          await database.close();
        }
      } finally {
        await shared.drop();
      }
    });
  }
});
