// A deadline an hour or a day off is a dispute with a carrier; these pin Berlin dates and times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { berlinDate, berlinDateTime, isCalendarDate } from './calendar';

const calendarDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

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
