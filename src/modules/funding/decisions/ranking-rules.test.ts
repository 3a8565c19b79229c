// The running total an officer decides by: worked examples and properties over random rankings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { inRace, type RaceEntry, runningTotals } from './ranking-rules';

const entry = (rank: number, status: string, requestedPerYear: Record<number, number>): RaceEntry => ({
  applicationId: `a${rank}`,
  rank,
  status,
  requestedPerYear,
});

test('only applications still in the race count, per year, and the line falls before the first the money misses', () => {
  const entries = [
    entry(1, 'submitted', { 2027: 40_000, 2028: 10_000 }),
    entry(2, 'approved', { 2027: 50_000 }), // its approved money is off the budget already
    entry(3, 'rejected', { 2027: 50_000 }),
    entry(4, 'waitlisted', { 2027: 30_000 }),
    entry(5, 'submitted', { 2027: 20_000, 2028: 15_000 }),
    entry(6, 'submitted', { 2028: 5_000 }),
    entry(7, 'returned', { 2027: 1 }),
  ];
  // 2027: 100,000 budget less 35,000 approved; 2028: 20,000
  const { rows, cutOffs } = runningTotals(
    entries,
    new Map([
      [2027, 65_000],
      [2028, 20_000],
    ]),
  );
  assert.deepEqual(rows.get('a1'), { inRace: true, runningPerYear: { 2027: 40_000, 2028: 10_000 }, beyond: [] });
  assert.deepEqual(rows.get('a2'), { inRace: false, runningPerYear: {}, beyond: [] });
  assert.deepEqual(rows.get('a3'), { inRace: false, runningPerYear: {}, beyond: [] });
  assert.deepEqual(rows.get('a4'), { inRace: true, runningPerYear: { 2027: 70_000, 2028: 10_000 }, beyond: [2027] });
  assert.deepEqual(rows.get('a5'), {
    inRace: true,
    runningPerYear: { 2027: 90_000, 2028: 25_000 },
    beyond: [2027, 2028],
  });
  assert.deepEqual(rows.get('a6'), { inRace: true, runningPerYear: { 2027: 90_000, 2028: 30_000 }, beyond: [2028] });
  assert.deepEqual(rows.get('a7')?.inRace, false);
  assert.deepEqual(cutOffs, [
    { year: 2027, availableCents: 65_000, beforeRank: 4 },
    { year: 2028, availableCents: 20_000, beforeRank: 5 },
  ]);
});

test('money that covers everyone draws no line; a year without a budget draws none either', () => {
  const entries = [entry(1, 'submitted', { 2027: 10 }), entry(2, 'submitted', { 2027: 10, 2029: 99 })];
  const { rows, cutOffs } = runningTotals(entries, new Map([[2027, 20]]));
  assert.deepEqual(cutOffs, [
    { year: 2027, availableCents: 20, beforeRank: undefined },
    { year: 2029, availableCents: undefined, beforeRank: undefined },
  ]);
  assert.deepEqual(rows.get('a2')?.beyond, []);
  assert.deepEqual(runningTotals([], new Map()), { rows: new Map(), cutOffs: [] });
});

test('property: running totals grow in rank order and sum the race; everyone above a line is covered, everyone asking below it is not', () => {
  const statuses = ['submitted', 'waitlisted', 'approved', 'rejected', 'invited'];
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          status: fc.constantFrom(...statuses),
          y27: fc.integer({ min: 0, max: 50_000 }),
          y28: fc.integer({ min: 0, max: 50_000 }),
        }),
        { maxLength: 40 },
      ),
      fc.integer({ min: 0, max: 400_000 }),
      fc.integer({ min: 0, max: 400_000 }),
      (apps, b27, b28) => {
        const entries = apps.map((a, i) => entry(i + 1, a.status, { 2027: a.y27, 2028: a.y28 }));
        const available = new Map([
          [2027, b27],
          [2028, b28],
        ]);
        const { rows, cutOffs } = runningTotals(entries, available);
        for (const cut of cutOffs) {
          let sum = 0;
          for (const e of entries) {
            const row = rows.get(e.applicationId)!;
            if (!inRace(e.status)) {
              assert.deepEqual(row.runningPerYear, {});
              continue;
            }
            sum += e.requestedPerYear[cut.year] ?? 0;
            assert.equal(row.runningPerYear[cut.year], sum);
            const below = cut.beforeRank !== undefined && e.rank >= cut.beforeRank;
            assert.equal(sum > available.get(cut.year)!, below, `rank ${e.rank} in ${cut.year}`);
            assert.equal(row.beyond.includes(cut.year), below && (e.requestedPerYear[cut.year] ?? 0) > 0);
          }
        }
      },
    ),
  );
});
