// An applicant who follows the form must get a plan the funder accepts, and every flaw must land on the field to fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  budgetYears,
  checkPlan,
  computeGrant,
  durationMonths,
  expenseLines,
  type FinancingPlan,
  type FinancingType,
  lineShift,
  type PlanIssue,
  type ProgrammeRules,
  totals,
} from './financing-plan';

const euro = (n: number) => Math.round(n * 100);

const makeRules = (over: Partial<ProgrammeRules> = {}): ProgrammeRules => ({
  financingType: 'deficit',
  maxShareBp: 9000,
  minOwnShareBp: 500,
  maxGrantPerYearCents: euro(100_000),
  maxDurationMonths: 36,
  ...over,
});

// Two budget years of 50,000 € each, 10 % own funds, a city contribution, the rest requested: acceptable as is.
const makePlan = (over: Partial<FinancingPlan> = {}): FinancingPlan => ({
  expenses: [
    { line: 'staff', year: 2026, amountCents: euro(40_000) },
    { line: 'travel', year: 2026, amountCents: euro(2_000) },
    { line: 'material', year: 2026, amountCents: euro(8_000) },
    { line: 'staff', year: 2027, amountCents: euro(40_000) },
    { line: 'other', year: 2027, amountCents: euro(10_000) },
  ],
  ownFunds: [
    { year: 2026, amountCents: euro(5_000) },
    { year: 2027, amountCents: euro(5_000) },
  ],
  thirdPartyFunds: [{ year: 2026, amountCents: euro(2_000), source: 'Stadt Musterstadt' }],
  grant: [
    { year: 2026, amountCents: euro(43_000) },
    { year: 2027, amountCents: euro(45_000) },
  ],
  ...over,
});

const project = { start: '2026-01-01', end: '2027-12-31' };

const codes = (issues: PlanIssue[]) => issues.map((i) => `${i.field} ${i.key}`).sort();
const find = (issues: PlanIssue[], field: string, code: string) =>
  issues.find((i) => i.field === field && i.key === `funding:plan.${code}`);
/** an amount as an issue names it, for the view to format: { euro: cents } */
const inEuro = (euros: number) => ({ euro: euro(euros) });

test('a balanced plan within the rules has no issues', () => {
  assert.deepEqual(checkPlan(makePlan(), makeRules(), project), []);
});

test('totals sum per year, per line and overall', () => {
  const t = totals(makePlan());
  assert.deepEqual(
    t.years.map((y) => [y.year, y.expenses, y.own, y.thirdParty, y.grant, y.cover, y.difference]),
    [
      [2026, euro(50_000), euro(5_000), euro(2_000), euro(43_000), euro(50_000), 0],
      [2027, euro(50_000), euro(5_000), 0, euro(45_000), euro(50_000), 0],
    ],
  );
  assert.equal(t.overall.expensesByLine.staff, euro(80_000));
  assert.equal(t.overall.expensesByLine.fees, 0);
  assert.equal(t.years[1]!.expensesByLine.other, euro(10_000));
  assert.equal(t.overall.cover, euro(100_000));
});

test('cover must equal expenses in each year and in total', () => {
  const plan = makePlan({
    grant: [
      { year: 2026, amountCents: euro(43_000) },
      { year: 2027, amountCents: euro(44_000) },
    ],
  });
  const issues = checkPlan(plan, makeRules(), project);
  assert.deepEqual(codes(issues), ['grant funding:plan.coverMismatchTotal', 'grant.2027 funding:plan.coverMismatch']);
  assert.deepEqual(find(issues, 'grant.2027', 'coverMismatch')?.params, { year: 2027, difference: inEuro(-1_000) });
  assert.deepEqual(find(issues, 'grant', 'coverMismatchTotal')?.params, { difference: inEuro(-1_000) });
});

test('a gap in one year and a surplus in another is still a mismatch per year', () => {
  const plan = makePlan({
    grant: [
      { year: 2026, amountCents: euro(42_000) },
      { year: 2027, amountCents: euro(46_000) },
    ],
  });
  const issues = checkPlan(plan, makeRules(), project);
  assert.ok(find(issues, 'grant.2026', 'coverMismatch'));
  assert.ok(find(issues, 'grant.2027', 'coverMismatch'));
  assert.equal(find(issues, 'grant', 'coverMismatchTotal'), undefined);
  // In a deficit programme the grant may not exceed the gap of its year.
  assert.deepEqual(find(issues, 'grant.2027', 'grantAboveFinancingType')?.params, {
    year: 2027,
    maximum: inEuro(45_000),
  });
});

test('negative amounts are marked on their entry', () => {
  const plan = makePlan();
  plan.thirdPartyFunds.push({ year: 2027, amountCents: -100, source: 'Refund' });
  plan.expenses.push({ line: 'fees', year: 2027, amountCents: -100 });
  const issues = checkPlan(plan, makeRules(), project);
  assert.ok(find(issues, 'thirdPartyFunds.1', 'negative'));
  assert.ok(find(issues, 'expenses.fees.2027', 'negative'));
});

test('amounts in years outside the project are marked', () => {
  const plan = makePlan();
  plan.expenses.push({ line: 'investment', year: 2028, amountCents: 0 });
  plan.ownFunds.push({ year: 2025, amountCents: 0 });
  const issues = checkPlan(plan, makeRules(), project);
  assert.deepEqual(find(issues, 'expenses.investment.2028', 'yearOutsideProject')?.params, {
    year: 2028,
    start: 2026,
    end: 2027,
  });
  assert.ok(find(issues, 'ownFunds.2025', 'yearOutsideProject'));
});

test('own funds below the required share are reported in basis points', () => {
  const plan = makePlan({
    ownFunds: [{ year: 2026, amountCents: euro(4_999.99) }],
    grant: [
      { year: 2026, amountCents: euro(43_000.01) },
      { year: 2027, amountCents: euro(50_000) },
    ],
  });
  const issues = checkPlan(plan, makeRules({ maxShareBp: 10000 }), project);
  assert.deepEqual(codes(issues), ['ownFunds funding:plan.ownShareTooLow']);
  // 4,999.99 € of 100,000 € is 4.99999 %, shown rounded down so it never looks like enough.
  assert.deepEqual(issues[0]!.params, {
    required: { percent: 500 },
    actual: { percent: 499 },
    minimumCents: inEuro(5_000),
  });
});

test('a grant share above the programme maximum is reported', () => {
  const plan = makePlan({
    thirdPartyFunds: [],
    grant: [
      { year: 2026, amountCents: euro(45_000) },
      { year: 2027, amountCents: euro(45_000.01) },
    ],
    ownFunds: [
      { year: 2026, amountCents: euro(5_000) },
      { year: 2027, amountCents: euro(4_999.99) },
    ],
  });
  const issues = checkPlan(plan, makeRules(), project);
  assert.deepEqual(codes(issues), ['grant funding:plan.shareTooHigh']);
  assert.deepEqual(find(issues, 'grant', 'shareTooHigh')?.params, {
    maximum: { percent: 9000 },
    actual: { percent: 9001 },
    maximumCents: inEuro(90_000),
  });
});

test('each year’s grant is capped by the programme', () => {
  const issues = checkPlan(makePlan(), makeRules({ maxGrantPerYearCents: euro(44_000) }), project);
  assert.deepEqual(codes(issues), ['grant.2027 funding:plan.grantPerYearTooHigh']);
  assert.deepEqual(find(issues, 'grant.2027', 'grantPerYearTooHigh')?.params, { year: 2027, maximum: inEuro(44_000) });
});

test('durations count calendar months touched', () => {
  assert.equal(durationMonths('2024-01-01', '2026-12-31'), 36);
  assert.equal(durationMonths('2024-01-01', '2027-01-01'), 37);
  assert.equal(durationMonths('2026-01-31', '2026-02-01'), 2);
  assert.equal(durationMonths('2026-05-10', '2026-05-10'), 1);
  const ok = checkPlan(makePlan(), makeRules(), { start: '2026-01-01', end: '2027-12-31' });
  assert.deepEqual(ok, []);
  const long = checkPlan(makePlan(), makeRules({ maxDurationMonths: 23 }), project);
  assert.deepEqual(codes(long), ['end funding:plan.durationTooLong']);
  assert.deepEqual(long[0]!.params, { maximum: 23, actual: 24 });
});

test('an end before the start and impossible dates are refused', () => {
  const before = checkPlan(makePlan(), makeRules(), { start: '2027-12-31', end: '2026-01-01' });
  assert.deepEqual(codes(before), ['end funding:plan.endBeforeStart']);
  const invalid = checkPlan(makePlan(), makeRules(), { start: '2026-02-30', end: 'soon' });
  assert.deepEqual(codes(invalid), ['end funding:plan.invalidDate', 'start funding:plan.invalidDate']);
});

test('a plan without expenses says so', () => {
  const empty: FinancingPlan = { expenses: [], ownFunds: [], thirdPartyFunds: [], grant: [] };
  assert.deepEqual(codes(checkPlan(empty, makeRules(), project)), ['expenses funding:plan.noExpenses']);
});

test('amounts that are not whole cents, or add up beyond the safe range, stop the checks', () => {
  const fraction = makePlan({ ownFunds: [{ year: 2026, amountCents: 0.5 }] });
  assert.deepEqual(codes(checkPlan(fraction, makeRules(), project)), ['ownFunds.2026 funding:plan.invalidAmount']);
  const huge = makePlan({
    ownFunds: [
      { year: 2026, amountCents: Number.MAX_SAFE_INTEGER },
      { year: 2027, amountCents: Number.MAX_SAFE_INTEGER },
    ],
  });
  assert.deepEqual(codes(checkPlan(huge, makeRules(), project)), ['expenses funding:plan.totalTooLarge']);
});

test('absurd shares are still reported', () => {
  const plan = makePlan({
    expenses: [{ line: 'staff', year: 2026, amountCents: 1 }],
    ownFunds: [],
    thirdPartyFunds: [],
    grant: [{ year: 2026, amountCents: 4e15 }],
  });
  const issues = checkPlan(plan, makeRules({ financingType: 'full', maxGrantPerYearCents: 5e15 }), project);
  assert.deepEqual(find(issues, 'grant', 'shareTooHigh')?.params?.actual, { percent: Number.MAX_SAFE_INTEGER });
});

test('the share type grants the share of each year’s expenses, rounded down', () => {
  const plan = makePlan({
    expenses: [
      { line: 'staff', year: 2026, amountCents: 1001 },
      { line: 'fees', year: 2027, amountCents: 2000 },
    ],
  });
  assert.deepEqual(computeGrant(plan, makeRules({ financingType: 'share', maxShareBp: 8500 })), [
    { year: 2026, amountCents: 850 },
    { year: 2027, amountCents: 1700 },
  ]);
  // Asking for more than the share yields, here 90 % of 50,000 € in 2027, is above the financing type.
  const issues = checkPlan(
    makePlan({
      ownFunds: [
        { year: 2026, amountCents: euro(5_000) },
        { year: 2027, amountCents: euro(4_000) },
      ],
      grant: [
        { year: 2026, amountCents: euro(43_000) },
        { year: 2027, amountCents: euro(46_000) },
      ],
    }),
    makeRules({ financingType: 'share', maxShareBp: 9000 }),
    project,
  );
  assert.deepEqual(find(issues, 'grant.2027', 'grantAboveFinancingType')?.params, {
    year: 2027,
    maximum: inEuro(45_000),
  });
});

test('the deficit type grants what own and third-party funds leave open, never less than nothing', () => {
  const plan = makePlan({ ownFunds: [{ year: 2027, amountCents: euro(60_000) }] });
  assert.deepEqual(computeGrant(plan, makeRules({ financingType: 'deficit' })), [
    { year: 2026, amountCents: euro(48_000) },
    { year: 2027, amountCents: 0 },
  ]);
});

test('the full type grants all expenses', () => {
  assert.deepEqual(computeGrant(makePlan(), makeRules({ financingType: 'full' })), [
    { year: 2026, amountCents: euro(50_000) },
    { year: 2027, amountCents: euro(50_000) },
  ]);
});

test('a fixed amount follows the expenses, leftover cents go to the last year with expenses', () => {
  const plan = makePlan({
    expenses: [
      { line: 'staff', year: 2026, amountCents: 100 },
      { line: 'staff', year: 2027, amountCents: 100 },
      { line: 'staff', year: 2028, amountCents: 100 },
    ],
    ownFunds: [{ year: 2029, amountCents: 0 }],
  });
  assert.deepEqual(computeGrant(plan, makeRules({ financingType: 'fixed', fixedAmountCents: euro(100_000.01) })), [
    { year: 2026, amountCents: 3_333_333 },
    { year: 2027, amountCents: 3_333_333 },
    { year: 2028, amountCents: 3_333_335 },
    { year: 2029, amountCents: 0 },
  ]);
  const none = makePlan({ expenses: [], ownFunds: [{ year: 2026, amountCents: 0 }], thirdPartyFunds: [], grant: [] });
  assert.deepEqual(computeGrant(none, makeRules({ financingType: 'fixed', fixedAmountCents: 500 })), [
    { year: 2026, amountCents: 500 },
  ]);
});

test('budget years are the calendar years a project touches', () => {
  assert.deepEqual(budgetYears('2026-07-01', '2028-06-30'), [2026, 2027, 2028]);
  assert.deepEqual(budgetYears('2026-01-01', '2026-12-31'), [2026]);
  assert.deepEqual(budgetYears('2027-01-01', '2026-12-31'), []);
  assert.throws(() => budgetYears('2026-13-01', '2027-01-01'), RangeError);
});

test('a line may exceed its plan by up to 20 % when savings elsewhere cover it', () => {
  const plan = makePlan();
  const actual = (staff: number, travel: number, material: number, other: number) => [
    { line: 'staff' as const, year: 2026, amountCents: euro(staff) },
    { line: 'travel' as const, year: 2026, amountCents: euro(travel) },
    { line: 'material' as const, year: 2026, amountCents: euro(material) },
    { line: 'other' as const, year: 2027, amountCents: euro(other) },
  ];
  // Planned: staff 80,000, travel 2,000, material 8,000, other 10,000.
  const within = lineShift(plan, actual(70_000, 2_400, 8_000, 10_000));
  const travel = within.lines.find((l) => l.line === 'travel')!;
  assert.deepEqual(travel, {
    line: 'travel',
    planned: euro(2_000),
    actual: euro(2_400),
    overBp: 2000,
    allowedWithoutRequest: true,
  });
  assert.equal(within.needsChangeRequest, false);

  const tooMuch = lineShift(plan, actual(70_000, 2_400.02, 8_000, 10_000));
  assert.equal(tooMuch.lines.find((l) => l.line === 'travel')!.overBp, 2001);
  assert.equal(tooMuch.needsChangeRequest, true);

  const totalExceeded = lineShift(plan, actual(80_000, 2_400, 8_000, 10_000));
  assert.equal(totalExceeded.actualTotal - totalExceeded.plannedTotal, euro(400));
  assert.equal(totalExceeded.lines.find((l) => l.line === 'travel')!.allowedWithoutRequest, false);
  assert.equal(totalExceeded.needsChangeRequest, true);

  const unplanned = lineShift(plan, [
    ...actual(70_000, 2_000, 8_000, 10_000),
    { line: 'fees', year: 2027, amountCents: 1 },
  ]);
  const fees = unplanned.lines.find((l) => l.line === 'fees')!;
  assert.equal(fees.overBp, Number.POSITIVE_INFINITY);
  assert.equal(unplanned.needsChangeRequest, true);
});

// Generators for the properties: a handful of entries in a few years around the project.
const year = fc.integer({ min: 2025, max: 2029 });
const amount = fc.integer({ min: 0, max: 1e10 });
const planOf = (amt: fc.Arbitrary<number>, yr: fc.Arbitrary<number> = year) =>
  fc.record({
    expenses: fc.array(fc.record({ line: fc.constantFrom(...expenseLines), year: yr, amountCents: amt }), {
      maxLength: 12,
    }),
    ownFunds: fc.array(fc.record({ year: yr, amountCents: amt }), { maxLength: 5 }),
    thirdPartyFunds: fc.array(fc.record({ year: yr, amountCents: amt, source: fc.string() }), { maxLength: 5 }),
    grant: fc.array(fc.record({ year: yr, amountCents: amt }), { maxLength: 5 }),
  });
const rulesOf = (type: fc.Arbitrary<FinancingType>) =>
  fc.record({
    financingType: type,
    maxShareBp: fc.integer({ min: 0, max: 10000 }),
    minOwnShareBp: fc.integer({ min: 0, max: 10000 }),
    maxGrantPerYearCents: fc.integer({ min: 0, max: 1e12 }),
    maxDurationMonths: fc.integer({ min: 1, max: 120 }),
    fixedAmountCents: fc.integer({ min: 0, max: 1e12 }),
  });
const types = fc.constantFrom<FinancingType>('share', 'deficit', 'fixed', 'full');

test('property: per-year and per-line totals add up to the overall totals', () => {
  fc.assert(
    fc.property(planOf(fc.integer({ min: -1e10, max: 1e10 })), (plan) => {
      const t = totals(plan);
      for (const key of ['expenses', 'own', 'thirdParty', 'grant', 'cover', 'difference'] as const) {
        assert.equal(
          t.years.reduce((s, y) => s + y[key], 0),
          t.overall[key],
        );
      }
      for (const line of expenseLines) {
        assert.equal(
          t.years.reduce((s, y) => s + y.expensesByLine[line], 0),
          t.overall.expensesByLine[line],
        );
      }
      assert.equal(
        expenseLines.reduce((s, l) => s + t.overall.expensesByLine[l], 0),
        t.overall.expenses,
      );
      assert.equal(t.overall.cover, t.overall.own + t.overall.thirdParty + t.overall.grant);
    }),
  );
});

test('property: in a deficit programme the computed grant closes every year’s gap', () => {
  fc.assert(
    fc.property(planOf(amount), rulesOf(fc.constant('deficit')), (plan, rules) => {
      const fundedWithinExpenses = totals(plan).years.every((y) => y.own + y.thirdParty <= y.expenses);
      fc.pre(fundedWithinExpenses);
      const issues = checkPlan({ ...plan, grant: computeGrant(plan, rules) }, rules, {
        start: '2025-01-01',
        end: '2029-12-31',
      });
      assert.ok(!issues.some((i) => i.key.startsWith('funding:plan.coverMismatch')), JSON.stringify(issues));
    }),
  );
});

test('property: the parts of a fixed amount are never negative and sum to it exactly', () => {
  const withExpenses = planOf(fc.integer({ min: -1e10, max: 1e10 })).filter((p) => p.expenses.length > 0);
  fc.assert(
    fc.property(withExpenses, rulesOf(fc.constant('fixed')), (plan, rules) => {
      const parts = computeGrant(plan, rules);
      assert.ok(parts.every((p) => Number.isSafeInteger(p.amountCents) && p.amountCents >= 0));
      assert.equal(
        parts.reduce((s, p) => s + p.amountCents, 0),
        rules.fixedAmountCents,
      );
    }),
  );
});

test('property: the share type never grants more than the share of expenses', () => {
  fc.assert(
    fc.property(planOf(amount), rulesOf(fc.constant('share')), (plan, rules) => {
      const expenses = new Map(totals(plan).years.map((y) => [y.year, y.expenses]));
      for (const g of computeGrant(plan, rules)) {
        assert.ok(BigInt(g.amountCents) * 10000n <= BigInt(expenses.get(g.year)!) * BigInt(rules.maxShareBp));
      }
    }),
  );
});

test('property: checkPlan never throws, whatever the integers', () => {
  const anyAmount = fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.maxSafeInteger(), fc.constant(0));
  const anyYear = fc.oneof(year, fc.integer());
  const anyDate = fc.oneof(
    fc.constantFrom('2025-01-01', '2026-06-30', '2027-12-31', '2029-02-29', '2028-02-29', ''),
    fc.string(),
  );
  fc.assert(
    fc.property(planOf(anyAmount, anyYear), rulesOf(types), anyDate, anyDate, (plan, rules, start, end) => {
      const issues = checkPlan(plan, rules, { start, end });
      assert.ok(issues.every((i) => i.key.startsWith('funding:plan.') && i.field.length > 0));
    }),
    { numRuns: 500 },
  );
});
