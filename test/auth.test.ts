// Setup link, sign-in/out, wrong password, reset, confirmation, registration, sessions, CSRF, rate limits.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq, sql } from 'drizzle-orm';
import { auditLog } from '../src/core/audit/schema';
import { sessions, users, userTokens } from '../src/core/auth/schema';
import { countAdmins } from '../src/core/auth/users';
import { setupLinkIfNeeded } from '../src/core/db/setup-link';
import { runDueJobs } from '../src/core/jobs/jobs';
import { outbox } from '../src/core/mail/schema';
import { client, heading, makeUser, PASSWORD, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp({ limits: { signInPerAccount: 3, signInPerIp: 1000, resetPerAccount: 2, resetPerIp: 1000 } });
});
after(() => t.close());

// registration and reset mails are written by a job, as the worker would a moment later
const lastMailTo = async (to: string) => {
  await runDueJobs(t.deps);
  return (await t.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt)).limit(1))[0];
};
const linkIn = (text: string) => {
  const m = text.match(/http:\/\/localhost:3000(\/[^\s]+)/);
  assert.ok(m, `no link in mail: ${text}`);
  return m[1] as string;
};

describe('first administrator through the setup link', () => {
  test('only the printed token opens the setup page, once', async () => {
    const link = await setupLinkIfNeeded(t.db, t.config);
    assert.ok(link, 'an empty instance prints a setup link');
    const path = link.replace('http://localhost:3000', '');
    const c = client(t);

    assert.equal((await c.get('/de/setup?token=guessed')).status, 404, 'a guessed token is refused');
    assert.equal((await c.get('/de/setup')).status, 404);

    const form = await c.get(path);
    assert.equal(form.status, 200);
    assert.equal(heading(form), 'Erste Einrichtung');
    const token = new URL(link).searchParams.get('token') ?? '';

    const bad = await c.post('/de/setup', {
      token,
      name: 'Ada',
      email: 'ada@example',
      password: 'short',
      passwordConfirm: 'other',
    });
    assert.equal(bad.status, 400);
    assert.equal(await countAdmins(t.db), 0, 'nothing written on bad input');
    assert.ok(bad.html.querySelector('#f-email-error'));
    assert.match(bad.html.querySelector('#f-password-error')?.text ?? '', /mindestens 12 Zeichen/);

    const ok = await c.post('/de/setup', {
      token,
      name: 'Ada Admin',
      email: 'ada@example.org',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    assert.equal(ok.status, 200);
    assert.equal(heading(ok), 'Die Plattform ist eingerichtet');
    assert.equal(await countAdmins(t.db), 1);
    assert.equal((await c.get('/de/admin')).status, 200, 'the new administrator is signed in');

    const again = client(t);
    assert.equal((await again.get(path)).status, 404, 'the link is used up');
    await again.get('/de/sign-in');
    assert.equal(
      (
        await again.post('/de/setup', {
          token,
          name: 'Eve',
          email: 'eve@example.org',
          password: PASSWORD,
          passwordConfirm: PASSWORD,
        })
      ).status,
      404,
    );
    assert.equal(await countAdmins(t.db), 1, 'nobody else can claim the instance');
    assert.equal(await setupLinkIfNeeded(t.db, t.config), undefined, 'no new link once an administrator exists');
  });
});

describe('signing in and out', () => {
  test('right password signs in with a fresh httpOnly SameSite=Lax session cookie', async () => {
    await makeUser(t.db, 'sam@example.org', 'participant');
    const c = client(t);
    const page = await c.get('/de/sign-in');
    assert.equal(page.status, 200);
    const res = await c.post('/de/sign-in', { email: 'Sam@Example.org ', password: PASSWORD });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/de/');
    const cookie = String(res.headers['set-cookie'])
      .split(/,(?=\s*\w+=)/)
      .find((x) => x.trim().startsWith('sid='));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.doesNotMatch(cookie, /Secure/i, 'no Secure flag on http');
    const home = await c.get('/de/');
    assert.match(home.body, /Willkommen zurück, sam/);
  });

  test('signing in again replaces the session id', async () => {
    const c = client(t);
    await c.signIn('sam@example.org');
    const first = c.cookies.get('sid');
    await c.signIn('sam@example.org');
    const second = c.cookies.get('sid');
    assert.ok(first && second && first !== second);
    c.cookies.set('sid', first);
    const stale = await c.get('/de/account');
    assert.equal(stale.status, 303, 'the old session no longer works');
  });

  test('wrong password re-renders the form with a message and writes an audit entry', async () => {
    const c = client(t);
    await c.get('/de/sign-in');
    const res = await c.post('/de/sign-in', { email: 'sam@example.org', password: 'not the password' });
    assert.equal(res.status, 400);
    assert.match(res.html.querySelector('#f-password-error')?.text ?? '', /nicht richtig/);
    assert.equal(res.html.querySelector('#f-email')?.getAttribute('value'), 'sam@example.org', 'the address is kept');
    assert.equal(c.cookies.has('sid'), false);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'auth.signInFailed')).limit(1);
    assert.ok(entry);
  });

  test('an unknown address gets the same answer as a wrong password', async () => {
    const c = client(t);
    await c.get('/de/sign-in');
    const res = await c.post('/de/sign-in', { email: 'nobody@example.org', password: 'whatever it is' });
    assert.equal(res.status, 400);
    assert.match(res.html.querySelector('#f-password-error')?.text ?? '', /nicht richtig/);
  });

  test('sign-out ends the session on the server', async () => {
    const c = client(t);
    await c.signIn('sam@example.org');
    const token = c.cookies.get('sid');
    await c.get('/de/');
    const out = await c.post('/de/sign-out');
    assert.equal(out.status, 303);
    assert.equal(out.location, '/de/?notice=signedOut');
    const notice = await c.get(out.location!);
    assert.match(notice.body, /Sie sind abgemeldet/);
    c.cookies.set('sid', token!);
    const account = await c.get('/de/account');
    assert.equal(account.status, 303);
    assert.match(account.location ?? '', /^\/de\/sign-in\?next=/);
  });

  test('after sign-in the person returns to the page they wanted, never to another host', async () => {
    const c = client(t);
    const gate = await c.get('/de/account');
    assert.equal(gate.status, 303);
    const signIn = await c.get(gate.location!);
    const next = signIn.html.querySelector('input[name="next"]')?.getAttribute('value');
    assert.equal(next, '/de/account');
    const res = await c.post('/de/sign-in', { email: 'sam@example.org', password: PASSWORD, next: next! });
    assert.equal(res.location, '/de/account');
    const evil = client(t);
    await evil.get('/de/sign-in');
    const res2 = await evil.post('/de/sign-in', {
      email: 'sam@example.org',
      password: PASSWORD,
      next: '//evil.example/x',
    });
    assert.equal(res2.location, '/de/');
  });

  test('idle and absolute timeouts end a session', async () => {
    const c = client(t);
    await c.signIn('sam@example.org');
    assert.equal((await c.get('/de/account')).status, 200);
    await t.db.update(sessions).set({ lastSeenAt: sql`now() - interval '61 minutes'` });
    assert.equal((await c.get('/de/account')).status, 303, 'idle for over an hour');

    await c.signIn('sam@example.org');
    await t.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` });
    assert.equal((await c.get('/de/account')).status, 303, 'past the absolute limit');
  });
});

describe('rate limits', () => {
  test('too many wrong passwords for one account answer 429 with Retry-After, even for the right one', async () => {
    await makeUser(t.db, 'target@example.org');
    const c = client(t);
    for (let i = 0; i < 3; i++) {
      await c.get('/de/sign-in');
      assert.equal(
        (await c.post('/de/sign-in', { email: 'target@example.org', password: `wrong-${i}-xxxxxx` })).status,
        400,
      );
    }
    await c.get('/de/sign-in');
    const blocked = await c.post('/de/sign-in', { email: 'target@example.org', password: PASSWORD });
    assert.equal(blocked.status, 429);
    const retry = Number(blocked.headers['retry-after']);
    assert.ok(retry > 0 && retry <= 900, `Retry-After ${retry}`);
    assert.equal(heading(blocked), 'Zu viele Versuche');
    assert.equal(c.cookies.has('sid'), false);
  });

  test('too many sign-ins from one address answer 429', async () => {
    const limited = await testApp({ limits: { signInPerIp: 2 } });
    try {
      const c = client(limited);
      for (let i = 0; i < 2; i++) {
        await c.get('/de/sign-in');
        await c.post('/de/sign-in', { email: `x${i}@example.org`, password: 'wrong password' });
      }
      await c.get('/de/sign-in');
      const res = await c.post('/de/sign-in', { email: 'x9@example.org', password: 'wrong password' });
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers['retry-after']) > 0);
    } finally {
      await limited.close();
    }
  });

  test('password reset requests are limited per account', async () => {
    await makeUser(t.db, 'limited-reset@example.org');
    const c = client(t);
    for (let i = 0; i < 2; i++) {
      const r = await c.submit('/de/password-reset', { email: 'limited-reset@example.org' });
      assert.equal(r.status, 200);
    }
    const r = await c.submit('/de/password-reset', { email: 'limited-reset@example.org' });
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers['retry-after']) > 0);
  });
});

describe('password reset by e-mail link', () => {
  test('the link sets a new password once, ends old sessions, and expires', async () => {
    await makeUser(t.db, 'rita@example.org');
    const other = client(t);
    await other.signIn('rita@example.org');

    const c = client(t);
    const sent = await c.submit('/de/password-reset', { email: 'rita@example.org' });
    assert.equal(sent.status, 200);
    assert.match(sent.body, /Bitte sehen Sie in Ihr Postfach/);
    const mail = await lastMailTo('rita@example.org');
    assert.ok(mail);
    assert.equal(mail.subject, 'Neues Passwort für Modellprojekte');
    const path = linkIn(mail.text);

    const form = await c.get(path);
    assert.equal(form.status, 200);
    const mismatch = await c.post(path, {
      password: 'a brand new passphrase',
      passwordConfirm: 'something else entirely',
    });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.html.querySelector('#f-passwordConfirm-error')?.text ?? '', /stimmen nicht überein/);

    const done = await c.post(path, { password: 'a brand new passphrase', passwordConfirm: 'a brand new passphrase' });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/de/sign-in?notice=passwordChanged');

    assert.equal((await other.get('/de/account')).status, 303, 'sessions elsewhere are ended');
    assert.equal((await client(t).signIn('rita@example.org')).status, 400, 'old password no longer works');
    assert.equal((await client(t).signIn('rita@example.org', 'a brand new passphrase')).status, 303);
    assert.equal((await c.get(path)).status, 404, 'the link works only once');
  });

  test('an expired link is refused', async () => {
    await makeUser(t.db, 'old-link@example.org');
    const c = client(t);
    await c.submit('/de/password-reset', { email: 'old-link@example.org' });
    const path = linkIn((await lastMailTo('old-link@example.org'))!.text);
    await t.db.update(userTokens).set({ expiresAt: sql`now() - interval '1 minute'` });
    const res = await c.get(path);
    assert.equal(res.status, 404);
    assert.equal(heading(res), 'Link ungültig');
  });

  test('an unknown address gets the same answer and no mail', async () => {
    const c = client(t);
    const res = await c.submit('/de/password-reset', { email: 'ghost@example.org' });
    assert.equal(res.status, 200);
    assert.match(res.body, /Bitte sehen Sie in Ihr Postfach/);
    assert.equal(await lastMailTo('ghost@example.org'), undefined);
  });
});

describe('registration, confirmation and account settings', () => {
  test('a participant registers with consent, confirms the address, signs in and changes the language', async () => {
    const c = client(t);
    const missing = await c.submit('/tr/register', {
      name: 'Deniz',
      email: 'deniz@example.org',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    assert.equal(missing.status, 400);
    assert.ok(missing.html.querySelector('#f-consent-error'), 'consent is required');
    await runDueJobs(t.deps);
    assert.equal((await t.db.select().from(users).where(eq(users.email, 'deniz@example.org'))).length, 0);

    const res = await c.post('/tr/register', {
      name: 'Deniz',
      email: 'deniz@example.org',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      consent: 'on',
    });
    assert.equal(res.status, 200);
    assert.equal(res.html.querySelector('[role="status"] .kern-title')?.text.trim(), 'Lütfen gelen kutunuza bakın');
    assert.equal(c.cookies.has('sid'), false, 'registering signs nobody in');

    const mail = await lastMailTo('deniz@example.org');
    assert.equal(mail?.language, 'tr', 'mail in the language the person used');
    const [consent] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'consent.given'));
    assert.ok(consent, 'consent is recorded');

    const early = await client(t).signIn('deniz@example.org', PASSWORD, 'tr');
    assert.equal(early.status, 400, 'an unconfirmed address cannot sign in');
    assert.ok(early.html.querySelector('#sign-in-confirm-hint'), 'with the hint to use the confirmation link');

    const path = linkIn(mail!.text);
    assert.equal((await c.get(path)).status, 200);
    const confirmed = await c.post(path);
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.location, '/tr/sign-in?notice=emailConfirmed');
    const [u] = await t.db.select().from(users).where(eq(users.email, 'deniz@example.org'));
    assert.ok(u?.emailConfirmedAt);
    assert.equal((await c.post(path)).status, 404, 'the link works once');

    assert.equal((await c.signIn('deniz@example.org', PASSWORD, 'tr')).location, '/tr/');
    const account = await c.get('/tr/account');
    assert.equal(account.status, 200);
    assert.equal(account.html.querySelector('.kern-alert--warning'), null, 'the address is confirmed');

    const bad = await c.post('/tr/account', { name: '', language: 'xx' });
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-name-error'));
    assert.ok(bad.html.querySelector('#f-language-error'));
    const saved = await c.post('/tr/account', { name: 'Deniz Y.', language: 'uk' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/uk/account?notice=saved');
    const [changed] = await t.db.select().from(users).where(eq(users.email, 'deniz@example.org'));
    assert.equal(changed?.language, 'uk');
  });

  test('registering a taken address answers as for a new one and tells the owner', async () => {
    const c = client(t);
    const res = await c.submit('/de/register', {
      name: 'Sam',
      email: 'sam@example.org',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      consent: 'on',
    });
    assert.equal(res.status, 200);
    assert.match(res.body, /Bitte sehen Sie in Ihr Postfach/);
    assert.doesNotMatch(res.body, /schon ein Konto/);
    const mail = await lastMailTo('sam@example.org');
    assert.equal(mail?.template, 'registrationAttempt');
    assert.match(mail?.text ?? '', /http:\/\/localhost:3000\/de\/password-reset/);
  });

  test('a person downloads what the platform keeps about them', async () => {
    const c = client(t);
    await c.signIn('sam@example.org');
    const res = await c.get('/de/account/my-data.json');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const data = JSON.parse(res.body);
    assert.equal(data.accounts.account.email, 'sam@example.org');
    assert.deepEqual(
      data.accounts.roles.map((r: { role: string }) => r.role),
      ['participant'],
    );
    assert.equal(data.accounts.account.passwordHash, undefined, 'no password hash in the export');
  });
});

describe('CSRF protection', () => {
  test('a POST without or with a wrong token gets 403 and changes nothing', async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(sessions))[0]?.n;
    const c = client(t);
    await c.get('/de/sign-in');
    const none = await c.post('/de/sign-in', { email: 'sam@example.org', password: PASSWORD, _csrf: null });
    assert.equal(none.status, 403);
    assert.equal(heading(none), 'Kein Zugriff');
    const wrong = await c.post('/de/sign-in', { email: 'sam@example.org', password: PASSWORD, _csrf: 'forged-token' });
    assert.equal(wrong.status, 403);
    const noCookie = client(t);
    const res = await noCookie.post('/de/sign-in', {
      email: 'sam@example.org',
      password: PASSWORD,
      _csrf: c.lastToken ?? '',
    });
    assert.equal(res.status, 403, 'a token without its cookie secret is refused');
    const after = (await t.db.select({ n: sql<number>`count(*)::int` }).from(sessions))[0]?.n;
    assert.equal(after, before, 'no session was created');
  });

  test('a signed-in account cannot be changed by a forged form', async () => {
    const c = client(t);
    await c.signIn('sam@example.org');
    const res = await c.post('/de/account', { name: 'Hijacked', language: 'de', _csrf: 'nope' });
    assert.equal(res.status, 403);
    const [u] = await t.db.select().from(users).where(eq(users.email, 'sam@example.org'));
    assert.notEqual(u?.name, 'Hijacked');
  });
});

test('an empty new password is asked for like any required field; a short one is told the length', async () => {
  const c = client(t);
  const empty = await c.submit('/de/register', {
    name: 'Ida',
    email: 'ida@example.org',
    password: '',
    passwordConfirm: '',
    consent: 'on',
  });
  assert.equal(empty.status, 400);
  assert.equal(empty.html.querySelector('#f-password-error')?.text.trim(), 'Bitte füllen Sie dieses Feld aus.');
  const short = await c.submit('/de/register', {
    name: 'Ida',
    email: 'ida@example.org',
    password: 'kurz',
    passwordConfirm: 'kurz',
    consent: 'on',
  });
  assert.equal(short.status, 400);
  assert.match(short.html.querySelector('#f-password-error')?.text ?? '', /12/);
});
