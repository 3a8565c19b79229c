// The officer's tools on a real database: the list of applications across calls (only the
// officer's programmes, never a draft, searched, filtered, sorted and paged), the exports in CSV and
// XLSX with the same filter, the payments by budget year and programme, and the dashboard's counts
// in a scene where each count is known.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, people, plan, type Scene, signedIn, system } from '../../../../test/helpers/funding';
import { addDays, berlinDate } from '../../../core/time/calendar';
import { createOrganisation } from '../../network/api';
import { acknowledgeNotification } from '../changes/changes.store';
import { readApplicationQuery } from './list-query';
import { listApplications, officerCounts } from './officer.store';

let t: TestApp;
let f: ReturnType<typeof funding>;
let s: Scene;
let olga: Client;
let otto: Client;
let ada: Client;
const today = berlinDate(new Date());
const Y = Number(today.slice(0, 4));
const running = (title: string) => ({
  title,
  startDate: `${Y}-01-01`,
  endDate: `${Y + 1}-12-31`,
  plan: plan({ year: Y, grant: 900_000, own: 100_000 }, { year: Y + 1, grant: 900_000, own: 100_000 }),
});
const ids = {} as Record<string, string>;

before(async () => {
  t = await testApp();
  f = funding(t);
  s = await f.scene();
  const secondCall = await f.call(s.programmeId, { title: 'Zweiter Aufruf' });
  const foreignCall = await f.call(s.otherProgrammeId, { title: 'Fremder Aufruf' });
  const trier = await createOrganisation(t.db, system, {
    name: 'Mosel-Verein',
    kind: 'carrier',
    municipalityKey: '07211000',
  });
  const a = { callId: s.callId, organisationId: s.organisationId };
  // in the officer's programme: two waiting for a decision, one draft, one approved with a grant
  ids.alpha = await f.application(a, {
    content: { title: 'Alpha Sprachcafé', fieldsOfAction: ['language'], cooperationForm: 'tandem' },
    submit: true,
  });
  ids.beta = await f.application(
    { callId: secondCall, organisationId: trier },
    {
      content: { title: 'Beta Elternarbeit', plan: plan({ year: 2027, grant: 400_000, own: 100_000 }) },
      submit: true,
    },
  );
  ids.draft = await f.application(a, { content: { title: 'Entwurf Geheim' } });
  const g = await f.grant(
    { callId: s.callId, organisationId: s.otherOrganisationId },
    { content: { ...running('=HYPERLINK("x") Gamma') } },
  );
  ids.gamma = g.applicationId;
  ids.grant = g.grantId;
  // reviews of Alpha: one not declared, one declared without conflict, one conflicted
  await f.assignment(ids.alpha, await f.reviewer('r1@review.example'));
  await f.assignment(ids.alpha, await f.reviewer('r2@review.example'), 'none');
  await f.assignment(ids.alpha, await f.reviewer('r3@review.example'), 'conflict');
  // the grant's money: one open, one paid (not yet spent), one rejected
  ids.open = await f.payment(ids.grant, { cents: 12_345 });
  ids.paid = await f.payment(ids.grant, { cents: 50_000, decision: 'approved' });
  ids.rejected = await f.payment(ids.grant, { cents: 7_000, decision: 'rejected' });
  await f.change(ids.grant);
  await f.change(ids.grant, { decision: 'rejected' });
  await f.notification(ids.grant);
  const read = await f.notification(ids.grant, { description: 'Neue Kontonummer' });
  await acknowledgeNotification(t.db, system, ids.grant, read, '', new Date());
  // in the other programme
  ids.foreign = await f.application(
    { callId: foreignCall, organisationId: s.organisationId },
    {
      content: { title: 'Fremdes Projekt' },
      submit: true,
    },
  );
  const fg = await f.grant(
    { callId: foreignCall, organisationId: s.otherOrganisationId },
    {
      content: running('Fremder Zuschuss'),
    },
  );
  ids.foreignGrant = fg.grantId;
  await f.payment(fg.grantId);
  await f.change(fg.grantId);
  await f.notification(fg.grantId);
  await f.admin('ada@funder.example');
  olga = await signedIn(t, people.officer);
  otto = await signedIn(t, people.foreignOfficer);
  ada = await signedIn(t, 'ada@funder.example');
});
after(() => t.close());

const titlesOf = async (query: Record<string, string>, scope: string[] | 'all' = [s.programmeId]) =>
  (await listApplications(t.db, scope === 'all' ? undefined : scope, readApplicationQuery(query))).rows.map(
    (r) => r.title,
  );

describe('all applications', () => {
  test('an officer sees the non-draft applications of their programmes, newest first', async () => {
    assert.deepEqual(await titlesOf({}), ['=HYPERLINK("x") Gamma', 'Beta Elternarbeit', 'Alpha Sprachcafé']);
    assert.deepEqual(await titlesOf({}, [s.otherProgrammeId]), ['Fremder Zuschuss', 'Fremdes Projekt']);
    assert.equal((await titlesOf({}, 'all')).length, 5);
    assert.deepEqual(await titlesOf({}, []), []);
  });

  test('search finds the title and the carrier’s name; filters narrow by call, status, Land, field and cooperation', async () => {
    assert.deepEqual(await titlesOf({ q: 'sprach' }), ['Alpha Sprachcafé']);
    assert.deepEqual(await titlesOf({ q: 'Träger B' }), ['=HYPERLINK("x") Gamma']);
    assert.deepEqual(await titlesOf({ q: '%' }), []);
    assert.deepEqual(await titlesOf({ call: s.callId }), ['=HYPERLINK("x") Gamma', 'Alpha Sprachcafé']);
    assert.deepEqual(await titlesOf({ status: 'approved' }), ['=HYPERLINK("x") Gamma']);
    assert.deepEqual(await titlesOf({ status: 'draft' }).then((x) => x.length), 3, 'draft is no filter');
    assert.deepEqual(await titlesOf({ land: '07' }), ['Beta Elternarbeit']);
    assert.deepEqual(await titlesOf({ land: '09' }), []);
    assert.deepEqual(await titlesOf({ field: 'language' }), ['Alpha Sprachcafé']);
    assert.deepEqual(await titlesOf({ cooperation: 'tandem' }), ['Alpha Sprachcafé']);
    assert.deepEqual(await titlesOf({ q: "x' or 1=1 --", call: 'nonsense' }), []);
  });

  test('sorts by amount, title and status either way, and pages', async () => {
    assert.deepEqual(await titlesOf({ sort: 'amount', dir: 'asc' }), [
      'Beta Elternarbeit',
      'Alpha Sprachcafé',
      '=HYPERLINK("x") Gamma',
    ]);
    assert.deepEqual(await titlesOf({ sort: 'title' }), [
      '=HYPERLINK("x") Gamma',
      'Alpha Sprachcafé',
      'Beta Elternarbeit',
    ]);
    // the same status: by title
    assert.deepEqual(await titlesOf({ sort: 'status', dir: 'desc' }), [
      'Alpha Sprachcafé',
      'Beta Elternarbeit',
      '=HYPERLINK("x") Gamma',
    ]);
    const page2 = await listApplications(t.db, [s.programmeId], readApplicationQuery({ sort: 'title', page: '2' }), 2);
    assert.equal(page2.total, 3);
    assert.deepEqual(
      page2.rows.map((r) => r.title),
      ['Beta Elternarbeit'],
    );
  });

  test('the page is a GET form that keeps the filter, shows only what the officer may see', async () => {
    const page = await olga.get('/de/funding/applications?q=Alpha&status=submitted&sort=title&dir=asc');
    assert.equal(page.status, 200);
    assert.match(page.body, /Alpha Sprachcafé/);
    assert.doesNotMatch(page.body, /Beta Elternarbeit|Entwurf Geheim|Fremdes Projekt/);
    const form = page.html.querySelector('form.filter-form');
    assert.equal(form?.getAttribute('method'), 'get');
    assert.equal(page.html.querySelector('input[name="q"]')?.getAttribute('value'), 'Alpha');
    assert.ok(page.html.querySelector('select[name="status"] option[value="submitted"][selected]'));
    assert.ok(page.html.querySelector('a[href^="/de/funding/exports/applications.xlsx?q=Alpha"]'));
    const theirs = await otto.get('/de/funding/applications');
    assert.match(theirs.body, /Fremdes Projekt/);
    assert.doesNotMatch(theirs.body, /Alpha Sprachcafé/);
    const all = await ada.get('/de/funding/applications');
    assert.match(all.body, /Alpha Sprachcafé/);
    assert.match(all.body, /Fremdes Projekt/);
    const carrier = await signedIn(t, people.carrier);
    assert.equal((await carrier.get('/de/funding/applications')).status, 403);
    const junk = await olga.get('/de/funding/applications?sort=drop&dir=sideways&page=-4&call=1&land=99');
    assert.equal(junk.status, 200);
  });
});

describe('exports', () => {
  test('applications as CSV: BOM, semicolons, German amounts and dates, no formula', async () => {
    const res = await getRaw(t, olga, '/de/funding/exports/applications.csv?sort=amount&dir=asc');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="applications-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = res.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[0]?.split(';')[0], 'Aktenzeichen');
    assert.equal(lines[0]?.split(';')[2], 'Projekt');
    const beta = lines[1]!.split(';');
    assert.match(beta[0]!, /^[A-Z]+-\d{4}-\d{4}$/, 'the case number first');
    assert.equal(beta[2], 'Beta Elternarbeit');
    assert.equal(beta[3], 'Mosel-Verein');
    assert.equal(beta[7], '4.000,00');
    assert.match(beta[8]!, /^\d{2}\.\d{2}\.\d{4}$/);
    assert.ok(lines[3]!.includes(`"'=HYPERLINK(""x"") Gamma"`), String(lines[3]));
    assert.ok(lines[3]!.includes('18.000,00'));
    assert.doesNotMatch(bytes.toString('utf8'), /Fremd|Entwurf/);
  });

  test('applications, decisions and payments as XLSX, opened with exceljs', async () => {
    const open = async (url: string, c = olga) => {
      const res = await getRaw(t, c, url);
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return { name: sheet.name, rows };
    };
    const apps = await open('/de/funding/exports/applications.xlsx?status=submitted&sort=title');
    assert.equal(apps.name, 'Anträge');
    assert.deepEqual(apps.rows[0]?.slice(0, 9), [
      'Aktenzeichen',
      'Kennung',
      'Projekt',
      'Träger',
      'Förderprogramm',
      'Aufruf',
      'Stand',
      'Beantragt (EUR)',
      'Eingereicht am',
    ]);
    assert.deepEqual(
      apps.rows.slice(1).map((r) => [r[2], r[3], r[6], r[7]]),
      [
        ['Alpha Sprachcafé', 'Träger A e. V.', 'eingereicht', 9000],
        ['Beta Elternarbeit', 'Mosel-Verein', 'eingereicht', 4000],
      ],
    );
    assert.ok(apps.rows[1]?.[8] instanceof Date);
    assert.equal(apps.rows[1]?.[10], 'Sprache');

    const decisions = await open('/de/funding/exports/decisions.xlsx');
    assert.deepEqual(decisions.rows[0]?.slice(5, 9), [
      'Entscheidung',
      'Entschieden am',
      'Beantragt (EUR)',
      'Bewilligt (EUR)',
    ]);
    assert.deepEqual(
      decisions.rows.slice(1).map((r) => [r[2], r[5], r[8]]),
      [[`'=HYPERLINK("x") Gamma`, 'bewilligt', 18000]],
    );

    const payments = await open('/de/funding/exports/payments.xlsx');
    assert.equal(payments.name, 'Zahlungen');
    assert.deepEqual(
      payments.rows
        .slice(1)
        .map((r) => [r[7], r[8], r[9]])
        .sort((x, y) => Number(x[1]) - Number(y[1])),
      [
        ['abgelehnt', 70, 0],
        ['offen', 123.45, 0],
        ['ausgezahlt', 500, 500],
      ],
    );
    const theirs = await open('/de/funding/exports/payments.xlsx', otto);
    assert.equal(theirs.rows.length, 2);
    const open2 = await open('/de/funding/exports/payments.xlsx?status=requested');
    assert.equal(open2.rows.length, 2);
  });

  test('an unknown export is 404, and only officers get one', async () => {
    assert.equal((await getRaw(t, olga, '/de/funding/exports/passwords.csv')).statusCode, 404);
    assert.equal((await getRaw(t, olga, '/de/funding/exports/applications.pdf')).statusCode, 404);
    const carrier = await signedIn(t, people.carrier);
    assert.equal((await getRaw(t, carrier, '/de/funding/exports/applications.csv')).statusCode, 403);
  });
});

describe('payments overview', () => {
  test('open, paid, reduced and rejected per budget year and programme, with sums and links to the grant', async () => {
    const page = await olga.get('/de/funding/payments');
    assert.equal(page.status, 200);
    const groups = page.html.querySelectorAll('table')[0]!;
    const row = groups
      .querySelectorAll('tbody tr')[0]!
      .querySelectorAll('th, td')
      .map((td) => td.text.trim());
    assert.equal(row[0], String(Y));
    assert.match(row[2]!, /^1 · 123,45\s€$/);
    assert.match(row[3]!, /^1 · 500,00\s€$/);
    assert.equal(row[4], '–');
    assert.match(row[5]!, /^1 · 70,00\s€$/);
    assert.ok(page.html.querySelector(`a[href="/de/grants/${ids.grant}"]`));
    assert.doesNotMatch(page.body, /Fremder Zuschuss/);
    const open = await olga.get('/de/funding/payments?status=requested');
    assert.equal(open.html.querySelectorAll('table')[1]!.querySelectorAll('tbody tr').length, 1);
    const unspent = await olga.get('/de/funding/payments?unspent=1');
    assert.match(unspent.body, /Keine Zahlungen passen/);
  });
});

describe('what needs the officer today', () => {
  test('each count is known in the scene, per programme and for all', async () => {
    const later = addDays(today, 365 * 5);
    assert.deepEqual(await officerCounts(t.db, [s.programmeId], later), {
      awaitingDecision: 2,
      outstandingReviews: 2,
      openPayments: 1,
      openChanges: 1,
      unreadNotifications: 1,
      unspentPayments: 1,
      overdueReports: 2,
      openContinuations: 0,
    });
    assert.deepEqual(await officerCounts(t.db, [s.otherProgrammeId], later), {
      awaitingDecision: 1,
      outstandingReviews: 0,
      openPayments: 1,
      openChanges: 1,
      unreadNotifications: 1,
      unspentPayments: 0,
      overdueReports: 2,
      openContinuations: 0,
    });
    const all = await officerCounts(t.db, undefined, today);
    assert.equal(all.awaitingDecision, 3);
    assert.equal(all.openPayments, 2);
    assert.equal(all.unspentPayments, 0, 'paid today: six weeks to spend it');
    assert.equal(all.overdueReports, 0);
    assert.equal((await officerCounts(t.db, [], today)).openPayments, 0);
  });

  test('the dashboard shows the counts, each linking to its list', async () => {
    const page = await olga.get('/de/funding');
    assert.equal(page.status, 200);
    const count = (key: string) => page.html.querySelector(`li[data-count="${key}"]`);
    assert.equal(count('awaitingDecision')?.querySelector('strong')?.text, '2');
    assert.equal(
      count('awaitingDecision')?.querySelector('a')?.getAttribute('href'),
      '/de/funding/applications?status=submitted&dir=asc',
    );
    assert.equal(count('openPayments')?.querySelector('strong')?.text, '1');
    assert.equal(
      count('openPayments')?.querySelector('a')?.getAttribute('href'),
      '/de/funding/payments?status=requested',
    );
    assert.equal(count('unreadNotifications')?.querySelector('a')?.getAttribute('href'), '/de/funding/inbox');
    assert.equal(count('unspentPayments')?.querySelector('a')?.getAttribute('href'), '/de/funding/payments?unspent=1');
    // the links lead to lists that show the same
    const waiting = await olga.get('/de/funding/applications?status=submitted&dir=asc');
    assert.match(waiting.body, /Gefundene Einträge: 2/);
  });
});
