import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { readApplicationQuery, readPaymentQuery } from './list-query';
import { germanAmount, germanDate, safeText, toCsv, toXlsx } from './table-export';

describe('table export', () => {
  test('German amounts and dates', () => {
    assert.equal(germanAmount(0), '0,00');
    assert.equal(germanAmount(5), '0,05');
    assert.equal(germanAmount(123_456), '1.234,56');
    assert.equal(germanAmount(100_000_000_00), '100.000.000,00');
    assert.equal(germanAmount(-1_999), '-19,99');
    assert.equal(germanDate('2026-12-31'), '31.12.2026');
  });

  test('a text that would start a formula gets an apostrophe', () => {
    for (const v of ['=1+1', '+49 651', '-2', '@SUM(A1)', '\tx', '\rx']) assert.equal(safeText(v), `'${v}`);
    for (const v of ['Projekt', "'schon", '1=1', '']) assert.equal(safeText(v), v);
  });

  test('CSV: BOM, semicolons, quotes where needed, CRLF', () => {
    const csv = toCsv({
      sheet: 'x',
      columns: [
        { header: 'Titel', kind: 'text' },
        { header: 'Betrag', kind: 'money' },
        { header: 'Datum', kind: 'date' },
        { header: 'Jahr', kind: 'number' },
      ],
      rows: [
        ['A; "B"', 123_456, '2027-01-31', 2027],
        ['=cmd|x', null, null, null],
      ],
    }).toString('utf8');
    assert.equal(csv, '\uFEFFTitel;Betrag;Datum;Jahr\r\n"A; ""B""";1.234,56;31.01.2027;2027\r\n\'=cmd|x;;;\r\n');
  });

  test('XLSX: the header row, amounts in euros as numbers, dates as dates', async () => {
    const bytes = await toXlsx({
      sheet: 'Anträge: 2027',
      columns: [
        { header: 'Titel', kind: 'text' },
        { header: 'Betrag', kind: 'money' },
        { header: 'Datum', kind: 'date' },
      ],
      rows: [['@x', 123_456, '2027-01-31']],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.name, 'Anträge  2027');
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['Titel', 'Betrag', 'Datum']);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    assert.equal(row[0], "'@x");
    assert.equal(row[1], 1234.56);
    assert.deepEqual(row[2], new Date(Date.UTC(2027, 0, 31)));
  });
});

describe('the list filters from the address', () => {
  test('unknown values are dropped, the defaults filled in', () => {
    assert.deepEqual(readApplicationQuery({ q: '  Sprache ', sort: 'x', status: 'draft', land: '17', page: '0' }), {
      q: 'Sprache',
      callId: undefined,
      status: undefined,
      land: undefined,
      field: undefined,
      cooperation: undefined,
      sort: 'submitted',
      dir: 'desc',
      page: 1,
    });
    const f = readApplicationQuery({
      sort: 'title',
      status: 'waitlisted',
      land: '07',
      field: 'work',
      cooperation: 'tandem',
    });
    assert.equal(f.dir, 'asc');
    assert.equal(f.status, 'waitlisted');
    assert.equal(f.land, '07');
    assert.deepEqual(readPaymentQuery({ year: '20x6', programme: 'nope', status: 'paid', unspent: '1' }), {
      year: undefined,
      programmeId: undefined,
      status: undefined,
      unspent: true,
      page: 1,
    });
  });
});
