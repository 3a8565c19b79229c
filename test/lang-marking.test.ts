// Text people wrote is German (the platform keeps no language per text); on a page in another
// language it must say so (lang="de"), so a screen reader reads it with a German voice, while the
// page's own words stay in the page's language. WCAG 3.1.2, language of parts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HTMLElement, Node } from 'node-html-parser';
import { client, type Page, type TestApp, testApp } from './helpers/app';
import { criterion, funding, people, type Scene, signedIn } from './helpers/funding';

let t: TestApp;
let s: Scene;
let applicationId: string;

const german = {
  programme: 'Teilhabe im Quartier',
  call: 'Aufruf 2027: Begegnung in der Nachbarschaft',
  callText: 'Gefördert werden Vorhaben, die Nachbarschaften verbinden.',
  question: 'Ist Ihr Verein gemeinnützig?',
  document: 'Satzung des Vereins',
  criterion: 'Beteiligung der Migrantenorganisation',
  organisation: 'Brückenbauer Trier e. V.',
  title: 'Sprachcafé für Nachbarinnen und Nachbarn',
};

before(async () => {
  t = await testApp();
  const f = funding(t);
  s = await f.scene({
    programme: { title: german.programme, goals: 'Mehr Begegnung zwischen alten und neuen Nachbarn.' },
    call: {
      title: german.call,
      text: german.callText,
      eligibility: [{ id: 'q1', question: german.question, stopText: 'Leider nicht.' }],
      requiredDocuments: [{ id: 'statute', label: german.document, types: ['pdf'], maxMegabytes: 5 }],
      rubric: [criterion('participation', german.criterion)],
    },
    organisations: [german.organisation, 'Zweiter Träger e. V.'],
  });
  applicationId = await f.application(s, { content: { title: german.title } });
  await f.document(applicationId, 'statute');
  await f.submit(applicationId);
});
after(() => t.close());

/** The language a text node is read in: the nearest lang attribute above it. */
function langOf(node: Node): string | undefined {
  for (let n: Node | null = node; n; n = n.parentNode) {
    const lang = (n as HTMLElement).getAttribute?.('lang');
    if (lang) return lang;
  }
  return undefined;
}

/** The languages of every text node on the page (or within `scope`) that contains `text`. */
function languagesOf(page: Page, text: string, scope = 'body'): string[] {
  const found: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3 && n.rawText.includes(text)) found.push(langOf(n) ?? '(none)');
    for (const c of n.childNodes) walk(c);
  };
  const root = page.html.querySelector(scope);
  if (root) walk(root);
  return found;
}

function assertGerman(page: Page, text: string, where: string) {
  const langs = languagesOf(page, text);
  assert.ok(langs.length > 0, `${where}: "${text}" is on the page`);
  assert.deepEqual([...new Set(langs)], ['de'], `${where}: "${text}" is marked as German`);
}

function assertOwnLanguage(page: Page, text: string, lang: string, where: string) {
  const langs = languagesOf(page, text);
  assert.ok(langs.length > 0, `${where}: "${text}" is on the page`);
  assert.deepEqual([...new Set(langs)], [lang], `${where}: "${text}" is in the page's language`);
}

describe('text people wrote, on a page in another language', () => {
  test('the English public call page marks the call, its programme and its texts as German', async () => {
    const page = await client(t).get(`/en/calls/${s.callId}`);
    assert.equal(page.status, 200);
    assert.equal(page.html.querySelector('html')?.getAttribute('lang'), 'en');
    for (const text of [german.call, german.programme, german.callText, german.question, german.document])
      assertGerman(page, text, '/en/calls/:id');
    assertGerman(page, german.criterion, '/en/calls/:id');
    // the page's own words are English and not marked otherwise
    for (const chrome of ['Submission until', 'Required documents', 'Legal notice'])
      assertOwnLanguage(page, chrome, 'en', 'chrome');
    assert.equal(page.html.querySelector('main h1 [lang]')?.getAttribute('lang'), 'de');
    assert.equal(page.html.querySelector('main h1')?.getAttribute('lang'), undefined, 'the heading itself is not');
    // the brand is a German word too
    assertGerman(page, 'Modellprojekte', 'brand');
  });

  test('in Arabic the call page leads to the English one, marked the same way; the frame marks German', async () => {
    const visitor = client(t);
    const arabic = await visitor.get(`/ar/calls/${s.callId}`);
    assert.equal(arabic.status, 302, 'funding pages exist in German and English');
    assert.equal(arabic.location, `/en/calls/${s.callId}`);
    const list = await visitor.get('/en/calls');
    assertGerman(list, german.call, '/en/calls');
    assertGerman(list, german.programme, '/en/calls');

    const home = await visitor.get('/ar/');
    assert.equal(home.html.querySelector('html')?.getAttribute('lang'), 'ar');
    assertGerman(home, 'Modellprojekte', '/ar/ brand');
    assertGerman(home, 'Leichte Sprache', '/ar/ footer');
    assertOwnLanguage(home, 'الإشعار القانوني', 'ar', '/ar/ footer');
  });

  test('English funding pages mark titles, names and descriptions as German, and nothing else', async () => {
    const officer = await signedIn(t, people.officer);
    const overview = await officer.get(`/en/funding/applications/${applicationId}`);
    assert.equal(overview.status, 200);
    assertGerman(overview, german.title, 'officer application page');
    assertGerman(overview, german.organisation, 'officer application page');
    assertOwnLanguage(overview, 'Read the application', 'en', 'officer application page');

    const ranking = await officer.get(`/en/funding/calls/${s.callId}/ranking`);
    assert.equal(ranking.status, 200);
    assertGerman(ranking, german.title, 'ranking');
    assertGerman(ranking, german.organisation, 'ranking');
    assertGerman(ranking, german.call, 'ranking');

    const home = await officer.get('/en/funding');
    assertGerman(home, german.programme, 'funding home');

    const programme = await officer.get(`/en/funding/programmes/${s.programmeId}`);
    assertGerman(programme, german.programme, 'programme page');
    assertGerman(programme, 'Mehr Begegnung zwischen alten und neuen Nachbarn.', 'programme goals');
    // "Ranking: {{title}}" keeps "Ranking" English and only the title German
    const rankingLink = programme.html.querySelector(`a[href="/en/funding/calls/${s.callId}/ranking"]`);
    assert.ok(rankingLink);
    assert.equal(rankingLink.querySelector('[lang="de"]')?.text, german.call);
    assert.ok(rankingLink.childNodes.some((n) => n.nodeType === 3 && n.rawText.trim().length > 0));

    const carrier = await signedIn(t, people.carrier);
    const mine = await carrier.get('/en/applications');
    assertGerman(mine, german.title, 'my applications');
    assertGerman(mine, german.call, 'my applications');
  });

  test('on German pages nothing is marked: the page language already says it', async () => {
    const page = await client(t).get(`/de/calls/${s.callId}`);
    assert.deepEqual(
      page.html.querySelectorAll('body [lang]').map((e) => e.getAttribute('lang')),
      // only the language switcher names its languages in themselves
      page.html.querySelectorAll('.language-switcher [lang]').map((e) => e.getAttribute('lang')),
    );
  });
});
