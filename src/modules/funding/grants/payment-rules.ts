// How much may be paid, and the interest on money drawn and not spent in time.

import { mulDiv } from '../../../core/money/money';
import { requireDay } from '../../../core/time/calendar';

/** Drawn money must be spent within six weeks. */
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
