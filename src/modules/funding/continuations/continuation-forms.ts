// The forms of a continuation application as the carrier sends it (save as draft or submit) and of
// the officer's decision on it. Whether the year can be filed, whether the plan balances and what
// the officer may decide are the rules of continuation-rules.ts, run through readForm's `check`.
import { z } from 'zod';
import { choice, euro, text } from '../../../core/http/form';
import { parseEuro } from '../../../core/money/money';
import { expenseLines } from '../applications/financing-plan';
import { budgetYear } from '../grants/payment-forms';
import type { ContinuationContent } from '../schema';
import { lineField, planOfInput } from './continuation-rules';

const amount = () => euro({ optional: true, key: 'funding:validation.money' }).transform((c) => c ?? 0);

export const continuationForm = z.object({
  year: budgetYear,
  intent: choice(['save', 'submit']),
  // the year's expenses by line (continuation-rules.ts lineField)
  'exp-staff': amount(),
  'exp-fees': amount(),
  'exp-travel': amount(),
  'exp-material': amount(),
  'exp-investment': amount(),
  'exp-other': amount(),
  own: amount(),
  third: amount(),
  thirdSource: text({ max: 200, optional: true }),
  grant: amount(),
  progress: text({ max: 5000, optional: true }),
  milestone: z.array(text({ max: 300 })).max(100, 'common:validation.tooLong'),
  changesWished: text({ max: 3000, optional: true }),
});
export type ContinuationForm = z.infer<typeof continuationForm>;

/** The form's reading as the store takes it: the year's plan and the progress report. */
export function contentOf(form: ContinuationForm): ContinuationContent {
  const typed = form as Record<string, unknown>;
  const expenses = Object.fromEntries(
    expenseLines.map((l) => {
      const v = typed[lineField(l)];
      return [l, typeof v === 'number' ? v : 0];
    }),
  );
  return {
    plan: planOfInput(form.year, {
      expenses,
      own: form.own,
      third: form.third,
      thirdSource: form.thirdSource.trim(),
      grant: form.grant,
    }),
    progress: form.progress.trim(),
    milestonesReached: form.milestone,
    changesWished: form.changesWished.trim(),
  };
}

export const continuationDecisionForm = z.object({
  action: choice(['approve', 'reject']),
  // a rejection ignores the amount, so what cannot be read is left to the rule (continuationDecision)
  amount: z.string().transform((s) => (s.length > 40 ? undefined : parseEuro(s))),
  reasons: text({ max: 3000, optional: true }),
});
