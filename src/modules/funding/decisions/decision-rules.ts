// What a decision must say, as pure rules over the read form (ADR 0010): an outline can only be
// rejected (or invited, which is its own form); an approval names an amount for each budget year of
// the project, none above what was requested for that year, and the plan it binds must balance under
// the programme's rules (maximum share, minimum own share, cap per year). A cut needs its reasons,
// as does a rejection. The store runs the same rules again inside its transaction (decisions.store).
// An invitation's deadline lies in the future, by the app's clock.
import { type FieldIssue, issue } from '../../../core/http/form';
import { mulDiv, parseEuro } from '../../../core/money/money';
import { berlinDateTime } from '../../../core/time/calendar';
import { projectYears, rulesOf } from '../applications/application-rules';
import {
  checkPlan,
  type ExpenseLine,
  expenseLines,
  type FinancingPlan,
  type FinancingType,
  type ProgrammeRules,
} from '../applications/financing-plan';
import type { ApplicationContent } from '../schema';
import type { Programme } from '../types';
import type { DecisionForm, InvitationForm } from './decision-forms';

/**
 * How a cut grant's plan is brought back into balance: the expenses fall by the cut (the project is
 * done smaller), the carrier's own funds rise by it, or the officer types the adjusted expenses and
 * own funds per year (`manual`). Third-party funds are commitments of others and stay as requested.
 */
export const balanceModes = ['expenses', 'own', 'manual'] as const;
export type BalanceMode = (typeof balanceModes)[number];

/**
 * The way the financing type suggests: a share or a fixed amount keeps the expenses and asks more of
 * the carrier's own funds (a smaller project would lower the grant again); a deficit or full financing
 * covers what is left, so a smaller grant means a smaller project.
 */
export function defaultBalance(type: FinancingType): BalanceMode {
  return type === 'share' || type === 'fixed' ? 'own' : 'expenses';
}

export interface DecisionContext {
  /** 'outline' (stage 1 of a two-stage call) or 'full' */
  stage: string;
  /** the budget years of the project, in order */
  years: readonly number[];
  /** the plan as submitted */
  requested: FinancingPlan;
  rules: ProgrammeRules;
  project: { start: string; end: string };
}

const cents = (typed: unknown): number | undefined => {
  const s = typeof typed === 'string' ? typed : '';
  return s.length > 40 ? undefined : parseEuro(s);
};

/** The amount typed for each year, in cents; undefined where it is no amount of euros (or blank). */
export function amountsOf(form: DecisionForm, years: readonly number[]): { year: number; cents: number | undefined }[] {
  return years.map((year) => ({ year, cents: cents(form[`amount-${year}`]) }));
}

/** The grant requested for each year of the plan, in cents. */
export function requestedPerYear(plan: FinancingPlan, year: number): number {
  return plan.grant.filter((g) => g.year === year).reduce((s, g) => s + g.amountCents, 0);
}

/** The expense lines the requested plan uses in any year: the rows of the decision's plan grid. */
export function planLines(plan: FinancingPlan): ExpenseLine[] {
  return expenseLines.filter((l) => plan.expenses.some((e) => e.line === l));
}

/** Field names of the decision form's plan grid. */
export const expenseField = (year: number, line: string) => `exp-${year}-${line}`;
export const ownField = (year: number) => `own-${year}`;

// Takes `amount` off the entries in proportion to their size; the cents rounding leaves go to the
// largest entries first, so the parts add up to exactly `amount`.
function reduceProportionally<E extends { amountCents: number }>(entries: E[], amount: number): E[] {
  const total = entries.reduce((s, e) => s + Math.max(0, e.amountCents), 0);
  if (amount <= 0 || total <= 0) return entries;
  const cut = Math.min(amount, total);
  const parts = entries.map((e) => mulDiv(cut, Math.max(0, e.amountCents), total, 'down'));
  let left = cut - parts.reduce((s, p) => s + p, 0);
  const order = entries.map((e, i) => ({ i, a: e.amountCents })).sort((x, y) => y.a - x.a || x.i - y.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (entries[i]!.amountCents - parts[i]! > 0) {
      parts[i]! += 1;
      left -= 1;
    }
  }
  return entries.map((e, i) => ({ ...e, amountCents: e.amountCents - parts[i]! }));
}

/**
 * The plan an approval binds: the approved grant per year, and expenses or own funds adjusted by the
 * chosen mode so that every year balances as the requested plan did. With `manual`, the typed grid
 * replaces the expenses (per line) and own funds of each year. Pure; the result is checked by
 * `checkPlan` against the programme's rules.
 */
export function bindingPlan(
  requested: FinancingPlan,
  approved: Record<string, number>,
  mode: BalanceMode,
  manual?: { expenses: FinancingPlan['expenses']; ownFunds: FinancingPlan['ownFunds'] },
): FinancingPlan {
  const years = [...new Set([...requested.grant.map((g) => g.year), ...Object.keys(approved).map(Number)])].sort();
  const grant = years
    .map((year) => ({ year, amountCents: approved[String(year)] ?? 0 }))
    .filter((g) => g.amountCents > 0);
  if (mode === 'manual' && manual) {
    return {
      expenses: manual.expenses.filter((e) => e.amountCents !== 0),
      ownFunds: manual.ownFunds.filter((o) => o.amountCents !== 0),
      thirdPartyFunds: requested.thirdPartyFunds,
      grant,
    };
  }
  let expenses = requested.expenses;
  let ownFunds = requested.ownFunds;
  for (const year of years) {
    const cut = requestedPerYear(requested, year) - (approved[String(year)] ?? 0);
    if (cut <= 0) continue;
    if (mode === 'expenses') {
      const inYear = expenses.filter((e) => e.year === year);
      const reduced = reduceProportionally(inYear, cut);
      expenses = [...expenses.filter((e) => e.year !== year), ...reduced];
    } else {
      const has = ownFunds.some((o) => o.year === year);
      ownFunds = has
        ? ownFunds.map((o) => (o.year === year ? { ...o, amountCents: o.amountCents + cut } : o))
        : [...ownFunds, { year, amountCents: cut }];
    }
  }
  const byYearAndLine = (a: { year: number; line: string }, b: { year: number; line: string }) =>
    a.year - b.year || expenseLines.indexOf(a.line as ExpenseLine) - expenseLines.indexOf(b.line as ExpenseLine);
  return {
    expenses: expenses.filter((e) => e.amountCents !== 0).sort(byYearAndLine),
    ownFunds: ownFunds.filter((o) => o.amountCents !== 0).sort((a, b) => a.year - b.year),
    thirdPartyFunds: requested.thirdPartyFunds,
    grant,
  };
}

/** The grid the officer typed (manual mode), in cents; issues for cells that are no amount. */
function manualGrid(
  form: DecisionForm,
  ctx: DecisionContext,
): { grid: { expenses: FinancingPlan['expenses']; ownFunds: FinancingPlan['ownFunds'] }; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const expenses: FinancingPlan['expenses'] = [];
  const ownFunds: FinancingPlan['ownFunds'] = [];
  for (const year of ctx.years) {
    for (const line of planLines(ctx.requested)) {
      const c = cents(form[expenseField(year, line)] ?? '0');
      if (c === undefined || c < 0) issues.push(issue(expenseField(year, line), 'funding:validation.money'));
      else expenses.push({ line, year, amountCents: c });
    }
    const own = cents(form[ownField(year)] ?? '0');
    if (own === undefined || own < 0) issues.push(issue(ownField(year), 'funding:validation.money'));
    else ownFunds.push({ year, amountCents: own });
  }
  return { grid: { expenses, ownFunds }, issues };
}

/** The balance mode chosen in the form, or the financing type's suggestion. */
export function balanceOf(form: DecisionForm, type: FinancingType): BalanceMode {
  const typed = form.balance;
  return (balanceModes as readonly string[]).includes(typed as string) ? (typed as BalanceMode) : defaultBalance(type);
}

/**
 * Where a finding about the binding plan shows on the decision form: a year's grant at its amount,
 * a cell of the grid at the cell when the officer typed the grid, anything else at the balance
 * choice (which is what decides expenses and own funds otherwise).
 */
function decisionField(planField: string, mode: BalanceMode, years: readonly number[]): string {
  const [section, a, b] = planField.split('.');
  if (section === 'grant' && a) return `amount-${a}`;
  if (section === 'grant') return years[0] !== undefined ? `amount-${years[0]}` : 'balance';
  if (mode === 'manual' && section === 'expenses' && a && b) return expenseField(Number(b), a);
  if (mode === 'manual' && section === 'ownFunds' && a) return ownField(Number(a));
  return 'balance';
}

/** What the officer proposes: read from the form, or given by the demo and tests. */
export interface Proposal {
  outcome: 'approved' | 'rejected' | 'waitlisted';
  /** the approved amount per year ("2027" → cents), years of 0 € left out */
  amountsPerYear: Record<string, number>;
  balance: BalanceMode;
  /** the typed expenses and own funds, for `manual` */
  grid?: { expenses: FinancingPlan['expenses']; ownFunds: FinancingPlan['ownFunds'] };
  conditions: string;
  reasons: string;
}

export interface CheckedProposal {
  issues: FieldIssue[];
  /** the plan an approval binds, when the approval is sound */
  plan?: FinancingPlan;
  /** true when any year gets less than requested */
  cut: boolean;
}

/**
 * The rules of a proposal, run on the form's reading and again by the store in its transaction:
 * per year no more than requested and no more than the cap; a plan that balances under the
 * programme's rules; reasons for a cut and for a rejection.
 */
export function proposalIssues(p: Proposal, ctx: DecisionContext): CheckedProposal {
  const none = { cut: false };
  if (ctx.stage === 'outline' && p.outcome !== 'rejected')
    return { issues: [issue('outcome', 'common:validation.choose')], ...none };
  if (p.outcome === 'rejected')
    return { issues: p.reasons ? [] : [issue('reasons', 'funding:decision.reasonsRequired')], ...none };
  if (p.outcome !== 'approved') return { issues: [], ...none };
  // an application without budget years (no project dates) has nothing to approve
  if (ctx.years.length === 0) return { issues: [issue('outcome', 'common:validation.choose')], ...none };

  const issues: FieldIssue[] = [];
  for (const year of Object.keys(p.amountsPerYear).map(Number))
    if (!ctx.years.includes(year))
      issues.push(issue(`amount-${ctx.years[0]}`, 'funding:decision.yearOutside', { year }));
  for (const year of ctx.years) {
    const approved = p.amountsPerYear[String(year)] ?? 0;
    const requested = requestedPerYear(ctx.requested, year);
    if (!Number.isSafeInteger(approved) || approved < 0)
      issues.push(issue(`amount-${year}`, 'funding:validation.money'));
    else if (approved > requested)
      issues.push(issue(`amount-${year}`, 'funding:decision.aboveRequested', { year, requested: { euro: requested } }));
    else if (approved > ctx.rules.maxGrantPerYearCents)
      issues.push(
        issue(`amount-${year}`, 'funding:decision.aboveCap', {
          year,
          maximum: { euro: ctx.rules.maxGrantPerYearCents },
        }),
      );
  }
  const first = ctx.years[0]!;
  if (issues.length === 0 && ctx.years.every((y) => (p.amountsPerYear[String(y)] ?? 0) === 0))
    issues.push(issue(`amount-${first}`, 'funding:decision.amountRequired'));
  if (issues.length > 0) return { issues, ...none };

  const cut = ctx.years.some((y) => (p.amountsPerYear[String(y)] ?? 0) < requestedPerYear(ctx.requested, y));
  const plan = bindingPlan(ctx.requested, p.amountsPerYear, p.balance, p.grid);
  // the project's dates are not the decision's to change; their findings belong to the application
  const planIssues = checkPlan(plan, ctx.rules, ctx.project).filter((i) => !['start', 'end'].includes(i.field));
  for (const i of planIssues) issues.push({ ...i, field: decisionField(i.field, p.balance, ctx.years) });
  if (cut && !p.reasons) issues.push(issue('reasons', 'funding:decision.cutReasonRequired'));
  return issues.length > 0 ? { issues, ...none } : { issues: [], plan, cut };
}

/** Reads the decision form into a proposal; the typing issues (no amount, bad cell) come first. */
export function proposalOf(form: DecisionForm, ctx: DecisionContext): { proposal: Proposal; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const amountsPerYear: Record<string, number> = {};
  // an outline has no amounts to read: proposalIssues refuses its approval
  const approving = form.outcome === 'approved' && ctx.stage !== 'outline';
  if (approving) {
    for (const { year, cents: c } of amountsOf(form, ctx.years)) {
      if (c === undefined || c < 0) issues.push(issue(`amount-${year}`, 'funding:validation.money'));
      else if (c > 0) amountsPerYear[String(year)] = c;
    }
  }
  const balance = balanceOf(form, ctx.rules.financingType);
  const manual = approving && balance === 'manual' ? manualGrid(form, ctx) : undefined;
  if (manual) issues.push(...manual.issues);
  const proposal: Proposal = {
    outcome: form.outcome,
    amountsPerYear,
    balance,
    ...(manual ? { grid: manual.grid } : {}),
    conditions: form.conditions,
    reasons: form.reasons,
  };
  return { proposal, issues };
}

/** Everything wrong with a decision form, typing first, then the rules of its proposal. */
export function checkDecision(form: DecisionForm, ctx: DecisionContext): CheckedProposal & { proposal: Proposal } {
  const { proposal, issues } = proposalOf(form, ctx);
  if (issues.length > 0) return { issues, cut: false, proposal };
  return { ...proposalIssues(proposal, ctx), proposal };
}

/** The issues of `checkDecision`, as readForm's `check` wants them. */
export const decisionIssues = (form: DecisionForm, ctx: DecisionContext): FieldIssue[] =>
  checkDecision(form, ctx).issues;

/** The deadline of an invitation: the Berlin wall-clock date and time typed. */
export const dueAtOf = (form: InvitationForm): Date => berlinDateTime(form.dueDate, form.dueTime);

export function invitationIssues(form: InvitationForm, ctx: { now: Date }): FieldIssue[] {
  return dueAtOf(form) <= ctx.now ? [issue('dueDate', 'funding:officer.dueInPast')] : [];
}

/** The context of a decision on an application: its stage, years and requested plan, the programme's rules. */
export function decisionContext(
  application: { stage: string; content: Pick<ApplicationContent, 'plan' | 'startDate' | 'endDate'> },
  programme: Programme,
): DecisionContext {
  const c = application.content;
  return {
    stage: application.stage,
    years: projectYears(c),
    requested: c.plan as FinancingPlan,
    rules: rulesOf(programme),
    project: { start: c.startDate, end: c.endDate },
  };
}

/** Who may co-sign a draft: another officer than the one who drafted it, once. */
export function cosignIssues(draft: { draftedBy: string | null; cosignedBy: string | null }, officerId: string | null) {
  if (draft.cosignedBy) return [issue('cosign', 'funding:decision.alreadyCosigned')];
  if (!officerId || draft.draftedBy === officerId) return [issue('cosign', 'funding:decision.cosignOther')];
  return [];
}

/** A draft is issued when its programme needs no co-signature or it has one. */
export function issueIssues(draft: { cosignedBy: string | null }, programme: { cosignRequired: boolean }) {
  return programme.cosignRequired && !draft.cosignedBy ? [issue('issue', 'funding:decision.cosignMissing')] : [];
}
