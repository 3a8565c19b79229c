// Tables as files for the officer's spreadsheets: CSV as German Excel opens it (UTF-8 with a byte
// order mark, semicolons, 1.234,56 and 31.12.2026) and XLSX written with exceljs (amounts as numbers
// in euros, dates as dates). A text cell that a spreadsheet would read as a formula (= + - @, or a
// tab or carriage return first) is prefixed with an apostrophe, so an applicant's title never runs.
import ExcelJS from 'exceljs';

export type CellKind = 'text' | 'money' | 'date' | 'number';
export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  kind: CellKind;
}

export interface ExportTable {
  /** the sheet's name in the XLSX (at most 31 characters) */
  sheet: string;
  columns: ExportColumn[];
  /** one value per column: text, integer cents for money, an ISO date (YYYY-MM-DD) for dates */
  rows: Cell[][];
}

/** A text that cannot start a formula in a spreadsheet. */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Cents in German notation without the currency: 123456 → "1.234,56", -5 → "-0,05". */
export function germanAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}`;
}

/** An ISO date in German notation: 2026-12-31 → "31.12.2026". */
export const germanDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

function csvCell(value: Cell, kind: CellKind): string {
  if (value === null || value === '') return '';
  const text =
    kind === 'money' && typeof value === 'number'
      ? germanAmount(value)
      : kind === 'date'
        ? germanDate(String(value))
        : kind === 'number'
          ? String(value)
          : safeText(String(value));
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV bytes: BOM, header line, rows, CRLF line ends. */
export function toCsv(table: ExportTable): Buffer {
  const lines = [
    table.columns.map((c) => csvCell(c.header, 'text')).join(';'),
    ...table.rows.map((row) => table.columns.map((c, i) => csvCell(row[i] ?? null, c.kind)).join(';')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The table as an XLSX workbook with one sheet, the header row bold and frozen. */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    width: c.kind === 'text' ? 40 : 16,
    style: c.kind === 'money' ? { numFmt: '#,##0.00' } : c.kind === 'date' ? { numFmt: 'dd.mm.yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(
      table.columns.map((c, i) => {
        const value = row[i] ?? null;
        if (value === null || value === '') return null;
        if (c.kind === 'money') return Number(value) / 100;
        if (c.kind === 'number') return Number(value);
        if (c.kind === 'date') {
          const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
          return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(value);
        }
        return safeText(String(value));
      }),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
