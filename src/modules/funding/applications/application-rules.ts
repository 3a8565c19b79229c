// Everything that must hold before an application can be submitted, as keyed issues (ADR 0010) on
// the fields where the carrier fixes them, grouped by section. Pure: the route gathers the data
// (the call, the programme, the uploaded documents, the app's clock), these rules decide.
import { type FieldIssue, issue } from '../../../core/http/form';
import { berlinDate, isCalendarDate } from '../../../core/time/calendar';
import { callIsOpen } from '../programmes/call-rules';
import type { RequiredDocument } from '../schema';
import type { ApplicationContent, Call, Programme } from '../types';
import { type DocumentDates, documentValidityIssues } from './document-validity';
import { budgetYears, checkPlan, type FinancingPlan, type ProgrammeRules } from './financing-plan';

export const sections = ['project', 'partners', 'workplan', 'plan', 'documents', 'declarations'] as const;
export type Section = (typeof sections)[number];

/** An issue with the section whose page holds its field. */
export type SectionIssue = FieldIssue & { section: Section };

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

/** The budget years of the project, or none while its dates are not both valid. */
export function projectYears(c: Pick<ApplicationContent, 'startDate' | 'endDate'>): number[] {
  return isCalendarDate(c.startDate) && isCalendarDate(c.endDate) && c.startDate <= c.endDate
    ? budgetYears(c.startDate, c.endDate)
    : [];
}

/** Whether submissions are still taken: an invited full application has its own deadline, else the call's period. */
export function deadlineIssues(input: { call: Call; dueAt?: Date | null; now: Date }): FieldIssue[] {
  const open = input.dueAt ? input.now < input.dueAt : callIsOpen(input.call, input.now);
  return open ? [] : [issue('deadline', 'funding:check.deadlinePassed')];
}

export function projectIssues(c: ApplicationContent, call: Call): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const f of ['title', 'summary', 'goals', 'targetGroups', 'region'] as const)
    if (!c[f].trim()) out.push(issue(f, 'common:validation.required'));
  if (c.municipalityKey && !/^\d{8}$/.test(c.municipalityKey))
    out.push(issue('municipalityKey', 'funding:check.municipalityKey'));
  if (!isCalendarDate(c.startDate)) out.push(issue('startDate', 'common:validation.date'));
  else if (call.projectStartEarliest && c.startDate < call.projectStartEarliest)
    out.push(issue('startDate', 'funding:check.startTooEarly', { date: { date: call.projectStartEarliest } }));
  if (!isCalendarDate(c.endDate)) out.push(issue('endDate', 'common:validation.date'));
  else if (call.projectEndLatest && c.endDate > call.projectEndLatest)
    out.push(issue('endDate', 'funding:check.endTooLate', { date: { date: call.projectEndLatest } }));
  return out;
}

export function partnersIssues(c: ApplicationContent, programme: Programme): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (programme.cooperationForms.length && !programme.cooperationForms.includes(c.cooperationForm))
    out.push(issue('cooperationForm', 'common:validation.choose'));
  if (programme.requiresMigrantOrganisation && !c.partners.some((p) => p.isMigrantOrganisation))
    out.push(issue('partners', 'funding:check.migrantOrganisationRequired'));
  const shares = c.partners.reduce((s, p) => s + p.budgetShareBp, 0);
  if (shares > 10000) out.push(issue('partners', 'funding:check.sharesAbove100'));
  return out;
}

export function workplanIssues(c: ApplicationContent): FieldIssue[] {
  if (c.milestones.length === 0) return [issue('milestones', 'funding:check.noMilestones')];
  return c.milestones.flatMap((m, i) =>
    isCalendarDate(c.startDate) && isCalendarDate(c.endDate) && (m.due < c.startDate || m.due > c.endDate)
      ? [issue(`milestone-${i}-due`, 'funding:check.milestoneOutside')]
      : [],
  );
}

export function financingIssues(c: ApplicationContent, programme: Programme): FieldIssue[] {
  if (!isCalendarDate(c.startDate) || !isCalendarDate(c.endDate)) return [issue('plan', 'funding:check.datesFirst')];
  return checkPlan(c.plan as FinancingPlan, rulesOf(programme), { start: c.startDate, end: c.endDate }).map((i) => ({
    ...i,
    field: planField(i.field, c),
  }));
}

/**
 * The plan form's input for a part of the plan: the grid has one row per budget year
 * ("plan-<row>-<line>", "plan-<row>-own", "plan-<row>-third", "plan-<row>-grant"); a year outside
 * the project has no row, so its issue stands for the whole plan.
 */
export function planField(field: string, c: ApplicationContent): string {
  const years = projectYears(c);
  const row = (year: number | undefined) => (year === undefined ? -1 : years.indexOf(year));
  const cell = (year: number | undefined, name: string) => (row(year) < 0 ? 'plan' : `plan-${row(year)}-${name}`);
  const [part, a, b] = field.split('.');
  if (part === 'expenses' && a && b) return cell(Number(b), a);
  if (part === 'ownFunds' && a) return cell(Number(a), 'own');
  if (part === 'grant' && a) return cell(Number(a), 'grant');
  if (part === 'thirdPartyFunds' && a) return cell(c.plan.thirdPartyFunds[Number(a)]?.year, 'third');
  return field;
}

/** A required document missing, or one uploaded that no longer counts on `day` (document-validity.ts). */
export function documentsIssues(call: Call, uploaded: UploadedDocument[], day: string): FieldIssue[] {
  const have = new Set(uploaded.map((d) => d.requiredDocumentId));
  return [
    ...call.requiredDocuments
      .filter((d) => !d.optional && !have.has(d.id))
      .map((d) => issue(`document-${d.id}`, 'funding:check.documentMissing', { label: d.label })),
    ...documentValidityIssues(call.requiredDocuments, uploaded, day),
  ];
}

export function declarationsIssues(c: ApplicationContent): FieldIssue[] {
  return (['truthful', 'noDoubleFunding'] as const)
    .filter((k) => !c.declarations[k])
    .map((k) => issue(k, 'funding:check.declarationMissing'));
}

/** What the rules need to know about an application besides its content. */
export interface ApplicationFacts {
  call: Call;
  programme: Programme;
  documents: UploadedDocument[];
  /** the Berlin calendar day the documents must count on */
  today: string;
}

/** An uploaded document with the dates its validity needs. */
export type UploadedDocument = { requiredDocumentId: string } & DocumentDates;

/** The issues of one section, shown while it is being filled in. */
export function issuesOfSection(section: Section, content: ApplicationContent, facts: ApplicationFacts): FieldIssue[] {
  switch (section) {
    case 'project':
      return projectIssues(content, facts.call);
    case 'partners':
      return partnersIssues(content, facts.programme);
    case 'workplan':
      return workplanIssues(content);
    case 'plan':
      return financingIssues(content, facts.programme);
    case 'documents':
      return documentsIssues(facts.call, facts.documents, facts.today);
    case 'declarations':
      return declarationsIssues(content);
  }
}

/** All issues that block submission. An outline (stage 1) needs no documents and no work plan. */
export function submissionIssues(
  input: Omit<ApplicationFacts, 'today'> & {
    content: ApplicationContent;
    stage: string;
    /** an invited full application's own deadline */
    dueAt?: Date | null;
    now: Date;
  },
): SectionIssue[] {
  const full = input.stage === 'full';
  const of = (section: Section, issues: FieldIssue[]) => issues.map((i) => ({ ...i, section }));
  const facts = { ...input, today: berlinDate(input.now) };
  return [
    ...of('project', deadlineIssues(input)),
    ...sections
      .filter((s) => full || (s !== 'workplan' && s !== 'documents'))
      .flatMap((s) => of(s, issuesOfSection(s, input.content, facts))),
  ];
}

/** An uploaded file: the form field it came in (`document-<id>`), its name and bytes. */
export interface DocumentUpload {
  field: string;
  filename: string;
  content: Buffer;
}

/**
 * What is wrong with uploaded files for the call's required documents: a type the call does not
 * allow, or a ".pdf" that is no PDF; `tooLarge` names the field whose file went beyond its
 * document's size while it was read (the reader stops there).
 */
export function uploadIssues(required: RequiredDocument[], files: DocumentUpload[], tooLarge?: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (tooLarge) out.push(issue(tooLarge, 'funding:documents.tooLarge'));
  for (const d of required) {
    const field = `document-${d.id}`;
    const file = files.find((f) => f.field === field);
    if (!file) continue;
    const ext = file.filename.split('.').pop()?.toLowerCase() ?? '';
    if (!d.types.includes(ext)) out.push(issue(field, 'funding:documents.wrongType'));
    else if (ext === 'pdf' && file.content.subarray(0, 5).toString('latin1') !== '%PDF-')
      out.push(issue(field, 'funding:documents.notPdf'));
  }
  return out;
}

// ---- withdrawing an application ----

/** A draft, or one withdrawn before it was ever submitted: the carrier's own work, unseen by the funder. */
export const neverSubmitted = (a: { status: string; version: number }) => a.status === 'draft' || a.version === 0;

/** What a carrier may still withdraw: anything no notice has been issued on. */
export const withdrawableStatuses = ['draft', 'submitted', 'returned', 'invited', 'waitlisted'] as const;

export const mayWithdraw = (a: { status: string }) => (withdrawableStatuses as readonly string[]).includes(a.status);

/**
 * A withdrawal is final: the carrier confirms it, and it is refused once the application is decided
 * (then the grant or the rejection notice stands, and a grant is given back by the officer's Widerruf).
 */
export function withdrawIssues(input: { confirmed: boolean }, a: { status: string }): FieldIssue[] {
  if (!mayWithdraw(a))
    return [issue('confirmed', 'funding:withdraw.decided', { status: { key: `funding:status.${a.status}` } })];
  return input.confirmed ? [] : [issue('confirmed', 'funding:withdraw.confirmRequired')];
}

/** The carrier's other applications to the same call that still count (not withdrawn, not rejected). */
export function earlierApplicationsToCall<T extends { callId: string; status: string }>(
  callId: string,
  mine: readonly T[],
): T[] {
  return mine.filter((a) => a.callId === callId && a.status !== 'withdrawn' && a.status !== 'rejected');
}
