// A deadline an hour or a day off is a dispute with a carrier; these pin when a call is open and what its period must say.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { berlinDateTime } from '../../../core/time/calendar';
import { type CallPeriod, callFormIssues, callIsOpen, rubricLockIssues } from './call-rules';

test('a call is open from its opening up to, not including, its closing instant', () => {
  const call = { opensAt: berlinDateTime('2026-03-01', '00:00'), closesAt: berlinDateTime('2026-03-31', '12:00') };
  assert.equal(callIsOpen(call, new Date('2026-02-28T22:59:59Z')), false);
  assert.equal(callIsOpen(call, new Date('2026-02-28T23:00:00Z')), true);
  // 31 March is already summer time: 12:00 in Berlin is 10:00 UTC.
  assert.equal(callIsOpen(call, new Date('2026-03-31T09:59:59Z')), true);
  assert.equal(callIsOpen(call, new Date('2026-03-31T10:00:00Z')), false);
});

test('a call closing at 23:59 on 31 December in Berlin is closed at 00:30 on New Year, while UTC still says 31 December', () => {
  const call = { opensAt: berlinDateTime('2026-12-01', '00:00'), closesAt: berlinDateTime('2026-12-31', '23:59') };
  assert.equal(callIsOpen(call, new Date('2026-12-31T22:30:00Z')), true, '23:30 in Berlin');
  assert.equal(callIsOpen(call, new Date('2026-12-31T22:58:59Z')), true, '23:58:59 in Berlin');
  assert.equal(callIsOpen(call, new Date('2026-12-31T22:59:00Z')), false, '23:59 in Berlin');
  assert.equal(callIsOpen(call, new Date('2026-12-31T23:30:00Z')), false, '00:30 on 1 January in Berlin');
});

test('a call opening in the night of a clock change opens at the instant Berlin clocks show', () => {
  // 28 March 2027: clocks jump from 02:00 to 03:00, so 03:00 summer time is 01:00 UTC
  const spring = { opensAt: berlinDateTime('2027-03-28', '03:00'), closesAt: berlinDateTime('2027-04-30', '12:00') };
  assert.equal(spring.opensAt.toISOString(), '2027-03-28T01:00:00.000Z');
  assert.equal(callIsOpen(spring, new Date('2027-03-28T00:59:59Z')), false);
  assert.equal(callIsOpen(spring, new Date('2027-03-28T01:00:00Z')), true);
  // 31 October 2027: 02:30 is shown twice; the call opens at the first, in summer time
  const autumn = { opensAt: berlinDateTime('2027-10-31', '02:30'), closesAt: berlinDateTime('2027-11-30', '12:00') };
  assert.equal(autumn.opensAt.toISOString(), '2027-10-31T00:30:00.000Z');
  assert.equal(callIsOpen(autumn, new Date('2027-10-31T00:29:59Z')), false);
  assert.equal(callIsOpen(autumn, new Date('2027-10-31T00:30:00Z')), true);
});

const period = (o: Partial<CallPeriod> = {}): CallPeriod => ({
  opensDate: '2027-01-01',
  opensTime: '00:00',
  closesDate: '2027-03-31',
  closesTime: '12:00',
  projectStartEarliest: '',
  projectEndLatest: '',
  ...o,
});

test('the period must close after it opens; the project window must end after it starts', () => {
  assert.deepEqual(callFormIssues(period()), []);
  assert.deepEqual(callFormIssues(period({ closesDate: '2027-01-01', closesTime: '00:00' })), [
    { field: 'closesDate', key: 'funding:validation.closesBeforeOpens' },
  ]);
  assert.deepEqual(callFormIssues(period({ projectStartEarliest: '2027-06-01', projectEndLatest: '2027-05-31' })), [
    { field: 'projectEndLatest', key: 'funding:validation.endBeforeStart' },
  ]);
  assert.deepEqual(callFormIssues(period({ projectStartEarliest: '2027-06-01' })), [], 'an open-ended window');
});

test('in the autumn night 02:00 to 02:59 comes twice: a period within it is compared as instants', () => {
  // 02:30 reads as its first showing (summer time), 02:15 too: 02:15 is before 02:30
  const night = period({ opensDate: '2027-10-31', opensTime: '02:30', closesDate: '2027-10-31', closesTime: '02:15' });
  assert.equal(callFormIssues(night)[0]?.key, 'funding:validation.closesBeforeOpens');
  // the spring night skips 02:00 to 02:59: 02:30 is read as 03:30, after 03:00
  const spring = period({ opensDate: '2027-03-28', opensTime: '03:00', closesDate: '2027-03-28', closesTime: '02:30' });
  assert.deepEqual(callFormIssues(spring), []);
});

describe('a rubric is locked once a score is submitted', () => {
  const anchors = ['schwach', 'mäßig', 'mittel', 'gut', 'sehr gut'];
  const rubric = [
    { id: 'impact', title: 'Wirkung', weight: 3, anchors },
    { id: 'plan', title: 'Planung', weight: 1, anchors },
  ];
  const locked = (after: typeof rubric) => rubricLockIssues({ scoresSubmitted: true, before: rubric, after });

  test('before the first submitted score, any change is fine', () => {
    assert.deepEqual(rubricLockIssues({ scoresSubmitted: false, before: rubric, after: [] }), []);
  });

  test('after it, the same rubric passes and every change is refused at the rubric', () => {
    assert.deepEqual(locked(rubric.map((c) => ({ ...c, anchors: [...c.anchors] }))), []);
    const refused = [{ field: 'rubric', key: 'funding:call.rubricLocked' }];
    assert.deepEqual(locked([{ ...rubric[0]!, weight: 2 }, rubric[1]!]), refused, 'a weight');
    assert.deepEqual(locked([rubric[0]!]), refused, 'a criterion removed');
    assert.deepEqual(locked([...rubric, { id: 'new', title: 'Neu', weight: 1, anchors }]), refused, 'one added');
    assert.deepEqual(locked([rubric[1]!, rubric[0]!]), refused, 'the order');
    assert.deepEqual(locked([{ ...rubric[0]!, title: 'Reichweite' }, rubric[1]!]), refused, 'a title');
    assert.deepEqual(
      locked([{ ...rubric[0]!, anchors: ['a', 'b', 'c', 'd', 'e'] }, rubric[1]!]),
      refused,
      'what a score means',
    );
    assert.deepEqual(locked([{ ...rubric[0]!, id: 'x' }, rubric[1]!]), refused, 'a criterion replaced');
  });
});
