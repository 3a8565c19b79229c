// What a newcomer on a phone met in Arabic and Ukrainian and an administrator met in the outbox:
// the error summary lists the fields in the order they stand on the page and a label that is a
// sentence keeps no full stop before the colon; a mail in Arabic reads right to left in the German
// outbox; a text shown in another language than the page (the English imprint on an Arabic page)
// carries that language's direction; the Ukrainian statement's date ends in one full stop.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sendMail } from '../src/core/mail/mail';
import { client, makeUser, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp();
  await makeUser(t.db, 'admin@example.org', 'admin');
});
after(() => t.close());

describe('a failed registration in Arabic', () => {
  test('lists its errors in the order of the fields, and no label ends in ".:"', async () => {
    const visitor = client(t);
    const page = await visitor.submit('/ar/register', {});
    assert.equal(page.status, 400);
    const links = page.html.querySelectorAll('.error-summary a');
    const fields = page.html
      .querySelectorAll('main form input:not([type=hidden])')
      .map((i) => `#${i.getAttribute('id')}`)
      .filter((id) => links.some((a) => a.getAttribute('href') === id));
    assert.deepEqual(
      links.map((a) => a.getAttribute('href')),
      fields,
      'the summary follows the form from top to bottom',
    );
    assert.ok(fields.includes('#f-consent') && fields.includes('#f-password'));
    for (const a of links) assert.doesNotMatch(a.text, /\.:/, `"${a.text}"`);
    const consent = links.find((a) => a.getAttribute('href') === '#f-consent');
    assert.match(consent?.text ?? '', /^قرأتُ بيان حماية البيانات، وأوافق على حفظ بياناتي لحسابي: /);
  });
});

describe('the outbox', () => {
  test('marks an Arabic mail with its language and direction on a German page', async () => {
    const id = await sendMail(t.db, t.config, {
      to: 'laila@example.org',
      template: 'passwordChanged',
      language: 'ar',
      vars: { name: 'ليلى', resetLink: 'http://localhost:3000/ar/password-reset' },
    });
    const admin = client(t);
    await admin.signIn('admin@example.org');
    const page = await admin.get(`/de/admin/outbox/${id}`);
    assert.equal(page.status, 200);
    for (const el of [page.html.querySelector('main h1'), page.html.querySelector('main pre.mail-body')]) {
      assert.equal(el?.getAttribute('lang'), 'ar');
      assert.equal(el?.getAttribute('dir'), 'rtl');
    }
    const list = await admin.get('/de/admin/outbox');
    const link = list.html.querySelector(`a[href="/de/admin/outbox/${id}"]`);
    assert.equal(link?.getAttribute('dir'), 'rtl');
    const german = await sendMail(t.db, t.config, {
      to: 'erika@example.org',
      template: 'passwordChanged',
      language: 'de',
      vars: { name: 'Erika', resetLink: 'http://localhost:3000/de/password-reset' },
    });
    const plain = await admin.get(`/de/admin/outbox/${german}`);
    assert.equal(plain.html.querySelector('main pre.mail-body')?.getAttribute('dir'), undefined);
  });
});

describe('text in another language than the page', () => {
  test('the English imprint on an Arabic page reads left to right', async () => {
    const admin = client(t);
    await admin.signIn('admin@example.org');
    const saved = await admin.submit('/de/admin/content/imprint/en', {
      title: 'Legal notice',
      body: 'Example body (public-law institution)  \n12345 Example Town, Germany',
    });
    assert.equal(saved.status, 303);
    const page = await client(t).get('/ar/imprint');
    const body = page.html.querySelector('main .content-body');
    assert.equal(body?.getAttribute('lang'), 'en');
    assert.equal(body?.getAttribute('dir'), 'ltr');
    const title = page.html.querySelector('main h1 [lang]');
    assert.equal(title?.getAttribute('dir'), 'ltr');
  });

  test('the brand on an English page needs no direction, on an Arabic page it is marked left to right', async () => {
    const en = await client(t).get('/en/');
    assert.equal(en.html.querySelector('.site-header__brand [lang="de"]')?.getAttribute('dir'), undefined);
    const ar = await client(t).get('/ar/');
    assert.equal(ar.html.querySelector('.site-header__brand [lang="de"]')?.getAttribute('dir'), 'ltr');
  });
});

describe('the accessibility statement', () => {
  test('ends the review date with one full stop in Ukrainian and Russian', async () => {
    for (const lang of ['uk', 'ru']) {
      const page = await client(t).get(`/${lang}/accessibility`);
      const text = page.html.querySelector('main .content-body')?.text ?? '';
      assert.match(text, /2\d{3} (р|г)\./, lang);
      assert.doesNotMatch(text, /2\d{3} (р|г)(\.\.|…)/, lang);
    }
  });
});
