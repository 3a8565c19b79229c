// The foundation is done when a newcomer can: start the server, open the printed setup link,
// create the administrator with demo data, read the demo accounts, switch to Arabic (right to
// left), sign out, and sign in as a demo account. Every page also works without JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Browser,
  type Locator,
  launchBrowser,
  newContext,
  type Page,
  type Server,
  signIn,
  signOut,
  startServer,
  submitSetup,
  visit,
  watchProblems,
} from './helpers';

let server: Server;
let browser: Browser;
const demoAccounts: { role: string; email: string; password: string }[] = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
/** A cell's value, without the label it shows when its table stacks on a phone. */
const cellValue = (l: Locator) =>
  l.evaluate((cell) => {
    const copy = cell.cloneNode(true) as Element;
    for (const label of copy.querySelectorAll('.stacked-label')) label.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
const h1 = (page: Page) => text(page.locator('h1'));

describe('a newcomer sets up the instance', { concurrency: false }, () => {
  test('with JavaScript: setup link → demo accounts → Arabic → sign out → sign in as a demo account', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      // the printed setup link opens the setup form
      await visit(page, server.setupUrl);
      assert.equal(await h1(page), 'Erste Einrichtung');
      await submitSetup(page, {
        name: 'Erika Mustermann',
        email: 'erika@example.org',
        password: 'a long and secret passphrase',
        demo: true,
      });

      // the result page lists the demo accounts with their passwords
      assert.equal(await h1(page), 'Die Plattform ist eingerichtet');
      const rows = page.locator('main table tbody tr');
      const count = await rows.count();
      assert.ok(count > 0, 'the setup result lists demo accounts');
      for (let i = 0; i < count; i++) {
        const row = rows.nth(i);
        demoAccounts.push({
          role: await text(row.locator('th')),
          email: await cellValue(row.locator('td').nth(0)),
          password: await cellValue(row.locator('td').nth(1)),
        });
      }
      assert.ok(demoAccounts.every((a) => a.email.includes('@') && a.password.length >= 8));

      // the setup link is used up: opening it again is a 404
      const again = await context.newPage();
      await visit(again, server.setupUrl, 404);
      await again.close();

      // home page, then Arabic through the language switcher
      await page.click(`main a[href="/de/"]`);
      await page.waitForURL((u) => u.pathname === '/de/');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/ar/'),
        page.click('.language-switcher a[hreflang="ar"]'),
      ]);
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      assert.equal(await page.evaluate('getComputedStyle(document.body).direction'), 'rtl');
      assert.equal(await page.getAttribute('.language-switcher a[hreflang="ar"]', 'aria-current'), 'true');

      // sign out, then sign in as a demo account that is not the administrator
      await signOut(page);
      assert.equal(await page.locator('form[action$="/sign-out"]').count(), 0, 'signed out: no sign-out button');
      const person = demoAccounts.find((a) => !a.email.startsWith('admin@')) ?? demoAccounts[0]!;
      // signed in on the Arabic page, the person lands on Arabic pages, whatever the account stores
      await signIn(page, person.email, person.password, 'ar');
      assert.equal(new URL(page.url()).pathname, '/ar/');
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      await page.click('.site-nav a[href$="/account"]');
      await page.waitForURL((u) => u.pathname === '/ar/account');
      assert.equal(await h1(page), 'حسابي');
      assert.ok((await text(page.locator('main'))).includes(person.email), 'the account page names the account');
      // under the app's own CSP nothing was refused and every asset loaded
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: sign in and sign out work', async () => {
    assert.ok(demoAccounts.length > 0, 'needs the demo accounts of the first test');
    const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      const person = demoAccounts.find((a) => a.email.startsWith('teilnahme@')) ?? demoAccounts.at(-1)!;
      // a wrong password shows the error on the page, without any script
      await visit(page, '/de/sign-in');
      await page.fill('#f-email', person.email);
      await page.fill('#f-password', 'not the password');
      await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
      await page.waitForSelector('.error-summary');
      assert.equal(await page.getAttribute('#f-password', 'aria-invalid'), 'true');

      await signIn(page, person.email, person.password);
      assert.equal(new URL(page.url()).pathname, '/de/');
      await visit(page, '/de/account');
      assert.equal(await h1(page), 'Mein Konto');

      await signOut(page);
      assert.equal(await page.locator('form[action$="/sign-out"]').count(), 0);
      // the account page now sends the visitor to sign in
      await visit(page, '/de/account');
      assert.equal(new URL(page.url()).pathname, '/de/sign-in');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
