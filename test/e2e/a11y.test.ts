// axe-core (WCAG 2.0/2.1, A and AA) finds nothing on any page, in German and in Arabic (right to
// left), signed out and signed in as the administrator. Modules add their pages to `pages`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Browser,
  type BrowserContext,
  expectNoAxeViolations,
  launchBrowser,
  newContext,
  type Page,
  type Server,
  startServer,
  submitSetup,
  visit,
  watchProblems,
} from './helpers';

type Lang = 'de' | 'ar';
const scanLanguages: Lang[] = ['de', 'ar'];

interface ScannedPage {
  /** the address, with {lang} for the language prefix */
  path: string;
  /** who looks at it */
  as: 'anonymous' | 'admin';
  /** the answer the page must give */
  status?: number;
  /** scanned only in these languages (e.g. Leichte Sprache exists only in German) */
  only?: Lang[];
  /** done after loading, before the scan, e.g. submitting a form to show its errors */
  act?: (page: Page) => Promise<void>;
}

/** Every page of the platform. Add a module's pages here. */
const pages: ScannedPage[] = [
  { path: '/{lang}/', as: 'anonymous' },
  { path: '/{lang}/sign-in', as: 'anonymous' },
  {
    path: '/{lang}/sign-in',
    as: 'anonymous',
    // submitted empty: the error summary and the field errors
    act: async (page) => {
      await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
      await page.waitForSelector('.error-summary');
    },
  },
  { path: '/{lang}/register', as: 'anonymous' },
  { path: '/{lang}/password-reset', as: 'anonymous' },
  { path: '/{lang}/imprint', as: 'anonymous' },
  { path: '/{lang}/privacy', as: 'anonymous' },
  { path: '/{lang}/accessibility', as: 'anonymous' },
  { path: '/de/easy-language', as: 'anonymous', only: ['de'] },
  { path: '/{lang}/does-not-exist', as: 'anonymous', status: 404 },
  { path: '/{lang}/', as: 'admin' },
  { path: '/{lang}/account', as: 'admin' },
  { path: '/{lang}/admin', as: 'admin' },
  { path: '/{lang}/admin/audit', as: 'admin' },
  { path: '/{lang}/admin/outbox', as: 'admin' },
  { path: '/{lang}/admin/content', as: 'admin' },
  { path: '/{lang}/admin/content/imprint/de', as: 'admin' },
];

let server: Server;
let browser: Browser;
const contexts: Partial<Record<ScannedPage['as'], BrowserContext>> = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // axe-core is injected as an inline script, which the app's CSP refuses
  contexts.anonymous = await newContext(browser, server.baseUrl, { bypassCSP: true });
  contexts.admin = await newContext(browser, server.baseUrl, { bypassCSP: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('accessibility (axe, WCAG 2.1 AA)', { concurrency: false }, () => {
  test('the setup page, before and after it is used, and the demo accounts it lists', async () => {
    const page = await contexts.admin!.newPage();
    await visit(page, server.setupUrl);
    await expectNoAxeViolations(page, 'setup page');
    // submitted empty: the error summary and the field errors
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
    await page.waitForSelector('.error-summary');
    await expectNoAxeViolations(page, 'setup page with errors');
    // with demo data, so that the demo banner and the filled admin pages are scanned as well
    await visit(page, server.setupUrl);
    await submitSetup(page, {
      name: 'Erika Mustermann',
      email: 'erika@example.org',
      password: 'a long and secret passphrase',
      demo: true,
    });
    await expectNoAxeViolations(page, 'setup done, demo accounts');
    await page.close();
  });

  for (const lang of scanLanguages) {
    for (const p of pages) {
      if (p.only && !p.only.includes(lang)) continue;
      const url = p.path.replace('{lang}', lang);
      const name = `${url}${p.act ? ' (after an action)' : ''} as ${p.as}`;
      test(name, async () => {
        const page = await contexts[p.as]!.newPage();
        const problems = watchProblems(page);
        try {
          await visit(page, url, p.status ?? 200);
          await p.act?.(page);
          await expectNoAxeViolations(page, name);
          // a stylesheet that did not load would make the contrast checks meaningless
          assert.deepEqual(problems, [], `${name}: ${problems.join('\n')}`);
        } finally {
          await page.close();
        }
      });
    }
  }
});
