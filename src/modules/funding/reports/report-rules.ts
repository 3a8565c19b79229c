// What a report covers and when it may be handed in; what an officer's review needs. Pure: the
// report, the grant and today come in as parameters.
import { type FieldIssue, issue } from '../../../core/http/form';
import type { ReportFigures } from '../schema';

/** The dates receipts of a report may carry: its budget year, or the whole project for the final report. */
export function reportPeriod(
  report: { kind: string; budgetYear: number | null },
  grant: { startDate: string; endDate: string },
) {
  if (report.kind === 'interim' && report.budgetYear) {
    const start = `${report.budgetYear}-01-01`;
    const end = `${report.budgetYear}-12-31`;
    return { start: start < grant.startDate ? grant.startDate : start, end: end > grant.endDate ? grant.endDate : end };
  }
  return { start: grant.startDate, end: grant.endDate };
}

/** A report covers a finished period: it can be submitted from the period's last day (Berlin) on, not before. */
export function reportSubmitIssues(
  report: { kind: string; budgetYear: number | null },
  context: { today: string; grant: { startDate: string; endDate: string } },
): FieldIssue[] {
  const from = reportPeriod(report, context.grant).end;
  return context.today < from ? [issue('submit', 'funding:report.tooEarly', { date: { date: from } })] : [];
}

/** What the officer's review looks at: the report and the figures it was submitted with. */
export interface ReviewContext {
  report: { kind: string; budgetYear: number | null };
  figures: ReportFigures;
}

/**
 * What the officer's review needs, one rule after the other; the route checks them with the form,
 * the store again under the report's lock. Rules for accepting (e.g. that the receipts cover the
 * money paid out, or the difference is recorded as a reclaim) go here beside the one for corrections.
 */
export function reportReviewIssues(
  input: { action: 'accept' | 'corrections'; note: string },
  _context: ReviewContext,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // asking for corrections says what is to be corrected
  if (input.action === 'corrections' && !input.note) issues.push(issue('note', 'funding:report.noteRequired'));
  return issues;
}
