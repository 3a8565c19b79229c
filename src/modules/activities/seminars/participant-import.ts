// Paper registrations imported from CSV (`cli import participants`): every row is checked and
// reported with its line number; the import is all-or-nothing. Pure: text in, rows or errors out.
// The store then registers the rows in one transaction, with the same seat and waiting-list rules
// as the online form, in the order of the file.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { hasBadCharacters } from '../../../core/http/form';
import { isLang } from '../../../core/i18n/i18n';
import { ageBands, genders } from './seminar-rules';

export interface ParticipantRow {
  row: number;
  name: string;
  email: string;
  language: string;
  answers: Record<string, string>;
}

export interface ImportError {
  /** line number in the file, the header being line 1 */
  row: number;
  column: string;
  code: string;
}

const columnNames: Record<string, string> = {
  name: 'name',
  pseudonym: 'name',
  'e-mail': 'email',
  email: 'email',
  mail: 'email',
  sprache: 'language',
  language: 'language',
  barrierefreiheit: 'accessibility',
  bedarf: 'accessibility',
  accessibility: 'accessibility',
  geschlecht: 'gender',
  gender: 'gender',
  altersgruppe: 'ageBand',
  'age band': 'ageBand',
  ageband: 'ageBand',
  erstsprache: 'firstLanguage',
  'first language': 'firstLanguage',
  telefon: 'phone',
  phone: 'phone',
};

// the paper form's German answers, and the codes themselves
const genderNames: Record<string, string> = {
  weiblich: 'female',
  männlich: 'male',
  divers: 'diverse',
  'keine angabe': 'notSaid',
};
const isEmail = (s: string) => z.email().safeParse(s).success;

export const maxImportRows = 5_000;

export function parseParticipants(
  text: string,
  asks: readonly string[],
): { ok: true; rows: ParticipantRow[] } | { ok: false; errors: ImportError[] } {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(clean, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    return {
      ok: false,
      errors: [{ row: (err as { lines?: number }).lines ?? 1, column: '', code: 'activities:import.unreadable' }],
    };
  }
  const [header, ...lines] = records;
  if (!header || lines.length === 0)
    return { ok: false, errors: [{ row: 1, column: '', code: 'activities:import.empty' }] };
  const columns = header.map((h) => columnNames[h.toLowerCase()]);
  const missing = ['name', 'email'].filter((c) => !columns.includes(c));
  if (missing.length)
    return { ok: false, errors: missing.map((c) => ({ row: 1, column: c, code: 'activities:import.missingColumn' })) };
  if (lines.length > maxImportRows)
    return { ok: false, errors: [{ row: maxImportRows + 2, column: '', code: 'activities:import.tooMany' }] };

  const errors: ImportError[] = [];
  const rows: ParticipantRow[] = [];
  const seen = new Map<string, number>();
  lines.forEach((cells, i) => {
    const row = i + 2;
    const get = (c: string) => cells[columns.indexOf(c)] ?? '';
    const rowErrors: ImportError[] = [];
    const at = (column: string, code: string) => rowErrors.push({ row, column, code });
    for (const [k, cell] of cells.entries())
      if (hasBadCharacters(cell)) at(columns[k] ?? '', 'common:validation.badCharacters');
    const name = get('name');
    const email = get('email').toLowerCase();
    if (!name) at('name', 'common:validation.required');
    else if (name.length > 120) at('name', 'common:validation.tooLong');
    if (!email) at('email', 'common:validation.required');
    else if (!isEmail(email)) at('email', 'common:validation.email');
    else if (seen.has(email)) at('email', 'activities:import.duplicate');
    else seen.set(email, row);
    const language = get('language').toLowerCase() || 'de';
    if (!isLang(language)) at('language', 'activities:import.language');
    const answers: Record<string, string> = {};
    for (const key of asks) {
      let value = get(key);
      if (!value) continue;
      if (key === 'gender') {
        value = genderNames[value.toLowerCase()] ?? value;
        if (!(genders as readonly string[]).includes(value)) at(key, 'common:validation.choose');
      }
      if (key === 'ageBand' && !(ageBands as readonly string[]).includes(value)) at(key, 'common:validation.choose');
      if (value.length > 1000) at(key, 'common:validation.tooLong');
      answers[key] = value;
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push({ row, name, email, language, answers });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
