// The officer's forms on an application: the decision, returning it for changes, inviting an
// outline to the full application. The rules that need the application or the clock are in
// decision-rules.ts and run through readForm's `check`.
import { z } from 'zod';
import { choice, date, text } from '../../../core/http/form';

export const outcomes = ['approved', 'rejected', 'waitlisted'] as const;

/**
 * The decision: outcome, conditions, reasons, and an amount per budget year ("amount-2027"), kept
 * as typed because only an approval needs them (decision-rules.ts reads them).
 */
export const decisionForm = z.looseObject({
  outcome: choice(outcomes),
  conditions: text({ max: 10_000, optional: true }),
  reasons: text({ max: 10_000, optional: true }),
});
export type DecisionForm = z.infer<typeof decisionForm>;

export const returnForm = z.object({ returnReason: text({ max: 5000 }) });

export const invitationForm = z.object({
  dueDate: date(),
  dueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'funding:validation.time'),
});
export type InvitationForm = z.infer<typeof invitationForm>;
