// Where a call's money runs out: in rank order, the running total of what the applications still in
// the race ask for, per budget year, against what that year's budget has left, and the cut-off line
// before the first application the year's money no longer covers.
//
// Still in the race: submitted (under review, not yet decided) and waitlisted (decided to wait for
// money). Approved applications are not in the race: what was approved for them is already taken
// off the year's budget. Rejected, returned, invited (an outline whose full application competes in
// its place) and withdrawn applications count for nothing.

export const raceStatuses = ['submitted', 'waitlisted'] as const;
export const inRace = (status: string) => (raceStatuses as readonly string[]).includes(status);

/** An application of the ranking, in rank order, with what it asks for per budget year (cents). */
export interface RaceEntry {
  applicationId: string;
  rank: number;
  status: string;
  requestedPerYear: Record<number, number>;
}

export interface RunningRow {
  inRace: boolean;
  /** per budget year, the sum of this and every better-ranked application in the race; empty if not in the race */
  runningPerYear: Record<number, number>;
  /** the years whose money this application asks for and no longer gets */
  beyond: number[];
}

export interface CutOff {
  year: number;
  /** the year's budget less what is approved already; undefined when the programme sets no budget for it */
  availableCents: number | undefined;
  /** the rank of the first application in the race the year's money no longer covers; undefined if it covers all */
  beforeRank: number | undefined;
}

/**
 * Running totals and cut-offs over the whole ranking. `entries` are in rank order; `available`
 * is, per year, the budget that is left (a year missing there has no budget set, so no line).
 */
export function runningTotals(
  entries: readonly RaceEntry[],
  available: ReadonlyMap<number, number>,
): { rows: Map<string, RunningRow>; cutOffs: CutOff[] } {
  const years = [
    ...new Set(entries.filter((e) => inRace(e.status)).flatMap((e) => Object.keys(e.requestedPerYear).map(Number))),
  ].sort((a, b) => a - b);
  const sum = new Map(years.map((y) => [y, 0]));
  const cutOffs: CutOff[] = years.map((year) => ({ year, availableCents: available.get(year), beforeRank: undefined }));
  const rows = new Map<string, RunningRow>();
  for (const e of entries) {
    if (!inRace(e.status)) {
      rows.set(e.applicationId, { inRace: false, runningPerYear: {}, beyond: [] });
      continue;
    }
    const runningPerYear: Record<number, number> = {};
    const beyond: number[] = [];
    for (const cut of cutOffs) {
      const asked = e.requestedPerYear[cut.year] ?? 0;
      const total = (sum.get(cut.year) ?? 0) + asked;
      sum.set(cut.year, total);
      runningPerYear[cut.year] = total;
      if (cut.availableCents === undefined || total <= cut.availableCents) continue;
      if (cut.beforeRank === undefined) cut.beforeRank = e.rank;
      if (asked > 0) beyond.push(cut.year);
    }
    rows.set(e.applicationId, { inRace: true, runningPerYear, beyond });
  }
  return { rows, cutOffs };
}
