// What a payment request, its decision and the spending reported on it must satisfy (the six-week
// window, the project period, the cap of the year's grant), and the interest on money drawn and not
// spent in time. Pure: today, the grant and the payment come in as parameters.

import { type FieldIssue, issue } from '../../../core/http/form';
import { mulDiv } from '../../../core/money/money';
import { addDays, requireDay } from '../../../core/time/calendar';
import type { StoredPlan } from '../schema';
import { projectEnded } from './grant-period';

export interface PaymentCap {
  payableCents: number;
  remainingCents: number;
  /** less is paid than was requested */
  capped: boolean;
}

/** Money can be paid only up to what is approved and not yet drawn. */
export function paymentRequestCap(input: {
  approvedCents: number;
  drawnCents: number;
  requestedCents: number;
}): PaymentCap {
  const { approvedCents, drawnCents, requestedCents } = input;
  for (const [name, v] of Object.entries(input)) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${name} must be a safe integer, got ${v}`);
  }
  const remainingCents = Math.max(0, approvedCents - drawnCents);
  const payableCents = Math.max(0, Math.min(requestedCents, remainingCents));
  return { payableCents, remainingCents, capped: payableCents < requestedCents };
}

/** A request above what remains is refused at its amount, naming what may still be drawn. */
export function paymentCapIssues(cap: PaymentCap): FieldIssue[] {
  return cap.capped
    ? [issue('amount', 'funding:payment.aboveRemaining', { amount: { euro: cap.remainingCents } })]
    : [];
}

/** Money is drawn only for expenses due within six weeks. */
export const dueWithinDays = 42;

/**
 * After the project's end no money is drawn; the message names the end (at the due date, the field
 * it concerns). A grant whose decision was withdrawn in full takes no payment request either.
 */
export function projectEndedPaymentIssues(
  grant: { endDate: string; withdrawnOn?: string | null },
  today: string,
): FieldIssue[] {
  if (grant.withdrawnOn)
    return [issue('dueOn', 'funding:withdrawal.noPayments', { date: { date: grant.withdrawnOn } })];
  return projectEnded(grant, today)
    ? [issue('dueOn', 'funding:payment.projectEnded', { date: { date: grant.endDate } })]
    : [];
}

/**
 * Whether money of a budget year is granted by a decision, not only intended: a programme deciding
 * one year at a time decides each later year on a continuation application (continuations/).
 * `decidedYears` null: the whole period was decided at once.
 */
export const isYearDecided = (grant: { decidedYears?: number[] | null }, year: number) =>
  grant.decidedYears == null || grant.decidedYears.includes(year);

/**
 * No money is drawn for a budget year that is only intended: the refusal names the year and points
 * to the continuation application that decides it.
 */
export function undecidedYearIssues(grant: { decidedYears?: number[] | null }, year: number): FieldIssue[] {
  return isYearDecided(grant, year) ? [] : [issue('year', 'funding:continuation.paymentYearUndecided', { year })];
}

/**
 * A payment request's year must be one the grant covers, and its expense must fall due between
 * today (Berlin) and six weeks from today, and no later than the project's end. Once the project
 * has ended, nothing can be requested at all.
 */
export function paymentRequestIssues(
  input: { year: number; dueOn: string },
  context: {
    today: string;
    grant: {
      plan: Pick<StoredPlan, 'grant'>;
      endDate: string;
      withdrawnOn?: string | null;
      decidedYears?: number[] | null;
    };
  },
): FieldIssue[] {
  const { today, grant } = context;
  const ended = projectEndedPaymentIssues(grant, today);
  if (ended.length) return ended;
  const issues: FieldIssue[] = [];
  if (!grant.plan.grant.some((g) => g.year === input.year)) issues.push(issue('year', 'common:validation.choose'));
  else issues.push(...undecidedYearIssues(grant, input.year));
  if (input.dueOn < today || input.dueOn > addDays(today, dueWithinDays))
    issues.push(issue('dueOn', 'funding:payment.dueWithinSixWeeks'));
  else if (input.dueOn > grant.endDate)
    issues.push(issue('dueOn', 'funding:payment.afterProjectEnd', { date: { date: grant.endDate } }));
  return issues;
}

export type PaymentDecision = { status: 'approved' | 'reduced' | 'rejected'; approvedCents: number };

/** An approval pays more than nothing and at most what was requested; a rejection needs no amount. */
export function paymentDecisionIssues(
  input: { action: 'approve' | 'reject'; amount: number | undefined },
  payment: { requestedCents: number },
): FieldIssue[] {
  if (input.action === 'reject') return [];
  const { amount } = input;
  return amount === undefined || amount <= 0 || amount > payment.requestedCents
    ? [issue('amount', 'funding:payment.approveRange')]
    : [];
}

/** The decision the officer's form stands for: the full amount approves, less reduces. */
export function paymentDecision(
  input: { action: 'approve' | 'reject'; amount: number | undefined },
  payment: { requestedCents: number },
): PaymentDecision {
  if (input.action === 'reject' || input.amount === undefined) return { status: 'rejected', approvedCents: 0 };
  return { status: input.amount === payment.requestedCents ? 'approved' : 'reduced', approvedCents: input.amount };
}

/** Spending is reported up to what was paid, on a day within the project that is not in the future. */
export function spentIssues(
  input: { spent: number; spentOn: string },
  context: { today: string; grant: { startDate: string; endDate: string }; payment: { approvedCents: number } },
): FieldIssue[] {
  const { today, grant, payment } = context;
  const issues: FieldIssue[] = [];
  if (input.spent > payment.approvedCents) issues.push(issue('spent', 'funding:payment.spentRange'));
  if (input.spentOn > today || input.spentOn < grant.startDate || input.spentOn > grant.endDate)
    issues.push(issue('spentOn', 'funding:payment.spentOutsideProject'));
  return issues;
}

/** Drawn money must be spent within six weeks. */
export const spendWithinDays = 42;
/** Interest on late spending is 5 percentage points above the base rate (§ 247 BGB). */
export const interestAboveBaseRateBp = 500;

/**
 * Interest on money drawn and not spent within six weeks, for each day after those six weeks until it
 * was spent (or until asOf, whichever is earlier), act/365.
 */
export function unspentInterest(input: {
  amountCents: number;
  drawnOn: string;
  spentOn?: string;
  asOf: string;
  baseRateBp: number;
}): { overdueDays: number; interestCents: number } {
  const drawn = requireDay(input.drawnOn);
  const asOf = requireDay(input.asOf);
  const end = input.spentOn === undefined ? asOf : Math.min(requireDay(input.spentOn), asOf);
  const overdueDays = Math.max(0, end - drawn - spendWithinDays);
  // A negative base rate lowers the rate, but never below zero.
  const rateBp = Math.max(0, input.baseRateBp + interestAboveBaseRateBp);
  const amount = Math.max(0, input.amountCents);
  const interestCents = mulDiv(amount, rateBp * overdueDays, 10000 * 365, 'nearest');
  return { overdueDays, interestCents };
}
