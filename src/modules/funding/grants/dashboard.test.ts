// The dashboard lists grants by their next open report's due date. That date is kept on the grant
// by a trigger in the transaction that changes a report (migration 0012), so these tests change
// reports the ways the app does (submit, send back, accept) and read the order after each step.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, plan, system } from '../../../../test/helpers/funding';
import { listReports, reviewReport, submitReport } from '../reports/reports.store';
import { dashboardRows } from './dashboard.store';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Awaited<ReturnType<ReturnType<typeof funding>['scene']>>;
const y = new Date().getUTCFullYear() + 1;
const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene();
  const grant = async (title: string, end: string, organisationId: string) =>
    (
      await f.grant(
        { callId: scene.callId, organisationId },
        {
          content: {
            title,
            startDate: `${y}-01-01`,
            endDate: end,
            plan: plan({ year: y, grant: 1_000_000, own: 120_000 }),
          },
        },
      )
    ).grantId;
  // A: interim report for year y due on 30 April y+1, final report 30 June y+2
  ids.a = await grant('A-Projekt', `${y + 1}-12-31`, scene.organisationId);
  // B: one year, so only the final report, due 30 June y+1
  ids.b = await grant('B-Projekt', `${y}-12-31`, scene.otherOrganisationId);
  // C: like A, its first interim report due on the same day, later by title
  ids.c = await grant('C-Projekt', `${y + 2}-12-31`, scene.organisationId);
});
after(() => t.close());

const officerPage = (today = `${y}-01-15`, page = 1, pageSize = 50) =>
  dashboardRows(t.db, { programmeIds: [scene.programmeId] }, today, page, pageSize);
const titles = async () => (await officerPage()).rows.map((r) => `${r.title} ${r.nextDue}`);
const interimOf = async (grantId: string) => {
  const report = (await listReports(t.db, grantId)).find((r) => r.kind === 'interim');
  if (!report) throw new Error('no interim report');
  return report.id;
};

describe('officer dashboard', () => {
  test('lists grants by their next open report, with the carrier’s name, and follows the reports as they change', async () => {
    const first = await officerPage();
    assert.deepEqual(
      first.rows.map((r) => [r.title, r.nextDue, r.organisationName]),
      [
        ['A-Projekt', `${y + 1}-04-30`, 'Träger A e. V.'],
        ['C-Projekt', `${y + 1}-04-30`, 'Träger A e. V.'],
        ['B-Projekt', `${y + 1}-06-30`, 'Träger B e. V.'],
      ],
    );
    assert.equal(first.total, 3);

    // the carrier submits A's interim report: A's next deadline is its final report
    const interim = await interimOf(ids.a);
    assert.equal(await submitReport(t.db, system, interim, t.deps.now()), true);
    assert.deepEqual(await titles(), [
      `C-Projekt ${y + 1}-04-30`,
      `B-Projekt ${y + 1}-06-30`,
      `A-Projekt ${y + 2}-06-30`,
    ]);

    // the officer sends it back for corrections: it is open again and due as before
    assert.equal(
      (await reviewReport(t.db, system, interim, 'correctionsRequested', 'Bitte ergänzen', t.deps.now())).ok,
      true,
    );
    assert.deepEqual(await titles(), [
      `A-Projekt ${y + 1}-04-30`,
      `C-Projekt ${y + 1}-04-30`,
      `B-Projekt ${y + 1}-06-30`,
    ]);

    // corrected and accepted: done for good
    assert.equal(await submitReport(t.db, system, interim, t.deps.now()), true);
    assert.equal((await reviewReport(t.db, system, interim, 'accepted', '', t.deps.now())).ok, true);
    assert.equal((await titles()).at(-1), `A-Projekt ${y + 2}-06-30`);
  });

  test('counts overdue reports and open payment requests per grant and over all grants', async () => {
    await f.payment(ids.b);
    await f.payment(ids.b, { decision: 'approved', cents: 25_000 });
    // on 15 May y+1, C's interim report is a fortnight late (A's may be too, unless it was accepted);
    // B's final report is not due before June
    const late = await officerPage(`${y + 1}-05-15`);
    const row = (title: string) => late.rows.find((r) => r.title === title);
    assert.equal(row('C-Projekt')?.overdueReports, 1);
    assert.equal(row('B-Projekt')?.overdueReports, 0);
    assert.equal(
      late.overdueReports,
      late.rows.reduce((n, r) => n + r.overdueReports, 0),
    );
    assert.equal((await officerPage(`${y + 1}-04-30`)).overdueReports, 0, 'due today is not late yet');
    assert.equal(row('B-Projekt')?.pendingPayments, 1);
    assert.equal(row('B-Projekt')?.drawnCents, 25_000);
    assert.equal(late.pendingPayments, 1);
  });

  test('pages continue where the last one ended and carry the totals even past the end; carriers see their own grants', async () => {
    const page1 = await officerPage(undefined, 1, 2);
    const page2 = await officerPage(undefined, 2, 2);
    const page3 = await officerPage(undefined, 3, 2);
    assert.deepEqual(
      [...page1.rows, ...page2.rows].map((r) => r.title),
      (await officerPage()).rows.map((r) => r.title),
    );
    assert.equal(page3.rows.length, 0);
    assert.equal(page3.total, 3);
    assert.equal(page3.pendingPayments, page1.pendingPayments);
    assert.equal(page3.overdueReports, page1.overdueReports);
    const carrier = await dashboardRows(t.db, { organisationIds: [scene.otherOrganisationId] }, `${y}-01-15`);
    assert.deepEqual(
      carrier.rows.map((r) => r.title),
      ['B-Projekt'],
    );
    assert.equal(carrier.total, 1);
  });
});
