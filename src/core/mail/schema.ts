// Every mail is written here first, in the same transaction as the change that caused it.
// Without SMTP it stays here for administrators to read; with SMTP a job delivers it.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A file sent with a mail; text content only (an iCalendar invitation), kept as sent. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('body_text').notNull(),
    template: text('template').notNull(),
    language: text('language').notNull(),
    // held: no SMTP configured; queued: waiting for delivery; sent; failed
    status: text('status').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** what the mail is about, as the audit log names subjects (e.g. "grant" and its id): a case's history lists it */
    aboutKind: text('about_kind'),
    aboutId: text('about_id'),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
  },
  (t) => [index('outbox_created_idx').on(t.createdAt), index('outbox_about_idx').on(t.aboutKind, t.aboutId)],
);
