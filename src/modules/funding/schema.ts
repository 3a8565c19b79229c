// Funding's tables: programmes (funding lines with their rules) and calls under them.
// Money is integer cents in bigint columns; shares are basis points (10000 = 100 %).
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
}

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
