// The demo instance and the command line, as an operator uses them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { like } from 'drizzle-orm';
import { users } from '../src/core/auth/schema';
import { DemoAlreadyLoadedError, loadDemo } from '../src/core/demo';
import { berlinDate } from '../src/core/time/calendar';
import { applications } from '../src/modules/funding/schema';
import { client, heading, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('demo data', () => {
  test('creates a signed-in-able account for every role, marks the site as demo, and refuses a second load', async () => {
    assert.equal((await client(t).get('/de/')).html.querySelector('.demo-banner'), null);
    const accounts = await loadDemo(t.deps);
    const roles = t.app.roles.list.map((r) => r.name);
    assert.deepEqual(accounts.map((a) => a.role).sort(), [...roles].sort(), 'one account for every role');
    for (const a of accounts) {
      const c = client(t);
      assert.equal((await c.signIn(a.email, a.password)).status, 303, `${a.role} can sign in`);
      const account = await c.get('/de/account');
      assert.equal(heading(account), 'Mein Konto');
    }
    const home = await client(t).get('/de/');
    assert.match(home.html.querySelector('.demo-banner')?.text ?? '', /Demo-Instanz/);
    const calls = await client(t).get('/de/calls');
    const next = Number(berlinDate(new Date()).slice(0, 4)) + 1;
    assert.deepEqual(
      calls.html.querySelectorAll('.kern-card h2').map((h) => h.text.trim()),
      [`Gemeinsam vor Ort ${next}`, `Beiräte vernetzen ${next}`],
      'two calls are open on the day the demo is loaded (the second asks for the federal documents)',
    );
    const carrier = accounts.find((a) => a.role === 'carrierStaff')!;
    const c = client(t);
    await c.signIn(carrier.email, carrier.password);
    const mine = await c.get('/de/applications');
    assert.match(mine.body, /Nachbarschaft im Tandem/);
    assert.match(mine.body, /Vereine stark machen/, 'an earlier, submitted application of the same carrier');
    // the directory and the partner search have something to show on the load day
    const directory = await client(t).get('/de/organisations');
    const listed = directory.html.querySelectorAll('.directory-list h2').map((h) => h.text.trim());
    assert.ok(listed.length >= 10, `organisations in the public directory: ${listed.length}`);
    assert.ok(listed.includes('Nachbarschaftswerk Mainz e. V.'));
    assert.ok(!listed.includes('Landesnetzwerk der Integrationsbeiräte e. V.'), 'not opted in');
    const partners = await c.get('/de/organisation/partners');
    const suggested = partners.html.querySelectorAll('.partner-suggestions > li h2').map((h) => h.text.trim());
    assert.ok(suggested.length >= 4, `suggestions for the demo carrier: ${suggested.join(', ')}`);
    assert.equal(suggested[0], 'Deutsch-Türkischer Kulturverein Mainz e. V.', 'the nearest with shared fields first');
    const officer = accounts.find((a) => a.role === 'programmeOfficer')!;
    const o = client(t);
    await o.signIn(officer.email, officer.password);
    const funding = await o.get('/de/funding');
    assert.match(funding.body, /Weiterentwicklung kommunaler Integrationsbeiräte/);
    assert.match(funding.body, /Stärkere Beteiligung von Migrantenorganisationen/);
    const inbox = await o.get('/de/funding/inbox');
    assert.match(inbox.body, /Mittel zwischen Positionen umschichten/, 'a change request waits for the officer');
    assert.match(inbox.body, /Weitere Förderung erhalten/, 'and a notification');
    const statuses = new Set((await t.db.select({ s: applications.status }).from(applications)).map((a) => a.s));
    for (const s of ['draft', 'submitted', 'returned', 'invited', 'approved', 'rejected', 'waitlisted'])
      assert.ok(statuses.has(s), `an application in state ${s}`);
    const grants = await c.get('/de/grants');
    assert.match(grants.body, /Vereine stark machen/, 'an approved project with money drawn and reports');
    const reviewer = accounts.find((a) => a.role === 'reviewer')!;
    const r = client(t);
    await r.signIn(reviewer.email, reviewer.password);
    const reviews = await r.get('/de/reviews');
    assert.match(reviews.body, /Elternlotsen Westpfalz/);
    assert.match(reviews.body, /Erklärung ausstehend/, 'a review waiting for the conflict declaration');
    assert.match(reviews.body, /abgeschickt/, 'and finished ones');
    await assert.rejects(loadDemo(t.deps), DemoAlreadyLoadedError);
    assert.equal((await loadDemoCount()).length, accounts.length, 'nothing duplicated');
  });
});

const loadDemoCount = () => t.db.select().from(users).where(like(users.email, '%@demo.example'));

describe('command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mp-cli-'));
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  test('help lists the commands; unknown commands and options fail with a clear message', () => {
    const help = cli('--help');
    assert.equal(help.code, 0);
    for (const name of ['migrate', 'demo', 'user create']) assert.match(help.out, new RegExp(name));
    assert.equal(cli().code, 2, 'no command is a usage error');
    const unknown = cli('frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Unknown command: frobnicate/);
    const sub = cli('user', 'create', '--help');
    assert.equal(sub.code, 0);
    assert.match(sub.out, /--email EMAIL/);
    assert.match(cli('demo', '--help').out, /Load the demo instance/);
  });

  test('user create validates its arguments, creates the account, and refuses a duplicate', () => {
    const bad = cli('user', 'create', '--email', 'not-an-address', '--password', 'short');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--email/);
    assert.match(bad.err, /--name/);
    assert.match(bad.err, /--password/);
    const unknownOption = cli('user', 'create', '--colour', 'blue');
    assert.equal(unknownOption.code, 1);
    assert.match(unknownOption.err, /colour/);
    const badRole = cli(
      'user',
      'create',
      '--email',
      'op@example.org',
      '--name',
      'Op',
      '--password',
      'a long enough password',
      '--role',
      'king',
    );
    assert.equal(badRole.code, 1);
    assert.match(badRole.err, /--role/);

    const ok = cli(
      'user',
      'create',
      '--email',
      'op@example.org',
      '--name',
      'Op',
      '--password',
      'a long enough password',
      '--role',
      'admin',
    );
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /Created op@example.org with role admin/);
    const dup = cli(
      'user',
      'create',
      '--email',
      'OP@example.org',
      '--name',
      'Op',
      '--password',
      'a long enough password',
    );
    assert.equal(dup.code, 1);
    assert.match(dup.err, /already exists/);
  });

  test('migrate succeeds; demo loads once and prints the accounts with passwords', () => {
    assert.equal(cli('migrate').code, 0);
    const demo = cli('demo');
    assert.equal(demo.code, 0, demo.err);
    assert.match(demo.out, /admin\s+admin@demo\.example\s+demo-\S+/);
    assert.match(demo.out, /participant\s+teilnahme@demo\.example\s+demo-\S+/);
    const again = cli('demo');
    assert.equal(again.code, 1);
    assert.match(again.err, /already been loaded/);
  });
});
