// What was spent, per expense line and budget year, as the ledger and the reports both show it:
// the receipts where a line and year has them, the spending reported on paid money where it has
// none. The demo's case: the ledger said 15,000 € spent on staff and the submitted final report 0 €.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredPlan } from '../schema';
import { actuals, type ReceiptForActuals, reportFigures, type SpendingForActuals } from './actuals';

const paid = (over: Partial<SpendingForActuals>): SpendingForActuals => ({
  year: 2010,
  line: 'staff',
  status: 'approved',
  approvedCents: 1_500_000,
  paidOn: '2010-02-01',
  spentCents: 0,
  ...over,
});
const receipt = (over: Partial<ReceiptForActuals>): ReceiptForActuals => ({
  date: '2010-01-31',
  line: 'staff',
  amountCents: 500_000,
  reportKind: 'interim',
  ...over,
});

/** The demo grant: staff 15,000 € paid and reported spent, fees 3,000 € paid and nothing reported yet. */
const demoPayments = [
  paid({ spentCents: 1_500_000 }),
  paid({ line: 'fees', status: 'reduced', approvedCents: 300_000, paidOn: '2010-05-03' }),
  paid({ line: 'fees', status: 'requested', approvedCents: 0, paidOn: null, spentCents: 0 }),
];
const demoPlan: StoredPlan = {
  expenses: [2010, 2011].flatMap((year) => [
    { line: 'staff', year, amountCents: 3_500_000 },
    { line: 'fees', year, amountCents: 525_000 },
    { line: 'travel', year, amountCents: 175_000 },
  ]),
  ownFunds: [],
  thirdPartyFunds: [],
  grant: [
    { year: 2010, amountCents: 3_780_000 },
    { year: 2011, amountCents: 3_780_000 },
  ],
};

describe('actual spending per line and year', () => {
  it('without receipts is the spending reported on paid money (the demo’s final report: not 0 €)', () => {
    const a = actuals([], demoPayments);
    assert.deepEqual(
      a.map((x) => [x.line, x.year, x.actualCents, x.basis]),
      [
        ['staff', 2010, 1_500_000, 'reported'],
        ['fees', 2010, 0, 'none'],
      ],
    );
  });

  it('with receipts for a line and year is what the receipts prove, next to what was reported', () => {
    const a = actuals(
      [
        receipt({}),
        receipt({ date: '2010-02-28' }),
        receipt({ date: '2010-05-12', line: 'fees', amountCents: 30_000 }),
      ],
      demoPayments,
    );
    assert.deepEqual(
      a.map((x) => [x.line, x.year, x.receiptsCents, x.reportedCents, x.actualCents, x.basis]),
      [
        ['staff', 2010, 1_000_000, 1_500_000, 1_000_000, 'receipts'],
        ['fees', 2010, 30_000, 0, 30_000, 'receipts'],
      ],
    );
  });

  it('counts a year’s receipts once: the final report’s list, when it has that year, replaces the interim one', () => {
    const interim = [receipt({}), receipt({ date: '2011-03-01', amountCents: 100 })];
    const final = [receipt({ reportKind: 'final', amountCents: 2_000_000 })];
    const a = actuals([...interim, ...final], []);
    assert.deepEqual(
      a.map((x) => [x.line, x.year, x.actualCents]),
      [
        ['staff', 2010, 2_000_000],
        ['staff', 2011, 100],
      ],
    );
  });

  it('takes the budget year from the receipt’s date and the payment’s year', () => {
    const a = actuals([receipt({ date: '2011-01-01', line: 'travel', amountCents: 1 })], [paid({ year: 2011 })]);
    assert.deepEqual(
      a.map((x) => [x.line, x.year]),
      [
        ['staff', 2011],
        ['travel', 2011],
      ],
    );
  });
});

describe('a report’s figures', () => {
  const narrative = ['160 Familien erreicht'];
  const takenAt = new Date('2012-05-02T10:00:00Z');

  it('of the final report: per line and year, plan against actual, paid out and reported, over the whole project', () => {
    const f = reportFigures({
      report: { kind: 'final', budgetYear: null },
      plan: demoPlan,
      receipts: [],
      payments: demoPayments,
      narrative,
      takenAt,
    });
    const staff2010 = f.lines.find((l) => l.line === 'staff' && l.year === 2010);
    assert.deepEqual(staff2010, {
      line: 'staff',
      year: 2010,
      plannedCents: 3_500_000,
      actualCents: 1_500_000,
      receiptsCents: 0,
      reportedCents: 1_500_000,
      basis: 'reported',
    });
    assert.equal(f.lines.length, 6, 'every planned line of both years');
    assert.deepEqual(f.totals, {
      plannedCents: 8_400_000,
      actualCents: 1_500_000,
      receiptsCents: 0,
      reportedCents: 1_500_000,
      paidOutCents: 1_800_000,
    });
    assert.equal(f.receiptCount, 0);
    assert.deepEqual(f.narrative, narrative);
    assert.equal(f.takenAt, '2012-05-02T10:00:00.000Z');
  });

  it('of an interim report: its budget year only', () => {
    const f = reportFigures({
      report: { kind: 'interim', budgetYear: 2011 },
      plan: demoPlan,
      receipts: [],
      payments: demoPayments,
      narrative,
      takenAt,
    });
    assert.deepEqual([...new Set(f.lines.map((l) => l.year))], [2011]);
    assert.equal(f.totals.paidOutCents, 0);
    assert.equal(f.totals.plannedCents, 4_200_000);
  });
});
