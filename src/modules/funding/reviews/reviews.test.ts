// Reviewers declare before they see anything and score on the rubric without seeing others first;
// officers balance assignments or add a reviewer by hand. Each test arranges its own call and
// applications, so the tests run in any order. The ranking and the decision: ../decisions/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { heading, type TestApp, testApp } from '../../../../test/helpers/app';
import { criterion, funding, people, plan, type Scene, signedIn, system } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { reviewAssignments } from '../schema';
import { assignReviewers } from './reviews.store';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
const reviewers: Record<string, string> = {};

before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene({ organisations: ['Verborgener Träger e. V.', 'Anderer Träger e. V.'] });
  for (const r of ['rita', 'rolf', 'ruth']) reviewers[r] = await f.reviewer(`${r}@review.example`);
});
after(() => t.close());

/** A new blind call of the scene's programme with a two-criterion rubric and two submitted applications. */
async function newCall(title: string) {
  const callId = await f.call(scene.programmeId, {
    title,
    rubric: [criterion('impact', 'Wirkung', 3), criterion('plan', 'Planung', 1)],
    blindReview: true,
  });
  const make = (organisationId: string, project: string) =>
    f.application(
      { callId, organisationId },
      {
        submit: true,
        content: {
          title: project,
          summary: `Zusammenfassung von ${project}`,
          partners: [
            {
              name: 'Geheimer Partnerverein',
              isMigrantOrganisation: true,
              role: '',
              tasks: 'Elternarbeit',
              budgetShareBp: 0,
            },
          ],
          plan: plan({ year: 2027, grant: 4_000_000, own: 500_000 }),
        },
      },
    );
  return {
    callId,
    appX: await make(scene.organisationId, `${title} X`),
    appY: await make(scene.otherOrganisationId, `${title} Y`),
  };
}

const captions = (p: { html: { querySelectorAll(s: string): { text: string }[] } }) =>
  p.html.querySelectorAll('caption').map((c) => c.text.trim());
const reviewerClient = (name: string) => signedIn(t, `${name}@review.example`);
const assignmentsOf = (applicationIds: string[]) =>
  t.db.select().from(reviewAssignments).where(inArray(reviewAssignments.applicationId, applicationIds));

describe('assignment', () => {
  test('the officer distributes applications evenly; other officers cannot see the call', async () => {
    const { callId, appX, appY } = await newCall('Verteilung');
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/calls/${callId}/reviews`);
    const res = await olga.post(`/de/funding/calls/${callId}/assign`, { perApplication: '2' });
    assert.equal(res.status, 303);
    const rows = await assignmentsOf([appX, appY]);
    assert.equal(rows.length, 4);
    const load = Object.values(reviewers).map((r) => rows.filter((x) => x.reviewerId === r).length);
    assert.ok(Math.max(...load) - Math.min(...load) <= 1, `load ${load}`);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.equal((await otto.get(`/de/funding/calls/${callId}/ranking`)).status, 404);
    assert.equal((await otto.get(`/de/funding/applications/${appX}`)).status, 404);
    assert.equal((await otto.post(`/de/funding/calls/${callId}/assign`, { perApplication: '1' })).status, 404);
  });

  test('a number of reviewers outside 1 to 10 is named at the field, and nobody is assigned', async () => {
    const { callId, appX, appY } = await newCall('Zu viele');
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/calls/${callId}/reviews`);
    for (const perApplication of ['11', '0', 'zwei']) {
      const res = await olga.post(`/de/funding/calls/${callId}/assign`, { perApplication });
      assert.equal(res.status, 422);
      assert.match(res.html.querySelector('#f-perApplication-error')?.text ?? '', /von 1 bis 10/);
      assert.equal(res.html.querySelector('#f-perApplication')?.getAttribute('value'), perApplication, 'kept as typed');
    }
    assert.equal((await assignmentsOf([appX, appY])).length, 0);
  });

  test('the officer adds a reviewer by hand, among those not yet assigned', async () => {
    const { appX } = await newCall('Von Hand');
    await f.assignment(appX, reviewers.rita!);
    await f.assignment(appX, reviewers.rolf!);
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(`/de/funding/applications/${appX}`);
    const free = page.html.querySelectorAll('#f-reviewerId option').map((o) => o.getAttribute('value'));
    assert.deepEqual(free, [reviewers.ruth], 'only the reviewer not yet assigned is offered');
    const unknown = await olga.post(`/de/funding/applications/${appX}/reviewers`, {
      reviewerId: scene.userIds.carrier,
    });
    assert.equal(unknown.status, 422, 'someone who is no reviewer');
    assert.match(unknown.html.querySelector('#f-reviewerId-error')?.text ?? '', /wählen Sie/);
    assert.equal((await olga.post(`/de/funding/applications/${appX}/reviewers`, { reviewerId: free[0]! })).status, 303);
    assert.equal((await assignmentsOf([appX])).length, 3);
  });
});

describe('reviewing', () => {
  test('before declaring, a reviewer sees neither summary nor scores; others’ assignments are 404', async () => {
    const { appX } = await newCall('Vorher');
    const mine = await f.assignment(appX, reviewers.rita!);
    const rolfs = await f.assignment(appX, reviewers.rolf!);
    const rita = await reviewerClient('rita');
    const page = await rita.get(`/de/reviews/${mine}`);
    assert.equal(heading(page), 'Erklärung zur Befangenheit');
    assert.doesNotMatch(page.body, /Zusammenfassung von Vorher X/);
    assert.doesNotMatch(page.body, /Verborgener Träger/, 'blind review hides the carrier');
    assert.doesNotMatch(page.body, /Geheimer Partnerverein/);
    assert.equal((await rita.get(`/de/reviews/${rolfs}`)).status, 404);
    assert.equal(
      (await rita.post(`/de/reviews/${mine}/scores`, { 'score-impact': '5', 'score-plan': '5', action: 'submit' }))
        .status,
      409,
      'no scores before the declaration',
    );
  });

  test('a conflict needs a reason, recuses the reviewer and never opens the application', async () => {
    const { appX } = await newCall('Befangen');
    const mine = await f.assignment(appX, reviewers.ruth!);
    const ruth = await reviewerClient('ruth');
    await ruth.get(`/de/reviews/${mine}`);
    const noReason = await ruth.post(`/de/reviews/${mine}/declaration`, { declaration: 'conflict', reason: '' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.html.querySelector('#f-reason-error')?.text ?? '', /Grund der Befangenheit/);
    const noChoice = await ruth.post(`/de/reviews/${mine}/declaration`, { reason: 'x' });
    assert.equal(noChoice.status, 400);
    assert.ok(noChoice.html.querySelector('#f-declaration-error'));
    assert.equal(
      (
        await ruth.post(`/de/reviews/${mine}/declaration`, {
          declaration: 'conflict',
          reason: 'Ich bin Vereinsmitglied.',
        })
      ).status,
      303,
    );
    const after = await ruth.get(`/de/reviews/${mine}`);
    assert.match(after.body, /Befangenheit erklärt/);
    assert.doesNotMatch(after.body, /Zusammenfassung von Befangen X/);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, appX));
    assert.ok(entries.some((e) => e.action === 'review.declaredConflict'));
    assert.equal(
      (await ruth.post(`/de/reviews/${mine}/declaration`, { declaration: 'none' })).status,
      409,
      'a declaration is made once',
    );
  });

  test('after "none" the reviewer scores; others’ scores appear only after submitting', async () => {
    const { appX } = await newCall('Bewertung');
    const scoreAs = async (name: string, impact: string, planScore: string) => {
      const id = await f.assignment(appX, reviewers[name]!);
      const c = await reviewerClient(name);
      await c.get(`/de/reviews/${id}`);
      assert.equal((await c.post(`/de/reviews/${id}/declaration`, { declaration: 'none' })).status, 303);
      const form = await c.get(`/de/reviews/${id}`);
      assert.match(form.body, /Zusammenfassung von Bewertung X/);
      assert.doesNotMatch(form.body, /Verborgener Träger|Geheimer Partnerverein/, 'blind review');
      assert.ok(!captions(form).includes('Bewertungen der anderen Gutachter:innen'), 'no peer scores before one’s own');
      const incomplete = await c.post(`/de/reviews/${id}/scores`, { 'score-impact': impact, action: 'submit' });
      assert.equal(incomplete.status, 400);
      assert.match(incomplete.html.querySelector('#f-score-plan-error')?.text ?? '', /Bewertung/);
      const done = await c.post(`/de/reviews/${id}/scores`, {
        'score-impact': impact,
        'score-plan': planScore,
        'comment-impact': 'überzeugend',
        action: 'submit',
      });
      assert.equal(done.status, 303);
      return { c, id };
    };
    const rita = await scoreAs('rita', '5', '3'); // 4.5
    const first = await rita.c.get(`/de/reviews/${rita.id}`);
    assert.match(first.body, /Noch keine weiteren Gutachten/);
    await scoreAs('rolf', '3', '3'); // 3
    const later = await rita.c.get(`/de/reviews/${rita.id}`);
    assert.ok(captions(later).includes('Bewertungen der anderen Gutachter:innen'));
    assert.equal(later.html.querySelectorAll('table')[1]?.querySelectorAll('tbody tr').length, 1);
    assert.equal(
      (await rita.c.post(`/de/reviews/${rita.id}/scores`, { 'score-impact': '1', 'score-plan': '1', action: 'submit' }))
        .status,
      409,
      'a submitted review is final',
    );
  });

  test('a draft is saved with what is there; a score outside 1 to 5 is refused', async () => {
    const { appY } = await newCall('Entwurf');
    const id = await f.assignment(appY, reviewers.rolf!, 'none');
    const rolf = await reviewerClient('rolf');
    await rolf.get(`/de/reviews/${id}`);
    const bad = await rolf.post(`/de/reviews/${id}/scores`, { 'score-impact': '7', action: 'save' });
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-score-impact-error'));
    const saved = await rolf.post(`/de/reviews/${id}/scores`, {
      'score-impact': '4',
      'comment-plan': 'Zeitplan fehlt noch',
      action: 'save',
    });
    assert.equal(saved.status, 303);
    const [row] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.id, id));
    assert.deepEqual(row?.scores, {
      impact: { score: 4, comment: '' },
      plan: { score: 0, comment: 'Zeitplan fehlt noch' },
    });
    assert.equal(row?.submittedAt, null, 'a draft is not submitted');
    const again = await rolf.get(`/de/reviews/${id}`);
    assert.equal(again.html.querySelector('#f-comment-plan')?.text, 'Zeitplan fehlt noch');
  });
});

describe('assignment, only while under review', () => {
  test('a decided application offers no reviewer, and one sent anyway is refused at the field', async () => {
    const { appX } = await newCall('Entschieden');
    await f.assignment(appX, reviewers.rita!);
    await f.approve(appX);
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(`/de/funding/applications/${appX}`);
    assert.equal(page.html.querySelector('#f-reviewerId'), null, 'no reviewer is offered');
    assert.match(page.body, /Stand des Antrags: bewilligt/);
    const res = await olga.post(`/de/funding/applications/${appX}/reviewers`, { reviewerId: reviewers.rolf! });
    assert.equal(res.status, 422);
    assert.match(
      res.html.querySelector('.error-summary')?.text ?? '',
      /solange der Antrag in Begutachtung ist \(Stand: bewilligt\)/,
    );
    assert.deepEqual(
      (await assignmentsOf([appX])).map((a) => a.reviewerId),
      [reviewers.rita],
      'nobody was added',
    );
  });

  test('the store refuses an assignment to an application no longer under review, whoever asks', async () => {
    const { appX, appY } = await newCall('Entschieden 2');
    await f.approve(appY);
    const result = await assignReviewers(t.db, system, [
      { applicationId: appX, reviewerId: reviewers.rita! },
      { applicationId: appY, reviewerId: reviewers.rita! },
    ]);
    assert.deepEqual(result, {
      ok: false,
      issues: [
        {
          field: 'reviewerId',
          key: 'funding:assign.notUnderReview',
          params: { status: { key: 'funding:status.approved' } },
        },
      ],
    });
    assert.equal((await assignmentsOf([appX, appY])).length, 0, 'nothing written half');
  });

  test('a call without applications under review offers no automatic assignment and refuses one at the field', async () => {
    const { callId, appX, appY } = await newCall('Alle entschieden');
    await f.approve(appX);
    await f.approve(appY);
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(`/de/funding/calls/${callId}/reviews`);
    assert.equal(page.status, 200);
    assert.equal(page.html.querySelector('#f-perApplication'), null);
    assert.match(page.body, /Kein Antrag dieses Aufrufs ist in Begutachtung/);
    const res = await olga.post(`/de/funding/calls/${callId}/assign`, { perApplication: '2' });
    assert.equal(res.status, 422);
    assert.match(
      res.html.querySelector('.error-summary')?.text ?? '',
      /Kein Antrag dieses Aufrufs ist in Begutachtung/,
    );
    assert.equal((await assignmentsOf([appX, appY])).length, 0);
  });
});

describe('what the officer is told', () => {
  test('the reason a reviewer gives for a conflict is shown on the application and in the call’s assignment list', async () => {
    const { callId, appX } = await newCall('Grund');
    const id = await f.assignment(appX, reviewers.rolf!);
    const rolf = await reviewerClient('rolf');
    await rolf.get(`/de/reviews/${id}`);
    const long = await rolf.post(`/de/reviews/${id}/declaration`, { declaration: 'conflict', reason: 'x'.repeat(501) });
    assert.equal(long.status, 400, 'a short text');
    assert.ok(long.html.querySelector('#f-reason-error'));
    const reason = 'Ich berate den Träger ehrenamtlich.';
    assert.equal((await rolf.post(`/de/reviews/${id}/declaration`, { declaration: 'conflict', reason })).status, 303);

    const olga = await signedIn(t, people.officer);
    const page = await olga.get(`/de/funding/applications/${appX}`);
    const row = page.html.querySelectorAll('table')[0]?.querySelectorAll('tbody tr')[0];
    assert.match(row?.text ?? '', /befangen/);
    assert.ok(row?.text.includes(reason), 'the reason beside the reviewer');
    const list = await olga.get(`/de/funding/calls/${callId}/reviews`);
    assert.equal(list.status, 200);
    const listed = list.html.querySelectorAll('table tbody tr').find((r) => r.text.includes('Grund X'));
    assert.ok(listed?.text.includes(reason), 'in the assignment list');
  });

  test('automatic assignment says how many it made and why an application is still short', async () => {
    const { callId, appX, appY } = await newCall('Bericht');
    // two of the three reviewers are recused from X
    await f.assignment(appX, reviewers.rita!, 'conflict');
    await f.assignment(appX, reviewers.rolf!, 'conflict');
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/calls/${callId}/reviews`);
    const res = await olga.post(`/de/funding/calls/${callId}/assign`, { perApplication: '2' });
    assert.equal(res.status, 303);
    assert.equal(res.location, `/de/funding/calls/${callId}/reviews?assigned=3&per=2`);
    const page = await olga.get(res.location!);
    const report = page.html.querySelector('#report')?.text.replace(/\s+/g, ' ') ?? '';
    assert.match(report, /3 Zuweisungen vorgenommen; 1 Antrag braucht noch Gutachter:innen:/);
    assert.match(report, /Bericht X: 1 von 2 Gutachter:innen – nur 1 Gutachter:in ohne Befangenheit \(2 befangen\)/);
    assert.doesNotMatch(report, /Bericht Y/);
    const rows = await assignmentsOf([appX, appY]);
    assert.equal(rows.filter((r) => r.declaration !== 'conflict').length, 3);
  });
});
