// What a decision must say, as pure rules over the read form (ADR 0010): an outline can only be
// rejected (or invited, which is its own form); an approval names an amount for each budget year
// of the project, none above the programme's cap and not all zero; a rejection gives its reasons.
// An invitation's deadline lies in the future, by the app's clock.
import { type FieldIssue, issue } from '../../../core/http/form';
import { parseEuro } from '../../../core/money/money';
import { berlinDateTime } from '../../../core/time/calendar';
import type { DecisionForm, InvitationForm } from './decision-forms';

export interface DecisionContext {
  /** 'outline' (stage 1 of a two-stage call) or 'full' */
  stage: string;
  /** the budget years of the project, in order */
  years: readonly number[];
  maxGrantPerYearCents: number;
}

/** The amount typed for each year, in cents; undefined where it is no amount of euros (or blank). */
export function amountsOf(form: DecisionForm, years: readonly number[]): { year: number; cents: number | undefined }[] {
  return years.map((year) => {
    const typed = form[`amount-${year}`];
    const s = typeof typed === 'string' ? typed : '';
    return { year, cents: s.length > 40 ? undefined : parseEuro(s) };
  });
}

export function decisionIssues(form: DecisionForm, ctx: DecisionContext): FieldIssue[] {
  if (ctx.stage === 'outline' && form.outcome !== 'rejected') return [issue('outcome', 'common:validation.choose')];
  const issues: FieldIssue[] = [];
  if (form.outcome === 'approved') {
    // an application without budget years (no project dates) has nothing to approve
    if (ctx.years.length === 0) return [issue('outcome', 'common:validation.choose')];
    const amounts = amountsOf(form, ctx.years);
    for (const { year, cents } of amounts) {
      if (cents === undefined || cents < 0) issues.push(issue(`amount-${year}`, 'funding:validation.money'));
      else if (cents > ctx.maxGrantPerYearCents) issues.push(issue(`amount-${year}`, 'funding:decision.aboveCap'));
    }
    const first = ctx.years[0];
    if (issues.length === 0 && first !== undefined && amounts.every((a) => a.cents === 0))
      issues.push(issue(`amount-${first}`, 'funding:decision.amountRequired'));
  }
  if (form.outcome === 'rejected' && !form.reasons) issues.push(issue('reasons', 'funding:decision.reasonsRequired'));
  return issues;
}

/** The approved amount per year ("2027" → cents) of a form that passed decisionIssues; years of 0 € are left out. */
export function approvedAmounts(form: DecisionForm, years: readonly number[]): Record<string, number> {
  if (form.outcome !== 'approved') return {};
  return Object.fromEntries(
    amountsOf(form, years)
      .filter((a): a is { year: number; cents: number } => a.cents !== undefined && a.cents > 0)
      .map((a) => [String(a.year), a.cents]),
  );
}

/** The deadline of an invitation: the Berlin wall-clock date and time typed. */
export const dueAtOf = (form: InvitationForm): Date => berlinDateTime(form.dueDate, form.dueTime);

export function invitationIssues(form: InvitationForm, ctx: { now: Date }): FieldIssue[] {
  return dueAtOf(form) <= ctx.now ? [issue('dueDate', 'funding:officer.dueInPast')] : [];
}
