// Accounts as people meet them in the browser: signing in on /ar/sign-in gives Arabic pages
// whatever language the account stores; a failed form puts the focus on its error summary and says
// "Fehler: " in the title; and an invited carrier's staff member goes from the administrator's
// invitation to signing in with a second factor and, once, with a recovery code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Browser,
  type BrowserContext,
  hrefOf,
  type Locator,
  launchBrowser,
  newContext,
  type Page,
  readDemoAccounts,
  type Server,
  signIn,
  signOut,
  startServer,
  submitForm,
  submitSetup,
  totpCode,
  turnOnSecondFactor,
  visit,
  watchProblems,
  wrongTotpCode,
} from './helpers';

let server: Server;
let browser: Browser;
/** the administrator, signed in (German, with JavaScript) for the whole file */
let adminContext: BrowserContext;
let demoAccounts = new Map<string, string>();
const admin = { name: 'Erika Mustermann', email: 'erika@example.org', password: 'a long and secret passphrase' };

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  adminContext = await newContext(browser, server.baseUrl);
  const page = await adminContext.newPage();
  await visit(page, server.setupUrl);
  await submitSetup(page, { ...admin, demo: true });
  demoAccounts = await readDemoAccounts(page);
  await signIn(page, admin.email, admin.password);
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const h1 = (page: Page) => text(page.locator('main h1'));
const passwordOf = (email: string) => {
  const password = demoAccounts.get(email);
  assert.ok(password, `the setup page lists ${email}`);
  return password;
};

/** What the administrator's page of a person says in a row of its list of facts, e.g. "Sprache". */
async function personFact(email: string, key: string): Promise<string> {
  const page = await adminContext.newPage();
  try {
    await visit(page, `/de/admin/people?q=${encodeURIComponent(email)}`);
    await visit(page, await hrefOf(page.locator('main tbody a').first()));
    const row = page.locator('main dl > div', { has: page.locator('dt').getByText(key, { exact: true }) });
    return await text(row.locator('dd'));
  } finally {
    await page.close();
  }
}

/**
 * The element that has the focus: its classes, or "body" when nothing was focused. The browser
 * applies `autofocus` after the page has loaded, so a busy machine is given two seconds for it.
 */
const focused = async (page: Page) => {
  await page
    .waitForFunction(() => document.activeElement && document.activeElement !== document.body, null, {
      timeout: 2000,
    })
    .catch(() => undefined);
  return page.evaluate(() => {
    const e = document.activeElement;
    return e && e !== document.body ? `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}` : 'body';
  });
};

describe('accounts in the browser', { concurrency: false }, () => {
  test('signing in on /ar/sign-in without JavaScript lands on Arabic pages; the account keeps German', async () => {
    const email = 'beirat@demo.example';
    assert.equal(await personFact(email, 'Sprache'), 'Deutsch', 'the account stores German');
    const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      await signIn(page, email, passwordOf(email), 'ar');
      assert.equal(new URL(page.url()).pathname, '/ar/');
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/ar/account'),
        page.click('.site-nav a[href="/ar/account"]'),
      ]);
      assert.equal(await h1(page), 'حسابي');
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
    // the sign-in did not change what the account stores
    assert.equal(await personFact(email, 'Sprache'), 'Deutsch');
  });

  for (const [lang, prefix] of [
    ['de', 'Fehler: '],
    ['ar', 'خطأ: '],
  ] as const) {
    test(`${lang}: a failed form has the focus on its error summary, and the title begins "${prefix}"`, async () => {
      const context = await newContext(browser, server.baseUrl);
      const page = await context.newPage();
      const problems = watchProblems(page);
      try {
        await visit(page, `/${lang}/sign-in`);
        const title = await page.title();
        assert.ok(!title.startsWith(prefix), 'not before the form failed');
        await submitForm(page, page.locator('main button[type="submit"]'), 400);
        assert.equal(await focused(page), 'div.kern-alert.kern-alert--danger.error-summary');
        assert.equal(await page.title(), `${prefix}${title}`);

        // signed in: the current password wrong on the security page
        const email = 'teilnahme@demo.example';
        await signIn(page, email, passwordOf(email), lang);
        await visit(page, `/${lang}/account/security`);
        const securityTitle = await page.title();
        await page.fill('#f-currentPassword', 'not the password');
        await page.fill('#f-password', 'a new and long passphrase');
        await page.fill('#f-passwordConfirm', 'a new and long passphrase');
        await submitForm(page, page.locator('form[action$="/account/security/password"] button'), 400);
        assert.equal(await focused(page), 'div.kern-alert.kern-alert--danger.error-summary');
        assert.equal(await page.title(), `${prefix}${securityTitle}`);
        // the summary's line names its field and leads to it
        const line = page.locator('.error-summary a');
        const label = await text(page.locator('label[for="f-currentPassword"]'));
        assert.ok((await text(line)).startsWith(label.replace(/\s*:$/, '')), `"${await text(line)}" names "${label}"`);
        await line.click();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-currentPassword');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('without JavaScript the browser itself focuses the summary (autofocus, tabindex -1)', async () => {
    const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await visit(page, '/de/sign-in');
      await page.fill('#f-email', 'teilnahme@demo.example');
      await submitForm(page, page.locator('main button[type="submit"]'), 400);
      const summary = page.locator('.error-summary');
      assert.equal(await summary.getAttribute('autofocus'), '');
      assert.equal(await summary.getAttribute('tabindex'), '-1');
      assert.equal(await page.locator('[autofocus]').count(), 1, 'only the summary asks for the focus');
      assert.equal(await focused(page), 'div.kern-alert.kern-alert--danger.error-summary');
      assert.ok((await page.title()).startsWith('Fehler: '));
    } finally {
      await context.close();
    }
  });

  test('ar, on a phone: the set-up of the second factor numbers its steps, and the key reads from the left', async () => {
    const email = 'evaluation@demo.example';
    const context = await newContext(browser, server.baseUrl, {
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    try {
      await signIn(page, email, passwordOf(email), 'ar');
      await visit(page, '/ar/account/two-factor');
      await submitForm(page, page.locator('form[action$="/account/two-factor/setup"] button'), 200);
      assert.equal(await h1(page), 'ربط تطبيق المصادقة');
      const steps = page.locator('main ol > li');
      assert.equal(await steps.count(), 3);
      for (const li of await steps.all()) {
        assert.equal(await li.evaluate((e) => getComputedStyle(e).listStyleType), 'decimal', 'a number shows');
      }
      // the numbers stand on the right, inside the page: the list's content leaves room for them
      const list = await page.locator('main ol').boundingBox();
      const first = await steps.first().evaluate((e) => {
        const r = document.createRange();
        r.selectNodeContents(e);
        return r.getBoundingClientRect().right;
      });
      assert.ok(
        list && list.x + list.width - first >= 24,
        `room for the numbers (${list?.x} + ${list?.width}, ${first})`,
      );
      assert.ok(list && list.x + list.width <= 360);
      // the key is longer than a line at 360 px; every line of it starts at the same left edge
      const lefts = await page.locator('main code.totp-secret').evaluate((e) => {
        const r = document.createRange();
        r.selectNodeContents(e);
        return [...r.getClientRects()].map((b) => Math.round(b.left));
      });
      assert.ok(lefts.length >= 2, `the key wraps on a phone (${lefts})`);
      assert.equal(new Set(lefts).size, 1, `every line of the key starts on the left: ${lefts}`);
    } finally {
      await context.close();
    }
  });

  test('an invited carrier employee sets a password, turns on two-factor sign-in and signs in with a code and a recovery code', async () => {
    const invitee = { name: 'Leyla Aydın', email: 'leyla.aydin@example.org', password: 'Leylas lange Passphrase' };
    const organisation = 'Bildungswerk Westpfalz gGmbH';
    const page = await adminContext.newPage();
    const adminProblems = watchProblems(page);

    // the administrator: Verwaltung › Organisationen › the organisation › invite someone there
    await visit(page, '/de/admin');
    await Promise.all([
      page.waitForURL('**/de/admin/organisations'),
      page.click('main a[href="/de/admin/organisations"]'),
    ]);
    assert.equal(await h1(page), 'Organisationen');
    await Promise.all([
      page.waitForURL((u) => /^\/de\/admin\/organisations\/[^/]+$/.test(u.pathname)),
      page.locator('main tbody').getByRole('link', { name: organisation, exact: true }).click(),
    ]);
    assert.equal(await h1(page), organisation);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/de/admin/people/new'),
      page.getByRole('link', { name: 'Person für diese Organisation einladen' }).click(),
    ]);
    assert.equal(await h1(page), 'Person einladen');
    // the role and its organisation are chosen already
    assert.equal(await text(page.locator('#f-role option:checked')), 'Mitarbeit bei einem Träger');
    assert.equal(await text(page.locator('#f-scope option:checked')), `${organisation} (Organisation)`);
    await page.fill('#f-name', invitee.name);
    await page.fill('#f-email', invitee.email);
    await submitForm(page, page.locator('main button[type="submit"]'), 303);
    assert.equal(await h1(page), invitee.name);
    assert.equal(await text(page.locator('main .kern-alert--success')), 'Die Einladung ist verschickt.');
    assert.ok((await text(page.locator('main dl'))).includes('Eingeladen'));
    assert.ok(
      (await text(page.locator('main table'))).includes(`Mitarbeit bei einem Träger – Organisation: ${organisation}`),
    );

    // Verwaltung › Postausgang: the invitation and its link
    await visit(page, '/de/admin');
    await Promise.all([page.waitForURL('**/de/admin/outbox'), page.click('main a[href="/de/admin/outbox"]')]);
    const mailRow = page.locator('main tbody tr', { hasText: invitee.email });
    assert.equal(await mailRow.count(), 1);
    await Promise.all([
      page.waitForURL((u) => /^\/de\/admin\/outbox\/[^/]+$/.test(u.pathname)),
      mailRow.getByRole('link').click(),
    ]);
    assert.match(await h1(page), /^Einladung zu /);
    const mail = await text(page.locator('main pre.mail-body'));
    assert.ok(mail.startsWith(`Guten Tag ${invitee.name},`), mail);
    const link = /https?:\/\/\S+\/de\/invitation\/\S+/.exec(mail)?.[0];
    assert.ok(link, `a link in the invitation:\n${mail}`);
    assert.ok(link.startsWith(server.baseUrl), 'the link leads to this instance');

    // the invitee: the link, a password, then signing in
    const context = await newContext(browser, server.baseUrl);
    const own = await context.newPage();
    const problems = watchProblems(own);
    try {
      await visit(own, link);
      assert.equal(await h1(own), 'Einladung annehmen');
      assert.ok((await text(own.locator('main dl'))).includes(invitee.email));
      await own.fill('#f-password', invitee.password);
      await own.fill('#f-passwordConfirm', invitee.password);
      await submitForm(own, own.locator('main button[type="submit"]'), 303);
      assert.equal(new URL(own.url()).pathname, '/de/sign-in');
      assert.equal(await h1(own), 'Anmelden');
      assert.equal(
        await text(own.locator('main .kern-alert--success')),
        'Ihr Passwort ist festgelegt. Bitte melden Sie sich jetzt an.',
      );
      // the link worked once
      await visit(own, link, 404);
      assert.equal(await h1(own), 'Einladung ungültig');

      await signIn(own, invitee.email, invitee.password);
      assert.equal(new URL(own.url()).pathname, '/de/');
      assert.ok(await own.locator('.site-nav a[href="/de/applications"]').count(), 'a carrier’s entries');
      await Promise.all([own.waitForURL('**/de/account'), own.click('.site-nav a[href="/de/account"]')]);
      assert.equal(await h1(own), 'Mein Konto');
      assert.ok((await text(own.locator('main'))).includes('Mitarbeit bei einem Träger'));

      // Mein Konto › Sicherheit › Zwei-Faktor-Anmeldung einrichten
      await Promise.all([
        own.waitForURL('**/de/account/security'),
        own.getByRole('link', { name: 'Sicherheit verwalten' }).click(),
      ]);
      assert.equal(await h1(own), 'Sicherheit');
      assert.equal(await text(own.locator('#two-factor-state')), 'Ausgeschaltet.');
      await Promise.all([
        own.waitForURL('**/de/account/two-factor'),
        own.getByRole('link', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click(),
      ]);
      assert.equal(await h1(own), 'Zwei-Faktor-Anmeldung');
      assert.ok((await text(own.locator('main'))).includes('Die Zwei-Faktor-Anmeldung ist ausgeschaltet.'));

      // a wrong code first: the QR code and key stay, with the error at the field
      await submitForm(own, own.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }), 200);
      assert.equal(await h1(own), 'Authenticator-App verbinden');
      assert.ok(await own.getByRole('img', { name: 'QR-Code für die Authenticator-App' }).isVisible());
      const shownKey = (await text(own.locator('main code.totp-secret'))).replace(/\s/g, '');
      await own.fill('#f-code', await wrongTotpCode(shownKey));
      await submitForm(own, own.getByRole('button', { name: 'Einrichtung abschließen' }), 400);
      assert.equal(await h1(own), 'Authenticator-App verbinden');
      assert.ok((await text(own.locator('.error-summary'))).includes('Code aus der App: Dieser Code stimmt nicht'));
      assert.equal(await own.locator('#f-code').getAttribute('aria-invalid'), 'true');

      // the set-up anew, with the code an app computes from the key shown
      await visit(own, '/de/account/two-factor');
      const { secret, codes } = await turnOnSecondFactor(own);
      assert.equal(await h1(own), 'Ihre Wiederherstellungscodes');
      assert.ok((await text(own.locator('main .kern-alert--warning'))).startsWith('Diese Codes sehen Sie nur jetzt'));
      assert.equal(codes.length, 10);
      for (const c of codes) assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
      await Promise.all([
        own.waitForURL('**/de/account/two-factor'),
        own.getByRole('link', { name: 'Ich habe die Codes sicher aufbewahrt' }).click(),
      ]);
      assert.equal(
        await text(own.locator('main .kern-alert--success .kern-title')),
        'Die Zwei-Faktor-Anmeldung ist eingeschaltet',
      );
      assert.ok((await text(own.locator('main'))).includes('Sie haben noch 10 unbenutzte Wiederherstellungscodes.'));
      assert.equal(await personFact(invitee.email, 'Zwei-Faktor-Anmeldung'), 'Eingeschaltet');

      // signing in again: after the password, the code
      await signOut(own);
      assert.equal(await text(own.locator('main .kern-alert--success')), 'Sie sind abgemeldet.');
      await signIn(own, invitee.email, invitee.password);
      assert.equal(new URL(own.url()).pathname, '/de/sign-in/two-factor');
      assert.equal(await h1(own), 'Anmeldung bestätigen');
      assert.equal(await own.locator('form[action$="/sign-out"]').count(), 0, 'not signed in yet');
      // the code of the step used at the set-up counts once; the app's next code is taken a step early
      await own.fill('#f-code', await totpCode(secret, 30));
      await submitForm(own, own.getByRole('button', { name: 'Anmelden', exact: true }), 303);
      assert.equal(new URL(own.url()).pathname, '/de/');
      assert.equal(await own.locator('form[action$="/sign-out"]').count(), 1, 'signed in');

      // and once with a recovery code, as without the phone
      await signOut(own);
      await signIn(own, invitee.email, invitee.password);
      assert.equal(await h1(own), 'Anmeldung bestätigen');
      await own.getByText('Telefon nicht zur Hand? Mit einem Wiederherstellungscode anmelden').click();
      await own.fill('#f-recoveryCode', codes[0]!);
      await submitForm(own, own.getByRole('button', { name: 'Mit Wiederherstellungscode anmelden' }), 303);
      assert.equal(new URL(own.url()).pathname, '/de/');
      await visit(own, '/de/account/two-factor');
      assert.ok((await text(own.locator('main'))).includes('Sie haben noch 9 unbenutzte Wiederherstellungscodes.'));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    // the owner heard of it by mail
    await visit(page, '/de/admin/outbox');
    const mails = await text(page.locator('main tbody'));
    assert.ok(mails.includes('Anmeldung mit einem Wiederherstellungscode'), mails);
    assert.deepEqual(adminProblems, []);
    await page.close();
  });
});
