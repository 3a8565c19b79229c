// The officer's withdrawal form. Its fields for what remains granted are one per budget year of the
// grant (remaining2026, …), so the schema is built for the grant's years. The step says whether the
// officer asks for the preview or issues the withdrawal; `previewed` is the reclaim (in cents) the
// preview showed, which the issuing step must still match.
import { z } from 'zod';
import { checkbox, choice, date, euro, text } from '../../../core/http/form';
import {
  remainingField,
  withdrawalBases,
  withdrawalEffects,
  withdrawalExtents,
  withdrawalReasons,
} from './withdrawal-rules';

export function withdrawalForm(years: readonly number[]) {
  return z.object({
    basis: choice(withdrawalBases),
    extent: choice(withdrawalExtents),
    effect: choice(withdrawalEffects),
    effectiveOn: date({ optional: true }),
    reason: choice(withdrawalReasons),
    reasonText: text({ max: 4000 }),
    ...Object.fromEntries(years.map((y) => [remainingField(y), euro({ optional: true })])),
    step: z.string().transform((s): 'preview' | 'issue' => (s === 'issue' ? 'issue' : 'preview')),
    previewed: z.string(),
    confirm: checkbox(),
  });
}

/** The remaining amounts of a read form, by year. */
export const remainingOf = (data: Record<string, unknown>, years: readonly number[]) =>
  Object.fromEntries(years.map((y) => [y, data[remainingField(y)] as number | undefined])) as Record<
    number,
    number | undefined
  >;
