// How reviews become a ranking: weighted rubric scores, the mean of a call's reviews per
// application (recused reviews are left out, not counted as zero), the spread that shows
// disagreement, and each reviewer's scores standardised against their own habits (z-scores).
import { type FieldIssue, issue } from '../../../core/http/form';
import type { RubricCriterion } from '../schema';

export interface CriterionScore {
  score: number;
  comment: string;
}

export interface ReviewForScoring {
  applicationId: string;
  reviewerId: string;
  declaration: 'pending' | 'none' | 'conflict';
  submitted: boolean;
  scores: Record<string, CriterionScore>;
}

/** Weighted mean on the 1–5 scale; undefined until every criterion has a score. */
export function weightedScore(scores: Record<string, CriterionScore>, rubric: RubricCriterion[]): number | undefined {
  if (rubric.length === 0) return undefined;
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores[c.id]?.score;
    if (s === undefined || !Number.isInteger(s) || s < 1 || s > 5) return undefined;
    sum += s * c.weight;
    weights += c.weight;
  }
  return weights > 0 ? sum / weights : undefined;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1), as R's sd(). */
export function sd(xs: number[]): number | undefined {
  if (xs.length < 2) return undefined;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

export interface ApplicationScore {
  applicationId: string;
  reviews: number;
  recused: number;
  mean: number | undefined;
  min: number | undefined;
  max: number | undefined;
  spread: number | undefined;
  sd: number | undefined;
  meanZ: number | undefined;
}

export function scoreApplications(
  reviews: ReviewForScoring[],
  rubric: RubricCriterion[],
  applicationIds: string[],
): ApplicationScore[] {
  const counted = reviews
    .filter((r) => r.submitted && r.declaration === 'none')
    .map((r) => ({ ...r, value: weightedScore(r.scores, rubric) }))
    .filter((r): r is typeof r & { value: number } => r.value !== undefined);

  // each reviewer's own mean and spread across the call, for z-standardisation
  const byReviewer = new Map<string, number[]>();
  for (const r of counted) byReviewer.set(r.reviewerId, [...(byReviewer.get(r.reviewerId) ?? []), r.value]);
  const z = (reviewerId: string, value: number) => {
    const xs = byReviewer.get(reviewerId) ?? [];
    const s = sd(xs);
    return s && s > 0 ? (value - mean(xs)) / s : undefined;
  };

  return applicationIds.map((applicationId) => {
    const mine = counted.filter((r) => r.applicationId === applicationId);
    const values = mine.map((r) => r.value);
    const zs = mine.map((r) => z(r.reviewerId, r.value)).filter((x): x is number => x !== undefined);
    const recused = reviews.filter((r) => r.applicationId === applicationId && r.declaration === 'conflict').length;
    return {
      applicationId,
      reviews: values.length,
      recused,
      mean: values.length ? mean(values) : undefined,
      min: values.length ? Math.min(...values) : undefined,
      max: values.length ? Math.max(...values) : undefined,
      spread: values.length ? Math.max(...values) - Math.min(...values) : undefined,
      sd: sd(values),
      meanZ: zs.length ? mean(zs) : undefined,
    };
  });
}

/**
 * Balanced assignment: each application gets `perApplication` reviewers, always the ones with the
 * fewest assignments so far (ties by id, so the result is stable), never a reviewer twice and
 * never one who declared a conflict with that application's carrier before.
 */
/**
 * How much a shared field of action counts against load: a reviewer who knows the field is chosen
 * over others as long as they have fewer than this many assignments more. Large enough to matter,
 * small enough that experts are not buried while others wait.
 */
export const topicPreference = 2;

export function balanceAssignments(input: {
  applicationIds: string[];
  reviewerIds: string[];
  existing: { applicationId: string; reviewerId: string }[];
  excluded?: { applicationId: string; reviewerId: string }[];
  perApplication: number;
  /** fields of action per application and per reviewer; without them, load alone decides */
  topics?: { ofApplication: Map<string, string[]>; ofReviewer: Map<string, string[]> };
}): { applicationId: string; reviewerId: string }[] {
  const load = new Map(input.reviewerIds.map((r) => [r, 0]));
  for (const e of input.existing) if (load.has(e.reviewerId)) load.set(e.reviewerId, (load.get(e.reviewerId) ?? 0) + 1);
  const taken = new Set(
    [...input.existing, ...(input.excluded ?? [])].map((e) => `${e.applicationId}/${e.reviewerId}`),
  );
  const knows = (applicationId: string, reviewerId: string) => {
    const fields = input.topics?.ofApplication.get(applicationId) ?? [];
    const topics = input.topics?.ofReviewer.get(reviewerId) ?? [];
    return fields.some((f) => topics.includes(f));
  };
  const out: { applicationId: string; reviewerId: string }[] = [];
  for (const applicationId of input.applicationIds) {
    const have = input.existing.filter((e) => e.applicationId === applicationId).length;
    for (let k = have; k < input.perApplication; k++) {
      const cost = (r: string, l: number) => l - (knows(applicationId, r) ? topicPreference : 0);
      const candidate = [...load.entries()]
        .filter(([r]) => !taken.has(`${applicationId}/${r}`))
        .sort((a, b) => cost(a[0], a[1]) - cost(b[0], b[1]) || a[1] - b[1] || a[0].localeCompare(b[0]))[0];
      if (!candidate) break;
      out.push({ applicationId, reviewerId: candidate[0] });
      taken.add(`${applicationId}/${candidate[0]}`);
      load.set(candidate[0], candidate[1] + 1);
    }
  }
  return out;
}

// ---- who may be assigned, and what an automatic assignment did ----

/**
 * The application statuses in which reviewers are assigned: submitted and neither decided
 * (approved, rejected, waitlisted), returned to the carrier, invited to a full application nor
 * withdrawn. Only then is the review still to be done.
 */
export const reviewStatuses = ['submitted'] as const;
export const underReview = (status: string) => (reviewStatuses as readonly string[]).includes(status);

/** Reviewers are assigned only while every application concerned is under review; the message names the status. */
export function assignmentStatusIssues(applications: readonly { status: string }[], field: string): FieldIssue[] {
  const off = applications.find((a) => !underReview(a.status));
  return off
    ? [issue(field, 'funding:assign.notUnderReview', { status: { key: `funding:status.${off.status}` } })]
    : [];
}

/** An application still short of reviewers after an automatic assignment, and why. */
export interface AssignmentShortfall {
  applicationId: string;
  /** reviewers without a conflict it has now */
  have: number;
  needed: number;
  /** 'noReviewers': nobody reviews at all; 'fewWithoutConflict': fewer reviewers without a conflict than needed */
  reason: 'noReviewers' | 'fewWithoutConflict';
  /** reviewers who could review it at all (not recused from it) */
  withoutConflict: number;
  /** reviewers recused from it */
  conflicts: number;
}

/** An application whose reviewers all lack its fields of action, and whether anyone could have matched. */
export interface TopicMiss {
  applicationId: string;
  /** 'noneInPool': no reviewer names one of its fields; 'noneAssigned': some do, none of them is assigned */
  reason: 'noneInPool' | 'noneAssigned';
}

export interface AssignmentReport {
  assigned: number;
  short: AssignmentShortfall[];
  topics: TopicMiss[];
}

/**
 * What an automatic assignment leaves: how many assignments it made, each application still below
 * `perApplication` reviewers without a conflict with the reason, and each application with fields
 * of action that none of its reviewers knows. `made` are the new assignments (balanceAssignments).
 */
export function assignmentReport(
  input: Parameters<typeof balanceAssignments>[0],
  made: readonly { applicationId: string; reviewerId: string }[],
): AssignmentReport {
  const pool = new Set(input.reviewerIds);
  const short: AssignmentShortfall[] = [];
  const topics: TopicMiss[] = [];
  for (const applicationId of input.applicationIds) {
    const mine = [...input.existing, ...made].filter((e) => e.applicationId === applicationId);
    const reviewers = new Set(mine.map((e) => e.reviewerId));
    const recused = new Set(
      (input.excluded ?? [])
        .filter((e) => e.applicationId === applicationId && pool.has(e.reviewerId))
        .map((e) => e.reviewerId),
    );
    if (reviewers.size < input.perApplication) {
      const withoutConflict = [...pool].filter((r) => !recused.has(r)).length;
      short.push({
        applicationId,
        have: reviewers.size,
        needed: input.perApplication,
        reason: pool.size === 0 ? 'noReviewers' : 'fewWithoutConflict',
        withoutConflict,
        conflicts: recused.size,
      });
    }
    const fields = input.topics?.ofApplication.get(applicationId) ?? [];
    if (fields.length === 0 || reviewers.size === 0) continue;
    const knows = (r: string) => (input.topics?.ofReviewer.get(r) ?? []).some((x) => fields.includes(x));
    if ([...reviewers].some(knows)) continue;
    topics.push({
      applicationId,
      reason: [...pool].some((r) => !recused.has(r) && knows(r)) ? 'noneAssigned' : 'noneInPool',
    });
  }
  return { assigned: made.length, short, topics };
}

// ---- the reviewer's forms, as rules over what readForm read (review-forms.ts) ----

/** A conflict is declared with its reason. */
export function declarationIssues(form: { declaration: 'none' | 'conflict'; reason: string }): FieldIssue[] {
  return form.declaration === 'conflict' && !form.reason ? [issue('reason', 'funding:review.reasonRequired')] : [];
}

const scoreOf = (typed: string | undefined) => (typed && /^[1-5]$/.test(typed) ? Number(typed) : undefined);

/** Each score is one of 1 to 5; submitting needs a score for every criterion, saving does not. */
export function scoreIssues(
  form: Record<string, string | undefined>,
  ctx: { rubric: readonly RubricCriterion[]; submit: boolean },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const c of ctx.rubric) {
    const typed = form[`score-${c.id}`] ?? '';
    if (typed === '') {
      if (ctx.submit) issues.push(issue(`score-${c.id}`, 'funding:review.scoreRequired'));
    } else if (scoreOf(typed) === undefined) issues.push(issue(`score-${c.id}`, 'common:validation.choose'));
  }
  return issues;
}

/** The scores to keep: each scored criterion, and a comment without a score yet as score 0 (a draft). */
export function scoresOf(
  form: Record<string, string | undefined>,
  rubric: readonly RubricCriterion[],
): Record<string, CriterionScore> {
  const scores: Record<string, CriterionScore> = {};
  for (const c of rubric) {
    const score = scoreOf(form[`score-${c.id}`]);
    const comment = form[`comment-${c.id}`] ?? '';
    if (score !== undefined) scores[c.id] = { score, comment };
    else if (comment) scores[c.id] = { score: 0, comment };
  }
  return scores;
}
