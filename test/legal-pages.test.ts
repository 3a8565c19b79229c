// The legally required pages as a visitor and an administrator meet them: imprint and privacy
// notice say plainly that the operator still has to complete them until an administrator does (or
// the demo fills them with an invented operator); the accessibility statement names its last
// review, its method and the conciliation body; Leichte Sprache is reachable from every language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accessibilityReviewedOn } from '../src/core/content/pages';
import { loadDemo } from '../src/core/demo';
import { formatDate } from '../src/core/i18n/formats';
import { translator } from '../src/core/i18n/i18n';
import { client, heading, makeUser, type Page, type TestApp, testApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await testApp();
  await makeUser(t.db, 'admin@example.org', 'admin');
});
after(() => t.close());

const incompleteNotice = (p: Page) => p.html.querySelector('main .kern-alert--warning')?.text ?? '';
const body = (p: Page) => p.html.querySelector('main .content-body');

describe('imprint and privacy notice', () => {
  test('say they are to be completed by the operator until an administrator writes them', async () => {
    const visitor = client(t);
    for (const [lang, path] of [
      ['de', 'imprint'],
      ['de', 'privacy'],
      ['en', 'imprint'],
      ['ar', 'privacy'],
    ] as const) {
      const page = await visitor.get(`/${lang}/${path}`);
      assert.equal(page.status, 200);
      assert.match(incompleteNotice(page), new RegExp(translator(lang)('common:content.incomplete.title')));
      assert.doesNotMatch(page.body, /kontakt@beispiel\.de|contact@example\.org/, 'no made-up address');
    }
    const imprint = await visitor.get('/de/imprint');
    assert.match(body(imprint)?.text ?? '', /Name der betreibenden Stelle/, 'the page says what is missing');

    const admin = client(t);
    await admin.signIn('admin@example.org');
    const list = await admin.get('/de/admin/content');
    assert.match(list.html.querySelector('main .kern-alert--warning')?.text ?? '', /Impressum, Datenschutzerklärung/);
    assert.match(list.html.querySelector('a[href="/de/admin/content/imprint/de"]')?.text ?? '', /Fehlt noch/);
    assert.match(
      list.html.querySelector('a[href="/de/admin/content/accessibility/de"]')?.text ?? '',
      /Standardtext/,
      'the accessibility statement is complete as it comes',
    );

    const saved = await admin.submit('/de/admin/content/imprint/de', {
      title: 'Impressum',
      body: '**Landesnetzwerk Integration e. V.**  \nBeispielweg 1, 55116 Mainz',
    });
    assert.equal(saved.status, 303);

    const after = await visitor.get('/de/imprint');
    assert.equal(incompleteNotice(after), '', 'the notice is gone once the operator has written the text');
    assert.match(body(after)?.text ?? '', /Landesnetzwerk Integration/);
    assert.equal(body(after)?.getAttribute('lang'), undefined, 'a German text on a German page needs no mark');

    // an Arabic reader sees the German text, marked as German, with a note in Arabic
    const arabic = await visitor.get('/ar/imprint');
    assert.equal(incompleteNotice(arabic), '');
    assert.equal(body(arabic)?.getAttribute('lang'), 'de');
    assert.match(body(arabic)?.text ?? '', /Landesnetzwerk Integration/);
    assert.equal(arabic.html.querySelector('main h1 span')?.getAttribute('lang'), 'de');
    assert.match(arabic.html.querySelector('main')?.text ?? '', /هذا النص غير متوفر باللغة العربية بعد/);

    const privacy = await visitor.get('/de/privacy');
    assert.match(incompleteNotice(privacy), /noch zu ergänzen/, 'the privacy notice is still incomplete');

    const listAfter = await admin.get('/de/admin/content');
    assert.match(listAfter.html.querySelector('a[href="/de/admin/content/imprint/de"]')?.text ?? '', /Bearbeitet/);
    assert.match(
      listAfter.html.querySelector('a[href="/de/admin/content/imprint/ar"]')?.text ?? '',
      /Nicht übersetzt – zeigt die Fassung auf Deutsch/,
    );
    const warning = listAfter.html.querySelector('main .kern-alert--warning')?.text ?? '';
    assert.match(warning, /Datenschutzerklärung/);
    assert.doesNotMatch(warning, /Impressum/);
  });

  test('a demo instance fills both with an invented operator, in German and English', async () => {
    const demo = await testApp();
    try {
      await loadDemo(demo.deps);
      const visitor = client(demo);
      for (const lang of ['de', 'en'] as const) {
        for (const path of ['imprint', 'privacy']) {
          const page = await visitor.get(`/${lang}/${path}`);
          assert.equal(incompleteNotice(page), '', `${lang}/${path} is complete`);
          assert.match(body(page)?.text ?? '', /Muster-Förderstelle für Integration/);
          assert.equal(body(page)?.getAttribute('lang'), undefined, `${lang}/${path} is written in ${lang}`);
        }
      }
      const de = await visitor.get('/de/imprint');
      assert.match(body(de)?.text ?? '', /Beispielangaben der Demo-Instanz/, 'marked as an example');
      const privacy = await visitor.get('/en/privacy');
      assert.match(body(privacy)?.text ?? '', /Data protection officer: Dr\. Petra Beispiel/);
      assert.match(body(privacy)?.text ?? '', /session cookie/, 'what the platform stores is still said');
      // the other languages show the English text, marked as English
      const turkish = await visitor.get('/tr/imprint');
      assert.equal(incompleteNotice(turkish), '');
      assert.equal(body(turkish)?.getAttribute('lang'), 'en');
    } finally {
      await demo.close();
    }
  });
});

describe('accessibility statement', () => {
  test('names the date of its last review, the method and the conciliation body, in German and Arabic', async () => {
    const visitor = client(t);
    const de = await visitor.get('/de/accessibility');
    const deText = body(de)?.text ?? '';
    assert.match(deText, new RegExp(`am ${formatDate('de', accessibilityReviewedOn)} zuletzt überprüft`));
    assert.doesNotMatch(deText, /\d{4}-\d{2}-\d{2}/, 'no ISO date');
    assert.match(deText, /Methode: Selbstbewertung/);
    assert.match(deText, /axe-core/);
    assert.match(deText, /nur mit der Tastatur/);
    assert.match(deText, /Schlichtungsstelle nach § 16 BGG/);
    assert.match(
      deText,
      /Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen/,
    );
    assert.match(deText, /Mauerstraße 53\s+10117 Berlin/);
    assert.ok(body(de)?.querySelector('a[href="mailto:info@schlichtungsstelle-bgg.de"]'));
    assert.ok(body(de)?.querySelector('a[href="https://www.schlichtungsstelle-bgg.de"]'));

    const ar = await visitor.get('/ar/accessibility');
    const arText = body(ar)?.text ?? '';
    assert.equal(body(ar)?.getAttribute('lang'), undefined, 'the statement is written in Arabic');
    assert.ok(arText.includes(formatDate('ar', accessibilityReviewedOn)), 'the review date in Arabic');
    assert.match(arText, /الطريقة: تقييم ذاتي/);
    assert.match(arText, /axe-core/);
    assert.match(arText, /هيئة التسوية/);
    assert.match(arText, /§ 16 BGG/);
    assert.match(arText, /Mauerstraße 53/);
    assert.ok(body(ar)?.querySelector('a[href="mailto:info@schlichtungsstelle-bgg.de"]'));
    assert.ok(body(ar)?.querySelector('a[href="https://www.schlichtungsstelle-bgg.de"]'));
    assert.ok(ar.html.querySelector('form[action="/ar/accessibility/feedback"]'), 'the feedback form stays');
  });
});

describe('Leichte Sprache', () => {
  test('every language links to it, named in German, with a note in the reader’s language', async () => {
    const visitor = client(t);
    for (const lang of ['tr', 'ar', 'uk', 'ru'] as const) {
      const page = await visitor.get(`/${lang}/`);
      const link = page.html.querySelector('footer a[href="/de/easy-language"]');
      assert.ok(link, `${lang}: the footer links to Leichte Sprache`);
      assert.equal(link.getAttribute('hreflang'), 'de');
      assert.equal(
        link.querySelector('span[lang="de"]')?.text,
        'Leichte Sprache',
        `${lang}: the name is marked German`,
      );
      const note = translator(lang)('common:footer.easyLanguageNote');
      assert.notEqual(note, translator('de')('common:footer.easyLanguageNote'), `${lang}: a note of its own`);
      assert.ok(link.text.includes(note), `${lang}: the link says in ${lang} what it leads to`);
      assert.equal(link.querySelector('.easy-language-note')?.getAttribute('lang'), undefined);
    }
    const german = await visitor.get('/de/');
    const link = german.html.querySelector('footer a[href="/de/easy-language"]');
    assert.equal(link?.querySelector('.easy-language-note'), null, 'German readers need no note');
    assert.equal(link?.querySelector('[lang]'), null);
  });

  test('the page is German; opened from another language it explains why in that language', async () => {
    const visitor = client(t);
    const page = await visitor.get('/ar/easy-language');
    assert.equal(page.status, 200);
    assert.equal(page.html.querySelector('html')?.getAttribute('lang'), 'ar');
    assert.equal(heading(page), 'Leichte Sprache');
    assert.equal(page.html.querySelector('main h1 span')?.getAttribute('lang'), 'de');
    assert.equal(body(page)?.getAttribute('lang'), 'de');
    assert.match(
      page.html.querySelector('main .kern-alert--info')?.text ?? '',
      new RegExp(translator('ar')('common:content.easyLanguageNote.title')),
    );
    const german = await visitor.get('/de/easy-language');
    assert.equal(german.html.querySelector('main .kern-alert--info'), null);
    assert.equal(body(german)?.getAttribute('lang'), undefined);
  });
});
