// What a participant hears (ADR 0011): the confirmation of their seat (with the calendar file) or of
// their place on the waiting list, and the mail that they moved up. In the language they registered
// in, with their personal link; each written in the transaction that marks the event delivered, so
// it goes exactly once.

import type { Db } from '../../../core/db/client';
import type { EventSubscriber } from '../../../core/events/events';
import { formatBerlinDateTime } from '../../../core/i18n/formats';
import { sendMail } from '../../../core/mail/mail';
import type { MailAttachment } from '../../../core/mail/schema';
import type { AppDeps } from '../../../core/modules';
import type { SeminarMovedUp, SeminarRegistered } from '../events';
import { seminarCalendar } from './seminar-calendar';
import { getRegistration, getSeminar, registrationToken, waitlistPlaceOf } from './seminars.store';

async function mailAbout(
  tx: Db,
  deps: AppDeps,
  registrationId: string,
  kind: 'confirmed' | 'waitlisted' | 'movedUp',
  occurredAt: Date,
) {
  const registration = await getRegistration(tx, registrationId);
  // cancelled or withdrawn since: the mail would announce what is no longer so
  if (!registration || registration.status === 'cancelled' || registration.email.endsWith('@invalid')) return;
  // a waiting person who has moved up meanwhile hears of the seat in the move-up mail instead
  if (registration.status !== (kind === 'waitlisted' ? 'waitlisted' : 'confirmed')) return;
  const found = await getSeminar(tx, registration.seminarId);
  if (!found) return;
  const { seminar, sessions } = found;
  const lang = registration.language;
  const link = `${deps.config.baseUrl}/${lang}/registration/${registrationToken(deps.config.sessionSecret, registration.id)}`;
  const place = await waitlistPlaceOf(tx, registration);
  const first = sessions[0];
  const attachments: MailAttachment[] =
    kind === 'waitlisted'
      ? []
      : [
          {
            filename: 'seminar.ics',
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: seminarCalendar([{ seminar, sessions }], { name: seminar.title, now: occurredAt, url: link }),
          },
        ];
  await sendMail(tx, deps.config, {
    to: registration.email,
    template: `activities:mail.${kind}`,
    language: lang,
    about: { kind: 'seminar', id: seminar.id },
    attachments,
    vars: {
      name: registration.name,
      seminar: seminar.title,
      start: first ? formatBerlinDateTime(lang, first.startsAt) : '',
      place: seminar.place || seminar.onlineLink,
      sessions: sessions.length,
      position: place ?? 0,
      link,
    },
  });
}

export const registrationMail: EventSubscriber = {
  name: 'activities.registration-mail',
  event: 'seminar.registered',
  async handle(event, { tx, deps }) {
    const { registrationId, status } = event.payload as SeminarRegistered['payload'];
    await mailAbout(tx, deps, registrationId, status, event.occurredAt);
  },
};

export const moveUpMail: EventSubscriber = {
  name: 'activities.move-up-mail',
  event: 'seminar.moved-up',
  async handle(event, { tx, deps }) {
    const { registrationId } = event.payload as SeminarMovedUp['payload'];
    await mailAbout(tx, deps, registrationId, 'movedUp', event.occurredAt);
  },
};
