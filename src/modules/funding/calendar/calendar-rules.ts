// The officer's deadlines as calendar days: which are overdue, which fall in the next 90 days, and
// the iCalendar feed (RFC 5545) of them, with all-day events on Berlin calendar days. Pure.
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { addDays } from '../../../core/time/calendar';

export const upcomingDays = 90;

export interface Deadline {
  /** stable across feeds, so a calendar app updates the event instead of adding one */
  uid: string;
  kind: 'report' | 'payment' | 'change';
  /** the Berlin calendar day, YYYY-MM-DD */
  day: string;
  summary: string;
  url: string;
}

/** Overdue: before today; upcoming: today up to today + 90 days. */
export function splitByDay<T extends { dueOn: string }>(rows: T[], today: string) {
  const last = addDays(today, upcomingDays);
  return {
    overdue: rows.filter((r) => r.dueOn < today),
    upcoming: rows.filter((r) => r.dueOn >= today && r.dueOn <= last),
  };
}

/** A calendar day as the instant ical-generator writes as that same date (VALUE=DATE from UTC parts). */
const dayValue = (day: string) => new Date(`${day}T00:00:00Z`);

/** The feed: one all-day VEVENT per deadline, stamped with the app's clock. */
export function calendarFeed(name: string, deadlines: Deadline[], now: Date): string {
  const cal = ical({ name, prodId: { company: 'Modellprojekte', product: 'Fristen', language: 'DE' } });
  cal.method(ICalCalendarMethod.PUBLISH);
  cal.x([{ key: 'X-WR-TIMEZONE', value: 'Europe/Berlin' }]);
  for (const d of deadlines)
    cal.createEvent({
      id: d.uid,
      allDay: true,
      start: dayValue(d.day),
      end: dayValue(addDays(d.day, 1)),
      stamp: now,
      summary: d.summary,
      url: d.url,
    });
  return cal.toString();
}

/** A new secret for a feed address, and the hash that is stored of it. */
export function newFeedToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: feedTokenHash(token) };
}

export const feedTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** What a feed address may carry: a base64url secret of 32 bytes. */
export const isFeedToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
