// What an officer may record as money back: no more than was paid out and not yet reclaimed,
// interest not from before the first payment, a repayment not above what is owed that day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reclaimIssues, repaymentIssues } from './money-back-rules';

const keys = (issues: { field: string; key: string }[]) => issues.map((i) => `${i.field}:${i.key.split('.').pop()}`);
const reclaim = { amountCents: 500_000, effectiveOn: '2026-03-01', dueOn: '2026-04-01' };

test('a reclaim within what was paid and not yet reclaimed, from a day after the first payment, passes', () => {
  assert.deepEqual(
    reclaimIssues(reclaim, { paidCents: 800_000, reclaimedCents: 300_000, firstPaidOn: '2026-02-01' }),
    [],
  );
  assert.deepEqual(
    reclaimIssues(
      { ...reclaim, effectiveOn: '2026-02-01' },
      { paidCents: 500_000, reclaimedCents: 0, firstPaidOn: '2026-02-01' },
    ),
    [],
  );
});

test('more than is left to reclaim, interest before the first payment, or nothing paid: refused at the field', () => {
  assert.deepEqual(
    keys(reclaimIssues(reclaim, { paidCents: 800_000, reclaimedCents: 300_001, firstPaidOn: '2026-02-01' })),
    ['amount:moreThanPaid'],
  );
  assert.deepEqual(keys(reclaimIssues(reclaim, { paidCents: 800_000, reclaimedCents: 0, firstPaidOn: '2026-03-02' })), [
    'effectiveOn:effectiveBeforePaid',
  ]);
  assert.deepEqual(keys(reclaimIssues(reclaim, { paidCents: 0, reclaimedCents: 0, firstPaidOn: null })), [
    'amount:nothingPaid',
  ]);
});

test('a repayment up to what is owed that day passes; above it is refused; unknown interest bounds nothing', () => {
  const today = '2026-03-16';
  assert.deepEqual(
    repaymentIssues({ paidOn: '2026-03-01', amountCents: 1_047_618 }, { today, owedCents: 1_047_618 }),
    [],
  );
  assert.deepEqual(
    keys(repaymentIssues({ paidOn: '2026-03-01', amountCents: 1_047_619 }, { today, owedCents: 1_047_618 })),
    ['amount:moreThanOwed'],
  );
  assert.deepEqual(repaymentIssues({ paidOn: '2026-03-01', amountCents: 9_999_999 }, { today }), []);
});
