// What was actually spent, per expense line and budget year: the one answer the grant's ledger and
// its reports both show. Receipts (the Belegliste of a report) prove expenses; where a line and
// year has none yet, the spending the carrier reported on money paid out stands in for it. Each
// figure says which of the two it is. Pure: the receipts and payments come in as parameters.
import { expenseLines } from '../applications/financing-plan';
import type { ReportFigureLine, ReportFigures, StoredPlan } from '../schema';

export interface ReceiptForActuals {
  date: string;
  line: string;
  amountCents: number;
  /** the kind of report the receipt was imported into */
  reportKind: string;
}

export interface SpendingForActuals {
  year: number;
  line: string;
  status: string;
  approvedCents: number;
  paidOn: string | null;
  spentCents: number;
}

/** Where an actual figure comes from: the receipts, the spending reported on payments, or neither. */
export type ActualBasis = 'receipts' | 'reported' | 'none';

export interface Actual {
  line: string;
  year: number;
  receiptsCents: number;
  reportedCents: number;
  actualCents: number;
  basis: ActualBasis;
}

/** Money counts as paid out once a request is approved or reduced and has its payment day. */
export const isPaid = (p: SpendingForActuals) =>
  (p.status === 'approved' || p.status === 'reduced') && p.paidOn !== null;

const yearOf = (date: string) => Number(date.slice(0, 4));
const order = (line: string) => (expenseLines as readonly string[]).indexOf(line);

/** The receipts that count: per year the final report's, where it has any of that year, else the interim ones. */
export function countedReceipts<R extends ReceiptForActuals>(receipts: R[]): R[] {
  const finalYears = new Set(receipts.filter((r) => r.reportKind === 'final').map((r) => yearOf(r.date)));
  return receipts.filter((r) => r.reportKind === 'final' || !finalYears.has(yearOf(r.date)));
}

/**
 * Actual spending per line and budget year (the calendar year of a receipt's date, the year a
 * payment was drawn for). A year's receipts are counted once: the final report's list covers the
 * whole project, so where it has receipts of a year it replaces the interim report's list of that
 * year. Only lines and years with a receipt or with paid money appear; sorted by year, then line.
 */
export function actuals(receipts: ReceiptForActuals[], payments: SpendingForActuals[]): Actual[] {
  const counted = countedReceipts(receipts);
  const cells = new Map<string, Actual>();
  const cell = (line: string, year: number) => {
    const key = `${year}:${line}`;
    let c = cells.get(key);
    if (!c) {
      c = { line, year, receiptsCents: 0, reportedCents: 0, actualCents: 0, basis: 'none' };
      cells.set(key, c);
    }
    return c;
  };
  const withReceipts = new Set<string>();
  for (const r of counted) {
    cell(r.line, yearOf(r.date)).receiptsCents += r.amountCents;
    withReceipts.add(`${yearOf(r.date)}:${r.line}`);
  }
  for (const p of payments.filter(isPaid)) cell(p.line, p.year).reportedCents += p.spentCents;
  for (const [key, c] of cells) {
    if (withReceipts.has(key)) {
      c.actualCents = c.receiptsCents;
      c.basis = 'receipts';
    } else if (c.reportedCents > 0) {
      c.actualCents = c.reportedCents;
      c.basis = 'reported';
    }
  }
  return [...cells.values()].sort((a, b) => a.year - b.year || order(a.line) - order(b.line));
}

/** The actual of one line and year (nothing spent: zero, basis none). */
export function actualOf(list: Actual[], line: string, year: number): Actual {
  return (
    list.find((a) => a.line === line && a.year === year) ?? {
      line,
      year,
      receiptsCents: 0,
      reportedCents: 0,
      actualCents: 0,
      basis: 'none',
    }
  );
}

/**
 * A report's figures: per line and year of its period (its budget year, or every year of the
 * project for the final report) the plan against the actual, and the totals with the money paid
 * out. For the final report pass all the grant's receipts, for an interim report its own. This is
 * what a submitted report keeps as its snapshot.
 */
export function reportFigures(input: {
  report: { kind: string; budgetYear: number | null };
  plan: StoredPlan;
  receipts: ReceiptForActuals[];
  payments: SpendingForActuals[];
  narrative: string[];
  takenAt: Date;
}): ReportFigures {
  const { report, plan } = input;
  const inPeriod = (year: number) => report.kind === 'final' || year === report.budgetYear;
  const all = actuals(input.receipts, input.payments);
  const years = [...new Set([...plan.expenses.map((e) => e.year), ...all.map((a) => a.year)])]
    .filter(inPeriod)
    .sort((a, b) => a - b);
  const lines: ReportFigureLine[] = [];
  for (const year of years)
    for (const line of expenseLines) {
      const plannedCents = plan.expenses
        .filter((e) => e.year === year && e.line === line)
        .reduce((s, e) => s + e.amountCents, 0);
      const a = actualOf(all, line, year);
      if (plannedCents || a.actualCents || a.receiptsCents || a.reportedCents)
        lines.push({
          line,
          year,
          plannedCents,
          actualCents: a.actualCents,
          receiptsCents: a.receiptsCents,
          reportedCents: a.reportedCents,
          basis: a.basis,
        });
    }
  const sum = (k: 'plannedCents' | 'actualCents' | 'receiptsCents' | 'reportedCents') =>
    lines.reduce((s, l) => s + l[k], 0);
  const paidOutCents = input.payments
    .filter((p) => isPaid(p) && inPeriod(p.year))
    .reduce((s, p) => s + p.approvedCents, 0);
  return {
    takenAt: input.takenAt.toISOString(),
    lines,
    totals: {
      plannedCents: sum('plannedCents'),
      actualCents: sum('actualCents'),
      receiptsCents: sum('receiptsCents'),
      reportedCents: sum('reportedCents'),
      paidOutCents,
    },
    receiptCount: countedReceipts(input.receipts).filter((r) => inPeriod(yearOf(r.date))).length,
    narrative: [...input.narrative],
  };
}
