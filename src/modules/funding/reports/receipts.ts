// The receipt list (Belegliste) imported from CSV: every row is checked and reported with its line
// number; the import is all-or-nothing, so a list is never half in. Pure: text in, rows or errors out.
import { parse } from 'csv-parse/sync';
import { badCharactersKey } from '../../../core/http/form';
import { uploadedText } from '../../../core/http/uploads';
import { parseEuro } from '../../../core/money/money';
import { isCalendarDate } from '../../../core/time/calendar';
import type { ExpenseLine } from '../applications/financing-plan';

export interface Receipt {
  row: number;
  date: string;
  payee: string;
  reason: string;
  amountCents: number;
  line: ExpenseLine;
}

export interface ReceiptError {
  /** line number in the file, the header being line 1 */
  row: number;
  column: string;
  code: string;
}

// Column names and line names as people write them in German or English spreadsheets.
const columnNames: Record<string, keyof Omit<Receipt, 'row'>> = {
  datum: 'date',
  date: 'date',
  empfänger: 'payee',
  empfaenger: 'payee',
  zahlungsempfänger: 'payee',
  payee: 'payee',
  grund: 'reason',
  zweck: 'reason',
  verwendungszweck: 'reason',
  reason: 'reason',
  betrag: 'amount' as never,
  amount: 'amount' as never,
  position: 'line',
  ausgabeposition: 'line',
  line: 'line',
};
const lineNames: Record<string, ExpenseLine> = {
  personalausgaben: 'staff',
  personal: 'staff',
  staff: 'staff',
  honorare: 'fees',
  honorar: 'fees',
  fees: 'fees',
  reisekosten: 'travel',
  reise: 'travel',
  travel: 'travel',
  sachausgaben: 'material',
  sachkosten: 'material',
  material: 'material',
  investitionen: 'investment',
  investition: 'investment',
  investment: 'investment',
  sonstige: 'other',
  'sonstige ausgaben': 'other',
  other: 'other',
};

/** "31.12.2027" or "2027-12-31" → "2027-12-31". */
function isoDate(s: string): string | undefined {
  const de = s.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  const iso = de ? `${de[3]}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}` : s;
  return isCalendarDate(iso) ? iso : undefined;
}

export function parseReceipts(
  text: string,
  period: { start: string; end: string },
): { ok: true; receipts: Receipt[] } | { ok: false; errors: ReceiptError[] } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ row: line, column: '', code: 'funding:receipts.unreadable' }] };
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, errors: [{ row: 1, column: '', code: 'funding:receipts.empty' }] };
  const columns = header.map((h) => columnNames[h.toLowerCase()] as string | undefined);
  const missing = ['date', 'payee', 'reason', 'amount', 'line'].filter((c) => !columns.includes(c));
  if (missing.length)
    return { ok: false, errors: missing.map((c) => ({ row: 1, column: c, code: 'funding:receipts.missingColumn' })) };
  if (rows.length === 0) return { ok: false, errors: [{ row: 1, column: '', code: 'funding:receipts.empty' }] };
  if (rows.length > 10_000)
    return { ok: false, errors: [{ row: 10_002, column: '', code: 'funding:receipts.tooMany' }] };

  const errors: ReceiptError[] = [];
  const receipts: Receipt[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    const get = (c: string) => cells[columns.indexOf(c)] ?? '';
    const date = isoDate(get('date'));
    const amount = parseEuro(get('amount'));
    const line = lineNames[get('line').toLowerCase()];
    const rowErrors: ReceiptError[] = [];
    if (!date) rowErrors.push({ row, column: 'date', code: 'funding:receipts.badDate' });
    else if (date < period.start || date > period.end)
      rowErrors.push({ row, column: 'date', code: 'funding:receipts.outsidePeriod' });
    if (!get('payee')) rowErrors.push({ row, column: 'payee', code: 'funding:receipts.required' });
    if (!get('reason')) rowErrors.push({ row, column: 'reason', code: 'funding:receipts.required' });
    if (amount === undefined || amount <= 0)
      rowErrors.push({ row, column: 'amount', code: 'funding:receipts.badAmount' });
    if (!line) rowErrors.push({ row, column: 'line', code: 'funding:receipts.badLine' });
    if (rowErrors.length) errors.push(...rowErrors);
    else
      receipts.push({
        row,
        date: date!,
        payee: get('payee').slice(0, 300),
        reason: get('reason').slice(0, 500),
        amountCents: amount!,
        line: line!,
      });
  });
  if (errors.length) return { ok: false, errors };
  // the receipt list is kept in time order
  receipts.sort((a, b) => a.date.localeCompare(b.date) || a.row - b.row);
  return { ok: true, receipts };
}

/**
 * An uploaded receipt file read as strict UTF-8 and then parsed: the receipts, or every problem by
 * line (a file that is no UTF-8 text, or holds characters no form accepts, is refused at its line).
 */
export function readReceiptFile(
  content: Buffer,
  period: { start: string; end: string },
): { ok: true; receipts: Receipt[] } | { ok: false; errors: ReceiptError[] } {
  const read = uploadedText(content);
  if (!read.ok)
    return {
      ok: false,
      errors: [
        {
          row: read.line,
          column: '',
          code: read.key === 'badCharacters' ? badCharactersKey : 'funding:receipts.unreadable',
        },
      ],
    };
  return parseReceipts(read.text, period);
}
