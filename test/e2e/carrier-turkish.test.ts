// carrier_turkish: the demo carrier works in Turkish, without JavaScript, on the demo as loaded
// today: completes the draft "Nachbarschaft im Tandem", asks its partner in Turkish to confirm its
// part (the partner's contact opens the mailed link, read from the administrator's outbox, and
// confirms in Turkish without an account; the page is scanned in Arabic too), submits it, requests money on the running
// grant, and imports receipts into the final report of the grant that just ended and submits it.
// Every page is Turkish (lang="tr"), every label comes from the Turkish catalog, and axe scans each
// page on the way, in Turkish and, for the pages a carrier reads most, in Arabic (right to left).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { addDays, berlinDate } from '../../src/core/time/calendar';
import { demoGrantTitles } from '../../src/modules/funding/demo-grants';
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
const admin = { name: 'Erika Mustermann', email: 'erika@example.org', password: 'a long and secret passphrase' };
const partnerName = 'Deutsch-Türkischer Kulturverein Mainz e. V.';
const partnerEmail = 'vorstand@kulturverein-mainz.example';
const draftTitle = 'Nachbarschaft im Tandem';
const today = berlinDate(new Date());
const year = Number(today.slice(0, 4));
const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** A message of the Turkish (or another) catalog, with its placeholders filled. */
function catalog(lang: string) {
  const namespaces: Record<string, unknown> = {};
  for (const ns of ['common', 'auth', 'funding'])
    namespaces[ns] = JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
  return (key: string, params: Record<string, string | number> = {}) => {
    const [ns, path] = key.split(':') as [string, string];
    let node: unknown = namespaces[ns];
    for (const part of path.split('.')) node = (node as Record<string, unknown>)?.[part];
    if (typeof node !== 'string') throw new Error(`no ${lang} message ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, p: string) => String(params[p] ?? ''));
  };
}
const tr = catalog('tr');

let server: Server;
let browser: Browser;
let scanContext: BrowserContext;
let scanner: Page;
let demoAccounts = new Map<string, string>();
let page: Page;
let problems: string[];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  scanContext = await newContext(browser, server.baseUrl, { bypassCSP: true });
  scanner = await scanContext.newPage();
  const setup = await scanContext.newPage();
  await visit(setup, server.setupUrl);
  await submitSetup(setup, { ...admin, demo: true });
  demoAccounts = await readDemoAccounts(setup);
  await setup.close();
  const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  problems = watchProblems(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const h1 = (p: Page) => text(p.locator('main h1'));
const button = (p: Page, name: string) => p.locator('main').getByRole('button', { name, exact: true });
const nav = (p: Page, name: string) => p.locator('.site-nav').getByRole('link', { name, exact: true });
const table = (p: Page, caption: string) =>
  p.locator('main table').filter({ has: p.locator('caption', { hasText: caption }) });

/** The page is Turkish and has no axe violations; in Arabic too where `alsoArabic`. */
async function check(where: string, alsoArabic = false) {
  assert.equal(await page.locator('html').getAttribute('lang'), 'tr', `${where}: lang="tr"`);
  assert.equal(await page.locator('main .staff-only').count(), 0, `${where}: a carrier page, not the staff notice`);
  await expectNoAxeViolationsWithoutScripts(page, scanner, `${where} (tr)`);
  if (alsoArabic) {
    const arabic = new URL(page.url());
    arabic.pathname = arabic.pathname.replace(/^\/tr\//, '/ar/');
    const copy = await page.context().newPage();
    await visit(copy, arabic.pathname + arabic.search);
    assert.equal(await copy.locator('html').getAttribute('dir'), 'rtl');
    await expectNoAxeViolationsWithoutScripts(copy, scanner, `${where} (ar)`);
    await copy.close();
  }
}

async function follow(target: Locator) {
  const path = new URL(await hrefOf(target), page.url()).pathname;
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === path),
    page.waitForURL((u) => u.pathname === path),
    target.click(),
  ]);
  assert.equal(res.status(), 200, `${path} answered ${res.status()}`);
}

/**
 * The link in the newest mail to `to`, from the administrator's outbox: the job worker writes the
 * mail a few seconds after the request, so the outbox is read until it is there.
 */
async function mailedLink(to: string): Promise<string> {
  const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
  try {
    const own = await context.newPage();
    await signIn(own, admin.email, admin.password);
    for (let i = 0; i < 40; i++) {
      await visit(own, '/de/admin/outbox');
      const row = own.locator('main tbody tr', { hasText: to }).first();
      if ((await row.count()) > 0) {
        await Promise.all([
          own.waitForURL((u) => /^\/de\/admin\/outbox\/[^/]+$/.test(u.pathname)),
          row.getByRole('link').first().click(),
        ]);
        const mail = await text(own.locator('main pre.mail-body'));
        const link = /https?:\/\/\S+\/tr\/partner-confirmation\/[A-Za-z0-9_-]+/.exec(mail)?.[0];
        assert.ok(link, `a Turkish link in the mail:\n${mail}`);
        return link;
      }
      await own.waitForTimeout(500);
    }
    throw new Error(`no mail to ${to} in the outbox`);
  } finally {
    await context.close();
  }
}

/** Presses a form's button: a redirect (303) to a page without errors. */
async function press(b: Locator) {
  await submitForm(page, b, 303);
  assert.equal(await page.locator('main .error-summary').count(), 0, 'no errors');
}

describe('carrier_turkish', { concurrency: false }, () => {
  test('signs in on the Turkish page', async () => {
    const password = demoAccounts.get(carrierEmail);
    assert.ok(password);
    await visit(page, '/tr/sign-in');
    await check('sign-in');
    await page.getByLabel(tr('auth:field.email'), { exact: true }).fill(carrierEmail);
    await page.getByLabel(tr('auth:field.password'), { exact: true }).fill(password);
    await submitForm(page, page.locator('main form button[type="submit"]'), 303);
    assert.equal(new URL(page.url()).pathname, '/tr/');
  });

  test('completes and submits the draft in Turkish', async () => {
    await follow(nav(page, tr('funding:nav.applications')));
    await check('my applications', true);
    // the open call's title as its officers translated it into Turkish (demo.ts), read as Turkish;
    // in Ukrainian, which it has no translation into, it stays German and says so
    const langAbove = (l: Locator) => l.evaluate((e) => e.closest('[lang]')?.getAttribute('lang'));
    const turkishCall = page
      .locator('main tbody tr', { hasText: draftTitle })
      .getByText(`Yerinde Birlikte ${year + 1}`);
    assert.equal(await turkishCall.count(), 1, 'the call in Turkish');
    assert.equal(await langAbove(turkishCall), 'tr');
    const ukrainian = await page.context().newPage();
    await visit(ukrainian, '/uk/applications');
    const germanCall = ukrainian
      .locator('main tbody tr', { hasText: draftTitle })
      .getByText(`Gemeinsam vor Ort ${year + 1}`);
    assert.equal(await langAbove(germanCall), 'de');
    await ukrainian.close();
    await follow(page.locator('main').getByRole('link', { name: draftTitle, exact: true }));
    const overview = new URL(page.url()).pathname;
    assert.match(overview, /^\/tr\/applications\/[0-9a-f-]{36}$/);
    await check('overview of the draft', true);
    const section = async (key: string) => {
      if (new URL(page.url()).pathname !== overview) await visit(page, overview);
      await follow(
        page.locator('main .task-list').getByRole('link', { name: tr(`funding:section.${key}`), exact: true }),
      );
      assert.equal(await h1(page), tr(`funding:section.${key}`));
    };
    const save = async (where: string) => {
      await submitForm(page, page.locator('main form button[type="submit"]'), 303);
      assert.equal(await text(page.locator('main [role="status"]')), tr('common:notice.saved'));
      assert.equal(await page.locator('.error-summary').count(), 0, `no open points in ${where}`);
      await check(`${where}, saved`);
    };

    await section('workplan');
    await page.locator('#f-milestone-0-title').fill('İki derneğin ortak açılış toplantısı');
    await page.locator('#f-milestone-0-due').fill('2027-03-01');
    await save('work plan');

    await section('plan');
    for (const i of [0, 1]) {
      await page.locator(`#f-plan-${i}-staff`).fill('40.000,00');
      await page.locator(`#f-plan-${i}-own`).fill('4.000,00');
      await page.locator(`#f-plan-${i}-grant`).fill('36.000,00');
    }
    await save('financing plan');

    await section('documents');
    const statute = page.locator('main label', { hasText: 'Tüzük' });
    assert.equal(await statute.count(), 1, 'the document asked for, in Turkish');
    assert.equal(await langAbove(statute.getByText('Tüzük')), 'tr');
    await page
      .locator('main input[type="file"]')
      .first()
      .setInputFiles({
        name: 'tuzuk.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% Dernek tüzüğü (test)\n%%EOF\n'),
      });
    await save('documents');

    await section('declarations');
    for (const box of await page.locator('main form input[type="checkbox"]').all()) await box.check();
    await save('declarations');

    // the partner confirms its own part, in Turkish, through the mailed link
    await section('partners');
    await submitForm(page, button(page, tr('funding:partnerConfirmation.askOne', { name: partnerName })), 303);
    assert.equal(await text(page.locator('main [role="status"]')), tr('common:notice.partnersAsked'));
    await check('partners, confirmation requested', true);
    const link = await mailedLink(partnerEmail);
    const partnerContext = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
    try {
      const own = await partnerContext.newPage();
      const arabic = await partnerContext.newPage();
      await visit(arabic, link.replace('/tr/', '/ar/'));
      assert.equal(await arabic.locator('html').getAttribute('dir'), 'rtl');
      await expectNoAxeViolationsWithoutScripts(arabic, scanner, 'partner’s page (ar)');
      await visit(own, link);
      assert.equal(await own.locator('html').getAttribute('lang'), 'tr');
      assert.equal(await h1(own), tr('funding:partnerConfirmation.pageTitle'));
      await expectNoAxeViolationsWithoutScripts(own, scanner, 'partner’s page (tr)');
      await own.getByLabel(tr('funding:partnerConfirmation.confirm')).check();
      await submitForm(own, button(own, tr('funding:partnerConfirmation.send')), 200);
      assert.equal(await h1(own), tr('funding:partnerConfirmation.answered.confirmed'));
      await expectNoAxeViolationsWithoutScripts(own, scanner, 'partner’s answer (tr)');
    } finally {
      await partnerContext.close();
    }

    await visit(page, overview);
    await submitForm(page, button(page, tr('funding:application.submit')), 303);
    assert.equal(new URL(page.url()).searchParams.get('notice'), 'submitted');
    assert.equal(await text(page.locator('main [role="status"]')), tr('common:notice.submitted'));
    assert.equal(await button(page, tr('funding:application.submit')).count(), 0, 'frozen now');
    await check('overview, submitted', true);
  });

  test('requests money on the running grant', async () => {
    await follow(nav(page, tr('funding:nav.grants')));
    await check('my projects', true);
    await follow(page.locator('main').getByRole('link', { name: demoGrantTitles.running, exact: true }));
    await check('running grant', true);
    const form = page.locator('main form[action$="/payments"]');
    await form.locator('[name="year"]').selectOption(String(year));
    await form.locator('[name="line"]').selectOption('material');
    await form.locator('[name="amount"]').fill('450,00');
    await form.locator('[name="dueOn"]').fill(addDays(today, 14));
    await form.locator('[name="purpose"]').fill('Eğitim kursu için materyal');
    await press(form.locator('button[type="submit"]'));
    const payments = page.locator('main table tbody tr', { hasText: 'Eğitim kursu için materyal' });
    assert.equal(await payments.count(), 1, 'the request is listed');
    await check('running grant, payment requested');
  });

  test('imports receipts into the final report of the ended grant and submits it', async () => {
    await follow(nav(page, tr('funding:nav.grants')));
    await follow(page.locator('main').getByRole('link', { name: demoGrantTitles.justEnded, exact: true }));
    const reports = table(page, tr('funding:report.list'));
    await follow(reports.getByRole('link', { name: tr('funding:report.final'), exact: true }));
    await check('final report, open', true);
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -40);
    const csv = [
      'Datum;Empfänger;Zweck;Betrag;Position',
      `${germanDate(lastMonth)};Sprachmittlerin;Elterncafé Türkisch;180,00;Honorare`,
      `${germanDate(addDays(lastMonth, -30))};Druckerei Neustadt;Einladungen;95,50;Sachausgaben`,
    ].join('\r\n');
    await page
      .locator('main input[type="file"]')
      .first()
      .setInputFiles({
        name: 'belgeler.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
    await press(page.locator('main form[action$="/receipts"] button[type="submit"]'));
    assert.equal(await page.locator('main table tbody tr', { hasText: 'Elterncafé Türkisch' }).count(), 1);
    await press(page.locator('main form[action$="/submit"] button[type="submit"]'));
    assert.equal(await text(page.locator('main [role="status"]')), tr('common:notice.reportSubmitted'));
    await check('final report, submitted', true);
    assert.deepEqual(problems, [], 'no console errors, failed requests or failed assets');
  });
});
