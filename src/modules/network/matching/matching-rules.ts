// Who would make a good partner for whom, and the best one-to-one pairing of a whole programme.
// Pure: no I/O. Every score comes with the reasons behind it, as keys with params, so the page can
// say why an organisation is suggested ("32 km away", "both work on education") in the reader's
// language.
import { munkres } from 'munkres';

/** What the matching knows of an organisation looking for, or offering, a partnership. */
export interface PartnerProfile {
  id: string;
  /** centroid of the organisation's municipality (from its AGS); absent when the key is unknown */
  position?: { lat: number; lon: number };
  fieldsOfWork: readonly string[];
  languages: readonly string[];
  /** how many more partnerships the organisation can take on; 0 means none */
  capacity: number;
}

export interface MatchReason {
  key: string;
  params?: Record<string, unknown>;
}

export interface Fit {
  /** 0 (no fit, never suggested) to 100 */
  score: number;
  reasons: MatchReason[];
}

/**
 * How much each part counts, out of 100. Nearness counts most: tandems meet in person, and a
 * partner three hours away rarely stays one.
 */
export const fitWeights = { distance: 40, fields: 35, languages: 25 } as const;
/** Beyond this distance nearness adds nothing. */
export const farKm = 150;

const earthRadiusKm = 6371.0088;

/** Great-circle distance in km (haversine), rounded to whole km as people read it. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h))));
}

const shared = (a: readonly string[], b: readonly string[]) => {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => other.has(x)).sort();
};

/** Share of the seeker's entries the candidate also has (0 when the seeker named none). */
const coverage = (seeker: readonly string[], both: readonly string[]) =>
  new Set(seeker).size === 0 ? 0 : both.length / new Set(seeker).size;

/**
 * How well `candidate` fits `seeker`, with the reasons. A candidate without free capacity, or the
 * seeker itself, scores 0 and says why.
 */
export function partnerFit(seeker: PartnerProfile, candidate: PartnerProfile): Fit {
  if (candidate.id === seeker.id) return { score: 0, reasons: [{ key: 'network:match.self' }] };
  if (candidate.capacity <= 0) return { score: 0, reasons: [{ key: 'network:match.noCapacity' }] };
  const reasons: MatchReason[] = [];
  let points = 0;

  if (seeker.position && candidate.position) {
    const km = distanceKm(seeker.position, candidate.position);
    points += fitWeights.distance * Math.max(0, 1 - km / farKm);
    reasons.push({ key: km <= farKm ? 'network:match.distance' : 'network:match.far', params: { km } });
  } else {
    reasons.push({ key: 'network:match.noPosition' });
  }

  const fields = shared(seeker.fieldsOfWork, candidate.fieldsOfWork);
  points += fitWeights.fields * coverage(seeker.fieldsOfWork, fields);
  reasons.push(
    fields.length > 0
      ? { key: 'network:match.sharedFields', params: { fields } }
      : { key: 'network:match.noSharedFields' },
  );

  const languages = shared(seeker.languages, candidate.languages);
  points += fitWeights.languages * coverage(seeker.languages, languages);
  reasons.push(
    languages.length > 0
      ? { key: 'network:match.sharedLanguages', params: { languages } }
      : { key: 'network:match.noSharedLanguages' },
  );

  reasons.push({ key: 'network:match.capacity', params: { places: candidate.capacity } });
  return { score: Math.round(points), reasons };
}

export interface Suggestion extends Fit {
  id: string;
}

/** The best `limit` candidates for `seeker`, best first (ties by id, so the order is stable); no zero scores. */
export function suggestPartners(
  seeker: PartnerProfile,
  candidates: readonly PartnerProfile[],
  limit = 10,
): Suggestion[] {
  return candidates
    .map((c) => ({ id: c.id, ...partnerFit(seeker, c) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

export interface Pair {
  left: string;
  right: string;
  score: number;
}

export interface Assignment {
  pairs: Pair[];
  total: number;
}

/**
 * The one-to-one pairing of `left` with `right` (say, migrant organisations with established
 * carriers) that maximises the total score (Hungarian method, `munkres`); not greedy, so a
 * slightly worse pair is taken when it frees a much better one elsewhere. Pairs scoring 0 are
 * left out: nobody is put with a partner that does not fit. Either side may be longer.
 */
export function optimalAssignment(
  left: readonly string[],
  right: readonly string[],
  score: (left: string, right: string) => number,
): Assignment {
  if (left.length === 0 || right.length === 0) return { pairs: [], total: 0 };
  const scores = left.map((l) => right.map((r) => Math.max(0, score(l, r))));
  const best = Math.max(0, ...scores.flat());
  // cost = best − score turns the maximum total score into the minimum total cost
  const assigned = munkres(scores.map((row) => row.map((s) => best - s)));
  const pairs = assigned
    .map(([y, x]) => ({ left: left[y] as string, right: right[x] as string, score: scores[y]?.[x] ?? 0 }))
    .filter((p) => p.score > 0)
    .sort((a, b) => (a.left < b.left ? -1 : a.left > b.left ? 1 : 0));
  return { pairs, total: pairs.reduce((sum, p) => sum + p.score, 0) };
}

export interface AssignmentComparison {
  current: Assignment;
  optimal: Assignment;
  /** what the optimal pairing would gain over the current one, in score points */
  gain: number;
  /** left-side ids whose partner would change (or who would get one, or lose theirs) */
  changed: string[];
}

/** The current pairs against the optimal pairing, for the officer deciding whether to suggest changes. */
export function compareAssignment(
  current: readonly { left: string; right: string }[],
  optimal: Assignment,
  score: (left: string, right: string) => number,
): AssignmentComparison {
  const currentPairs = current.map((p) => ({ ...p, score: Math.max(0, score(p.left, p.right)) }));
  const currentTotal = currentPairs.reduce((sum, p) => sum + p.score, 0);
  const now = new Map(current.map((p) => [p.left, p.right]));
  const then = new Map(optimal.pairs.map((p) => [p.left, p.right]));
  const changed = [...new Set([...now.keys(), ...then.keys()])].filter((id) => now.get(id) !== then.get(id)).sort();
  return {
    current: { pairs: currentPairs, total: currentTotal },
    optimal,
    gain: optimal.total - currentTotal,
    changed,
  };
}
