// seminar_journey: a qualification seminar in the browser, as the people involved see it (issue 10).
// The demo carrier's staff member creates a seminar with one seat in the running project; a
// participant registers in German on a desktop and gets the seat; a second one registers in
// Arabic on a phone-sized window (right to left) and is waitlisted on place 1; the first cancels
// through the personal page, and the second moves up. The administrator's outbox shows the
// waiting-list mail and then the move-up mail in Arabic with the calendar file seminar.ics, which
// downloads as iCalendar. On the demo's held seminar, staff change a session's attendance and
// print a certificate of attendance (PDF). axe scans every page on the way: zero violations.
//
// Dates: the new seminar's one session is five days ahead and registration closes two days
// before it (the Berlin calendar, as the server decides), so the test holds on any day.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, berlinDate, berlinDateTime } from '../../src/core/time/calendar';
import { demoSeminarTitles } from '../../src/modules/activities/demo';
import { demoGrantTitles } from '../../src/modules/funding/demo-grants';
import {
  type Browser,
  type BrowserContext,
  expectNoAxeViolations,
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

const admin = { name: 'Erika Mustermann', email: 'erika@example.org', password: 'a long and secret passphrase' };
const carrierEmail = 'traeger@demo.example';
const projectTitle = demoGrantTitles.running;

const today = berlinDate(new Date());
const sessionDay = addDays(today, 5);
const closesOn = addDays(today, 3);
const seminarTitle = `Elterncafés moderieren (${today})`;
const place = 'Stadtteilbüro Neustadt, Gruppenraum';

const german = { name: 'Jana Krüger', email: 'jana.krueger@example.org' };
const arabic = { name: 'ليلى حداد', email: 'layla.haddad@example.org' };

let server: Server;
let browser: Browser;
let demoAccounts = new Map<string, string>();
/** one context per person: the carrier's staff, the administrator, the two participants */
const contexts: Record<string, BrowserContext> = {};
const pages: Record<string, { page: Page; problems: string[] }> = {};
/** what the steps found and hand on */
const found: { project?: string; seminar?: string; germanPage?: string; arabicPage?: string } = {};
const scanned: string[] = [];
let failed = false;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // axe is injected as a script, which the app's CSP rightly refuses: these contexts bypass it
  const options = { bypassCSP: true };
  contexts.carrier = await newContext(browser, server.baseUrl, options);
  contexts.admin = await newContext(browser, server.baseUrl, options);
  contexts.german = await newContext(browser, server.baseUrl, options);
  contexts.arabic = await newContext(browser, server.baseUrl, {
    ...options,
    locale: 'ar',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  for (const ctx of Object.values(contexts)) ctx.setDefaultTimeout(30_000);
  // loading the demo takes a while on a busy machine
  const setup = await contexts.admin.newPage();
  setup.setDefaultTimeout(180_000);
  await visit(setup, server.setupUrl);
  await submitSetup(setup, { ...admin, demo: true });
  demoAccounts = await readDemoAccounts(setup);
  await setup.close();
});

after(async () => {
  if (scanned.length) console.log(`# seminar_journey: ${scanned.length} pages scanned by axe`);
  await browser?.close();
  await server?.stop();
});

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const h1 = (page: Page) => text(page.locator('main h1'));
const scan = async (page: Page, where: string) => {
  await expectNoAxeViolations(page, where);
  scanned.push(where);
};
const link = (page: Page, name: string | RegExp) =>
  page.locator('main').getByRole('link', typeof name === 'string' ? { name, exact: true } : { name });
const button = (page: Page, name: string) => page.locator('main').getByRole('button', { name, exact: true });
/** The titles of the notices on the page (kern-alert), in order. */
const notices = async (page: Page) =>
  (await page.locator('main .kern-alert .kern-title').allTextContents()).map((s) => s.trim());
const idIn = (s: string, pattern: RegExp) => {
  const m = pattern.exec(new URL(s, 'http://x').pathname);
  assert.ok(m?.[1], `${s} matches ${pattern}`);
  return m[1];
};

/** Follows a link as a person would; the page it leads to must answer 200. */
async function follow(page: Page, l: Locator) {
  const target = new URL(await hrefOf(l), page.url()).pathname;
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === target),
    page.waitForURL((u) => u.pathname === target),
    l.click(),
  ]);
  assert.equal(res.status(), 200, `${target} answered ${res.status()}`);
}

/** The person's page; the carrier's staff and the administrator sign in on first use. */
async function pageOf(who: 'carrier' | 'admin' | 'german' | 'arabic') {
  const known = pages[who];
  if (known) return known;
  const page = await contexts[who]!.newPage();
  const entry = { page, problems: watchProblems(page) };
  pages[who] = entry;
  if (who === 'carrier') {
    const password = demoAccounts.get(carrierEmail);
    assert.ok(password, `the setup page lists ${carrierEmail}`);
    await signIn(page, carrierEmail, password);
  } else if (who === 'admin') await signIn(page, admin.email, admin.password);
  return entry;
}

/** One step of the journey, by one person; skipped once a step before it has failed. */
function step(name: string, who: Parameters<typeof pageOf>[0], body: (page: Page) => Promise<void>) {
  test(name, async (t) => {
    if (failed) {
      t.skip('an earlier step failed');
      return;
    }
    try {
      const { page, problems } = await pageOf(who);
      problems.length = 0;
      await body(page);
      assert.deepEqual(problems, [], 'no console errors, failed requests or failed assets');
    } catch (err) {
      failed = true;
      throw err;
    }
  });
}

/**
 * The outbox row of the mail to `to` whose subject matches, once the job worker has written it
 * (it delivers events a few seconds after the request): reloads for up to 30 seconds.
 */
async function outboxRow(page: Page, to: string, subject: RegExp): Promise<Locator> {
  for (let i = 0; i < 60; i++) {
    await visit(page, '/de/admin/outbox');
    const row = page
      .locator('main tbody tr', { hasText: to })
      .filter({ has: page.getByRole('link', { name: subject }) });
    if ((await row.count()) === 1) return row;
    await page.waitForTimeout(500);
  }
  throw new Error(`no mail to ${to} with the subject ${subject} in the outbox`);
}

/** The text of a PDF, all pages. */
async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++)
    parts.push((await (await doc.getPage(n)).getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join(' '));
  return parts.join(' ').replace(/\s+/g, ' ');
}

describe('seminar_journey', { concurrency: false }, () => {
  step('the carrier creates a seminar with one seat and opens it', 'carrier', async (page) => {
    // the running project's workspace, opened by the server's worker from the demo's grant
    for (let tries = 0; !found.project && tries < 60; tries++) {
      await visit(page, '/de/projects');
      const l = page.locator('main tbody').getByRole('link', { name: projectTitle, exact: true });
      if ((await l.count()) > 0) found.project = idIn(await hrefOf(l), /^\/de\/projects\/([^/]+)$/);
      else await page.waitForTimeout(500);
    }
    assert.ok(found.project, 'the running project has its workspace');
    await scan(page, 'my projects');
    await follow(page, page.locator('main tbody').getByRole('link', { name: projectTitle, exact: true }));
    assert.equal(await h1(page), projectTitle);
    await scan(page, 'project workspace');

    await follow(page, link(page, 'Neues Seminar anlegen'));
    assert.equal(await h1(page), 'Neues Seminar');
    await scan(page, 'new seminar form');
    // sent empty: the form again with what is missing
    await submitForm(page, button(page, 'Seminar anlegen'), 400);
    await page.locator('main .error-summary').waitFor();
    assert.match(await text(page.locator('main .error-summary')), /Titel des Seminars/);
    await scan(page, 'new seminar form, sent empty');

    await page.getByLabel(/^Titel des Seminars/).fill(seminarTitle);
    await page
      .getByLabel(/^Inhalte \(Module\)/)
      .fill('Ein Elterncafé vorbereiten, Gespräche leiten, mehrsprachig einladen.');
    await page.getByLabel(/^Ort\b/).fill(place);
    await page.getByLabel(/^Plätze/).fill('1');
    await page.getByLabel(/^Anmeldeschluss/).fill(closesOn);
    await page.locator('#f-sessions-0-topic').fill('Moderation im Elterncafé');
    await page.locator('#f-sessions-0-date').fill(sessionDay);
    await page.locator('#f-sessions-0-startTime').fill('17:00');
    await page.locator('#f-sessions-0-endTime').fill('19:30');
    await page.getByLabel(/^Gleich für Anmeldungen öffnen/).check();
    await submitForm(page, button(page, 'Seminar anlegen'), 303);
    const url = new URL(page.url());
    found.seminar = idIn(url.pathname, new RegExp(`^/de/projects/${found.project}/seminars/([^/]+)$`));
    assert.equal(url.searchParams.get('done'), 'published');
    assert.equal(await h1(page), seminarTitle);
    assert.deepEqual(await notices(page), ['Das Seminar ist offen für Anmeldungen.']);
    assert.equal(await page.locator('main .error-summary').count(), 0);
    await scan(page, 'seminar, just opened');
  });

  step('a participant registers in German and gets the seat', 'german', async (page) => {
    assert.ok(found.seminar);
    await visit(page, '/de/seminars');
    assert.equal(await h1(page), 'Seminare mit offener Anmeldung');
    await scan(page, 'open seminars');
    await follow(page, link(page, seminarTitle));
    assert.equal(new URL(page.url()).pathname, `/de/seminars/${found.seminar}`);
    assert.equal(await h1(page), seminarTitle);
    await scan(page, 'public seminar, German');

    await page.getByLabel(/^Name/).fill(german.name);
    await page.getByLabel(/^E-Mail/).fill(german.email);
    await page.locator('#f-consent').check();
    await submitForm(page, button(page, 'Verbindlich anmelden'), 303);
    const url = new URL(page.url());
    assert.match(url.pathname, /^\/de\/registration\/[A-Za-z0-9_-]{43}$/);
    assert.equal(url.searchParams.get('done'), 'confirmed');
    found.germanPage = url.pathname;
    assert.deepEqual(await notices(page), [
      'Sie sind angemeldet. Die Bestätigung ist per E-Mail unterwegs.',
      'Ihr Platz ist bestätigt.',
    ]);
    await scan(page, 'personal page, German, confirmed');
  });

  step('a participant registers in Arabic on a phone and is waitlisted on place 1', 'arabic', async (page) => {
    assert.ok(found.seminar);
    await visit(page, '/ar/seminars');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await scan(page, 'open seminars, Arabic, phone');
    await follow(page, link(page, seminarTitle));
    assert.equal(new URL(page.url()).pathname, `/ar/seminars/${found.seminar}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    // the one seat is taken: the page says so and the button puts one on the waiting list
    assert.equal(await button(page, 'التسجيل في قائمة الانتظار').count(), 1);
    // nothing wider than the phone's window
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(Number(overflow) <= 0, `the page scrolls sideways by ${overflow}px`);
    await scan(page, 'public seminar, Arabic, phone, full');

    // sent without consent: the form again, in Arabic, with the error
    await page.getByLabel(/^الاسم/).fill(arabic.name);
    await page.getByLabel(/^عنوان البريد الإلكتروني/).fill(arabic.email);
    await submitForm(page, button(page, 'التسجيل في قائمة الانتظار'), 400);
    await page.locator('main .error-summary').waitFor();
    await scan(page, 'public seminar, Arabic, phone, without consent');
    await page.locator('#f-consent').check();
    await submitForm(page, button(page, 'التسجيل في قائمة الانتظار'), 303);
    const url = new URL(page.url());
    assert.match(url.pathname, /^\/ar\/registration\/[A-Za-z0-9_-]{43}$/);
    assert.equal(url.searchParams.get('done'), 'waitlisted');
    found.arabicPage = url.pathname;
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    const shown = await notices(page);
    assert.equal(shown[0], 'أنتم الآن في قائمة الانتظار. رسالة التأكيد في طريقها إليكم بالبريد الإلكتروني.');
    assert.match(shown[1] ?? '', /^رقمكم في قائمة الانتظار: (1|١)\.$/);
    await scan(page, 'personal page, Arabic, phone, waitlisted');
  });

  step('the outbox has the waiting-list mail in Arabic, without a calendar file', 'admin', async (page) => {
    const row = await outboxRow(page, arabic.email, /^قائمة الانتظار لدورة/);
    await scan(page, 'outbox');
    await follow(page, row.getByRole('link').first());
    const body = await page.locator('main pre.mail-body').textContent();
    assert.ok(body?.includes(`${server.baseUrl}${found.arabicPage}`), `the mail links the personal page:\n${body}`);
    assert.equal(await page.locator('main pre.mail-body').getAttribute('lang'), 'ar');
    assert.equal(await page.locator('main pre.mail-body').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('main table', { hasText: 'Anhänge' }).count(), 0, 'no attachment');
    await scan(page, 'outbox mail, waiting list');
  });

  step('the German participant cancels on the personal page', 'german', async (page) => {
    assert.ok(found.germanPage);
    await visit(page, found.germanPage);
    await submitForm(page, button(page, 'Anmeldung absagen'), 303);
    const url = new URL(page.url());
    assert.equal(url.pathname, found.germanPage);
    assert.equal(url.searchParams.get('done'), 'cancelled');
    assert.deepEqual(await notices(page), ['Ihre Anmeldung ist abgesagt.', 'Diese Anmeldung ist abgesagt.']);
    assert.equal(await button(page, 'Anmeldung absagen').count(), 0, 'cancelled once');
    await scan(page, 'personal page, German, cancelled');
  });

  step('the Arabic participant has moved up to the seat', 'arabic', async (page) => {
    assert.ok(found.arabicPage);
    await visit(page, found.arabicPage);
    assert.deepEqual(await notices(page), ['مكانكم مؤكَّد.']);
    // the calendar file, now that the seat is theirs
    assert.equal(await link(page, 'إضافة الجلسات إلى التقويم (.ics)').count(), 1);
    await scan(page, 'personal page, Arabic, phone, moved up');
  });

  step('the outbox has the move-up mail in Arabic with the calendar file', 'admin', async (page) => {
    const row = await outboxRow(page, arabic.email, /^مكان لكم: «/);
    assert.ok((await text(row)).includes(seminarTitle));
    // two mails to her: the waiting list, then the seat (no confirmation of a seat she did not have)
    assert.equal(await page.locator('main tbody tr', { hasText: arabic.email }).count(), 2);
    await scan(page, 'outbox, moved up');
    await follow(page, row.getByRole('link').first());
    assert.equal(await h1(page), `مكان لكم: «${seminarTitle}»`);
    const body = (await page.locator('main pre.mail-body').textContent()) ?? '';
    assert.ok(body.includes(`${server.baseUrl}${found.arabicPage}`), `the mail links the personal page:\n${body}`);
    assert.ok(body.includes(place), 'the mail says where');
    assert.equal(await page.locator('main pre.mail-body').getAttribute('lang'), 'ar');
    // the attachment: listed with its type and size, and downloadable as it was sent
    const files = page.locator('main table', { has: page.locator('caption', { hasText: 'Anhänge' }) });
    const rows = files.locator('tbody tr');
    assert.equal(await rows.count(), 1);
    const cells = await Promise.all((await rows.first().locator('th, td').all()).map(text));
    assert.equal(cells[0], 'seminar.ics');
    assert.match(cells[1] ?? '', /^text\/calendar/);
    assert.match(cells[2] ?? '', /^[\d.]+ Byte$/);
    await scan(page, 'outbox mail, moved up, with calendar file');
    const ics = await page.context().request.get(await hrefOf(files.getByRole('link', { name: 'seminar.ics' })));
    assert.equal(ics.status(), 200);
    assert.match(ics.headers()['content-type'] ?? '', /^text\/calendar/);
    assert.match(ics.headers()['content-disposition'] ?? '', /^attachment; filename="seminar\.ics"/);
    const calendar = (await ics.text()).replace(/\r\n[ \t]/g, '');
    assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
    assert.equal(calendar.match(/BEGIN:VEVENT/g)?.length, 1, 'one event for the one session');
    // 17:00 in Berlin on the session's day, written in UTC
    const utc = (d: Date) =>
      d
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    assert.ok(calendar.includes(`DTSTART:${utc(berlinDateTime(sessionDay, '17:00'))}`), calendar);
    assert.ok(calendar.includes(`SUMMARY:${seminarTitle}: Moderation im Elterncafé`), calendar);
    assert.equal(Buffer.byteLength(await ics.text(), 'utf8'), Number((cells[2] ?? '').replace(/\D/g, '')));
  });

  step('staff change a session’s attendance on the held seminar and print a certificate', 'carrier', async (page) => {
    assert.ok(found.project);
    await visit(page, `/de/projects/${found.project}`);
    await follow(page, page.locator('main tbody').getByRole('link', { name: demoSeminarTitles.held, exact: true }));
    const seminarPath = new URL(page.url()).pathname;
    assert.equal(await h1(page), demoSeminarTitles.held);
    await scan(page, 'held seminar');

    const change = link(page, /^Anwesenheit ändern/).first();
    await follow(page, change);
    assert.equal(await h1(page), 'Anwesenheit erfassen');
    await scan(page, 'attendance of the first session');
    // Daniel Weber missed the first evening and is ticked after all; Ayşe Demir is unticked
    const daniel = page.getByLabel(/^Daniel Weber \(/);
    const ayse = page.getByLabel(/^Ayşe Demir \(/);
    assert.equal(await daniel.isChecked(), false);
    assert.equal(await ayse.isChecked(), true);
    await daniel.check();
    await ayse.uncheck();
    const attendancePath = new URL(page.url()).pathname;
    await submitForm(page, button(page, 'Anwesenheit speichern'), 303);
    const url = new URL(page.url());
    assert.equal(url.pathname, seminarPath);
    assert.equal(url.searchParams.get('done'), 'attendanceSaved');
    assert.deepEqual(await notices(page), ['Die Anwesenheit ist gespeichert.']);
    await scan(page, 'held seminar, attendance saved');
    // as saved
    await visit(page, attendancePath);
    assert.equal(await page.getByLabel(/^Daniel Weber \(/).isChecked(), true);
    assert.equal(await page.getByLabel(/^Ayşe Demir \(/).isChecked(), false);
    await visit(page, seminarPath);

    // the certificate of someone who came every evening, registered in German
    const row = page.locator('main tbody tr', { hasText: 'Sevda Aksoy' });
    const certificate = row.getByRole('link', { name: /^Teilnahmebescheinigung \(PDF\)/ });
    const pdf = await page.context().request.get(await hrefOf(certificate));
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const bytes = await pdf.body();
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const pdfWords = await pdfText(bytes);
    assert.match(pdfWords, /Teilnahmebescheinigung/);
    assert.ok(pdfWords.includes('Sevda Aksoy'), 'the certificate names the participant');
    assert.ok(pdfWords.includes(demoSeminarTitles.held), 'and the seminar');
  });
});
