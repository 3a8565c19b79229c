import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatEuroInput } from '../../../core/money/money';
import { actuals } from './actuals';
import { parseReceipts } from './receipts';

const period = { start: '2027-01-01', end: '2027-12-31' };

test('a German spreadsheet export with semicolons, comma decimals and German line names reads in time order', () => {
  const csv =
    '\uFEFFDatum;Empfänger;Zweck;Betrag;Position\n15.03.2027;Druckerei Müller;Flyer;1.234,50;Sachausgaben\n2027-02-01;Referentin A.;Seminar;"800,00";Honorare\n';
  const r = parseReceipts(csv, period);
  assert.ok(r.ok);
  assert.deepEqual(
    r.receipts.map((x) => [x.date, x.payee, x.amountCents, x.line, x.row]),
    [
      ['2027-02-01', 'Referentin A.', 80_000, 'fees', 3],
      ['2027-03-15', 'Druckerei Müller', 123_450, 'material', 2],
    ],
  );
});

test('every bad row is reported with its line number and column, and nothing is imported', () => {
  const csv =
    'date,payee,reason,amount,line\n2027-01-05,A,x,10.00,staff\n2026-12-31,B,y,5.00,staff\n2027-02-30,,z,-3,cakes\n';
  const r = parseReceipts(csv, period);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(
    r.errors.map((e) => `${e.row}:${e.column}:${e.code.split('.').pop()}`),
    ['3:date:outsidePeriod', '4:date:badDate', '4:payee:required', '4:amount:badAmount', '4:line:badLine'],
  );
});

test('missing columns and unreadable files are refused as a whole', () => {
  const r = parseReceipts('Datum;Betrag\n01.01.2027;5\n', period);
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.errors.map((e) => e.column).sort(), ['line', 'payee', 'reason']);
  const broken = parseReceipts('date,payee,reason,amount,line\n2027-01-01,"unclosed,x,1,staff\n', period);
  assert.equal(broken.ok, false);
});

test('property: any list of valid receipts survives a round trip through CSV, sums included', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 28 }),
          cents: fc.integer({ min: 1, max: 100_000_000 }),
          line: fc.constantFrom('staff', 'fees', 'travel'),
        }),
        { minLength: 1, maxLength: 30 },
      ),
      (rows) => {
        const csv = [
          'Datum;Empfänger;Zweck;Betrag;Position',
          ...rows.map(
            (r, i) =>
              `${String(r.day).padStart(2, '0')}.06.2027;Empfänger ${i};Zweck ${i};${formatEuroInput(r.cents, 'de')};${r.line}`,
          ),
        ].join('\n');
        const parsed = parseReceipts(csv, period);
        assert.ok(parsed.ok);
        const total = rows.reduce((s, r) => s + r.cents, 0);
        const statement = actuals(
          parsed.receipts.map((r) => ({ ...r, reportKind: 'final' })),
          [],
        );
        assert.equal(
          statement.reduce((s, l) => s + l.actualCents, 0),
          total,
        );
      },
    ),
  );
});
