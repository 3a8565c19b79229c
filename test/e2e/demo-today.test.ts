// demo_today: the README's "Funding in brief" walked on the demo on the day it is loaded, in German
// and without JavaScript, by the demo carrier (traeger@), the officer (referat@) and the reviewer
// (gutachten@), on the five running grants of demo-grants.ts. Nothing here creates its own call or
// grant: every step uses what the demo left, so a demo that has aged (a project ended, a window
// closed) fails here. Dates come from the same clock the server runs on (the real one).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, addMonths, berlinDate } from '../../src/core/time/calendar';
import { demoGrantTitles } from '../../src/modules/funding/demo-grants';
import {
  type Browser,
  hrefOf,
  type Locator,
  launchBrowser,
  newContext,
  type Page,
  readDemoAccounts,
  type Server,
  startServer,
  submitForm,
  submitSetup,
  visit,
  watchProblems,
} from './helpers';

const carrierEmail = 'traeger@demo.example';
const officerEmail = 'referat@demo.example';
const reviewerEmail = 'gutachten@demo.example';

const today = berlinDate(new Date());
const year = Number(today.slice(0, 4));
const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

let server: Server;
let browser: Browser;
let demoAccounts = new Map<string, string>();
const people = new Map<string, { page: Page; problems: string[] }>();
/** what one step finds and a later one needs */
const found: { extension?: string; finalReport?: string } = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await newContext(browser, server.baseUrl);
  const setup = await context.newPage();
  await visit(setup, server.setupUrl);
  await submitSetup(setup, {
    name: 'Erika Mustermann',
    email: 'erika@example.org',
    password: 'a long and secret passphrase',
    demo: true,
  });
  demoAccounts = await readDemoAccounts(setup);
  await context.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const h1 = (page: Page) => text(page.locator('main h1'));
const table = (page: Page, caption: string) =>
  page.locator('main table').filter({ has: page.locator('caption', { hasText: caption }) });
const row = (tbl: Locator, hasText: string) => tbl.locator('tbody tr', { hasText });
const button = (page: Page, name: string) => page.locator('main').getByRole('button', { name, exact: true });
const link = (page: Page, name: string | RegExp) =>
  page.locator('main').getByRole('link', typeof name === 'string' ? { name, exact: true } : { name });
const nav = (page: Page, name: string) => page.locator('.site-nav').getByRole('link', { name, exact: true });
const term = (page: Page, key: string) =>
  text(
    page
      .locator('main .kern-description-list-item')
      .filter({ has: page.locator('dt', { hasText: key }) })
      .locator('dd'),
  );

async function follow(page: Page, target: Locator) {
  const path = new URL(await hrefOf(target), page.url()).pathname;
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === path),
    page.waitForURL((u) => u.pathname === path),
    target.click(),
  ]);
  assert.equal(res.status(), 200, `${path} answered ${res.status()}`);
}

/** Presses a form's button; the answer redirects to a page without errors. */
async function press(page: Page, b: Locator) {
  await submitForm(page, b, 303);
  assert.equal(await page.locator('main .error-summary').count(), 0, 'no errors');
}

async function as(email: string) {
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
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await submitForm(page, page.locator('main form button[type="submit"]'), 303);
  return person;
}

/** Each step stands alone (a failing one does not hide the others), as one person. */
function step(name: string, email: string, body: (page: Page) => Promise<void>) {
  test(name, async () => {
    const { page, problems } = await as(email);
    problems.length = 0;
    await body(page);
    assert.deepEqual(problems, [], 'no console errors, failed requests or failed assets');
  });
}

/** From "Meine Projekte" (carrier) or "Förderung" (officer) to a grant's page. */
async function openGrant(page: Page, title: string, from: 'Meine Projekte' | 'Förderung') {
  await follow(page, nav(page, from));
  const projects = table(page, 'Bewilligte Projekte');
  await follow(page, row(projects, title).getByRole('link', { name: title, exact: true }));
  assert.equal(await h1(page), title);
}

describe('demo_today', { concurrency: false }, () => {
  step('officer: programmes and calls; the open call is for next year', officerEmail, async (page) => {
    await follow(page, nav(page, 'Förderung'));
    assert.equal(await h1(page), 'Förderung');
    await follow(page, link(page, 'Stärkere Beteiligung von Migrantenorganisationen'));
    assert.equal(await row(table(page, 'Förderaufrufe'), `Gemeinsam vor Ort ${year + 1}`).count(), 1);
    assert.match(await term(page, 'Budget je Haushaltsjahr'), new RegExp(`${year + 1}: 450\\.000,00 €`));
  });

  step('carrier: the open call, and the draft in it continues', carrierEmail, async (page) => {
    await follow(page, nav(page, 'Förderaufrufe'));
    const call = `Gemeinsam vor Ort ${year + 1}`;
    await follow(page, page.locator('main .kern-card').getByRole('link', { name: call, exact: true }));
    assert.equal(await h1(page), call);
    await follow(page, link(page, 'Antrag stellen'));
    assert.equal(await h1(page), 'Antrag stellen');
    await follow(page, nav(page, 'Meine Anträge'));
    const mine = table(page, 'Anträge meiner Organisation');
    await follow(page, row(mine, 'Nachbarschaft im Tandem').getByRole('link', { name: 'Nachbarschaft im Tandem' }));
    await follow(page, page.locator('main .task-list').getByRole('link', { name: 'Projektdaten', exact: true }));
    assert.equal(await page.getByLabel('Projektbeginn', { exact: true }).inputValue(), `${year + 1}-01-01`);
    await press(page, button(page, 'Speichern'));
  });

  step('reviewer: declares no conflict and scores the open application', reviewerEmail, async (page) => {
    await follow(page, nav(page, 'Begutachtung'));
    const mine = table(page, 'Meine Begutachtungen');
    const r = row(mine, 'Elternlotsen Westpfalz');
    assert.match(await text(r), /Erklärung ausstehend/);
    await follow(page, r.getByRole('link', { name: 'Elternlotsen Westpfalz', exact: true }));
    await page.getByLabel('Ich bin nicht befangen', { exact: true }).check();
    await press(page, button(page, 'Erklärung abgeben'));
    assert.equal(await h1(page), 'Begutachtung');
    for (const group of await page.locator('main form > fieldset').all()) {
      await group.getByRole('radio').nth(3).check();
      await group.getByLabel(/^Begründung/).fill('Gut begründet.');
    }
    await press(page, button(page, 'Begutachtung abschicken'));
    assert.equal(await page.getByText('Ihre Begutachtung ist abgeschickt.', { exact: true }).count(), 1);
  });

  step('officer: ranks the open call and approves the reviewed application', officerEmail, async (page) => {
    await follow(page, nav(page, 'Förderung'));
    await follow(page, link(page, 'Stärkere Beteiligung von Migrantenorganisationen'));
    await follow(page, link(page, `Rangliste: Gemeinsam vor Ort ${year + 1}`));
    const ranking = table(page, 'Anträge nach Bewertung');
    const r = row(ranking, 'Elternlotsen Westpfalz');
    assert.match(await text(r), /1 \(befangen: 0\)/);
    await follow(page, r.getByRole('link', { name: /Elternlotsen Westpfalz/ }));
    const decision = page.locator('main form').filter({ has: page.getByRole('button', { name: 'Entwurf speichern' }) });
    await decision.getByLabel('bewilligt', { exact: true }).check();
    await press(page, button(page, 'Entwurf speichern'));
    // the draft with its preview, then issued
    assert.equal(await link(page, 'Vorschau des Bescheids (PDF, Entwurf)').count(), 1);
    await press(page, button(page, 'Bescheid erlassen'));
    assert.equal(await term(page, 'Entscheidung'), 'bewilligt');
  });

  step('carrier: my projects list the running grants', carrierEmail, async (page) => {
    await follow(page, nav(page, 'Meine Projekte'));
    const projects = table(page, 'Bewilligte Projekte');
    for (const title of [demoGrantTitles.running, demoGrantTitles.lastMonths, demoGrantTitles.justEnded])
      assert.equal(await row(projects, title).count(), 1, title);
  });

  step('carrier: requests money on the running grant; one request already waits', carrierEmail, async (page) => {
    await openGrant(page, demoGrantTitles.running, 'Meine Projekte');
    const payments = table(page, 'Mittelabrufe');
    assert.equal(await row(payments, 'beantragt').count(), 1, 'a request waits for the officer');
    const request = page.locator('main section', { has: page.getByRole('heading', { name: 'Mittel abrufen' }) });
    await request.getByLabel(/^Haushaltsjahr/).selectOption(String(year));
    await request.getByLabel(/^Ausgabeposition/).selectOption({ label: 'Sachausgaben' });
    await request.getByLabel(/^Angeforderter Betrag/).fill('450,00');
    await request.getByLabel(/^Fällig am/).fill(addDays(today, 14));
    await request.getByLabel(/^Wofür\?/).fill('Moderationsmaterial für den Ausbildungskurs');
    await press(page, button(page, 'Abruf senden'));
    assert.equal(await row(payments, 'beantragt').count(), 2);
  });

  step('carrier: shifts a little money within the 20 % rule, recorded at once', carrierEmail, async (page) => {
    await openGrant(page, demoGrantTitles.running, 'Meine Projekte');
    await follow(page, link(page, 'Änderungen und Mitteilungen'));
    // this week's small shift is recorded already, the larger one waits for the officer
    const recorded = await row(table(page, 'Änderungen'), 'festgehalten').count();
    assert.equal(await row(table(page, 'Änderungen'), 'beantragt').count(), 1);
    await follow(page, link(page, 'Mittel zwischen Positionen umschichten'));
    await page.getByLabel(/^Haushaltsjahr/).selectOption(String(year));
    await page.getByLabel(/^Von Position/).selectOption({ label: 'Personalausgaben' });
    await page.getByLabel(/^Zu Position/).selectOption({ label: 'Reisekosten' });
    await page.getByLabel(/^Betrag in Euro/).fill('300,00');
    await page.getByLabel(/^Begründung/).fill('Mehr Hausbesuche in den Außenbezirken.');
    await press(page, button(page, 'Absenden'));
    assert.equal(await row(table(page, 'Änderungen'), 'festgehalten').count(), recorded + 1);
  });

  step('carrier: the interim report of the running grant is open', carrierEmail, async (page) => {
    await openGrant(page, demoGrantTitles.running, 'Meine Projekte');
    const reports = table(page, 'Nachweise');
    const open = row(reports, 'offen').first();
    assert.match(await text(open), /Zwischennachweis/);
    await follow(page, open.getByRole('link', { name: /Zwischennachweis/ }));
    assert.equal(await term(page, 'Status'), 'offen');
  });

  step('carrier: sees the unspent money in its last months and reports it spent', carrierEmail, async (page) => {
    await openGrant(page, demoGrantTitles.lastMonths, 'Meine Projekte');
    const alert = page.locator('main [role="alert"]');
    assert.match(await text(alert), /Abgerufene Mittel nicht rechtzeitig ausgegeben/);
    const spent = page.locator('main form').filter({ hasText: 'Ausgaben melden für „Honorare Referentinnen' });
    // the form shows what is reported so far; all of what was paid is spent now
    const paid = (await text(spent)).match(/\(([\d.]+,\d{2}) €\)/)?.[1];
    assert.ok(paid, 'the form names the amount paid');
    await spent.getByLabel(/^Davon ausgegeben/).fill(paid);
    await spent.getByLabel(/^Ausgegeben bis/).fill(today);
    await press(page, spent.getByRole('button', { name: 'Ausgaben melden', exact: true }));
    assert.equal(await page.locator('main [role="alert"]').count(), 0, 'nothing unspent any more');
  });

  step('carrier: asks for a three months longer project in its last months', carrierEmail, async (page) => {
    await openGrant(page, demoGrantTitles.lastMonths, 'Meine Projekte');
    const grantPage = new URL(page.url()).pathname;
    await follow(page, link(page, 'Änderungen und Mitteilungen'));
    await follow(page, link(page, 'Laufzeit verlängern'));
    const current = (await text(page.locator('main'))).match(/Bisher endet das Projekt am ([^.]+\.[^.]*\d{4})/);
    assert.ok(current, `the page says the current end (${grantPage})`);
    const thisMonth = `${today.slice(0, 7)}-01`;
    const newEnd = addDays(addMonths(thisMonth, 6), -1);
    await page.getByLabel(/^Neues Projektende/).fill(newEnd);
    await page.getByLabel(/^Begründung/).fill('Die Abschlusstagung kann erst nach der Kommunalwahl stattfinden.');
    await press(page, button(page, 'Absenden'));
    const r = row(table(page, 'Änderungen'), 'Verlängerung');
    assert.match(await text(r), /beantragt/);
    found.extension = await hrefOf(r.getByRole('link'));
  });

  step('carrier: imports receipts into the final report of the ended grant and submits', carrierEmail, async (page) => {
    await openGrant(page, demoGrantTitles.justEnded, 'Meine Projekte');
    await follow(page, table(page, 'Nachweise').getByRole('link', { name: 'Verwendungsnachweis', exact: true }));
    found.finalReport = new URL(page.url()).pathname;
    assert.equal(await term(page, 'Status'), 'offen');
    // within the project, which ended one to two months ago
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -40);
    const csv = [
      'Datum;Empfänger;Zweck;Betrag;Position',
      `${germanDate(lastMonth)};Sprachmittlerin;Elterncafé Arabisch;180,00;Honorare`,
      `${germanDate(addDays(lastMonth, -30))};Druckerei Neustadt;Einladungen;95,50;Sachausgaben`,
    ].join('\r\n');
    await page.getByLabel(/^Belegliste als CSV-Datei/).setInputFiles({
      name: 'belegliste.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await press(page, button(page, 'Belegliste importieren'));
    assert.equal(await table(page, 'Belegliste').locator('tbody tr').count(), 2);
    await press(page, button(page, 'Nachweis einreichen'));
    assert.equal(await term(page, 'Status'), 'eingereicht');
  });

  step('officer: the dashboard shows the overdue report and the waiting requests', officerEmail, async (page) => {
    await follow(page, nav(page, 'Förderung'));
    const projects = table(page, 'Bewilligte Projekte');
    for (const title of Object.values(demoGrantTitles)) assert.equal(await row(projects, title).count(), 1, title);
    assert.match(await text(page.locator('main')), /überfällig/);
  });

  step('officer: pays out the waiting request on the running grant', officerEmail, async (page) => {
    await openGrant(page, demoGrantTitles.running, 'Förderung');
    const decide = page.locator('main form').filter({ hasText: 'Abruf „Gehälter ab' });
    await press(page, decide.getByRole('button', { name: 'Auszahlen', exact: true }));
    assert.equal(await row(table(page, 'Mittelabrufe'), 'Gehälter ab').first().count(), 1);
  });

  step('officer: approves the extension into an amended decision', officerEmail, async (page) => {
    await follow(page, nav(page, 'Eingang'));
    const inbox = page.locator('main');
    assert.match(await text(inbox), new RegExp(demoGrantTitles.lastMonths));
    assert.ok(found.extension, 'the carrier asked for it');
    await visit(page, found.extension);
    await page.getByLabel(/^Anmerkung zur Entscheidung/).fill('Einverstanden.');
    await press(page, button(page, 'Zustimmen und Änderungsbescheid erstellen'));
    const pdf = await page.context().request.get(await hrefOf(link(page, 'Änderungsbescheid (PDF)')));
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  step('officer: accepts the final report', officerEmail, async (page) => {
    assert.ok(found.finalReport);
    await visit(page, found.finalReport);
    assert.equal(await term(page, 'Status'), 'eingereicht');
    await page
      .getByLabel(/^Anmerkung des Programmreferats/)
      .fill('Belege geprüft; der nicht belegte Rest wird zurückgefordert.');
    // the receipts the carrier imported cover less than was paid out: accepted only with a reclaim
    assert.equal(await button(page, 'Anerkennen').count(), 0, 'no plain acceptance while money is uncovered');
    await press(page, page.locator('main').getByRole('button', { name: /^Annehmen und .+ zurückfordern$/ }));
    assert.equal(await term(page, 'Status'), 'anerkannt');
  });

  step('officer: the cut grant has its decision and its amended decision', officerEmail, async (page) => {
    await openGrant(page, demoGrantTitles.cut, 'Förderung');
    await follow(page, link(page, 'Änderungen und Mitteilungen'));
    const approved = row(table(page, 'Änderungen'), 'bewilligt');
    await follow(page, approved.getByRole('link'));
    const pdf = await page.context().request.get(await hrefOf(link(page, 'Änderungsbescheid (PDF)')));
    assert.equal(pdf.status(), 200);
  });
});
