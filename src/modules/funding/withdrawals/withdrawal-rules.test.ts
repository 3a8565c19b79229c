// The withdrawal's rules with worked examples: what may remain, what is reclaimed per year and in
// all, and from which day each part bears interest.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  reclaimParts,
  reclaimPerYear,
  remainingGrant,
  remainingIssues,
  totalOf,
  withdrawalBlockers,
  withdrawalIssues,
  withdrawalReclaims,
} from './withdrawal-rules';

const grant = [
  { year: 2025, amountCents: 1_000_000 },
  { year: 2026, amountCents: 800_000 },
];
const context = {
  decisionDay: '2025-01-15',
  today: '2026-03-16',
  withdrawnOn: null,
  openPayments: 0,
  grant,
};
const keys = (issues: { field: string; key: string }[]) => issues.map((i) => `${i.field}:${i.key}`);

describe('what may remain granted', () => {
  test('each year between nothing and the grant now, and less in all', () => {
    assert.deepEqual(remainingIssues({ 2025: 600_000, 2026: 800_000 }, grant), []);
    assert.deepEqual(remainingIssues({ 2025: 0, 2026: 0 }, grant), []);
    assert.deepEqual(keys(remainingIssues({ 2025: 1_000_001, 2026: 0 }, grant)), [
      'remaining2025:funding:withdrawal.aboveGrant',
    ]);
    assert.deepEqual(keys(remainingIssues({ 2025: -1, 2026: 0 }, grant)), ['remaining2025:common:validation.money']);
    assert.deepEqual(keys(remainingIssues({ 2025: 500_000 }, grant)), [
      'remaining2026:funding:withdrawal.remainingRequired',
    ]);
    // withdrawing nothing is no withdrawal
    assert.deepEqual(keys(remainingIssues({ 2025: 1_000_000, 2026: 800_000 }, grant)), [
      'extent:funding:withdrawal.nothingWithdrawn',
    ]);
  });

  test('the day it takes effect lies between the decision and today', () => {
    const base = { extent: 'full' as const, effect: 'date' as const, remaining: {} };
    assert.deepEqual(withdrawalIssues({ ...base, effectiveOn: '2025-01-15' }, context), []);
    assert.deepEqual(withdrawalIssues({ ...base, effectiveOn: '2026-03-16' }, context), []);
    assert.deepEqual(keys(withdrawalIssues({ ...base, effectiveOn: '2025-01-14' }, context)), [
      'effectiveOn:funding:withdrawal.beforeDecision',
    ]);
    assert.deepEqual(keys(withdrawalIssues({ ...base, effectiveOn: '2026-03-17' }, context)), [
      'effectiveOn:funding:withdrawal.inFuture',
    ]);
    assert.deepEqual(keys(withdrawalIssues({ ...base, effectiveOn: '' }, context)), [
      'effectiveOn:funding:withdrawal.effectiveOnRequired',
    ]);
    // ex tunc needs no day
    assert.deepEqual(withdrawalIssues({ ...base, effect: 'decision', effectiveOn: '' }, context), []);
  });

  test('a grant withdrawn in full, an open payment request or nothing granted stop it', () => {
    assert.deepEqual(keys(withdrawalBlockers({ ...context, withdrawnOn: '2026-01-01' })), [
      'extent:funding:withdrawal.alreadyWithdrawn',
    ]);
    assert.deepEqual(keys(withdrawalBlockers({ ...context, openPayments: 1 })), [
      'extent:funding:withdrawal.openPayments',
    ]);
    assert.deepEqual(keys(withdrawalBlockers({ ...context, grant: grant.map((g) => ({ ...g, amountCents: 0 })) })), [
      'extent:funding:withdrawal.nothingGranted',
    ]);
  });
});

describe('the reclaim', () => {
  // 2025: 10,000 € granted, paid 4,000 € on 1 March and 5,000 € on 1 September = 9,000 €
  // 2026: 8,000 € granted, paid 3,000 € on 2 February
  const paid = [
    { year: 2025, paidOn: '2025-03-01', amountCents: 400_000 },
    { year: 2025, paidOn: '2025-09-01', amountCents: 500_000 },
    { year: 2026, paidOn: '2026-02-02', amountCents: 300_000 },
  ];

  test('partial: 2025 keeps 6,000 € → 3,000 € back; 2026 keeps 5,000 € → nothing back (only 3,000 € paid)', () => {
    const after = remainingGrant('partial', grant, { 2025: 600_000, 2026: 500_000 });
    assert.deepEqual(after, [
      { year: 2025, amountCents: 600_000 },
      { year: 2026, amountCents: 500_000 },
    ]);
    const perYear = reclaimPerYear(after, paid);
    assert.deepEqual(perYear, [{ year: 2025, amountCents: 300_000 }]);
    assert.equal(totalOf(perYear), 300_000);
    // the 3,000 € come out of the latest payment of 2025 (1 September, after the day of effect 1 July 2025)
    assert.deepEqual(reclaimParts(perYear, paid, '2025-07-01'), [{ interestFrom: '2025-09-01', amountCents: 300_000 }]);
    // from 1 October 2025 instead: interest from that day, the money was paid before it
    assert.deepEqual(reclaimParts(perYear, paid, '2025-10-01'), [{ interestFrom: '2025-10-01', amountCents: 300_000 }]);
  });

  test('full, ex tunc: everything paid is reclaimed, each payment bearing interest from its day', () => {
    const after = remainingGrant('full', grant, {});
    assert.deepEqual(after, [
      { year: 2025, amountCents: 0 },
      { year: 2026, amountCents: 0 },
    ]);
    const perYear = reclaimPerYear(after, paid);
    assert.deepEqual(perYear, [
      { year: 2025, amountCents: 900_000 },
      { year: 2026, amountCents: 300_000 },
    ]);
    assert.equal(totalOf(perYear), 1_200_000);
    const parts = reclaimParts(perYear, paid, '2025-01-15');
    assert.deepEqual(parts, [
      { interestFrom: '2025-03-01', amountCents: 400_000 },
      { interestFrom: '2025-09-01', amountCents: 500_000 },
      { interestFrom: '2026-02-02', amountCents: 300_000 },
    ]);
    // full from 1 June 2025: the March payment bears interest from 1 June, the later ones from their day
    assert.deepEqual(reclaimParts(perYear, paid, '2025-06-01')[0], {
      interestFrom: '2025-06-01',
      amountCents: 400_000,
    });
    assert.deepEqual(withdrawalReclaims(parts, '2026-03-16')[0], {
      amountCents: 400_000,
      effectiveOn: '2025-03-01',
      dueOn: '2026-04-16',
    });
  });

  test('after an earlier withdrawal, what it reclaimed is not reclaimed again', () => {
    const earlier = [{ year: 2025, amountCents: 300_000 }];
    const after = remainingGrant('full', [{ year: 2025, amountCents: 600_000 }], {});
    const perYear = reclaimPerYear(after, paid, earlier);
    assert.deepEqual(perYear, [
      { year: 2025, amountCents: 600_000 },
      { year: 2026, amountCents: 300_000 },
    ]);
    // the September payment's 3,000 € went back already: 2,000 € of it and the 4,000 € of March remain
    assert.deepEqual(reclaimParts(perYear, paid, '2025-01-15', earlier), [
      { interestFrom: '2025-03-01', amountCents: 400_000 },
      { interestFrom: '2025-09-01', amountCents: 200_000 },
      { interestFrom: '2026-02-02', amountCents: 300_000 },
    ]);
  });

  test('nothing paid, nothing reclaimed', () => {
    assert.deepEqual(reclaimPerYear(remainingGrant('full', grant, {}), []), []);
  });

  test('properties: never negative, never more than paid, and the parts add up to the total', () => {
    const payment = fc.record({
      year: fc.constantFrom(2025, 2026),
      paidOn: fc.constantFrom('2025-02-01', '2025-08-01', '2026-01-10', '2026-03-01'),
      amountCents: fc.integer({ min: 1, max: 500_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(payment, { maxLength: 8 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 800_000 }),
        (paid, r25, r26) => {
          const after = remainingGrant('partial', grant, { 2025: r25, 2026: r26 });
          const perYear = reclaimPerYear(after, paid);
          const total = totalOf(perYear);
          assert.ok(perYear.every((y) => y.amountCents > 0));
          assert.ok(total <= paid.reduce((s, p) => s + p.amountCents, 0));
          assert.equal(totalOf(reclaimParts(perYear, paid, '2025-06-01')), total);
        },
      ),
    );
  });
});
