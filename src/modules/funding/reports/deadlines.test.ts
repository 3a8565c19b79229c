// A deadline an hour or a day off, or interest a cent off, is a dispute with a carrier; these pin the dates and sums.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, addMonths, daysBetween } from '../../../core/time/calendar';
import { finalReportDue, interimReportDue, reminderDates } from './deadlines';

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
