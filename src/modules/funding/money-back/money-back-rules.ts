// What a reclaim, a repayment and the funder's account need, and the rule that a final report is
// accepted only with the money its receipts do not cover reclaimed. Pure.
import { type FieldIssue, issue } from '../../../core/http/form';
import { addMonths } from '../../../core/time/calendar';
import { electronicIban, isIban } from '../../network/api';
import { type BaseRate, type InterestResult, type Repayment, reclaimInterest } from './interest-rules';

/** What has been paid out on a grant and reclaimed from it so far, for a new reclaim's checks. */
export interface PaidOut {
  paidCents: number;
  reclaimedCents: number;
  /** the day of the first payment; null while nothing is paid */
  firstPaidOn: string | null;
}

/**
 * A reclaim the officer records by hand. With what was paid out (the store knows it): nothing can
 * be reclaimed beyond the money paid and not yet reclaimed, and interest cannot run from a day
 * before any money was paid.
 */
export function reclaimIssues(
  input: { amountCents: number; effectiveOn: string; dueOn: string },
  paid?: PaidOut,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.amountCents <= 0) issues.push(issue('amount', 'funding:moneyBack.amountPositive'));
  if (input.effectiveOn < '2002-01-01') issues.push(issue('effectiveOn', 'funding:moneyBack.effectiveTooEarly'));
  if (input.dueOn < input.effectiveOn) issues.push(issue('dueOn', 'funding:moneyBack.dueBeforeEffective'));
  if (paid) {
    const open = Math.max(0, paid.paidCents - paid.reclaimedCents);
    if (paid.firstPaidOn === null) issues.push(issue('amount', 'funding:moneyBack.nothingPaid'));
    else if (input.amountCents > open)
      issues.push(issue('amount', 'funding:moneyBack.moreThanPaid', { amount: { euro: open } }));
    if (paid.firstPaidOn !== null && input.effectiveOn < paid.firstPaidOn)
      issues.push(issue('effectiveOn', 'funding:moneyBack.effectiveBeforePaid', { date: { date: paid.firstPaidOn } }));
  }
  return issues;
}

/**
 * A repayment received. With what is owed on its day (principal and interest, where the base rates
 * cover the days), more than that is refused: an overpayment is money the funder pays back, not a
 * repayment to book.
 */
export function repaymentIssues(
  input: { paidOn: string; amountCents: number },
  context: { today: string; owedCents?: number },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.amountCents <= 0) issues.push(issue('amount', 'funding:moneyBack.amountPositive'));
  if (input.paidOn > context.today) issues.push(issue('paidOn', 'funding:moneyBack.paidInFuture'));
  if (context.owedCents !== undefined && input.amountCents > context.owedCents)
    issues.push(issue('amount', 'funding:moneyBack.moreThanOwed', { amount: { euro: context.owedCents } }));
  return issues;
}

/** What is owed on a reclaim on a day: interest up to (not including) that day, repayments up to it. */
export function reclaimBalance(
  reclaim: { amountCents: number; effectiveOn: string },
  repayments: readonly Repayment[],
  rates: readonly BaseRate[],
  today: string,
): InterestResult {
  return reclaimInterest({
    principalCents: reclaim.amountCents,
    interestFrom: reclaim.effectiveOn,
    until: today,
    repayments,
    rates,
  });
}

// ---- the account the carrier pays to ----

/** The funder's bank account; who the funder is and where it sits is the issuing authority's (notices/authority.ts). */
export interface PaymentAccount {
  holder: string;
  iban: string;
  bic: string;
  bank: string;
}

/** An example account, shown as such, until an administrator enters the funder's own. */
export const examplePaymentAccount: PaymentAccount = {
  holder: 'Bundeskasse (Beispielkonto)',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  bank: 'Beispielbank',
};

export const paymentAccountOrDefault = (stored: PaymentAccount | undefined) =>
  stored
    ? { holder: stored.holder, iban: stored.iban, bic: stored.bic, bank: stored.bank, isDefault: false }
    : { ...examplePaymentAccount, isDefault: true };

// the IBAN's checks and forms are network's (ibantools), the same for the funder's and a carrier's account
export { groupedIban } from '../../network/api';
export { isIban };
/** An IBAN without spaces, upper case. */
export const compactIban = (value: string) => electronicIban(value);

export function paymentAccountIssues(input: { iban: string; bic: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isIban(input.iban)) issues.push(issue('iban', 'funding:moneyBack.ibanInvalid'));
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(input.bic.replace(/\s+/g, '').toUpperCase()))
    issues.push(issue('bic', 'funding:moneyBack.bicInvalid'));
  return issues;
}

// ---- accepting a final report ----

/**
 * The money paid out that the final report's receipts do not cover: paid (approved or reduced)
 * payments minus the receipts' total, never below zero.
 */
export function uncoveredCents(
  payments: readonly { status: string; approvedCents: number; paidOn: string | null }[],
  receipts: readonly { amountCents: number }[],
): number {
  const paid = payments
    .filter((p) => (p.status === 'approved' || p.status === 'reduced') && p.paidOn !== null)
    .reduce((s, p) => s + p.approvedCents, 0);
  const covered = receipts.reduce((s, r) => s + r.amountCents, 0);
  return Math.max(0, paid - covered);
}

/**
 * A final report whose receipts do not cover the money paid out is accepted only together with a
 * reclaim of the difference; a reclaim with nothing uncovered is refused as well.
 */
export function acceptanceIssues(input: {
  kind: string;
  action: 'accept' | 'corrections' | 'acceptReclaim';
  uncoveredCents: number;
}): FieldIssue[] {
  if (input.action === 'corrections') return [];
  const uncovered = input.kind === 'final' ? input.uncoveredCents : 0; // interim reports settle nothing
  if (input.action === 'accept' && uncovered > 0)
    return [issue('action', 'funding:moneyBack.uncovered', { amount: { euro: uncovered } })];
  if (input.action === 'acceptReclaim' && uncovered === 0)
    return [issue('action', 'funding:moneyBack.nothingUncovered')];
  return [];
}

/** The reclaim an acceptance records: the uncovered money, taking effect on the day, due a month later. */
export function acceptanceReclaim(uncovered: number, today: string) {
  return { amountCents: uncovered, effectiveOn: today, dueOn: addMonths(today, 1) };
}
