// Interest a cent off is a dispute with a carrier: every expected value here is worked by hand, the
// arithmetic in the comment beside it (act/365, the first day counts and the day of payment does not,
// each period rounded to the nearest cent).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type BaseRate,
  baseRateIssues,
  baseRateOn,
  knownUntil,
  nextHalfYear,
  parsePercentBp,
  reclaimInterest,
} from './interest-rules';
import { publishedBaseRates } from './published-base-rates';

const rates: BaseRate[] = publishedBaseRates;

const interest = (principalCents: number, interestFrom: string, until: string, repayments = [] as never[]) => {
  const r = reclaimInterest({ principalCents, interestFrom, until, repayments, rates });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.statement;
};

test('the base rate on a day comes from the half year the day lies in', () => {
  assert.deepEqual(baseRateOn(rates, '2024-06-30'), { ok: true, rateBp: 362, validFrom: '2024-01-01' });
  assert.deepEqual(baseRateOn(rates, '2024-07-01'), { ok: true, rateBp: 337, validFrom: '2024-07-01' });
  assert.deepEqual(baseRateOn(rates, '2019-03-15'), { ok: true, rateBp: -88, validFrom: '2019-01-01' });
  assert.deepEqual(baseRateOn(rates, '2002-01-01'), { ok: true, rateBp: 257, validFrom: '2002-01-01' });
  // before the table and after the half year of its last rate: not known, not guessed
  assert.deepEqual(baseRateOn(rates, '2001-12-31'), { ok: false, date: '2001-12-31' });
  assert.deepEqual(baseRateOn(rates, '2026-06-30'), { ok: true, rateBp: 127, validFrom: '2026-01-01' });
  assert.deepEqual(baseRateOn(rates, '2026-07-01'), { ok: false, date: '2026-07-01' });
  assert.equal(knownUntil(rates), '2026-06-30');
  assert.equal(nextHalfYear(rates), '2026-07-01');
});

test('the seeded table has one rate for every half year from 2002 to the last published one', () => {
  const starts = rates.map((r) => r.validFrom);
  assert.equal(starts[0], '2002-01-01');
  for (let i = 1; i < starts.length; i++) assert.equal(nextHalfYear(rates.slice(0, i)), starts[i]);
  assert.equal(rates.length, 49); // 2002-01 … 2026-01: 24 years × 2 + 1
});

test('across 1 July: 10,000 € from 1 May to 31 August 2024', () => {
  const s = interest(1_000_000, '2024-05-01', '2024-09-01');
  // 1 May – 30 June: 31 + 30 = 61 days at 3.62 + 5 = 8.62 %
  //   1,000,000 ct × 8.62 % × 61 / 365 = 1,000,000 × 862 × 61 / 3,650,000 = 14,405.97 → 14,406 ct
  // 1 July – 31 August: 31 + 31 = 62 days at 3.37 + 5 = 8.37 %
  //   1,000,000 × 837 × 62 / 3,650,000 = 14,217.53 → 14,218 ct
  // total 14,406 + 14,218 = 28,624 ct = 286.24 €
  assert.deepEqual(
    s.periods.map((p) => [p.from, p.to, p.days, p.rateBp, p.interestCents]),
    [
      ['2024-05-01', '2024-06-30', 61, 862, 14_406],
      ['2024-07-01', '2024-08-31', 62, 837, 14_218],
    ],
  );
  assert.equal(s.interestCents, 28_624);
  assert.equal(s.principalOutstandingCents, 1_000_000);
});

test('across 1 January, from a negative base rate to a positive one: 5,000 € in December 2022 and January 2023', () => {
  const s = interest(500_000, '2022-12-01', '2023-02-01');
  // December 2022: 31 days at −0.88 + 5 = 4.12 %: 500,000 × 412 × 31 / 3,650,000 = 1,749.59 → 1,750 ct
  // January 2023: 31 days at 1.62 + 5 = 6.62 %: 500,000 × 662 × 31 / 3,650,000 = 2,811.23 → 2,811 ct
  // total 4,561 ct = 45.61 €
  assert.deepEqual(
    s.periods.map((p) => [p.from, p.to, p.days, p.baseRateBp, p.rateBp, p.interestCents]),
    [
      ['2022-12-01', '2022-12-31', 31, -88, 412, 1_750],
      ['2023-01-01', '2023-01-31', 31, 162, 662, 2_811],
    ],
  );
  assert.equal(s.interestCents, 4_561);
});

test('a whole leap year at a negative base rate is one period of 366 days, counted act/365', () => {
  const s = interest(100_000, '2020-01-01', '2021-01-01');
  // −0.88 % on 2020-01-01 and unchanged on 2020-07-01: no split. 366 days at 4.12 %:
  // 100,000 × 412 × 366 / 3,650,000 = 4,131.29 → 4,131 ct = 41.31 € (a little more than 4.12 % of 1,000 €)
  assert.equal(s.periods.length, 1);
  assert.equal(s.periods[0]?.days, 366);
  assert.equal(s.interestCents, 4_131);
});

test('a partial repayment reduces the principal from the day it is received', () => {
  const r = reclaimInterest({
    principalCents: 1_000_000,
    interestFrom: '2025-01-01',
    until: '2025-05-01',
    repayments: [{ paidOn: '2025-03-01', amountCents: 400_000 }],
    rates,
  });
  assert.ok(r.ok);
  const s = r.statement;
  // 1 January – 28 February 2025: 31 + 28 = 59 days on 10,000 € at 2.27 + 5 = 7.27 %:
  //   1,000,000 × 727 × 59 / 3,650,000 = 11,751.51 → 11,752 ct
  // 1 March (the day 4,000 € arrive bears no interest on them) – 30 April: 31 + 30 = 61 days on 6,000 €:
  //   600,000 × 727 × 61 / 3,650,000 = 7,289.92 → 7,290 ct
  // total 19,042 ct = 190.42 €; principal still owed 6,000 €
  assert.deepEqual(
    s.periods.map((p) => [p.from, p.to, p.days, p.principalCents, p.interestCents]),
    [
      ['2025-01-01', '2025-02-28', 59, 1_000_000, 11_752],
      ['2025-03-01', '2025-04-30', 61, 600_000, 7_290],
    ],
  );
  assert.equal(s.interestCents, 19_042);
  assert.equal(s.principalOutstandingCents, 600_000);
  assert.equal(s.interestOutstandingCents, 19_042);
  assert.equal(s.repaidCents, 400_000);
});

test('a repayment and a rate change in one reclaim; money beyond the principal pays the interest', () => {
  const r = reclaimInterest({
    principalCents: 200_000,
    interestFrom: '2025-06-01',
    until: '2025-08-01',
    repayments: [
      { paidOn: '2025-06-16', amountCents: 100_000 },
      { paidOn: '2025-07-11', amountCents: 101_000 },
    ],
    rates,
  });
  assert.ok(r.ok);
  const s = r.statement;
  // 1 – 15 June: 15 days on 2,000 € at 7.27 %: 200,000 × 727 × 15 / 3,650,000 = 597.53 → 598 ct
  // 16 – 30 June: 15 days on 1,000 € at 7.27 %: 100,000 × 727 × 15 / 3,650,000 = 298.77 → 299 ct
  // 1 – 10 July: 10 days on 1,000 € at 1.27 + 5 = 6.27 %: 100,000 × 627 × 10 / 3,650,000 = 171.78 → 172 ct
  // 11 July: 1,010 € arrive: 1,000 € principal, 10 € towards the 10.69 € interest → 0.69 € interest owed
  assert.deepEqual(
    s.periods.map((p) => [p.from, p.to, p.days, p.principalCents, p.rateBp, p.interestCents]),
    [
      ['2025-06-01', '2025-06-15', 15, 200_000, 727, 598],
      ['2025-06-16', '2025-06-30', 15, 100_000, 727, 299],
      ['2025-07-01', '2025-07-10', 10, 100_000, 627, 172],
    ],
  );
  assert.equal(s.interestCents, 1_069);
  assert.equal(s.principalOutstandingCents, 0);
  assert.equal(s.interestOutstandingCents, 69);
  assert.equal(s.overpaidCents, 0);
});

test('the first day bears interest, the day of payment does not', () => {
  // one day, 1 January 2025, on 3,650 € at 7.27 %: 365,000 × 727 × 1 / 3,650,000 = 72.7 → 73 ct
  assert.equal(interest(365_000, '2025-01-01', '2025-01-02').interestCents, 73);
  assert.equal(interest(365_000, '2025-01-01', '2025-01-01').interestCents, 0);
  // paid in full on the first day: no interest at all
  const paid = reclaimInterest({
    principalCents: 365_000,
    interestFrom: '2025-01-01',
    until: '2025-03-01',
    repayments: [{ paidOn: '2025-01-01', amountCents: 365_000 }],
    rates,
  });
  assert.ok(paid.ok);
  assert.equal(paid.statement.interestCents, 0);
  assert.equal(paid.statement.principalOutstandingCents, 0);
});

test('days beyond the last known rate are refused with the day named, never guessed', () => {
  const r = reclaimInterest({
    principalCents: 100_000,
    interestFrom: '2026-05-01',
    until: '2026-08-01',
    repayments: [],
    rates,
  });
  assert.deepEqual(r, {
    ok: false,
    issues: [{ field: '_form', key: 'funding:moneyBack.rateUnknown', params: { date: { date: '2026-07-01' } } }],
  });
  // with the rate for the second half of 2026 entered, the same reclaim is computed
  const more = reclaimInterest({
    principalCents: 100_000,
    interestFrom: '2026-05-01',
    until: '2026-08-01',
    repayments: [],
    rates: [...rates, { validFrom: '2026-07-01', rateBp: 127 }],
  });
  assert.ok(more.ok);
  // 92 days (31 + 30 + 31) on 1,000 € at 6.27 %: 100,000 × 627 × 92 / 3,650,000 = 1,580.38 → 1,580 ct
  assert.equal(more.statement.interestCents, 1_580);
  // a principal repaid before the unknown half year needs no rate for it
  const repaid = reclaimInterest({
    principalCents: 100_000,
    interestFrom: '2026-05-01',
    until: '2026-08-01',
    repayments: [{ paidOn: '2026-06-01', amountCents: 100_000 }],
    rates,
  });
  assert.ok(repaid.ok);
  // 31 days in May: 100,000 × 627 × 31 / 3,650,000 = 532.52 → 533 ct
  assert.equal(repaid.statement.interestCents, 533);
});

test('a new base rate is for the next half year, within bounds', () => {
  assert.deepEqual(baseRateIssues({ validFrom: '2026-07-01', rateBp: 127 }, rates), []);
  assert.deepEqual(
    baseRateIssues({ validFrom: '2027-01-01', rateBp: 127 }, rates).map((i) => i.key),
    ['funding:baseRate.nextOnly'],
  );
  assert.deepEqual(
    baseRateIssues({ validFrom: '2026-08-01', rateBp: 5000 }, rates).map((i) => i.key),
    ['funding:baseRate.halfYear', 'funding:baseRate.range'],
  );
  assert.equal(parsePercentBp('-0,88'), -88);
  assert.equal(parsePercentBp('1.27 %'), 127);
  assert.equal(parsePercentBp('3,1'), 310);
  assert.equal(parsePercentBp('abc'), undefined);
});
