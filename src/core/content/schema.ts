// Texts administrators edit (imprint, privacy notice, accessibility statement, easy language),
// instance settings, and accessibility feedback sent through the statement's form.
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const contentPages = pgTable(
  'content_pages',
  {
    slug: text('slug').notNull(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.slug, t.language] })],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const accessibilityFeedback = pgTable('accessibility_feedback', {
  id: uuid('id').primaryKey().defaultRandom(),
  pageUrl: text('page_url').notNull().default(''),
  message: text('message').notNull(),
  contactEmail: text('contact_email'),
  language: text('language').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
