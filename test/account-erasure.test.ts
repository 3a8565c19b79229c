// Erasing one's own account: confirmed with the password, every module forgets the person, the
// account keeps no name, address or password, and the last administrator cannot lock everyone out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq, or, sql } from 'drizzle-orm';
import { auditLog } from '../src/core/audit/schema';
import { recoveryCodes, roleAssignments, sessions, users, userTokens } from '../src/core/auth/schema';
import { queryRows } from '../src/core/db/client';
import { runDueJobs } from '../src/core/jobs/jobs';
import { outbox } from '../src/core/mail/schema';
import { reviewerProfiles } from '../src/modules/funding/schema';
import { client, makeUser, type TestApp, testApp } from './helpers/app';

let t: TestApp;

before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('erasing an account', () => {
  test('a wrong password is refused at the field, and nothing is erased', async () => {
    const id = await makeUser(t.db, 'lena@example.org', 'participant');
    const c = client(t);
    await c.signIn('lena@example.org');
    const page = await c.get('/de/account');
    assert.ok(page.html.querySelector('form[action="/de/account/delete"] input[name="deletePassword"]'));
    const wrong = await c.post('/de/account/delete', { deletePassword: 'not my password' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html.querySelector('#f-deletePassword-error')?.text ?? '', /Passwort stimmt nicht/);
    const empty = await c.post('/de/account/delete', { deletePassword: '' });
    assert.equal(empty.status, 400);
    const [still] = await t.db.select().from(users).where(eq(users.id, id));
    assert.equal(still?.email, 'lena@example.org');
  });

  test('with the password, the person is forgotten and signed out everywhere', async () => {
    const id = await makeUser(t.db, 'ruth@review.example', 'reviewer', { language: 'tr' });
    const phone = client(t);
    await phone.signIn('ruth@review.example');
    const laptop = client(t);
    await laptop.signIn('ruth@review.example');
    await laptop.get('/de/reviews');
    await laptop.post('/de/reviews/topics', { topics: 'language' });
    assert.equal((await t.db.select().from(reviewerProfiles).where(eq(reviewerProfiles.userId, id))).length, 1);

    await laptop.get('/de/account');
    const done = await laptop.post('/de/account/delete', { deletePassword: 'correct horse battery staple' });
    assert.equal(done.status, 303);
    assert.match(done.location ?? '', /notice=accountDeleted/);
    const home = await laptop.get(done.location!);
    assert.match(home.body, /Ihr Konto ist gelöscht/);

    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    assert.equal(row?.name, '');
    assert.doesNotMatch(row?.email ?? '', /ruth/);
    assert.equal((await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, id))).length, 0);
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 0);
    assert.equal(
      (await t.db.select().from(reviewerProfiles).where(eq(reviewerProfiles.userId, id))).length,
      0,
      'the funding module forgot the fields of expertise',
    );
    assert.equal((await phone.get('/de/account')).status, 303, 'the other device is signed out too');
    assert.equal((await client(t).signIn('ruth@review.example')).status, 400, 'nobody can sign in as ruth');
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'account.erased'));
    assert.equal(entry?.subjectId, id);
  });

  test('the last administrator cannot erase the account', async () => {
    const id = await makeUser(t.db, 'ada@example.org', 'admin');
    const c = client(t);
    await c.signIn('ada@example.org');
    await c.get('/de/account');
    const refused = await c.post('/de/account/delete', { deletePassword: 'correct horse battery staple' });
    assert.equal(refused.status, 400);
    assert.match(refused.html.querySelector('#f-deletePassword-error')?.text ?? '', /einzige Administrator/);
    assert.equal((await t.db.select().from(users).where(eq(users.id, id)))[0]?.email, 'ada@example.org');
  });
});

describe('erasure leaves nothing that names the person', () => {
  const lastLink = async (to: string, path: string) => {
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt)).limit(1);
    const m = mail?.text.match(new RegExp(`http://localhost:3000(/de/${path}/[^\\s]+)`));
    assert.ok(m, `no ${path} link to ${to}`);
    return m[1] as string;
  };

  /** Every text, varchar and JSON column of every table in the public schema that mentions a value. */
  async function mentions(values: string[]): Promise<string[]> {
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      t.db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public'
            and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
          order by table_name, column_name`,
    );
    assert.ok(columns.length > 20, `only ${columns.length} columns found`);
    const found: string[] = [];
    for (const { table_name, column_name } of columns)
      for (const value of values) {
        const [row] = await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from ${sql.identifier(table_name)}
              where ${sql.identifier(column_name)}::text ilike ${`%${value}%`}`,
        );
        if (row && row.n > 0) found.push(`${table_name}.${column_name} holds "${value}" (${row.n})`);
      }
    return found;
  }

  test('after registering, signing in, failing, a reset, a new name and address and mails: zero rows', async () => {
    const first = { name: 'Ruth Brandauer', email: 'ruth.brandauer@example.org' };
    const later = { name: 'Ruth Kowalczyk', email: 'ruth.kowalczyk@example.net' };
    const pending = 'ruth.pending@example.com';
    const password = 'correct horse battery staple';
    const newPassword = 'another long sentence as password';
    const ua = { 'user-agent': 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0' };

    // registered and confirmed the address
    const c = client(t, ua);
    await c.submit('/de/register', {
      name: first.name,
      email: first.email,
      password,
      passwordConfirm: password,
      consent: 'on',
    });
    await runDueJobs(t.deps);
    const [user] = await t.db.select().from(users).where(eq(users.email, first.email));
    assert.ok(user, 'the account exists');
    const id = user.id;
    const confirm = await lastLink(first.email, 'confirm-email');
    await c.get(confirm);
    await c.post(confirm);

    // failed a sign-in, asked for a reset, signed in
    assert.equal((await client(t).signIn(first.email, 'not the right password')).status, 400);
    await client(t).submit('/de/password-reset', { email: first.email });
    await runDueJobs(t.deps);
    await lastLink(first.email, 'password-reset');
    const me = client(t, ua);
    assert.equal((await me.signIn(first.email, password)).status, 303);

    // changed the name, the address (confirmed) and the password
    await me.submit('/de/account', { name: later.name, language: 'de' });
    await me.submit(
      '/de/account/security',
      { newEmail: later.email, emailPassword: password },
      '/de/account/security/email',
    );
    const change = await lastLink(later.email, 'confirm-email-change');
    await me.get(change);
    assert.equal((await me.post(change)).status, 200);
    assert.equal((await client(t).signIn(first.email, password)).status, 400, 'a try with the old address');
    await me.submit(
      '/de/account/security',
      { currentPassword: password, password: newPassword, passwordConfirm: newPassword },
      '/de/account/security/password',
    );
    // a change still waiting for confirmation, and a second factor with recovery codes
    await me.submit(
      '/de/account/security',
      { newEmail: pending, emailPassword: newPassword },
      '/de/account/security/email',
    );
    await t.db
      .update(users)
      .set({ totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: new Date(), totpLastStep: 59_000_000 })
      .where(eq(users.id, id));
    await t.db.insert(recoveryCodes).values([
      { userId: id, codeHash: 'h1' },
      { userId: id, codeHash: 'h2' },
    ]);

    const values = [first.name, later.name, 'Brandauer', 'Kowalczyk', first.email, later.email, pending];
    const before = await mentions(values);
    for (const v of values)
      assert.ok(
        before.some((m) => m.includes(`"${v}"`)),
        `the history mentions ${v}`,
      );
    const entriesBefore = await t.db
      .select({ id: auditLog.id, action: auditLog.action, at: auditLog.at })
      .from(auditLog)
      .where(or(eq(auditLog.actorId, id), eq(auditLog.subjectId, id)));

    await me.get('/de/account');
    const done = await me.post('/de/account/delete', { deletePassword: newPassword });
    assert.equal(done.status, 303);

    assert.deepEqual(await mentions(values), [], 'no table names the person any more');

    // the log still says what happened, when, under a pseudonym and without IP addresses
    const entriesAfter = await t.db
      .select()
      .from(auditLog)
      .where(or(eq(auditLog.actorId, id), eq(auditLog.subjectId, id)));
    for (const e of entriesBefore) {
      const kept = entriesAfter.find((a) => a.id === e.id);
      assert.ok(kept, `entry ${e.action} is kept`);
      assert.equal(kept.action, e.action);
      assert.equal(kept.at.getTime(), e.at.getTime());
    }
    const actions = new Set(entriesAfter.map((e) => e.action));
    for (const a of ['user.created', 'user.updated', 'user.emailChanged', 'user.passwordChanged', 'account.erased'])
      assert.ok(actions.has(a), `${a} is still in the log`);
    const own = entriesAfter.filter((e) => e.actorId === id);
    assert.ok(own.length > 3);
    for (const e of own) assert.equal(e.actorLabel, `erased-${id.slice(0, 8)}`);
    for (const e of entriesAfter.filter((e) => e.actorId === id || e.actorId === null)) assert.equal(e.ip, null);
    const created = entriesAfter.find((e) => e.action === 'user.created');
    assert.deepEqual(created?.after, {
      email: `erased-${id.slice(0, 8)}`,
      name: `erased-${id.slice(0, 8)}`,
      language: 'de',
    });

    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    assert.equal(row?.totpSecret, null);
    assert.equal(row?.totpEnabledAt, null);
    assert.equal(row?.totpLastStep, null);
    assert.equal((await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id))).length, 0);
    assert.equal((await t.db.select().from(userTokens).where(eq(userTokens.userId, id))).length, 0);
    assert.equal(
      (
        await t.db
          .select()
          .from(outbox)
          .where(or(eq(outbox.to, first.email), eq(outbox.to, later.email)))
      ).length,
      0,
    );
  });
});
