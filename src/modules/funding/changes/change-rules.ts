// Changes to a running grant (Änderungen): what a shift between lines does to the binding plan,
// whether it needs the funder's approval, and whether a longer duration or new partners are allowed.
import {
  durationMonths,
  type ExpenseLine,
  expenseLines,
  type FinancingPlan,
  lineShift,
} from '../applications/financing-plan';
import type { Partner, StoredPlan } from '../schema';

export type ChangeProblem =
  | 'sameLine'
  | 'notPlanned'
  | 'aboveLine'
  | 'notLater'
  | 'beyondMaxDuration'
  | 'migrantOrganisationRequired'
  | 'sharesAbove100'
  | 'noPartners';

export interface Shift {
  year: number;
  fromLine: string;
  toLine: string;
  amountCents: number;
}

const isLine = (line: string): line is ExpenseLine => (expenseLines as readonly string[]).includes(line);

/**
 * The plan after moving money from one line to another within a budget year. The total and the
 * grant stay as they are: a shift changes what the money is spent on, not how much there is.
 */
export function applyShift(
  plan: StoredPlan,
  shift: Shift,
): { ok: true; plan: StoredPlan } | { ok: false; problem: ChangeProblem } {
  if (!isLine(shift.fromLine) || !isLine(shift.toLine) || shift.fromLine === shift.toLine)
    return { ok: false, problem: 'sameLine' };
  if (!plan.grant.some((g) => g.year === shift.year)) return { ok: false, problem: 'notPlanned' };
  const from = plan.expenses.filter((e) => e.year === shift.year && e.line === shift.fromLine);
  const available = from.reduce((s, e) => s + e.amountCents, 0);
  if (shift.amountCents <= 0 || shift.amountCents > available) return { ok: false, problem: 'aboveLine' };
  const expenses = plan.expenses.map((e) => ({ ...e }));
  // take from the first entries of the line until the amount is covered
  let left = shift.amountCents;
  for (const e of expenses) {
    if (left === 0) break;
    if (e.year !== shift.year || e.line !== shift.fromLine) continue;
    const take = Math.min(e.amountCents, left);
    e.amountCents -= take;
    left -= take;
  }
  const target = expenses.find((e) => e.year === shift.year && e.line === shift.toLine);
  if (target) target.amountCents += shift.amountCents;
  else expenses.push({ line: shift.toLine, year: shift.year, amountCents: shift.amountCents });
  return { ok: true, plan: { ...plan, expenses: expenses.filter((e) => e.amountCents > 0) } };
}

/**
 * Whether a plan may stand without the funder's approval: every line may exceed the last plan
 * the funder decided by up to 20 % while the total holds. Comparing with the decided plan, not the
 * latest notice, keeps several small shifts from adding up to a large one.
 */
export function shiftNeedsApproval(decided: StoredPlan, proposed: StoredPlan): boolean {
  return lineShift(decided as FinancingPlan, (proposed as FinancingPlan).expenses).needsChangeRequest;
}

/** A later end date within the programme's maximum duration. */
export function checkExtension(
  grant: { startDate: string; endDate: string },
  newEnd: string,
  maxDurationMonths: number,
): ChangeProblem | undefined {
  if (newEnd <= grant.endDate) return 'notLater';
  if (durationMonths(grant.startDate, newEnd) > maxDurationMonths) return 'beyondMaxDuration';
  return undefined;
}

/** The same rules for partners as at application time. */
export function checkPartnerChange(
  partners: Partner[],
  requiresMigrantOrganisation: boolean,
): ChangeProblem | undefined {
  if (partners.length === 0) return 'noPartners';
  if (requiresMigrantOrganisation && !partners.some((p) => p.isMigrantOrganisation))
    return 'migrantOrganisationRequired';
  if (partners.reduce((s, p) => s + p.budgetShareBp, 0) > 10000) return 'sharesAbove100';
  return undefined;
}
