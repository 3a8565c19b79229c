// Who would be a good mentor for whom, and the best pairing of a whole round. Pure: every score
// comes with its reasons as keys with params, so the page says why ("both speak Turkish", "wants
// to learn public speaking, which she can pass on"). The programme-wide pairing maximises the total
// fit (network's optimalAssignment, the Hungarian method), not greedily pair by pair.
import type { FieldIssue } from '../../../core/http/form';
import { issue } from '../../../core/http/form';

/** What mentees want to learn and mentors can pass on. */
export const topics = [
  'councilWork',
  'publicSpeaking',
  'motions',
  'associationWork',
  'funding',
  'media',
  'networking',
  'compatibility',
] as const;

/** How much each part counts, out of 100: the goals matter most, then a shared language, then nearness. */
export const mentoringWeights = { topics: 50, languages: 30, region: 20 } as const;

export interface MentoringProfile {
  id: string;
  languages: readonly string[];
  topics: readonly string[];
  region: string;
}

export interface Reason {
  key: string;
  params?: Record<string, string | number | string[]>;
}

export interface PersonFit {
  score: number;
  reasons: Reason[];
}

const shared = (a: readonly string[], b: readonly string[]) => {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => other.has(x)).sort();
};

const sameRegion = (a: string, b: string) => a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();

/** How well `mentor` fits `mentee`, with the reasons; no shared language means no pair (score 0). */
export function mentorFit(mentee: MentoringProfile, mentor: MentoringProfile): PersonFit {
  const languages = shared(mentee.languages, mentor.languages);
  if (languages.length === 0) return { score: 0, reasons: [{ key: 'activities:mentoring.reason.noLanguage' }] };
  const reasons: Reason[] = [{ key: 'activities:mentoring.reason.languages', params: { languages } }];
  let points = mentoringWeights.languages;
  const wanted = new Set(mentee.topics);
  const covered = shared(mentee.topics, mentor.topics);
  if (wanted.size > 0) points += (mentoringWeights.topics * covered.length) / wanted.size;
  reasons.push(
    covered.length > 0
      ? { key: 'activities:mentoring.reason.topics', params: { topics: covered, of: wanted.size } }
      : { key: 'activities:mentoring.reason.noTopics' },
  );
  if (sameRegion(mentee.region, mentor.region)) {
    points += mentoringWeights.region;
    reasons.push({ key: 'activities:mentoring.reason.region', params: { region: mentee.region.trim() } });
  }
  return { score: Math.round(points), reasons };
}

/** The mentors for one mentee, best first, with reasons; those that do not fit at all are left out. */
export function suggestMentors(mentee: MentoringProfile, mentors: readonly MentoringProfile[], limit = 3) {
  return mentors
    .map((m) => ({ id: m.id, ...mentorFit(mentee, m) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

/** A pair set by hand: both in the round, on their sides, and neither paired already. */
export function pairIssues(
  pair: { mentorId: string; menteeId: string },
  ctx: { mentors: Set<string>; mentees: Set<string>; pairedMentors: Set<string>; pairedMentees: Set<string> },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!ctx.mentors.has(pair.mentorId)) issues.push(issue('mentorId', 'common:validation.choose'));
  else if (ctx.pairedMentors.has(pair.mentorId))
    issues.push(issue('mentorId', 'activities:mentoring.validation.paired'));
  if (!ctx.mentees.has(pair.menteeId)) issues.push(issue('menteeId', 'common:validation.choose'));
  else if (ctx.pairedMentees.has(pair.menteeId))
    issues.push(issue('menteeId', 'activities:mentoring.validation.paired'));
  return issues;
}
