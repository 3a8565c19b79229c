// What people see when something is wrong: localized 404/403/413 pages, 400 forms with field
// errors tied to their controls, and never a 500 or a stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { accessibilityFeedback } from '../src/core/content/schema';
import { client, heading, makeUser, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp();
  await makeUser(t.db, 'pat@example.org', 'participant');
});
after(() => t.close());

describe('error pages', () => {
  test('404 is localized in every language', async () => {
    const expected: Record<string, string> = { de: 'Seite nicht gefunden', en: 'Page not found' };
    for (const [lang, title] of Object.entries(expected)) {
      const res = await client(t).get(`/${lang}/no-such-page`);
      assert.equal(res.status, 404);
      assert.equal(heading(res), title);
      assert.equal(res.html.querySelector('html')?.getAttribute('lang'), lang);
    }
    const ar = await client(t).get('/ar/no-such-page');
    assert.equal(ar.status, 404);
    assert.equal(ar.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    assert.notEqual(heading(ar), 'Seite nicht gefunden', 'Arabic page is not German');
  });

  test('403 for a signed-in person without the right, localized', async () => {
    const c = client(t);
    await c.signIn('pat@example.org', undefined, 'en');
    const res = await c.get('/en/admin/audit');
    assert.equal(res.status, 403);
    assert.equal(heading(res), 'Access denied');
    const de = await c.get('/de/admin');
    assert.equal(de.status, 403);
    assert.equal(heading(de), 'Kein Zugriff');
  });

  test('anonymous visitors of a protected page are sent to sign in', async () => {
    const res = await client(t).get('/de/admin');
    assert.equal(res.status, 303);
    assert.equal(res.location, '/de/sign-in?next=%2Fde%2Fadmin');
  });

  test('JSON clients get problem details, not HTML', async () => {
    const res = await client(t).get('/api/nothing', { accept: 'application/json' });
    assert.equal(res.status, 404);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(JSON.parse(res.body).status, 404);
  });
});

describe('bad form input', () => {
  test('is re-rendered with 400, an error summary linking to each field, and values kept', async () => {
    const c = client(t);
    const res = await c.submit(
      '/de/accessibility',
      { message: '', contactEmail: 'not-an-address', pageUrl: '/de/start' },
      '/de/accessibility/feedback',
    );
    assert.equal(res.status, 400);
    const summary = res.html.querySelector('.error-summary');
    assert.ok(summary, 'error summary at the top');
    assert.deepEqual(
      summary.querySelectorAll('a').map((a) => a.getAttribute('href')),
      ['#f-message', '#f-contactEmail'],
    );
    const email = res.html.querySelector('#f-contactEmail');
    assert.equal(email?.getAttribute('aria-invalid'), 'true');
    assert.match(email?.getAttribute('aria-describedby') ?? '', /f-contactEmail-error/);
    assert.match(res.html.querySelector('#f-contactEmail-error')?.text ?? '', /gültige E-Mail-Adresse/);
    assert.equal(email?.getAttribute('value'), 'not-an-address');
    assert.equal(res.html.querySelector('#f-pageUrl')?.getAttribute('value'), '/de/start');
    const rows = await t.db.select({ n: sql<number>`count(*)::int` }).from(accessibilityFeedback);
    assert.equal(rows[0]?.n, 0, 'nothing written');
  });

  test('valid feedback is stored and the person is thanked', async () => {
    const c = client(t);
    const res = await c.submit(
      '/de/accessibility',
      { message: 'Kontrast im Menü zu schwach', contactEmail: '' },
      '/de/accessibility/feedback',
    );
    assert.equal(res.status, 303);
    const page = await c.get(res.location!);
    assert.match(page.body, /Vielen Dank/);
    const rows = await t.db.select().from(accessibilityFeedback);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.contactEmail, null);
  });

  test('a 2 MB form body is refused with a localized 413 and nothing is written', async () => {
    const c = client(t);
    await c.get('/en/accessibility');
    const res = await c.post('/en/accessibility/feedback', { message: 'x'.repeat(2 * 1024 * 1024) });
    assert.equal(res.status, 413);
    assert.equal(heading(res), 'Too much data');
    assert.doesNotMatch(res.body, /at .*\.ts:\d+/, 'no stack trace');
    const rows = await t.db.select({ n: sql<number>`count(*)::int` }).from(accessibilityFeedback);
    assert.equal(rows[0]?.n, 1, 'still only the earlier feedback');
  });

  test('malformed bodies get 4xx pages, never 500', async () => {
    const c = client(t);
    await c.get('/de/sign-in');
    const json = await t.app.inject({
      method: 'POST',
      url: '/de/sign-in',
      payload: '{bad json',
      headers: { 'content-type': 'application/json' },
    });
    assert.ok(json.statusCode >= 400 && json.statusCode < 500, `got ${json.statusCode}`);
    const odd = await t.app.inject({
      method: 'POST',
      url: '/de/sign-in',
      payload: 'x',
      headers: { 'content-type': 'text/weird' },
    });
    assert.equal(odd.statusCode, 415);
    const arr = await c.post('/de/sign-in', { email: 'a@b.de' }, {});
    assert.equal(arr.status, 400);
  });
});

describe('security headers', () => {
  test('pages send a Content-Security-Policy without unsafe-inline and load nothing from other hosts', async () => {
    const res = await client(t).get('/de/');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const external = res.html
      .querySelectorAll('link[href], script[src], img[src]')
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? '')
      .filter((u) => /^(https?:)?\/\//.test(u));
    assert.deepEqual(external, []);
    assert.equal(res.html.querySelectorAll('[style]').length, 0, 'no inline styles');
    assert.equal(res.html.querySelectorAll('script:not([src])').length, 0, 'no inline scripts');
  });

  test('KERN UX styles and fonts are served locally', async () => {
    const c = client(t);
    assert.equal((await c.get('/assets/kern/kern.min.css')).status, 200);
    const fonts = await c.get('/assets/kern/fonts/fira-sans.css');
    assert.equal(fonts.status, 200);
    const font = fonts.body.match(/url\(["']?([^"')]+\.woff2)/)?.[1];
    assert.ok(font, 'the font stylesheet names a font file');
    assert.equal((await c.get(new URL(font, 'http://x/assets/kern/fonts/').pathname)).status, 200);
  });
});
