// The withdrawal (Widerruf, § 49 VwVfG) or retraction (Rücknahme, § 48 VwVfG) of an issued grant
// decision, in whole or in part, and the reclaim it brings. Pure: the grant, the money paid out and
// today come in as parameters; the store checks the same rules again in its transaction.
//
// - What remains granted per budget year is at least nothing and at most what is granted now.
// - The reclaim is the money paid out beyond what remains, per budget year (less what earlier
//   withdrawals already reclaimed for that year), never negative; summed over the years. A full
//   withdrawal leaves nothing granted, so everything paid out is reclaimed.
// - Interest (§ 49a Abs. 3 VwVfG) runs from the day the withdrawal takes effect, or for money paid
//   out after that day from the day it was paid. The money reclaimed is taken from a year's latest
//   payments first (what was paid last is what went beyond what remains), so each part of the
//   reclaim knows its first day of interest; parts with the same first day form one reclaim.
import { type FieldIssue, issue } from '../../../core/http/form';
import { addMonths } from '../../../core/time/calendar';

export const withdrawalBases = ['revocation', 'retraction'] as const;
export type WithdrawalBasis = (typeof withdrawalBases)[number];
export const withdrawalExtents = ['full', 'partial'] as const;
export type WithdrawalExtent = (typeof withdrawalExtents)[number];
export const withdrawalReasons = ['notUsedForPurpose', 'notUsedInTime', 'conditionsNotMet', 'other'] as const;
export type WithdrawalReason = (typeof withdrawalReasons)[number];
/** ex tunc (from the day of the decision) or from a later day */
export const withdrawalEffects = ['decision', 'date'] as const;

export interface YearAmount {
  year: number;
  amountCents: number;
}

/** Money paid out on the grant: a paid payment's year, day and amount. */
export interface PaidMoney {
  year: number;
  paidOn: string;
  amountCents: number;
}

/** The grant per budget year, one entry a year (a plan may hold several lines of a year). */
export function grantPerYear(grant: readonly YearAmount[]): YearAmount[] {
  const by = new Map<number, number>();
  for (const g of grant) by.set(g.year, (by.get(g.year) ?? 0) + g.amountCents);
  return [...by].sort(([a], [b]) => a - b).map(([year, amountCents]) => ({ year, amountCents }));
}

/** The form field of a budget year's remaining grant. */
export const remainingField = (year: number) => `remaining${year}`;

/**
 * What stops a withdrawal whatever the form says: a grant withdrawn in full already, a payment
 * request still waiting for the officer's decision (decide it first, so the money paid is known),
 * or nothing granted any more.
 */
export function withdrawalBlockers(context: {
  withdrawnOn: string | null;
  openPayments: number;
  grant: readonly YearAmount[];
}): FieldIssue[] {
  if (context.withdrawnOn !== null)
    return [issue('extent', 'funding:withdrawal.alreadyWithdrawn', { date: { date: context.withdrawnOn } })];
  if (context.openPayments > 0) return [issue('extent', 'funding:withdrawal.openPayments')];
  if (context.grant.every((g) => g.amountCents === 0)) return [issue('extent', 'funding:withdrawal.nothingGranted')];
  return [];
}

/** The day the withdrawal takes effect: the decision's day (ex tunc) or the day given. */
export const effectiveDay = (effect: 'decision' | 'date', decisionDay: string, effectiveOn: string) =>
  effect === 'decision' ? decisionDay : effectiveOn;

/**
 * The withdrawal as the officer asks for it. The day it takes effect lies between the decision's day
 * and today; a partial withdrawal names for every budget year what remains, between nothing and what
 * is granted now, and leaves less than now.
 */
export function withdrawalIssues(
  input: {
    extent: WithdrawalExtent;
    effect: 'decision' | 'date';
    effectiveOn: string;
    remaining: Record<number, number | undefined>;
  },
  context: {
    decisionDay: string;
    today: string;
    withdrawnOn: string | null;
    openPayments: number;
    grant: readonly YearAmount[];
  },
): FieldIssue[] {
  const blockers = withdrawalBlockers(context);
  if (blockers.length) return blockers;
  const issues: FieldIssue[] = [];
  if (input.effect === 'date') {
    if (input.effectiveOn === '') issues.push(issue('effectiveOn', 'funding:withdrawal.effectiveOnRequired'));
    else if (input.effectiveOn < context.decisionDay)
      issues.push(issue('effectiveOn', 'funding:withdrawal.beforeDecision', { date: { date: context.decisionDay } }));
    else if (input.effectiveOn > context.today) issues.push(issue('effectiveOn', 'funding:withdrawal.inFuture'));
  }
  if (input.extent === 'partial') issues.push(...remainingIssues(input.remaining, context.grant));
  return issues;
}

/** Each year's remaining grant: given, not negative, not above the grant now; and less in all than now. */
export function remainingIssues(
  remaining: Record<number, number | undefined>,
  grant: readonly YearAmount[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let reduced = false;
  for (const g of grantPerYear(grant)) {
    const left = remaining[g.year];
    const field = remainingField(g.year);
    if (left === undefined) issues.push(issue(field, 'funding:withdrawal.remainingRequired', { year: g.year }));
    else if (left < 0) issues.push(issue(field, 'common:validation.money'));
    else if (left > g.amountCents)
      issues.push(issue(field, 'funding:withdrawal.aboveGrant', { amount: { euro: g.amountCents } }));
    else if (left < g.amountCents) reduced = true;
  }
  if (issues.length === 0 && !reduced) issues.push(issue('extent', 'funding:withdrawal.nothingWithdrawn'));
  return issues;
}

/** What remains granted per year after the withdrawal: nothing after a full one. */
export function remainingGrant(
  extent: WithdrawalExtent,
  grant: readonly YearAmount[],
  remaining: Record<number, number | undefined>,
): YearAmount[] {
  return grantPerYear(grant).map((g) => ({
    year: g.year,
    amountCents: extent === 'full' ? 0 : Math.min(g.amountCents, Math.max(0, remaining[g.year] ?? g.amountCents)),
  }));
}

const paidIn = (paid: readonly PaidMoney[], year: number) =>
  paid.filter((p) => p.year === year).reduce((s, p) => s + p.amountCents, 0);
const amountOf = (list: readonly YearAmount[], year: number) =>
  list.filter((x) => x.year === year).reduce((s, x) => s + x.amountCents, 0);

/**
 * The money to reclaim per budget year: paid out beyond what remains, less what earlier withdrawals
 * already reclaimed for the year, never negative. Years with nothing to reclaim are left out.
 */
export function reclaimPerYear(
  after: readonly YearAmount[],
  paid: readonly PaidMoney[],
  alreadyReclaimed: readonly YearAmount[] = [],
): YearAmount[] {
  const years = [...new Set([...after.map((a) => a.year), ...paid.map((p) => p.year)])].sort((a, b) => a - b);
  return years
    .map((year) => ({
      year,
      amountCents: Math.max(0, paidIn(paid, year) - amountOf(after, year) - amountOf(alreadyReclaimed, year)),
    }))
    .filter((r) => r.amountCents > 0);
}

export const totalOf = (list: readonly { amountCents: number }[]) => list.reduce((s, x) => s + x.amountCents, 0);

export interface ReclaimPart {
  /** the first day of interest */
  interestFrom: string;
  amountCents: number;
}

/**
 * The reclaim split by its first day of interest: per year, the latest payments first (beyond what
 * earlier withdrawals already took), each part bearing interest from the later of the withdrawal's
 * day and its payment's day. Parts with the same day are added up; in order of the day.
 */
export function reclaimParts(
  perYear: readonly YearAmount[],
  paid: readonly PaidMoney[],
  effectiveOn: string,
  alreadyReclaimed: readonly YearAmount[] = [],
): ReclaimPart[] {
  const byDay = new Map<string, number>();
  for (const { year, amountCents } of perYear) {
    let skip = amountOf(alreadyReclaimed, year);
    let left = amountCents;
    const latestFirst = paid.filter((p) => p.year === year).sort((a, b) => (a.paidOn < b.paidOn ? 1 : -1));
    for (const p of latestFirst) {
      if (left === 0) break;
      const skipped = Math.min(skip, p.amountCents);
      skip -= skipped;
      const take = Math.min(left, p.amountCents - skipped);
      if (take === 0) continue;
      left -= take;
      const from = p.paidOn > effectiveOn ? p.paidOn : effectiveOn;
      byDay.set(from, (byDay.get(from) ?? 0) + take);
    }
  }
  return [...byDay]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([interestFrom, amountCents]) => ({ interestFrom, amountCents }));
}

/** The reclaims recorded with a withdrawal: one per first day of interest, due a month after today. */
export const withdrawalReclaims = (parts: readonly ReclaimPart[], today: string) =>
  parts.map((p) => ({ amountCents: p.amountCents, effectiveOn: p.interestFrom, dueOn: addMonths(today, 1) }));
