// Browser tests run against the real server (`node --import tsx src/main.ts`) on a fresh data
// directory, driven by Debian's Chromium through playwright-core. No browser is ever downloaded.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Server {
  baseUrl: string;
  /** the one-time link printed at start on an instance without an administrator */
  setupUrl: string;
  /** everything the server printed, for failure messages */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the real server as a child process and waits until it prints the setup link and is ready. */
export async function startServer(opts: { timeoutMs?: number } = {}): Promise<Server> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'mp-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      SESSION_SECRET: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let done = false;
  // if the test process dies without `stop()`, the server must not outlive it
  const orphanGuard = () => {
    if (!done) child.kill('SIGKILL');
  };
  process.once('exit', orphanGuard);
  void exited.then(() => {
    done = true;
    process.off('exit', orphanGuard);
  });

  const stop = async () => {
    if (!done) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  const linkPattern = /No administrator yet[^\n]*\n\s*(\S*\/de\/setup\?token=\S+)/;
  let setupUrl: string | undefined;
  try {
    while (!setupUrl) {
      if (done) throw new Error(`the server exited before printing the setup link:\n${out}`);
      if (Date.now() > deadline) throw new Error(`no setup link within ${timeoutMs} ms:\n${out}`);
      setupUrl = linkPattern.exec(out)?.[1];
      if (!setupUrl) await sleep(100);
    }
    for (;;) {
      if (done) throw new Error(`the server exited before it was ready:\n${out}`);
      if (Date.now() > deadline) throw new Error(`/readyz did not answer within ${timeoutMs} ms:\n${out}`);
      const ready = await fetch(`${baseUrl}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      await sleep(100);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, setupUrl, output: () => out, stop };
}

export const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: launchArgs });
}

/**
 * A fresh browser context that keeps the app's Content-Security-Policy. Pass `bypassCSP: true` only
 * to inject axe-core, which needs an inline script the app's CSP rightly refuses.
 */
export async function newContext(browser: Browser, baseUrl: string, opts: BrowserContextOptions = {}) {
  return browser.newContext({ baseURL: baseUrl, locale: 'de-DE', ...opts });
}

/**
 * Records what a person would notice as broken: console errors (including CSP refusals), failed
 * requests, and any asset that answers with an error. Documents are checked by `visit` instead.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    // "Failed to load resource" repeats a status the response listener judges (a 404 page is fine)
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // a navigation replaced by the next one is not a failure
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Opens a page and fails on any answer that is not the expected status. */
export async function visit(page: Page, url: string, status = 200) {
  const res = await page.goto(url, { waitUntil: 'load' });
  if (!res) throw new Error(`no response for ${url}`);
  if (res.status() !== status) throw new Error(`${url} answered ${res.status()}, expected ${status}`);
  return res;
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns its violations. */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate('typeof globalThis.axe === "object"');
  if (!loaded) await page.addScriptTag({ content: axeSource });
  const options = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  };
  return page.evaluate(async (o) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe and document live in the page, not in node's types
    const g = globalThis as any;
    const result = await g.axe.run(g.document, o);
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html })),
    }));
  }, options);
}

/** A readable account of violations: rule, help, and every failing node with its selector. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  const lines = [`${where}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact ?? '?'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) {
      lines.push(`    - ${JSON.stringify(n.target)}  ${n.html.slice(0, 160)}`);
      if (n.failureSummary) lines.push(`      ${n.failureSummary.replace(/\n/g, '\n      ')}`);
    }
  }
  return lines.join('\n');
}

/** Asserts that axe finds nothing; the failure message lists every violation and node. */
export async function expectNoAxeViolations(page: Page, where = page.url()) {
  const violations = await axeScan(page);
  if (violations.length > 0) throw new Error(formatViolations(where, violations));
}

/**
 * The same check for a page opened with JavaScript disabled, where axe cannot run (Chromium even
 * crashes when it tries). The page's DOM, exactly as the visitor got it, is served once more at its
 * own address in `scanner`, a page of a context with JavaScript, so that the stylesheets and
 * relative links resolve as they did; only the document itself comes from the copy.
 */
export async function expectNoAxeViolationsWithoutScripts(page: Page, scanner: Page, where = page.url()) {
  const url = page.url();
  const html = await page.content();
  const sameDocument = (u: URL) => u.href === url;
  await scanner.route(sameDocument, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  try {
    await scanner.goto(url, { waitUntil: 'load' });
  } finally {
    await scanner.unroute(sameDocument);
  }
  await expectNoAxeViolations(scanner, where);
}

export interface SetupInput {
  name: string;
  email: string;
  password: string;
  demo?: boolean;
}

/** Fills and submits the setup form on the page that shows it (the printed setup link). */
export async function submitSetup(page: Page, input: SetupInput) {
  await page.fill('#f-name', input.name);
  await page.fill('#f-email', input.email);
  await page.fill('#f-password', input.password);
  await page.fill('#f-passwordConfirm', input.password);
  if (input.demo) await page.check('#f-demo');
  await Promise.all([
    page.waitForURL((u) => u.pathname.endsWith('/setup') && !u.searchParams.has('token')),
    page.click('main button[type="submit"]'),
  ]);
}

/** The demo accounts listed on the setup result page: e-mail address → password (each cell's value,
 *  without the label it shows on a phone). */
export async function readDemoAccounts(page: Page): Promise<Map<string, string>> {
  const accounts = new Map<string, string>();
  const rows = page.locator('main table tbody tr');
  for (const row of await rows.all()) {
    const value = (n: number) => row.locator('td').nth(n).locator(':scope > :not(.stacked-label)');
    const [email, password] = await Promise.all(
      [value(0), value(1)].map(async (c) => ((await c.textContent()) ?? '').trim()),
    );
    if (email && password) accounts.set(email, password);
  }
  return accounts;
}

/** The href of a link, which must exist exactly once. */
export async function hrefOf(link: Locator): Promise<string> {
  const href = await link.getAttribute('href');
  if (!href) throw new Error(`no href on ${link}`);
  return href;
}

/**
 * Submits a form by pressing `button` and waits for the answer to load; the answer to the POST
 * itself (before any redirect it asks for) must have `status`.
 */
export async function submitForm(page: Page, button: Locator, status: number) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    // the event of the next document, not the state of the current one
    page.waitForEvent('load'),
    button.click(),
  ]);
  if (res.status() !== status) throw new Error(`${res.url()} answered ${res.status()} to a POST, expected ${status}`);
  return res;
}

/** Signs in through the sign-in form of the given language. */
export async function signIn(page: Page, email: string, password: string, lang = 'de') {
  await visit(page, `/${lang}/sign-in`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/sign-in')),
    page.click('main button[type="submit"]'),
  ]);
}

/** Signs out with the button in the header. */
export async function signOut(page: Page) {
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get('notice') === 'signedOut'),
    page.click('form[action$="/sign-out"] button[type="submit"]'),
  ]);
}

/** The code an authenticator app shows for `secret`, now or `offsetSeconds` later (otplib, as the server uses). */
export const totpCode = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/** Six digits that are none of the codes the server would take now (a step early or late included). */
export async function wrongTotpCode(secret: string): Promise<string> {
  const right = new Set(await Promise.all([-60, -30, 0, 30, 60].map((o) => totpCode(secret, o))));
  for (let i = 123456; ; i++) if (!right.has(String(i))) return String(i);
}

/**
 * On the page "Zwei-Faktor-Anmeldung" with the second factor off: starts the set-up, reads the key
 * shown beside the QR code, enters the code an app would show for it, and returns the key and the
 * recovery codes the answer shows once.
 */
export async function turnOnSecondFactor(page: Page): Promise<{ secret: string; codes: string[] }> {
  await submitForm(page, page.locator('form[action$="/account/two-factor/setup"] button[type="submit"]'), 200);
  const secret = ((await page.locator('main code.totp-secret').textContent()) ?? '').replace(/\s/g, '');
  if (!/^[A-Z2-7]{16,}$/.test(secret)) throw new Error(`no key on the enrolment page: "${secret}"`);
  await page.fill('#f-code', await totpCode(secret));
  await submitForm(page, page.locator('form[action$="/account/two-factor/enable"] button[type="submit"]'), 200);
  const codes = (await page.locator('main .recovery-codes code').allTextContents()).map((c) => c.trim());
  if (codes.length === 0) throw new Error('no recovery codes after turning the second factor on');
  return { secret, codes };
}

/** Turns the second factor off again on /<lang>/account/two-factor with the password and a recovery code. */
export async function turnOffSecondFactor(page: Page, lang: string, password: string, recoveryCode: string) {
  await visit(page, `/${lang}/account/two-factor`);
  await page.fill('#f-disablePassword', password);
  await page.fill('#f-disableCode', recoveryCode);
  await submitForm(page, page.locator('form[action$="/account/two-factor/disable"] button[type="submit"]'), 303);
}

export type { Browser, BrowserContext, Locator, Page };
