// The grant page's forms as the carrier and the officer send them: a payment request, the decision
// on it, and the spending reported on a payment. What needs the grant or today is checked by the
// rules in payment-rules.ts, through readForm's `check`.
import { z } from 'zod';
import { choice, date, euro, text } from '../../../core/http/form';
import { parseEuro } from '../../../core/money/money';
import { expenseLines } from '../applications/financing-plan';

/** A budget year as the year select sends it. */
export const budgetYear = z
  .string()
  .regex(/^\d{4}$/, 'common:validation.choose')
  .transform(Number);

/** A required amount in euros as cents (core's euro() types the optional case too). */
export const cents = (o: { min?: number; key: string }) => euro(o).pipe(z.number());

export const paymentRequestForm = z.object({
  year: budgetYear,
  line: choice(expenseLines),
  amount: cents({ min: 1, key: 'funding:validation.money' }),
  dueOn: date(),
  purpose: text({ max: 300 }),
});

export const paymentDecisionForm = z.object({
  action: choice(['approve', 'reject']),
  // a rejection ignores the amount, so what cannot be read is left to the rule (paymentDecisionIssues)
  amount: z.string().transform((s) => parseEuro(s)),
});

export const spentForm = z.object({
  spent: cents({ key: 'funding:payment.spentRange' }),
  spentOn: date(),
});
