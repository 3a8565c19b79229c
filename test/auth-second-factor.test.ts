// The optional second factor for staff: enrolment with QR code and key, recovery codes shown once,
// the step after the password at sign-in (replay, drift, expiry, limits), renewal and turning it off.
// Codes are made with otplib from the secret the page shows, at the current time.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { auditLog } from '../src/core/audit/schema';
import { recoveryCodes, users, userTokens } from '../src/core/auth/schema';
import { outbox } from '../src/core/mail/schema';
import { type Client, client, heading, makeUser, PASSWORD, type Page, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp({ limits: { signInPerAccount: 3, signInPerIp: 10_000 } });
});
after(() => t.close());

const codeNow = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/** Lets the next code through as if half a minute had passed since the last one was used. */
const nextStep = (id: string) => t.db.update(users).set({ totpLastStep: null }).where(eq(users.id, id));

const userRow = async (id: string) => (await t.db.select().from(users).where(eq(users.id, id)))[0];
const lastMail = async (to: string) =>
  (await t.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt)).limit(1))[0];

async function enrol(c: Client): Promise<{ secret: string; codes: string[]; page: Page }> {
  await c.get('/de/account/two-factor');
  const setup = await c.post('/de/account/two-factor/setup');
  assert.equal(setup.status, 200);
  const secret = setup.html.querySelector('code.totp-secret')?.text.replace(/\s/g, '') ?? '';
  const enrolment = setup.html.querySelector('input[name="enrolment"]')?.getAttribute('value') ?? '';
  const page = await c.post('/de/account/two-factor/enable', { enrolment, code: await codeNow(secret) });
  assert.equal(page.status, 200, 'the first code confirms the enrolment');
  return { secret, codes: page.html.querySelectorAll('.recovery-codes code').map((e) => e.text.trim()), page };
}

async function staff(email: string): Promise<{ id: string; c: Client }> {
  const id = await makeUser(t.db, email, 'programmeOfficer', { scopeKind: 'programme', scopeId: 'p-1' });
  const c = client(t);
  assert.equal((await c.signIn(email)).status, 303);
  return { id, c };
}

/** Password first: the answer sends the browser to the second step. */
async function passwordStep(email: string, next?: string): Promise<{ c: Client; res: Page }> {
  const c = client(t);
  const form = await c.get(next ? `/de/sign-in?next=${encodeURIComponent(next)}` : '/de/sign-in');
  const res = await c.post('/de/sign-in', {
    email,
    password: PASSWORD,
    ...(next ? { next: form.html.querySelector('input[name="next"]')?.getAttribute('value') ?? '' } : {}),
  });
  assert.equal(res.status, 303);
  assert.equal(res.location, '/de/sign-in/two-factor');
  assert.equal(c.cookies.has('sid'), false, 'no session before the second factor');
  await c.get(res.location!);
  return { c, res };
}

describe('turning the second factor on', () => {
  test('staff scan a QR code (or type the key), a wrong code is refused at the field, ten recovery codes show once', async () => {
    const { id, c } = await staff('olga-2fa@example.org');
    const status = await c.get('/de/account/two-factor');
    assert.equal(status.status, 200);
    assert.equal(heading(status), 'Zwei-Faktor-Anmeldung');
    assert.ok(status.html.querySelector('form[action="/de/account/two-factor/setup"] button'));

    const setup = await c.post('/de/account/two-factor/setup');
    assert.equal(setup.status, 200);
    const qr = setup.html.querySelector('.totp-qr');
    assert.equal(qr?.getAttribute('role'), 'img');
    assert.ok(qr?.getAttribute('aria-label'));
    assert.ok(qr?.querySelector('svg path'), 'the QR code is drawn inline on the server');
    const secret = setup.html.querySelector('code.totp-secret')?.text.replace(/\s/g, '') ?? '';
    assert.match(secret, /^[A-Z2-7]{32}$/, 'the key is shown for typing it in by hand');
    const field = setup.html.querySelector('#f-code');
    assert.equal(field?.getAttribute('inputmode'), 'numeric');
    assert.equal(field?.getAttribute('autocomplete'), 'one-time-code');
    assert.equal((await userRow(id))?.totpSecret, null, 'nothing is on before the first code');

    const enrolment = setup.html.querySelector('input[name="enrolment"]')?.getAttribute('value') ?? '';
    const right = await codeNow(secret);
    const wrong = right === '000000' ? '111111' : '000000';
    const refused = await c.post('/de/account/two-factor/enable', { enrolment, code: wrong });
    assert.equal(refused.status, 400);
    assert.match(refused.html.querySelector('#f-code-error')?.text ?? '', /stimmt nicht/);
    assert.equal((await userRow(id))?.totpEnabledAt, null);

    const done = await c.post('/de/account/two-factor/enable', { enrolment, code: right });
    assert.equal(done.status, 200);
    assert.equal(heading(done), 'Ihre Wiederherstellungscodes');
    const codes = done.html.querySelectorAll('.recovery-codes code').map((e) => e.text.trim());
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const u = await userRow(id);
    assert.equal(u?.totpSecret, secret);
    assert.ok(u?.totpEnabledAt);
    const stored = await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id));
    const sha = (s: string) => createHash('sha256').update(s.replace('-', '')).digest('hex');
    assert.deepEqual(stored.map((r) => r.codeHash).sort(), codes.map(sha).sort(), 'stored as sha-256 hashes only');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.twoFactorEnabled'), eq(auditLog.subjectId, id)));
    assert.ok(audit);
    const enabledMail = await lastMail('olga-2fa@example.org');
    assert.equal(enabledMail?.template, 'twoFactorEnabled');
    // "wasn't you? change your password" leads to where that works without signing in
    assert.match(enabledMail?.text ?? '', /\/de\/password-reset\b/);

    const again = await c.post('/de/account/two-factor/enable', { enrolment, code: right });
    assert.equal(again.status, 400, 'the enrolment works once');
    assert.match(again.html.querySelector('[role="alert"]')?.text ?? '', /abgelaufen/);

    const on = await c.get('/de/account/two-factor');
    assert.match(on.body, /Eingeschaltet seit/);
    assert.match(on.body, /noch 10 unbenutzte Wiederherstellungscodes/);
    assert.equal(on.html.querySelectorAll('.recovery-codes').length, 0, 'the codes are not shown again');
  });

  test('people without a staff role are not offered it', async () => {
    await makeUser(t.db, 'pia@example.org', 'participant');
    const c = client(t);
    await c.signIn('pia@example.org');
    assert.equal((await c.get('/de/account/two-factor')).status, 403);
    await c.get('/de/account');
    assert.equal((await c.post('/de/account/two-factor/setup')).status, 403);
  });
});

describe('signing in with the second factor', () => {
  test('after the password, the code; then the session, the page wanted, a new CSRF secret and an audit entry', async () => {
    const { id, c: setupClient } = await staff('jonas-2fa@example.org');
    const { secret } = await enrol(setupClient);
    await nextStep(id);

    const { c } = await passwordStep('jonas-2fa@example.org', '/de/account');
    const [step] = await t.db
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.userId, id), eq(userTokens.purpose, 'signInSecondFactor')));
    assert.ok(step);
    const lifetime = step.expiresAt.getTime() - Date.now();
    assert.ok(lifetime > 4 * 60_000 && lifetime <= 5 * 60_000, `the step lasts five minutes (${lifetime} ms)`);
    const stepToken = c.cookies.get('signin_step');
    assert.ok(stepToken);

    const form = await c.get('/de/sign-in/two-factor');
    assert.equal(heading(form), 'Anmeldung bestätigen');
    const field = form.html.querySelector('#f-code');
    assert.equal(field?.getAttribute('inputmode'), 'numeric');
    assert.equal(field?.getAttribute('autocomplete'), 'one-time-code');
    assert.ok(form.html.querySelector('#f-recoveryCode'), 'a recovery code can be used instead');

    const right = await codeNow(secret);
    const wrong = await c.post('/de/sign-in/two-factor', { code: right === '123456' ? '654321' : '123456' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html.querySelector('#f-code-error')?.text ?? '', /stimmt nicht/);
    assert.equal(c.cookies.has('sid'), false);

    const secretBefore = c.cookies.get('csrf');
    const done = await c.post('/de/sign-in/two-factor', { code: right });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/de/account', 'the page the person wanted');
    assert.ok(c.cookies.get('sid'));
    assert.equal(c.cookies.has('csrf'), false, 'the CSRF secret is dropped');
    assert.equal((await c.get('/de/account')).status, 200);
    assert.notEqual(c.cookies.get('csrf'), secretBefore);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.signedIn'), eq(auditLog.subjectId, id)))
      .orderBy(desc(auditLog.at))
      .limit(1);
    assert.deepEqual(audit?.after, { secondFactor: 'totp' });

    // the step worked once: its token opens nothing any more
    const replay = client(t);
    replay.cookies.set('signin_step', stepToken);
    await replay.get('/de/sign-in');
    await nextStep(id);
    const late = await replay.post('/de/sign-in/two-factor', { code: await codeNow(secret) });
    assert.equal(late.status, 400);
    assert.equal(replay.cookies.has('sid'), false);
  });

  test('a code is refused the second time; one step of clock drift is allowed, two are not', async () => {
    const { id, c: setupClient } = await staff('drift-2fa@example.org');
    const { secret } = await enrol(setupClient);
    await nextStep(id);

    const code = await codeNow(secret);
    const first = await passwordStep('drift-2fa@example.org');
    assert.equal((await first.c.post('/de/sign-in/two-factor', { code })).status, 303);
    const second = await passwordStep('drift-2fa@example.org');
    const replayed = await second.c.post('/de/sign-in/two-factor', { code });
    assert.equal(replayed.status, 400, 'a code used before is refused');
    assert.match(replayed.html.querySelector('#f-code-error')?.text ?? '', /schon benutzt/);

    await nextStep(id);
    const late = await passwordStep('drift-2fa@example.org');
    assert.equal(
      (await late.c.post('/de/sign-in/two-factor', { code: await codeNow(secret, -30) })).status,
      303,
      'a code half a minute old still works',
    );
    await nextStep(id);
    const stale = await passwordStep('drift-2fa@example.org');
    assert.equal(
      (await stale.c.post('/de/sign-in/two-factor', { code: await codeNow(secret, -60) })).status,
      400,
      'a code a minute old does not',
    );
  });

  test('a recovery code signs in once, and the owner is told', async () => {
    const { id, c: setupClient } = await staff('miriam-2fa@example.org');
    const { codes } = await enrol(setupClient);
    const [one, two] = codes as [string, string];

    const first = await passwordStep('miriam-2fa@example.org');
    const ok = await first.c.post('/de/sign-in/two-factor', { recoveryCode: one });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/de/');
    assert.equal((await lastMail('miriam-2fa@example.org'))?.template, 'recoveryCodeUsed');
    const used = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.recoveryCodeUsed'), eq(auditLog.subjectId, id)));
    assert.equal(used.length, 1);

    const again = await passwordStep('miriam-2fa@example.org');
    const refused = await again.c.post('/de/sign-in/two-factor', { recoveryCode: one });
    assert.equal(refused.status, 400);
    assert.match(refused.html.querySelector('#f-recoveryCode-error')?.text ?? '', /schon benutzt/);
    assert.equal(
      refused.html.querySelector('main details')?.hasAttribute('open'),
      true,
      'the recovery form stays open',
    );
    assert.equal(
      (await again.c.post('/de/sign-in/two-factor', { recoveryCode: ` ${two.toUpperCase().replace('-', ' ')} ` }))
        .status,
      303,
      'typed in capitals and with a space, the next code works',
    );
    const left = await setupClient.get('/de/account/two-factor');
    assert.match(left.body, /noch 8 unbenutzte/);
  });

  test('the second step ends after five minutes', async () => {
    const { id, c: setupClient } = await staff('late-2fa@example.org');
    const { secret } = await enrol(setupClient);
    await nextStep(id);
    const { c } = await passwordStep('late-2fa@example.org');
    await t.db
      .update(userTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(and(eq(userTokens.userId, id), eq(userTokens.purpose, 'signInSecondFactor')));
    const res = await c.post('/de/sign-in/two-factor', { code: await codeNow(secret) });
    assert.equal(res.status, 400);
    assert.match(res.html.querySelector('[role="alert"]')?.text ?? '', /fünf Minuten/);
    assert.ok(res.html.querySelector('form[action="/de/sign-in"] #f-password'), 'the sign-in form is offered again');
    assert.equal(c.cookies.has('sid'), false);
    assert.equal((await userRow(id))?.totpLastStep, null, 'the expired step used up no code');
  });

  test('wrong codes are limited per account', async () => {
    const { id, c: setupClient } = await staff('limit-2fa@example.org');
    const { secret } = await enrol(setupClient);
    await nextStep(id);
    const { c } = await passwordStep('limit-2fa@example.org');
    const right = await codeNow(secret);
    const wrongs = ['000001', '000002', '000003'].filter((x) => x !== right);
    for (const w of wrongs) assert.equal((await c.post('/de/sign-in/two-factor', { code: w })).status, 400);
    const blocked = await c.post('/de/sign-in/two-factor', { code: right });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal(c.cookies.has('sid'), false);
  });

  test('a disabled account is refused at the second step too', async () => {
    const { id, c: setupClient } = await staff('off-2fa@example.org');
    const { secret } = await enrol(setupClient);
    await nextStep(id);
    const { c } = await passwordStep('off-2fa@example.org');
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, id));
    const res = await c.post('/de/sign-in/two-factor', { code: await codeNow(secret) });
    assert.equal(res.status, 403);
    assert.equal(c.cookies.has('sid'), false);
  });
});

describe('managing the second factor', () => {
  test('new recovery codes end the old ones; turning it off needs the password and a current code', async () => {
    const { id, c } = await staff('elif-2fa@example.org');
    const { secret, codes: oldCodes } = await enrol(c);

    await c.get('/de/account/two-factor');
    const wrongRenew = await c.post('/de/account/two-factor/recovery-codes', { regenerateCode: '12' });
    assert.equal(wrongRenew.status, 400);
    assert.ok(wrongRenew.html.querySelector('#f-regenerateCode-error'));
    await nextStep(id);
    const renewed = await c.post('/de/account/two-factor/recovery-codes', { regenerateCode: await codeNow(secret) });
    assert.equal(renewed.status, 200);
    const newCodes = renewed.html.querySelectorAll('.recovery-codes code').map((e) => e.text.trim());
    assert.equal(newCodes.length, 10);
    assert.ok(!newCodes.includes(oldCodes[0] as string));
    const stale = await passwordStep('elif-2fa@example.org');
    assert.equal(
      (await stale.c.post('/de/sign-in/two-factor', { recoveryCode: oldCodes[0] as string })).status,
      400,
      'an old recovery code no longer works',
    );

    await c.get('/de/account/two-factor');
    const wrongPassword = await c.post('/de/account/two-factor/disable', {
      disablePassword: 'not my password at all',
      disableCode: '123456',
    });
    assert.equal(wrongPassword.status, 400);
    assert.match(wrongPassword.html.querySelector('#f-disablePassword-error')?.text ?? '', /stimmt nicht/);
    const noCode = await c.post('/de/account/two-factor/disable', { disablePassword: PASSWORD, disableCode: '' });
    assert.equal(noCode.status, 400);
    assert.ok(noCode.html.querySelector('#f-disableCode-error'));
    assert.ok((await userRow(id))?.totpEnabledAt, 'still on');

    await nextStep(id);
    const off = await c.post('/de/account/two-factor/disable', {
      disablePassword: PASSWORD,
      disableCode: await codeNow(secret),
    });
    assert.equal(off.status, 303);
    const u = await userRow(id);
    assert.equal(u?.totpSecret, null);
    assert.equal(u?.totpEnabledAt, null);
    assert.equal((await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id))).length, 0);
    assert.equal((await lastMail('elif-2fa@example.org'))?.template, 'twoFactorDisabled');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.twoFactorDisabled'), eq(auditLog.subjectId, id)));
    assert.ok(audit);
    const plain = await client(t).signIn('elif-2fa@example.org');
    assert.equal(plain.location, '/de/', 'the password alone signs in again');
  });

  test('the pages exist in every language of the account area', async () => {
    const { c } = await staff('lang-2fa@example.org');
    for (const lang of ['en', 'tr', 'ar', 'uk', 'ru']) {
      const p = await c.get(`/${lang}/account/two-factor`);
      assert.equal(p.status, 200);
      assert.equal(p.html.querySelector('html')?.getAttribute('lang'), lang);
      assert.doesNotMatch(heading(p) ?? '', /Zwei-Faktor|twoFactor/);
    }
  });
});
