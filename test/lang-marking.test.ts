// Text people wrote is German (the platform keeps no language per text); on a page in another
// language it must say so (lang="de"), so a screen reader reads it with a German voice, while the
// page's own words stay in the page's language. WCAG 3.1.2, language of parts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { HTMLElement, Node } from 'node-html-parser';
import { saveCallTranslation } from '../src/modules/funding/programmes/call-translations.store';
import { listReports } from '../src/modules/funding/reports/reports.store';
import { paymentRequests } from '../src/modules/funding/schema';
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

  test('the Arabic call page marks the call, its programme and its texts as German and left to right', async () => {
    const visitor = client(t);
    const arabic = await visitor.get(`/ar/calls/${s.callId}`);
    assert.equal(arabic.status, 200, 'carrier pages exist in every language');
    assert.equal(arabic.html.querySelector('html')?.getAttribute('lang'), 'ar');
    assert.equal(arabic.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    for (const text of [german.call, german.programme, german.callText, german.question, german.document])
      assertGerman(arabic, text, '/ar/calls/:id');
    assertGerman(arabic, german.criterion, '/ar/calls/:id');
    // German inside an Arabic page reads left to right
    const marked = arabic.html.querySelectorAll('main [lang="de"]');
    assert.ok(marked.length > 0);
    for (const e of marked) assert.equal(e.getAttribute('dir'), 'ltr', e.outerHTML.slice(0, 120));
    assertOwnLanguage(arabic, 'الإشعار القانوني', 'ar', '/ar/calls/:id footer');

    const list = await visitor.get('/ar/calls');
    assertGerman(list, german.call, '/ar/calls');
    assertGerman(list, german.programme, '/ar/calls');

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

describe('carrier pages in Arabic: the page is Arabic, right to left; what people wrote is German, left to right', () => {
  const words = {
    summary: 'Ein offenes Café, in dem Nachbarinnen Deutsch üben.',
    goal: 'Zwanzig Treffen im Jahr',
    targetGroups: 'Neu zugezogene Familien',
    region: 'Trier-Nord',
    milestone: 'Auftakt im Bürgerhaus',
    partner: 'Stadtteilbüro Nord',
    partnerRole: 'Räume und Werbung',
    purpose: 'Honorare der Sprachbegleiterinnen',
    changeReason: 'Der Partner hat sich aufgelöst.',
    notice: 'Die Geschäftsstelle ist umgezogen.',
  };
  let grantId: string;
  let changeId: string;
  let reportId: string;
  let draftId: string;
  before(async () => {
    const f = funding(t);
    const grantContent = {
      title: 'Nachbarschaftscafé',
      summary: words.summary,
      goals: words.goal,
      targetGroups: words.targetGroups,
      region: words.region,
      milestones: [{ title: words.milestone, due: '2027-02-01' }],
      partners: [
        { name: words.partner, isMigrantOrganisation: false, role: words.partnerRole, tasks: '', budgetShareBp: 1000 },
      ],
    };
    ({ grantId } = await f.grant(s, { content: grantContent }));
    await f.payment(grantId);
    const payments = await t.db.select().from(paymentRequests).where(eq(paymentRequests.grantId, grantId));
    await t.db.update(paymentRequests).set({ purpose: words.purpose }).where(eq(paymentRequests.id, payments[0]!.id));
    changeId = await f.change(grantId, { reason: words.changeReason });
    await f.notification(grantId, { description: words.notice });
    reportId = (await listReports(t.db, grantId))[0]!.id;
    draftId = await f.application(s, { content: grantContent });
  });

  /** Every text node on the page that is one of `texts` (outside form fields) is German, and German reads left to right. */
  function problemsOf(page: Page, where: string, texts: string[]): string[] {
    const problems: string[] = [];
    if (page.status !== 200) return [`${where}: ${page.status}`];
    const html = page.html.querySelector('html');
    if (html?.getAttribute('lang') !== 'ar' || html.getAttribute('dir') !== 'rtl')
      problems.push(`${where}: not ar/rtl`);
    const walk = (n: Node) => {
      if ((n as HTMLElement).tagName === 'TEXTAREA') return;
      if (n.nodeType === 3)
        for (const text of texts)
          if (n.rawText.includes(text) && langOf(n) !== 'de') problems.push(`${where}: "${text}" is ${langOf(n)}`);
      for (const c of n.childNodes) walk(c);
    };
    const main = page.html.querySelector('main');
    if (main) walk(main);
    for (const e of page.html.querySelectorAll('main [lang="de"]'))
      if (e.getAttribute('dir') !== 'ltr')
        problems.push(`${where}: lang="de" without dir="ltr": ${e.outerHTML.slice(0, 80)}`);
    return problems;
  }

  test('applications, every step of a draft, grants, payments, changes, notifications and reports', async () => {
    const anna = await signedIn(t, people.carrier);
    const texts = [...Object.values(german), ...Object.values(words), 'Nachbarschaftscafé'].filter(
      (x) => x !== german.criterion, // the rubric is shown to the public on the call page, not to the carrier here
    );
    const pages = [
      '/ar/applications',
      `/ar/calls/${s.callId}/apply`,
      `/ar/applications/${applicationId}`,
      `/ar/applications/${draftId}`,
      ...['project', 'partners', 'workplan', 'plan', 'documents', 'declarations'].map(
        (section) => `/ar/applications/${draftId}/${section}`,
      ),
      '/ar/grants',
      `/ar/grants/${grantId}`,
      `/ar/grants/${grantId}/changes`,
      `/ar/grants/${grantId}/changes/${changeId}`,
      `/ar/grants/${grantId}/changes/new/extension`,
      `/ar/grants/${grantId}/notifications/new`,
      `/ar/grants/${grantId}/reports/${reportId}`,
    ];
    const problems: string[] = [];
    for (const url of pages) problems.push(...problemsOf(await anna.get(url), url, texts));
    assert.deepEqual(problems, []);
  });
});

// last: the call gets a Turkish translation here, which no test above expects
describe('a call the officers translated', () => {
  const turkish = { title: '2027 çağrısı: Mahallede buluşma', question: 'Derneğiniz kamu yararına mı çalışıyor?' };
  before(async () => {
    await saveCallTranslation(
      t.db,
      { id: null, label: 'test' },
      s.callId,
      'tr',
      { title: turkish.title, 'question-q1': turkish.question },
      [],
      t.deps.now(),
    );
  });

  test('is read in Turkish on Turkish pages, unmarked; what is not translated stays German, marked', async () => {
    const page = await client(t).get(`/tr/calls/${s.callId}`);
    assert.equal(page.html.querySelector('html')?.getAttribute('lang'), 'tr');
    assertOwnLanguage(page, turkish.title, 'tr', '/tr/calls/:id title');
    assertOwnLanguage(page, turkish.question, 'tr', '/tr/calls/:id question');
    for (const text of [german.callText, german.document, german.programme]) assertGerman(page, text, '/tr/calls/:id');
    assert.equal(page.html.querySelector('main h1 [lang]'), null);
    const carrier = await signedIn(t, people.carrier);
    assertOwnLanguage(await carrier.get('/tr/applications'), turkish.title, 'tr', '/tr/applications');
  });

  test('stays German, marked, in a language it was not translated into', async () => {
    const page = await client(t).get(`/uk/calls/${s.callId}`);
    for (const text of [german.call, german.question, german.callText]) assertGerman(page, text, '/uk/calls/:id');
    assert.ok(!page.body.includes(turkish.title));
  });
});
