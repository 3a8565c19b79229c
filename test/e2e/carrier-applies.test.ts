// carrier_applies: the demo carrier signs in, opens "Meine Anträge" and the draft "Nachbarschaft im
// Tandem", fills in the work plan and the financing plan, uploads the statute, ticks the
// declarations, asks the partner to confirm its part (the partner's contact opens the mailed link,
// read from the administrator's outbox as the contact would click it, and confirms without an
// account) and submits; the overview then shows version 1 with its PDF. The programme officer
// opens the same application and sees who confirmed. JavaScript is off throughout: every step is a plain link or form.
// axe scans every page on the way (as a copy of the page in a context with scripts, see
// `expectNoAxeViolationsWithoutScripts`).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
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
const draftTitle = 'Nachbarschaft im Tandem';
const partnerName = 'Deutsch-Türkischer Kulturverein Mainz e. V.';
const partnerEmail = 'vorstand@kulturverein-mainz.example';
const partnerContact = 'Ayşe Demir';
const admin = { name: 'Erika Mustermann', email: 'erika@example.org', password: 'a long and secret passphrase' };

let server: Server;
let browser: Browser;
/** a context with scripts where the pages seen without them are scanned */
let scanContext: BrowserContext;
let scanner: Page;
let demoAccounts = new Map<string, string>();
let files: string;
/** what the carrier saw in the address bar on the overview, for the officer */
let overviewPath = '';
let submitted = false;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  files = mkdtempSync(join(tmpdir(), 'mp-e2e-files-'));
  scanContext = await newContext(browser, server.baseUrl, { bypassCSP: true });
  scanner = await scanContext.newPage();
  // the administrator sets the instance up with demo data; the result page lists the demo accounts
  const setup = await scanner.context().newPage();
  await visit(setup, server.setupUrl);
  await submitSetup(setup, { ...admin, demo: true });
  demoAccounts = await readDemoAccounts(setup);
  await setup.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const h1 = (page: Page) => text(page.locator('h1'));
const scan = (page: Page, where: string) => expectNoAxeViolationsWithoutScripts(page, scanner, where);

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

/** Saves a section with its save button: the answer sends back to the section with a notice. */
async function save(page: Page, section: string) {
  await submitForm(page, page.locator('main form button[type="submit"]'), 303);
  const url = new URL(page.url());
  assert.ok(url.pathname.endsWith(`/${section}`), `back on the section, not ${url.pathname}`);
  assert.equal(url.searchParams.get('notice'), 'saved');
  assert.equal(await text(page.locator('main [role="status"]')), 'Die Änderungen sind gespeichert.');
  assert.equal(await page.locator('.error-summary').count(), 0, `no open points left in ${section}`);
}

/** From a section back to the overview, and on to the next section. */
async function openSection(page: Page, name: string) {
  if (!new URL(page.url()).pathname.endsWith(overviewPath))
    await follow(page, page.getByRole('link', { name: 'Zurück zur Übersicht' }));
  await follow(page, page.locator('main .task-list').getByRole('link', { name, exact: true }));
  assert.equal(await h1(page), name);
  await scan(page, name);
}

/**
 * The link in the newest mail to `to`, from the administrator's outbox (Verwaltung › Postausgang):
 * the job worker writes the mail a few seconds after the request, so the outbox is read until it is there.
 */
async function mailedLink(to: string): Promise<string> {
  const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await signIn(page, admin.email, admin.password);
    for (let i = 0; i < 40; i++) {
      await visit(page, '/de/admin/outbox');
      const row = page.locator('main tbody tr', { hasText: to }).first();
      if ((await row.count()) > 0) {
        await Promise.all([
          page.waitForURL((u) => /^\/de\/admin\/outbox\/[^/]+$/.test(u.pathname)),
          row.getByRole('link').first().click(),
        ]);
        const mail = await text(page.locator('main pre.mail-body'));
        const link = /https?:\/\/\S+\/de\/partner-confirmation\/[A-Za-z0-9_-]+/.exec(mail)?.[0];
        assert.ok(link, `a link in the mail:\n${mail}`);
        return link;
      }
      await page.waitForTimeout(500);
    }
    throw new Error(`no mail to ${to} in the outbox`);
  } finally {
    await context.close();
  }
}

async function signInWithoutScripts(page: Page, email: string) {
  const password = demoAccounts.get(email);
  assert.ok(password, `the setup page lists ${email}`);
  await visit(page, '/de/sign-in');
  await scan(page, 'sign-in');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await submitForm(page, page.locator('main form button[type="submit"]'), 303);
  assert.equal(new URL(page.url()).pathname, '/de/');
  await scan(page, `home page, signed in as ${email}`);
}

describe('carrier_applies', { concurrency: false }, () => {
  test('the demo carrier completes the draft and submits it, without JavaScript', async () => {
    const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      await signInWithoutScripts(page, carrierEmail);

      // "Meine Anträge" in the main navigation, then the draft
      await follow(page, page.locator('.site-nav').getByRole('link', { name: 'Meine Anträge' }));
      assert.equal(await h1(page), 'Anträge meiner Organisation');
      await scan(page, 'my applications');
      await follow(page, page.locator('main').getByRole('link', { name: draftTitle, exact: true }));
      overviewPath = new URL(page.url()).pathname;
      assert.match(overviewPath, /^\/de\/applications\/[0-9a-f-]{36}$/);
      assert.equal(await h1(page), draftTitle);
      await scan(page, 'overview of the draft');

      // the work plan: one milestone
      await openSection(page, 'Arbeitsplan');
      await page.getByLabel(/^Meilenstein 1\b/).fill('Auftakt mit beiden Vereinen');
      await page.getByLabel(/^Fällig am \(Meilenstein 1\)/).fill('2027-03-01');
      await save(page, 'workplan');
      assert.equal(await page.getByLabel(/^Meilenstein 1\b/).inputValue(), 'Auftakt mit beiden Vereinen');
      await scan(page, 'work plan, saved');

      // the financing plan: cover equals expenses, own funds 10 %
      await openSection(page, 'Finanzierungsplan');
      for (const year of [2027, 2028]) {
        await page.getByLabel(`Personalausgaben ${year}`, { exact: true }).fill('40.000,00');
        await page.getByLabel(`Eigenmittel ${year}`, { exact: true }).fill('4.000,00');
        await page.getByLabel(`Beantragte Zuwendung ${year}`, { exact: true }).fill('36.000,00');
      }
      await save(page, 'plan');
      const cells = async (row: string) =>
        Promise.all((await page.locator('main tr', { hasText: row }).locator('td').all()).map(text));
      assert.deepEqual(await cells('Ausgaben gesamt'), ['40.000,00 €', '40.000,00 €']);
      assert.deepEqual(await cells('Differenz'), ['0,00 €', '0,00 €']);
      await scan(page, 'financing plan, saved');

      // the statute as a small PDF
      await openSection(page, 'Unterlagen');
      const statute = join(files, 'satzung.pdf');
      writeFileSync(statute, '%PDF-1.4\n% Satzung des Nachbarschaftswerks (Test)\n%%EOF\n');
      await page.getByLabel('Satzung').setInputFiles(statute);
      await save(page, 'documents');
      assert.equal(await page.getByRole('link', { name: 'Hochgeladen: satzung.pdf' }).count(), 1);
      await scan(page, 'documents, saved');

      // the two declarations (the partners agree for themselves, below)
      await openSection(page, 'Erklärungen');
      const declarations = page.locator('main form input[type="checkbox"]');
      assert.equal(await declarations.count(), 2);
      for (const box of await declarations.all()) await box.check();
      await save(page, 'declarations');
      for (const box of await declarations.all()) assert.ok(await box.isChecked());
      await scan(page, 'declarations, saved');

      // the partner confirms its own part: the carrier asks, the contact opens the mailed link
      await openSection(page, 'Partner und Kooperation');
      await submitForm(page, page.getByRole('button', { name: `Bestätigung von ${partnerName} anfordern` }), 303);
      assert.equal(
        await text(page.locator('main [role="status"]')),
        'Die Partner sind angeschrieben. Ihre Antworten erscheinen hier.',
      );
      await scan(page, 'partners, confirmation requested');
      const link = await mailedLink(partnerEmail);
      const partnerContext = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
      try {
        const own = await partnerContext.newPage();
        await visit(own, link);
        assert.equal(await h1(own), 'Ihren Teil am Projekt bestätigen');
        const part = await text(own.locator('main dl'));
        for (const shown of ['Nachbarschaftswerk Mainz e. V.', draftTitle, 'Tandempartner', '45 %', '36.000,00 €'])
          assert.ok(part.includes(shown), `the partner reads ${shown} in: ${part}`);
        await scan(own, 'the partner’s confirmation page');
        await own.getByLabel('Ja, ich bestätige diesen Teil für unsere Organisation.').check();
        assert.equal(await own.getByLabel('Ihr Name').inputValue(), partnerContact);
        await submitForm(own, own.getByRole('button', { name: 'Antwort senden' }), 200);
        assert.equal(await h1(own), 'Vielen Dank, Ihre Bestätigung ist gespeichert');
        await scan(own, 'the partner’s answer, saved');
        await visit(own, link, 410);
        assert.equal(await h1(own), 'Dieser Link wurde schon verwendet');
      } finally {
        await partnerContext.close();
      }
      await visit(page, `${overviewPath}/partners`);
      assert.match(
        await text(page.locator('#f-partner-0-confirmation')),
        new RegExp(`Bestätigt von ${partnerContact}`),
      );

      // every section is complete; submit
      await follow(page, page.getByRole('link', { name: 'Zurück zur Übersicht' }));
      const statuses = await Promise.all(
        (await page.locator('main .task-list .kern-task-list__status').all()).map(text),
      );
      assert.ok(statuses.length >= 6, 'the overview lists the sections');
      assert.deepEqual(new Set(statuses), new Set(['vollständig']), 'every section is complete');
      await submitForm(page, page.getByRole('button', { name: 'Antrag einreichen' }), 303);
      const url = new URL(page.url());
      assert.equal(url.pathname, overviewPath);
      assert.equal(url.searchParams.get('notice'), 'submitted');
      assert.equal(
        await text(page.locator('main [role="status"]')),
        'Der Antrag ist eingereicht. Sie erhalten eine Bestätigung per E-Mail.',
      );
      assert.equal(await page.getByRole('button', { name: 'Antrag einreichen' }).count(), 0, 'frozen now');
      const versions = page.locator('main table', { hasText: 'Eingereichte Fassungen' });
      const rows = versions.locator('tbody tr');
      assert.equal(await rows.count(), 1);
      assert.equal(await text(rows.first().locator('th')), '1');
      const pdfLink = rows.first().getByRole('link', { name: 'PDF der Fassung 1' });
      await scan(page, 'overview, submitted');

      // the PDF link answers with a PDF
      const pdf = await context.request.get(await hrefOf(pdfLink));
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
      submitted = true;

      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the programme officer opens the submitted application, without JavaScript', async () => {
    assert.ok(submitted, 'needs the application the carrier submitted in the test before');
    const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      await signInWithoutScripts(page, officerEmail);
      await visit(page, overviewPath);
      assert.equal(await h1(page), draftTitle);
      assert.equal(await page.getByRole('link', { name: 'PDF der Fassung 1' }).count(), 1);
      const confirmations = page.locator('main table', { hasText: 'Bestätigungen der Partner' });
      assert.match(await text(confirmations), new RegExp(`${partnerName}.*bestätigt.*${partnerContact}`));
      await scan(page, 'overview, as programme officer');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
