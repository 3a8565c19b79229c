// What a decision must say, and when an invitation's deadline is past, pinned without a database:
// the cap per year, the approval that names no money, the rejection without reasons, the outline
// that can only be rejected; and deadlines at the turn of the year and at both DST switches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readForm } from '../../../core/http/form';
import type { FinancingPlan, ProgrammeRules } from '../applications/financing-plan';
import { totals } from '../applications/financing-plan';
import { decisionForm, invitationForm } from './decision-forms';
import {
  bindingPlan,
  checkDecision,
  type DecisionContext,
  decisionIssues,
  dueAtOf,
  invitationIssues,
} from './decision-rules';

// A deficit-financed project of two years: 2027 costs 50,000 € (staff 40,000, travel 10,000), own
// funds 5,000, grant 45,000; 2028 costs 30,000 € (staff only), own 3,000, grant 27,000.
const requested: FinancingPlan = {
  expenses: [
    { line: 'staff', year: 2027, amountCents: 4_000_000 },
    { line: 'travel', year: 2027, amountCents: 1_000_000 },
    { line: 'staff', year: 2028, amountCents: 3_000_000 },
  ],
  ownFunds: [
    { year: 2027, amountCents: 500_000 },
    { year: 2028, amountCents: 300_000 },
  ],
  thirdPartyFunds: [],
  grant: [
    { year: 2027, amountCents: 4_500_000 },
    { year: 2028, amountCents: 2_700_000 },
  ],
};
const deficit: ProgrammeRules = {
  financingType: 'deficit',
  maxShareBp: 9000,
  minOwnShareBp: 1000,
  maxGrantPerYearCents: 5_000_000,
  maxDurationMonths: 36,
};
const full: DecisionContext = {
  stage: 'full',
  years: [2027, 2028],
  requested,
  rules: deficit,
  project: { start: '2027-01-01', end: '2028-12-31' },
};
const read = (body: Record<string, string>, ctx = full) =>
  readForm(decisionForm, { conditions: '', reasons: '', ...body }, { check: (d) => decisionIssues(d, ctx) });
const errorsOf = (body: Record<string, string>, ctx = full) => {
  const form = read(body, ctx);
  return form.ok ? {} : Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k, v.key]));
};
const approve = (a2027: string, a2028: string, extra: Record<string, string> = {}) => ({
  outcome: 'approved',
  'amount-2027': a2027,
  'amount-2028': a2028,
  ...extra,
});

describe('decision rules', () => {
  test('no year gets more than was requested for it, and the message names the year and the request', () => {
    const form = read(approve('45.000,01', '27.000,00'));
    assert.ok(!form.ok);
    assert.deepEqual(form.errors['amount-2027'], {
      key: 'funding:decision.aboveRequested',
      params: { year: 2027, requested: { euro: 4_500_000 } },
    });
    assert.deepEqual(errorsOf(approve('45.000,00', '27.000,00')), {}, 'exactly the request is fine');
  });

  test('no year gets more than the programme cap, even when more was requested before the cap was lowered', () => {
    const lowered = { ...full, rules: { ...deficit, maxGrantPerYearCents: 3_000_000 } };
    const form = read(approve('31.000,00', '27.000,00', { reasons: 'Gekürzt' }), lowered);
    assert.ok(!form.ok);
    assert.deepEqual(form.errors['amount-2027'], {
      key: 'funding:decision.aboveCap',
      params: { year: 2027, maximum: { euro: 3_000_000 } },
    });
  });

  test('amounts must be money; an approval of nothing asks for the amount at the first year', () => {
    assert.deepEqual(errorsOf(approve('viel', '')), {
      'amount-2027': 'funding:validation.money',
      'amount-2028': 'funding:validation.money',
    });
    assert.deepEqual(errorsOf(approve('-5,00', '0')), { 'amount-2027': 'funding:validation.money' });
    assert.deepEqual(errorsOf(approve('0,00', '0')), { 'amount-2027': 'funding:decision.amountRequired' });
  });

  test('a cut needs its reasons', () => {
    assert.deepEqual(errorsOf(approve('40.000,00', '27.000,00')), { reasons: 'funding:decision.cutReasonRequired' });
    assert.deepEqual(errorsOf(approve('40.000,00', '27.000,00', { reasons: 'Reisekosten zu hoch' })), {});
  });

  test('a cut by reducing expenses spreads the cut over the year’s lines and balances every year', () => {
    const plan = bindingPlan(requested, { '2027': 4_000_000, '2028': 2_700_000 }, 'expenses');
    // 2027: 5,000 € off 50,000 €: staff (4/5) loses 4,000, travel (1/5) loses 1,000
    assert.deepEqual(
      plan.expenses.filter((e) => e.year === 2027),
      [
        { line: 'staff', year: 2027, amountCents: 3_600_000 },
        { line: 'travel', year: 2027, amountCents: 900_000 },
      ],
    );
    for (const y of totals(plan).years) assert.equal(y.difference, 0, `${y.year} balances`);
    assert.deepEqual(plan.ownFunds, requested.ownFunds, 'own funds stay');
  });

  test('the cents of a proportional cut add up exactly', () => {
    const odd: FinancingPlan = {
      expenses: [
        { line: 'staff', year: 2027, amountCents: 100 },
        { line: 'fees', year: 2027, amountCents: 100 },
        { line: 'travel', year: 2027, amountCents: 100 },
      ],
      ownFunds: [],
      thirdPartyFunds: [],
      grant: [{ year: 2027, amountCents: 300 }],
    };
    const plan = bindingPlan(odd, { '2027': 299 }, 'expenses');
    assert.equal(
      plan.expenses.reduce((s, e) => s + e.amountCents, 0),
      299,
    );
  });

  test('a cut by raising own funds keeps the expenses', () => {
    const plan = bindingPlan(requested, { '2027': 4_000_000, '2028': 2_700_000 }, 'own');
    assert.deepEqual(plan.expenses, requested.expenses);
    assert.deepEqual(plan.ownFunds, [
      { year: 2027, amountCents: 1_000_000 },
      { year: 2028, amountCents: 300_000 },
    ]);
  });

  test('the checked approval carries the binding plan, balanced, and the amounts', () => {
    const form = read(approve('40.000,00', '27.000,00', { balance: 'own', reasons: 'Eigenmittel zumutbar' }));
    assert.ok(form.ok);
    const checked = checkDecision(form.data, full);
    assert.deepEqual(checked.issues, []);
    assert.equal(checked.cut, true);
    assert.deepEqual(checked.proposal.amountsPerYear, { '2027': 4_000_000, '2028': 2_700_000 });
    assert.deepEqual(
      totals(checked.plan!).years.map((y) => [y.year, y.grant, y.difference]),
      [
        [2027, 4_000_000, 0],
        [2028, 2_700_000, 0],
      ],
    );
  });

  test('a plan the officer types must balance; the message sits at the year’s amount and names the gap', () => {
    const grid = {
      'exp-2027-staff': '40.000,00',
      'exp-2027-travel': '10.000,00',
      'own-2027': '5.000,00',
      'exp-2028-staff': '30.000,00',
      'own-2028': '3.000,00',
    };
    // 2027 cut to 40,000 but nothing else changed: 5,000 € uncovered
    const form = read(approve('40.000,00', '27.000,00', { balance: 'manual', reasons: 'Kürzung', ...grid }));
    assert.ok(!form.ok);
    assert.deepEqual(form.errors['amount-2027'], {
      key: 'funding:plan.coverMismatch',
      params: { year: 2027, difference: { euro: -500_000 } },
    });
    const fixed = read(
      approve('40.000,00', '27.000,00', {
        balance: 'manual',
        reasons: 'Kürzung',
        ...grid,
        'exp-2027-travel': '5.000,00',
      }),
    );
    assert.ok(fixed.ok, 'travel cut to 5,000 € balances 2027');
    assert.deepEqual(
      errorsOf(approve('40.000,00', '27.000,00', { balance: 'manual', reasons: 'K', ...grid, 'own-2028': 'x' })),
      {
        'own-2028': 'funding:validation.money',
      },
    );
  });

  test('the programme’s minimum own share holds for the binding plan: the message names the rule', () => {
    // raising the grant share by cutting own funds to 1,000 € in 2027 leaves 4,000/80,000 = 5 % own share
    const grid = {
      'exp-2027-staff': '36.000,00',
      'exp-2027-travel': '5.000,00',
      'own-2027': '1.000,00',
      'exp-2028-staff': '30.000,00',
      'own-2028': '3.000,00',
    };
    const form = read(approve('40.000,00', '27.000,00', { balance: 'manual', reasons: 'Kürzung', ...grid }));
    assert.ok(!form.ok);
    assert.equal(form.errors.balance?.key, 'funding:plan.ownShareTooLow');
    assert.deepEqual(form.errors.balance?.params?.required, { percent: 1000 });
  });

  test('for a share-financed programme, cutting expenses can break the maximum share; the message says so', () => {
    // share financing at most 90 %: 45,000 of 50,000 is exactly 90 %; cutting 5,000 € of expenses
    // and grant alike gives 40,000 of 45,000 = 88.9 % per year, fine; but 2028 at 90 % already and the
    // overall share is checked too. Cut 2027 to 44,000 → expenses 49,000: 89.8 % fine. Now request a
    // plan at 90 % and cut it by expenses: the grant share rises above 90 %.
    const share: ProgrammeRules = { ...deficit, financingType: 'share', minOwnShareBp: 0 };
    const atMax: FinancingPlan = {
      expenses: [{ line: 'staff', year: 2027, amountCents: 1_000_000 }],
      ownFunds: [{ year: 2027, amountCents: 100_000 }],
      thirdPartyFunds: [],
      grant: [{ year: 2027, amountCents: 900_000 }],
    };
    const ctx: DecisionContext = {
      stage: 'full',
      years: [2027],
      requested: atMax,
      rules: share,
      project: { start: '2027-01-01', end: '2027-12-31' },
    };
    // 9,000 → 8,000 by cutting expenses to 9,000: 8,000 / 9,000 = 88.9 %: allowed
    assert.deepEqual(
      errorsOf({ outcome: 'approved', 'amount-2027': '8.000,00', balance: 'expenses', reasons: 'K' }, ctx),
      {},
    );
    // the own funds way keeps 10,000 € of expenses: 80 %
    assert.deepEqual(
      errorsOf({ outcome: 'approved', 'amount-2027': '8.000,00', balance: 'own', reasons: 'K' }, ctx),
      {},
    );
    // typing a grid that leaves the grant at 8,000 of 8,500 expenses: 94 % > 90 %
    const over = read(
      {
        outcome: 'approved',
        'amount-2027': '8.000,00',
        balance: 'manual',
        reasons: 'K',
        'exp-2027-staff': '8.500,00',
        'own-2027': '500,00',
      },
      ctx,
    );
    assert.ok(!over.ok);
    assert.ok(
      Object.values(over.errors).some(
        (e) => e.key === 'funding:plan.shareTooHigh' || e.key === 'funding:plan.grantAboveFinancingType',
      ),
      JSON.stringify(over.errors),
    );
  });

  test('a rejection gives its reasons; amounts typed with it are not looked at', () => {
    assert.deepEqual(errorsOf({ outcome: 'rejected', reasons: '' }), { reasons: 'funding:decision.reasonsRequired' });
    assert.deepEqual(errorsOf({ outcome: 'rejected', reasons: 'Zu wenig Beteiligung', 'amount-2027': 'x' }), {});
    assert.deepEqual(errorsOf({ outcome: 'waitlisted' }), {}, 'the waiting list needs neither');
  });

  test('an outline can only be rejected; an unknown outcome is refused by the form', () => {
    const outline: DecisionContext = { ...full, stage: 'outline' };
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
