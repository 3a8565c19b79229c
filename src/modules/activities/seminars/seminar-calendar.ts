// A seminar's sessions as an iCalendar file (RFC 5545): attached to the invitation, downloaded from
// the personal page, and joined into the project's calendar feed. Pure.
import ical, { ICalCalendarMethod } from 'ical-generator';

export interface CalendarSession {
  id: string;
  topic: string;
  startsAt: Date;
  endsAt: Date;
}

export interface CalendarSeminar {
  id: string;
  title: string;
  place: string;
  onlineLink: string;
}

/** One event per session; the uid is the session's, so a second file updates instead of doubling. */
export function seminarCalendar(
  seminars: readonly { seminar: CalendarSeminar; sessions: readonly CalendarSession[] }[],
  opts: { name: string; now: Date; url?: string; cancelled?: boolean },
): string {
  const cal = ical({ name: opts.name, prodId: { company: 'Modellprojekte', product: 'Seminare', language: 'DE' } });
  cal.method(opts.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH);
  for (const { seminar, sessions } of seminars)
    for (const s of sessions)
      cal.createEvent({
        id: `session-${s.id}@modellprojekte`,
        start: s.startsAt,
        end: s.endsAt,
        stamp: opts.now,
        summary: `${seminar.title}: ${s.topic}`,
        location: seminar.place || seminar.onlineLink || undefined,
        url: seminar.onlineLink || opts.url || undefined,
      });
  return cal.toString();
}
