// Carriers are often migrant organisations: their pages (calls, applying, grants, payments, changes,
// reports) are served in all six languages, Arabic right to left, and the language switcher keeps
// the person on the same page. Officers', reviewers' and administrators' pages stay German and
// English and say so in the reader's language. Mails link to the page in the reader's language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type Client, client, heading, makeUser, type Page, type TestApp, testApp } from '../../../test/helpers/app';
import { funding, getRaw, pdfText, people, plan, type Scene, signedIn } from '../../../test/helpers/funding';
import { translator } from '../../core/i18n/i18n';
import { runDueJobs } from '../../core/jobs/jobs';
import { outbox } from '../../core/mail/schema';
import { addDays, berlinDate } from '../../core/time/calendar';
import { sendReportReminders } from './reports/reminders';
import { listReports } from './reports/reports.store';
import { applications, paymentRequests } from './schema';

let t: TestApp;
let f: ReturnType<typeof funding>;
let s: Scene;
let applicationId: string;
let grantId: string;
let reportId: string;
const turkish = 'tarik@carrier-a.example';
const arabic = 'amal@carrier-a.example';
const today = berlinDate(new Date());
const year = Number(today.slice(0, 4));

before(async () => {
  t = await testApp();
  f = funding(t);
  s = await f.scene();
  for (const [email, language] of [
    [turkish, 'tr'],
    [arabic, 'ar'],
  ] as const)
    await makeUser(t.db, email, 'carrierStaff', { scopeKind: 'organisation', scopeId: s.organisationId, language });
  applicationId = await f.application(s, { content: { title: 'Sprachcafé' }, submit: true });
  ({ grantId } = await f.grant(s, {
    content: {
      title: 'Laufendes Projekt',
      startDate: `${year}-01-01`,
      endDate: `${year + 1}-12-31`,
      plan: plan({ year, grant: 3_600_000, own: 400_000 }, { year: year + 1, grant: 900_000, own: 100_000 }),
    },
  }));
  reportId = (await listReports(t.db, grantId))[0]!.id;
});
after(() => t.close());

const htmlOf = (page: Page) => page.html.querySelector('html');
function assertServedIn(page: Page, lang: string, where: string) {
  assert.equal(page.status, 200, `${where}: ${page.status} ${page.location ?? ''}`);
  assert.equal(htmlOf(page)?.getAttribute('lang'), lang, `${where}: lang`);
  assert.equal(htmlOf(page)?.getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr', `${where}: dir`);
  assert.equal(page.html.querySelector('.staff-only'), null, `${where}: no staff notice`);
}
const switcherLinks = (page: Page) =>
  page.html.querySelectorAll('nav.language-switcher a').map((a) => ({
    lang: a.getAttribute('hreflang') ?? '',
    href: a.getAttribute('href') ?? '',
  }));

describe('carrier pages in the carrier’s language', () => {
  test('a Turkish carrier gets /tr/applications and /tr/grants/:id in Turkish, without a redirect', async () => {
    const tarik = await signedIn(t, turkish);
    const mine = await tarik.get('/tr/applications');
    assertServedIn(mine, 'tr', '/tr/applications');
    assert.equal(mine.html.querySelector(`a[href="/tr/applications/${applicationId}"]`)?.text.trim(), 'Sprachcafé');
    const grant = await tarik.get(`/tr/grants/${grantId}`);
    assertServedIn(grant, 'tr', '/tr/grants/:id');
    // the project's German title is marked German inside the Turkish page
    assert.equal(grant.html.querySelector('main h1 [lang]')?.getAttribute('lang'), 'de');
    for (const url of [
      '/tr/grants',
      `/tr/calls/${s.callId}`,
      `/tr/applications/${applicationId}/plan`,
      `/tr/grants/${grantId}/changes`,
      `/tr/grants/${grantId}/reports/${reportId}`,
      `/tr/applications/${applicationId}/messages`,
      `/tr/grants/${grantId}/messages`,
    ])
      assertServedIn(await tarik.get(url), 'tr', url);
  });

  test('an Arabic carrier gets the pages right to left', async () => {
    const amal = await signedIn(t, arabic);
    for (const url of [
      '/ar/applications',
      `/ar/applications/${applicationId}`,
      `/ar/applications/${applicationId}/plan`,
      `/ar/grants/${grantId}`,
      `/ar/calls/${s.callId}/apply`,
      `/ar/applications/${applicationId}/messages`,
      `/ar/grants/${grantId}/messages`,
    ])
      assertServedIn(await amal.get(url), 'ar', url);
  });

  test('a payment request in Turkish: an error shows on the Turkish page, the request leads back to it', async () => {
    const tarik = await signedIn(t, turkish);
    const url = `/tr/grants/${grantId}`;
    const form = { year: String(year), line: 'staff', purpose: 'Gehälter', dueOn: addDays(today, 10) };
    const tooMuch = await tarik.submit(url, { ...form, amount: '90.000,00' }, `${url}/payments`);
    assert.equal(tooMuch.status, 400);
    assert.equal(htmlOf(tooMuch)?.getAttribute('lang'), 'tr');
    assert.ok(tooMuch.html.querySelector('#f-amount-error'), 'the error is tied to the field');
    // the form's answer stands at an address that takes only the form: the switcher leads to the grant's page
    const switched = switcherLinks(tooMuch).find((l) => l.lang === 'de')?.href;
    assert.equal(switched, `/de/grants/${grantId}`);
    assertServedIn(await tarik.get(switched), 'de', switched);
    const asked = await tarik.submit(url, { ...form, amount: '1.000,00' }, `${url}/payments`);
    assert.equal(asked.status, 303);
    assert.match(asked.location ?? '', new RegExp(`^/tr/grants/${grantId}`));
    const rows = await t.db.select().from(paymentRequests).where(eq(paymentRequests.grantId, grantId));
    assert.equal(rows.length, 1);
  });

  test('the language switcher keeps the carrier on the same page in every language, and each answers in it', async () => {
    const tarik = await signedIn(t, turkish);
    const path = `/grants/${grantId}`;
    const page = await tarik.get(`/tr${path}`);
    const links = switcherLinks(page);
    assert.deepEqual(
      links.map((l) => l.href),
      ['de', 'en', 'tr', 'ar', 'uk', 'ru'].map((l) => `/${l}${path}`),
    );
    for (const { lang, href } of links) {
      const next = await tarik.get(href);
      assertServedIn(next, lang, href);
      // and from there back to Turkish, no detour through English
      assert.equal(switcherLinks(next).find((l) => l.lang === 'tr')?.href, `/tr${path}`);
    }
  });

  test('the application PDF: in Turkish it is Turkish; in Arabic, which the house font cannot write, German', async () => {
    const tarik = await signedIn(t, turkish);
    const overview = await tarik.get(`/ar/applications/${applicationId}`);
    const link = overview.html.querySelector(`a[href="/ar/applications/${applicationId}/versions/1.pdf"]`);
    assert.equal(link?.getAttribute('hreflang'), 'de', 'the link says the document is German');
    const ar = await getRaw(t, tarik, `/ar/applications/${applicationId}/versions/1.pdf`);
    assert.equal(ar.statusCode, 200);
    assert.match(await pdfText(ar.rawPayload), /Förderantrag/);
    const tr = await getRaw(t, tarik, `/tr/applications/${applicationId}/versions/1.pdf`);
    assert.equal(tr.statusCode, 200);
    assert.match(await pdfText(tr.rawPayload), /Sprachcafé/);
  });
});

describe('staff pages in another language than German and English', () => {
  const notice = async (c: Client, url: string) => {
    const page = await c.get(url);
    assert.equal(page.status, 200, url);
    assert.equal(htmlOf(page)?.getAttribute('lang'), url.slice(1, 3));
    const links = page.html.querySelectorAll('main .staff-only a');
    return { page, links: links.map((a) => ({ href: a.getAttribute('href'), lang: a.getAttribute('hreflang') })) };
  };

  test('an officer page in /tr/ says in Turkish that it is German and English, and links to both', async () => {
    const olga = await signedIn(t, people.officer);
    const path = `/funding/applications/${applicationId}`;
    const { page, links } = await notice(olga, `/tr${path}`);
    assert.equal(heading(page), translator('tr')('common:staffOnly.title'));
    assert.notEqual(heading(page), translator('en')('common:staffOnly.title'), 'not in English');
    assert.deepEqual(links, [
      { href: `/de${path}`, lang: 'de' },
      { href: `/en${path}`, lang: 'en' },
    ]);
    for (const l of links) {
      const real = await olga.get(l.href!);
      assert.equal(real.status, 200);
      assert.equal(htmlOf(real)?.getAttribute('lang'), l.lang);
      assert.equal(real.html.querySelector('.staff-only'), null);
    }
    // the switcher on the notice leads to this same page in every language
    assert.deepEqual(
      switcherLinks(page).map((l) => l.href),
      ['de', 'en', 'tr', 'ar', 'uk', 'ru'].map((l) => `/${l}${path}`),
    );
  });

  test('an officer’s write in /tr/ is not carried out', async () => {
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/applications/${applicationId}`);
    const res = await olga.post(`/tr/funding/applications/${applicationId}/decision`, {
      outcome: 'approved',
      'amount-2027': '9.000,00',
    });
    assert.equal(res.status, 400);
    assert.ok(res.html.querySelector('.staff-only'));
    const [row] = await t.db.select().from(applications).where(eq(applications.id, applicationId));
    assert.equal(row?.status, 'submitted');
  });

  test('the reviewer’s, the officer’s inbox and the programme pages in Ukrainian, Arabic and Russian say the same', async () => {
    const olga = await signedIn(t, people.officer);
    for (const url of ['/uk/funding', '/ar/funding/inbox', `/ru/funding/programmes/${s.programmeId}`]) {
      const { links } = await notice(olga, url);
      assert.deepEqual(
        links.map((l) => l.href),
        [`/de${url.slice(3)}`, `/en${url.slice(3)}`],
      );
    }
    await f.reviewer('rita@review.example');
    const rita = await signedIn(t, 'rita@review.example');
    const { links } = await notice(rita, '/ar/reviews');
    assert.deepEqual(
      links.map((l) => l.href),
      ['/de/reviews', '/en/reviews'],
    );
  });

  test('nothing changes for the carrier in German and English', async () => {
    const anna = await signedIn(t, people.carrier);
    for (const lang of ['de', 'en']) assertServedIn(await anna.get(`/${lang}/grants/${grantId}`), lang, lang);
    assertServedIn(await client(t).get('/en/calls'), 'en', '/en/calls');
  });
});

describe('mail links in the reader’s language', () => {
  /** The link in the mail of `template` to `to` that names `about` (an id). */
  const linkIn = async (to: string, template: string, about: string) => {
    const mails = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.to, to), eq(outbox.template, template)));
    const links = mails.map((m) => /https?:\/\/[^/\s]+(\/\S+)/.exec(m.text)?.[1] ?? '');
    return links.find((l) => l.includes(about));
  };

  test('the decision mail for a Turkish carrier points at /tr/, and the page opens in Turkish', async () => {
    const olga = await signedIn(t, people.officer);
    const id = await f.application(s, { content: { title: 'Entscheidung auf Türkisch' }, submit: true });
    await olga.get(`/de/funding/applications/${id}`);
    const decided = await olga.post(`/de/funding/applications/${id}/decision`, {
      outcome: 'approved',
      'amount-2027': '9.000,00',
    });
    assert.equal(decided.status, 303, 'the draft is saved');
    await olga.get(`/de/funding/applications/${id}`);
    assert.equal((await olga.post(`/de/funding/applications/${id}/decision/issue`, {})).status, 303);
    await runDueJobs(t.deps);
    const link = await linkIn(turkish, 'funding:mail.decisionMade', id);
    assert.equal(link, `/tr/applications/${id}`);
    assert.equal(await linkIn(arabic, 'funding:mail.decisionMade', id), `/ar/applications/${id}`);
    assert.equal(await linkIn(people.carrier, 'funding:mail.decisionMade', id), `/de/applications/${id}`);
    assertServedIn(await (await signedIn(t, turkish)).get(link!), 'tr', link!);
  });

  test('the report reminder for a Turkish carrier points at the report in /tr/', async () => {
    const [first] = await listReports(t.db, grantId);
    assert.ok(first);
    await sendReportReminders(t.deps, new Date(`${addDays(first.dueOn, -14)}T09:00:00Z`));
    assert.equal(
      await linkIn(turkish, 'funding:mail.reportReminder', first.id),
      `/tr/grants/${grantId}/reports/${first.id}`,
    );
  });
});
