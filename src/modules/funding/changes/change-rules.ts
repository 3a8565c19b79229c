// Changes to a running grant (Änderungen): what a shift between lines does to the binding plan,
// whether it needs the funder's approval, and whether a longer duration or new partners are allowed;
// what a notification and the officer's decision need. Pure; refusals are keyed issues at the field
// of the carrier's form they concern (ADR 0010), checked by the form and again by the store.
import { type FieldIssue, type IssueParam, issue } from '../../../core/http/form';
import { addDays, addMonths } from '../../../core/time/calendar';
import {
  durationMonths,
  type ExpenseLine,
  expenseLines,
  type FinancingPlan,
  lineShift,
} from '../applications/financing-plan';
import { projectEnded } from '../grants/grant-period';
import type { ChangePayload, Partner, StoredPlan } from '../schema';

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

/**
 * The latest end date a project starting on `start` may have under a maximum duration in months:
 * a begun month counts as a whole one (durationMonths), so it is the last day of the last month.
 */
export function latestEnd(start: string, maxDurationMonths: number): string {
  return addDays(addMonths(`${start.slice(0, 7)}-01`, maxDurationMonths), -1);
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

/** Which field of the carrier's form a refusal belongs to. */
const problemField: Record<ChangeProblem, string> = {
  sameLine: 'toLine',
  notPlanned: 'year',
  aboveLine: 'amount',
  notLater: 'endDate',
  beyondMaxDuration: 'endDate',
  migrantOrganisationRequired: 'partners',
  sharesAbove100: 'partners',
  noPartners: 'partners',
};

/** A refusal as the issue the carrier's form shows at its field. */
export const changeIssue = (problem: ChangeProblem, params?: Record<string, IssueParam>): FieldIssue =>
  issue(problemField[problem], `funding:change.problems.${problem}`, params);

/** Which field of each kind of change request the refusal after the project's end is shown at. */
const endedField: Record<ChangePayload['kind'], string> = { shift: 'year', extension: 'endDate', partners: 'partners' };

/** After the project's end the grant takes no change; the message names the end. */
export function projectEndedChangeIssues(
  grant: { endDate: string; withdrawnOn?: string | null },
  kind: ChangePayload['kind'],
  today: string,
): FieldIssue[] {
  // a grant whose decision was withdrawn in full takes no change, no extension
  if (grant.withdrawnOn)
    return [issue(endedField[kind], 'funding:withdrawal.noChanges', { date: { date: grant.withdrawnOn } })];
  return projectEnded(grant, today)
    ? [issue(endedField[kind], 'funding:change.problems.projectEnded', { date: { date: grant.endDate } })]
    : [];
}

/** What a change does to the grant: the plan, end date and partners it would have afterwards. */
export type AppliedChange = { plan: StoredPlan; endDate: string; partners: Partner[] | null };

/**
 * The grant after a change, under the programme's rules (maximum duration, a migrant organisation
 * among the partners), or the issues that stand in the way. `askedOn` is the Berlin day the change
 * is asked for: after the project's end none is accepted. The form checks it against the grant as
 * shown, the store again against the grant as it is under its lock (it may have moved since).
 */
export function applyChange(
  grant: {
    plan: StoredPlan;
    startDate: string;
    endDate: string;
    partners: Partner[] | null;
    withdrawnOn?: string | null;
  },
  payload: ChangePayload,
  programme: { maxDurationMonths: number; requiresMigrantOrganisation: boolean },
  askedOn: string,
): ({ ok: true } & AppliedChange) | { ok: false; issues: FieldIssue[] } {
  const ended = projectEndedChangeIssues(grant, payload.kind, askedOn);
  if (ended.length) return { ok: false, issues: ended };
  const current = { plan: grant.plan, endDate: grant.endDate, partners: grant.partners };
  const refused = (problem: ChangeProblem) => ({
    ok: false as const,
    issues: [
      problem === 'beyondMaxDuration'
        ? changeIssue(problem, {
            maximum: programme.maxDurationMonths,
            date: { date: latestEnd(grant.startDate, programme.maxDurationMonths) },
          })
        : changeIssue(problem),
    ],
  });
  if (payload.kind === 'shift') {
    const r = applyShift(grant.plan, payload);
    return r.ok ? { ok: true, ...current, plan: r.plan } : refused(r.problem);
  }
  if (payload.kind === 'extension') {
    const problem = checkExtension(grant, payload.endDate, programme.maxDurationMonths);
    return problem ? refused(problem) : { ok: true, ...current, endDate: payload.endDate };
  }
  const problem = checkPartnerChange(payload.partners, programme.requiresMigrantOrganisation);
  return problem ? refused(problem) : { ok: true, ...current, partners: payload.partners };
}

/** The issues of a change request against the grant and its programme on a day (none: it can be asked for). */
export function changeRequestIssues(
  payload: ChangePayload,
  context: {
    grant: Parameters<typeof applyChange>[0];
    programme: Parameters<typeof applyChange>[2];
    today: string;
  },
): FieldIssue[] {
  const r = applyChange(context.grant, payload, context.programme, context.today);
  return r.ok ? [] : r.issues;
}

/** A rejection tells the carrier why. */
export function changeDecisionIssues(input: { action: 'approve' | 'reject'; note: string }): FieldIssue[] {
  return input.action === 'reject' && !input.note ? [issue('note', 'funding:change.reasonForRejection')] : [];
}

/** What is reported has happened: its date is today (Berlin) or earlier. */
export function notificationIssues(input: { occurredOn: string }, context: { today: string }): FieldIssue[] {
  return input.occurredOn > context.today ? [issue('occurredOn', 'funding:notification.occurredOnPast')] : [];
}
