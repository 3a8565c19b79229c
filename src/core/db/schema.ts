// Generations per subject (the finer scheme ADR 0005 sketches): one counter per subject, bumped by a
// statement-level trigger in the transaction that writes one of the subject's tables, so a process
// may keep what it read about a subject until that subject, and only that subject, changes.
// Modules attach the trigger to their tables in a migration:
//   CREATE TRIGGER … AFTER INSERT OR UPDATE OR DELETE ON <table> FOR EACH STATEMENT
//     EXECUTE FUNCTION bump_subject_generation('<module>.<subject>');
// The function also sends NOTIFY subject_generation '<subject>'. See core/db/subjects.ts.
import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

export const subjectGenerations = pgTable('subject_generations', {
  subject: text('subject').primaryKey(),
  generation: bigint('generation', { mode: 'number' }).notNull().default(0),
});
