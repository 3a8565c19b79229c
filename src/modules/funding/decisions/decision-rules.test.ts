// What a decision must say, and when an invitation's deadline is past, pinned without a database:
// the cap per year, the approval that names no money, the rejection without reasons, the outline
// that can only be rejected; and deadlines at the turn of the year and at both DST switches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readForm } from '../../../core/http/form';
import { decisionForm, invitationForm } from './decision-forms';
import { approvedAmounts, type DecisionContext, decisionIssues, dueAtOf, invitationIssues } from './decision-rules';

const full: DecisionContext = { stage: 'full', years: [2027, 2028], maxGrantPerYearCents: 5_000_000 };
const read = (body: Record<string, string>, ctx = full) =>
  readForm(decisionForm, { conditions: '', reasons: '', ...body }, { check: (d) => decisionIssues(d, ctx) });
const errorsOf = (body: Record<string, string>, ctx = full) => {
  const form = read(body, ctx);
  return form.ok ? {} : Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k, v.key]));
};

describe('decision rules', () => {
  test('an approval names an amount for every budget year, none above the cap per year', () => {
    assert.deepEqual(errorsOf({ outcome: 'approved', 'amount-2027': '60.000,00', 'amount-2028': '1.000,00' }), {
      'amount-2027': 'funding:decision.aboveCap',
    });
    assert.deepEqual(errorsOf({ outcome: 'approved', 'amount-2027': 'viel', 'amount-2028': '' }), {
      'amount-2027': 'funding:validation.money',
      'amount-2028': 'funding:validation.money',
    });
    assert.deepEqual(errorsOf({ outcome: 'approved', 'amount-2027': '-5,00', 'amount-2028': '0' }), {
      'amount-2027': 'funding:validation.money',
    });
    // exactly the cap is allowed
    assert.deepEqual(errorsOf({ outcome: 'approved', 'amount-2027': '50.000,00', 'amount-2028': '0' }), {});
  });

  test('an approval of nothing at all asks for the amount at the first year', () => {
    assert.deepEqual(errorsOf({ outcome: 'approved', 'amount-2027': '0,00', 'amount-2028': '0' }), {
      'amount-2027': 'funding:decision.amountRequired',
    });
  });

  test('the approved amounts leave out years of 0 € and are cents', () => {
    const form = read({ outcome: 'approved', 'amount-2027': '38.000,00', 'amount-2028': '0' });
    assert.ok(form.ok);
    assert.deepEqual(approvedAmounts(form.data, full.years), { '2027': 3_800_000 });
    const rejected = read({ outcome: 'rejected', reasons: 'Zu teuer', 'amount-2027': '38.000,00' });
    assert.ok(rejected.ok);
    assert.deepEqual(approvedAmounts(rejected.data, full.years), {}, 'a rejection approves nothing');
  });

  test('a rejection gives its reasons; amounts typed with it are not looked at', () => {
    assert.deepEqual(errorsOf({ outcome: 'rejected', reasons: '' }), { reasons: 'funding:decision.reasonsRequired' });
    assert.deepEqual(errorsOf({ outcome: 'rejected', reasons: 'Zu wenig Beteiligung', 'amount-2027': 'x' }), {});
    assert.deepEqual(errorsOf({ outcome: 'waitlisted' }), {}, 'the waiting list needs neither');
  });

  test('an outline can only be rejected; an unknown outcome is refused by the form', () => {
    const outline = { ...full, stage: 'outline' };
    assert.deepEqual(errorsOf({ outcome: 'approved', 'amount-2027': '1,00' }, outline), {
      outcome: 'common:validation.choose',
    });
    assert.deepEqual(errorsOf({ outcome: 'waitlisted' }, outline), { outcome: 'common:validation.choose' });
    assert.deepEqual(errorsOf({ outcome: 'rejected', reasons: 'Passt nicht' }, outline), {});
    assert.deepEqual(errorsOf({ outcome: 'granted' }), { outcome: 'common:validation.choose' });
    assert.deepEqual(errorsOf({}), { outcome: 'common:validation.choose' });
  });

  test('conditions and reasons are at most 10,000 characters', () => {
    assert.deepEqual(errorsOf({ outcome: 'rejected', reasons: 'x'.repeat(10_001) }), {
      reasons: 'common:validation.tooLong',
    });
  });
});

describe('invitation deadlines by the Berlin clock', () => {
  const due = (dueDate: string, dueTime: string, now: string) => {
    const form = readForm(
      invitationForm,
      { dueDate, dueTime },
      { check: (d) => invitationIssues(d, { now: new Date(now) }) },
    );
    return form.ok ? 'ok' : Object.values(form.errors)[0]?.key;
  };

  test('date and time are read as Berlin wall-clock time', () => {
    const form = readForm(invitationForm, { dueDate: '2027-07-01', dueTime: '12:00' });
    assert.ok(form.ok);
    assert.equal(dueAtOf(form.data).toISOString(), '2027-07-01T10:00:00.000Z', 'summer time: UTC+2');
    assert.equal(due('2027-07-01', '25:00', '2027-01-01T00:00:00Z'), 'funding:validation.time');
    assert.equal(due('2027-02-30', '12:00', '2027-01-01T00:00:00Z'), 'common:validation.date');
  });

  test('31 December, 23:30 in Berlin is still the old year; 00:30 on 1 January is the new one though UTC says 31 December', () => {
    // 22:30 UTC = 23:30 Berlin on 31 December 2026
    assert.equal(due('2026-12-31', '23:00', '2026-12-31T22:30:00Z'), 'funding:officer.dueInPast');
    assert.equal(due('2026-12-31', '23:45', '2026-12-31T22:30:00Z'), 'ok');
    // 23:30 UTC on 31 December = 00:30 Berlin on 1 January 2027: the whole of 31 December is past
    assert.equal(due('2026-12-31', '23:59', '2026-12-31T23:30:00Z'), 'funding:officer.dueInPast');
    assert.equal(due('2027-01-01', '00:15', '2026-12-31T23:30:00Z'), 'funding:officer.dueInPast');
    assert.equal(due('2027-01-01', '00:45', '2026-12-31T23:30:00Z'), 'ok');
  });

  test('the spring switch (28 March 2027, 02:00 CET → 03:00 CEST)', () => {
    // 00:45 UTC = 01:45 CET, fifteen minutes before the clocks jump
    const now = '2027-03-28T00:45:00Z';
    assert.equal(due('2027-03-28', '01:30', now), 'funding:officer.dueInPast');
    assert.equal(due('2027-03-28', '03:30', now), 'ok', '03:30 CEST is 01:30 UTC, 45 minutes ahead');
  });

  test('the autumn switch (31 October 2027, 03:00 CEST → 02:00 CET)', () => {
    // 00:30 UTC = 02:30 CEST, before the clocks go back
    const now = '2027-10-31T00:30:00Z';
    assert.equal(due('2027-10-31', '01:45', now), 'funding:officer.dueInPast');
    assert.equal(due('2027-10-31', '03:15', now), 'ok', '03:15 CET is 02:15 UTC');
  });
});
