// Intl formatters are costly to build (tens of microseconds each) and a table asks for hundreds;
// one instance per language and option set is kept for the life of the process.
const numbers = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

export function numberFormat(lang: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = numbers.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    numbers.set(key, f);
  }
  return f;
}

export function dateFormat(lang: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = dates.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, options);
    dates.set(key, f);
  }
  return f;
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

// A page shows the same few dates on every request (a call's deadline, a grant's period), and
// formatting one is a few microseconds each time: what was written is kept per language and
// value. Formatting is deterministic, so a kept text is what formatting again would give.
const written = new Map<string, string>();
function kept(key: string, format: () => string): string {
  let s = written.get(key);
  if (s === undefined) {
    s = format();
    if (written.size >= 20_000) written.clear();
    written.set(key, s);
  }
  return s;
}

/**
 * A calendar date as stored ("2026-12-02") in the reader's words ("2. Dezember 2026",
 * "December 2, 2026", "٢ ديسمبر ٢٠٢٦"). Anything that is no calendar date is returned as it came.
 */
export function formatDate(lang: string, isoDate: string, style: 'long' | 'medium' = 'long'): string {
  if (!calendarDate.test(isoDate)) return isoDate;
  return kept(`d|${lang}|${style}|${isoDate}`, () => {
    const d = new Date(`${isoDate}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? isoDate : dateFormat(lang, { dateStyle: style, timeZone: 'UTC' }).format(d);
  });
}

/** An instant as the Berlin calendar date in the reader's words. */
export const formatBerlinDate = (lang: string, d: Date, style: 'long' | 'medium' = 'long'): string =>
  kept(`b|${lang}|${style}|${d.getTime()}`, () =>
    dateFormat(lang, { dateStyle: style, timeZone: 'Europe/Berlin' }).format(d),
  );

/** An instant as Berlin date and wall-clock time in the reader's words ("2. Dezember 2026 um 14:30"). */
export const formatBerlinDateTime = (lang: string, d: Date): string =>
  kept(`t|${lang}|${d.getTime()}`, () =>
    dateFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(d),
  );

/** A period of two calendar dates as the language writes it: "1. Januar – 31. Dezember 2027". */
export function formatPeriod(lang: string, start: string, end: string): string {
  if (!calendarDate.test(start) || !calendarDate.test(end) || end < start)
    return `${formatDate(lang, start)} – ${formatDate(lang, end)}`;
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  return dateFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).formatRange(day(start), day(end));
}

/** A share in basis points (4000) as a percentage in the reader's language ("40 %", "%40"). */
export const formatBasisPoints = (lang: string, bp: number): string =>
  numberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10000);

/**
 * A stretch of time on one or two Berlin days as the language writes it: "12. Januar 2027,
 * 17:00–19:30", "12 Ocak 2027 17:00-19:30"; the day is named once when both ends share it.
 */
export const formatBerlinTimeRange = (lang: string, start: Date, end: Date): string =>
  kept(`r|${lang}|${start.getTime()}|${end.getTime()}`, () =>
    end.getTime() < start.getTime()
      ? `${formatBerlinDateTime(lang, start)} – ${formatBerlinDateTime(lang, end)}`
      : dateFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).formatRange(start, end),
  );
