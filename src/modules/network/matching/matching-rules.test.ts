import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  compareAssignment,
  distanceKm,
  optimalAssignment,
  type PartnerProfile,
  partnerFit,
  suggestPartners,
} from './matching-rules';

const berlin = { lat: 52.52, lon: 13.405 };
const potsdam = { lat: 52.3906, lon: 13.0645 };
const hamburg = { lat: 53.5511, lon: 9.9937 };

const profile = (id: string, over: Partial<PartnerProfile> = {}): PartnerProfile => ({
  id,
  position: berlin,
  fieldsOfWork: ['education', 'participation'],
  languages: ['de', 'tr'],
  capacity: 1,
  ...over,
});

describe('distance between municipalities', () => {
  test('Berlin to Hamburg is about 255 km, Berlin to Potsdam about 27 km', () => {
    assert.equal(distanceKm(berlin, hamburg), 255);
    assert.equal(distanceKm(berlin, potsdam), 27);
    assert.equal(distanceKm(berlin, berlin), 0);
  });
});

describe('a suggested partner says why', () => {
  test('distance, shared fields, shared languages and free places are all named', () => {
    const fit = partnerFit(
      profile('mo'),
      profile('carrier', { position: potsdam, fieldsOfWork: ['education'], languages: ['de', 'ar'], capacity: 2 }),
    );
    assert.deepEqual(fit.reasons, [
      { key: 'network:match.distance', params: { km: 27 } },
      { key: 'network:match.sharedFields', params: { fields: ['education'] } },
      { key: 'network:match.sharedLanguages', params: { languages: ['de'] } },
      { key: 'network:match.capacity', params: { places: 2 } },
    ]);
    // 40 × (1 − 27/150) + 35 × 1/2 + 25 × 1/2
    assert.equal(fit.score, Math.round(40 * (1 - 27 / 150) + 17.5 + 12.5));
  });

  test('the same place, fields and languages is a full fit', () => {
    assert.equal(partnerFit(profile('a'), profile('b')).score, 100);
  });

  test('an organisation without free places is not suggested, and the reason says so', () => {
    const fit = partnerFit(profile('a'), profile('b', { capacity: 0 }));
    assert.deepEqual(fit, { score: 0, reasons: [{ key: 'network:match.noCapacity' }] });
    assert.deepEqual(suggestPartners(profile('a'), [profile('b', { capacity: 0 })]), []);
  });

  test('a far partner gets nothing for nearness but is still named with its distance', () => {
    const fit = partnerFit(profile('a'), profile('b', { position: hamburg }));
    assert.deepEqual(fit.reasons[0], { key: 'network:match.far', params: { km: 255 } });
    assert.equal(fit.score, 60);
  });

  test('an unknown municipality is said, not guessed', () => {
    const fit = partnerFit(profile('a', { position: undefined }), profile('b'));
    assert.deepEqual(fit.reasons[0], { key: 'network:match.noPosition' });
    assert.equal(fit.score, 60);
  });

  test('suggestions come best first, never the seeker itself', () => {
    const seeker = profile('mo');
    const list = suggestPartners(seeker, [
      profile('far', { position: hamburg }),
      seeker,
      profile('near'),
      profile('other-languages', { languages: ['uk'] }),
    ]);
    assert.deepEqual(
      list.map((s) => s.id),
      ['near', 'other-languages', 'far'],
    );
  });
});

// every one-to-one pairing, for checking the optimum on small cases
function bruteForceBest(scores: number[][]): number {
  const cols = scores[0]?.length ?? 0;
  const walk = (row: number, used: Set<number>): number => {
    if (row === scores.length) return 0;
    let best = walk(row + 1, used); // this row stays unpaired
    for (let c = 0; c < cols; c++) {
      if (used.has(c)) continue;
      used.add(c);
      best = Math.max(best, (scores[row]?.[c] ?? 0) + walk(row + 1, used));
      used.delete(c);
    }
    return best;
  };
  return walk(0, new Set());
}

describe('the programme-wide pairing', () => {
  test('takes a lesser pair when that frees a better one (greedy would not)', () => {
    const s: Record<string, number> = { 'a-x': 90, 'a-y': 80, 'b-x': 85, 'b-y': 10 };
    const best = optimalAssignment(['a', 'b'], ['x', 'y'], (l, r) => s[`${l}-${r}`] ?? 0);
    assert.deepEqual(best.pairs, [
      { left: 'a', right: 'y', score: 80 },
      { left: 'b', right: 'x', score: 85 },
    ]);
    assert.equal(best.total, 165); // greedy (a-x first) gives 100
  });

  test('leaves out pairs that do not fit at all', () => {
    const best = optimalAssignment(['a', 'b'], ['x', 'y'], (l, r) => (l === 'a' && r === 'x' ? 50 : 0));
    assert.deepEqual(best.pairs, [{ left: 'a', right: 'x', score: 50 }]);
  });

  test('is optimal against brute force on small cases, either side longer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 25, maxLength: 25 }),
        (rows, cols, cells) => {
          const scores = Array.from({ length: rows }, (_, r) => cells.slice(r * 5, r * 5 + cols));
          const left = scores.map((_, r) => `l${r}`);
          const right = (scores[0] ?? []).map((_, c) => `r${c}`);
          const best = optimalAssignment(left, right, (l, r) => scores[Number(l.slice(1))]?.[Number(r.slice(1))] ?? 0);
          assert.equal(best.total, bruteForceBest(scores));
          // one-to-one
          assert.equal(new Set(best.pairs.map((p) => p.left)).size, best.pairs.length);
          assert.equal(new Set(best.pairs.map((p) => p.right)).size, best.pairs.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('compared with the current pairs: the gain and who would change', () => {
    const s: Record<string, number> = { 'a-x': 90, 'a-y': 80, 'b-x': 85, 'b-y': 10 };
    const score = (l: string, r: string) => s[`${l}-${r}`] ?? 0;
    const optimal = optimalAssignment(['a', 'b'], ['x', 'y'], score);
    const cmp = compareAssignment(
      [
        { left: 'a', right: 'x' },
        { left: 'b', right: 'y' },
      ],
      optimal,
      score,
    );
    assert.equal(cmp.current.total, 100);
    assert.equal(cmp.gain, 65);
    assert.deepEqual(cmp.changed, ['a', 'b']);
  });
});
