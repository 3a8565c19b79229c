// Display helpers for funding views: Berlin wall-clock times and amounts in the reader's language.
import { formatBasisPoints, formatBerlinDateTime, formatDate } from '../../core/i18n/formats';
import { formatEuro, formatEuroInput } from '../../core/money/money';

export const berlinDateTime = formatBerlinDateTime;

/** A calendar date ("2027-01-01") as the reader writes it. */
export const berlinDate = (lang: string, isoDate: string) => formatDate(lang, isoDate);

/** The Berlin calendar date and time of an instant, for prefilling date and time inputs. */
export function berlinParts(d: Date): { date: string; time: string } {
  // Swedish formatting is ISO-like: "2026-11-25 13:05"
  const s = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  const [date = '', time = ''] = s.split(' ');
  return { date, time };
}

export const euro = (lang: string, cents: number) => formatEuro(cents, lang);
export const euroInput = (lang: string, cents: number | null | undefined) =>
  cents === null || cents === undefined ? '' : formatEuroInput(cents, lang);
export const percentInput = (lang: string, bp: number) =>
  formatEuroInput(bp, lang)
    .replace(/[.,]00$/, '')
    .replace(/([.,]\d)0$/, '$1');
export const percent = formatBasisPoints;
