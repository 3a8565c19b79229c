// On a phone (360 px) without JavaScript the header is one row: the brand, a "Menü" and a
// language button. Each opens with a click or the keyboard and says whether it is expanded; on a
// wide screen the entries stand in a row with no button, and signing out sits like the links.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Browser,
  launchBrowser,
  newContext,
  type Page,
  type Server,
  startServer,
  submitSetup,
  visit,
} from './helpers';

let server: Server;
let browser: Browser;
const admin = { name: 'Erika Mustermann', email: 'erika@example.org', password: 'a long and secret passphrase' };

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  await visit(page, server.setupUrl);
  await submitSetup(page, admin);
  await context.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const phone = { width: 360, height: 740 };
const wide = { width: 1280, height: 800 };

async function signedIn(viewport: { width: number; height: number }): Promise<Page> {
  const context = await newContext(browser, server.baseUrl, { viewport, javaScriptEnabled: false });
  const page = await context.newPage();
  await visit(page, '/de/sign-in');
  await page.fill('#f-email', admin.email);
  await page.fill('#f-password', admin.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/sign-in')),
    page.click('main button[type="submit"]'),
  ]);
  return page;
}

/** What the browser tells screen readers about an element: its name and whether it is expanded. */
async function exposed(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  const node = nodes[0];
  await cdp.detach();
  return {
    name: node?.name?.value,
    expanded: node?.properties?.find((p) => p.name === 'expanded')?.value.value,
  };
}

const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return b;
};

describe('the header on a phone, without JavaScript', { concurrency: false }, () => {
  for (const lang of ['de', 'ar'] as const) {
    test(`${lang}: one row until the menu is opened; the menu and the languages open by click and keyboard`, async () => {
      const page = await signedIn(phone);
      try {
        await visit(page, `/${lang}/`);
        const header = await box(page, '.site-header');
        assert.ok(header.height < 80, `the header is one row (${header.height} px)`);
        const menu = page.locator('.site-menu--nav > summary');
        assert.deepEqual(await exposed(page, '.site-menu--nav > summary'), {
          name: lang === 'de' ? 'Menü' : 'القائمة',
          expanded: false,
        });
        assert.equal(await page.locator('.site-nav a').first().isVisible(), false, 'entries hidden while closed');
        await menu.click();
        assert.equal((await exposed(page, '.site-menu--nav > summary')).expanded, true, 'says it is expanded');
        const links = page.locator('.site-nav a, .site-nav button');
        assert.ok((await links.count()) >= 4);
        for (const l of await links.all()) assert.ok(await l.isVisible());
        assert.ok(
          await page
            .getByRole('navigation', { name: lang === 'de' ? 'Hauptnavigation' : 'القائمة الرئيسية' })
            .isVisible(),
        );
        // every entry is a comfortable target
        for (const l of await links.all()) assert.ok(((await l.boundingBox())?.height ?? 0) >= 44);

        // keyboard: Enter closes and opens, focus moves into the open menu
        await menu.focus();
        await page.keyboard.press('Enter');
        assert.equal(await page.locator('.site-nav a').first().isVisible(), false);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.closest('.site-nav') !== null), true);

        // the languages: a globe and the code; opening them closes the menu (one panel at a time)
        const languages = page.locator('.site-menu--languages > summary');
        assert.equal((await languages.textContent())?.includes(lang.toUpperCase()), true);
        await languages.click();
        assert.ok(await page.locator('.language-switcher a[hreflang="uk"]').isVisible());
        assert.equal(await page.locator('.site-nav a').first().isVisible(), false);
        await Promise.all([page.waitForURL(/\/uk\/$/), page.click('.language-switcher a[hreflang="uk"]')]);
        assert.equal(await page.getAttribute('html', 'lang'), 'uk');

        if (lang === 'ar') {
          // right to left: the brand at the right edge, the buttons to its left
          await visit(page, '/ar/');
          const brand = await box(page, '.site-header__brand');
          const toggle = await box(page, '.site-menu--nav > summary');
          assert.ok(brand.x > toggle.x, 'the header mirrors');
        }
      } finally {
        await page.context().close();
      }
    });
  }

  test('wide screens show the entries in a row without buttons; signing out sits like a link', async () => {
    const page = await signedIn(wide);
    try {
      await visit(page, '/de/');
      assert.equal(await page.locator('.site-menu > summary').first().isVisible(), false);
      const account = await box(page, '.site-nav a[href="/de/account"]');
      const signOut = await box(page, '.site-nav__button');
      assert.equal(signOut.y, account.y, 'same line');
      assert.equal(signOut.height, account.height, 'same height');
      const look = (selector: string) =>
        page
          .locator(selector)
          .evaluate((e) =>
            ['color', 'font-size', 'text-decoration-line'].map((p) => getComputedStyle(e).getPropertyValue(p)),
          );
      assert.deepEqual(await look('.site-nav__button'), await look('.site-nav a[href="/de/account"]'));
      assert.ok(await page.locator('.language-switcher a[hreflang="ar"]').isVisible());
    } finally {
      await page.context().close();
    }
  });
});
