// What a tester on a 360 px phone in Arabic, Ukrainian and German found on the account pages: the
// demo accounts after setup keep their passwords on the screen, the footer's Leichte Sprache link
// reads as one entry, the signed-in address is isolated in right-to-left text, and a failed
// password change names every mistake at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HTMLElement } from 'node-html-parser';
import { setupLinkIfNeeded } from '../src/core/db/setup-link';
import { client, heading, makeUser, PASSWORD, type Page, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp({ limits: { signInPerAccount: 3, signInPerIp: 10_000, resetPerIp: 10_000 } });
});
after(() => t.close());

const NEW_PASSWORD = 'a longer sentence for the new password';
const fieldError = (p: Page, name: string) => p.html.querySelector(`#f-${name}-error`)?.text.trim() ?? '';

describe('the demo accounts after setup', () => {
  test('each account shows address and password with what they are, so a phone can stack them', async () => {
    const link = await setupLinkIfNeeded(t.db, t.config);
    assert.ok(link);
    const c = client(t);
    await c.get(link.replace('http://localhost:3000', ''));
    const done = await c.post('/de/setup', {
      token: new URL(link).searchParams.get('token') ?? '',
      name: 'Ada Admin',
      email: 'ada@example.org',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      demo: 'on',
    });
    assert.equal(done.status, 200);
    assert.equal(heading(done), 'Die Plattform ist eingerichtet');
    const table = done.html.querySelector('main .stacked-table table');
    assert.ok(table, 'the demo accounts are a table that stacks on a narrow screen');
    assert.deepEqual(
      table.querySelectorAll('thead th').map((h) => h.text.trim()),
      ['Rolle', 'E-Mail-Adresse', 'Passwort'],
      'screen readers keep the column headers',
    );
    const rows = table.querySelectorAll('tbody tr');
    assert.ok(rows.length >= 2);
    for (const row of rows) {
      const [email, password] = row.querySelectorAll('td');
      assert.ok(email && password);
      // the label a phone shows instead of the hidden header, not read twice by a screen reader
      for (const [cell, label] of [
        [email, 'E-Mail-Adresse:'],
        [password, 'Passwort:'],
      ] as const) {
        const shown = cell.querySelector('.stacked-label');
        assert.equal(shown?.text.trim(), label);
        assert.equal(shown?.getAttribute('aria-hidden'), 'true');
      }
      const address = email.querySelector('[dir="ltr"]')?.text ?? '';
      assert.match(address, /^[a-z.-]+@demo\.example$/, 'the address reads left to right, even in Arabic');
      assert.match(password.querySelector('code[dir="ltr"]')?.text ?? '', /^demo-\S{8}$/);
      // the browser suite's readDemoAccounts reads the value beside the label
      assert.deepEqual(
        email.childNodes.filter((n) => n.nodeType === 1).map((n) => n.text.trim()),
        ['E-Mail-Adresse:', address],
      );
    }
    const css = (await c.get('/assets/app.css')).body;
    const narrow = css.slice(css.indexOf('@media (max-width: 36em)'));
    assert.match(narrow, /\.stacked-table tr[,\s][^{]*\{ display: block; \}/, 'rows stack on a phone');
  });
});

describe('the footer', () => {
  test('“Leichte Sprache” and its note in the reader’s language are one piece of the link', async () => {
    const page = await client(t).get('/ar/accessibility');
    const link = page.html.querySelector('footer a[href="/de/easy-language"]');
    assert.ok(link);
    // KERN's link is a flex row: every child element is a column of its own
    const parts = link.childNodes.filter((n) => n.nodeType === 1 || n.text.trim() !== '');
    assert.equal(parts.length, 2, 'the icon and one text');
    const text = parts[1] as HTMLElement | undefined;
    assert.ok(text?.nodeType === 1);
    assert.match(text.text, /^Leichte Sprache \(.+\)$/);
    assert.equal(text.querySelector('[lang="de"]')?.text, 'Leichte Sprache');
    assert.ok(text.querySelector('.easy-language-note'));
  });
});

describe('the account page', () => {
  test('the signed-in address is isolated, so it reads right in an Arabic sentence', async () => {
    await makeUser(t.db, 'leila.haddad@example.org', undefined, { language: 'ar' });
    const c = client(t);
    await c.signIn('leila.haddad@example.org', PASSWORD, 'ar');
    const page = await c.get('/ar/account');
    assert.equal(page.status, 200);
    const line = page.html.querySelectorAll('main p').find((p) => p.text.includes('leila.haddad@example.org'));
    assert.ok(line);
    assert.ok(line.text.includes('\u2068leila.haddad@example.org\u2069'), `isolated: ${JSON.stringify(line.text)}`);
  });
});

describe('changing the password', () => {
  test('a wrong current password and a mismatched repeat are both reported at once', async () => {
    await makeUser(t.db, 'two-mistakes@example.org');
    const c = client(t);
    await c.signIn('two-mistakes@example.org');
    await c.get('/de/account/security');
    const res = await c.post('/de/account/security/password', {
      currentPassword: 'not my password at all',
      password: NEW_PASSWORD,
      passwordConfirm: `${NEW_PASSWORD}!`,
    });
    assert.equal(res.status, 400);
    assert.match(fieldError(res, 'currentPassword'), /Passwort stimmt nicht/);
    assert.match(fieldError(res, 'passwordConfirm'), /stimmen nicht überein/);
    const summary = res.html.querySelectorAll('.error-summary li').map((l) => l.text.trim());
    assert.equal(summary.length, 2, `both in the summary: ${summary.join(' | ')}`);

    const short = await c.post('/de/account/security/password', {
      currentPassword: 'still not my password',
      password: 'too short',
      passwordConfirm: 'too short',
    });
    assert.match(fieldError(short, 'currentPassword'), /Passwort stimmt nicht/);
    assert.match(fieldError(short, 'password'), /mindestens 12 Zeichen/);
    assert.equal((await client(t).signIn('two-mistakes@example.org')).status, 303, 'the password is unchanged');
  });

  test('the right current password with a mismatched repeat shows only the mismatch and does not count', async () => {
    await makeUser(t.db, 'one-mistake@example.org');
    const c = client(t);
    await c.signIn('one-mistake@example.org');
    await c.get('/de/account/security');
    for (let i = 0; i < 4; i++) {
      const res = await c.post('/de/account/security/password', {
        currentPassword: PASSWORD,
        password: NEW_PASSWORD,
        passwordConfirm: `${NEW_PASSWORD}!`,
      });
      assert.equal(res.status, 400, 'never “too many attempts” for the right password');
      assert.equal(fieldError(res, 'currentPassword'), '');
      assert.match(fieldError(res, 'passwordConfirm'), /stimmen nicht überein/);
    }
  });

  test('wrong current passwords beside other mistakes count toward the limit', async () => {
    await makeUser(t.db, 'guesser@example.org');
    const c = client(t);
    await c.signIn('guesser@example.org');
    await c.get('/de/account/security');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await c.post('/de/account/security/password', {
        currentPassword: `guess number ${i}`,
        password: NEW_PASSWORD,
        passwordConfirm: 'something else',
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [400, 400, 400, 429], 'a mismatched repeat does not open unlimited guessing');
  });
});
