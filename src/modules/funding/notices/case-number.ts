// The case number (Aktenzeichen) of an application: built from the programme's pattern, the year of
// the submission and a number counted per programme and year. Pure; the store counts and stores it.
import { type FieldIssue, issue } from '../../../core/http/form';

export const defaultCaseNumberPattern = '{programme}-{year}-{number:4}';

const token = /\{(programme|year|number)(?::(\d{1,2}))?\}/g;

/**
 * The programme's short code for `{programme}`: the one it was given, or else the first letters of
 * the words of its title (upper case, letters and digits only, at most six), "FP" when there are none.
 */
export function caseCodeOf(programme: { caseCode: string; title: string }): string {
  const given = programme.caseCode.trim();
  if (given) return given;
  const initials = programme.title
    .split(/[\s\-–/]+/)
    .map((w) => w.normalize('NFD').replace(/[^\p{L}\p{N}]/gu, '')[0] ?? '')
    .join('')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 6);
  return initials || 'FP';
}

/**
 * The case number for the `number`th application of a programme in a year: `{programme}` is the
 * programme's code, `{year}` the four-digit year, `{number}` the number, `{number:4}` the number
 * padded with zeros to four digits (a larger number keeps all its digits).
 */
export function formatCaseNumber(pattern: string, values: { programme: string; year: number; number: number }) {
  return pattern.replace(token, (_, name: string, width?: string) => {
    if (name === 'programme') return values.programme;
    if (name === 'year') return String(values.year);
    return String(values.number).padStart(width ? Number(width) : 0, '0');
  });
}

/**
 * What a pattern must hold: the number exactly once (else two applications could share a case
 * number), only the known placeholders, and no braces, line breaks or more than 60 characters besides.
 */
export function caseNumberPatternIssues(pattern: string, field = 'caseNumberPattern'): FieldIssue[] {
  const numbers = [...pattern.matchAll(token)].filter((m) => m[1] === 'number').length;
  const rest = pattern.replace(token, '');
  if (pattern.length > 60 || /[{}\r\n\t]/.test(rest)) return [issue(field, 'funding:notices.patternInvalid')];
  if (numbers !== 1) return [issue(field, 'funding:notices.patternNumber')];
  if (!pattern.includes('{year}')) return [issue(field, 'funding:notices.patternYear')];
  return [];
}
