// A deadline an hour or a day off, or interest a cent off, is a dispute with a carrier; these pin the dates and sums.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import fc from 'fast-check';
import { issue } from '../../../core/http/form';
import { addDays } from '../../../core/time/calendar';
import {
  paymentCapIssues,
  paymentDecision,
  paymentDecisionIssues,
  paymentRequestCap,
  paymentRequestIssues,
  spentIssues,
  unspentInterest,
} from './payment-rules';

test('a payment request is capped by what remains of the approval', () => {
  assert.deepEqual(paymentRequestCap({ approvedCents: 100_000, drawnCents: 30_000, requestedCents: 50_000 }), {
    payableCents: 50_000,
    remainingCents: 70_000,
    capped: false,
  });
  assert.deepEqual(paymentRequestCap({ approvedCents: 100_000, drawnCents: 80_000, requestedCents: 50_000 }), {
    payableCents: 20_000,
    remainingCents: 20_000,
    capped: true,
  });
  // Overdrawn: nothing more can be paid.
  assert.deepEqual(paymentRequestCap({ approvedCents: 100_000, drawnCents: 120_000, requestedCents: 1 }), {
    payableCents: 0,
    remainingCents: 0,
    capped: true,
  });
  assert.throws(() => paymentRequestCap({ approvedCents: 1.5, drawnCents: 0, requestedCents: 0 }), RangeError);
});

test('interest on money not spent within six weeks, worked by hand', () => {
  // 10,000.00 € drawn 2026-01-01 and spent 2026-03-15: 73 days, 42 of them allowed, so 31 overdue days.
  // Rate 1.27 % + 5 points = 6.27 %: 1,000,000 ct × 0.0627 × 31 / 365 = 5,325.2 ct → 53.25 €.
  assert.deepEqual(
    unspentInterest({
      amountCents: 1_000_000,
      drawnOn: '2026-01-01',
      spentOn: '2026-03-15',
      asOf: '2026-06-30',
      baseRateBp: 127,
    }),
    { overdueDays: 31, interestCents: 5325 },
  );
});

test('money spent within six weeks bears no interest', () => {
  const drawn = { amountCents: 1_000_000, drawnOn: '2026-01-01', asOf: '2026-12-31', baseRateBp: 127 };
  assert.deepEqual(unspentInterest({ ...drawn, spentOn: '2026-02-12' }), { overdueDays: 0, interestCents: 0 });
  assert.deepEqual(unspentInterest({ ...drawn, spentOn: '2026-02-13' }), { overdueDays: 1, interestCents: 172 });
  assert.deepEqual(unspentInterest({ ...drawn, spentOn: '2025-12-01' }), { overdueDays: 0, interestCents: 0 });
});

test('money not yet spent bears interest until the day asked about', () => {
  // 2028 is a leap year: drawn 2028-01-15, 42 days take us to 2028-02-26; 2028-03-01 is 4 days later.
  const result = unspentInterest({ amountCents: 365_000, drawnOn: '2028-01-15', asOf: '2028-03-01', baseRateBp: 0 });
  // 365,000 ct × 5 % × 4 / 365 = 200 ct.
  assert.deepEqual(result, { overdueDays: 4, interestCents: 200 });
  // Spending after the day asked about does not count yet.
  assert.deepEqual(
    unspentInterest({
      amountCents: 365_000,
      drawnOn: '2028-01-15',
      spentOn: '2028-12-01',
      asOf: '2028-03-01',
      baseRateBp: 0,
    }),
    result,
  );
});

test('a negative base rate lowers the interest, but never below zero', () => {
  const drawn = { amountCents: 1_000_000, drawnOn: '2026-01-01', spentOn: '2026-03-15', asOf: '2026-12-31' };
  // (−0.88 % + 5 %) = 4.12 %: 1,000,000 ct × 0.0412 × 31 / 365 = 3,499.2 ct.
  assert.equal(unspentInterest({ ...drawn, baseRateBp: -88 }).interestCents, 3499);
  assert.equal(unspentInterest({ ...drawn, baseRateBp: -600 }).interestCents, 0);
  assert.equal(unspentInterest({ ...drawn, amountCents: -5, baseRateBp: 127 }).interestCents, 0);
});

const calendarDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

test('property: interest grows with the days and with the amount', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e12 }),
      fc.integer({ min: 0, max: 1e12 }),
      calendarDate,
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: -1000, max: 1500 }),
      (a, b, drawnOn, d1, d2, baseRateBp) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const [early, late] = [addDays(drawnOn, Math.min(d1, d2)), addDays(drawnOn, Math.max(d1, d2))];
        const at = (amountCents: number, asOf: string) =>
          unspentInterest({ amountCents, drawnOn, asOf, baseRateBp }).interestCents;
        assert.ok(at(small, late) <= at(large, late));
        assert.ok(at(large, early) <= at(large, late));
        assert.ok(at(small, early) >= 0);
      },
    ),
  );
});

test('property: a payment never exceeds what remains or what was requested', () => {
  const cents = fc.integer({ min: -1e12, max: 1e12 });
  fc.assert(
    fc.property(cents, cents, cents, (approvedCents, drawnCents, requestedCents) => {
      const r = paymentRequestCap({ approvedCents, drawnCents, requestedCents });
      assert.ok(r.payableCents >= 0);
      assert.ok(r.payableCents <= r.remainingCents);
      assert.ok(r.payableCents <= Math.max(0, requestedCents));
      assert.ok(r.remainingCents <= Math.max(0, approvedCents - drawnCents));
      assert.equal(r.capped, r.payableCents < requestedCents);
    }),
  );
});

describe('a payment request', () => {
  const grant = { plan: { grant: [{ year: 2027, amountCents: 900_000 }] }, endDate: '2027-12-31' };
  const at = (dueOn: string, today = '2027-03-01', year = 2027) =>
    paymentRequestIssues({ year, dueOn }, { today, grant });

  it('is for an expense due from today to six weeks ahead', () => {
    assert.deepEqual(at('2027-03-01'), []);
    assert.deepEqual(at('2027-04-12'), [], 'the 42nd day');
    assert.deepEqual(at('2027-04-13'), [issue('dueOn', 'funding:payment.dueWithinSixWeeks')]);
    assert.deepEqual(at('2027-02-28'), [issue('dueOn', 'funding:payment.dueWithinSixWeeks')], 'not in the past');
  });

  it('counts its six weeks from the Berlin day, across the turn of the year', () => {
    assert.deepEqual(at('2027-02-11', '2026-12-31'), []);
    assert.equal(at('2027-02-12', '2026-12-31').length, 1);
    assert.deepEqual(at('2027-02-12', '2027-01-01'), []);
  });

  it('is due by the project’s end, which the message names as a date for the view to write', () => {
    assert.deepEqual(at('2027-12-31', '2027-12-01'), []);
    assert.deepEqual(at('2028-01-05', '2027-12-01'), [
      issue('dueOn', 'funding:payment.afterProjectEnd', { date: { date: '2027-12-31' } }),
    ]);
  });

  it('is refused once the project has ended, naming the end; on its last day it is still possible', () => {
    assert.deepEqual(at('2027-12-31', '2027-12-31'), []);
    const ended = [issue('dueOn', 'funding:payment.projectEnded', { date: { date: '2027-12-31' } })];
    assert.deepEqual(at('2028-01-10', '2028-01-01'), ended, 'the day after the end, in Berlin');
    assert.deepEqual(at('2028-03-01', '2028-02-01', 2028), ended, 'one message, not one per field');
  });

  it('is for a year the grant covers', () => {
    assert.deepEqual(at('2027-03-10', '2027-03-01', 2028), [issue('year', 'common:validation.choose')]);
  });

  it('above what remains is refused at its amount, naming the remainder in cents', () => {
    const cap = paymentRequestCap({ approvedCents: 100_000, drawnCents: 80_000, requestedCents: 50_000 });
    assert.deepEqual(paymentCapIssues(cap), [
      issue('amount', 'funding:payment.aboveRemaining', { amount: { euro: 20_000 } }),
    ]);
    assert.deepEqual(
      paymentCapIssues(paymentRequestCap({ approvedCents: 100_000, drawnCents: 0, requestedCents: 100_000 })),
      [],
    );
  });
});

describe('the officer’s decision on a payment', () => {
  const payment = { requestedCents: 50_000 };
  it('pays more than nothing and at most what was asked; a rejection needs no amount', () => {
    const range = [issue('amount', 'funding:payment.approveRange')];
    assert.deepEqual(paymentDecisionIssues({ action: 'approve', amount: 50_000 }, payment), []);
    assert.deepEqual(paymentDecisionIssues({ action: 'approve', amount: 50_001 }, payment), range);
    assert.deepEqual(paymentDecisionIssues({ action: 'approve', amount: 0 }, payment), range);
    assert.deepEqual(paymentDecisionIssues({ action: 'approve', amount: undefined }, payment), range);
    assert.deepEqual(paymentDecisionIssues({ action: 'reject', amount: undefined }, payment), []);
  });
  it('approves the full amount, reduces a smaller one, rejects with nothing', () => {
    assert.deepEqual(paymentDecision({ action: 'approve', amount: 50_000 }, payment), {
      status: 'approved',
      approvedCents: 50_000,
    });
    assert.deepEqual(paymentDecision({ action: 'approve', amount: 20_000 }, payment), {
      status: 'reduced',
      approvedCents: 20_000,
    });
    assert.deepEqual(paymentDecision({ action: 'reject', amount: 20_000 }, payment), {
      status: 'rejected',
      approvedCents: 0,
    });
  });
});

describe('spending reported on a payment', () => {
  const context = {
    today: '2027-06-15',
    grant: { startDate: '2027-01-01', endDate: '2027-12-31' },
    payment: { approvedCents: 30_000 },
  };
  it('is at most what was paid, on a day within the project and not in the future', () => {
    assert.deepEqual(spentIssues({ spent: 30_000, spentOn: '2027-06-15' }, context), []);
    assert.deepEqual(spentIssues({ spent: 30_001, spentOn: '2027-06-15' }, context), [
      issue('spent', 'funding:payment.spentRange'),
    ]);
    const outside = [issue('spentOn', 'funding:payment.spentOutsideProject')];
    assert.deepEqual(spentIssues({ spent: 1, spentOn: '2027-06-16' }, context), outside, 'tomorrow');
    assert.deepEqual(spentIssues({ spent: 1, spentOn: '2026-12-31' }, context), outside, 'before the start');
    assert.deepEqual(
      spentIssues({ spent: 1, spentOn: '2028-01-01' }, { ...context, today: '2028-02-01' }),
      outside,
      'after the end',
    );
  });
});
