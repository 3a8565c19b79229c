// The forms of money back: the officer's reclaim, repayment and interest notice, the base rate of a
// new half year and the funder's account. What needs today or the table is money-back-rules.ts.
import { z } from 'zod';
import { date, euro, text } from '../../../core/http/form';
import { parsePercentBp } from './interest-rules';

export const reclaimForm = z.object({
  amount: euro({ min: 1 }).pipe(z.number()),
  reason: text({ max: 4000 }),
  effectiveOn: date(),
  dueOn: date(),
});

export const repaymentForm = z.object({
  paidOn: date(),
  amount: euro({ min: 1 }).pipe(z.number()),
});

/** Issuing a notice sends nothing but the wish to issue it. */
export const noticeForm = z.object({});

export const baseRateForm = z.object({
  validFrom: date(),
  rate: z.string().transform((s, ctx) => {
    const bp = parsePercentBp(s);
    if (bp === undefined) {
      ctx.addIssue({ code: 'custom', message: s === '' ? 'common:validation.required' : 'funding:baseRate.format' });
      return z.NEVER;
    }
    return bp;
  }),
});

export const paymentAccountForm = z.object({
  holder: text({ max: 300 }),
  iban: text({ max: 50 }),
  bic: text({ max: 20 }),
  bank: text({ max: 300 }),
});
