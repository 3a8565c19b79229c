// The activities module's tables: a funded project's workspace, where its partners run the work.
// Opened from funding's `grant.approved` event (workspace/open-workspace.ts); funding's tables are
// never read here, only what funding's api.ts hands over.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

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

/**
 * A qualification seminar: a series of sessions (its modules) with one registration. Open for
 * registration from `publishedAt` until the day `registrationClosesOn`.
 */
export const seminars = pgTable(
  'activities_seminars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** what the series covers, and what participants will be able to do afterwards */
    curriculum: text('curriculum').notNull().default(''),
    learningGoals: text('learning_goals').notNull().default(''),
    place: text('place').notNull().default(''),
    onlineLink: text('online_link').notNull().default(''),
    capacity: integer('capacity').notNull(),
    registrationClosesOn: date('registration_closes_on', { mode: 'string' }).notNull(),
    /** share of the sessions a participant must attend for the certificate, basis points */
    requiredAttendanceBp: integer('required_attendance_bp').notNull().default(7500),
    /** what the registration form asks beyond name and mail (seminar-rules' askable), nothing more */
    asks: jsonb('asks').$type<string[]>().notNull().default([]),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('activities_seminars_project_idx').on(t.projectId)],
);

/** One meeting of a seminar: a module of its curriculum on a date. */
export const seminarSessions = pgTable(
  'activities_seminar_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seminarId: uuid('seminar_id')
      .notNull()
      .references(() => seminars.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('activities_seminar_sessions_seminar_idx').on(t.seminarId, t.startsAt)],
);

/**
 * A person's registration for a seminar, made without an account and managed through the personal
 * link in their mail (only its hash is kept). `queueNo` orders the seminar's registrations as they
 * came; the waiting list moves up in that order.
 */
export const registrations = pgTable(
  'activities_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seminarId: uuid('seminar_id')
      .notNull()
      .references(() => seminars.id, { onDelete: 'cascade' }),
    queueNo: integer('queue_no').notNull(),
    /** confirmed | waitlisted | cancelled */
    status: text('status').notNull(),
    /** name or pseudonym, as the person wants to be addressed */
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** the language the person registered in: mails and the personal page use it */
    language: text('language').notNull(),
    /** only what the seminar asks (its `asks`): phone, accessibility, gender, ageBand, firstLanguage */
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    /** pseudonymous code for the evaluation; not derived from the name */
    participantCode: text('participant_code').notNull(),
    tokenHash: text('token_hash').notNull(),
    consentPurpose: text('consent_purpose').notNull(),
    consentVersion: text('consent_version').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    consentWithdrawnAt: timestamp('consent_withdrawn_at', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** how it came in: online, or from a paper form (cli import participants) */
    source: text('source').notNull().default('online'),
  },
  (t) => [
    uniqueIndex('activities_registrations_queue').on(t.seminarId, t.queueNo),
    uniqueIndex('activities_registrations_token').on(t.tokenHash),
    uniqueIndex('activities_registrations_code').on(t.participantCode),
    // one live registration per address and seminar; a cancelled one may register again
    uniqueIndex('activities_registrations_live_email')
      .on(t.seminarId, sql`lower(${t.email})`)
      .where(sql`${t.status} <> 'cancelled'`),
    index('activities_registrations_status_idx').on(t.seminarId, t.status, t.queueNo),
  ],
);

/** Who was there: one row per registration and session, written by the project's staff. */
export const attendance = pgTable(
  'activities_attendance',
  {
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => seminarSessions.id, { onDelete: 'cascade' }),
    present: boolean('present').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.sessionId] })],
);

/**
 * Advice the project gave to local actors, administrations, parties or councils: who, on what, how,
 * with what result and what follows. Counted for the project's reports.
 */
export const consultations = pgTable(
  'activities_consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** consultation-rules' audiences: localActor | administration | politicalParty | council | other */
    audience: text('audience').notNull(),
    /** who was advised, as the project names them ("Jugendamt Mainz", "Ortsbeirat Neustadt") */
    audienceName: text('audience_name').notNull(),
    topic: text('topic').notNull(),
    /** inPerson | phone | online | written */
    format: text('format').notNull(),
    outcome: text('outcome').notNull().default(''),
    followUp: text('follow_up').notNull().default(''),
    followUpDueOn: date('follow_up_due_on', { mode: 'string' }),
    followUpDoneAt: timestamp('follow_up_done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('activities_consultations_project_idx').on(t.projectId, t.heldOn)],
);

/**
 * A mentoring round (e.g. experienced council members for newly elected women): its mentor and
 * mentee pools, then pairs. In its matching phase until `pairedAt`.
 */
export const mentoringRounds = pgTable(
  'activities_mentoring_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    pairedAt: timestamp('paired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('activities_mentoring_rounds_project_idx').on(t.projectId)],
);

/** A mentor or mentee with the profile the matching reads. */
export const mentoringPeople = pgTable(
  'activities_mentoring_people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => mentoringRounds.id, { onDelete: 'cascade' }),
    /** mentor | mentee */
    side: text('side').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull().default(''),
    /** ISO 639-1 codes */
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    region: text('region').notNull().default(''),
    /** mentoring-rules' topics: what a mentee wants to learn, what a mentor can pass on */
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    availability: text('availability').notNull().default(''),
    /** goals (mentee) or experience (mentor), in their own words */
    profile: text('profile').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('activities_mentoring_people_round_idx').on(t.roundId, t.side)],
);

/** A mentor and a mentee paired in a round; each is in at most one pair. */
export const mentoringPairs = pgTable(
  'activities_mentoring_pairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => mentoringRounds.id, { onDelete: 'cascade' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => mentoringPeople.id, { onDelete: 'cascade' }),
    menteeId: uuid('mentee_id')
      .notNull()
      .references(() => mentoringPeople.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('activities_mentoring_pairs_mentor').on(t.roundId, t.mentorId),
    uniqueIndex('activities_mentoring_pairs_mentee').on(t.roundId, t.menteeId),
  ],
);
