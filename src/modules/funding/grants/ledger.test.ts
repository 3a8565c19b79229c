import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredPlan } from '../schema';
import { ledger, type PaymentForLedger, unspentFlags } from './ledger';

const plan: StoredPlan = {
  expenses: [
    { line: 'staff', year: 2027, amountCents: 4_000_000 },
    { line: 'travel', year: 2027, amountCents: 500_000 },
  ],
  ownFunds: [{ year: 2027, amountCents: 500_000 }],
  thirdPartyFunds: [],
  grant: [{ year: 2027, amountCents: 4_000_000 }],
};
const pay = (over: Partial<PaymentForLedger>): PaymentForLedger => ({
  id: 'p',
  year: 2027,
  line: 'staff',
  status: 'approved',
  approvedCents: 1_000_000,
  paidOn: '2027-01-10',
  spentCents: 0,
  spentOn: null,
  ...over,
});

test('the ledger counts only paid money, per line and year, against plan and grant', () => {
  const l = ledger(plan, [
    pay({ id: 'a', spentCents: 600_000 }),
    pay({ id: 'b', status: 'requested', paidOn: null }),
    pay({ id: 'c', line: 'travel', approvedCents: 200_000, status: 'reduced' }),
  ]);
  const staff = l.rows.find((r) => r.line === 'staff');
  assert.deepEqual(staff, {
    line: 'staff',
    year: 2027,
    plannedCents: 4_000_000,
    drawnCents: 1_000_000,
    spentCents: 600_000,
    spentBasis: 'reported',
    remainingCents: 3_000_000,
  });
  assert.deepEqual(l.grantByYear[2027], { granted: 4_000_000, drawn: 1_200_000, remaining: 2_800_000 });
});

test('money not spent within six weeks is flagged with the interest that could be charged', () => {
  // 4,000 € unspent since 10 January; six weeks end 21 February; on 24 March 31 days are overdue
  const flags = unspentFlags([pay({ id: 'a', spentCents: 600_000 })], '2027-03-24', 127);
  assert.equal(flags.length, 1);
  assert.equal(flags[0]?.unspentCents, 400_000);
  assert.equal(flags[0]?.overdueDays, 31);
  // 4000 × 6.27 % × 31 / 365 = 21.30 €
  assert.equal(flags[0]?.interestCents, 2130);
  assert.deepEqual(
    unspentFlags([pay({ id: 'a', spentCents: 600_000 })], '2027-02-20', 127),
    [],
    'within six weeks: no flag',
  );
  assert.deepEqual(
    unspentFlags([pay({ id: 'a', spentCents: 1_000_000 })], '2027-12-31', 127),
    [],
    'spent in full: no flag',
  );
});

test('the ledger’s spent column is the actual the reports show: receipts where a line and year has them', () => {
  const payments = [pay({ id: 'a', spentCents: 600_000 }), pay({ id: 'c', line: 'travel', approvedCents: 200_000 })];
  const receipts = [{ date: '2027-02-01', line: 'travel', amountCents: 150_000, reportKind: 'final' as const }];
  const l = ledger(plan, payments, receipts);
  assert.deepEqual(
    l.rows.map((r) => [r.line, r.spentCents, r.spentBasis]),
    [
      ['staff', 600_000, 'reported'],
      ['travel', 150_000, 'receipts'],
    ],
  );
});

test('money reclaimed on the grant is no longer held unspent: it settles the oldest payments first', () => {
  const payments = [
    pay({ id: 'b', paidOn: '2027-01-20', spentCents: 800_000 }), // 2,000 € unspent
    pay({ id: 'a', paidOn: '2027-01-10', spentCents: 600_000 }), // 4,000 € unspent, the older
  ];
  // 4,000 € reclaimed: the older payment is settled, the other stays flagged in full
  assert.deepEqual(
    unspentFlags(payments, '2027-04-01', 127, 400_000).map((f) => [f.paymentId, f.unspentCents]),
    [['b', 200_000]],
  );
  // 5,000 € reclaimed: 1,000 € of the second one is left
  assert.deepEqual(
    unspentFlags(payments, '2027-04-01', 127, 500_000).map((f) => [f.paymentId, f.unspentCents]),
    [['b', 100_000]],
  );
  assert.deepEqual(unspentFlags(payments, '2027-04-01', 127, 600_000), [], 'all of it reclaimed: no flag');
});
