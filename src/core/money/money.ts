// Amounts of money are integer cents so that sums and shares never drift by floating-point error,
// and people may type them the German or the English way.
import { numberFormat } from '../i18n/formats';

export type Rounding = 'down' | 'up' | 'nearest';

function assertCents(value: number, name = 'cents'): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${value}`);
}

// One optional sign, before or after an optional leading "€"/"EUR", or a trailing one: "-€1.50", "€-1.50", "-1,50 €".
const amountPattern =
  /^(?<sign1>[-−])?\s*(?<cur1>€|eur)?\s*(?<sign2>[-−])?\s*(?<body>[0-9.,](?:[0-9.,\s]*[0-9.,])?)\s*(?<cur2>€|eur)?$/iu;

/**
 * Reads an amount of euros as typed in a German or English form. Returns undefined for anything that
 * is not clearly one amount, so the form can ask again instead of guessing.
 */
export function parseEuro(input: string): number | undefined {
  const m = amountPattern.exec(input.trim())?.groups;
  if (!m || (m.sign1 && m.sign2) || (m.cur1 && m.cur2)) return undefined;
  const negative = Boolean(m.sign1 || m.sign2);
  // Intl and people group digits with spaces of several kinds.
  const s = (m.body ?? '').replace(/\s/gu, ' ');
  if (/ {2}/.test(s)) return undefined;

  const dots = count(s, '.');
  const commas = count(s, ',');
  let decimal: '.' | ',' | undefined;
  if (dots > 0 && commas > 0) {
    decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    if (count(s, decimal) > 1) return undefined;
  } else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const [before = '', after = ''] = s.split(sep);
    // "1.234" and "1,234" are a thousand euros; "0.500" and "1234.567" are not thousands groups.
    const thousands = !s.includes(' ') && after.length === 3 && /^[1-9][0-9]{0,2}$/.test(before);
    decimal = thousands ? undefined : sep;
  }

  let whole = s;
  let fraction = '';
  if (decimal) {
    const at = s.indexOf(decimal);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!/^[0-9]{1,2}$/.test(fraction)) return undefined;
  }
  const grouping = whole.replace(/[0-9]/g, '');
  if (grouping.length > 0) {
    const sep = grouping[0]!;
    if (grouping !== sep.repeat(grouping.length)) return undefined;
    const groups = whole.split(sep);
    if (!/^[1-9][0-9]{0,2}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^[0-9]{3}$/.test(g))) return undefined;
    whole = groups.join('');
  } else if (whole === '' && fraction === '') {
    return undefined;
  }

  const cents = Number(`${whole || '0'}${fraction.padEnd(2, '0')}`);
  if (!Number.isSafeInteger(cents)) return undefined;
  return negative && cents !== 0 ? -cents : cents;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

function decimalString(cents: number, separator: string): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const euros = (abs - rest) / 100;
  return `${cents < 0 ? '-' : ''}${euros}${separator}${String(rest).padStart(2, '0')}`;
}

/** An amount for reading, in the reader's language. */
export function formatEuro(cents: number, lang: string): string {
  // A decimal string keeps large amounts exact where cents / 100 would round.
  const exact = decimalString(cents, '.') as `${number}`;
  return numberFormat(lang, { style: 'currency', currency: 'EUR' }).format(exact);
}

/** An amount for prefilling an input: no symbol, no grouping, so that parseEuro reads it back unchanged. */
export function formatEuroInput(cents: number, lang: string): string {
  const decimal = numberFormat(lang)
    .formatToParts(1.5)
    .find((p) => p.type === 'decimal')?.value;
  // Languages with non-Latin separators (Arabic "٫") get the point, which parseEuro understands.
  return decimalString(cents, decimal === ',' ? ',' : '.');
}

/** A share given as a fraction (0.9) in basis points (9000). */
export function bp(share: number): number {
  const result = Math.round(share * 10000);
  if (!Number.isSafeInteger(result)) throw new RangeError(`share out of range: ${share}`);
  return result;
}

/** Divides with an explicit rounding: down is towards −∞, up towards +∞, nearest rounds halves away from zero. */
function divide(n: bigint, d: bigint, rounding: Rounding): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if (rounding === 'down') return n < 0n ? q - 1n : q;
  if (rounding === 'up') return n > 0n ? q + 1n : q;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= d ? q + (n < 0n ? -1n : 1n) : q;
}

/** value × multiplier / divisor computed exactly and then rounded, for money that must not lose a cent. */
export function mulDiv(value: number, multiplier: number, divisor: number, rounding: Rounding): number {
  assertCents(value, 'value');
  assertCents(multiplier, 'multiplier');
  assertCents(divisor, 'divisor');
  if (divisor === 0) throw new RangeError('divisor must not be 0');
  const result = Number(divide(BigInt(value) * BigInt(multiplier), BigInt(divisor), rounding));
  if (!Number.isSafeInteger(result)) throw new RangeError('result beyond safe integers');
  return result;
}

/** The part of an amount that a share in basis points stands for. */
export function applyBp(cents: number, shareBp: number, rounding: Rounding): number {
  return mulDiv(cents, shareBp, 10000, rounding);
}

/** How many basis points part is of whole; throws RangeError when whole is 0. */
export function ratioBp(part: number, whole: number, rounding: Rounding): number {
  return mulDiv(part, 10000, whole, rounding);
}
