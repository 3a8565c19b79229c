// A deadline an hour or a day off, or interest a cent off, is a dispute with a carrier; these pin the dates and sums.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { berlinDateTime } from '../../../core/time/calendar';
import { callIsOpen } from './call-rules';

test('a call is open from its opening up to, not including, its closing instant', () => {
  const call = { opensAt: berlinDateTime('2026-03-01', '00:00'), closesAt: berlinDateTime('2026-03-31', '12:00') };
  assert.equal(callIsOpen(call, new Date('2026-02-28T22:59:59Z')), false);
  assert.equal(callIsOpen(call, new Date('2026-02-28T23:00:00Z')), true);
  // 31 March is already summer time: 12:00 in Berlin is 10:00 UTC.
  assert.equal(callIsOpen(call, new Date('2026-03-31T09:59:59Z')), true);
  assert.equal(callIsOpen(call, new Date('2026-03-31T10:00:00Z')), false);
});
