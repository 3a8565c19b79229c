// When reports are due and when their reminders go out (Berlin calendar dates).
import { addDays, addMonths, requireDay } from '../../../core/time/calendar';

/** Interim reports cover each budget year but the last, which the final report covers instead. */
export function interimReportDue(budgetYear: number, projectEnd: string): string | undefined {
  requireDay(projectEnd);
  if (!Number.isInteger(budgetYear)) throw new RangeError(`not a budget year: ${budgetYear}`);
  const endYear = Number(projectEnd.slice(0, 4));
  if (budgetYear >= endYear) return undefined;
  return `${String(budgetYear + 1).padStart(4, '0')}-04-30`;
}

export function finalReportDue(projectEnd: string): string {
  return addMonths(projectEnd, 6);
}

/** Two weeks ahead leaves time to write; three days ahead catches what was forgotten. */
export function reminderDates(due: string): [string, string] {
  return [addDays(due, -14), addDays(due, -3)];
}
