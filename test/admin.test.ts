// Administrators browse the audit log, read the outbox and edit the legally required texts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runDueJobs } from '../src/core/jobs/jobs';
import { sendMail } from '../src/core/mail/mail';
import { client, heading, makeUser, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp();
  await makeUser(t.db, 'admin@example.org', 'admin');
  await makeUser(t.db, 'carla@example.org', 'carrierStaff', { scopeKind: 'organisation', scopeId: 'org-1' });
});
after(() => t.close());

describe('audit log', () => {
  test('records sign-ins and lets administrators filter by action, person and date', async () => {
    await client(t).signIn('carla@example.org');
    const admin = client(t);
    await admin.signIn('admin@example.org');

    const all = await admin.get('/de/admin/audit');
    assert.equal(all.status, 200);
    const actions = all.html.querySelectorAll('tbody tr td code').map((c) => c.text);
    assert.ok(actions.includes('auth.signedIn'));
    assert.ok(actions.includes('user.created'));

    const filtered = await admin.get('/de/admin/audit?action=auth.&actor=carla');
    const rows = filtered.html.querySelectorAll('tbody tr');
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.text ?? '', /carla@example.org/);
    assert.match(rows[0]?.text ?? '', /auth\.signedIn/);

    const today = new Date().toISOString().slice(0, 10);
    const future = await admin.get('/de/admin/audit?from=2999-01-01');
    assert.match(future.body, /Keine Einträge gefunden/);
    const todays = await admin.get(`/de/admin/audit?from=${today}&until=${today}&action=auth.signedIn`);
    assert.equal(todays.html.querySelectorAll('tbody tr').length, 2);

    const bad = await admin.get('/de/admin/audit?from=31.02.2026');
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-from-error'));
  });

  test('staff pages exist in German and English; in other languages they say so and link to both', async () => {
    const admin = client(t);
    await admin.signIn('admin@example.org');
    const ar = await admin.get('/ar/admin/audit?action=auth.');
    assert.equal(ar.status, 200);
    assert.equal(heading(ar), 'بالألمانية والإنجليزية فقط');
    const english = ar.html.querySelector('main a[hreflang="en"]')?.getAttribute('href');
    assert.equal(english, '/en/admin/audit?action=auth.');
    const en = await admin.get(english!);
    assert.equal(en.html.querySelector('html')?.getAttribute('lang'), 'en');
    assert.equal(heading(en), 'Audit log');
  });

  test('is closed to everybody but administrators', async () => {
    const carla = client(t);
    await carla.signIn('carla@example.org');
    for (const url of [
      '/de/admin',
      '/de/admin/audit',
      '/de/admin/outbox',
      '/de/admin/content',
      '/de/admin/content/imprint/de',
    ]) {
      assert.equal((await carla.get(url)).status, 403, url);
    }
    const admin = client(t);
    await admin.signIn('admin@example.org');
    await admin.get('/de/admin');
    assert.equal(
      (await carla.post('/de/admin/content/imprint/de', { title: 'X', body: 'Y', _csrf: admin.lastToken ?? '' }))
        .status,
      403,
    );
  });
});

describe('outbox', () => {
  test('shows mail that could not be sent because no SMTP server is configured', async () => {
    await client(t).submit('/en/password-reset', { email: 'carla@example.org' });
    // the reset mail is written by its job, as the worker does a moment later
    await runDueJobs(t.deps);
    const admin = client(t);
    await admin.signIn('admin@example.org');
    const list = await admin.get('/de/admin/outbox');
    const link = list.html
      .querySelectorAll('tbody a')
      .find((a) => a.text.includes('Neues Passwort') || a.text.includes('New password'));
    assert.ok(link, 'the reset mail is listed');
    assert.match(list.body, /Nicht verschickt \(kein SMTP\)/);
    const mail = await admin.get(link.getAttribute('href')!);
    assert.equal(mail.status, 200);
    assert.match(mail.html.querySelector('pre.mail-body')?.text ?? '', /\/en\/password-reset\//);
    assert.equal((await admin.get('/de/admin/outbox/not-a-uuid')).status, 404);
    assert.equal((await admin.get('/de/admin/outbox/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  test("lists a mail's attachments with type and size, and downloads each as it was sent", async () => {
    const content = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Elterncafé\r\nEND:VCALENDAR\r\n';
    const id = await sendMail(t.db, t.deps.config, {
      to: 'lea@example.org',
      template: 'activities:mail.confirmed',
      language: 'de',
      attachments: [{ filename: 'seminar.ics', contentType: 'text/calendar; charset=utf-8', content }],
      vars: { name: 'Lea', seminar: 'Elterncafé', start: '', place: '', sessions: 1, link: '' },
    });
    const admin = client(t);
    await admin.signIn('admin@example.org');
    const mail = await admin.get(`/de/admin/outbox/${id}`);
    const table = mail.html.querySelectorAll('main table').find((x) => x.querySelector('caption')?.text === 'Anhänge');
    assert.ok(table, 'a table of the attachments');
    const cells = table.querySelectorAll('tbody tr th, tbody tr td').map((c) => c.text.trim());
    assert.deepEqual(cells, ['seminar.ics', 'text/calendar; charset=utf-8', `${Buffer.byteLength(content)} Byte`]);
    const file = await admin.get(table.querySelector('a')!.getAttribute('href')!);
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="seminar\.ics"/);
    assert.equal(file.body, content);
    assert.equal((await admin.get(`/de/admin/outbox/${id}/attachments/1`)).status, 404);
    assert.equal((await admin.get(`/de/admin/outbox/${id}/attachments/x`)).status, 404);
    const carla = client(t);
    await carla.signIn('carla@example.org');
    assert.equal((await carla.get(`/de/admin/outbox/${id}/attachments/0`)).status, 403);
    // a mail without attachments has no such table
    const reset = (await admin.get('/de/admin/outbox')).html
      .querySelectorAll('tbody a')
      .find((a) => a.text.includes('Neues Passwort') || a.text.includes('New password'));
    const plain = await admin.get(reset!.getAttribute('href')!);
    assert.equal(plain.html.querySelectorAll('main caption').filter((c) => c.text === 'Anhänge').length, 0);
  });
});

describe('editable texts', () => {
  test('an administrator rewrites the imprint; Markdown renders, raw HTML does not', async () => {
    const before = await client(t).get('/de/imprint');
    assert.equal(heading(before), 'Impressum');
    assert.match(before.body, /Name der betreibenden Stelle/);

    const admin = client(t);
    await admin.signIn('admin@example.org');
    const empty = await admin.submit('/de/admin/content/imprint/de', { title: '', body: '' });
    assert.equal(empty.status, 400);
    assert.ok(empty.html.querySelector('#f-title-error'));

    const saved = await admin.submit('/de/admin/content/imprint/de', {
      title: 'Impressum des Landesnetzwerks',
      body: '## Anschrift\n\nBeispielweg 1, 55116 Mainz\n\n<script>alert(1)</script>',
    });
    assert.equal(saved.status, 303);
    const after = await client(t).get('/de/imprint');
    assert.equal(heading(after), 'Impressum des Landesnetzwerks');
    assert.equal(after.html.querySelector('.content-body h2')?.text, 'Anschrift');
    assert.equal(after.html.querySelectorAll('script').length, 0, 'HTML is escaped, not run');
    assert.match(after.body, /&lt;script&gt;/);
    // until someone writes the English imprint, the German one stands in, marked as German
    const english = await client(t).get('/en/imprint');
    assert.equal(heading(english), 'Impressum des Landesnetzwerks');
    assert.equal(english.html.querySelector('.content-body')?.getAttribute('lang'), 'de');

    const list = await admin.get('/de/admin/content');
    assert.match(list.html.querySelector('a[href="/de/admin/content/imprint/de"]')?.text ?? '', /Bearbeitet/);
    const audit = await admin.get('/de/admin/audit?action=content.updated');
    assert.equal(audit.html.querySelectorAll('tbody tr').length, 1);
    assert.equal((await admin.get('/de/admin/content/easy-language/ar')).status, 404, 'easy language is German only');
  });

  test('the footer links to the legal pages and the easy-language page in German', async () => {
    const page = await client(t).get('/tr/');
    const hrefs = page.html.querySelectorAll('footer a').map((a) => a.getAttribute('href'));
    assert.deepEqual(hrefs, ['/tr/imprint', '/tr/privacy', '/tr/accessibility', '/de/easy-language']);
    const easy = await client(t).get('/de/easy-language');
    assert.equal(easy.status, 200);
    assert.equal(heading(easy), 'Leichte Sprache');
    const statement = await client(t).get('/ar/accessibility');
    assert.ok(
      statement.html.querySelector('form[action="/ar/accessibility/feedback"]'),
      'the statement has the feedback form',
    );
  });
});
