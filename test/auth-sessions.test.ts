// Reset links, CSRF rotation, the language signed in on, and disabled accounts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { users, userTokens } from '../src/core/auth/schema';
import { loadCurrentUser } from '../src/core/auth/users';
import { runDueJobs } from '../src/core/jobs/jobs';
import { outbox } from '../src/core/mail/schema';
import { client, heading, makeUser, PASSWORD, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp({
    limits: { signInPerAccount: 100, signInPerIp: 10_000, resetPerAccount: 100, resetPerIp: 10_000 },
  });
});
after(() => t.close());

const mailsTo = async (to: string) => {
  await runDueJobs(t.deps);
  return t.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt));
};
const pathIn = (text: string) => {
  const m = text.match(/http:\/\/localhost:3000(\/[^\s]+)/);
  assert.ok(m, `no link in mail: ${text}`);
  return m[1] as string;
};

describe('reset links', () => {
  test('using one link ends every other open link; the owner is told by mail; sessions end everywhere', async () => {
    const id = await makeUser(t.db, 'lotte@example.org', 'participant');
    const laptop = client(t);
    await laptop.signIn('lotte@example.org');
    const c = client(t);
    await c.submit('/de/password-reset', { email: 'lotte@example.org' });
    await c.submit('/de/password-reset', { email: 'lotte@example.org' });
    const [second, first] = (await mailsTo('lotte@example.org')).map((m) => pathIn(m.text));
    assert.ok(first && second && first !== second, 'two links were sent');

    await c.get(second);
    const done = await c.post(second, {
      password: 'a brand new passphrase',
      passwordConfirm: 'a brand new passphrase',
    });
    assert.equal(done.status, 303);
    const open = await t.db
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.userId, id), eq(userTokens.purpose, 'reset'), isNull(userTokens.usedAt)));
    assert.equal(open.length, 0, 'no reset link of the account is still open');
    assert.equal((await c.get(first)).status, 404, 'the older link no longer opens the form');
    const late = await c.post(first, { password: 'the attacker wants in', passwordConfirm: 'the attacker wants in' });
    assert.equal(late.status, 404, 'nor sets a password');
    assert.equal((await client(t).signIn('lotte@example.org', 'a brand new passphrase')).status, 303);

    const [notice] = await mailsTo('lotte@example.org');
    assert.equal(notice?.template, 'passwordChanged');
    assert.equal(notice?.subject, 'Ihr Passwort wurde geändert');
    assert.match(notice?.text ?? '', /Waren Sie das nicht\?/);
    assert.match(notice?.text ?? '', /http:\/\/localhost:3000\/de\/password-reset/);
    assert.equal((await laptop.get('/de/account')).status, 303, 'the session on the laptop has ended');
  });
});

describe('CSRF secret rotation', () => {
  test('sign-in and sign-out each give the browser a new CSRF secret; a form token from before is refused', async () => {
    await makeUser(t.db, 'csrf@example.org', 'participant');
    const c = client(t);
    await c.get('/de/sign-in');
    const anonymousSecret = c.cookies.get('csrf');
    const anonymousToken = c.lastToken;
    assert.ok(anonymousSecret && anonymousToken);

    const signIn = await c.post('/de/sign-in', { email: 'csrf@example.org', password: PASSWORD });
    assert.equal(signIn.status, 303);
    assert.equal(c.cookies.has('csrf'), false, 'the sign-in answer drops the old secret');
    await c.get('/de/account');
    const signedInSecret = c.cookies.get('csrf');
    assert.ok(signedInSecret && signedInSecret !== anonymousSecret, 'the next page makes a new secret');

    const stale = await c.post('/de/account', {
      name: 'Changed by a stale form',
      language: 'de',
      _csrf: anonymousToken,
    });
    assert.equal(stale.status, 403, 'a token from before sign-in is refused');
    const [u] = await t.db.select().from(users).where(eq(users.email, 'csrf@example.org'));
    assert.equal(u?.name, 'csrf');
    await c.get('/de/account');
    assert.equal((await c.post('/de/account', { name: 'Cora', language: 'de' })).status, 303, 'a fresh token works');

    await c.get('/de/');
    const signedInToken = c.lastToken;
    const out = await c.post('/de/sign-out');
    assert.equal(out.status, 303);
    assert.equal(c.cookies.has('csrf'), false, 'the sign-out answer drops the secret');
    await c.get('/de/sign-in');
    const afterSecret = c.cookies.get('csrf');
    assert.ok(afterSecret && afterSecret !== signedInSecret);
    const replay = await c.post('/de/sign-in', {
      email: 'csrf@example.org',
      password: PASSWORD,
      _csrf: signedInToken ?? '',
    });
    assert.equal(replay.status, 403, 'a token from the signed-in time is refused after sign-out');
  });

  test('the first administrator starts with a fresh secret too', async () => {
    const { setupLinkIfNeeded } = await import('../src/core/db/setup-link');
    const link = await setupLinkIfNeeded(t.db, t.config);
    assert.ok(link);
    const c = client(t);
    await c.get(link.replace('http://localhost:3000', ''));
    const before = c.cookies.get('csrf');
    const token = new URL(link).searchParams.get('token') ?? '';
    const done = await c.post('/de/setup', {
      token,
      name: 'Ada',
      email: 'ada-setup@example.org',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    assert.equal(done.status, 200);
    assert.ok(c.cookies.get('csrf') && c.cookies.get('csrf') !== before);
    await c.get('/de/');
    assert.equal((await c.post('/de/sign-out')).status, 303, 'the forms of the new session work');
  });
});

describe('the language of the page signed in on', () => {
  test('an account stored as German signing in on /ar/sign-in lands on an Arabic page; the stored language stays', async () => {
    await makeUser(t.db, 'rana@example.org', 'participant', { language: 'de' });
    const c = client(t);
    const res = await c.signIn('rana@example.org', PASSWORD, 'ar');
    assert.equal(res.status, 303);
    assert.equal(res.location, '/ar/');
    assert.equal(c.cookies.get('lang'), 'ar');
    const home = await c.get(res.location!);
    assert.equal(home.html.querySelector('html')?.getAttribute('lang'), 'ar');
    assert.equal(home.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    const [u] = await t.db.select().from(users).where(eq(users.email, 'rana@example.org'));
    assert.equal(u?.language, 'de', 'signing in does not change the stored language');
    assert.equal(c.cookies.get('lang'), 'ar');
  });
});

describe('disabled accounts', () => {
  test('a disabled account cannot sign in, with a clear message; a wrong password still says only that', async () => {
    await makeUser(t.db, 'gone@example.org', 'carrierStaff');
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, 'gone@example.org'));
    const c = client(t);
    const res = await c.signIn('gone@example.org');
    assert.equal(res.status, 403);
    assert.equal(heading(res), 'Anmelden');
    const alert = res.html.querySelector('[role="alert"]')?.text ?? '';
    assert.match(alert, /gesperrt/);
    assert.match(alert, /Administration/);
    assert.equal(c.cookies.has('sid'), false);
    const wrong = await client(t).signIn('gone@example.org', 'not the password at all');
    assert.equal(wrong.status, 400);
    assert.doesNotMatch(wrong.body, /gesperrt/);
  });

  test('disabling ends a live session at once', async () => {
    const id = await makeUser(t.db, 'live@example.org', 'participant');
    const c = client(t);
    await c.signIn('live@example.org');
    assert.equal((await c.get('/de/account')).status, 200);
    assert.ok(await loadCurrentUser(t.db, id));
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, id));
    assert.equal(await loadCurrentUser(t.db, id), null);
    const next = await c.get('/de/account');
    assert.equal(next.status, 303);
    assert.match(next.location ?? '', /^\/de\/sign-in/);
  });
});
