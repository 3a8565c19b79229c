// A submitted report is a frozen snapshot: its figures (actual and plan per line and year, paid
// out, reported, the narrative) are stored at submission and shown from then on, on the carrier's
// and the officer's page alike; spending reported or receipts imported afterwards do not move them,
// and receipts cannot be imported into it. The officer's request for corrections reopens it: the
// figures are live again and the next submission takes a new snapshot, the earlier one kept.
// The actual figures come from the one function the ledger uses too (actuals.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type Client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, plan, type Scene, signedIn, upload } from '../../../../test/helpers/funding';
import { fixedClock } from '../../../core/time/clock';
import { receipts, reports } from '../schema';

const clock = fixedClock('2025-06-02T08:00:00Z');
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
let grantId = '';
let paymentId = '';
let finalId = '';
let interimId = '';

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene();
  ({ grantId } = await f.grant(scene, {
    content: {
      title: 'Nachweis eingefroren',
      startDate: '2024-01-01',
      endDate: '2025-12-31',
      plan: plan({ year: 2024, grant: 1_800_000, own: 200_000 }, { year: 2025, grant: 270_000, own: 30_000 }),
    },
  }));
  // while the project runs, 2,000 € are drawn for staff in 2025
  paymentId = await f.payment(grantId, { year: 2025, cents: 200_000, decision: 'approved' });
  // the project has ended; the carrier prepares the final report
  clock.set('2026-02-10T10:00:00Z');
  const rows = await t.db.select().from(reports).where(eq(reports.grantId, grantId));
  finalId = rows.find((r) => r.kind === 'final')!.id;
  interimId = rows.find((r) => r.kind === 'interim')!.id;
});
after(() => t.close());

const finalUrl = () => `/de/grants/${grantId}/reports/${finalId}`;
const csv = (c: Client, url: string, text: string) =>
  upload(t, c, `${url}/receipts`, { csv: { filename: 'belege.csv', content: text, type: 'text/csv' } });

/** The statement's rows as text, by its caption. */
async function statement(c: Client, url: string) {
  const page = await c.get(url);
  const table = page.html
    .querySelectorAll('table')
    .find((x) => /Zahlenmäßiger Nachweis|Financial statement/.test(x.querySelector('caption')?.text ?? ''));
  assert.ok(table, 'the statement table');
  return {
    page,
    headers: table.querySelectorAll('thead th').map((th) => th.text.trim()),
    rows: table.querySelectorAll('tbody tr').map((r) => r.text.replace(/\s+/g, ' ')),
  };
}

/** The ledger's row of a line and year on the grant page. */
async function ledgerRow(c: Client, label: string) {
  const page = await c.get(`/de/grants/${grantId}`);
  const table = page.html
    .querySelectorAll('table')
    .find((x) => /Mittelübersicht/.test(x.querySelector('caption')?.text ?? ''));
  return (
    table
      ?.querySelectorAll('tbody tr')
      .find((r) => r.text.includes(label))
      ?.text.replace(/\s+/g, ' ') ?? ''
  );
}

describe('the final report', () => {
  test('shows the spending reported on paid money as actual, as the ledger does, and compares actual − plan', async () => {
    const anna = await signedIn(t, people.carrier);
    await anna.get(`/de/grants/${grantId}`);
    const spent = await anna.post(`/de/grants/${grantId}/payments/${paymentId}/spent`, {
      spent: '1.500,00',
      spentOn: '2025-06-20',
    });
    assert.equal(spent.status, 303);
    assert.match(await ledgerRow(anna, 'Personalausgaben 2025'), /1\.500,00/);
    const s = await statement(anna, finalUrl());
    assert.ok(s.headers.includes('Ist − Plan'), s.headers.join(' | '));
    const staff2025 = s.rows.find((r) => r.includes('Personalausgaben 2025')) ?? '';
    // plan 3,000 €, actual 1,500 € reported spent: actual − plan is −1,500 €
    assert.match(staff2025, /3\.000,00.*1\.500,00.*[-−]1\.500,00/, staff2025);
    const en = await statement(anna, finalUrl().replace('/de/', '/en/'));
    assert.ok(en.headers.includes('Actual − plan'), en.headers.join(' | '));
  });

  test('is frozen at submission: later spending, receipts elsewhere and imports do not change its figures', async () => {
    const anna = await signedIn(t, people.carrier);
    await anna.get(finalUrl());
    assert.equal((await anna.post(`${finalUrl()}/submit`)).status, 303);
    const [row] = await t.db.select().from(reports).where(eq(reports.id, finalId));
    assert.equal(row?.figures?.totals.actualCents, 150_000, 'the snapshot is stored in the report');
    assert.equal(row?.figures?.totals.paidOutCents, 200_000);
    // afterwards: more spending on the payment, and receipts for 2024 in the interim report
    await anna.get(`/de/grants/${grantId}`);
    const more = await anna.post(`/de/grants/${grantId}/payments/${paymentId}/spent`, {
      spent: '2.000,00',
      spentOn: '2025-06-30',
    });
    assert.equal(more.status, 303);
    const interimUrl = `/de/grants/${grantId}/reports/${interimId}`;
    await anna.get(interimUrl);
    const imported = await csv(
      anna,
      interimUrl,
      'Datum;Empfänger;Zweck;Betrag;Position\n31.01.2024;Fachkraft;Gehalt;900,00;Personal\n',
    );
    assert.equal(imported.status, 303);
    assert.match(await ledgerRow(anna, 'Personalausgaben 2025'), /2\.000,00/, 'the ledger is live');
    const s = await statement(anna, finalUrl());
    assert.match(s.rows.find((r) => r.includes('Personalausgaben 2025')) ?? '', /1\.500,00/);
    assert.doesNotMatch(s.rows.find((r) => r.includes('Personalausgaben 2024')) ?? '', /900,00/);
    // the officer sees the same frozen figures
    const olga = await signedIn(t, people.officer);
    const o = await statement(olga, finalUrl());
    assert.deepEqual(o.rows, s.rows);
    await anna.get(finalUrl());
    // receipts cannot be imported into the submitted report: a message at the file field
    const refused = await csv(
      anna,
      finalUrl(),
      'Datum;Empfänger;Zweck;Betrag;Position\n01.03.2025;Druckerei;Flyer;100,00;Sachausgaben\n',
    );
    assert.equal(refused.status, 400);
    assert.match(refused.body, /eingereicht/);
    assert.equal((await t.db.select().from(receipts).where(eq(receipts.reportId, finalId))).length, 0);
  });

  test('reopens when the officer asks for corrections, and the next submission takes a new snapshot', async () => {
    const olga = await signedIn(t, people.officer);
    await olga.get(finalUrl());
    const back = await olga.post(`${finalUrl()}/review`, { action: 'corrections', note: 'Bitte Belege beifügen.' });
    assert.equal(back.status, 303);
    const anna = await signedIn(t, people.carrier);
    const live = await statement(anna, finalUrl());
    await anna.get(finalUrl());
    assert.match(live.rows.find((r) => r.includes('Personalausgaben 2025')) ?? '', /2\.000,00/, 'live again');
    assert.match(live.rows.find((r) => r.includes('Personalausgaben 2024')) ?? '', /900,00/);
    const imported = await csv(
      anna,
      finalUrl(),
      'Datum;Empfänger;Zweck;Betrag;Position\n15.06.2025;Fachkraft;Gehalt Juni;1.800,00;Personal\n',
    );
    assert.equal(imported.status, 303);
    await anna.get(finalUrl());
    assert.equal((await anna.post(`${finalUrl()}/submit`)).status, 303);
    const [row] = await t.db
      .select()
      .from(reports)
      .where(and(eq(reports.id, finalId), eq(reports.status, 'submitted')));
    const staff2025 = row?.figures?.lines.find((l) => l.line === 'staff' && l.year === 2025);
    assert.equal(staff2025?.actualCents, 180_000, 'the receipts now prove the actual');
    assert.equal(staff2025?.basis, 'receipts');
    assert.equal(row?.earlierFigures.length, 1, 'the first snapshot is kept');
    assert.equal(row?.earlierFigures[0]?.totals.actualCents, 150_000);
  });

  test('a report submitted before snapshots existed is frozen the first time it is shown', async () => {
    await t.db.update(reports).set({ figures: null }).where(eq(reports.id, finalId));
    const anna = await signedIn(t, people.carrier);
    const first = await statement(anna, finalUrl());
    const [row] = await t.db.select().from(reports).where(eq(reports.id, finalId));
    assert.ok(row?.figures, 'stored on first sight');
    await anna.get(`/de/grants/${grantId}`);
    const spent = await anna.post(`/de/grants/${grantId}/payments/${paymentId}/spent`, {
      spent: '1.000,00',
      spentOn: '2025-07-01',
    });
    assert.equal(spent.status, 303);
    assert.deepEqual((await statement(anna, finalUrl())).rows, first.rows);
  });
});
