// A call's ranking at scale: 50 applications a page, ranks and the running totals per budget year
// (of the applications still in the race only) carry on across pages, the cut-off line falls where
// a year's money ends, the budget sums cover the whole call, and the database's scores, also per
// criterion, agree with review-scores.ts (the rules the reviewers' pages use).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { client, makeUser, type TestApp, testApp } from '../../../../test/helpers/app';
import { callInput, programmeInput } from '../../../../test/helpers/funding';
import { createOrganisation } from '../../network/api';
import { blankContent } from '../applications/applications.store';
import { createCall, createProgramme } from '../programmes/programmes.store';
import { type ReviewForScoring, scoreApplications } from '../reviews/review-scores';
import { applications, decisions, type RubricCriterion, reviewAssignments } from '../schema';
import { callRanking, weightedScoreSql } from './ranking.store';

let t: TestApp;
let callId: string;
const system = { id: null, label: 'test' };
const anchors: [string, string, string, string, string] = ['1', '2', '3', '4', '5'];
const rubric: RubricCriterion[] = [
  { id: 'impact', title: 'Wirkung', weight: 3, anchors },
  { id: 'plan', title: 'Planung', weight: 1, anchors },
];
const BUDGET_2027 = 100_000_000; // 1,000,000 €
const COUNT = 63;

interface Made {
  id: string;
  title: string;
  submittedAt: Date;
  requested: Record<number, number>;
  status: string;
}
const made: Made[] = [];
const reviews: ReviewForScoring[] = [];

/** A small seeded generator, so a failure can be repeated. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

before(async () => {
  t = await testApp();
  const programmeId = await createProgramme(
    t.db,
    system,
    programmeInput({
      title: 'Rangliste',
      maxGrantPerYearCents: 50_000_000,
      budgetPerYear: { '2027': BUDGET_2027, '2028': 20_000_000 },
    }),
  );
  callId = await createCall(t.db, system, callInput(programmeId, { title: 'Großer Aufruf', rubric }));
  await makeUser(t.db, 'olga@funder.example', 'programmeOfficer', { scopeKind: 'programme', scopeId: programmeId });
  const org = await createOrganisation(t.db, system, { name: 'Träger Rangliste e. V.', kind: 'carrier' });
  const reviewerIds: string[] = [];
  for (let i = 0; i < 6; i++) reviewerIds.push(await makeUser(t.db, `r${i}@review.example`, 'reviewer'));

  const rnd = random(20261125);
  const appRows: (typeof applications.$inferInsert)[] = [];
  const decisionRows: (typeof decisions.$inferInsert)[] = [];
  const assignmentRows: (typeof reviewAssignments.$inferInsert)[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  for (let i = 0; i < COUNT; i++) {
    const y2027 = (10 + Math.floor(rnd() * 40)) * 100_000; // 10,000 € to 49,000 €
    const y2028 = i % 3 === 0 ? 500_000 : 0;
    const grant = [{ year: 2027, amountCents: y2027 }, ...(y2028 ? [{ year: 2028, amountCents: y2028 }] : [])];
    const title = `Projekt ${String(i + 1).padStart(2, '0')}`;
    const submittedAt = new Date(Date.UTC(2026, 2, 1, 8, i));
    const status = i % 10 === 4 ? 'approved' : i % 10 === 7 ? 'rejected' : 'submitted';
    const id = randomUUID();
    appRows.push({
      id,
      callId,
      organisationId: org,
      stage: 'full',
      status,
      content: {
        ...blankContent(),
        title,
        startDate: '2027-01-01',
        endDate: '2028-12-31',
        plan: { ...blankContent().plan, grant },
      },
      grantTotalCents: y2027 + y2028,
      version: 1,
      submittedAt,
    });
    made.push({ id, title, submittedAt, requested: { 2027: y2027, 2028: y2028 }, status });
    if (status === 'approved')
      decisionRows.push({ applicationId: id, outcome: 'approved', amountsPerYear: { '2027': y2027 - 100_000 } });
    // 0 to 3 reviews in every state: submitted, recused, pending, unsubmitted, one criterion missing
    const who = [...reviewerIds].sort(() => rnd() - 0.5).slice(0, Math.floor(rnd() * 4));
    for (const reviewerId of who) {
      const kind = pick(['submitted', 'submitted', 'submitted', 'conflict', 'pending', 'draft', 'incomplete']);
      const scores =
        kind === 'incomplete'
          ? { impact: { score: 4, comment: '' }, plan: { score: 0, comment: 'noch offen' } }
          : {
              impact: { score: 1 + Math.floor(rnd() * 5), comment: '' },
              plan: { score: 1 + Math.floor(rnd() * 5), comment: '' },
            };
      const declaration = kind === 'conflict' ? 'conflict' : kind === 'pending' ? 'pending' : 'none';
      const submitted = kind === 'submitted' || kind === 'incomplete';
      assignmentRows.push({
        applicationId: id,
        reviewerId,
        declaration,
        scores: declaration === 'none' ? scores : {},
        submittedAt: submitted ? new Date() : null,
      });
      reviews.push({
        applicationId: id,
        reviewerId,
        declaration,
        submitted,
        scores: declaration === 'none' ? scores : {},
      });
    }
  }
  await t.db.insert(applications).values(appRows);
  await t.db.insert(decisions).values(decisionRows);
  await t.db.insert(reviewAssignments).values(assignmentRows);
});
after(() => t.close());

/** The ranking as review-scores.ts computes it: by mean (unscored last), then by submission. */
function expected() {
  const scores = scoreApplications(
    reviews,
    rubric,
    made.map((m) => m.id),
  );
  const rows = made
    .map((m, i) => ({ ...m, score: scores[i]! }))
    .sort((a, b) => (b.score.mean ?? -1) - (a.score.mean ?? -1) || a.submittedAt.getTime() - b.submittedAt.getTime());
  // the running totals of the race by hand: submitted and waitlisted only, per year
  const running = { 2027: 0, 2028: 0 };
  return rows.map((r, i) => {
    const inRace = r.status === 'submitted' || r.status === 'waitlisted';
    if (inRace) {
      running[2027] += r.requested[2027]!;
      running[2028] += r.requested[2028]!;
    }
    // each criterion's mean over the reviews that count: submitted, no conflict, every criterion scored
    const counted = reviews.filter(
      (v) =>
        v.applicationId === r.id &&
        v.submitted &&
        v.declaration === 'none' &&
        rubric.every((c) => (v.scores[c.id]?.score ?? 0) >= 1),
    );
    const criteria = rubric.map((c) =>
      counted.length ? counted.reduce((sum, v) => sum + v.scores[c.id]!.score, 0) / counted.length : undefined,
    );
    return { ...r, rank: i + 1, inRace, running: (inRace ? { ...running } : {}) as Record<number, number>, criteria };
  });
}
/** 2027's budget less what the programme approved for 2027 */
const approved2027 = () =>
  made.filter((m) => m.status === 'approved').reduce((s, m) => s + m.requested[2027]! - 100_000, 0);

const close = (a: number | undefined, b: number | undefined, what: string) => {
  if (a === undefined || b === undefined) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);
};

describe('call ranking', () => {
  test('the database ranks, scores and sums exactly as review-scores.ts does, page by page', async () => {
    const want = expected();
    const got = [
      ...(await callRanking(t.db, { id: callId, rubric }, 1)).rows,
      ...(await callRanking(t.db, { id: callId, rubric }, 2)).rows,
    ];
    assert.equal(got.length, COUNT);
    for (const [i, w] of want.entries()) {
      const g = got[i]!;
      assert.equal(g.applicationId, w.id, `rank ${i + 1}`);
      assert.equal(g.rank, w.rank);
      assert.equal(g.title, w.title);
      assert.equal(g.reviews, w.score.reviews, `reviews of ${w.title}`);
      assert.equal(g.recused, w.score.recused, `recused of ${w.title}`);
      close(g.mean, w.score.mean, `mean of ${w.title}`);
      close(g.spread, w.score.spread, `spread of ${w.title}`);
      close(g.meanZ, w.score.meanZ, `z of ${w.title}`);
      assert.equal(g.inRace, w.inRace, `in the race: ${w.title}`);
      assert.deepEqual(g.runningPerYear, w.running, `running totals at ${w.title}`);
      for (const [k, c] of w.criteria.entries()) close(g.criteria[k], c, `criterion ${k} of ${w.title}`);
    }
    const { budget, total } = await callRanking(t.db, { id: callId, rubric }, 1);
    assert.equal(total, COUNT);
    const sum = (y: number) => made.reduce((s, m) => s + (m.requested[y] ?? 0), 0);
    assert.deepEqual(budget, [
      { year: 2027, requestedCents: sum(2027), approvedCents: approved2027(), budgetCents: BUDGET_2027 },
      { year: 2028, requestedCents: sum(2028), approvedCents: 0, budgetCents: 20_000_000 },
    ]);
    assert.deepEqual((await callRanking(t.db, { id: callId, rubric }, 9)).rows, [], 'past the end');
    assert.equal((await callRanking(t.db, { id: callId, rubric }, 9)).total, COUNT);
  });

  test('the officer pages through 50 applications at a time; running totals and ranks carry on across pages', async () => {
    const want = expected();
    const olga = client(t);
    await olga.signIn('olga@funder.example');
    const bodyRows = (p: {
      html: {
        querySelectorAll(s: string): {
          getAttribute(n: string): string | undefined;
          text: string;
          querySelectorAll(s: string): { getAttribute(n: string): string | undefined; text: string }[];
        }[];
      };
    }) => {
      const all = p.html.querySelectorAll('table')[0]!.querySelectorAll('tbody tr');
      return {
        rows: all.filter((r) => !(r.getAttribute('class') ?? '').includes('ranking-cutoff')),
        all,
      };
    };
    const first = await olga.get(`/de/funding/calls/${callId}/ranking`);
    assert.equal(first.status, 200);
    const page1 = bodyRows(first);
    const rows1 = page1.rows;
    assert.equal(rows1.length, 50);
    assert.match(rows1[0]!.text, new RegExp(`1\\. ${want[0]!.title}`));
    const headers = first.html
      .querySelectorAll('table')[0]!
      .querySelectorAll('thead th')
      .map((h) => h.text.trim());
    for (const h of ['Wirkung', 'Planung', 'Summe 2027 bis hier', 'Summe 2028 bis hier'])
      assert.ok(headers.includes(h), `a column ${h}`);
    const next = first.html.querySelector('a[rel="next"]');
    assert.equal(next?.getAttribute('href'), `/de/funding/calls/${callId}/ranking?page=2`);

    const second = await olga.get(`/de/funding/calls/${callId}/ranking?page=2`);
    const rows2 = bodyRows(second).rows;
    assert.equal(rows2.length, COUNT - 50);
    const euro = (cents: number) =>
      new Intl.NumberFormat('de', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
    const w = want.slice(50).find((x) => x.inRace)!;
    const row = rows2[w.rank - 51]!;
    assert.match(row.text, new RegExp(`${w.rank}\\. ${w.title}`));
    assert.ok(row.text.includes(euro(w.running[2027]!)), 'the running total includes page 1');
    assert.ok(second.html.querySelector('a[rel="prev"]'));

    // the budget table sums the whole call on every page
    for (const p of [first, second]) {
      const budget = p.html.querySelectorAll('table')[1]!.querySelectorAll('tbody tr');
      assert.equal(budget.length, 2);
      const requested2027 = made.reduce((s, m) => s + m.requested[2027]!, 0);
      assert.ok(budget[0]!.text.includes(euro(requested2027)), 'requested in 2027, all pages');
    }

    // 2027's money (the budget less the approvals) ends before the first application in the race it no
    // longer covers: the line is drawn there, and from there each one asking for 2027 is "beyond"
    const available = BUDGET_2027 - approved2027();
    const firstBeyond = want.find((x) => x.inRace && x.running[2027]! > available)!;
    assert.ok(firstBeyond && firstBeyond.rank <= 50, 'the line falls on page 1');
    const lines = page1.all.filter((r) => (r.getAttribute('class') ?? '').includes('ranking-cutoff'));
    assert.equal(lines.length, 1, 'one line: 2028 covers everyone');
    assert.match(lines[0]!.text, /Budgetgrenze 2027: .* verfügbar/);
    assert.ok(lines[0]!.text.includes(euro(available)), 'naming what 2027 has left');
    const lineAt = page1.all.indexOf(lines[0]!);
    assert.match(page1.all[lineAt + 1]!.text, new RegExp(`^\\s*${firstBeyond.rank}\\. `), 'right above it');
    const all = [...rows1, ...rows2];
    for (const x of want)
      assert.equal(
        all[x.rank - 1]!.text.includes('über dem Budget'),
        x.inRace && x.rank >= firstBeyond.rank && x.requested[2027]! > 0,
        `badge at rank ${x.rank}`,
      );
    // applications out of the race add nothing: a rejected one after the line says so
    const out = want.find((x) => !x.inRace)!;
    assert.match(all[out.rank - 1]!.text, /zählt nicht/);
    assert.match(first.html.querySelectorAll('table')[1]!.text, new RegExp(`vor Rang ${firstBeyond.rank}`));
  });

  test('a rubric without weight ranks nobody; criterion ids are parameters, not SQL', () => {
    assert.match(JSON.stringify(weightedScoreSql([])), /null::float8/);
    const q = weightedScoreSql([{ id: "x'); drop table users; --", title: '', weight: 1, anchors }]);
    assert.ok(!JSON.stringify(q.queryChunks.filter((c) => typeof c === 'object' && 'value' in c)).includes('drop'));
  });
});
