// One budget year at a time (Fortsetzungsantrag): under a programme that decides yearly, the grant
// decision grants the first budget year and states the later ones as intended; the carrier files a
// continuation application for each following year and the officer decides it. Pure rules: which
// years are decided, which one is next, when it can be filed, what the carrier may ask for, what
// the officer may decide (the same proposal rules as a first decision, decision-rules.ts), and that
// no money is drawn for a year not decided yet.
import { type FieldIssue, issue } from '../../../core/http/form';
import { requireDay } from '../../../core/time/calendar';
import { checkPlan, expenseLines, type FinancingPlan, type ProgrammeRules } from '../applications/financing-plan';
import { defaultBalance, type Proposal, proposalIssues } from '../decisions/decision-rules';
import { projectEnded } from '../grants/grant-period';
import { isYearDecided } from '../grants/payment-rules';
import type { StoredPlan } from '../schema';

export const continuationStatuses = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type ContinuationStatus = (typeof continuationStatuses)[number];

interface GrantYears {
  plan: Pick<StoredPlan, 'grant'>;
  decidedYears: number[] | null;
}

/** The budget years the plan grants money in, in order. */
export function grantYears(plan: Pick<StoredPlan, 'grant'>): number[] {
  return [...new Set(plan.grant.filter((g) => g.amountCents > 0).map((g) => g.year))].sort((a, b) => a - b);
}

/**
 * The years decided at the first decision: all of them for a programme deciding the whole period
 * (stored as null), the first one for a programme deciding yearly.
 */
export function initialDecidedYears(period: string, plan: Pick<StoredPlan, 'grant'>): number[] | null {
  if (period !== 'yearly') return null;
  const first = grantYears(plan)[0];
  return first === undefined ? null : [first];
}

/** The years stated as intended only: granted in the plan, not decided yet. */
export const intendedYears = (grant: GrantYears) => grantYears(grant.plan).filter((y) => !isYearDecided(grant, y));

/** The grant of a year in the plan, in cents (for an intended year: the amount stated as intended). */
export const grantInYear = (plan: Pick<StoredPlan, 'grant'>, year: number) =>
  plan.grant.filter((g) => g.year === year).reduce((s, g) => s + g.amountCents, 0);

/**
 * The grant's total after a continuation was rejected: what the decided years grant. The rejected
 * year and the later intended ones can no longer be filed, so their amounts are no longer part of
 * what the funder has granted or holds out.
 */
export const totalOfDecidedYears = (grant: GrantYears): number =>
  grantYears(grant.plan)
    .filter((y) => isYearDecided(grant, y))
    .reduce((s, y) => s + grantInYear(grant.plan, y), 0);

/** The next year a continuation application is for: the first intended year; none when all are decided. */
export const nextContinuationYear = (grant: GrantYears): number | undefined => intendedYears(grant)[0];

/**
 * A continuation for a year can be filed from 1 September of the year before: four months leave
 * the carrier the year's progress to report and the officer time to decide before 1 January (and
 * the budget of the coming year is usually known by then). It stays open through the year itself,
 * so a late application still reaches a decision; never after the project's end or a withdrawal.
 */
export const filingOpensOn = (year: number) => `${year - 1}-09-01`;

export function filingIssues(
  year: number,
  context: { today: string; grant: GrantYears & { endDate: string; withdrawnOn: string | null } },
): FieldIssue[] {
  const { today, grant } = context;
  if (grant.withdrawnOn)
    return [issue('continuation', 'funding:withdrawal.noPayments', { date: { date: grant.withdrawnOn } })];
  if (projectEnded(grant, today) || today > `${year}-12-31`)
    return [issue('continuation', 'funding:continuation.closed', { year })];
  if (nextContinuationYear(grant) !== year) return [issue('continuation', 'funding:continuation.notNext', { year })];
  if (today < filingOpensOn(year))
    return [issue('continuation', 'funding:continuation.notYetOpen', { year, date: { date: filingOpensOn(year) } })];
  return [];
}

/** Whether the call to action shows on the grant page: the year is next and can be filed today. */
export const mayFile = (year: number, context: Parameters<typeof filingIssues>[1]) =>
  filingIssues(year, context).length === 0;

/** The days left until the year begins (for the call to action); negative once it has begun. */
export const daysUntilYear = (year: number, today: string) => requireDay(`${year}-01-01`) - requireDay(today);

/** The year's part of the binding plan: what the continuation form is prefilled with. */
export function yearPlan(plan: StoredPlan, year: number): StoredPlan {
  return {
    expenses: plan.expenses.filter((e) => e.year === year),
    ownFunds: plan.ownFunds.filter((o) => o.year === year),
    thirdPartyFunds: plan.thirdPartyFunds.filter((t) => t.year === year),
    grant: plan.grant.filter((g) => g.year === year),
  };
}

/** The binding plan with the year's part replaced by the one decided. */
export function withYearPlan(plan: StoredPlan, year: number, decided: StoredPlan): StoredPlan {
  const other = <E extends { year: number }>(list: E[]) => list.filter((e) => e.year !== year);
  const order = <E extends { year: number }>(list: E[]) => [...list].sort((a, b) => a.year - b.year);
  return {
    expenses: order([...other(plan.expenses), ...decided.expenses]),
    ownFunds: order([...other(plan.ownFunds), ...decided.ownFunds]),
    thirdPartyFunds: order([...other(plan.thirdPartyFunds), ...decided.thirdPartyFunds]),
    grant: order([...other(plan.grant), ...decided.grant]),
  };
}

/** The continuation form's fields for the year's plan. */
export const lineField = (line: string) => `exp-${line}`;

/** The year's plan as the carrier typed it: every amount in cents, the third-party funds with their source. */
export interface YearPlanInput {
  expenses: Record<string, number>;
  own: number;
  third: number;
  thirdSource: string;
  grant: number;
}

export function planOfInput(year: number, input: YearPlanInput): StoredPlan {
  return {
    expenses: expenseLines
      .filter((l) => (input.expenses[l] ?? 0) > 0)
      .map((line) => ({ line, year, amountCents: input.expenses[line] ?? 0 })),
    ownFunds: input.own > 0 ? [{ year, amountCents: input.own }] : [],
    thirdPartyFunds: input.third > 0 ? [{ year, amountCents: input.third, source: input.thirdSource }] : [],
    grant: input.grant > 0 ? [{ year, amountCents: input.grant }] : [],
  };
}

/** Where a finding of checkPlan on the year's plan shows on the continuation form. */
function continuationField(planField: string): string {
  const [section, a] = planField.split('.');
  if (section === 'expenses' && a && (expenseLines as readonly string[]).includes(a)) return lineField(a);
  if (section === 'ownFunds') return 'own';
  if (section === 'thirdPartyFunds') return 'third';
  if (section === 'expenses') return lineField('staff');
  return 'grant';
}

/**
 * What the carrier files: a year's plan that keeps the binding plan sound under the programme's rules
 * (the year balances, the cap per year, the shares over the whole project, with the year replaced),
 * a grant no higher than the amount intended for the year, and a word on how the project stands.
 * A draft is saved with only the first of these checked.
 */
export function continuationIssues(
  input: { plan: StoredPlan; progress: string; submit: boolean },
  context: {
    year: number;
    intendedCents: number;
    binding: StoredPlan;
    rules: ProgrammeRules;
    project: { start: string; end: string };
  },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const asked = grantInYear(input.plan, context.year);
  if (asked > context.intendedCents)
    issues.push(
      issue('grant', 'funding:continuation.aboveIntended', {
        year: context.year,
        intended: { euro: context.intendedCents },
      }),
    );
  if (!input.submit) return issues;
  if (asked <= 0) issues.push(issue('grant', 'funding:continuation.grantRequired'));
  if (!input.progress.trim()) issues.push(issue('progress', 'common:validation.required'));
  const whole = withYearPlan(context.binding, context.year, input.plan) as FinancingPlan;
  const planIssues = checkPlan(whole, context.rules, context.project).filter(
    (i) => !['start', 'end'].includes(i.field),
  );
  for (const i of planIssues) {
    const field = continuationField(i.field);
    if (!issues.some((x) => x.field === field)) issues.push({ ...i, field });
  }
  return issues;
}

export interface ContinuationDecisionInput {
  action: 'approve' | 'reject';
  /** the year's grant decided, in cents; undefined when no amount could be read */
  amount: number | undefined;
  reasons: string;
}

export interface ContinuationDecisionContext {
  year: number;
  /** the year's plan as submitted */
  requested: StoredPlan;
  /** the grant's binding plan (the year in it as stated as intended) */
  binding: StoredPlan;
  rules: ProgrammeRules;
  project: { start: string; end: string };
}

/**
 * The officer's decision: a rejection gives its reasons; an approval grants more than nothing, no
 * more than intended, asked for and the programme's cap per year, and a cut needs reasons. The plan
 * is balanced and checked by the rules of a first decision (decision-rules.ts `proposalIssues`) over
 * the whole binding plan with the year as asked for, every other year kept as decided or intended; a
 * cut is balanced the way the financing type suggests (a share keeps the expenses, a deficit shrinks
 * them). The result is the year's part of the plan the approval binds.
 */
export function continuationDecision(
  input: ContinuationDecisionInput,
  ctx: ContinuationDecisionContext,
): { issues: FieldIssue[]; plan?: StoredPlan; cut: boolean } {
  if (input.action === 'reject')
    return {
      issues: input.reasons.trim() ? [] : [issue('reasons', 'funding:decision.reasonsRequired')],
      cut: false,
    };
  const amount = input.amount;
  if (amount === undefined || !Number.isSafeInteger(amount) || amount <= 0)
    return { issues: [issue('amount', 'funding:payment.approveRange')], cut: false };
  const intendedCents = grantInYear(ctx.binding, ctx.year);
  if (amount > intendedCents)
    return {
      issues: [
        issue('amount', 'funding:continuation.aboveIntended', { year: ctx.year, intended: { euro: intendedCents } }),
      ],
      cut: false,
    };
  const requested = withYearPlan(ctx.binding, ctx.year, ctx.requested);
  const years = grantYears(requested).includes(ctx.year)
    ? grantYears(requested)
    : [...grantYears(requested), ctx.year].sort();
  const amountsPerYear: Record<string, number> = {};
  for (const y of years) amountsPerYear[String(y)] = y === ctx.year ? amount : grantInYear(requested, y);
  const proposal: Proposal = {
    outcome: 'approved',
    amountsPerYear,
    balance: defaultBalance(ctx.rules.financingType),
    conditions: '',
    reasons: input.reasons.trim(),
  };
  const checked = proposalIssues(proposal, {
    stage: 'full',
    years,
    requested: requested as FinancingPlan,
    rules: ctx.rules,
    project: ctx.project,
  });
  const issues = checked.issues.map((i) => ({ ...i, field: i.field === 'reasons' ? 'reasons' : 'amount' }));
  if (issues.length || !checked.plan) return { issues, cut: false };
  return { issues: [], plan: yearPlan(checked.plan as StoredPlan, ctx.year), cut: checked.cut };
}

export { isYearDecided };
