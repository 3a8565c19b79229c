// The mentoring forms (ADR 0010): a round, a person in one of its pools, a pair set by hand.
import { z } from 'zod';
import { choice, text } from '../../../core/http/form';
import { topics } from './mentoring-rules';

/** The languages a profile can name (ISO 639-1), the participants' languages first. */
export const mentoringLanguages = [
  'de',
  'tr',
  'ar',
  'uk',
  'ru',
  'en',
  'fa',
  'ku',
  'pl',
  'ro',
  'bg',
  'sr',
  'hr',
  'bs',
  'sq',
  'el',
  'it',
  'es',
  'fr',
  'vi',
] as const;

export const roundForm = z.object({
  title: text({ max: 200 }),
  description: text({ max: 4000, optional: true }),
});

export const personForm = z.object({
  side: choice(['mentor', 'mentee']),
  name: text({ max: 120 }),
  email: z.union([
    z.literal(''),
    z.string().max(254, 'common:validation.tooLong').pipe(z.email('common:validation.email')),
  ]),
  languages: z
    .array(z.enum(mentoringLanguages, 'common:validation.choose'))
    .min(1, 'activities:mentoring.validation.language'),
  region: text({ max: 120, optional: true }),
  topics: z.array(z.enum(topics, 'common:validation.choose')).max(topics.length),
  availability: text({ max: 300, optional: true }),
  profile: text({ max: 2000, optional: true }),
});
export const personFormOptions = { lists: ['languages', 'topics'] } as const;
export type PersonData = z.infer<typeof personForm>;

export const pairForm = z.object({
  mentorId: z.uuid('common:validation.choose'),
  menteeId: z.uuid('common:validation.choose'),
});
