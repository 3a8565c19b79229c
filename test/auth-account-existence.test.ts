// Registration and password reset answer a known and an unknown address alike: the same status,
// page, cookies, database writes and statements, and about the same time. The owner of a known
// address is told by mail instead.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq, sql } from 'drizzle-orm';
import { users } from '../src/core/auth/schema';
import { queryRows } from '../src/core/db/client';
import { runDueJobs } from '../src/core/jobs/jobs';
import { jobs } from '../src/core/jobs/schema';
import { outbox } from '../src/core/mail/schema';
import { type Client, client, makeUser, PASSWORD, type Page, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp({
    limits: { signInPerAccount: 1000, signInPerIp: 100_000, resetPerAccount: 1000, resetPerIp: 100_000 },
  });
  await makeUser(t.db, 'known@example.org', 'participant');
});
after(() => t.close());

/** Rows per table, to see what a request wrote. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    counts[name] = Number(
      (await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from "${name}"`)))[0]?.n,
    );
  return counts;
}

const delta = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(b).flatMap((k) => (b[k] !== a[k] ? [[k, (b[k] ?? 0) - (a[k] ?? 0)]] : [])));

/** The SQL statements the database sees while `fn` runs (Drizzle's logger, also inside transactions). */
async function statementsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const session = (t.db as unknown as { session: { logger: unknown; options: { logger?: unknown } } }).session;
  const statements: string[] = [];
  const logger = { logQuery: (q: string) => statements.push(q) };
  const saved = [session.logger, session.options.logger] as const;
  session.logger = logger;
  session.options.logger = logger;
  try {
    return { result: await fn(), statements };
  } finally {
    session.logger = saved[0];
    session.options.logger = saved[1];
  }
}

/** What a browser (or an attacker) can compare: the page without its CSRF tokens, and the cookies. */
const visible = (p: Page) => ({
  status: p.status,
  body: p.body.replace(/name="_csrf" value="[^"]*"/g, ''),
  cookies: ([] as string[])
    .concat((p.headers['set-cookie'] as string | string[] | undefined) ?? [])
    .map((c) => c.replace(/^(csrf=)[^;]*/, '$1…')),
  location: p.location,
});

async function observe(c: Client, formPage: string, fields: Record<string, string>) {
  await c.get(formPage);
  const before = await tableCounts();
  const { result, statements } = await statementsDuring(() => c.post(formPage, fields));
  const after = await tableCounts();
  const [job] = await t.db.select().from(jobs).orderBy(desc(jobs.createdAt)).limit(1);
  return {
    page: visible(result),
    statements,
    writes: delta(before, after),
    job: { kind: job?.kind, fields: Object.keys((job?.payload ?? {}) as object).sort() },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const ROUNDS = 15;
const ATTEMPTS = 3;

/**
 * Median time of ROUNDS requests for a known and as many for an unknown address, interleaved so that
 * a busy moment of the shared machine hits both sides alike. A real difference (the old reset took
 * twice as long) shows in every attempt; a noisy moment in one, so up to ATTEMPTS are made.
 * `send` gets a number that is new in every round of every attempt.
 */
async function timeBoth(send: (known: boolean, n: number) => Promise<void>) {
  let best = { ratio: Number.POSITIVE_INFINITY, known: 0, unknown: 0 };
  for (let attempt = 0; attempt < ATTEMPTS && best.ratio >= 1.5; attempt++) {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const isKnown of i % 2 ? [true, false] : [false, true]) {
        const start = process.hrtime.bigint();
        await send(isKnown, attempt * ROUNDS + i);
        (isKnown ? known : unknown).push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const k = median(known);
    const u = median(unknown);
    const ratio = Math.max(k, u) / Math.min(k, u);
    if (process.env.SHOW_TIMING) console.log({ attempt, ratio, known: k, unknown: u });
    if (ratio < best.ratio) best = { ratio, known: k, unknown: u };
  }
  return best;
}

/** Accounts for the known side of the timing: a new address in every round, as on the unknown side. */
const knownAccounts = async () => {
  for (let n = 0; n < ROUNDS * ATTEMPTS; n++) await makeUser(t.db, `known-${n}@example.org`, 'participant');
};

const registration = (email: string) => ({
  name: 'Someone',
  email,
  password: PASSWORD,
  passwordConfirm: PASSWORD,
  consent: 'on',
});

describe('password reset does not tell whether an address has an account', () => {
  test('same page, cookies, writes and statements for a known and an unknown address; the owner gets the link', async () => {
    const c = client(t);
    // the per-address limit row is new for both; the per-IP row exists already
    await c.submit('/de/password-reset', { email: 'warm-up@example.org' });
    const known = await observe(c, '/de/password-reset', { email: 'known@example.org' });
    const unknown = await observe(c, '/de/password-reset', { email: 'nobody-here@example.org' });
    assert.equal(known.page.status, 200);
    assert.deepEqual(known.page, unknown.page);
    assert.deepEqual(known.writes, unknown.writes);
    assert.deepEqual(known.writes, { jobs: 1, rate_limits: 1 });
    assert.deepEqual(known.statements, unknown.statements);
    assert.deepEqual(known.job, unknown.job);

    await runDueJobs(t.deps);
    const mails = await t.db.select().from(outbox).where(eq(outbox.to, 'known@example.org'));
    assert.deepEqual(
      mails.map((m) => m.template),
      ['passwordReset'],
    );
    assert.equal((await t.db.select().from(outbox).where(eq(outbox.to, 'nobody-here@example.org'))).length, 0);
    const left = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from jobs where kind = 'accounts.passwordReset' and payload::text like '%@%'`,
    );
    assert.equal(left[0]?.n, 0, 'a done request keeps no address in the jobs table');
  });

  test('takes about as long for a known as for an unknown address (median of 15 each)', async () => {
    const c = client(t);
    await c.get('/de/password-reset');
    // a new address on both sides, so each request starts its own per-address limit row
    await knownAccounts();
    const { ratio, known, unknown } = await timeBoth((isKnown, i) =>
      c
        .post('/de/password-reset', { email: isKnown ? `known-${i}@example.org` : `ghost-${i}@example.org` })
        .then((p) => assert.equal(p.status, 200)),
    );
    assert.ok(ratio < 1.5, `known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`);
  });
});

describe('registration does not tell whether an address has an account', () => {
  test('same page, cookies, writes and statements; nobody is signed in; the owner is told, the newcomer confirms', async () => {
    const c = client(t);
    await c.submit('/de/register', registration('warm-up-reg@example.org'));
    const known = await observe(c, '/de/register', registration('known@example.org'));
    const fresh = await observe(c, '/de/register', registration('fresh@example.org'));
    assert.equal(known.page.status, 200);
    assert.deepEqual(known.page, fresh.page);
    assert.ok(!known.page.cookies.some((x) => x.startsWith('sid=')), 'no session for anyone');
    assert.deepEqual(known.writes, fresh.writes);
    assert.deepEqual(known.writes, { jobs: 1 });
    assert.deepEqual(known.statements, fresh.statements);
    assert.deepEqual(known.job, fresh.job);
    assert.equal(c.cookies.has('sid'), false);

    await runDueJobs(t.deps);
    const [ownerMail] = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.to, 'known@example.org'), eq(outbox.template, 'registrationAttempt')));
    assert.ok(ownerMail, 'the owner is told someone tried to register with their address');
    assert.match(ownerMail?.text ?? '', /\/de\/sign-in/);
    assert.match(ownerMail?.text ?? '', /\/de\/password-reset/);
    const [newcomerMail] = await t.db.select().from(outbox).where(eq(outbox.to, 'fresh@example.org'));
    assert.equal(newcomerMail?.template, 'confirmEmail');
    const [owner] = await t.db.select().from(users).where(eq(users.email, 'known@example.org'));
    assert.equal(owner?.name, 'known', 'the existing account is unchanged');
    const [newcomer] = await t.db.select().from(users).where(eq(users.email, 'fresh@example.org'));
    assert.equal(newcomer?.emailConfirmedAt, null);
    const left = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from jobs where kind = 'accounts.register' and payload <> '{}'::jsonb`,
    );
    assert.equal(left[0]?.n, 0, 'no name, address or password hash stays in the jobs table');
  });

  test('takes about as long for a known as for a new address (median of 15 each)', async () => {
    const c = client(t);
    if ((await t.db.select().from(users).where(eq(users.email, 'known-0@example.org'))).length === 0)
      await knownAccounts();
    await c.get('/de/register');
    const { ratio, known, unknown } = await timeBoth((isKnown, i) =>
      c
        .post('/de/register', registration(isKnown ? `known-${i}@example.org` : `newcomer-${i}@example.org`))
        .then((p) => assert.equal(p.status, 200)),
    );
    assert.ok(ratio < 1.5, `known ${known.toFixed(1)} ms, new ${unknown.toFixed(1)} ms`);
  });

  test('an unconfirmed account answers a right password like a wrong one, with the same hint', async () => {
    const c = client(t);
    await c.submit('/de/register', registration('pending@example.org'));
    await runDueJobs(t.deps);
    const attempt = async (email: string, password: string) => {
      const page = await client(t).signIn(email, password);
      return {
        status: page.status,
        cookies: Object.keys(visible(page).cookies.filter((x) => x.startsWith('sid='))),
        error: page.html.querySelector('#f-password-error')?.text.trim(),
        hint: page.html.querySelector('#sign-in-confirm-hint')?.text.trim(),
      };
    };
    const right = await attempt('pending@example.org', PASSWORD);
    const wrong = await attempt('pending@example.org', 'not the password at all');
    const nobody = await attempt('no-such-person@example.org', PASSWORD);
    assert.equal(right.status, 400);
    assert.deepEqual(right, wrong);
    assert.deepEqual(right, nobody);
    assert.match(right.hint ?? '', /Link aus unserer E-Mail/);
  });
});
