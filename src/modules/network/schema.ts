// Organisations: carriers, migrant organisations, municipalities, councils as bodies.
// People belong to an organisation through a scoped role (carrierStaff on organisation:<id>).
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A person who may sign for the organisation (legally binding declarations, the acceptance of a grant). */
export interface Signatory {
  name: string;
  /** the office they hold: "Vorsitzende", "Geschäftsführer" */
  role: string;
}

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(), // carrier | migrantOrganisation | municipality | council | researchInstitute | other
    /** eingetragener Verein, gGmbH, Körperschaft des öffentlichen Rechts … (organisation-rules' legalForms) */
    legalForm: text('legal_form').notNull().default(''),
    isMigrantOrganisation: boolean('is_migrant_organisation').notNull().default(false),
    street: text('street').notNull().default(''),
    postcode: text('postcode').notNull().default(''),
    city: text('city').notNull().default(''),
    // Amtlicher Gemeindeschlüssel, 8 digits
    municipalityKey: text('municipality_key').notNull().default(''),
    email: text('email').notNull().default(''),
    website: text('website').notNull().default(''),
    // the account grants are paid to: IBAN in electronic form (no spaces), BIC, the account's holder
    iban: text('iban').notNull().default(''),
    bic: text('bic').notNull().default(''),
    accountHolder: text('account_holder').notNull().default(''),
    // The directory: what the organisation does, for whom and in which languages (codes from
    // organisation-rules), and how much it can take on. Counts stay null until the organisation says.
    fieldsOfWork: jsonb('fields_of_work').$type<string[]>().notNull().default([]),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    /** communities served, in the organisation's own words ("Ezidische Familien in Celle") */
    communities: text('communities').notNull().default(''),
    staffCount: integer('staff_count'),
    volunteerCount: integer('volunteer_count'),
    /** how many more partnerships it can take on; null = not said, 0 = none */
    partnerCapacity: integer('partner_capacity'),
    /** a short self-description for the public profile */
    description: text('description').notNull().default(''),
    /** set when the organisation opts in to the public directory; null = not listed */
    publicSince: timestamp('public_since', { withTimezone: true }),
    signatories: jsonb('signatories').$type<Signatory[]>().notNull().default([]),
    // disabled by an administrator: kept for the record, offered nowhere for new work
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisations_name_idx').on(t.name)],
);
