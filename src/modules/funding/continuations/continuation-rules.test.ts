import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ProgrammeRules } from '../applications/financing-plan';
import { paymentRequestIssues, undecidedYearIssues } from '../grants/payment-rules';
import type { StoredPlan } from '../schema';
import {
  continuationDecision,
  continuationIssues,
  daysUntilYear,
  filingIssues,
  filingOpensOn,
  grantInYear,
  initialDecidedYears,
  intendedYears,
  nextContinuationYear,
  planOfInput,
  totalOfDecidedYears,
  withYearPlan,
  yearPlan,
} from './continuation-rules';

// three budget years, 10 % own funds each year, deficit financing
const plan: StoredPlan = {
  expenses: [
    { line: 'staff', year: 2026, amountCents: 5_000_000 },
    { line: 'staff', year: 2027, amountCents: 8_000_000 },
    { line: 'travel', year: 2027, amountCents: 2_000_000 },
    { line: 'staff', year: 2028, amountCents: 6_000_000 },
  ],
  ownFunds: [
    { year: 2026, amountCents: 500_000 },
    { year: 2027, amountCents: 1_000_000 },
    { year: 2028, amountCents: 600_000 },
  ],
  thirdPartyFunds: [],
  grant: [
    { year: 2026, amountCents: 4_500_000 },
    { year: 2027, amountCents: 9_000_000 },
    { year: 2028, amountCents: 5_400_000 },
  ],
};
const rules: ProgrammeRules = {
  financingType: 'deficit',
  maxShareBp: 9000,
  minOwnShareBp: 1000,
  maxGrantPerYearCents: 10_000_000,
  maxDurationMonths: 36,
};
const project = { start: '2026-04-01', end: '2028-12-31' };
const grant = { plan, decidedYears: [2026], endDate: project.end, withdrawnOn: null };

describe('which budget years are decided', () => {
  it('a programme deciding the whole period decides all at once (null); a yearly one the first year', () => {
    assert.equal(initialDecidedYears('whole', plan), null);
    assert.deepEqual(initialDecidedYears('yearly', plan), [2026]);
  });

  it('the later years are intended, and the next continuation is for the first of them', () => {
    assert.deepEqual(intendedYears(grant), [2027, 2028]);
    assert.equal(nextContinuationYear(grant), 2027);
    assert.equal(nextContinuationYear({ plan, decidedYears: [2026, 2027] }), 2028);
    assert.equal(nextContinuationYear({ plan, decidedYears: [2026, 2027, 2028] }), undefined);
    assert.equal(nextContinuationYear({ plan, decidedYears: null }), undefined);
  });
});

describe('when a continuation can be filed', () => {
  it('opens on 1 September of the year before and stays open through the year', () => {
    assert.equal(filingOpensOn(2027), '2026-09-01');
    assert.deepEqual(
      filingIssues(2027, { today: '2026-08-31', grant }).map((i) => i.key),
      ['funding:continuation.notYetOpen'],
    );
    assert.deepEqual(filingIssues(2027, { today: '2026-09-01', grant }), []);
    assert.deepEqual(filingIssues(2027, { today: '2027-12-31', grant }), []);
    assert.deepEqual(
      filingIssues(2027, { today: '2028-01-01', grant }).map((i) => i.key),
      ['funding:continuation.closed'],
    );
  });

  it('only for the next intended year, never after the end or a withdrawal', () => {
    assert.deepEqual(
      filingIssues(2028, { today: '2027-10-01', grant }).map((i) => i.key),
      ['funding:continuation.notNext'],
    );
    assert.deepEqual(
      filingIssues(2027, { today: '2026-10-01', grant: { ...grant, withdrawnOn: '2026-09-15' } }).map((i) => i.key),
      ['funding:withdrawal.noPayments'],
    );
    assert.deepEqual(
      filingIssues(2027, { today: '2026-10-01', grant: { ...grant, endDate: '2026-09-30' } }).map((i) => i.key),
      ['funding:continuation.closed'],
    );
  });

  it('counts the days until the year begins', () => {
    assert.equal(daysUntilYear(2027, '2026-12-31'), 1);
    assert.equal(daysUntilYear(2027, '2026-09-01'), 122);
  });
});

describe("the year's plan", () => {
  it('is prefilled from the binding plan and put back in its place', () => {
    const y = yearPlan(plan, 2027);
    assert.equal(y.expenses.length, 2);
    assert.equal(grantInYear(y, 2027), 9_000_000);
    assert.deepEqual(withYearPlan(plan, 2027, y).expenses.length, plan.expenses.length);
    assert.equal(grantInYear(withYearPlan(plan, 2027, { ...y, grant: [] }), 2027), 0);
  });

  it('property: replacing a year by its own part changes nothing but the order', () => {
    fc.assert(
      fc.property(fc.constantFrom(2026, 2027, 2028), (year) => {
        const back = withYearPlan(plan, year, yearPlan(plan, year));
        const key = (p: StoredPlan) =>
          JSON.stringify([...p.expenses].sort((a, b) => a.year - b.year || a.line.localeCompare(b.line)));
        assert.equal(key(back), key(plan));
        assert.equal(
          back.grant.reduce((s, g) => s + g.amountCents, 0),
          plan.grant.reduce((s, g) => s + g.amountCents, 0),
        );
      }),
    );
  });

  it('the carrier asks no more than intended, and a submission balances', () => {
    const ctx = { year: 2027, intendedCents: 9_000_000, binding: plan, rules, project };
    const asked = planOfInput(2027, {
      expenses: { staff: 8_000_000, travel: 2_000_000 },
      own: 1_000_000,
      third: 0,
      thirdSource: '',
      grant: 9_000_000,
    });
    assert.deepEqual(continuationIssues({ plan: asked, progress: 'Gut', submit: true }, ctx), []);
    const tooMuch = { ...asked, grant: [{ year: 2027, amountCents: 9_500_000 }] };
    assert.deepEqual(
      continuationIssues({ plan: tooMuch, progress: '', submit: false }, ctx).map((i) => [i.field, i.key]),
      [['grant', 'funding:continuation.aboveIntended']],
    );
    const unbalanced = { ...asked, grant: [{ year: 2027, amountCents: 8_000_000 }] };
    const issues = continuationIssues({ plan: unbalanced, progress: '', submit: true }, ctx);
    assert.ok(issues.some((i) => i.field === 'progress'));
    assert.ok(issues.some((i) => i.field === 'grant' && i.key.endsWith('coverMismatch')));
  });
});

describe("the officer's decision", () => {
  const ctx = { year: 2027, requested: yearPlan(plan, 2027), binding: plan, rules, project };

  it('approves in full without reasons, binding the year as asked', () => {
    const r = continuationDecision({ action: 'approve', amount: 9_000_000, reasons: '' }, ctx);
    assert.deepEqual(r.issues, []);
    assert.equal(r.cut, false);
    assert.deepEqual(r.plan, yearPlan(plan, 2027));
  });

  it('a cut needs reasons and is balanced by the first decision rules (deficit: smaller expenses)', () => {
    const noReason = continuationDecision({ action: 'approve', amount: 8_000_000, reasons: '' }, ctx);
    assert.deepEqual(
      noReason.issues.map((i) => [i.field, i.key]),
      [['reasons', 'funding:decision.cutReasonRequired']],
    );
    const r = continuationDecision({ action: 'approve', amount: 8_000_000, reasons: 'Haushalt' }, ctx);
    assert.deepEqual(r.issues, []);
    assert.equal(r.cut, true);
    assert.equal(grantInYear(r.plan!, 2027), 8_000_000);
    assert.equal(
      r.plan!.expenses.reduce((s, e) => s + e.amountCents, 0),
      9_000_000,
      'the year is done smaller by the cut',
    );
  });

  it('refuses more than intended, more than the cap, nothing, and a rejection without reasons', () => {
    const key = (input: Parameters<typeof continuationDecision>[0], c = ctx) =>
      continuationDecision(input, c).issues.map((i) => i.key);
    assert.deepEqual(key({ action: 'approve', amount: 9_000_001, reasons: 'x' }), [
      'funding:continuation.aboveIntended',
    ]);
    assert.deepEqual(key({ action: 'approve', amount: 0, reasons: 'x' }), ['funding:payment.approveRange']);
    assert.deepEqual(key({ action: 'approve', amount: undefined, reasons: 'x' }), ['funding:payment.approveRange']);
    assert.deepEqual(
      key(
        { action: 'approve', amount: 9_000_000, reasons: '' },
        { ...ctx, rules: { ...rules, maxGrantPerYearCents: 8_500_000 } },
      ),
      ['funding:decision.aboveCap'],
    );
    assert.deepEqual(key({ action: 'reject', amount: undefined, reasons: ' ' }), ['funding:decision.reasonsRequired']);
    assert.deepEqual(key({ action: 'reject', amount: undefined, reasons: 'Keine Mittel' }), []);
  });
});

describe('payments for a year not decided', () => {
  it('are refused naming the year and pointing to the continuation', () => {
    assert.deepEqual(undecidedYearIssues(grant, 2027), [
      { field: 'year', key: 'funding:continuation.paymentYearUndecided', params: { year: 2027 } },
    ]);
    assert.deepEqual(undecidedYearIssues(grant, 2026), []);
    assert.deepEqual(undecidedYearIssues({ decidedYears: null }, 2028), []);
    const issues = paymentRequestIssues({ year: 2027, dueOn: '2026-10-10' }, { today: '2026-10-01', grant });
    assert.deepEqual(
      issues.map((i) => i.key),
      ['funding:continuation.paymentYearUndecided'],
    );
  });
});

describe('the total after a rejected continuation', () => {
  it('is what the decided years grant; a whole-period grant keeps all', () => {
    const p = {
      grant: [
        { year: 2026, amountCents: 500 },
        { year: 2027, amountCents: 700 },
        { year: 2028, amountCents: 900 },
      ],
    };
    assert.equal(totalOfDecidedYears({ plan: p, decidedYears: [2026] }), 500);
    assert.equal(totalOfDecidedYears({ plan: p, decidedYears: [2026, 2027] }), 1200);
    assert.equal(totalOfDecidedYears({ plan: p, decidedYears: null }), 2100);
  });
});
