// Amounts typed by applicants decide what they are paid, so reading them must be exact in both notations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyBp, bp, formatEuro, formatEuroInput, mulDiv, parseEuro, ratioBp } from './money';

const nbsp = '\u00a0';

test('parseEuro reads German and English notations', () => {
  const cases: [string, number][] = [
    ['1.234,56', 123456],
    ['1234,5', 123450],
    ['1 234,56 €', 123456],
    [`1${nbsp}234,56${nbsp}€`, 123456],
    ['€1,234.56', 123456],
    ['1234.56', 123456],
    ['1234', 123400],
    ['-0,50', -50],
    ['1.234', 123400],
    ['1,234', 123400],
    ['1,5', 150],
    ['1.5', 150],
    ['1,50', 150],
    ['0,05', 5],
    ['12,345', 1234500],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['1.234.567', 123456700],
    ['-€1,234.56', -123456],
    ['€-1.50', -150],
    ['-1,50 €', -150],
    ['EUR 12', 1200],
    ['12 eur', 1200],
    ['  7  ', 700],
    [',50', 50],
    ['-0', 0],
    ['90071992547409,91', Number.MAX_SAFE_INTEGER],
  ];
  for (const [input, cents] of cases) assert.equal(parseEuro(input), cents, JSON.stringify(input));
});

test('parseEuro refuses what is not clearly one amount', () => {
  const bad = [
    '',
    '   ',
    '€',
    '-',
    ',',
    'abc',
    '12a',
    '1e5',
    '1,2,3',
    '1.234,56,7',
    '1,234.5.6',
    '1.2345',
    '1234,567',
    '0.500',
    '1,',
    '1 2',
    '12  345',
    '1 234.567',
    '1.234 567,00',
    '--1',
    '-€-1',
    '€€1',
    '€1 €',
    '1-',
    '90071992547409,92',
  ];
  for (const input of bad) assert.equal(parseEuro(input), undefined, JSON.stringify(input));
});

test('formatEuro shows the amount in the reader’s language', () => {
  assert.equal(formatEuro(123456, 'de'), `1.234,56${nbsp}€`);
  assert.equal(formatEuro(123456, 'en'), '€1,234.56');
  assert.equal(formatEuro(-50, 'de'), `-0,50${nbsp}€`);
  assert.equal(formatEuro(Number.MAX_SAFE_INTEGER, 'en'), '€90,071,992,547,409.91');
});

test('formatEuroInput prefills inputs without grouping or symbol', () => {
  assert.equal(formatEuroInput(123456, 'de'), '1234,56');
  assert.equal(formatEuroInput(123456, 'en'), '1234.56');
  assert.equal(formatEuroInput(-5, 'de'), '-0,05');
  assert.equal(formatEuroInput(100, 'en'), '1.00');
  assert.equal(formatEuroInput(0, 'de'), '0,00');
  assert.equal(parseEuro(formatEuroInput(150, 'ar')), 150);
});

test('amounts beyond safe integers are refused', () => {
  assert.throws(() => formatEuroInput(Number.MAX_SAFE_INTEGER + 1, 'de'), RangeError);
  assert.throws(() => formatEuro(0.5, 'de'), RangeError);
  assert.throws(() => applyBp(Number.MAX_SAFE_INTEGER, 20000, 'down'), RangeError);
});

test('applyBp rounds as asked', () => {
  assert.equal(applyBp(1001, 5000, 'down'), 500);
  assert.equal(applyBp(1001, 5000, 'up'), 501);
  assert.equal(applyBp(1001, 5000, 'nearest'), 501);
  assert.equal(applyBp(1003, 3333, 'nearest'), 334);
  assert.equal(applyBp(-1001, 5000, 'nearest'), -501);
  assert.equal(applyBp(-1001, 5000, 'down'), -501);
  assert.equal(applyBp(-1001, 5000, 'up'), -500);
  assert.equal(applyBp(1_000_000_000_000, 9000, 'down'), 900_000_000_000);
  assert.equal(bp(0.9), 9000);
  assert.equal(bp(0.055), 550);
  assert.equal(ratioBp(1, 3, 'down'), 3333);
  assert.equal(ratioBp(2, 3, 'up'), 6667);
  assert.throws(() => ratioBp(1, 0, 'down'), RangeError);
});

test('every amount in ±10^12 cents survives the input field in German and English', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
      assert.equal(parseEuro(formatEuroInput(c, 'de')), c);
      assert.equal(parseEuro(formatEuroInput(c, 'en')), c);
    }),
  );
});

test('what formatEuro shows in German and English reads back as the same amount', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
      assert.equal(parseEuro(formatEuro(c, 'de')), c);
      assert.equal(parseEuro(formatEuro(c, 'en')), c);
    }),
  );
});

test('mulDiv is exact and its roundings bracket the true quotient', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.integer({ min: -20000, max: 20000 }),
      fc.integer({ min: 1, max: 1e6 }),
      (value, multiplier, divisor) => {
        const product = BigInt(value) * BigInt(multiplier);
        const limit = BigInt(Number.MAX_SAFE_INTEGER) * BigInt(divisor);
        const size = product < 0n ? -product : product;
        if (size >= limit) {
          // Results beyond the safe integers are refused rather than rounded silently.
          if (size > limit + BigInt(divisor))
            assert.throws(() => mulDiv(value, multiplier, divisor, 'nearest'), RangeError);
          return;
        }
        const down = mulDiv(value, multiplier, divisor, 'down');
        const up = mulDiv(value, multiplier, divisor, 'up');
        const nearest = mulDiv(value, multiplier, divisor, 'nearest');
        assert.ok(BigInt(down) * BigInt(divisor) <= product);
        assert.ok(BigInt(up) * BigInt(divisor) >= product);
        assert.ok(up - down <= 1);
        assert.ok(nearest === down || nearest === up);
        const error = product - BigInt(nearest) * BigInt(divisor);
        assert.ok((error < 0n ? -error : error) * 2n <= BigInt(divisor));
      },
    ),
  );
});
