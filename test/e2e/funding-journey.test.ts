// funding_journey: the whole life of a grant in the browser, in German and without JavaScript, as
// the four people involved see it. The programme officer opens a call; the demo carrier applies
// to it and submits; the officer assigns the demo reviewer, who declares no conflict of interest
// and scores every criterion; the officer reads the ranking and approves with an amount per year
// and a condition; the carrier finds the grant and its decision (PDF), draws money, which the
// officer pays out, reports it spent, writes the final report, imports the receipt list as CSV and
// submits; the officer accepts the report. Every step is a link or a plain form post, and axe
// scans every page on the way (as a copy in a context with scripts, see
// `expectNoAxeViolationsWithoutScripts`).
//
// Dates. A real funding period takes years; this test has minutes. The app decides by dates in
// these places: a call takes submissions only between its opening and closing instant; a project
// must start and end within the call's window (`projectStartEarliest`, `projectEndLatest`); money
// may be drawn only for a budget year of the grant and for a due date within the next six weeks;
// spending may not be reported for a day after today; receipts must lie in the report's period
// (for the final report: the whole project). Reports themselves open with the grant and are not
// held back until the project ends. So the officer opens a call today whose projects may run in
// the current year, and the carrier's project runs from 1 January to today: it has ended by the
// time the final report is written, no payment, spending or receipt lies in the future, and the
// money is drawn, paid and spent on the last day. (On 1 January the project lasts one day.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, addMonths, berlinDate } from '../../src/core/time/calendar';
import { budgetYears } from '../../src/modules/funding/applications/financing-plan';
import {
  type Browser,
  type BrowserContext,
  expectNoAxeViolationsWithoutScripts,
  hrefOf,
  type Locator,
  launchBrowser,
  newContext,
  type Page,
  readDemoAccounts,
  type Server,
  signIn,
  startServer,
  submitForm,
  submitSetup,
  visit,
  watchProblems,
} from './helpers';

const carrierEmail = 'traeger@demo.example';
const officerEmail = 'referat@demo.example';
const reviewerEmail = 'gutachten@demo.example';
const reviewerName = 'Dr. Miriam Koch';
const carrierName = 'Nachbarschaftswerk Mainz e. V.';
const programmeTitle = 'Stärkere Beteiligung von Migrantenorganisationen';

const today = berlinDate(new Date());
const year = Number(today.slice(0, 4));
const projectStart = `${year}-01-01`;
const projectEnd = today;
const years = budgetYears(projectStart, projectEnd);
/** six months after the project's end */
const finalReportDue = addMonths(projectEnd, 6);

const callTitle = `Nachbarschaften verbinden ${year}`;
const projectTitle = 'Sprechstunden im Quartier';
const goals = ['Familien erreichen, die bisher keine Beratung nutzen', 'Den Kulturverein als Träger stärken'];
const condition = 'Der Kulturverein ist an allen Planungstreffen beteiligt.';
const purpose = 'Gehälter der Sozialberatung';

/** "2026-11-25" as the pages write it: "25. November 2026" */
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('de', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
/** "2026-11-25" as people type it in a spreadsheet: "25.11.2026" */
const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

const partnerContact = 'Ayşe Demir';
const partnerEmail = 'vorstand@kulturverein.example';

/** The link in the newest mail to `to`, read from the administrator's outbox as the contact would click it. */
async function mailedLink(to: string): Promise<string> {
  const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
  try {
    const admin = await context.newPage();
    await signIn(admin, 'erika@example.org', 'a long and secret passphrase');
    // the job worker writes the mail a few seconds after the request
    for (let i = 0; i < 40; i++) {
      await visit(admin, '/de/admin/outbox');
      const row = admin.locator('main tbody tr', { hasText: to }).first();
      if ((await row.count()) > 0) {
        await Promise.all([
          admin.waitForURL((u) => /^\/de\/admin\/outbox\/[^/]+$/.test(u.pathname)),
          row.getByRole('link').first().click(),
        ]);
        const mail = (await admin.locator('main pre.mail-body').textContent()) ?? '';
        const link = /https?:\/\/\S+\/de\/partner-confirmation\/[A-Za-z0-9_-]+/.exec(mail)?.[0];
        assert.ok(link, `a link in the mail:\n${mail}`);
        return link;
      }
      await admin.waitForTimeout(500);
    }
    throw new Error(`no mail to ${to} in the outbox`);
  } finally {
    await context.close();
  }
}

const notices = {
  saved: 'Die Änderungen sind gespeichert.',
  draftSaved: 'Der Entwurf ist gespeichert. Prüfen Sie die Vorschau und erlassen Sie den Bescheid.',
  submitted: 'Der Antrag ist eingereicht. Sie erhalten eine Bestätigung per E-Mail.',
  reportSubmitted: 'Der Nachweis ist eingereicht. Das Programmreferat prüft ihn.',
  partnersAsked: 'Die Partner sind angeschrieben. Ihre Antworten erscheinen hier.',
  reviewSubmitted: 'Vielen Dank: Die Begutachtung liegt jetzt beim Programmreferat.',
  paymentRequested: 'Der Mittelabruf ist gestellt. Das Programmreferat prüft ihn.',
} as const;

let server: Server;
let browser: Browser;
/** a context with scripts where the pages seen without them are scanned */
let scanContext: BrowserContext;
let scanner: Page;
let demoAccounts = new Map<string, string>();
/** each person's page, signed in on first use, and what went wrong on it */
const people = new Map<string, { page: Page; problems: string[] }>();
/** pages scanned, for the record */
const scanned: string[] = [];
/** what the steps found and hand on */
const found: { programme?: string; application?: string; grant?: string; finalReport?: string } = {};
let failed = false;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  scanContext = await newContext(browser, server.baseUrl, { bypassCSP: true });
  scanner = await scanContext.newPage();
  // the administrator sets the instance up with demo data; the result page lists the demo accounts
  const setup = await scanContext.newPage();
  await visit(setup, server.setupUrl);
  await submitSetup(setup, {
    name: 'Erika Mustermann',
    email: 'erika@example.org',
    password: 'a long and secret passphrase',
    demo: true,
  });
  demoAccounts = await readDemoAccounts(setup);
  await setup.close();
});

after(async () => {
  if (scanned.length) console.log(`# funding_journey: ${scanned.length} pages scanned by axe`);
  await browser?.close();
  await server?.stop();
});

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const h1 = (page: Page) => text(page.locator('main h1'));
const scan = async (page: Page, where: string) => {
  await expectNoAxeViolationsWithoutScripts(page, scanner, where);
  scanned.push(where);
};
/** The table with this caption. */
const table = (page: Page, caption: string) =>
  page.locator('main table').filter({ has: page.locator('caption', { hasText: caption }) });
/** The texts of a row's cells, header cell first. */
const cells = async (row: Locator) => Promise.all((await row.locator('th, td').all()).map(text));
/**
 * A row of a table as { column header: cell text }, so that a column added to a page does not
 * move what is checked; `row` picks the row by its text (a row that must be the only one matching).
 */
async function rowOf(tbl: Locator, row?: string): Promise<Record<string, string>> {
  const headers = await Promise.all((await tbl.locator('thead th').all()).map(text));
  const rows = row === undefined ? tbl.locator('tbody tr') : tbl.locator('tbody tr', { hasText: row });
  assert.equal(await rows.count(), 1, `one row${row === undefined ? '' : ` with "${row}"`} in the table`);
  const values = await cells(rows);
  return Object.fromEntries(headers.map((h, i) => [h, values[i] ?? '']));
}
/** Asserts the named columns of a row; the others are not looked at. */
/** Cents of an amount as the pages show it ("174.135,00 €"). */
const cents = (shown: string | undefined) => {
  const m = /^([-−]?)([\d.]+),(\d{2})\s€$/.exec(shown ?? '');
  if (!m) throw new Error(`not an amount: ${shown}`);
  return (m[1] ? -1 : 1) * (Number(m[2]!.replaceAll('.', '')) * 100 + Number(m[3]));
};
const cutReasons = 'Die Sachausgaben sind höher angesetzt, als für diese Angebote üblich ist; bewilligt sind 20.000 €.';

async function expectRow(tbl: Locator, row: string | undefined, expected: Record<string, string>) {
  const actual = await rowOf(tbl, row);
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k]])), expected);
}
/** The value of a definition list entry. */
const term = (page: Page, key: string) =>
  text(
    page
      .locator('main .kern-description-list-item')
      .filter({ has: page.locator('dt', { hasText: key }) })
      .locator('dd'),
  );

/** Follows a link as a person would; the page it leads to must answer 200. */
async function follow(page: Page, link: Locator) {
  const target = new URL(await hrefOf(link), page.url()).pathname;
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === target),
    page.waitForURL((u) => u.pathname === target),
    link.click(),
  ]);
  assert.equal(res.status(), 200, `${target} answered ${res.status()}`);
}

/** Presses a form's button; the answer redirects (303) to `path` with the notice a person reads. */
async function press(page: Page, button: Locator, path: string | RegExp, notice?: keyof typeof notices) {
  await submitForm(page, button, 303);
  const url = new URL(page.url());
  if (typeof path === 'string') assert.equal(url.pathname, path);
  else assert.match(url.pathname, path);
  assert.equal(url.searchParams.get('notice'), notice ?? null);
  if (notice) assert.equal(await text(page.locator('main [role="status"]')), notices[notice]);
  assert.equal(await page.locator('main .error-summary').count(), 0, 'no errors');
}

const button = (page: Page, name: string) => page.locator('main').getByRole('button', { name, exact: true });
const link = (page: Page, name: string) => page.locator('main').getByRole('link', { name, exact: true });
const nav = (page: Page, name: string) => page.locator('.site-nav').getByRole('link', { name, exact: true });

/** The person's page, signed in through the form on first use. */
async function as(email: string): Promise<{ page: Page; problems: string[] }> {
  const known = people.get(email);
  if (known) return known;
  const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const person = { page, problems: watchProblems(page) };
  people.set(email, person);
  const password = demoAccounts.get(email);
  assert.ok(password, `the setup page lists ${email}`);
  await visit(page, '/de/sign-in');
  if (scanned.length === 0) await scan(page, 'sign-in');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await submitForm(page, page.locator('main form button[type="submit"]'), 303);
  assert.equal(new URL(page.url()).pathname, '/de/');
  await scan(page, `home page, signed in as ${email}`);
  return person;
}

/** One step of the journey, by one person; skipped once a step before it has failed. */
function step(name: string, email: string, body: (page: Page) => Promise<void>) {
  test(name, async (t) => {
    if (failed) {
      t.skip('an earlier step failed');
      return;
    }
    try {
      const { page, problems } = await as(email);
      problems.length = 0;
      await body(page);
      assert.deepEqual(problems, [], 'no console errors, failed requests or failed assets');
    } catch (err) {
      failed = true;
      throw err;
    }
  });
}

describe('funding_journey', { concurrency: false }, () => {
  step('the officer budgets the current year and opens a call for it', officerEmail, async (page) => {
    await follow(page, nav(page, 'Förderung'));
    assert.equal(await h1(page), 'Förderung');
    await scan(page, 'funding home');
    await follow(page, link(page, programmeTitle));
    found.programme = new URL(page.url()).pathname;
    assert.equal(await h1(page), programmeTitle);
    await scan(page, 'programme');

    // the programme has no budget for this year yet: one more row in the budget per year
    await follow(page, link(page, 'Förderprogramm bearbeiten'));
    assert.equal(await h1(page), 'Förderprogramm bearbeiten');
    await scan(page, 'programme form');
    let row = 1;
    while (await page.getByLabel(new RegExp(`^Haushaltsjahr \\(Zeile ${row}\\)`)).inputValue()) row++;
    await page.getByLabel(new RegExp(`^Haushaltsjahr \\(Zeile ${row}\\)`)).fill(String(year));
    await page.getByLabel(new RegExp(`^Budget in Euro \\(Zeile ${row}\\)`)).fill('300.000,00');
    await press(page, button(page, 'Speichern'), found.programme, 'saved');
    assert.match(await term(page, 'Budget je Haushaltsjahr'), new RegExp(`${year}: 300\\.000,00 €`));
    await scan(page, 'programme, budget saved');

    // the call: open from two weeks ago for four weeks more, projects within this year
    await follow(page, link(page, 'Neuer Förderaufruf'));
    assert.equal(await h1(page), 'Neuer Förderaufruf');
    await scan(page, 'call form');
    await page.getByLabel('Titel', { exact: true }).fill(callTitle);
    await page
      .getByLabel(/^Aufruftext/)
      .fill('Gefördert werden Sprechstunden, die Träger und Migrantenorganisationen gemeinsam anbieten.');
    await page.getByLabel('Beginn (Datum)', { exact: true }).fill(addDays(today, -14));
    await page.getByLabel('Ende (Datum)', { exact: true }).fill(addDays(today, 28));
    await page.getByLabel(/^Projektbeginn frühestens/).fill(`${year}-01-01`);
    await page.getByLabel(/^Projektende spätestens/).fill(`${year}-12-31`);
    await page.getByLabel(/^Frage 1\b/).fill('Ist Ihre Organisation als gemeinnützig anerkannt?');
    await page.getByLabel(/^Erklärung bei Nein \(Frage 1\)/).fill('Nur gemeinnützige Träger werden gefördert.');
    await page.getByLabel(/^Unterlage 1\b/).fill('Satzung');
    await page.getByLabel(/^Erlaubte Dateitypen \(Unterlage 1\)/).fill('pdf');
    await page.getByLabel(/^Höchstgröße in MB \(Unterlage 1\)/).fill('5');
    const rubric = [
      {
        title: 'Beteiligung der Migrantenorganisation',
        weight: '3',
        anchors: ['nur Zielgruppe', 'punktuell', 'an Teilen beteiligt', 'plant mit', 'auf Augenhöhe'],
      },
      {
        title: 'Übertragbarkeit',
        weight: '1',
        anchors: ['nicht erkennbar', 'kaum beschrieben', 'denkbar', 'klar beschrieben', 'mit Anleitung'],
      },
    ];
    for (const [i, c] of rubric.entries()) {
      await page.getByLabel(new RegExp(`^Kriterium ${i + 1}\\b`)).fill(c.title);
      await page.getByLabel(new RegExp(`^Gewicht \\(Kriterium ${i + 1}\\)`)).fill(c.weight);
      for (const [s, anchor] of c.anchors.entries())
        await page.getByLabel(new RegExp(`^Stufe ${s + 1} \\(Kriterium ${i + 1}\\)`)).fill(anchor);
    }
    await page.getByLabel('Veröffentlichen', { exact: true }).check();
    await press(page, button(page, 'Speichern'), found.programme, 'saved');
    await expectRow(table(page, 'Förderaufrufe'), callTitle, { Titel: callTitle, Status: 'veröffentlicht' });
    await scan(page, 'programme with the new call');
  });

  step('the carrier finds the call, applies and submits', carrierEmail, async (page) => {
    await follow(page, nav(page, 'Förderaufrufe'));
    assert.equal(await h1(page), 'Offene Förderaufrufe');
    await scan(page, 'open calls');
    await follow(page, page.locator('main .kern-card').getByRole('link', { name: callTitle, exact: true }));
    assert.equal(await h1(page), callTitle);
    assert.equal(await term(page, 'Projektbeginn frühestens'), longDate(`${year}-01-01`));
    await scan(page, 'call');

    // eligibility, then a new draft
    await follow(page, link(page, 'Antrag stellen'));
    assert.equal(await h1(page), 'Antrag stellen');
    await scan(page, 'eligibility questions');
    await page
      .locator('main fieldset', { hasText: 'Ist Ihre Organisation als gemeinnützig anerkannt?' })
      .getByLabel('Ja', { exact: true })
      .check();
    await press(page, button(page, 'Antrag beginnen'), /^\/de\/applications\/[0-9a-f-]{36}$/);
    const overview = new URL(page.url()).pathname;
    found.application = overview.split('/').pop();
    assert.equal(await h1(page), 'Antrag ohne Titel');
    await scan(page, 'overview of the new draft');

    const section = async (name: string, path: string) => {
      if (new URL(page.url()).pathname !== overview) await follow(page, link(page, 'Zurück zur Übersicht'));
      await follow(page, page.locator('main .task-list').getByRole('link', { name, exact: true }));
      assert.equal(await h1(page), name);
      await scan(page, name);
      return async () => {
        await press(page, button(page, 'Speichern'), `${overview}/${path}`, 'saved');
        await scan(page, `${name}, saved`);
      };
    };

    let save = await section('Projektdaten', 'project');
    await page.getByLabel('Projekttitel', { exact: true }).fill(projectTitle);
    await page
      .getByLabel('Kurzbeschreibung', { exact: true })
      .fill('Nachbarschaftswerk und Kulturverein bieten gemeinsam Sprechstunden auf Deutsch und Türkisch an.');
    await page.getByLabel('Ziele', { exact: true }).fill(goals.join('\n'));
    await page.getByLabel('Zielgruppen', { exact: true }).fill('Familien mit Einwanderungsgeschichte in der Neustadt');
    await page.getByLabel('Region oder Ort', { exact: true }).fill('Mainz');
    await page.getByLabel('Projektbeginn', { exact: true }).fill(projectStart);
    await page.getByLabel('Projektende', { exact: true }).fill(projectEnd);
    await save();

    save = await section('Partner und Kooperation', 'partners');
    await page.getByLabel('Tandem', { exact: true }).check();
    const partner = page.locator('main fieldset', { hasText: 'Partner 1' });
    await partner.getByLabel(/^Name der Organisation/).fill('Deutsch-Türkischer Kulturverein Mainz e. V.');
    await partner.getByLabel('Dieser Partner ist eine Migrantenorganisation', { exact: true }).check();
    await partner.getByLabel(/^Rolle im Projekt/).fill('Tandempartner');
    await partner.getByLabel(/^Aufgaben/).fill('Sprechstunden auf Türkisch, Elternabende');
    await partner.getByLabel(/^Anteil am Budget in Prozent/).fill('40');
    await partner.getByLabel(/^Kontaktperson beim Partner/).fill(partnerContact);
    await partner.getByLabel(/^E-Mail-Adresse der Kontaktperson/).fill(partnerEmail);
    await save();

    save = await section('Arbeitsplan', 'workplan');
    await page.getByLabel(/^Meilenstein 1\b/).fill('Erste Sprechstunde');
    await page.getByLabel(/^Fällig am \(Meilenstein 1\)/).fill(projectStart);
    await page.getByLabel(/^Meilenstein 2\b/).fill('Abschlusstreffen mit den Familien');
    await page.getByLabel(/^Fällig am \(Meilenstein 2\)/).fill(projectEnd);
    await save();

    // staff and fees; own funds 10 %, the grant covers the rest (deficit financing, at most 90 %)
    save = await section('Finanzierungsplan', 'plan');
    const [first] = years;
    for (const y of years) {
      const only = y === first;
      await page.getByLabel(`Personalausgaben ${y}`, { exact: true }).fill(only ? '20.000,00' : '0');
      await page.getByLabel(`Honorare ${y}`, { exact: true }).fill(only ? '4.000,00' : '0');
      await page.getByLabel(`Eigenmittel ${y}`, { exact: true }).fill(only ? '2.400,00' : '0');
      await page.getByLabel(`Beantragte Zuwendung ${y}`, { exact: true }).fill(only ? '21.600,00' : '0');
    }
    await save();
    await expectRow(table(page, 'Ausgaben'), 'Ausgaben gesamt', { [String(first)]: '24.000,00 €' });
    await expectRow(table(page, 'Finanzierung'), 'Differenz', { [String(first)]: '0,00 €' });

    save = await section('Unterlagen', 'documents');
    await page.getByLabel('Satzung').setInputFiles({
      name: 'satzung.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% Satzung des Nachbarschaftswerks (Test)\n%%EOF\n'),
    });
    await save();
    assert.equal(await link(page, 'Hochgeladen: satzung.pdf').count(), 1);

    save = await section('Erklärungen', 'declarations');
    for (const box of await page.locator('main form input[type="checkbox"]').all()) await box.check();
    await save();

    // the partner confirms its own part (the plan is there, so its share has an amount): the carrier
    // asks, the contact opens the link mailed to it, read from the administrator's outbox
    await section('Partner und Kooperation', 'partners');
    await press(
      page,
      button(page, 'Bestätigung von Deutsch-Türkischer Kulturverein Mainz e. V. anfordern'),
      `${overview}/partners`,
      'partnersAsked',
    );
    const confirmLink = await mailedLink(partnerEmail);
    const partnerContext = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
    try {
      const own = await partnerContext.newPage();
      await visit(own, confirmLink);
      assert.equal(await h1(own), 'Ihren Teil am Projekt bestätigen');
      await own.getByLabel('Ja, ich bestätige diesen Teil für unsere Organisation.').check();
      await submitForm(own, own.getByRole('button', { name: 'Antwort senden' }), 200);
      assert.equal(await h1(own), 'Vielen Dank, Ihre Bestätigung ist gespeichert');
    } finally {
      await partnerContext.close();
    }

    await follow(page, link(page, 'Zurück zur Übersicht'));
    assert.equal(await h1(page), projectTitle);
    const statuses = await Promise.all((await page.locator('main .task-list .kern-task-list__status').all()).map(text));
    assert.deepEqual([...new Set(statuses)], ['vollständig'], 'every section is complete');
    await scan(page, 'overview, complete');
    await press(page, button(page, 'Antrag einreichen'), overview, 'submitted');
    assert.equal(await text(page.locator('main .kern-badge').first()), 'eingereicht');
    assert.equal(await link(page, 'PDF der Fassung 1').count(), 1);
    await scan(page, 'overview, submitted');
  });

  step('the officer finds the application in the ranking and assigns the reviewer', officerEmail, async (page) => {
    assert.ok(found.programme && found.application);
    await visit(page, found.programme);
    await follow(page, link(page, `Rangliste: ${callTitle}`));
    assert.equal(await h1(page), 'Rangliste');
    const ranking = table(page, 'Anträge nach Bewertung');
    await expectRow(ranking, undefined, {
      'Rang und Projekt': `1. ${projectTitle}`,
      'Antragstellende Organisation': carrierName,
      Mittelwert: '–',
      Gutachten: '0 (befangen: 0)',
      Beantragt: '21.600,00 €',
      Status: 'eingereicht',
    });
    const row = ranking.locator('tbody tr');
    await scan(page, 'ranking, not yet reviewed');

    await follow(page, row.getByRole('link', { name: `1. ${projectTitle}`, exact: true }));
    assert.equal(new URL(page.url()).pathname, `/de/funding/applications/${found.application}`);
    assert.equal(await h1(page), projectTitle);
    assert.equal(await text(table(page, 'Begutachtung').locator('tbody tr')), 'Noch keine Gutachter:innen zugewiesen.');
    await scan(page, 'application, as officer');
    // the reviewer's option names them (and the topics they review, if they gave any)
    const reviewers = page.getByLabel('Gutachter:in hinzufügen', { exact: true });
    const option = reviewers.locator('option', { hasText: reviewerName });
    await reviewers.selectOption((await option.getAttribute('value')) ?? '');
    await press(page, button(page, 'Zuweisen'), `/de/funding/applications/${found.application}`, 'saved');
    await expectRow(table(page, 'Begutachtung'), reviewerName, {
      'Gutachter:in': reviewerName,
      Stand: 'Erklärung ausstehend',
      'Gewichtete Bewertung': '–',
    });
    await scan(page, 'application, reviewer assigned');
  });

  step(
    'the reviewer declares no conflict of interest, scores every criterion and submits',
    reviewerEmail,
    async (page) => {
      await follow(page, nav(page, 'Begutachtung'));
      assert.equal(await h1(page), 'Meine Begutachtungen');
      await expectRow(table(page, 'Meine Begutachtungen'), callTitle, {
        Projekt: projectTitle,
        Titel: callTitle,
        Stand: 'Erklärung ausstehend',
      });
      const row = page.locator('main tbody tr', { hasText: callTitle });
      await scan(page, 'my reviews');

      // before the application is shown: the declaration
      await follow(page, row.getByRole('link', { name: projectTitle, exact: true }));
      const review = new URL(page.url()).pathname;
      assert.equal(await h1(page), 'Erklärung zur Befangenheit');
      assert.equal(await page.getByText(goals[0]!).count(), 0, 'the application is not shown yet');
      await scan(page, 'declaration');
      await page.getByLabel('Ich bin nicht befangen', { exact: true }).check();
      await press(page, button(page, 'Erklärung abgeben'), review);

      // now the application and the rubric
      assert.equal(await h1(page), 'Begutachtung');
      assert.equal(await term(page, 'Antragstellende Organisation'), carrierName);
      assert.equal(await term(page, 'Beantragte Zuwendung'), '21.600,00 €');
      await scan(page, 'review form');
      const scores = [
        {
          criterion: 'Beteiligung der Migrantenorganisation (Gewicht 3)',
          score: '5 – auf Augenhöhe',
          comment: 'Der Kulturverein plant und entscheidet mit.',
        },
        {
          criterion: 'Übertragbarkeit (Gewicht 1)',
          score: '4 – klar beschrieben',
          comment: 'Für andere Stadtteile gut denkbar.',
        },
      ];
      const criteria = page.locator('main form > fieldset');
      assert.equal(await criteria.count(), scores.length, 'one group per criterion');
      for (const s of scores) {
        const group = criteria.filter({ has: page.locator('legend', { hasText: s.criterion }) });
        await group.getByLabel(s.score, { exact: true }).check();
        await group.getByLabel(/^Begründung/).fill(s.comment);
      }
      await press(page, button(page, 'Begutachtung abschicken'), review, 'reviewSubmitted');
      assert.equal(await page.getByText('Ihre Begutachtung ist abgeschickt.', { exact: true }).count(), 1);
      const own = table(page, 'Ihre Bewertung');
      await expectRow(own, 'Beteiligung der Migrantenorganisation', { Bewertung: '5', Begründung: scores[0]!.comment });
      await expectRow(own, 'Übertragbarkeit', { Bewertung: '4', Begründung: scores[1]!.comment });
      assert.equal(await page.locator('main form').count(), 0, 'nothing to change any more');
      await scan(page, 'review, submitted');
    },
  );

  step(
    'the officer reads the ranking and approves with an amount per year and a condition',
    officerEmail,
    async (page) => {
      assert.ok(found.programme && found.application);
      await visit(page, found.programme);
      await follow(page, link(page, `Rangliste: ${callTitle}`));
      const ranking = table(page, 'Anträge nach Bewertung');
      // the weighted score: (5 × 3 + 4 × 1) / 4
      await expectRow(ranking, undefined, {
        'Rang und Projekt': `1. ${projectTitle}`,
        Mittelwert: '4,75',
        Gutachten: '1 (befangen: 0)',
      });
      const budget = table(page, 'Budget je Haushaltsjahr');
      // what the programme has approved already (the demo's running grants) is off the year's budget
      const before = await rowOf(budget, String(year));
      assert.equal(before.Programmbudget, '300.000,00 €');
      assert.equal(before['Beantragt (alle)'], '21.600,00 €');
      const approvedBefore = cents(before['Bewilligt im Programm']);
      assert.equal(cents(before.Verbleibend), 30_000_000 - approvedBefore);
      const row = ranking.locator('tbody tr');
      await scan(page, 'ranking, reviewed');

      await follow(page, row.getByRole('link', { name: `1. ${projectTitle}`, exact: true }));
      await expectRow(table(page, 'Begutachtung'), reviewerName, {
        Stand: 'abgeschickt',
        'Gewichtete Bewertung': '4,75',
      });
      await scan(page, 'application, reviewed');
      const decision = page
        .locator('main form')
        .filter({ has: page.getByRole('button', { name: 'Entwurf speichern' }) });
      await decision.getByLabel('bewilligt', { exact: true }).check();
      for (const y of years) {
        const amount = decision.getByLabel(new RegExp(`^Bewilligung ${y}`));
        assert.equal(await amount.inputValue(), y === years[0] ? '21600,00' : '0,00', 'prefilled with the request');
        await amount.fill(y === years[0] ? '20.000,00' : '0');
      }
      await decision.getByLabel(/^Nebenbestimmungen und Auflagen/).fill(condition);
      // a cut needs its reasons
      await submitForm(page, button(page, 'Entwurf speichern'), 400);
      assert.match(await text(page.locator('main .error-summary')), /Begründung/);
      await scan(page, 'application, cut without reasons');
      await decision.getByLabel(/^Begründung/).fill(cutReasons);
      await press(
        page,
        button(page, 'Entwurf speichern'),
        `/de/funding/applications/${found.application}`,
        'draftSaved',
      );
      // the draft: the plan it binds, balanced, and a preview marked as a draft; nothing issued yet
      assert.equal(await link(page, 'Vorschau des Bescheids (PDF, Entwurf)').count(), 1);
      await scan(page, 'application, draft decision');
      await press(page, button(page, 'Bescheid erlassen'), `/de/funding/applications/${found.application}`, 'saved');
      assert.equal(await text(page.locator('main .kern-subline')), `${carrierName} · bewilligt`);
      assert.equal(await term(page, 'Entscheidung'), 'bewilligt');
      assert.equal(await term(page, `Bewilligung ${years[0]}`), '20.000,00 €');
      assert.equal(await term(page, 'Nebenbestimmungen und Auflagen'), condition);
      assert.equal(await button(page, 'Entwurf speichern').count(), 0, 'decided once');
      assert.equal(await button(page, 'Bescheid erlassen').count(), 0, 'issued once');
      found.grant = (await hrefOf(link(page, 'Zur Projektverwaltung (Mittelabruf, Nachweise)'))).split('/').pop();
      await scan(page, 'application, approved');

      await follow(page, link(page, 'Zur Rangliste'));
      const afterRow = await rowOf(budget, String(year));
      assert.equal(cents(afterRow['Bewilligt im Programm']), approvedBefore + 2_000_000);
      assert.equal(cents(afterRow.Verbleibend), 30_000_000 - approvedBefore - 2_000_000);
      await expectRow(ranking, undefined, { 'Rang und Projekt': `1. ${projectTitle}`, Status: 'bewilligt' });
      await scan(page, 'ranking, decided');
    },
  );

  step('the carrier sees the grant, downloads the decision and draws money', carrierEmail, async (page) => {
    assert.ok(found.application && found.grant);
    await follow(page, nav(page, 'Meine Anträge'));
    await expectRow(table(page, 'Anträge meiner Organisation'), projectTitle, {
      Titel: callTitle,
      Status: 'bewilligt',
    });
    const mine = page.locator('main tbody tr', { hasText: projectTitle });
    await scan(page, 'my applications, approved');
    await follow(page, mine.getByRole('link', { name: projectTitle, exact: true }));
    assert.equal(await text(page.locator('main .kern-badge').first()), 'bewilligt');
    await scan(page, 'overview, approved');

    // the grant decision: a PDF with the amount and the condition
    const pdf = await page.context().request.get(await hrefOf(link(page, 'Zuwendungsbescheid (PDF)')));
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const body = await pdf.body();
    assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(body) }).promise;
    // the whole notice: its conditions stand after the binding plan, on a later page
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++)
      pages.push((await (await doc.getPage(n)).getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join(' '));
    const pdfText = pages.join(' ').replace(/\s+/g, ' ');
    assert.match(pdfText, /Zuwendungsbescheid/);
    assert.match(pdfText, /20\.000,00/);
    assert.ok(pdfText.includes(condition), 'the condition is in the decision');

    // "Meine Projekte": the grant and its page
    await follow(page, nav(page, 'Meine Projekte'));
    assert.equal(await h1(page), 'Bewilligte Projekte');
    await expectRow(table(page, 'Bewilligte Projekte'), projectTitle, {
      Projekt: projectTitle,
      Bewilligt: '20.000,00 €',
      Abgerufen: '0,00 €',
      'Offene Abrufe': '0',
      'Nächste Frist': longDate(finalReportDue),
    });
    const project = page.locator('main tbody tr', { hasText: projectTitle });
    await scan(page, 'my projects');
    await follow(page, project.getByRole('link', { name: projectTitle, exact: true }));
    assert.equal(new URL(page.url()).pathname, `/de/grants/${found.grant}`);
    assert.equal(await h1(page), projectTitle);
    assert.equal(
      await text(page.locator('main .kern-subline')),
      `${longDate(projectStart)} – ${longDate(projectEnd)} · Bewilligt: 20.000,00 €`,
    );
    await expectRow(table(page, 'Zuwendung je Haushaltsjahr'), String(years[0]), {
      Bewilligt: '20.000,00 €',
      Abgerufen: '0,00 €',
      Verbleibend: '20.000,00 €',
    });
    await expectRow(table(page, 'Nachweise'), 'Verwendungsnachweis', {
      'Fällig am': longDate(finalReportDue),
      Status: 'offen',
    });
    assert.equal(await text(table(page, 'Mittelabrufe').locator('tbody tr')), 'Noch keine Mittelabrufe.');
    await scan(page, 'grant');

    // money for the salaries, due today
    const request = page.locator('main section', { has: page.getByRole('heading', { name: 'Mittel abrufen' }) });
    await request.getByLabel(/^Haushaltsjahr/).selectOption(String(years.at(-1)));
    await request.getByLabel(/^Ausgabeposition/).selectOption({ label: 'Personalausgaben' });
    await request.getByLabel(/^Angeforderter Betrag/).fill('12.000,00');
    await request.getByLabel(/^Fällig am/).fill(today);
    await request.getByLabel(/^Wofür\?/).fill(purpose);
    await press(page, button(page, 'Abruf senden'), `/de/grants/${found.grant}`, 'paymentRequested');
    await expectRow(table(page, 'Mittelabrufe'), purpose, {
      'Wofür?': `${purpose} (Personalausgaben ${years.at(-1)})`,
      'Fällig am': longDate(today),
      'Angeforderter Betrag': '12.000,00 €',
      Ausgezahlt: '0,00 €',
      Ausgegeben: '0,00 €',
      Status: 'beantragt',
    });
    await scan(page, 'grant, money requested');
  });

  step('the officer pays the request out', officerEmail, async (page) => {
    assert.ok(found.grant);
    await follow(page, nav(page, 'Förderung'));
    await expectRow(table(page, 'Bewilligte Projekte'), projectTitle, {
      'Antragstellende Organisation': carrierName,
      Bewilligt: '20.000,00 €',
      'Offene Abrufe': '1',
    });
    const project = page.locator('main tbody tr', { hasText: projectTitle });
    await scan(page, 'funding home, a payment pending');
    await follow(page, project.getByRole('link', { name: projectTitle, exact: true }));
    const decide = page.locator('main form').filter({ hasText: `Abruf „${purpose}“ über 12.000,00 €` });
    assert.equal(await decide.getByLabel(/^Auszuzahlender Betrag/).inputValue(), '12000,00');
    await scan(page, 'grant, as officer, a payment to decide');
    await press(
      page,
      decide.getByRole('button', { name: 'Auszahlen', exact: true }),
      `/de/grants/${found.grant}`,
      'saved',
    );
    await expectRow(table(page, 'Mittelabrufe'), purpose, { Ausgezahlt: '12.000,00 €', Status: 'ausgezahlt' });
    assert.equal(await button(page, 'Auszahlen').count(), 0);
    await scan(page, 'grant, paid out');
  });

  step('the carrier reports the money spent', carrierEmail, async (page) => {
    assert.ok(found.grant);
    await visit(page, `/de/grants/${found.grant}`);
    const spent = page.locator('main form').filter({ hasText: `Ausgaben melden für „${purpose}“ (12.000,00 €)` });
    assert.equal(await spent.getByLabel(/^Davon ausgegeben/).inputValue(), '12000,00');
    await spent.getByLabel(/^Ausgegeben bis/).fill(today);
    await scan(page, 'grant, money to report as spent');
    await press(
      page,
      spent.getByRole('button', { name: 'Ausgaben melden', exact: true }),
      `/de/grants/${found.grant}`,
      'saved',
    );
    await expectRow(table(page, 'Mittelabrufe'), purpose, { Ausgegeben: '12.000,00 €', Status: 'ausgezahlt' });
    // planned as the decision binds it: the cut of 1.600 € lowered the expenses in proportion
    await expectRow(table(page, 'Mittelübersicht'), `Personalausgaben ${years.at(-1)}`, {
      Geplant: '18.666,66 €',
      Abgerufen: '12.000,00 €',
      Ausgegeben: '12.000,00 €',
    });
    assert.equal(await button(page, 'Ausgaben melden').count(), 0, 'all of it is spent');
    assert.equal(await page.locator('main [role="alert"]').count(), 0, 'nothing overdue');
    await scan(page, 'grant, money spent');
  });

  step('the carrier writes the final report, imports the receipts and submits', carrierEmail, async (page) => {
    assert.ok(found.grant);
    await follow(page, table(page, 'Nachweise').getByRole('link', { name: 'Verwendungsnachweis', exact: true }));
    const report = new URL(page.url()).pathname;
    found.finalReport = report;
    assert.equal(await h1(page), 'Verwendungsnachweis');
    assert.equal(await text(page.locator('main .kern-subline')), projectTitle);
    assert.equal(await term(page, 'Status'), 'offen');
    assert.equal(await text(table(page, 'Belegliste').locator('tbody tr')), 'Noch keine Belege.');
    await scan(page, 'final report, open');

    // the narrative: one answer per goal of the application
    const narrative = [
      'In den Sprechstunden haben wir 120 Familien beraten, 70 davon auf Türkisch.',
      'Der Kulturverein leitet die Sprechstunden inzwischen selbst.',
    ];
    for (const [i, goal] of goals.entries())
      await page.getByLabel(`Was wurde erreicht? Ziel: ${goal}`).fill(narrative[i]!);
    await press(page, button(page, 'Speichern'), report, 'saved');
    assert.equal(await page.getByLabel(`Was wurde erreicht? Ziel: ${goals[0]}`).inputValue(), narrative[0]);
    await scan(page, 'final report, narrative saved');

    // the receipt list as a spreadsheet exports it: semicolons, German dates and amounts
    const csv = [
      'Datum;Empfänger;Zweck;Betrag;Position',
      `${germanDate(projectEnd)};Fachkraft Sozialberatung;Gehalt bis Projektende;6.000,00;Personalausgaben`,
      `${germanDate(projectStart)};Fachkraft Sozialberatung;Gehalt Januar;6.000,00;Personalausgaben`,
      `${germanDate(projectEnd)};Dolmetscherin;Elternabend auf Türkisch;450,00;Honorare`,
    ].join('\r\n');
    await page.getByLabel(/^Belegliste als CSV-Datei/).setInputFiles({
      name: 'belegliste.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await press(page, button(page, 'Belegliste importieren'), report, 'saved');
    const receipts = table(page, 'Belegliste').locator('tbody tr');
    assert.equal(await receipts.count(), 3);
    // in time order, whatever the order in the file
    assert.deepEqual(await cells(receipts.first()), [
      longDate(projectStart),
      'Fachkraft Sozialberatung',
      'Gehalt Januar',
      'Personalausgaben',
      '6.000,00 €',
    ]);
    const statement = table(page, 'Zahlenmäßiger Nachweis');
    // planned as the cut decision binds it; the last column says what it compares
    await expectRow(statement, 'Personalausgaben', {
      Geplant: '18.666,66 €',
      Ist: '12.000,00 €',
      'Ist − Plan': '-6.666,66 €',
    });
    const fees = await rowOf(statement, 'Honorare');
    assert.equal(fees.Ist, '450,00 €');
    assert.ok(cents(fees.Geplant) < 400_000, 'the fees were cut in proportion too');
    assert.equal(cents(fees['Ist − Plan']), 45_000 - cents(fees.Geplant));
    await scan(page, 'final report, receipts imported');

    await press(page, button(page, 'Nachweis einreichen'), report, 'reportSubmitted');
    assert.equal(await term(page, 'Status'), 'eingereicht');
    assert.equal(await page.locator('main form').count(), 0, 'nothing to change any more');
    assert.equal(await term(page, goals[1]!), narrative[1]);
    await scan(page, 'final report, submitted');
  });

  step('the officer accepts the final report', officerEmail, async (page) => {
    assert.ok(found.grant && found.finalReport);
    await visit(page, `/de/grants/${found.grant}`);
    await expectRow(table(page, 'Nachweise'), 'Verwendungsnachweis', { Status: 'eingereicht' });
    const reports = table(page, 'Nachweise').locator('tbody tr', { hasText: 'Verwendungsnachweis' });
    await follow(page, reports.getByRole('link', { name: 'Verwendungsnachweis', exact: true }));
    assert.equal(new URL(page.url()).pathname, found.finalReport);
    assert.equal(await table(page, 'Belegliste').locator('tbody tr').count(), 3);
    await scan(page, 'final report, as officer');
    await page.getByLabel(/^Anmerkung des Programmreferats/).fill('Sachbericht und Belege sind vollständig.');
    await press(page, button(page, 'Anerkennen'), found.finalReport, 'saved');
    assert.equal(await term(page, 'Status'), 'anerkannt');
    assert.equal(await term(page, 'Anmerkung des Programmreferats'), 'Sachbericht und Belege sind vollständig.');
    assert.equal(await page.getByText('Dieser Nachweis ist anerkannt.', { exact: true }).count(), 1);
    assert.equal(await page.locator('main form').count(), 0);
    await scan(page, 'final report, accepted');
  });

  step('the carrier sees the report accepted', carrierEmail, async (page) => {
    assert.ok(found.grant);
    await visit(page, `/de/grants/${found.grant}`);
    await expectRow(table(page, 'Nachweise'), 'Verwendungsnachweis', { Status: 'anerkannt' });
    await scan(page, 'grant, report accepted');
  });
});
