// What must hold before an application can be submitted, pinned on the fields the carrier fixes,
// with the values the messages name kept as amounts, shares and dates for the view to format.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { berlinDateTime } from '../../../core/time/calendar';
import { issueText } from '../../../core/ui/components';
import type { ViewContext } from '../../../core/ui/context';
import type { ApplicationContent, Call, Programme } from '../types';
import {
  deadlineIssues,
  financingIssues,
  partnersIssues,
  planField,
  projectIssues,
  submissionIssues,
  uploadIssues,
} from './application-rules';

const call = (o: Partial<Call> = {}): Call =>
  ({
    id: 'c1',
    programmeId: 'p1',
    title: 'Aufruf',
    text: '',
    stages: 1,
    opensAt: berlinDateTime('2026-12-01', '00:00'),
    closesAt: berlinDateTime('2026-12-31', '23:59'),
    projectStartEarliest: '2027-01-01',
    projectEndLatest: '2028-12-31',
    eligibility: [],
    requiredDocuments: [{ id: 'd1', label: 'Satzung', types: ['pdf'], maxMegabytes: 1 }],
    rubric: [],
    blindReview: false,
    published: true,
    ...o,
  }) as Call;

const programme = (o: Partial<Programme> = {}): Programme =>
  ({
    id: 'p1',
    title: 'P',
    goals: '',
    financingType: 'deficit',
    maxShareBp: 9000,
    minOwnShareBp: 1000,
    maxGrantPerYearCents: 5_000_000,
    fixedAmountCents: null,
    maxDurationMonths: 24,
    scope: 'local',
    requiresMigrantOrganisation: true,
    cooperationForms: ['tandem'],
    budgetPerYear: {},
    ...o,
  }) as Programme;

const content = (o: Partial<ApplicationContent> = {}): ApplicationContent => ({
  title: 'Projekt',
  acronym: '',
  summary: 'S',
  goals: 'G',
  targetGroups: 'T',
  region: 'Trier',
  municipalityKey: '',
  startDate: '2027-01-01',
  endDate: '2028-12-31',
  cooperationForm: 'tandem',
  partners: [{ name: 'Verein', isMigrantOrganisation: true, role: '', tasks: '', budgetShareBp: 0 }],
  milestones: [{ title: 'Start', due: '2027-02-01' }],
  plan: {
    expenses: [
      { line: 'staff', year: 2027, amountCents: 1_000_000 },
      { line: 'staff', year: 2028, amountCents: 1_000_000 },
    ],
    ownFunds: [
      { year: 2027, amountCents: 100_000 },
      { year: 2028, amountCents: 100_000 },
    ],
    thirdPartyFunds: [],
    grant: [
      { year: 2027, amountCents: 900_000 },
      { year: 2028, amountCents: 900_000 },
    ],
  },
  declarations: { truthful: true, noDoubleFunding: true },
  ...o,
});

/** A view context whose translation shows the parameters as the view formatted them. */
const ctx = (lang: 'de' | 'en') =>
  ({ lang, t: (key: string, params?: object) => `${key} ${JSON.stringify(params ?? {})}` }) as unknown as ViewContext;

test('the call closing at 23:59 on New Year’s Eve in Berlin: 23:30 is in time, 00:30 is not, though UTC says 31 December', () => {
  const c = call();
  assert.deepEqual(deadlineIssues({ call: c, now: new Date('2026-12-31T22:30:00Z') }), []);
  assert.deepEqual(deadlineIssues({ call: c, now: new Date('2026-12-31T23:30:00Z') }), [
    { field: 'deadline', key: 'funding:check.deadlinePassed' },
  ]);
  // an invited full application has its own deadline, whatever the call's period says
  const dueAt = berlinDateTime('2027-01-15', '12:00');
  assert.deepEqual(deadlineIssues({ call: c, dueAt, now: new Date('2027-01-15T10:59:59Z') }), []);
  assert.equal(deadlineIssues({ call: c, dueAt, now: new Date('2027-01-15T11:00:00Z') }).length, 1);
});

test('the project window names its date as a date, and the view writes it in the reader’s language', () => {
  const [early] = projectIssues(content({ startDate: '2026-12-31' }), call());
  assert.deepEqual(early, {
    field: 'startDate',
    key: 'funding:check.startTooEarly',
    params: { date: { date: '2027-01-01' } },
  });
  assert.equal(issueText(ctx('de'), early!), 'funding:check.startTooEarly {"date":"1. Januar 2027"}');
  assert.equal(issueText(ctx('en'), early!), 'funding:check.startTooEarly {"date":"January 1, 2027"}');
});

test('partners: a migrant organisation when the programme asks for one, and shares up to 100 %', () => {
  assert.deepEqual(partnersIssues(content(), programme()), []);
  const none = content({
    partners: [{ ...content().partners[0]!, isMigrantOrganisation: false, budgetShareBp: 6000 }],
  });
  assert.deepEqual(
    partnersIssues(
      { ...none, partners: [...none.partners, { ...none.partners[0]!, budgetShareBp: 5000 }] },
      programme(),
    ),
    [
      { field: 'partners', key: 'funding:check.migrantOrganisationRequired' },
      { field: 'partners', key: 'funding:check.sharesAbove100' },
    ],
  );
  assert.deepEqual(partnersIssues(content({ cooperationForm: 'loose' }), programme()), [
    { field: 'cooperationForm', key: 'common:validation.choose' },
  ]);
});

test('a plan issue lands on the grid cell of its budget year', () => {
  const c = content({
    plan: { ...content().plan, thirdPartyFunds: [{ year: 2028, amountCents: 1, source: 'Stadt' }] },
  });
  assert.equal(planField('expenses.travel.2028', c), 'plan-1-travel');
  assert.equal(planField('ownFunds.2027', c), 'plan-0-own');
  assert.equal(planField('grant.2028', c), 'plan-1-grant');
  assert.equal(planField('thirdPartyFunds.0', c), 'plan-1-third');
  assert.equal(planField('grant.2031', c), 'plan', 'a year outside the project has no cell');
  assert.equal(planField('ownFunds', c), 'ownFunds');
});

test('financing: amounts as euros and shares as percent, formatted by the view', () => {
  const c = content({
    plan: {
      ...content().plan,
      ownFunds: [
        { year: 2027, amountCents: 50_000 },
        { year: 2028, amountCents: 100_000 },
      ],
    },
  });
  const issues = financingIssues(c, programme());
  const gap = issues.find((i) => i.key === 'funding:plan.coverMismatch');
  assert.deepEqual(gap, {
    field: 'plan-0-grant',
    key: 'funding:plan.coverMismatch',
    params: { year: 2027, difference: { euro: -50_000 } },
  });
  const own = issues.find((i) => i.key === 'funding:plan.ownShareTooLow');
  assert.deepEqual(own?.params, {
    required: { percent: 1000 },
    actual: { percent: 750 },
    minimumCents: { euro: 200_000 },
  });
  const nbsp = '\u00a0';
  assert.equal(
    issueText(ctx('de'), own!),
    `funding:plan.ownShareTooLow {"required":"10${nbsp}%","actual":"7,5${nbsp}%","minimumCents":"2.000,00${nbsp}€"}`,
  );
  assert.equal(
    issueText(ctx('en'), own!),
    'funding:plan.ownShareTooLow {"required":"10%","actual":"7.5%","minimumCents":"€2,000.00"}',
  );
  assert.deepEqual(financingIssues(content({ endDate: '' }), programme()), [
    { field: 'plan', key: 'funding:check.datesFirst' },
  ]);
});

test('submission: every section’s issues with their section; an outline needs no work plan or documents', () => {
  const facts = { call: call(), programme: programme(), documents: [] };
  const now = new Date('2026-12-15T12:00:00Z');
  const full = submissionIssues({ ...facts, content: content({ milestones: [] }), stage: 'full', now });
  assert.deepEqual(
    full.map((i) => `${i.section} ${i.field}`),
    ['workplan milestones', 'documents document-d1'],
  );
  assert.deepEqual(full[1]?.params, { label: 'Satzung' });
  assert.deepEqual(submissionIssues({ ...facts, content: content({ milestones: [] }), stage: 'outline', now }), []);
  const late = submissionIssues({ ...facts, content: content(), stage: 'outline', now: new Date('2027-01-01') });
  assert.deepEqual(
    late.map((i) => `${i.section} ${i.field}`),
    ['project deadline'],
  );
});

test('uploads: a type the call does not allow, a ".pdf" that is no PDF, a file read beyond its size', () => {
  const required = call().requiredDocuments;
  const file = (filename: string, content: string) => ({
    field: 'document-d1',
    filename,
    content: Buffer.from(content),
  });
  assert.deepEqual(uploadIssues(required, [file('satzung.pdf', '%PDF-1.4')]), []);
  assert.deepEqual(uploadIssues(required, [file('satzung.docx', 'PK')]), [
    { field: 'document-d1', key: 'funding:documents.wrongType' },
  ]);
  assert.deepEqual(uploadIssues(required, [file('satzung.PDF', 'hello')]), [
    { field: 'document-d1', key: 'funding:documents.notPdf' },
  ]);
  assert.deepEqual(
    uploadIssues(
      required,
      [file('other.pdf', 'x')].map((f) => ({ ...f, field: 'document-x' })),
    ),
    [],
  );
  assert.deepEqual(uploadIssues(required, [], 'document-d1'), [
    { field: 'document-d1', key: 'funding:documents.tooLarge' },
  ]);
});
