// Everything that must hold before an application can be submitted, as field-level issues grouped
// by the section where the carrier fixes them. Pure: the route gathers the data, this decides.

import { isCalendarDate } from '../../../core/time/calendar';
import { callIsOpen } from '../programmes/call-rules';
import type { ApplicationContent, Call, Programme } from '../types';
import { checkPlan, type FinancingPlan, type PlanIssue, type ProgrammeRules } from './financing-plan';

export const sections = ['project', 'partners', 'workplan', 'plan', 'documents', 'declarations'] as const;
export type Section = (typeof sections)[number];

export interface ApplicationIssue extends PlanIssue {
  section: Section;
}

export function rulesOf(p: Programme): ProgrammeRules {
  return {
    financingType: p.financingType as ProgrammeRules['financingType'],
    maxShareBp: p.maxShareBp,
    minOwnShareBp: p.minOwnShareBp,
    maxGrantPerYearCents: p.maxGrantPerYearCents,
    maxDurationMonths: p.maxDurationMonths,
    ...(p.fixedAmountCents !== null ? { fixedAmountCents: p.fixedAmountCents } : {}),
  };
}

const issue = (section: Section, field: string, code: string, params?: PlanIssue['params']): ApplicationIssue => ({
  section,
  field,
  code,
  ...(params ? { params } : {}),
});

export function checkProject(c: ApplicationContent, call: Call): ApplicationIssue[] {
  const out: ApplicationIssue[] = [];
  for (const f of ['title', 'summary', 'goals', 'targetGroups', 'region'] as const)
    if (!c[f].trim()) out.push(issue('project', f, 'common:validation.required'));
  if (c.municipalityKey && !/^\d{8}$/.test(c.municipalityKey))
    out.push(issue('project', 'municipalityKey', 'funding:check.municipalityKey'));
  if (!isCalendarDate(c.startDate)) out.push(issue('project', 'startDate', 'common:validation.date'));
  else if (call.projectStartEarliest && c.startDate < call.projectStartEarliest)
    out.push(issue('project', 'startDate', 'funding:check.startTooEarly', { date: call.projectStartEarliest }));
  if (!isCalendarDate(c.endDate)) out.push(issue('project', 'endDate', 'common:validation.date'));
  else if (call.projectEndLatest && c.endDate > call.projectEndLatest)
    out.push(issue('project', 'endDate', 'funding:check.endTooLate', { date: call.projectEndLatest }));
  return out;
}

export function checkPartners(c: ApplicationContent, programme: Programme): ApplicationIssue[] {
  const out: ApplicationIssue[] = [];
  if (programme.cooperationForms.length && !programme.cooperationForms.includes(c.cooperationForm))
    out.push(issue('partners', 'cooperationForm', 'common:validation.choose'));
  if (programme.requiresMigrantOrganisation && !c.partners.some((p) => p.isMigrantOrganisation))
    out.push(issue('partners', 'partners', 'funding:check.migrantOrganisationRequired'));
  const shares = c.partners.reduce((s, p) => s + p.budgetShareBp, 0);
  if (shares > 10000) out.push(issue('partners', 'partners', 'funding:check.sharesAbove100'));
  return out;
}

export function checkWorkplan(c: ApplicationContent): ApplicationIssue[] {
  if (c.milestones.length === 0) return [issue('workplan', 'milestones', 'funding:check.noMilestones')];
  return c.milestones.flatMap((m, i) =>
    isCalendarDate(c.startDate) && isCalendarDate(c.endDate) && (m.due < c.startDate || m.due > c.endDate)
      ? [issue('workplan', `milestone-${i}-due`, 'funding:check.milestoneOutside')]
      : [],
  );
}

export function checkFinancing(c: ApplicationContent, programme: Programme): ApplicationIssue[] {
  if (!isCalendarDate(c.startDate) || !isCalendarDate(c.endDate))
    return [issue('plan', 'plan', 'funding:check.datesFirst')];
  return checkPlan(c.plan as FinancingPlan, rulesOf(programme), { start: c.startDate, end: c.endDate }).map((i) => ({
    ...i,
    field: planField(i.field, c),
    section: 'plan' as const,
  }));
}

/** The plan grid's input name for a plan issue's field ("grant.2027" → "grant-2027"). */
function planField(field: string, c: ApplicationContent): string {
  const [part, a, b] = field.split('.');
  if (part === 'grant' && a) return `grant-${a}`;
  if (part === 'ownFunds' && a) return `own-${a}`;
  if (part === 'expenses' && a && b) return `exp-${a}-${b}`;
  if (part === 'thirdPartyFunds' && a) return `third-${c.plan.thirdPartyFunds[Number(a)]?.year ?? ''}`;
  return field;
}

export function checkDocuments(call: Call, uploaded: { requiredDocumentId: string }[]): ApplicationIssue[] {
  const have = new Set(uploaded.map((d) => d.requiredDocumentId));
  return call.requiredDocuments
    .filter((d) => !have.has(d.id))
    .map((d) => issue('documents', `document-${d.id}`, 'funding:check.documentMissing', { label: d.label }));
}

export function checkDeclarations(c: ApplicationContent): ApplicationIssue[] {
  return (['truthful', 'noDoubleFunding', 'privacy'] as const)
    .filter((k) => !c.declarations[k])
    .map((k) => issue('declarations', k, 'funding:check.declarationMissing'));
}

/** All issues that block submission. An outline (stage 1) needs no documents and no work plan. */
export function checkSubmission(input: {
  content: ApplicationContent;
  stage: string;
  /** an invited full application's own deadline */
  dueAt?: Date | null;
  call: Call;
  programme: Programme;
  documents: { requiredDocumentId: string }[];
  now: Date;
}): ApplicationIssue[] {
  const { content, call, programme } = input;
  const full = input.stage === 'full';
  return [
    ...((input.dueAt ? input.now < input.dueAt : callIsOpen(call, input.now))
      ? []
      : [issue('project', 'deadline', 'funding:check.deadlinePassed')]),
    ...checkProject(content, call),
    ...checkPartners(content, programme),
    ...(full ? checkWorkplan(content) : []),
    ...checkFinancing(content, programme),
    ...(full ? checkDocuments(call, input.documents) : []),
    ...checkDeclarations(content),
  ];
}
