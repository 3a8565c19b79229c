// every_link: each demo person, signed in on the day the demo is loaded, follows every link the
// pages offer them (breadth first, in their language, up to a bound per person) and every one must
// answer: a page, a download or a redirect to one, never an error page, a page for a missing
// translation key, "undefined", "NaN" or "[object Object]". A link the platform offers must work.
// It reads the answers with the browser context's own request client (same cookies, no rendering),
// so it covers hundreds of pages in a minute; the journeys and axe scans render them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parse } from 'node-html-parser';
import {
  type Browser,
  type BrowserContext,
  launchBrowser,
  newContext,
  readDemoAccounts,
  type Server,
  signIn,
  startServer,
  submitSetup,
  visit,
} from './helpers';

let server: Server;
let browser: Browser;
let accounts = new Map<string, string>();

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const ctx = await newContext(browser, server.baseUrl);
  const page = await ctx.newPage();
  await visit(page, server.setupUrl);
  await submitSetup(page, {
    name: 'Erika Mustermann',
    email: 'erika@example.org',
    password: 'a long and secret passphrase',
    demo: true,
  });
  accounts = await readDemoAccounts(page);
  await ctx.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Links that end the session or leave the person's language are not followed. */
const skipped = (path: string, lang: string) =>
  /\/sign-out|\/sign-in|\/setup/.test(path) || (/^\/[a-z]{2}(\/|$)/.test(path) && !path.startsWith(`/${lang}`));

/** Text that shows a broken page: an untranslated key, a value that was never filled in. */
const brokenText =
  /\b(?:funding|common|councils|evaluation|network|mail):[a-z][\w.]+\b|\bundefined\b|\bNaN\b|\[object Object\]/;

async function crawl(ctx: BrowserContext, lang: string, start: string, limit: number) {
  const seen = new Set<string>([start]);
  const queue: { path: string; from: string }[] = [{ path: start, from: '(start)' }];
  const failures: string[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < limit) {
    const { path, from } = queue.shift()!;
    const res = await ctx.request.get(`${server.baseUrl}${path}`, { maxRedirects: 5 });
    pages++;
    const type = res.headers()['content-type'] ?? '';
    if (res.status() >= 400) {
      failures.push(`${path} answered ${res.status()} (linked from ${from})`);
      continue;
    }
    if (!type.includes('text/html')) continue; // a PDF, a spreadsheet, a calendar feed: it answered
    const html = await res.text();
    const root = parse(html);
    const main = root.querySelector('main');
    const text = (main ?? root).textContent;
    const broken = brokenText.exec(text);
    if (broken) failures.push(`${path} shows "${broken[0]}" (linked from ${from})`);
    for (const a of root.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href') ?? '';
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      const target = href.split('#')[0]!;
      if (!target || seen.has(target) || skipped(target, lang)) continue;
      seen.add(target);
      queue.push({ path: target, from: path });
    }
  }
  return { failures, pages, left: queue.length };
}

const people: { email: string; lang: string; start: string }[] = [
  { email: 'traeger@demo.example', lang: 'tr', start: '/tr/' },
  { email: 'traeger@demo.example', lang: 'de', start: '/de/' },
  { email: 'referat@demo.example', lang: 'de', start: '/de/funding' },
  { email: 'gutachten@demo.example', lang: 'de', start: '/de/' },
  { email: 'admin@demo.example', lang: 'de', start: '/de/' },
  { email: 'beirat@demo.example', lang: 'uk', start: '/uk/' },
  { email: 'teilnahme@demo.example', lang: 'ru', start: '/ru/' },
  { email: '', lang: 'ar', start: '/ar/' }, // nobody signed in: the public
];

for (const person of people) {
  test(`every link ${person.email || 'the public'} is offered in ${person.lang} answers with a working page`, async () => {
    const ctx = await newContext(browser, server.baseUrl);
    try {
      const page = await ctx.newPage();
      if (person.email) await signIn(page, person.email, accounts.get(person.email)!, person.lang);
      const { failures, pages } = await crawl(ctx, person.lang, person.start, 400);
      assert.ok(pages > 5, `only ${pages} pages reached: the crawl did not get past the start`);
      assert.deepEqual(failures, [], `${failures.length} broken of ${pages} pages:\n${failures.join('\n')}`);
    } finally {
      await ctx.close();
    }
  });
}
