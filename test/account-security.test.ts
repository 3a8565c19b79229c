// What every person manages about their own account: the password (with the current one), the
// e-mail address (confirmed through a link to the new one, a notice to the old one), the list of
// their sessions with a way to end one, the others or all, and for staff the second factor's state.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { HTMLElement } from 'node-html-parser';
import { auditLog } from '../src/core/audit/schema';
import { sessions, users, userTokens } from '../src/core/auth/schema';
import { createSession, deviceLabel } from '../src/core/auth/sessions';
import { outbox } from '../src/core/mail/schema';
import { client, heading, makeUser, PASSWORD, type Page, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp({ limits: { signInPerAccount: 4, signInPerIp: 10_000, resetPerIp: 10_000 } });
});
after(() => t.close());

const NEW_PASSWORD = 'a longer sentence for the new password';
const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

const mailsTo = (to: string) => t.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt));
const linkIn = (text: string, path: string) => {
  const m = text.match(new RegExp(`http://localhost:3000(/[a-z]{2}/${path}/[^\\s]+)`));
  assert.ok(m, `no ${path} link in mail: ${text}`);
  return m[1] as string;
};
const fieldError = (p: Page, name: string) => p.html.querySelector(`#f-${name}-error`)?.text.trim() ?? '';
const signedIn = async (c: ReturnType<typeof client>) => (await c.get('/de/account')).status === 200;
const sessionForms = (p: Page) =>
  p.html
    .querySelectorAll('form')
    .map((f) => f.getAttribute('action') ?? '')
    .filter((a) => /\/sessions\/[^/]+\/sign-out$/.test(a));

describe('device labels on sessions', () => {
  test('only browser and system names are kept, never the user agent or a version', async () => {
    assert.equal(deviceLabel(FIREFOX_ANDROID), 'Firefox · Android');
    assert.equal(deviceLabel(SAFARI_IPHONE), 'Safari · iOS');
    assert.equal(deviceLabel('Tracker-9f3a2b1c/1.0 (host.internal)'), '', 'unknown clients are not echoed');
    assert.equal(deviceLabel(undefined), '');
    assert.equal(deviceLabel(''), '');
    const id = await makeUser(t.db, 'label@example.org');
    await createSession(t.db, id, FIREFOX_ANDROID);
    await createSession(t.db, id);
    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, id));
    assert.deepEqual(rows.map((r) => r.deviceLabel).sort(), ['', 'Firefox · Android']);
  });
});

describe('changing the password', () => {
  test('a wrong current password is refused at its field, nothing changes', async () => {
    await makeUser(t.db, 'wrong-current@example.org');
    const c = client(t);
    await c.signIn('wrong-current@example.org');
    const page = await c.get('/de/account/security');
    assert.equal(page.status, 200);
    const res = await c.post('/de/account/security/password', {
      currentPassword: 'not my password at all',
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    assert.equal(res.status, 400);
    assert.match(fieldError(res, 'currentPassword'), /Passwort stimmt nicht/);
    assert.equal((await client(t).signIn('wrong-current@example.org', NEW_PASSWORD)).status, 400);
    assert.equal((await client(t).signIn('wrong-current@example.org')).status, 303, 'the old password still works');
  });

  test('a short or mistyped new password is refused at its field', async () => {
    await makeUser(t.db, 'short@example.org');
    const c = client(t);
    await c.signIn('short@example.org');
    await c.get('/de/account/security');
    const short = await c.post('/de/account/security/password', {
      currentPassword: PASSWORD,
      password: 'too short',
      passwordConfirm: 'too short',
    });
    assert.equal(short.status, 400);
    assert.match(fieldError(short, 'password'), /mindestens 12 Zeichen/);
    const mismatch = await c.post('/de/account/security/password', {
      currentPassword: PASSWORD,
      password: NEW_PASSWORD,
      passwordConfirm: `${NEW_PASSWORD}!`,
    });
    assert.equal(mismatch.status, 400);
    assert.match(fieldError(mismatch, 'passwordConfirm'), /stimmen nicht überein/);
    const empty = await c.post('/de/account/security/password', {
      currentPassword: '',
      password: '',
      passwordConfirm: '',
    });
    assert.equal(empty.status, 400);
    assert.ok(fieldError(empty, 'currentPassword'));
  });

  test('with the current password: changed, other sessions end, this one stays, the owner gets a mail', async () => {
    const id = await makeUser(t.db, 'mara@example.org', undefined, { language: 'en' });
    const phone = client(t);
    await phone.signIn('mara@example.org');
    const laptop = client(t);
    await laptop.signIn('mara@example.org');
    await laptop.get('/de/account/security');
    const res = await laptop.post('/de/account/security/password', {
      currentPassword: PASSWORD,
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    assert.equal(res.status, 303);
    const after = await laptop.get(res.location!);
    assert.match(after.body, /Ihr Passwort ist geändert/);
    assert.ok(await signedIn(laptop), 'the session in use stays');
    assert.equal(await signedIn(phone), false, 'the other device is signed out');
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 1);

    const [mail] = await mailsTo('mara@example.org');
    assert.equal(mail?.template, 'securityPasswordChanged');
    assert.equal(mail?.language, 'en', 'in the language of the account');
    assert.match(mail?.text ?? '', /password of your account has just been changed/);
    assert.match(mail?.text ?? '', /http:\/\/localhost:3000\/en\/password-reset/);

    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.passwordChanged'), eq(auditLog.subjectId, id)));
    assert.equal(entry?.actorId, id);
    assert.equal((await client(t).signIn('mara@example.org')).status, 400, 'the old password no longer works');
    assert.equal((await client(t).signIn('mara@example.org', NEW_PASSWORD)).status, 303);
  });

  test('guessing the current password is rate-limited', async () => {
    await makeUser(t.db, 'guess@example.org');
    const c = client(t);
    await c.signIn('guess@example.org');
    await c.get('/de/account/security');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await c.post('/de/account/security/password', {
            currentPassword: `guess number ${i}`,
            password: NEW_PASSWORD,
            passwordConfirm: NEW_PASSWORD,
          })
        ).status,
      );
    assert.deepEqual(statuses, [400, 400, 400, 400, 429]);
    const right = await c.post('/de/account/security/password', {
      currentPassword: PASSWORD,
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    assert.equal(right.status, 429, 'not even the right one gets through while limited');
  });

  test('only wrong passwords count: one typo, a change of password and of address, and more, are not refused', async () => {
    // the limit is 4; a person who knows their password does six things on this page in a row
    await makeUser(t.db, 'busy@example.org');
    const c = client(t);
    await c.signIn('busy@example.org');
    await c.get('/de/account/security');
    const statuses: number[] = [];
    const change = async (current: string, next: string) =>
      (
        await c.post('/de/account/security/password', {
          currentPassword: current,
          password: next,
          passwordConfirm: next,
        })
      ).status;
    statuses.push(await change('a typo in it', NEW_PASSWORD));
    statuses.push(await change(PASSWORD, NEW_PASSWORD));
    statuses.push(await change(NEW_PASSWORD, PASSWORD));
    for (const to of ['busy@example.org', 'busy.first@example.org', 'busy.second@example.org'])
      statuses.push((await c.post('/de/account/security/email', { newEmail: to, emailPassword: PASSWORD })).status);
    assert.deepEqual(statuses, [400, 303, 303, 400, 303, 303]);
  });
});

describe('changing the e-mail address', () => {
  async function requestChange(from: string, to: string) {
    const c = client(t);
    await c.signIn(from);
    await c.get('/de/account/security');
    const res = await c.post('/de/account/security/email', { newEmail: to, emailPassword: PASSWORD });
    return { c, res };
  }

  test('a wrong password is refused at its field and nothing is sent', async () => {
    await makeUser(t.db, 'nadia@example.org');
    const c = client(t);
    await c.signIn('nadia@example.org');
    await c.get('/de/account/security');
    const res = await c.post('/de/account/security/email', {
      newEmail: 'nadia@new.example',
      emailPassword: 'not my password at all',
    });
    assert.equal(res.status, 400);
    assert.match(fieldError(res, 'emailPassword'), /Passwort stimmt nicht/);
    assert.equal(res.html.querySelector('#f-newEmail')?.getAttribute('value'), 'nadia@new.example');
    const bad = await c.post('/de/account/security/email', { newEmail: 'not an address', emailPassword: PASSWORD });
    assert.equal(bad.status, 400);
    assert.ok(fieldError(bad, 'newEmail'));
    const same = await c.post('/de/account/security/email', { newEmail: 'Nadia@Example.org', emailPassword: PASSWORD });
    assert.equal(same.status, 400);
    assert.match(fieldError(same, 'newEmail'), /bereits Ihre E-Mail-Adresse/);
    assert.equal((await mailsTo('nadia@new.example')).length, 0);
  });

  test('the link goes to the new address, a notice to the old one; confirming changes it, once', async () => {
    const id = await makeUser(t.db, 'jonas@old.example');
    const { c, res } = await requestChange('jonas@old.example', 'Jonas@New.example');
    assert.equal(res.status, 303);
    assert.match((await c.get(res.location!)).body, /Wir haben einen Link an die neue Adresse geschickt/);
    assert.equal((await t.db.select().from(users).where(eq(users.id, id)))[0]?.email, 'jonas@old.example');

    const [confirm] = await mailsTo('jonas@new.example');
    assert.equal(confirm?.template, 'securityEmailChange');
    const [notice] = await mailsTo('jonas@old.example');
    assert.equal(notice?.template, 'securityEmailChangeNotice');
    assert.match(notice?.text ?? '', /jonas@new\.example/);
    assert.match(notice?.text ?? '', /\/de\/cancel-email-change\//, 'the notice says how to stop it');
    assert.doesNotMatch(notice?.text ?? '', /confirm-email-change/, 'the old address cannot confirm');

    const link = linkIn(confirm?.text ?? '', 'confirm-email-change');
    const other = client(t); // opened on another device, not signed in
    const page = await other.get(link);
    assert.equal(page.status, 200);
    assert.match(page.body, /jonas@new\.example/);
    assert.equal((await t.db.select().from(users).where(eq(users.id, id)))[0]?.email, 'jonas@old.example');
    const done = await other.post(link);
    assert.equal(done.status, 200);
    assert.equal(heading(done), 'Ihre E-Mail-Adresse ist geändert');
    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    assert.equal(row?.email, 'jonas@new.example');
    assert.ok(row?.emailConfirmedAt);

    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.emailChanged'), eq(auditLog.subjectId, id)));
    assert.deepEqual(entry?.before, { email: 'jonas@old.example' });
    assert.deepEqual(entry?.after, { email: 'jonas@new.example' });

    assert.equal((await other.get(link)).status, 404, 'the link is used up');
    assert.equal((await other.post(link)).status, 404);
    assert.equal((await client(t).signIn('jonas@new.example')).status, 303, 'signs in with the new address');
    assert.equal((await client(t).signIn('jonas@old.example')).status, 400);
  });

  test('an expired link changes nothing', async () => {
    const id = await makeUser(t.db, 'expired@old.example');
    await requestChange('expired@old.example', 'expired@new.example');
    const [confirm] = await mailsTo('expired@new.example');
    const link = linkIn(confirm?.text ?? '', 'confirm-email-change');
    // 24 hours later
    await t.db
      .update(userTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(and(eq(userTokens.userId, id), eq(userTokens.purpose, 'emailChange')));
    const c = client(t);
    assert.equal((await c.get(link)).status, 404);
    await c.get('/de/sign-in');
    const res = await c.post(link);
    assert.equal(res.status, 404);
    assert.match(heading(res) ?? '', /Link ungültig/);
    assert.equal((await t.db.select().from(users).where(eq(users.id, id)))[0]?.email, 'expired@old.example');
  });

  test('an address another account has gets the same answer; its holder is told without a name or a link', async () => {
    const id = await makeUser(t.db, 'petra@example.org');
    await t.db.update(users).set({ name: 'Petra Sommer' }).where(eq(users.id, id));
    const owner = await makeUser(t.db, 'taken@example.org');
    await makeUser(t.db, 'free-check@example.org');
    const taken = await requestChange('petra@example.org', 'taken@example.org');
    const free = await requestChange('free-check@example.org', 'nobody-has-this@example.org');
    assert.equal(taken.res.status, free.res.status);
    assert.equal(taken.res.location, free.res.location);
    assert.equal(
      heading(await taken.c.get(taken.res.location!)),
      heading(await free.c.get(free.res.location!)),
      'the same page either way',
    );
    const [oldNotice] = await mailsTo('petra@example.org');
    assert.equal(oldNotice?.template, 'securityEmailChangeNotice', 'the old address hears the same either way');

    const toHolder = await mailsTo('taken@example.org');
    assert.equal(toHolder.length, 1);
    assert.equal(toHolder[0]?.template, 'securityEmailInUse');
    assert.doesNotMatch(toHolder[0]?.text ?? '', /Petra|petra@example\.org/, 'the holder never learns who asked');
    assert.doesNotMatch(toHolder[0]?.text ?? '', /confirm-email-change/, 'nothing to confirm');
    assert.equal((await t.db.select().from(users).where(eq(users.id, owner)))[0]?.email, 'taken@example.org');
  });

  test('an address taken between request and confirmation is refused then, and nothing changes', async () => {
    const id = await makeUser(t.db, 'late@example.org');
    await requestChange('late@example.org', 'soon-taken@example.org');
    const [confirm] = await mailsTo('soon-taken@example.org');
    assert.equal(confirm?.template, 'securityEmailChange');
    const owner = await makeUser(t.db, 'soon-taken@example.org');
    const c = client(t);
    await c.get(linkIn(confirm?.text ?? '', 'confirm-email-change'));
    const res = await c.post(linkIn(confirm?.text ?? '', 'confirm-email-change'));
    assert.equal(res.status, 409);
    assert.match(res.body, /bereits ein anderes Konto/, 'the person is told then');
    assert.equal((await t.db.select().from(users).where(eq(users.id, id)))[0]?.email, 'late@example.org');
    assert.equal((await t.db.select().from(users).where(eq(users.id, owner)))[0]?.email, 'soon-taken@example.org');
    assert.equal(
      (
        await t.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'user.emailChanged'), eq(auditLog.subjectId, id)))
      ).length,
      0,
    );
  });

  test('the link in the notice to the old address stops the change', async () => {
    const id = await makeUser(t.db, 'stop@old.example');
    await requestChange('stop@old.example', 'stop@attacker.example');
    const [notice] = await mailsTo('stop@old.example');
    const cancel = linkIn(notice?.text ?? '', 'cancel-email-change');
    const c = client(t);
    assert.equal((await c.get(cancel)).status, 200);
    const res = await c.post(cancel);
    assert.equal(res.status, 200);
    assert.equal(heading(res), 'Die Änderung ist abgebrochen');
    const [confirm] = await mailsTo('stop@attacker.example');
    const link = linkIn(confirm?.text ?? '', 'confirm-email-change');
    assert.equal((await c.get(link)).status, 404);
    assert.equal((await c.post(link)).status, 404);
    assert.equal((await t.db.select().from(users).where(eq(users.id, id)))[0]?.email, 'stop@old.example');
    assert.equal((await c.post(cancel)).status, 404, 'the stop link works once');
  });

  test('a newer request replaces the link of an older one', async () => {
    const id = await makeUser(t.db, 'twice@old.example');
    const { c } = await requestChange('twice@old.example', 'twice@first.example');
    await c.get('/de/account/security');
    await c.post('/de/account/security/email', { newEmail: 'twice@second.example', emailPassword: PASSWORD });
    const [first] = await mailsTo('twice@first.example');
    const firstLink = linkIn(first?.text ?? '', 'confirm-email-change');
    assert.equal((await c.get(firstLink)).status, 404);
    const [second] = await mailsTo('twice@second.example');
    const link = linkIn(second?.text ?? '', 'confirm-email-change');
    await c.get(link);
    assert.equal((await c.post(link)).status, 200);
    assert.equal((await t.db.select().from(users).where(eq(users.id, id)))[0]?.email, 'twice@second.example');
  });
});

describe('active sessions', () => {
  test('on a phone the list stacks and each date says what it is, so “Abmelden” is not pushed off the screen', async () => {
    await makeUser(t.db, 'phone-list@example.org');
    const c = client(t);
    await c.signIn('phone-list@example.org');
    const page = await c.get('/de/account/security');
    const table = page.html.querySelector('.stacked-table table');
    assert.ok(table, 'the sessions table is a stacking table');
    const row = table.querySelector('tbody tr');
    const labels = row?.querySelectorAll('td .stacked-label') ?? [];
    assert.deepEqual(
      labels.map((l) => l.text.trim()),
      ['Angemeldet seit:', 'Zuletzt aktiv:'],
    );
    for (const l of labels)
      assert.equal(l.getAttribute('aria-hidden'), 'true', 'screen readers have the column header');
    const css = (await c.get('/assets/app.css')).body;
    const narrow = css.slice(css.indexOf('@media (max-width: 36em)'));
    assert.match(narrow, /\.stacked-table table[^{]*\{ display: block; \}/, 'rows stack on a narrow screen');
    assert.match(narrow, /\.stacked-table \.stacked-label \{ display: inline;/, 'the labels show there');
    assert.match(css, /^\.stacked-label \{ display: none; \}/m, 'and nowhere else');
  });

  test('the list shows only this person’s live sessions, this device marked, dates in the reader’s format', async () => {
    const id = await makeUser(t.db, 'list@example.org');
    const other = await makeUser(t.db, 'someone-else@example.org');
    await createSession(
      t.db,
      other,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 OPR/110.0',
    );
    await createSession(t.db, id, SAFARI_IPHONE);
    // an expired session of this person is not listed
    await t.db.insert(sessions).values({
      id: 'expired-session-of-list',
      userId: id,
      deviceLabel: 'Firefox · Linux',
      expiresAt: new Date(Date.now() - 1000),
    });
    const c = client(t);
    await c.signIn('list@example.org');
    const page = await c.get('/de/account/security');
    const rows = page.html.querySelectorAll('table tbody tr');
    assert.equal(rows.length, 2, 'the phone and this browser');
    assert.match(page.body, /Safari · iOS/);
    assert.doesNotMatch(page.body, /Opera/, 'another person’s session is not listed');
    assert.doesNotMatch(page.body, /Firefox · Linux/, 'an expired session is not listed');
    assert.equal(rows.filter((r) => /dieses Gerät/.test(r.text)).length, 1);
    assert.equal(sessionForms(page).length, 2);
    // the date as a screen reader hears it: without the label that only a phone shows
    const dateOf = (d: HTMLElement) => d.text.replace(d.querySelector('.stacked-label')?.text ?? '', '').trim();
    const cells = rows.flatMap((r) => r.querySelectorAll('td').slice(0, 2).map(dateOf));
    for (const cell of cells) {
      assert.match(cell, /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/, `German date and time: ${cell}`);
    }
    const en = await c.get('/en/account/security');
    assert.doesNotMatch(en.html.querySelector('table tbody td')?.text ?? '', /\d{4}-\d{2}-\d{2}/, 'never ISO');
  });

  test('signing out one session ends only that one; another person’s session is not found', async () => {
    await makeUser(t.db, 'one@example.org');
    await makeUser(t.db, 'bystander@example.org');
    const phone = client(t);
    await phone.signIn('one@example.org');
    const laptop = client(t);
    await laptop.signIn('one@example.org');
    const tablet = client(t);
    await tablet.signIn('one@example.org');
    const bystander = client(t);
    await bystander.signIn('bystander@example.org');
    const theirs = sessionForms(await bystander.get('/de/account/security'));
    assert.equal(theirs.length, 1);

    const page = await laptop.get('/de/account/security');
    const foreign = await laptop.post(theirs[0]!);
    assert.equal(foreign.status, 404, 'another person’s session id is not found');
    assert.ok(await signedIn(bystander), 'and that person stays signed in');
    assert.equal((await laptop.post('/de/account/security/sessions/not-a-handle/sign-out')).status, 404);

    assert.equal(sessionForms(page).length, 3, 'phone, laptop and tablet');
    // the phone's own page names its session as "this device"
    const phoneRow = (await phone.get('/de/account/security')).html
      .querySelectorAll('table tbody tr')
      .find((r) => /dieses Gerät/.test(r.text));
    const phoneAction = phoneRow?.querySelector('form')?.getAttribute('action');
    assert.ok(phoneAction && sessionForms(page).includes(phoneAction), 'the laptop lists the phone');
    await laptop.get('/de/account/security');
    const res = await laptop.post(phoneAction);
    assert.equal(res.status, 303);
    assert.match((await laptop.get(res.location!)).body, /Das Gerät ist abgemeldet/);
    assert.equal(await signedIn(phone), false, 'the phone is signed out');
    assert.ok(await signedIn(laptop), 'this device stays');
    assert.ok(await signedIn(tablet), 'the tablet stays');
  });

  test('“sign out everywhere else” keeps this device only', async () => {
    const id = await makeUser(t.db, 'others@example.org');
    const a = client(t);
    await a.signIn('others@example.org');
    const b = client(t);
    await b.signIn('others@example.org');
    const here = client(t);
    await here.signIn('others@example.org');
    await here.get('/de/account/security');
    const res = await here.post('/de/account/security/sessions/sign-out-others');
    assert.equal(res.status, 303);
    assert.match((await here.get(res.location!)).body, /auf allen anderen Geräten abgemeldet/);
    assert.equal(await signedIn(a), false);
    assert.equal(await signedIn(b), false);
    assert.ok(await signedIn(here));
    const page = await here.get('/de/account/security');
    assert.equal(page.html.querySelectorAll('table tbody tr').length, 1);
    assert.ok(
      !page.html.querySelector('form[action="/de/account/security/sessions/sign-out-others"]'),
      'with no other session the button is not offered',
    );
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 1);
  });

  test('“sign out everywhere” ends every session, this one too', async () => {
    const id = await makeUser(t.db, 'everywhere@example.org');
    const a = client(t);
    await a.signIn('everywhere@example.org');
    const here = client(t);
    await here.signIn('everywhere@example.org');
    await here.get('/de/account/security');
    const res = await here.post('/de/account/security/sessions/sign-out-all');
    assert.equal(res.status, 303);
    assert.match(res.location ?? '', /\/de\/sign-in\?notice=signedOut/);
    assert.equal(await signedIn(a), false);
    assert.equal(await signedIn(here), false);
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 0);
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.signedOutEverywhere'), eq(auditLog.subjectId, id)));
    assert.ok(entry);
  });

  test('the forms need the page’s CSRF token', async () => {
    await makeUser(t.db, 'csrf@example.org');
    const a = client(t);
    await a.signIn('csrf@example.org');
    const b = client(t);
    await b.signIn('csrf@example.org');
    await a.get('/de/account/security');
    assert.equal((await a.post('/de/account/security/sessions/sign-out-others', { _csrf: null })).status, 403);
    assert.ok(await signedIn(b));
  });
});

describe('the security page', () => {
  test('is linked from the account page, needs signing in, and exists in all six languages', async () => {
    await makeUser(t.db, 'langs@example.org');
    assert.match((await client(t).get('/de/account/security')).location ?? '', /\/de\/sign-in\?next=/);
    const c = client(t);
    await c.signIn('langs@example.org');
    const account = await c.get('/de/account');
    assert.ok(account.html.querySelector('a[href="/de/account/security"]'));
    assert.match(account.body, /Sicherheit/);
    const titles: Record<string, string> = {
      de: 'Sicherheit',
      en: 'Security',
      tr: 'Güvenlik',
      ar: 'الأمان',
      uk: 'Безпека',
      ru: 'Безопасность',
    };
    for (const [lang, title] of Object.entries(titles)) {
      const page = await c.get(`/${lang}/account/security`);
      assert.equal(page.status, 200, lang);
      assert.equal(heading(page), title);
      assert.equal(page.html.querySelector('html')?.getAttribute('lang'), lang);
    }
  });

  test('staff see the second factor’s state and a link to set it up; others do not', async () => {
    const id = await makeUser(t.db, 'officer@example.org', 'programmeOfficer');
    await makeUser(t.db, 'participant@example.org', 'participant');
    const officer = client(t);
    await officer.signIn('officer@example.org');
    const off = await officer.get('/de/account/security');
    assert.match(off.body, /Zwei-Faktor-Anmeldung/);
    assert.equal(off.html.querySelector('#two-factor-state')?.text.trim(), 'Ausgeschaltet.');
    assert.ok(off.html.querySelector('a[href="/de/account/two-factor"]'));
    await t.db
      .update(users)
      .set({ totpEnabledAt: new Date('2026-03-02T09:30:00Z') })
      .where(eq(users.id, id));
    const on = await officer.get('/de/account/security');
    assert.equal(on.html.querySelector('#two-factor-state')?.text.trim(), 'Eingeschaltet seit 02.03.2026, 10:30.');

    const participant = client(t);
    await participant.signIn('participant@example.org');
    const page = await participant.get('/de/account/security');
    assert.doesNotMatch(page.body, /Zwei-Faktor/);
    assert.ok(!page.html.querySelector('a[href="/de/account/two-factor"]'));
  });
});
