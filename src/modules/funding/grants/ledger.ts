// The grant's ledger: per expense line and budget year, what the plan allows, what has been drawn
// and spent, and what remains; plus money drawn but not spent within six weeks. "Spent" is the
// actual of reports/actuals.ts (receipts, else the spending reported on payments), the same figure
// the reports show. Pure.

import { expenseLines } from '../applications/financing-plan';
import { type ActualBasis, actualOf, actuals, isPaid, type ReceiptForActuals } from '../reports/actuals';
import type { StoredPlan } from '../schema';
import { spendWithinDays, unspentInterest } from './payment-rules';

export interface PaymentForLedger {
  id: string;
  year: number;
  line: string;
  status: string;
  approvedCents: number;
  paidOn: string | null;
  spentCents: number;
  spentOn: string | null;
}

export interface LedgerRow {
  line: string;
  year: number;
  plannedCents: number;
  drawnCents: number;
  /** the actual spent on the line in the year */
  spentCents: number;
  /** whether receipts prove it or it is the spending reported on payments */
  spentBasis: ActualBasis;
  remainingCents: number;
}

const paid = isPaid;

export function ledger(
  plan: StoredPlan,
  payments: PaymentForLedger[],
  receipts: ReceiptForActuals[] = [],
): { rows: LedgerRow[]; grantByYear: Record<number, { granted: number; drawn: number; remaining: number }> } {
  const years = [...new Set(plan.expenses.map((e) => e.year).concat(plan.grant.map((g) => g.year)))].sort();
  const rows: LedgerRow[] = [];
  const spent = actuals(receipts, payments);
  for (const year of years)
    for (const line of expenseLines) {
      const plannedCents = plan.expenses
        .filter((e) => e.year === year && e.line === line)
        .reduce((s, e) => s + e.amountCents, 0);
      const mine = payments.filter((p) => paid(p) && p.year === year && p.line === line);
      const drawnCents = mine.reduce((s, p) => s + p.approvedCents, 0);
      const actual = actualOf(spent, line, year);
      if (plannedCents || drawnCents || actual.actualCents)
        rows.push({
          line,
          year,
          plannedCents,
          drawnCents,
          spentCents: actual.actualCents,
          spentBasis: actual.basis,
          remainingCents: plannedCents - drawnCents,
        });
    }
  const grantByYear: Record<number, { granted: number; drawn: number; remaining: number }> = {};
  for (const year of years) {
    const granted = plan.grant.filter((g) => g.year === year).reduce((s, g) => s + g.amountCents, 0);
    const drawn = payments.filter((p) => paid(p) && p.year === year).reduce((s, p) => s + p.approvedCents, 0);
    grantByYear[year] = { granted, drawn, remaining: granted - drawn };
  }
  return { rows, grantByYear };
}

export interface UnspentFlag {
  paymentId: string;
  unspentCents: number;
  overdueDays: number;
  interestCents: number;
}

/**
 * Payments whose money was not fully spent within six weeks, with the interest that could be
 * charged. Money the funder has already reclaimed on the grant (`reclaimedCents`) is no longer held
 * unspent: it settles the oldest unspent payments first, and its interest runs on the reclaim.
 */
export function unspentFlags(
  payments: PaymentForLedger[],
  asOf: string,
  baseRateBp: number,
  reclaimedCents = 0,
): UnspentFlag[] {
  let settle = reclaimedCents;
  return payments
    .filter((p) => paid(p) && p.spentCents < p.approvedCents)
    .sort((a, b) => (a.paidOn as string).localeCompare(b.paidOn as string) || a.id.localeCompare(b.id))
    .map((p) => {
      const settled = Math.min(settle, p.approvedCents - p.spentCents);
      settle -= settled;
      return { p, unspentCents: p.approvedCents - p.spentCents - settled };
    })
    .filter((x) => x.unspentCents > 0)
    .map(({ p, unspentCents }) => {
      const { overdueDays, interestCents } = unspentInterest({
        amountCents: unspentCents,
        drawnOn: p.paidOn as string,
        asOf,
        baseRateBp,
      });
      return { paymentId: p.id, unspentCents, overdueDays, interestCents };
    })
    .filter((f) => f.overdueDays > 0);
}

export { spendWithinDays };
