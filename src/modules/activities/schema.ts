// The activities module's tables: a funded project's workspace, where its partners run the work.
// Opened from funding's `grant.approved` event (workspace/open-workspace.ts); funding's tables are
// never read here, only what funding's api.ts hands over.
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** One funded project's workspace: one per grant. */
export const projects = pgTable(
  'activities_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    programmeId: uuid('programme_id').notNull(),
    /** the carrier (network's organisations) that holds the grant */
    organisationId: uuid('organisation_id').notNull(),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('activities_projects_grant_unique').on(t.grantId),
    index('activities_projects_organisation_idx').on(t.organisationId),
  ],
);

/** The project's partners as the grant names them, with their part of the work. */
export const projectPartners = pgTable(
  'activities_project_partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** order as in the grant, from 1 */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    isMigrantOrganisation: boolean('is_migrant_organisation').notNull(),
    role: text('role').notNull(),
    tasks: text('tasks').notNull(),
    /** share of the budget this partner spends, basis points */
    budgetShareBp: integer('budget_share_bp').notNull(),
  },
  (t) => [uniqueIndex('activities_project_partners_position').on(t.projectId, t.position)],
);
