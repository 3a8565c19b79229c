// The report page's forms: the narrative (one field per project goal), the submission, the
// officer's review. What needs the report's period or today is checked in report-rules.ts.
import { z } from 'zod';
import { choice, text } from '../../../core/http/form';

/** One text per project goal, "goal-0", "goal-1", …; each may stay empty while the report is prepared. */
export const narrativeForm = (goals: number) =>
  z
    .object(
      Object.fromEntries(Array.from({ length: goals }, (_, i) => [`goal-${i}`, text({ max: 20000, optional: true })])),
    )
    .transform((d) => Array.from({ length: goals }, (_, i) => d[`goal-${i}`] ?? ''));

/** Submitting sends nothing but the wish to submit. */
export const submitForm = z.object({});

export const reviewForm = z.object({
  // acceptReclaim: accept a final report and reclaim the money its receipts do not cover (money-back/)
  action: choice(['accept', 'corrections', 'acceptReclaim']),
  note: text({ max: 10000, optional: true }),
});
