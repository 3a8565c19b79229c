// The reviewer's forms: the fields they know, the declaration of conflicts, the scores on the
// call's rubric. Rules over them (a conflict needs its reason, a submitted review every score) are
// in review-scores.ts.
import { z } from 'zod';
import { choice, text, wholeNumber } from '../../../core/http/form';
import { fieldsOfAction } from '../programmes/fields-of-action';
import type { RubricCriterion } from '../schema';

/** Read with `lists: ['topics']`; the known fields in list order. */
export const topicsForm = z.object({
  topics: z.array(choice(fieldsOfAction)).transform((sent) => fieldsOfAction.filter((f) => sent.includes(f))),
});

export const declarationForm = z.object({
  declaration: choice(['none', 'conflict']),
  reason: text({ max: 500, optional: true }),
});
export type DeclarationForm = z.infer<typeof declarationForm>;

/** A score ("1" … "5", or blank while saving) and a comment for each criterion; `action` is save or submit. */
export const scoresForm = (rubric: readonly RubricCriterion[]) =>
  z.object({
    action: text({ max: 20, optional: true }),
    ...Object.fromEntries(
      rubric.flatMap((c) => [
        [`score-${c.id}`, text({ max: 20, optional: true })],
        [`comment-${c.id}`, text({ max: 5000, optional: true })],
      ]),
    ),
  });
export type ScoresForm = z.infer<ReturnType<typeof scoresForm>>;

/** Officers: how many reviewers each application of a call gets. */
export const balanceForm = z.object({
  perApplication: wholeNumber({ min: 1, max: 10, key: 'funding:ranking.perApplicationRange' }),
});

/** Officers: one more reviewer for an application, among those offered. */
export const reviewerForm = (offered: readonly string[]) =>
  z.object({ reviewerId: z.string().refine((id) => offered.includes(id), 'common:validation.choose') });
