// The seminar's forms (ADR 0010): the staff's new seminar with its sessions as rows, the public
// registration (asking only what the seminar needs), and a session's attendance.
import { z } from 'zod';
import { checkbox, choice, date, text, wholeNumber } from '../../../core/http/form';
import { type Askable, ageBands, askable, genders, isOnlineLink } from './seminar-rules';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'activities:seminar.validation.time');

export const sessionFields = ['topic', 'date', 'startTime', 'endTime'] as const;

export const seminarForm = z.object({
  title: text({ max: 200 }),
  curriculum: text({ max: 4000, optional: true }),
  learningGoals: text({ max: 4000, optional: true }),
  place: text({ max: 300, optional: true }),
  onlineLink: text({ max: 500, optional: true }).refine(
    (v) => v === '' || isOnlineLink(v),
    'activities:seminar.validation.onlineLink',
  ),
  capacity: wholeNumber({ min: 1, max: 500 }),
  registrationClosesOn: date(),
  requiredAttendance: wholeNumber({ min: 1, max: 100 }),
  asks: z.array(z.enum(askable, 'common:validation.choose')).max(askable.length),
  publish: checkbox(),
  sessions: z
    .array(z.object({ row: z.number(), topic: text({ max: 200 }), date: date(), startTime: time, endTime: time }))
    .max(40, 'activities:seminar.validation.tooManySessions'),
});
export const seminarFormOptions = { rows: { sessions: sessionFields }, lists: ['asks'] } as const;

const optionalChoice = <const T extends readonly [string, ...string[]]>(options: T) =>
  z.union([z.literal(''), choice(options)]);

/** The registration form of a seminar that asks `asks`: name, mail, consent, and only those. */
export function registrationForm(asks: readonly string[]) {
  const asked = (a: Askable) => asks.includes(a);
  return z.object({
    name: text({ max: 120 }),
    email: z
      .string()
      .trim()
      .min(1, 'common:validation.required')
      .max(254, 'common:validation.tooLong')
      .pipe(z.email('common:validation.email')),
    phone: asked('phone') ? text({ max: 40, optional: true }) : z.literal('').catch(''),
    accessibility: asked('accessibility') ? text({ max: 1000, optional: true }) : z.literal('').catch(''),
    firstLanguage: asked('firstLanguage') ? text({ max: 60, optional: true }) : z.literal('').catch(''),
    gender: asked('gender') ? optionalChoice(genders) : z.literal('').catch(''),
    ageBand: asked('ageBand') ? optionalChoice(ageBands) : z.literal('').catch(''),
    consent: checkbox().refine((v) => v, 'activities:registration.validation.consent'),
  });
}

export const attendanceForm = z.object({
  present: z.array(z.uuid('common:validation.invalid')).max(500),
});
export const attendanceFormOptions = { lists: ['present'] } as const;
