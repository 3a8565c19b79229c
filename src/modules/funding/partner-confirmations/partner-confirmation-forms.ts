// The two forms of partner confirmations: the carrier asks one partner or all open ones, and the
// partner's contact answers on the mailed page (ADR 0010).
import { z } from 'zod';
import { choice, text } from '../../../core/http/form';
import { languages } from '../../../core/i18n/i18n';

/** "partner": a row of content.partners, or "all" for every partner with a contact not yet confirmed or asked. */
export const requestForm = z.object({
  partner: z
    .string()
    .max(10, 'common:validation.choose')
    .refine((v) => v === 'all' || /^\d{1,3}$/.test(v), 'common:validation.choose'),
  /** the language of the mail and of the page its link opens */
  language: choice(languages),
});

/** The partner's answer: confirm or decline, the name of who answers, a remark, and the part's hash as shown. */
export const decisionForm = z.object({
  decision: choice(['confirm', 'decline']),
  name: z.string().trim().min(1, 'common:validation.required').max(200, 'common:validation.tooLong'),
  remark: text({ max: 2000, optional: true }),
  shown: z.string().max(100, 'common:validation.tooLong'),
});
