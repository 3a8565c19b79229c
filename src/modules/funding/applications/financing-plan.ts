// The financing plan decides how much public money a project may receive and is binding once approved,
// so applicants and officers must see the same checks, tied to the fields they can correct.

import { type FieldIssue, issue } from '../../../core/http/form';
import { applyBp, mulDiv, ratioBp } from '../../../core/money/money';
import { isCalendarDate } from '../../../core/time/calendar';

export const expenseLines = ['staff', 'fees', 'travel', 'material', 'investment', 'other'] as const;
export type ExpenseLine = (typeof expenseLines)[number];
export type FinancingType = 'share' | 'deficit' | 'fixed' | 'full';

export interface ProgrammeRules {
  financingType: FinancingType;
  maxShareBp: number; // highest grant share of total eligible expenses, e.g. 9000 = 90 %
  minOwnShareBp: number; // lowest own funds as share of total expenses, e.g. 500 = 5 %
  maxGrantPerYearCents: number;
  maxDurationMonths: number; // e.g. 36
  fixedAmountCents?: number; // for 'fixed'
}

export interface FinancingPlan {
  expenses: { line: ExpenseLine; year: number; amountCents: number }[];
  ownFunds: { year: number; amountCents: number }[];
  thirdPartyFunds: { year: number; amountCents: number; source: string }[];
  grant: { year: number; amountCents: number }[]; // requested (or approved) grant per budget year
}

/**
 * One finding about a plan, a keyed issue (ADR 0010). `field` names a part of the plan:
 * `expenses.<line>.<year>`, `ownFunds.<year>`, `thirdPartyFunds.<index>`, `grant.<year>`, or a whole
 * section (`expenses`, `ownFunds`, `grant`) and the project dates (`start`, `end`); the application's
 * rules map it to the plan form's input. `key` is a translation key under funding:plan; amounts are
 * `{ euro }`, shares `{ percent }` (basis points), for the view to format.
 */
export type PlanIssue = FieldIssue;

export interface PlanAmounts {
  expenses: number;
  expensesByLine: Record<ExpenseLine, number>;
  own: number;
  thirdParty: number;
  grant: number;
  /** own + thirdParty + grant */
  cover: number;
  /** cover − expenses: positive is over-financed, negative is a gap */
  difference: number;
}
export interface YearTotals extends PlanAmounts {
  year: number;
}
export interface PlanTotals {
  /** every year that any entry names, ascending */
  years: YearTotals[];
  overall: PlanAmounts;
}

export interface YearAmount {
  year: number;
  amountCents: number;
}

function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`sum beyond safe integers: ${a} + ${b}`);
  return sum;
}

function emptyAmounts(): PlanAmounts {
  const expensesByLine = Object.fromEntries(expenseLines.map((l) => [l, 0])) as Record<ExpenseLine, number>;
  return { expenses: 0, expensesByLine, own: 0, thirdParty: 0, grant: 0, cover: 0, difference: 0 };
}

function planYears(plan: FinancingPlan): number[] {
  const all = [...plan.expenses, ...plan.ownFunds, ...plan.thirdPartyFunds, ...plan.grant].map((e) => e.year);
  return [...new Set(all)].sort((a, b) => a - b);
}

/** Sums by budget year and overall; throws RangeError if a sum leaves the safe integers. */
export function totals(plan: FinancingPlan): PlanTotals {
  const byYear = new Map<number, PlanAmounts>(planYears(plan).map((y) => [y, emptyAmounts()]));
  const overall = emptyAmounts();
  const year = (y: number) => byYear.get(y)!;
  for (const e of plan.expenses) {
    for (const t of [year(e.year), overall]) {
      t.expenses = add(t.expenses, e.amountCents);
      t.expensesByLine[e.line] = add(t.expensesByLine[e.line], e.amountCents);
    }
  }
  for (const e of plan.ownFunds) for (const t of [year(e.year), overall]) t.own = add(t.own, e.amountCents);
  for (const e of plan.thirdPartyFunds)
    for (const t of [year(e.year), overall]) t.thirdParty = add(t.thirdParty, e.amountCents);
  for (const e of plan.grant) for (const t of [year(e.year), overall]) t.grant = add(t.grant, e.amountCents);
  for (const t of [...byYear.values(), overall]) {
    t.cover = add(add(t.own, t.thirdParty), t.grant);
    t.difference = add(t.cover, -t.expenses);
  }
  return { years: [...byYear].map(([y, t]) => ({ year: y, ...t })), overall };
}

/**
 * The grant the programme's financing type yields for each year of the plan. Throws RangeError
 * if sums leave the safe integers.
 */
export function computeGrant(plan: FinancingPlan, rules: ProgrammeRules): YearAmount[] {
  const years = totals(plan).years;
  const grant = (f: (t: YearTotals) => number) => years.map((t) => ({ year: t.year, amountCents: Math.max(0, f(t)) }));
  switch (rules.financingType) {
    case 'share':
      return grant((t) => applyBp(t.expenses, rules.maxShareBp, 'down'));
    case 'deficit':
      return grant((t) => t.expenses - t.own - t.thirdParty);
    case 'full':
      return grant((t) => t.expenses);
    case 'fixed':
      return spreadFixed(years, Math.max(0, rules.fixedAmountCents ?? 0));
    default:
      // Programme rules come from the database as text; an unknown type must not pass as "no grant".
      throw new RangeError(`unknown financing type: ${String(rules.financingType)}`);
  }
}

// A fixed amount follows the expenses year by year; the cents that rounding down leaves over go to
// the last year with expenses, so the parts add up exactly and no year without expenses gets money.
function spreadFixed(years: YearTotals[], fixed: number): YearAmount[] {
  const weights = years.map((t) => Math.max(0, t.expenses));
  const total = weights.reduce(add, 0);
  const parts = years.map((t) => ({ year: t.year, amountCents: 0 }));
  if (parts.length === 0) return parts;
  const withExpenses = weights.findLastIndex((w) => w > 0);
  const last = withExpenses < 0 ? parts.length - 1 : withExpenses;
  let given = 0;
  parts.forEach((p, i) => {
    if (i === last || total === 0) return;
    p.amountCents = mulDiv(fixed, weights[i]!, total, 'down');
    given += p.amountCents;
  });
  parts[last]!.amountCents = fixed - given;
  return parts;
}

function parseDate(date: string): { year: number; month: number } | undefined {
  if (!isCalendarDate(date)) return undefined;
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** The calendar years a project touches; decisions and reports run per budget year. */
export function budgetYears(start: string, end: string): number[] {
  const s = parseDate(start);
  const e = parseDate(end);
  if (!s || !e) throw new RangeError(`not a calendar date (yyyy-mm-dd): ${s ? end : start}`);
  return Array.from({ length: Math.max(0, e.year - s.year + 1) }, (_, i) => s.year + i);
}

/** Calendar months a project touches; a partial month counts as a whole one. */
export function durationMonths(start: string, end: string): number {
  const s = parseDate(start);
  const e = parseDate(end);
  if (!s || !e) throw new RangeError(`not a calendar date (yyyy-mm-dd): ${s ? end : start}`);
  return (e.year - s.year) * 12 + (e.month - s.month) + 1;
}

const code = (name: string) => `funding:plan.${name}`;
const euro = (cents: number) => ({ euro: cents });
const percent = (bp: number) => ({ percent: bp });

// Shares far beyond 100 % only occur in nonsense plans; capping them keeps the message showable.
function shareBp(part: number, whole: number, rounding: 'down' | 'up'): number {
  if (Math.abs(part) / whole >= 1e11) return Math.sign(part) * Number.MAX_SAFE_INTEGER;
  return ratioBp(part, whole, rounding);
}

/** Everything wrong with a plan under a programme's rules; never throws, whatever the numbers. */
export function checkPlan(
  plan: FinancingPlan,
  rules: ProgrammeRules,
  project: { start: string; end: string }, // ISO dates yyyy-mm-dd
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const years = checkDates(project, rules, issues);

  const entries = [
    ...plan.expenses.map((e) => ({ field: `expenses.${e.line}.${e.year}`, ...e })),
    ...plan.ownFunds.map((e) => ({ field: `ownFunds.${e.year}`, ...e })),
    ...plan.thirdPartyFunds.map((e, i) => ({ field: `thirdPartyFunds.${i}`, ...e })),
    ...plan.grant.map((e) => ({ field: `grant.${e.year}`, ...e })),
  ];
  if (!plan.expenses.some((e) => e.amountCents > 0)) issues.push(issue('expenses', code('noExpenses')));
  let wholeCents = true;
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amountCents)) {
      issues.push(issue(e.field, code('invalidAmount')));
      wholeCents = false;
      continue;
    }
    if (e.amountCents < 0) issues.push(issue(e.field, code('negative'), { year: e.year }));
    if (years && !years.includes(e.year)) {
      const params = { year: e.year, start: years[0]!, end: years[years.length - 1]! };
      issues.push(issue(e.field, code('yearOutsideProject'), params));
    }
  }
  if (!wholeCents) return issues;
  // When the absolute amounts add up within the safe integers, so does every sum and product below.
  if (entries.reduce((s, e) => s + Math.abs(e.amountCents), 0) > Number.MAX_SAFE_INTEGER) {
    issues.push(issue('expenses', code('totalTooLarge')));
    return issues;
  }

  const sums = totals(plan);
  const computed = new Map(computeGrant(plan, rules).map((g) => [g.year, g.amountCents]));
  for (const t of sums.years) {
    const field = `grant.${t.year}`;
    if (t.difference !== 0)
      issues.push(issue(field, code('coverMismatch'), { year: t.year, difference: euro(t.difference) }));
    const maximum = computed.get(t.year) ?? 0;
    if (t.grant > maximum)
      issues.push(issue(field, code('grantAboveFinancingType'), { year: t.year, maximum: euro(maximum) }));
    if (t.grant > rules.maxGrantPerYearCents) {
      const params = { year: t.year, maximum: euro(rules.maxGrantPerYearCents) };
      issues.push(issue(field, code('grantPerYearTooHigh'), params));
    }
  }

  const all = sums.overall;
  if (all.difference !== 0)
    issues.push(issue('grant', code('coverMismatchTotal'), { difference: euro(all.difference) }));
  if (all.expenses > 0) {
    const minimumCents = applyBp(all.expenses, rules.minOwnShareBp, 'up');
    if (all.own < minimumCents) {
      const params = {
        required: percent(rules.minOwnShareBp),
        actual: percent(shareBp(all.own, all.expenses, 'down')),
        minimumCents: euro(minimumCents),
      };
      issues.push(issue('ownFunds', code('ownShareTooLow'), params));
    }
    const maximumCents = applyBp(all.expenses, rules.maxShareBp, 'down');
    if (all.grant > maximumCents) {
      const params = {
        maximum: percent(rules.maxShareBp),
        actual: percent(shareBp(all.grant, all.expenses, 'up')),
        maximumCents: euro(maximumCents),
      };
      issues.push(issue('grant', code('shareTooHigh'), params));
    }
  }
  return issues;
}

// Checks the project dates and returns its budget years, or undefined when the dates say nothing usable.
function checkDates(
  project: { start: string; end: string },
  rules: ProgrammeRules,
  issues: PlanIssue[],
): number[] | undefined {
  let valid = true;
  for (const field of ['start', 'end'] as const) {
    if (!isCalendarDate(project[field])) {
      issues.push(issue(field, code('invalidDate')));
      valid = false;
    }
  }
  if (!valid) return undefined;
  if (project.end < project.start) {
    issues.push(issue('end', code('endBeforeStart')));
    return undefined;
  }
  const months = durationMonths(project.start, project.end);
  if (months > rules.maxDurationMonths)
    issues.push(issue('end', code('durationTooLong'), { maximum: rules.maxDurationMonths, actual: months }));
  return budgetYears(project.start, project.end);
}

/** A line may exceed its plan by up to 20 % without a change request, when savings elsewhere cover it. */
export const lineShiftToleranceBp = 2000;

export interface LineShift {
  line: ExpenseLine;
  planned: number;
  actual: number;
  /** how far actual exceeds planned, rounded up; 0 when within plan, Infinity for an unplanned line */
  overBp: number;
  allowedWithoutRequest: boolean;
}

/** Compares actual expenses with the plan line by line over the whole project. */
export function lineShift(
  plan: FinancingPlan,
  actual: { line: ExpenseLine; year: number; amountCents: number }[],
): { lines: LineShift[]; plannedTotal: number; actualTotal: number; needsChangeRequest: boolean } {
  const sum = (entries: { line: ExpenseLine; amountCents: number }[], line: ExpenseLine) =>
    entries.filter((e) => e.line === line).reduce((s, e) => add(s, e.amountCents), 0);
  const perLine = expenseLines.map((line) => ({ line, planned: sum(plan.expenses, line), actual: sum(actual, line) }));
  const plannedTotal = perLine.reduce((s, l) => add(s, l.planned), 0);
  const actualTotal = perLine.reduce((s, l) => add(s, l.actual), 0);
  // The plan is binding in total: shifting between lines is only possible while the total holds.
  const totalHolds = actualTotal <= plannedTotal;
  const lines = perLine.map(({ line, planned, actual }): LineShift => {
    const over = actual - planned;
    const overBp = over <= 0 ? 0 : planned <= 0 ? Number.POSITIVE_INFINITY : shareBp(over, planned, 'up');
    return {
      line,
      planned,
      actual,
      overBp,
      allowedWithoutRequest: overBp === 0 || (totalHolds && overBp <= lineShiftToleranceBp),
    };
  });
  return { lines, plannedTotal, actualTotal, needsChangeRequest: lines.some((l) => !l.allowedWithoutRequest) };
}
