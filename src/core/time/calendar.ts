// Calendar dates in Berlin, while the server counts in UTC: deadlines, days between dates, and the
// instant a Berlin wall-clock time stands for, so that no deadline moves by an hour or a day.

const dayMs = 86_400_000;

/** Days since 1970-01-01 of a 'yyyy-mm-dd' calendar date, or undefined if there is no such date. */
function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC would read years 0–99 as 1900–1999; setUTCFullYear keeps them as typed.
  const back = new Date(0);
  back.setUTCFullYear(y, mo - 1, d);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(back.getTime() / dayMs);
}

/** The day number of a calendar date; throws on anything else (a bug, not input: check input with isCalendarDate). */
export function requireDay(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new RangeError(`not a calendar date (yyyy-mm-dd): ${date}`);
  return n;
}

function fromDayNumber(n: number): string {
  const d = new Date(n * dayMs);
  const y = d.getUTCFullYear();
  const year = y < 0 ? `-${String(-y).padStart(6, '0')}` : String(y).padStart(4, '0');
  return `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Whether a string is a real calendar date in 'yyyy-mm-dd' form (2026-02-30 is not). */
export function isCalendarDate(date: string): boolean {
  return dayNumber(date) !== undefined;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(requireDay(date) + days);
}

/** Days from a to b; negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return requireDay(b) - requireDay(a);
}

/** Adds calendar months; a day the target month lacks becomes its last day (31 August + 6 months = end of February). */
export function addMonths(date: string, months: number): string {
  requireDay(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = month === 2 && isLeap(year) ? 29 : monthLengths[month - 1]!;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const berlinClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

function berlinWallParts(instant: number): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of berlinClock.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

/** Berlin's offset from UTC in milliseconds at an instant (+1 h in winter, +2 h in summer). */
function berlinOffset(instant: number): number {
  const p = berlinWallParts(instant);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which Berlin clocks show date and time. A time skipped in spring (02:30 on the last
 * Sunday in March) moves forward by the gap; a time shown twice in autumn means its first, summer-time showing.
 */
export function berlinDateTime(date: string, time: string): Date {
  const day = requireDay(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!t) throw new RangeError(`not a time (HH:MM): ${time}`);
  const wall = day * dayMs + (Number(t[1]) * 60 + Number(t[2])) * 60_000;
  const before = berlinOffset(wall - dayMs);
  const after = berlinOffset(wall + dayMs);
  const fits = [before, after]
    .map((offset) => wall - offset)
    .filter((instant) => berlinOffset(instant) === wall - instant)
    .sort((a, b) => a - b);
  // No fit means the wall time was skipped: read it with the offset in force before the change.
  return new Date(fits[0] ?? wall - before);
}

/** The Berlin calendar date of an instant, e.g. to ask which deadlines have passed "today". */
export function berlinDate(instant: Date): string {
  const p = berlinWallParts(instant.getTime());
  return fromDayNumber(Math.round(Date.UTC(p.year!, p.month! - 1, p.day!) / dayMs));
}
