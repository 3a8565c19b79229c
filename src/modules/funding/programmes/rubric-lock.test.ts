// A call's rubric (criteria, weights and what each score means) is locked once a reviewer has
// submitted a score for one of its applications: the ranking compares scores given against it.
// Everything else about the call stays editable.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { criterion, funding, people, type Scene, signedIn, system } from '../../../../test/helpers/funding';
import { saveScores } from '../reviews/reviews.store';
import { calls } from '../schema';
import { callValues } from './calls-views';
import { getCall, updateCall } from './programmes.store';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
let reviewerId: string;
before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene();
  reviewerId = await f.reviewer('rita@review.example');
});
after(() => t.close());

const rubric = [criterion('impact', 'Wirkung', 3), criterion('plan', 'Planung', 1)];

/** A call with the rubric and one submitted application whose reviewer has declared "no conflict". */
async function callWithReview(title: string) {
  const callId = await f.call(scene.programmeId, { title, rubric });
  const applicationId = await f.application({ callId, organisationId: scene.organisationId }, { submit: true });
  const assignmentId = await f.assignment(applicationId, reviewerId, 'none');
  const scores = { impact: { score: 4, comment: '' }, plan: { score: 3, comment: '' } };
  const score = (submit: boolean) =>
    saveScores(t.db, { id: reviewerId, label: 'reviewer' }, assignmentId, scores, submit, t.deps.now());
  return { callId, score };
}

/** The edit form as the officer's browser sends it back, with `overrides`. */
async function formOf(callId: string, overrides: Record<string, string> = {}, withRubric = true) {
  const call = (await getCall(t.db, callId))!;
  const values = Object.entries(callValues(call)).filter(
    (e): e is [string, string] => e[1] !== undefined && (withRubric || !e[0].startsWith('criterion-')),
  );
  return { ...Object.fromEntries(values), ...overrides };
}
const storedRubric = async (callId: string) => (await t.db.select().from(calls).where(eq(calls.id, callId)))[0]?.rubric;

test('while scores are only drafts, the officer still changes the rubric', async () => {
  const { callId, score } = await callWithReview('Entwurf bewertet');
  await score(false);
  const olga = await signedIn(t, people.officer);
  const page = await olga.get(`/de/funding/calls/${callId}/edit`);
  assert.ok(page.html.querySelector('#f-criterion-0-weight'), 'the rubric is a form');
  const res = await olga.post(`/de/funding/calls/${callId}/edit`, await formOf(callId, { 'criterion-0-weight': '2' }));
  assert.equal(res.status, 303);
  assert.equal((await storedRubric(callId))?.[0]?.weight, 2);
});

test('after the first submitted score the edit page shows the rubric read-only with the reason', async () => {
  const { callId, score } = await callWithReview('Gesperrt');
  assert.equal(await score(true), true);
  const olga = await signedIn(t, people.officer);
  const page = await olga.get(`/de/funding/calls/${callId}/edit`);
  assert.equal(page.status, 200);
  assert.equal(page.html.querySelector('#f-criterion-0-weight'), null, 'no field for the weights');
  assert.equal(page.html.querySelectorAll('input[name^="criterion-"]').length, 0, 'nor for any criterion');
  const locked = page.html.querySelector('#f-rubric');
  assert.match(locked?.text ?? '', /bereits eine Bewertung abgeschickt/);
  assert.match(locked?.text ?? '', /Wirkung/);
  assert.ok(page.html.querySelector('#f-title'), 'the other fields stay editable');

  // the page as sent: other fields change, the rubric stays
  const sent = await formOf(callId, { title: 'Gesperrt (neuer Titel)', closesDate: '2098-06-30' }, false);
  const saved = await olga.post(`/de/funding/calls/${callId}/edit`, sent);
  assert.equal(saved.status, 303);
  const [row] = await t.db.select().from(calls).where(eq(calls.id, callId));
  assert.equal(row?.title, 'Gesperrt (neuer Titel)');
  assert.deepEqual(row?.rubric, rubric);
});

test('a changed weight, criterion or anchor after the first submitted score is refused at the rubric', async () => {
  const { callId, score } = await callWithReview('Gesperrt 2');
  await score(true);
  const olga = await signedIn(t, people.officer);
  await olga.get(`/de/funding/calls/${callId}/edit`);
  const changes: Record<string, (body: Record<string, string>) => void> = {
    'a weight': (b) => {
      b['criterion-0-weight'] = '1';
    },
    'a criterion removed': (b) => {
      for (const k of Object.keys(b)) if (k.startsWith('criterion-1-')) b[k] = '';
    },
    'an anchor': (b) => {
      b['criterion-1-a3'] = 'durchschnittlich';
    },
    'a criterion added': (b) => {
      Object.assign(b, { 'criterion-2-title': 'Nachhaltigkeit', 'criterion-2-weight': '1' });
      for (const n of [1, 2, 3, 4, 5]) b[`criterion-2-a${n}`] = String(n);
    },
  };
  for (const [what, change] of Object.entries(changes)) {
    const body = await formOf(callId, { title: 'Nicht gespeichert' });
    change(body);
    const res = await olga.post(`/de/funding/calls/${callId}/edit`, body);
    assert.equal(res.status, 422, what);
    assert.match(res.html.querySelector('.error-summary')?.text ?? '', /Bewertungsraster kann nicht mehr geändert/);
  }
  const [row] = await t.db.select().from(calls).where(eq(calls.id, callId));
  assert.deepEqual(row?.rubric, rubric, 'nothing changed');
  assert.equal(row?.title, 'Gesperrt 2', 'nothing written half');
});

test('the store refuses a changed rubric after a submitted score, whoever calls it', async () => {
  const { callId, score } = await callWithReview('Gesperrt 3');
  await score(true);
  const call = (await getCall(t.db, callId))!;
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = call;
  const result = await updateCall(
    t.db,
    system,
    callId,
    { ...input, rubric: [{ ...rubric[0]!, weight: 5 }, rubric[1]!] },
    t.deps.now(),
  );
  assert.deepEqual(result, { ok: false, issues: [{ field: 'rubric', key: 'funding:call.rubricLocked' }] });
  assert.equal((await storedRubric(callId))?.[0]?.weight, 3);
  assert.deepEqual(await updateCall(t.db, system, callId, { ...input, title: 'Neu' }, t.deps.now()), { ok: true });
});
