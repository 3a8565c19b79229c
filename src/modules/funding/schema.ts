// Funding's tables: programmes (funding lines with their rules) and calls under them.
// Money is integer cents in bigint columns; shares are basis points (10000 = 100 %).

import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { files } from '../../core/files/schema';

export interface EligibilityQuestion {
  id: string;
  question: string;
  /** shown when the applicant answers "no": why they cannot apply */
  stopText: string;
}

export interface RequiredDocument {
  id: string;
  label: string;
  /** file extensions without dot, e.g. ["pdf", "docx"] */
  types: string[];
  maxMegabytes: number;
  /** the carrier may leave it out; without the key a document is required */
  optional?: boolean;
  /**
   * How long the document counts, checked at submission against the Berlin calendar day:
   * `validUntil` until a date stated on it (Bescheinigung in Steuersachen), `issuedWithin` for
   * `maxAgeMonths` after the day it was issued (Registerauszug not older than 3 months). None: always.
   */
  validity?: DocumentValidity;
  maxAgeMonths?: number;
  /** a short hint for the carrier (where to get it, what it must show) */
  hint?: string;
}

export const documentValidities = ['validUntil', 'issuedWithin'] as const;
export type DocumentValidity = (typeof documentValidities)[number];

export interface RubricCriterion {
  id: string;
  title: string;
  weight: number;
  /** descriptions of the scores 1 to 5 */
  anchors: [string, string, string, string, string];
}

export const programmes = pgTable('funding_programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  goals: text('goals').notNull().default(''),
  financingType: text('financing_type').notNull(), // share | deficit | fixed | full
  maxShareBp: integer('max_share_bp').notNull(),
  minOwnShareBp: integer('min_own_share_bp').notNull(),
  maxGrantPerYearCents: bigint('max_grant_per_year_cents', { mode: 'number' }).notNull(),
  fixedAmountCents: bigint('fixed_amount_cents', { mode: 'number' }),
  maxDurationMonths: integer('max_duration_months').notNull(),
  scope: text('scope').notNull(), // local | regional | overregional
  requiresMigrantOrganisation: boolean('requires_migrant_organisation').notNull().default(false),
  cooperationForms: jsonb('cooperation_forms').$type<string[]>().notNull().default([]),
  /** total budget per budget year: { "2026": 150000000 } */
  budgetPerYear: jsonb('budget_per_year').$type<Record<string, number>>().notNull().default({}),
  /** a second officer co-signs a decision before it is issued (Mitzeichnung) */
  cosignRequired: boolean('cosign_required').notNull().default(false),
  /** the programme's short code in case numbers ({programme} in the pattern), e.g. "MIP" */
  caseCode: text('case_code').notNull().default(''),
  /** how case numbers (Aktenzeichen) are built: {programme}, {year}, {number:N} (case-number.ts) */
  caseNumberPattern: text('case_number_pattern').notNull().default('{programme}-{year}-{number:4}'),
  /** the funding guideline (Förderrichtlinie) the notices name as their basis */
  guideline: text('guideline').notNull().default(''),
  /** the budget law the notices rest on: the BHO, or a state's LHO */
  budgetLaw: text('budget_law').notNull().default('§§ 23, 44 Bundeshaushaltsordnung (BHO)'),
  /** the notices' legal remedy (Rechtsbehelfsbelehrung); empty: the default (notice-texts.ts) */
  legalRemedy: text('legal_remedy').notNull().default(''),
  /**
   * whole: one grant decision for the whole project period | yearly: the first decision grants the
   * first budget year and states the later ones as intended; each later year is decided on a
   * continuation application (Fortsetzungsantrag, continuations/)
   */
  decisionPeriod: text('decision_period').notNull().default('whole'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const calls = pgTable(
  'funding_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    title: text('title').notNull(),
    text: text('body').notNull().default(''),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    stages: integer('stages').notNull().default(1),
    projectStartEarliest: date('project_start_earliest', { mode: 'string' }),
    projectEndLatest: date('project_end_latest', { mode: 'string' }),
    eligibility: jsonb('eligibility').$type<EligibilityQuestion[]>().notNull().default([]),
    requiredDocuments: jsonb('required_documents').$type<RequiredDocument[]>().notNull().default([]),
    rubric: jsonb('rubric').$type<RubricCriterion[]>().notNull().default([]),
    blindReview: boolean('blind_review').notNull().default(false),
    published: boolean('published').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('funding_calls_programme_idx').on(t.programmeId),
    index('funding_calls_open_idx').on(t.published, t.closesAt),
  ],
);

/** One translated text of a call, with the hash of the German it was translated from. */
export interface TranslatedField {
  text: string;
  /** sha-256 (hex) of the German source when the translation was saved: differs once the German changed */
  source: string;
}

/**
 * An officer's translation of a call's texts into one of the carriers' languages. `fields` is keyed
 * like the translation form: "title", "text", "question-<id>", "stopText-<id>", "document-<id>"
 * (the ids of the call's eligibility questions and required documents). A field left empty is not
 * stored: the reader sees the German there (call-translation-rules.ts).
 */
export const callTranslations = pgTable(
  'funding_call_translations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    /** en | tr | ar | uk | ru */
    locale: text('locale').notNull(),
    fields: jsonb('fields').$type<Record<string, TranslatedField>>().notNull().default({}),
    updatedBy: uuid('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('funding_call_translations_unique').on(t.callId, t.locale)],
);

export interface Partner {
  name: string;
  isMigrantOrganisation: boolean;
  role: string;
  tasks: string;
  /** share of the budget this partner spends, basis points */
  budgetShareBp: number;
  /** the partner's contact person, who confirms its part (partner-confirmations/); absent in older content */
  contactName?: string;
  contactEmail?: string;
}

export interface Milestone {
  title: string;
  due: string;
}

export interface StoredPlan {
  expenses: { line: string; year: number; amountCents: number }[];
  ownFunds: { year: number; amountCents: number }[];
  thirdPartyFunds: { year: number; amountCents: number; source: string }[];
  grant: { year: number; amountCents: number }[];
}

export const emptyPlan: StoredPlan = { expenses: [], ownFunds: [], thirdPartyFunds: [], grant: [] };

/** The parts of an application a carrier fills in; frozen as a snapshot on submission. */
export interface ApplicationContent {
  title: string;
  acronym: string;
  summary: string;
  goals: string;
  targetGroups: string;
  region: string;
  municipalityKey: string;
  startDate: string;
  endDate: string;
  cooperationForm: string;
  partners: Partner[];
  milestones: Milestone[];
  plan: StoredPlan;
  /** fields of action (keys of fieldsOfAction); absent in applications saved before they existed */
  fieldsOfAction?: string[];
  /**
   * The carrier's declarations. `privacy` ("the partners agree that their details are processed") was
   * asked until each partner confirmed its own part (partner-confirmations/); older content keeps it.
   */
  declarations: { truthful: boolean; noDoubleFunding: boolean; privacy?: boolean };
}

export const applications = pgTable(
  'funding_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    organisationId: uuid('organisation_id').notNull(),
    // outline (stage 1 of a two-stage call) | full
    stage: text('stage').notNull(),
    // draft | submitted | returned | invited | approved | rejected | waitlisted
    status: text('status').notNull().default('draft'),
    content: jsonb('content').$type<ApplicationContent>().notNull(),
    eligibilityAnswers: jsonb('eligibility_answers').$type<Record<string, 'yes' | 'no'>>().notNull().default({}),
    /** requested grant over all years, kept for sorting and budget sums */
    grantTotalCents: bigint('grant_total_cents', { mode: 'number' }).notNull().default(0),
    version: integer('version').notNull().default(0),
    /** for a full application: the outline (stage 1) it was invited from */
    outlineId: uuid('outline_id'),
    /** a deadline of this application's own, set when an outline's carrier is invited to apply */
    dueAt: timestamp('due_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** the case number (Aktenzeichen), assigned once at the first submission and never changed */
    caseNumber: text('case_number'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('funding_applications_call_idx').on(t.callId, t.status),
    index('funding_applications_org_idx').on(t.organisationId),
    uniqueIndex('funding_applications_case_number_unique').on(t.caseNumber),
  ],
);

/** The last case number counted per programme and year (case-number.ts). */
export const caseCounters = pgTable(
  'funding_case_counters',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('funding_case_counters_unique').on(t.programmeId, t.year)],
);

/** What exactly was submitted, each time: the PDF and reviews refer to a version. */
/** A document as it was submitted; versions frozen before the validity dates lack the optional keys. */
export interface FrozenDocument {
  id: string;
  filename: string;
  size: number;
  sha256: string;
  requiredDocumentId?: string;
  validUntil?: string | null;
  issuedOn?: string | null;
}

export const applicationVersions = pgTable(
  'funding_application_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<ApplicationContent>().notNull(),
    documents: jsonb('documents').$type<FrozenDocument[]>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by'),
  },
  (t) => [index('funding_application_versions_app_idx').on(t.applicationId, t.version)],
);

export const applicationDocuments = pgTable(
  'funding_application_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    requiredDocumentId: text('required_document_id').notNull(),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** the bytes live in the core files table */
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    /** the date the document states it is valid until (validity `validUntil`) */
    validUntil: date('valid_until', { mode: 'string' }),
    /** the date the document was issued (validity `issuedWithin`) */
    issuedOn: date('issued_on', { mode: 'string' }),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_application_documents_app_idx').on(t.applicationId)],
);

export const reviewAssignments = pgTable(
  'funding_review_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    reviewerId: uuid('reviewer_id').notNull(),
    assignedBy: uuid('assigned_by'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    // pending → none (may review) | conflict (recused, cannot see the application)
    declaration: text('declaration').notNull().default('pending'),
    conflictReason: text('conflict_reason').notNull().default(''),
    declaredAt: timestamp('declared_at', { withTimezone: true }),
    scores: jsonb('scores').$type<Record<string, { score: number; comment: string }>>().notNull().default({}),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('funding_review_assignments_unique').on(t.applicationId, t.reviewerId),
    index('funding_review_assignments_reviewer_idx').on(t.reviewerId),
  ],
);

export const decisions = pgTable(
  'funding_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    // approved | rejected | waitlisted
    outcome: text('outcome').notNull(),
    amountsPerYear: jsonb('amounts_per_year').$type<Record<string, number>>().notNull().default({}),
    conditions: text('conditions').notNull().default(''),
    reasons: text('reasons').notNull().default(''),
    /**
     * draft | issued. A draft is the officer's proposal with a preview of its notice; nothing of it
     * reaches the carrier or the application until it is issued, and an issued decision never
     * changes again (an amended decision or a withdrawal follows it instead).
     */
    status: text('status').notNull().default('issued'),
    /** the plan an approval binds, balanced after a cut (decision-rules.ts bindingPlan) */
    plan: jsonb('plan').$type<StoredPlan>(),
    /** how a cut was balanced: expenses | own | manual */
    balance: text('balance'),
    draftedBy: uuid('drafted_by'),
    cosignedBy: uuid('cosigned_by'),
    cosignedAt: timestamp('cosigned_at', { withTimezone: true }),
    /** who issued it, and when (for a draft: when it was last saved) */
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    /** the notice as issued: rendered once at the decision, stored with its sha-256, served as stored */
    documentFileId: uuid('document_file_id').references(() => files.id),
  },
  (t) => [
    index('funding_decisions_application_idx').on(t.applicationId),
    // one draft per application at a time
    uniqueIndex('funding_decisions_one_draft').on(t.applicationId).where(sql`${t.status} = 'draft'`),
  ],
);

/** An approved project: the binding plan by line and year, in versions as it is amended. */
export const grants = pgTable(
  'funding_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    organisationId: uuid('organisation_id').notNull(),
    programmeId: uuid('programme_id').notNull(),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    plan: jsonb('plan').$type<StoredPlan>().notNull(),
    planVersion: integer('plan_version').notNull().default(1),
    /** the partners after an approved change; null while they are those of the application */
    partners: jsonb('partners').$type<Partner[]>(),
    approvedTotalCents: bigint('approved_total_cents', { mode: 'number' }).notNull(),
    /**
     * The earliest due date of the grant's open reports (open or sent back for corrections), null
     * when none is open. Kept by a trigger on funding_reports in the transaction that changes a
     * report (migration 0012), so the officer's dashboard reads one page of grants in deadline
     * order from an index instead of aggregating every report of the programme on each request.
     */
    nextReportDue: date('next_report_due', { mode: 'string' }),
    /**
     * Set when the grant decision was withdrawn in full (withdrawals/): from then on the grant takes
     * no payment request, change or extension.
     */
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    /**
     * The budget years decided so far, under a programme deciding one year at a time: the first
     * year at the grant decision, each later one by an approved continuation (continuations/).
     * Null: the whole period was decided at once.
     */
    decidedYears: jsonb('decided_years').$type<number[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('funding_grants_application_unique').on(t.applicationId),
    index('funding_grants_org_idx').on(t.organisationId),
    index('funding_grants_programme_idx').on(t.programmeId),
    // the dashboard's order: next deadline (none last), title, id
    index('funding_grants_programme_due_idx').on(t.programmeId, t.nextReportDue, t.title, t.id),
  ],
);

/** Drawing granted money (expense basis): for expenses due within the next six weeks. */
export const paymentRequests = pgTable(
  'funding_payment_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    year: integer('year').notNull(),
    line: text('line').notNull(),
    requestedCents: bigint('requested_cents', { mode: 'number' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    purpose: text('purpose').notNull(),
    // requested | approved | reduced | rejected
    status: text('status').notNull().default('requested'),
    approvedCents: bigint('approved_cents', { mode: 'number' }).notNull().default(0),
    paidOn: date('paid_on', { mode: 'string' }),
    spentCents: bigint('spent_cents', { mode: 'number' }).notNull().default(0),
    spentOn: date('spent_on', { mode: 'string' }),
    /** the day carrier and officer were mailed that money from this payment is still unspent */
    unspentNotifiedOn: date('unspent_notified_on', { mode: 'string' }),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('funding_payment_requests_grant_idx').on(t.grantId),
    // requests waiting for the officer, counted on the dashboard
    index('funding_payment_requests_open_idx').on(t.grantId).where(sql`${t.status} = 'requested'`),
  ],
);

/** One line and year of a report's figures: the plan against the actual (actuals.ts says where it comes from). */
export interface ReportFigureLine {
  line: string;
  year: number;
  plannedCents: number;
  actualCents: number;
  receiptsCents: number;
  /** spending the carrier reported on money paid out */
  reportedCents: number;
  basis: 'receipts' | 'reported' | 'none';
}

/** A report's figures as they stood when it was submitted: what the report shows from then on. */
export interface ReportFigures {
  /** when the snapshot was taken (ISO instant): the submission, or for reports submitted before snapshots existed, the first time it was shown */
  takenAt: string;
  lines: ReportFigureLine[];
  totals: {
    plannedCents: number;
    actualCents: number;
    receiptsCents: number;
    reportedCents: number;
    /** money paid out for the report's period */
    paidOutCents: number;
  };
  receiptCount: number;
  narrative: string[];
}

/** Interim reports (per budget year but the last) and the final report (Verwendungsnachweis). */
export const reports = pgTable(
  'funding_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    kind: text('kind').notNull(), // interim | final
    budgetYear: integer('budget_year'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    // open | submitted | correctionsRequested | accepted
    status: text('status').notNull().default('open'),
    /** the narrative report, one text per project goal */
    narrative: jsonb('narrative').$type<string[]>().notNull().default([]),
    officerNote: text('officer_note').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** the figures frozen at submission; null while the report is open or sent back for corrections */
    figures: jsonb('figures').$type<ReportFigures>(),
    /** the snapshots of earlier submissions that were sent back for corrections, oldest first */
    earlierFigures: jsonb('earlier_figures').$type<ReportFigures[]>().notNull().default([]),
    /** when the carrier was reminded that the report is overdue (once per report; null: not yet) */
    overdueRemindedAt: timestamp('overdue_reminded_at', { withTimezone: true }),
  },
  (t) => [index('funding_reports_grant_idx').on(t.grantId), index('funding_reports_due_idx').on(t.status, t.dueOn)],
);

export const receipts = pgTable(
  'funding_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    date: date('date', { mode: 'string' }).notNull(),
    payee: text('payee').notNull(),
    reason: text('reason').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    line: text('line').notNull(),
  },
  (t) => [index('funding_receipts_report_idx').on(t.reportId, t.date)],
);

/** Every binding state of a grant's plan: version 1 from the decision, later ones from changes. */
export const planVersions = pgTable(
  'funding_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    version: integer('version').notNull(),
    plan: jsonb('plan').$type<StoredPlan>().notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    partners: jsonb('partners').$type<Partner[]>(),
    /**
     * decision: set by the funder (grant decision or approved change); notice: a shift within the 20 %
     * rule; withdrawal: the grant lowered by a withdrawal of the decision (withdrawals/)
     */
    basis: text('basis').notNull().default('decision'),
    changeRequestId: uuid('change_request_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('funding_plan_versions_unique').on(t.grantId, t.version)],
);

export type ChangePayload =
  | { kind: 'shift'; year: number; fromLine: string; toLine: string; amountCents: number }
  | { kind: 'extension'; endDate: string }
  | { kind: 'partners'; partners: Partner[] };

/** Änderungsanträge: shifts beyond the 20 % rule, a longer duration, other partners. */
export const changeRequests = pgTable(
  'funding_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    kind: text('kind').notNull(), // shift | extension | partners
    payload: jsonb('payload').$type<ChangePayload>().notNull(),
    reason: text('reason').notNull(),
    // requested → approved | rejected; applied: a shift within the 20 % rule, recorded without approval
    status: text('status').notNull().default('requested'),
    decisionNote: text('decision_note').notNull().default(''),
    /** the plan version the approval produced */
    planVersion: integer('plan_version'),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** the amended decision as issued (approved changes), stored once like the grant decision */
    documentFileId: uuid('document_file_id').references(() => files.id),
  },
  (t) => [
    index('funding_change_requests_grant_idx').on(t.grantId),
    index('funding_change_requests_open_idx').on(t.status),
  ],
);

/** Mitteilungspflichten: events a carrier must report while the project runs. */
export const notifications = pgTable(
  'funding_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    // otherFunding | purposeChange | purposeUnachievable | unspentMoney | insolvency | other
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    reportedBy: uuid('reported_by'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    officerNote: text('officer_note').notNull().default(''),
  },
  (t) => [
    index('funding_notifications_grant_idx').on(t.grantId, t.reportedAt),
    // the officer's inbox: notifications nobody has acknowledged yet
    index('funding_notifications_unread_idx').on(t.reportedAt).where(sql`${t.acknowledgedAt} is null`),
  ],
);

/** The fields a reviewer knows well (keys of fieldsOfAction), used to suggest assignments. */
export const reviewerProfiles = pgTable('funding_reviewer_profiles', {
  userId: uuid('user_id').primaryKey(),
  topics: jsonb('topics').$type<string[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The base rate of § 247 BGB, one row per half year (valid from 1 January or 1 July), in basis
 * points. Seeded with the published rates since 2002 (migration 0017); later half years are added
 * by an officer or administrator. Interest is refused for days after the last half year known.
 */
export const baseRates = pgTable('funding_base_rates', {
  validFrom: date('valid_from', { mode: 'string' }).primaryKey(),
  rateBp: integer('rate_bp').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A reclaim (Rückforderung) on a grant: money the carrier must pay back, bearing interest at five
 * points above the base rate from the day it takes effect (§ 49a VwVfG). `reference` is what the
 * carrier writes on the transfer.
 */
export const reclaims = pgTable(
  'funding_reclaims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /** the first day of interest: the day the reclaim takes effect */
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    reference: text('reference').notNull(),
    /** set when the reclaim was recorded with the acceptance of a final report */
    reportId: uuid('report_id').references(() => reports.id),
    /** set when the reclaim was recorded with the withdrawal of the grant decision */
    withdrawalId: uuid('withdrawal_id').references((): AnyPgColumn => withdrawals.id),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_reclaims_grant_idx').on(t.grantId), uniqueIndex('funding_reclaims_reference').on(t.reference)],
);

/** Money received on a reclaim, on the day it arrived. */
export const repayments = pgTable(
  'funding_repayments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reclaimId: uuid('reclaim_id')
      .notNull()
      .references(() => reclaims.id),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_repayments_reclaim_idx').on(t.reclaimId, t.paidOn)],
);

/**
 * An interest notice (Zinsbescheid) as issued: the interest up to its day, rendered once and kept
 * in `files` with its sha-256.
 */
export const interestNotices = pgTable(
  'funding_interest_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reclaimId: uuid('reclaim_id')
      .notNull()
      .references(() => reclaims.id),
    /** the day the notice speaks of: interest up to (not including) this day */
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    interestCents: bigint('interest_cents', { mode: 'number' }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    issuedBy: uuid('issued_by'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_interest_notices_reclaim_idx').on(t.reclaimId)],
);

/**
 * The withdrawal (Widerruf, § 49 VwVfG) or retraction (Rücknahme, § 48 VwVfG) of an issued grant
 * decision, in whole or in part, with effect from a day. What remains granted per budget year is
 * kept as it was decided; the money paid beyond it is reclaimed (funding_reclaims.withdrawal_id).
 * The notice is rendered once when issued and kept in `files` with its sha-256.
 */
export const withdrawals = pgTable(
  'funding_withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    /** the decision withdrawn */
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    /** revocation (Widerruf, § 49) | retraction (Rücknahme, § 48) */
    basis: text('basis').notNull(),
    /** full | partial */
    extent: text('extent').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    /** notUsedForPurpose | notUsedInTime | conditionsNotMet | other */
    reason: text('reason').notNull(),
    reasonText: text('reason_text').notNull(),
    /** the grant per budget year before and after */
    grantBefore: jsonb('grant_before').$type<{ year: number; amountCents: number }[]>().notNull(),
    grantAfter: jsonb('grant_after').$type<{ year: number; amountCents: number }[]>().notNull(),
    /** the money reclaimed per budget year and in all */
    reclaimPerYear: jsonb('reclaim_per_year').$type<{ year: number; amountCents: number }[]>().notNull(),
    reclaimCents: bigint('reclaim_cents', { mode: 'number' }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    issuedBy: uuid('issued_by'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_withdrawals_grant_idx').on(t.grantId)],
);
/** Internal notes of the officers about an application or a grant; carriers never see them. */
export const caseNotes = pgTable(
  'funding_case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** application | grant */
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    text: text('text').notNull(),
    /** the officer who wrote it; the name is read from users when shown, so the note keeps no name */
    authorId: uuid('author_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('funding_case_notes_subject_idx').on(t.subjectKind, t.subjectId, t.createdAt)],
);

/** The secret of an officer's calendar feed, stored as its sha-256; renewing it replaces the row. */
export const calendarFeeds = pgTable('funding_calendar_feeds', {
  userId: uuid('user_id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
// ---- messages between carrier and officer, one thread per application and one per grant ----

/** What a thread is about: an application (from its first submission) or a grant. */
export type ThreadKind = 'application' | 'grant';

export const messages = pgTable(
  'funding_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** a growing number: "read up to" is kept as the last one a person saw, whatever the clock says */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    threadKind: text('thread_kind').$type<ThreadKind>().notNull(),
    threadId: uuid('thread_id').notNull(),
    /** null once the author's account is erased: the message stays in the case file, its author does not */
    authorId: uuid('author_id'),
    /** which side wrote it, kept after erasure so the thread still reads as a conversation */
    side: text('side').$type<'carrier' | 'funder'>().notNull(),
    body: text('body').notNull(),
    /** the language of the page it was written on: how the text is marked for screen readers */
    language: text('language').notNull().default('de'),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('funding_messages_thread_idx').on(t.threadKind, t.threadId, t.seq)],
);

export const messageAttachments = pgTable(
  'funding_message_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** the bytes live in the core files table */
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [index('funding_message_attachments_message_idx').on(t.messageId)],
);

/** How far each person has read each thread: messages after `seq` by others are new to them. */
export const messageReads = pgTable(
  'funding_message_reads',
  {
    threadKind: text('thread_kind').$type<ThreadKind>().notNull(),
    threadId: uuid('thread_id').notNull(),
    userId: uuid('user_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('funding_message_reads_unique').on(t.threadKind, t.threadId, t.userId)],
);

// ---- partner confirmations: each partner confirms its part of an application by a mailed link ----

/** What a partner was shown and confirmed or declined: its part of the application, as shown. */
export interface ConfirmedPart {
  carrier: string;
  title: string;
  startDate: string;
  endDate: string;
  name: string;
  isMigrantOrganisation: boolean;
  role: string;
  tasks: string;
  budgetShareBp: number;
  /** the share of the plan's total expenses, in cents */
  amountCents: number;
}

export const partnerConfirmations = pgTable(
  'funding_partner_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** the partner's row in content.partners when it was asked */
    partnerIndex: integer('partner_index').notNull(),
    partnerName: text('partner_name').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    /** the sha-256 of the mailed token; null until the mail is written (partner-confirmation-mails.ts) */
    tokenHash: text('token_hash').unique(),
    language: text('language').notNull(),
    /** null once the requester's account is erased */
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** pending | confirmed | declined | superseded (a newer request for the same partner) */
    status: text('status').$type<'pending' | 'confirmed' | 'declined' | 'superseded'>().notNull().default('pending'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** the name the confirming person gave */
    decidedByName: text('decided_by_name'),
    remark: text('remark'),
    part: jsonb('part').$type<ConfirmedPart>(),
    partSha256: text('part_sha256'),
  },
  (t) => [index('funding_partner_confirmations_application_idx').on(t.applicationId, t.partnerIndex)],
);

// ---- continuation applications (Fortsetzungsanträge): one budget year at a time ----

/** What the carrier files for the next budget year: the year's plan and the progress so far. */
export interface ContinuationContent {
  /** the year's expenses by line, own and third-party funds and the grant asked for that year */
  plan: StoredPlan;
  /** how the project stands in the current year */
  progress: string;
  /** titles of the application's milestones reached so far */
  milestonesReached: string[];
  /** changes the carrier wishes for the year (none: empty) */
  changesWished: string;
  /** spending so far from the ledger (frozen at submission): paid out and reported spent, cents */
  spending?: { paidOutCents: number; spentCents: number };
}

export const continuations = pgTable(
  'funding_continuations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    budgetYear: integer('budget_year').notNull(),
    // draft | submitted | approved | rejected
    status: text('status').notNull().default('draft'),
    content: jsonb('content').$type<ContinuationContent>().notNull(),
    /** the content as submitted; never changed after */
    submitted: jsonb('submitted').$type<ContinuationContent>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    /** the grant decided for the year (approved), in cents */
    approvedCents: bigint('approved_cents', { mode: 'number' }),
    /** the year's plan the approval binds */
    plan: jsonb('plan').$type<StoredPlan>(),
    reasons: text('reasons').notNull().default(''),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** the notice (Bescheid über die Fortsetzung der Förderung) as issued, stored with its sha-256 */
    documentFileId: uuid('document_file_id').references(() => files.id),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('funding_continuations_year_unique').on(t.grantId, t.budgetYear),
    index('funding_continuations_open_idx').on(t.status),
  ],
);
