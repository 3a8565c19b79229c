import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readForm } from '../../../core/http/form';
import type { RubricCriterion } from '../schema';
import { declarationForm, scoresForm } from './review-forms';
import {
  assignmentReport,
  assignmentStatusIssues,
  balanceAssignments,
  declarationIssues,
  type ReviewForScoring,
  scoreApplications,
  scoreIssues,
  scoresOf,
  sd,
  topicPreference,
  weightedScore,
} from './review-scores';

const anchors: RubricCriterion['anchors'] = ['1', '2', '3', '4', '5'];
const rubric: RubricCriterion[] = [
  { id: 'a', title: 'A', weight: 3, anchors },
  { id: 'b', title: 'B', weight: 1, anchors },
];
const s = (a: number, b: number) => ({ a: { score: a, comment: '' }, b: { score: b, comment: '' } });
const review = (
  applicationId: string,
  reviewerId: string,
  a: number,
  b: number,
  declaration: ReviewForScoring['declaration'] = 'none',
): ReviewForScoring => ({
  applicationId,
  reviewerId,
  declaration,
  submitted: declaration === 'none',
  scores: s(a, b),
});

test('weighted score follows the criteria weights and needs every criterion', () => {
  assert.equal(weightedScore(s(5, 1), rubric), 4); // (3·5 + 1·1) / 4
  assert.equal(weightedScore({ a: { score: 5, comment: '' } }, rubric), undefined);
  assert.equal(weightedScore(s(6, 1), rubric), undefined, 'outside the 1–5 scale');
});

test('sd is the sample standard deviation, as R: sd(c(2, 4, 4, 4, 5, 5, 7, 9)) = 2.13809', () => {
  assert.equal(sd([2, 4, 4, 4, 5, 5, 7, 9])?.toFixed(5), '2.13809');
  assert.equal(sd([3]), undefined);
});

test('a recused review leaves the mean instead of lowering it', () => {
  const [x] = scoreApplications([review('x', 'r1', 4, 4), review('x', 'r2', 2, 2, 'conflict')], rubric, ['x']);
  assert.equal(x?.mean, 4);
  assert.equal(x?.reviews, 1);
  assert.equal(x?.recused, 1);
});

test('spread shows disagreement; z-scores correct for a strict and a lenient reviewer', () => {
  // r1 is strict (scores 2 and 3), r2 lenient (4 and 5): both prefer y to x by one point
  const reviews = [review('x', 'r1', 2, 2), review('y', 'r1', 3, 3), review('x', 'r2', 4, 4), review('y', 'r2', 5, 5)];
  const [x, y] = scoreApplications(reviews, rubric, ['x', 'y']);
  assert.equal(x?.spread, 2);
  assert.equal(x?.mean, 3);
  assert.equal(y?.mean, 4);
  // each reviewer: mean 2.5 (or 4.5), sd 0.7071 → z = ∓0.7071
  assert.equal(x?.meanZ?.toFixed(4), '-0.7071');
  assert.equal(y?.meanZ?.toFixed(4), '0.7071');
});

test('balanced assignment spreads load evenly and never assigns twice', () => {
  const apps = ['a1', 'a2', 'a3', 'a4', 'a5'];
  const out = balanceAssignments({
    applicationIds: apps,
    reviewerIds: ['r1', 'r2', 'r3'],
    existing: [],
    perApplication: 2,
  });
  assert.equal(out.length, 10);
  const load = ['r1', 'r2', 'r3'].map((r) => out.filter((o) => o.reviewerId === r).length);
  assert.ok(Math.max(...load) - Math.min(...load) <= 1, `load ${load}`);
  const excluded = balanceAssignments({
    applicationIds: ['a1'],
    reviewerIds: ['r1', 'r2'],
    existing: [],
    excluded: [{ applicationId: 'a1', reviewerId: 'r1' }],
    perApplication: 2,
  });
  assert.deepEqual(excluded, [{ applicationId: 'a1', reviewerId: 'r2' }], 'a recused reviewer is not assigned again');
});

test('property: balanced assignment never repeats a pair and keeps loads within one', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 3 }),
      (nApps, nRev, per) => {
        const apps = Array.from({ length: nApps }, (_, i) => `a${i}`);
        const revs = Array.from({ length: nRev }, (_, i) => `r${i}`);
        const out = balanceAssignments({ applicationIds: apps, reviewerIds: revs, existing: [], perApplication: per });
        const pairs = new Set(out.map((o) => `${o.applicationId}/${o.reviewerId}`));
        assert.equal(pairs.size, out.length);
        assert.equal(out.length, nApps * Math.min(per, nRev));
        const load = revs.map((r) => out.filter((o) => o.reviewerId === r).length);
        assert.ok(Math.max(...load) - Math.min(...load) <= 1);
      },
    ),
  );
});

test('assignment prefers a reviewer who knows the field of action, within the load preference', () => {
  const topics = {
    ofApplication: new Map([
      ['a1', ['parents']],
      ['a2', ['parents']],
      ['a3', ['parents']],
      ['a4', ['parents']],
    ]),
    ofReviewer: new Map([
      ['expert', ['parents', 'language']],
      ['other', ['work']],
    ]),
  };
  const out = balanceAssignments({
    applicationIds: ['a1', 'a2', 'a3', 'a4'],
    reviewerIds: ['expert', 'other'],
    existing: [],
    perApplication: 1,
    topics,
  });
  // the expert is preferred until two ahead of the other; at equal cost the less loaded is chosen
  assert.deepEqual(
    out.map((o) => o.reviewerId),
    ['expert', 'expert', 'other', 'expert'],
  );
  const byLoad = balanceAssignments({
    applicationIds: ['a1', 'a2', 'a3', 'a4'],
    reviewerIds: ['expert', 'other'],
    existing: [],
    perApplication: 1,
  });
  assert.deepEqual(
    byLoad.map((o) => o.reviewerId),
    ['expert', 'other', 'expert', 'other'],
    'without topics, load alone decides',
  );
});

test('property: with fields of action, loads stay within the preference plus one and no pair repeats', () => {
  const fields = ['language', 'work', 'parents', 'youth'];
  fc.assert(
    fc.property(
      fc.array(fc.subarray(fields), { minLength: 1, maxLength: 20 }),
      fc.array(fc.subarray(fields), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 3 }),
      (appFields, revTopics, per) => {
        const apps = appFields.map((_, i) => `a${i}`);
        const revs = revTopics.map((_, i) => `r${i}`);
        const out = balanceAssignments({
          applicationIds: apps,
          reviewerIds: revs,
          existing: [],
          perApplication: per,
          topics: {
            ofApplication: new Map(apps.map((a, i) => [a, appFields[i]!])),
            ofReviewer: new Map(revs.map((r, i) => [r, revTopics[i]!])),
          },
        });
        assert.equal(new Set(out.map((o) => `${o.applicationId}/${o.reviewerId}`)).size, out.length);
        assert.equal(out.length, apps.length * Math.min(per, revs.length));
        const load = revs.map((r) => out.filter((o) => o.reviewerId === r).length);
        assert.ok(Math.max(...load) - Math.min(...load) <= topicPreference + 1, `load ${load}`);
      },
    ),
  );
});

// ---- the reviewer's forms ----

const readScores = (body: Record<string, string>) =>
  readForm(scoresForm(rubric), body, { check: (d) => scoreIssues(d, { rubric, submit: d.action === 'submit' }) });
const keysOf = (form: { ok: boolean; errors?: Record<string, { key: string }> }) =>
  form.ok ? {} : Object.fromEntries(Object.entries(form.errors ?? {}).map(([k, v]) => [k, v.key]));

test('submitting a review needs a score from 1 to 5 for every criterion; saving a draft does not', () => {
  assert.deepEqual(keysOf(readScores({ 'score-a': '4', action: 'submit' })), {
    'score-b': 'funding:review.scoreRequired',
  });
  assert.deepEqual(keysOf(readScores({ 'score-a': '4', action: 'save' })), {});
  for (const bad of ['0', '6', '4.5', 'fünf', '-1'])
    assert.deepEqual(keysOf(readScores({ 'score-a': bad, 'score-b': '3', action: 'save' })), {
      'score-a': 'common:validation.choose',
    });
  assert.deepEqual(keysOf(readScores({ 'score-a': '4', 'comment-a': 'x'.repeat(5001), action: 'save' })), {
    'comment-a': 'common:validation.tooLong',
  });
});

test('a draft keeps its scores, and a comment without a score yet as score 0', () => {
  const form = readScores({ 'score-a': '4', 'comment-a': 'gut', 'comment-b': 'noch offen', action: 'save' });
  assert.ok(form.ok);
  assert.deepEqual(scoresOf(form.data, rubric), {
    a: { score: 4, comment: 'gut' },
    b: { score: 0, comment: 'noch offen' },
  });
  assert.equal(weightedScore(scoresOf(form.data, rubric), rubric), undefined, 'a draft has no weighted score');
});

test('a conflict is declared with its reason; "none" needs none', () => {
  const read = (body: Record<string, string>) => keysOf(readForm(declarationForm, body, { check: declarationIssues }));
  assert.deepEqual(read({ declaration: 'conflict', reason: '' }), { reason: 'funding:review.reasonRequired' });
  assert.deepEqual(read({ declaration: 'conflict', reason: 'Vereinsmitglied' }), {});
  assert.deepEqual(read({ declaration: 'none' }), {});
  assert.deepEqual(read({ declaration: 'maybe' }), { declaration: 'common:validation.choose' });
});

test('reviewers are assigned only while an application is under review, and the message names its status', () => {
  assert.deepEqual(assignmentStatusIssues([{ status: 'submitted' }], 'reviewerId'), []);
  for (const status of ['draft', 'returned', 'invited', 'approved', 'rejected', 'waitlisted', 'withdrawn'])
    assert.deepEqual(
      assignmentStatusIssues([{ status: 'submitted' }, { status }], 'perApplication'),
      [
        {
          field: 'perApplication',
          key: 'funding:assign.notUnderReview',
          params: { status: { key: `funding:status.${status}` } },
        },
      ],
      status,
    );
});

test('an automatic assignment reports what it made and, per application still short, why', () => {
  const input = {
    applicationIds: ['x', 'y', 'z'],
    reviewerIds: ['r1', 'r2', 'r3'],
    existing: [{ applicationId: 'z', reviewerId: 'r3' }],
    // two of the three are recused from x, all three from y
    excluded: [
      { applicationId: 'x', reviewerId: 'r1' },
      { applicationId: 'x', reviewerId: 'r2' },
      { applicationId: 'y', reviewerId: 'r1' },
      { applicationId: 'y', reviewerId: 'r2' },
      { applicationId: 'y', reviewerId: 'r3' },
    ],
    perApplication: 2,
  };
  const made = balanceAssignments(input);
  assert.equal(made.length, 2, 'r3 for x, one more for z');
  const report = assignmentReport(input, made);
  assert.equal(report.assigned, 2);
  assert.deepEqual(report.short, [
    { applicationId: 'x', have: 1, needed: 2, reason: 'fewWithoutConflict', withoutConflict: 1, conflicts: 2 },
    { applicationId: 'y', have: 0, needed: 2, reason: 'fewWithoutConflict', withoutConflict: 0, conflicts: 3 },
  ]);
  // the same situation afterwards, with what was made now among the existing: the same shortfalls
  const later = assignmentReport({ ...input, existing: [...input.existing, ...made] }, []);
  assert.deepEqual(later.short, report.short);
  assert.equal(later.assigned, 0);

  const nobody = assignmentReport({ ...input, reviewerIds: [], existing: [], excluded: [] }, []);
  assert.deepEqual(
    nobody.short.map((s) => [s.applicationId, s.reason, s.have]),
    [
      ['x', 'noReviewers', 0],
      ['y', 'noReviewers', 0],
      ['z', 'noReviewers', 0],
    ],
  );
});

test('the report names applications none of whose reviewers knows their field of action', () => {
  const input = {
    applicationIds: ['x', 'y', 'z'],
    reviewerIds: ['r1', 'r2'],
    existing: [],
    perApplication: 1,
    topics: {
      ofApplication: new Map([
        ['x', ['health']],
        ['y', ['parents']],
        ['z', []],
      ]),
      ofReviewer: new Map([
        ['r1', ['parents']],
        ['r2', ['parents']],
      ]),
    },
  };
  const report = assignmentReport(input, balanceAssignments(input));
  assert.deepEqual(report.short, []);
  assert.deepEqual(report.topics, [{ applicationId: 'x', reason: 'noneInPool' }], 'y is matched, z names no field');
  // r1 knows y's field, but y already has its one reviewer, r2, who does not
  const recused = {
    ...input,
    applicationIds: ['y'],
    existing: [{ applicationId: 'y', reviewerId: 'r2' }],
    topics: { ...input.topics, ofReviewer: new Map([['r1', ['parents']]]) },
  };
  assert.deepEqual(assignmentReport(recused, []).topics, [{ applicationId: 'y', reason: 'noneAssigned' }]);
});
