// The forms of changes and notifications as the carrier and the officer send them. Whether a change
// fits the grant, whether a rejection says why and whether a notified event has happened are the
// rules in change-rules.ts, run through readForm's `check`.
import { z } from 'zod';
import { choice, date, type FieldIssue, type FormResult, readForm, text } from '../../../core/http/form';
import { partnerFields, partnerRows, toPartners } from '../applications/application-forms';
import { expenseLines } from '../applications/financing-plan';
import { budgetYear, cents } from '../grants/payment-forms';
import type { ChangePayload } from '../schema';
import { notificationKinds } from './changes.store';

const reason = text({ max: 3000 });

export const shiftForm = z.object({
  year: budgetYear,
  fromLine: choice(expenseLines),
  toLine: choice(expenseLines),
  amount: cents({ min: 1, key: 'funding:validation.money' }),
  reason,
});
export const extensionForm = z.object({ endDate: date(), reason });
export const partnersForm = z.object({ partner: partnerRows, reason });

/** A change request as the store takes it. */
export interface ChangeRequestForm {
  payload: ChangePayload;
  reason: string;
}

/**
 * Reads the form of one kind of change request into its payload and reason; `check` sees the
 * request (the rules of change-rules.ts: does it fit the grant and the programme?).
 */
export function readChangeRequest(
  kind: 'shift' | 'extension' | 'partners',
  body: unknown,
  check: (request: ChangeRequestForm) => FieldIssue[],
): FormResult<ChangeRequestForm> {
  const as = <T>(form: FormResult<T>, request: (d: T) => ChangeRequestForm): FormResult<ChangeRequestForm> =>
    form.ok ? { ...form, data: request(form.data) } : form;
  if (kind === 'shift') {
    const request = (d: z.infer<typeof shiftForm>): ChangeRequestForm => ({
      payload: { kind, year: d.year, fromLine: d.fromLine, toLine: d.toLine, amountCents: d.amount },
      reason: d.reason,
    });
    return as(readForm(shiftForm, body, { check: (d) => check(request(d)) }), request);
  }
  if (kind === 'extension') {
    const request = (d: z.infer<typeof extensionForm>): ChangeRequestForm => ({
      payload: { kind, endDate: d.endDate },
      reason: d.reason,
    });
    return as(readForm(extensionForm, body, { check: (d) => check(request(d)) }), request);
  }
  const request = (d: z.infer<typeof partnersForm>): ChangeRequestForm => ({
    payload: { kind, partners: toPartners(d.partner) },
    reason: d.reason,
  });
  return as(
    readForm(partnersForm, body, { rows: { partner: partnerFields }, check: (d) => check(request(d)) }),
    request,
  );
}

export const changeDecisionForm = z.object({
  action: choice(['approve', 'reject']),
  note: text({ max: 3000, optional: true }),
});

export const notificationForm = z.object({
  kind: choice(notificationKinds),
  occurredOn: date(),
  description: text({ max: 5000 }),
});

export const acknowledgeForm = z.object({ note: text({ max: 1000, optional: true }) });
