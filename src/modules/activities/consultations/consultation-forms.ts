// The consultation form (ADR 0010).
import { z } from 'zod';
import { choice, date, text } from '../../../core/http/form';
import { audiences, formats } from './consultation-rules';

export const consultationForm = z.object({
  heldOn: date(),
  audience: choice(audiences),
  audienceName: text({ max: 200 }),
  topic: text({ max: 300 }),
  format: choice(formats),
  outcome: text({ max: 4000, optional: true }),
  followUp: text({ max: 2000, optional: true }),
  followUpDueOn: date({ optional: true }),
});
export type ConsultationData = z.infer<typeof consultationForm>;
