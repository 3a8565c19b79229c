// A deadline an hour or a day off, or interest a cent off, is a dispute with a carrier; these pin the dates and sums.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  berlinDate,
  berlinDateTime,
  callIsOpen,
  daysBetween,
  finalReportDue,
  interimReportDue,
  isCalendarDate,
  paymentRequestCap,
  reminderDates,
  unspentInterest,
} from './budget-rules';

test('Berlin wall-clock times become UTC instants in winter and summer', () => {
  assert.equal(berlinDateTime('2026-01-15', '12:00').toISOString(), '2026-01-15T11:00:00.000Z');
  assert.equal(berlinDateTime('2026-07-15', '12:00').toISOString(), '2026-07-15T10:00:00.000Z');
  assert.equal(berlinDateTime('2026-12-31', '23:59').toISOString(), '2026-12-31T22:59:00.000Z');
  assert.equal(berlinDateTime('2026-01-01', '00:00').toISOString(), '2025-12-31T23:00:00.000Z');
});

test('a time skipped when clocks go forward moves forward by the gap', () => {
  assert.equal(berlinDateTime('2026-03-29', '01:59').toISOString(), '2026-03-29T00:59:00.000Z');
  assert.equal(berlinDateTime('2026-03-29', '02:00').toISOString(), '2026-03-29T01:00:00.000Z');
  // 02:30 does not exist; it is read as 03:30 summer time.
  assert.equal(berlinDateTime('2026-03-29', '02:30').toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(berlinDateTime('2026-03-29', '03:30').toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(berlinDateTime('2026-03-29', '04:00').toISOString(), '2026-03-29T02:00:00.000Z');
});

test('a time shown twice when clocks go back means its first, summer-time showing', () => {
  assert.equal(berlinDateTime('2026-10-25', '01:59').toISOString(), '2026-10-24T23:59:00.000Z');
  assert.equal(berlinDateTime('2026-10-25', '02:00').toISOString(), '2026-10-25T00:00:00.000Z');
  assert.equal(berlinDateTime('2026-10-25', '02:30').toISOString(), '2026-10-25T00:30:00.000Z');
  assert.equal(berlinDateTime('2026-10-25', '03:00').toISOString(), '2026-10-25T02:00:00.000Z');
});

test('bad dates and times are refused', () => {
  assert.throws(() => berlinDateTime('2026-02-29', '12:00'), RangeError);
  assert.throws(() => berlinDateTime('2026-01-01', '24:00'), RangeError);
  assert.throws(() => berlinDateTime('1.1.2026', '12:00'), RangeError);
  assert.equal(isCalendarDate('2028-02-29'), true);
  assert.equal(isCalendarDate('2100-02-29'), false);
  assert.equal(isCalendarDate('2000-02-29'), true);
  assert.equal(isCalendarDate('2026-04-31'), false);
});

test('the Berlin date of an instant changes at Berlin midnight', () => {
  assert.equal(berlinDate(new Date('2026-12-31T22:59:59Z')), '2026-12-31');
  assert.equal(berlinDate(new Date('2026-12-31T23:00:00Z')), '2027-01-01');
  assert.equal(berlinDate(new Date('2026-06-30T22:00:00Z')), '2026-07-01');
});

test('a call is open from its opening up to, not including, its closing instant', () => {
  const call = { opensAt: berlinDateTime('2026-03-01', '00:00'), closesAt: berlinDateTime('2026-03-31', '12:00') };
  assert.equal(callIsOpen(call, new Date('2026-02-28T22:59:59Z')), false);
  assert.equal(callIsOpen(call, new Date('2026-02-28T23:00:00Z')), true);
  // 31 March is already summer time: 12:00 in Berlin is 10:00 UTC.
  assert.equal(callIsOpen(call, new Date('2026-03-31T09:59:59Z')), true);
  assert.equal(callIsOpen(call, new Date('2026-03-31T10:00:00Z')), false);
});

test('interim reports are due 30 April for every budget year but the last', () => {
  assert.equal(interimReportDue(2026, '2028-06-30'), '2027-04-30');
  assert.equal(interimReportDue(2027, '2028-06-30'), '2028-04-30');
  assert.equal(interimReportDue(2028, '2028-06-30'), undefined);
  assert.equal(interimReportDue(2026, '2026-12-31'), undefined);
});

test('the final report is due six months after the end, clamped to the month’s last day', () => {
  assert.equal(finalReportDue('2026-08-31'), '2027-02-28');
  assert.equal(finalReportDue('2027-08-31'), '2028-02-29');
  assert.equal(finalReportDue('2026-12-31'), '2027-06-30');
  assert.equal(finalReportDue('2026-06-30'), '2026-12-30');
  assert.equal(finalReportDue('2027-09-15'), '2028-03-15');
  assert.equal(addMonths('2028-02-29', 12), '2029-02-28');
  assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
});

test('reminders go out two weeks and three days before a deadline', () => {
  assert.deepEqual(reminderDates('2027-04-30'), ['2027-04-16', '2027-04-27']);
  assert.deepEqual(reminderDates('2028-03-01'), ['2028-02-16', '2028-02-27']);
  assert.deepEqual(reminderDates('2027-01-02'), ['2026-12-19', '2026-12-30']);
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(daysBetween('2028-01-01', '2029-01-01'), 366);
});

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

test('property: every Berlin wall-clock time that exists maps back to itself', () => {
  fc.assert(
    fc.property(calendarDate, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (date, h, m) => {
      const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
      const instant = berlinDateTime(date, time);
      const shown = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Berlin',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(instant);
      // Only the skipped hour in spring differs, and then by exactly one hour.
      if (shown !== `${date} ${time}`) {
        assert.equal(shown, `${date} ${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
        assert.equal(h, 2);
      }
      assert.equal(berlinDate(instant), date);
    }),
  );
});
