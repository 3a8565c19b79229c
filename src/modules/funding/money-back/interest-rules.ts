// Interest on money reclaimed from a grant (§ 49a Abs. 3 VwVfG): five percentage points above the
// base rate of § 247 BGB, day by day, on what is still owed. Pure: the dated table of base rates,
// the reclaim and its repayments come in as parameters. It lives in the money-back subject folder,
// not in core/money, because the surcharge, the order in which repayments are credited and the
// refusal to guess a rate are funding law, not arithmetic every module shares.
//
// The conventions, each tested in interest-rules.test.ts with hand-worked examples:
// - Day count: actual/365. Each calendar day bears 1/365 of the yearly rate, also in leap years.
// - Which days: interest runs "vom Eintritt der Unwirksamkeit an" (§ 49a Abs. 3 VwVfG), so the day
//   the reclaim takes effect is the first day of interest. Money received on a day stops interest
//   on that amount from that day on: the day of receipt bears no interest. A period from A up to B
//   therefore has B − A days (the first day counts, the last does not), and periods add up.
// - Periods: a new period starts where the base rate changes (1 January or 1 July, when the
//   published rate differs from the one before) and on the day of a repayment; unchanged half
//   years are not split.
// - Rounding: each period's interest is rounded to the nearest cent (half a cent away from zero);
//   the total is the sum of the rounded periods, so the notice's lines add up to its total.
// - Crediting repayments: to the principal first, from the day received, then to interest
//   (no interest on interest, § 289 BGB). § 367 BGB would credit costs, then interest, then the
//   principal; the principal-first order is the simpler one funders use in practice, lets interest
//   stop on what was paid, and favours the carrier. Changing it is this file only.
// - Negative base rates (2013 to 2022): the surcharge is added to the negative rate (−0.88 % + 5 =
//   4.12 %); the rate is never below zero.
// - Unknown rates: a day before the table or after the half year of its last rate is refused with a
//   message naming the day, never guessed.
import { type FieldIssue, issue } from '../../../core/http/form';
import { mulDiv } from '../../../core/money/money';
import { addDays, addMonths, isCalendarDate, requireDay } from '../../../core/time/calendar';

/** One published base rate: valid from a 1 January or 1 July, in basis points (−88 = −0.88 %). */
export interface BaseRate {
  validFrom: string;
  rateBp: number;
}

/** Five percentage points above the base rate (§ 49a Abs. 3 VwVfG). */
export const reclaimSurchargeBp = 500;

export const isHalfYearStart = (date: string) => isCalendarDate(date) && /-(01|07)-01$/.test(date);

const byDate = (rates: readonly BaseRate[]) => [...rates].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));

/** The last day a table's rates are known for: the end of the half year of its last rate. */
export function knownUntil(rates: readonly BaseRate[]): string | undefined {
  const last = byDate(rates).at(-1);
  return last ? addDays(addMonths(last.validFrom, 6), -1) : undefined;
}

/** The half year whose rate may be added next: the one after the last known (no gaps). */
export function nextHalfYear(rates: readonly BaseRate[]): string | undefined {
  const last = byDate(rates).at(-1);
  return last ? addMonths(last.validFrom, 6) : undefined;
}

export type RateOnDay = { ok: true; rateBp: number; validFrom: string } | { ok: false; date: string };

/** The base rate on a day, or a refusal when the table does not say it. */
export function baseRateOn(rates: readonly BaseRate[], day: string): RateOnDay {
  const sorted = byDate(rates);
  const until = knownUntil(sorted);
  if (!until || day > until) return { ok: false, date: day };
  const entry = sorted.filter((r) => r.validFrom <= day).at(-1);
  return entry ? { ok: true, rateBp: entry.rateBp, validFrom: entry.validFrom } : { ok: false, date: day };
}

export interface Repayment {
  paidOn: string;
  amountCents: number;
}

export interface InterestPeriod {
  /** first day of the period */
  from: string;
  /** last day of the period (inclusive) */
  to: string;
  days: number;
  principalCents: number;
  baseRateBp: number;
  /** base rate + surcharge, never below zero */
  rateBp: number;
  interestCents: number;
}

export interface InterestStatement {
  periods: InterestPeriod[];
  /** interest accrued from the first day up to the day before `until` */
  interestCents: number;
  /** repayments counted (dated up to `until`) */
  repaidCents: number;
  principalOutstandingCents: number;
  interestOutstandingCents: number;
  /** money received beyond principal and interest */
  overpaidCents: number;
}

export type InterestResult = { ok: true; statement: InterestStatement } | { ok: false; issues: FieldIssue[] };

/**
 * Interest on a reclaimed amount from the day it takes effect up to (not including) `until`, with
 * repayments credited to the principal from the day they were received. `until` is the day one
 * asks about: paying on that day, this is what is owed.
 */
export function reclaimInterest(input: {
  principalCents: number;
  interestFrom: string;
  until: string;
  repayments: readonly Repayment[];
  rates: readonly BaseRate[];
  surchargeBp?: number;
}): InterestResult {
  const surcharge = input.surchargeBp ?? reclaimSurchargeBp;
  const rates = byDate(input.rates);
  const from = input.interestFrom;
  let until = input.until;
  if (until < from) until = from; // asked about a day before interest starts: none yet
  const counted = input.repayments
    .filter((r) => r.paidOn <= input.until)
    .sort((a, b) => (a.paidOn < b.paidOn ? -1 : 1));
  let principal = input.principalCents;
  let credit = 0; // money beyond the principal, credited to interest at the end
  const pay = (amount: number) => {
    const toPrincipal = Math.min(principal, amount);
    principal -= toPrincipal;
    credit += amount - toPrincipal;
  };
  for (const r of counted) if (r.paidOn <= from) pay(r.amountCents);

  // where a period may end: a change of the rate, a repayment, the first day no rate is known for
  const cuts = new Set<string>([until]);
  for (let i = 1; i < rates.length; i++) if (rates[i]!.rateBp !== rates[i - 1]!.rateBp) cuts.add(rates[i]!.validFrom);
  for (const r of counted) cuts.add(r.paidOn);
  const lastKnown = knownUntil(rates);
  if (lastKnown) cuts.add(addDays(lastKnown, 1));
  const ends = [...cuts].filter((d) => d > from && d <= until).sort();

  const periods: InterestPeriod[] = [];
  let start = from;
  for (const end of ends) {
    if (principal > 0) {
      const rate = baseRateOn(rates, start);
      if (!rate.ok)
        return { ok: false, issues: [issue('_form', 'funding:moneyBack.rateUnknown', { date: { date: rate.date } })] };
      const days = requireDay(end) - requireDay(start);
      const rateBp = Math.max(0, rate.rateBp + surcharge);
      periods.push({
        from: start,
        to: addDays(end, -1),
        days,
        principalCents: principal,
        baseRateBp: rate.rateBp,
        rateBp,
        interestCents: mulDiv(principal, rateBp * days, 10000 * 365, 'nearest'),
      });
    }
    for (const r of counted) if (r.paidOn === end && end < until) pay(r.amountCents);
    start = end;
  }
  // repayments received on `until` itself count towards the balance, not towards the days
  for (const r of counted) if (r.paidOn === until && until > from) pay(r.amountCents);

  const interestCents = periods.reduce((s, p) => s + p.interestCents, 0);
  const interestPaid = Math.min(interestCents, credit);
  return {
    ok: true,
    statement: {
      periods,
      interestCents,
      repaidCents: counted.reduce((s, r) => s + r.amountCents, 0),
      principalOutstandingCents: principal,
      interestOutstandingCents: interestCents - interestPaid,
      overpaidCents: credit - interestPaid,
    },
  };
}

/** A new base rate: for the next half year after the last known, within sensible bounds. */
export function baseRateIssues(input: { validFrom: string; rateBp: number }, rates: readonly BaseRate[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const next = nextHalfYear(rates);
  if (!isHalfYearStart(input.validFrom)) issues.push(issue('validFrom', 'funding:baseRate.halfYear'));
  else if (next && input.validFrom !== next)
    issues.push(issue('validFrom', 'funding:baseRate.nextOnly', { date: { date: next } }));
  if (input.rateBp < -1000 || input.rateBp > 2000) issues.push(issue('rate', 'funding:baseRate.range'));
  return issues;
}

/** Reads a rate typed as percent ("-0,88", "1.27", "3,12 %") into basis points, or undefined. */
export function parsePercentBp(input: string): number | undefined {
  const m = /^\s*([-−+]?)\s*(\d{1,2})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(input);
  if (!m) return undefined;
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' || m[1] === '−' ? -value : value;
}
