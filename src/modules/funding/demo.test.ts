// The demo lives on the day it is loaded: loaded on two different days, each of its five running
// grants is in the state the README promises, and the carrier can draw money on the running grant and
// import receipts into the open final report, through the same rules and stores the pages use.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { client, type TestApp, testApp } from '../../../test/helpers/app';
import { loadDemo } from '../../core/demo';
import type { DemoAccount } from '../../core/modules';
import { addDays, daysBetween } from '../../core/time/calendar';
import { fixedClock } from '../../core/time/clock';
import { rulesOf } from './applications/application-rules';
import { checkPlan, type FinancingPlan } from './applications/financing-plan';
import { amendedDecision, listChangeRequests } from './changes/changes.store';
import { filingIssues, nextContinuationYear } from './continuations/continuation-rules';
import { decisionNotice, latestDecision } from './decisions/decisions.store';
import { demoYearlyGrantTitle, yearlyDemoFirstYear } from './demo-continuation';
import { type DemoGrants, demoGrantTitles } from './demo-grants';
import { dashboardRows } from './grants/dashboard.store';
import { getGrantContext, listPayments, requestPayment } from './grants/grants.store';
import { unspentFlags } from './grants/ledger';
import { paymentRequestIssues } from './grants/payment-rules';
import { sendUnspentMoneyMails } from './grants/unspent-mail';
import { reclaimInterest } from './money-back/interest-rules';
import { listBaseRates } from './money-back/money-back.store';
import { parseReceipts } from './reports/receipts';
import { reportPeriod, reportSubmitIssues } from './reports/report-rules';
import { importReceipts, listReceipts, listReports } from './reports/reports.store';
import { applicationVersions, grants, interestNotices, reclaims, repayments } from './schema';

const days = (process.env.DEMO_DAYS ?? '2026-12-02,2027-08-15,2027-03-20').split(',');

for (const day of days) {
  describe(`the demo loaded on ${day}`, () => {
    let t: TestApp;
    let accounts: DemoAccount[];
    const ids = {} as DemoGrants;
    const today = day;
    before(async () => {
      // ten in the morning, Berlin (winter or summer time)
      const clock = fixedClock(`${day}T09:00:00Z`);
      t = await testApp({ now: clock });
      accounts = await loadDemo(t.deps);
      const rows = await t.db.select({ id: grants.id, title: grants.title }).from(grants);
      for (const [key, title] of Object.entries(demoGrantTitles)) {
        const row = rows.find((r) => r.title === title);
        assert.ok(row, `a grant "${title}"`);
        ids[key as keyof DemoGrants] = row.id;
      }
    });
    after(() => t.close());

    const grant = async (key: keyof DemoGrants) => {
      const g = await getGrantContext(t.db, ids[key]);
      assert.ok(g);
      return g;
    };

    test('every running grant was applied for with a plan that balances under its programme', async () => {
      for (const key of ['running', 'lastMonths', 'justEnded', 'overdue', 'cut'] as const) {
        const g = await grant(key);
        const [v] = await t.db
          .select()
          .from(applicationVersions)
          .where(eq(applicationVersions.applicationId, g.grant.applicationId));
        assert.ok(v);
        const period = { start: v.content.startDate, end: v.content.endDate };
        assert.deepEqual(checkPlan(v.content.plan as FinancingPlan, rulesOf(g.programme), period), [], key);
        assert.ok(v.submittedAt < new Date(`${today}T00:00:00Z`), `${key} was submitted before the load day`);
      }
    });

    test('running: started last year, an interim report open and due, a payment request waiting', async () => {
      const g = await grant('running');
      assert.equal(Number(g.grant.startDate.slice(0, 4)), Number(today.slice(0, 4)) - 1, 'started last year');
      assert.ok(g.grant.startDate < today && today < g.grant.endDate, 'running today');
      const reports = await listReports(t.db, g.grant.id);
      const next = reports.find((r) => r.status === 'open');
      assert.equal(next?.kind, 'interim', 'the next report is an interim report');
      assert.ok(next.dueOn >= today, 'not overdue');
      // interim reports are due on 30 April for the year before (reports/deadlines.ts)
      assert.ok(daysBetween(today, next.dueOn) <= 366, 'due by the next 30 April');
      if (today <= `${today.slice(0, 4)}-04-30`) {
        assert.ok(daysBetween(today, next.dueOn) <= 17 * 7, 'due within 17 weeks');
        assert.deepEqual(reportSubmitIssues(next, { today, grant: g.grant }), [], 'and can be submitted today');
        assert.ok((await listReceipts(t.db, next.id)).length > 0, 'with receipts imported');
      }
      assert.ok(
        reports.filter((r) => r.dueOn < today).every((r) => r.status === 'accepted' || r.status === 'submitted'),
        'earlier reports handed in',
      );
      const payments = await listPayments(t.db, g.grant.id);
      const open = payments.filter((p) => p.status === 'requested');
      assert.equal(open.length, 1, 'one payment request waits for the officer');
      assert.ok(open[0]!.dueOn >= today);
      assert.ok(
        payments.some((p) => p.status === 'approved' && p.spentCents === p.approvedCents),
        'money drawn and spent',
      );
      assert.deepEqual(unspentFlags(payments, today, 127), [], 'no money unspent beyond six weeks');
    });

    test('running: the carrier can request a payment today, by the rules and the store', async () => {
      const g = await grant('running');
      const year = Number(today.slice(0, 4));
      const input = {
        year,
        line: 'material',
        requestedCents: 45_000,
        dueOn: addDays(today, 14),
        purpose: 'Moderationsmaterial',
      };
      assert.deepEqual(paymentRequestIssues(input, { today, grant: g.grant }), []);
      const carrier = accounts.find((a) => a.role === 'carrierStaff')!;
      const c = client(t);
      await c.signIn(carrier.email, carrier.password);
      const page = await c.get(`/de/grants/${g.grant.id}`);
      assert.equal(page.status, 200, 'the demo carrier sees the grant');
      const result = await requestPayment(t.db, { id: null, label: 'test' }, g.grant.id, input, t.deps.now());
      assert.equal(result.ok, true, JSON.stringify(result));
    });

    test('yearly: the first budget year decided, the next one refused for money and open for its continuation', async () => {
      const [row] = await t.db.select().from(grants).where(eq(grants.title, demoYearlyGrantTitle));
      assert.ok(row, 'the yearly grant');
      const g = await getGrantContext(t.db, row.id);
      assert.ok(g);
      assert.equal(g.programme.decisionPeriod, 'yearly');
      const first = yearlyDemoFirstYear(today);
      assert.deepEqual(g.grant.decidedYears, [first]);
      const next = nextContinuationYear(g.grant);
      assert.equal(next, first + 1);
      assert.deepEqual(filingIssues(next!, { today, grant: g.grant }), [], 'the continuation can be filed today');
      const input = { year: next!, line: 'staff', requestedCents: 10_000, dueOn: addDays(today, 14), purpose: 'x' };
      const refused = await requestPayment(t.db, { id: null, label: 'test' }, g.grant.id, input, t.deps.now());
      assert.equal(refused.ok, false, 'no money for the year not decided');
      const carrier = accounts.find((a) => a.role === 'carrierStaff')!;
      const c = client(t);
      await c.signIn(carrier.email, carrier.password);
      const page = await c.get(`/de/grants/${g.grant.id}`);
      assert.match(page.body, new RegExp(`Fortsetzungsantrag für ${next} stellen`));
      const form = await c.get(`/de/grants/${g.grant.id}/continuation`);
      assert.equal(form.status, 200);
      assert.equal(form.html.querySelector('.error-summary'), null, 'nothing refuses it');
      // the other grants of the line keep their decision for the whole period
      const others = await t.db.select().from(grants).where(eq(grants.programmeId, g.programme.id));
      assert.ok(others.filter((o) => o.id !== row.id).every((o) => o.decidedYears === null));
      const all = await dashboardRows(t.db, {}, today);
      assert.equal(all.overdueReports, 1, 'its interim report is handed in');
    });

    test('last months: ends within three months, money drawn weeks ago not spent, the mail due', async () => {
      const g = await grant('lastMonths');
      const left = daysBetween(today, g.grant.endDate);
      assert.ok(left > 0 && left <= 92, `ends in ${left} days`);
      const flags = unspentFlags(await listPayments(t.db, g.grant.id), today, 127);
      assert.equal(flags.length, 1, 'one payment unspent beyond six weeks');
      assert.ok(flags[0]!.overdueDays >= 14 && flags[0]!.overdueDays <= 28, `${flags[0]!.overdueDays} days overdue`);
      assert.ok(flags[0]!.interestCents > 0);
      assert.ok((await sendUnspentMoneyMails(t.deps)) > 0, 'the unspent-money mail goes out on the load day');
      const reports = await listReports(t.db, g.grant.id);
      assert.ok(
        reports.filter((r) => r.dueOn < today).every((r) => r.status === 'accepted' || r.status === 'submitted'),
        'no report overdue',
      );
    });

    test('just ended: ended in the last months, the final report open and receipts importable', async () => {
      const g = await grant('justEnded');
      const since = daysBetween(g.grant.endDate, today);
      assert.ok(since > 0 && since <= 62, `ended ${since} days ago`);
      const reports = await listReports(t.db, g.grant.id);
      const final = reports.find((r) => r.kind === 'final');
      assert.equal(final?.status, 'open');
      assert.ok(final.dueOn > today, 'not yet due');
      assert.deepEqual(reportSubmitIssues(final, { today, grant: g.grant }), [], 'may be submitted');
      const csv = [
        'Datum;Empfänger;Zweck;Betrag;Position',
        `${g.grant.startDate};Stadtwerke;Raummiete;250,00;Sachausgaben`,
        `${addDays(g.grant.endDate, -3)};Sprachmittlerin;Elterncafé;180,00;Honorare`,
      ].join('\n');
      const parsed = parseReceipts(csv, reportPeriod(final, g.grant));
      assert.equal(parsed.ok, true, JSON.stringify(parsed));
      if (!parsed.ok) return;
      assert.deepEqual(await importReceipts(t.db, { id: null, label: 'test' }, final.id, parsed.receipts), {
        ok: true,
      });
      assert.equal((await listReceipts(t.db, final.id)).length, 2);
    });

    test('overdue: the final report is weeks overdue and still open', async () => {
      const g = await grant('overdue');
      const reports = await listReports(t.db, g.grant.id);
      const overdue = reports.filter((r) => r.status === 'open' && r.dueOn < today);
      assert.equal(overdue.length, 1);
      const late = daysBetween(overdue[0]!.dueOn, today);
      assert.ok(late >= 14 && late <= 70, `${late} days overdue`);
      const all = await dashboardRows(t.db, {}, today);
      assert.equal(all.overdueReports, 1, 'the only overdue report of the demo (the 2010–2012 ones were handed in)');
      const officer = accounts.find((a) => a.role === 'programmeOfficer')!;
      const o = client(t);
      await o.signIn(officer.email, officer.password);
      const dashboard = await o.get('/de/funding');
      assert.equal(dashboard.status, 200);
      assert.match(dashboard.body, new RegExp(demoGrantTitles.overdue), 'the officer sees it on the dashboard');
    });

    test('cut: approved with less than requested, with reasons; decision and amended decision issued', async () => {
      const g = await grant('cut');
      const decision = await latestDecision(t.db, g.grant.applicationId);
      assert.ok(decision);
      const [v] = await t.db
        .select()
        .from(applicationVersions)
        .where(eq(applicationVersions.applicationId, g.grant.applicationId));
      const requested = v!.content.plan.grant.reduce((s, x) => s + x.amountCents, 0);
      assert.ok(g.grant.approvedTotalCents < requested, 'less than requested');
      assert.match(decision.reasons, /45 € je Stunde/);
      const notice = await decisionNotice(t.db, g.grant.applicationId);
      assert.equal(notice?.content.subarray(0, 5).toString(), '%PDF-');
      const changes = await listChangeRequests(t.db, g.grant.id);
      const approved = changes.find((c) => c.status === 'approved');
      assert.ok(approved, 'an approved change');
      const amended = await amendedDecision(t.db, g.grant.id, approved.id);
      assert.equal(amended?.content.subarray(0, 5).toString(), '%PDF-');
      assert.ok(g.grant.startDate < today && today < g.grant.endDate, 'running');
    });

    test('cut: the unspent part of an early payment reclaimed, repaid, and its interest notice issued where the base rates allow', async () => {
      const g = await grant('cut');
      const [reclaim] = await t.db.select().from(reclaims).where(eq(reclaims.grantId, g.grant.id));
      assert.ok(reclaim, 'a reclaim on the cut grant');
      assert.ok(reclaim.amountCents > 0);
      assert.match(reclaim.reason, /Teilwiderruf/);
      // what was reclaimed is no longer flagged as unspent, on the page or on the dashboard
      const payments = await listPayments(t.db, g.grant.id);
      assert.deepEqual(unspentFlags(payments, today, 127, reclaim.amountCents), []);
      const officer = client(t);
      await officer.signIn('referat@demo.example', accounts.find((a) => a.role === 'programmeOfficer')!.password);
      assert.doesNotMatch((await officer.get(`/de/grants/${g.grant.id}`)).body, /über der Sechs-Wochen-Frist/);
      const notices = await t.db.select().from(interestNotices).where(eq(interestNotices.reclaimId, reclaim.id));
      const rates = await listBaseRates(t.db);
      const owed = reclaimInterest({
        principalCents: reclaim.amountCents,
        interestFrom: reclaim.effectiveOn,
        until: addDays(today, -10),
        repayments: await t.db.select().from(repayments).where(eq(repayments.reclaimId, reclaim.id)),
        rates,
      });
      // loaded today (2026-12-02) the money was owed in spring 2026, for which the rates are known
      if (day === '2026-12-02') assert.equal(owed.ok, true);
      if (owed.ok) {
        assert.equal(notices.length, 1, 'the interest notice');
        assert.equal(notices[0]!.interestCents, owed.statement.interestCents);
        assert.ok(owed.statement.interestCents > 0);
      } else {
        assert.equal(notices.length, 0, 'no notice without the base rate');
        const olga = client(t);
        await olga.signIn('referat@demo.example', accounts.find((a) => a.role === 'programmeOfficer')!.password);
        const page = await olga.get(`/de/grants/${g.grant.id}/reclaims/${reclaim.id}`);
        assert.match(page.body, /noch kein Basiszinssatz eingetragen/, 'the page names the missing rate');
      }
    });

    test('the open call takes applications for projects starting next year', async () => {
      const calls = await client(t).get('/de/calls');
      assert.match(calls.body, new RegExp(`Gemeinsam vor Ort ${Number(today.slice(0, 4)) + 1}`));
    });

    test('a second open call asks for the five federal documents, with how long each must be valid', async () => {
      const c = client(t);
      const calls = await c.get('/de/calls');
      const link = calls.html
        .querySelectorAll('a')
        .find((a) => a.text.trim() === `Beiräte vernetzen ${Number(today.slice(0, 4)) + 1}`);
      assert.ok(link, 'on the public list');
      const page = await c.get(link.getAttribute('href') ?? '');
      for (const label of [
        'Bescheinigung in Steuersachen',
        'Erklärung über das Nichtvorliegen eines Insolvenzverfahrens',
        'Unbedenklichkeitsbescheinigung der Krankenkasse',
        'Auszug aus dem Vereins- bzw. Handelsregister',
        'Satzung',
      ])
        assert.ok(page.body.includes(label), label);
      assert.match(page.body, /gültig bis zum Datum auf der Unterlage/);
      assert.match(page.body, /höchstens 3 Monate alt bei der Einreichung/);
    });

    test('the demo carrier’s draft in it has three documents with their dates and warns of the one ending first', async () => {
      const carrier = accounts.find((a) => a.role === 'carrierStaff')!;
      const anna = client(t);
      await anna.signIn(carrier.email, carrier.password);
      const list = await anna.get('/de/applications');
      const link = list.html.querySelectorAll('a').find((a) => a.text.trim() === 'Beiräte im Netz');
      assert.ok(link);
      const page = await anna.get(link.getAttribute('href') ?? '');
      assert.match(page.body, /Eine Unterlage gilt nicht bis zum Ende der Frist/);
      assert.match(page.body, /„Bescheinigung in Steuersachen“ gilt nur bis/);
      assert.match(page.body, /ausgestellt am .*, gilt bis/);
    });
  });
}
