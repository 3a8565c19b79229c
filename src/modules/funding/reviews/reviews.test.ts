// Reviewers declare before they see anything, score on the rubric without seeing others first;
// officers balance assignments, rank the call against its budget and decide.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { heading, type TestApp, testApp } from '../../../../test/helpers/app';
import { criterion, funding, getRaw, pdfText, people, plan, signedIn } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { outbox } from '../../../core/mail/schema';
import { applications, grants, reviewAssignments } from '../schema';

let t: TestApp;
let callId: string;
let appX: string;
let appY: string;
const reviewers: Record<string, string> = {};

before(async () => {
  t = await testApp();
  const f = funding(t);
  const scene = await f.scene({
    programme: { title: 'Partizipation', budgetPerYear: { '2027': 8_000_000 } },
    call: {
      title: 'Aufruf 2027',
      rubric: [criterion('impact', 'Wirkung', 3), criterion('plan', 'Planung', 1)],
      blindReview: true,
    },
    organisations: ['Verborgener Träger e. V.', 'Anderer Träger e. V.'],
  });
  callId = scene.callId;
  for (const r of ['rita', 'rolf', 'ruth']) reviewers[r] = await f.reviewer(`${r}@review.example`);
  const make = (organisationId: string, title: string, grant: number) =>
    f.application(
      { callId, organisationId },
      {
        submit: true,
        content: {
          title,
          summary: `Zusammenfassung von ${title}`,
          partners: [
            {
              name: 'Geheimer Partnerverein',
              isMigrantOrganisation: true,
              role: '',
              tasks: 'Elternarbeit',
              budgetShareBp: 0,
            },
          ],
          plan: plan({ year: 2027, grant, own: 500_000 }),
        },
      },
    );
  appX = await make(scene.organisationId, 'Projekt X', 4_000_000);
  appY = await make(scene.otherOrganisationId, 'Projekt Y', 3_000_000);
});
after(() => t.close());

const captions = (p: { html: { querySelectorAll(s: string): { text: string }[] } }) =>
  p.html.querySelectorAll('caption').map((c) => c.text.trim());
const reviewerClient = (name: string) => signedIn(t, `${name}@review.example`);
const assignmentOf = async (reviewer: string, applicationId: string) =>
  (await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, reviewers[reviewer]!))).find(
    (a) => a.applicationId === applicationId,
  );

describe('assignment', () => {
  test('the officer distributes applications evenly; other officers cannot see the call', async () => {
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/calls/${callId}/ranking`);
    const res = await olga.post(`/de/funding/calls/${callId}/assign`, { perApplication: '2' });
    assert.equal(res.status, 303);
    const rows = await t.db.select().from(reviewAssignments);
    assert.equal(rows.length, 4);
    const load = Object.values(reviewers).map((r) => rows.filter((x) => x.reviewerId === r).length);
    assert.ok(Math.max(...load) - Math.min(...load) <= 1, `load ${load}`);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.equal((await otto.get(`/de/funding/calls/${callId}/ranking`)).status, 404);
    assert.equal((await otto.get(`/de/funding/applications/${appX}`)).status, 404);
  });

  test('the officer adds a reviewer by hand', async () => {
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(`/de/funding/applications/${appX}`);
    const free = page.html.querySelectorAll('#f-reviewerId option').map((o) => o.getAttribute('value'));
    assert.equal(free.length, 1, 'only the reviewer not yet assigned is offered');
    assert.equal((await olga.post(`/de/funding/applications/${appX}/reviewers`, { reviewerId: free[0]! })).status, 303);
    assert.equal(
      (await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, appX))).length,
      3,
    );
  });
});

describe('reviewing', () => {
  test('before declaring, a reviewer sees neither summary nor scores; others’ assignments are 404', async () => {
    const rita = await reviewerClient('rita');
    const mine = await assignmentOf('rita', appX);
    const page = await rita.get(`/de/reviews/${mine!.id}`);
    assert.equal(heading(page), 'Erklärung zur Befangenheit');
    assert.doesNotMatch(page.body, /Zusammenfassung von Projekt X/);
    assert.doesNotMatch(page.body, /Verborgener Träger/, 'blind review hides the carrier');
    assert.doesNotMatch(page.body, /Geheimer Partnerverein/);
    const rolfs = await assignmentOf('rolf', appX);
    assert.equal((await rita.get(`/de/reviews/${rolfs!.id}`)).status, 404);
    assert.equal(
      (await rita.post(`/de/reviews/${mine!.id}/scores`, { 'score-impact': '5', 'score-plan': '5', action: 'submit' }))
        .status,
      409,
      'no scores before the declaration',
    );
  });

  test('a conflict needs a reason, recuses the reviewer and never opens the application', async () => {
    const ruth = await reviewerClient('ruth');
    const mine = await assignmentOf('ruth', appX);
    await ruth.get(`/de/reviews/${mine!.id}`);
    const noReason = await ruth.post(`/de/reviews/${mine!.id}/declaration`, { declaration: 'conflict', reason: '' });
    assert.equal(noReason.status, 400);
    assert.ok(noReason.html.querySelector('#f-reason-error'));
    assert.equal(
      (
        await ruth.post(`/de/reviews/${mine!.id}/declaration`, {
          declaration: 'conflict',
          reason: 'Ich bin Vereinsmitglied.',
        })
      ).status,
      303,
    );
    const after = await ruth.get(`/de/reviews/${mine!.id}`);
    assert.match(after.body, /Befangenheit erklärt/);
    assert.doesNotMatch(after.body, /Zusammenfassung von Projekt X/);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'review.declaredConflict'));
    assert.ok(entry);
  });

  test('after "none" the reviewer scores; others’ scores appear only after submitting', async () => {
    const scoreAs = async (name: string, applicationId: string, impact: string, plan: string) => {
      const c = await reviewerClient(name);
      const a = await assignmentOf(name, applicationId);
      await c.get(`/de/reviews/${a!.id}`);
      assert.equal((await c.post(`/de/reviews/${a!.id}/declaration`, { declaration: 'none' })).status, 303);
      const form = await c.get(`/de/reviews/${a!.id}`);
      assert.match(form.body, new RegExp(`Zusammenfassung von ${applicationId === appX ? 'Projekt X' : 'Projekt Y'}`));
      assert.doesNotMatch(form.body, /Verborgener Träger|Anderer Träger|Geheimer Partnerverein/, 'blind review');
      assert.ok(!captions(form).includes('Bewertungen der anderen Gutachter:innen'), 'no peer scores before one’s own');
      const incomplete = await c.post(`/de/reviews/${a!.id}/scores`, { 'score-impact': impact, action: 'submit' });
      assert.equal(incomplete.status, 400);
      assert.ok(incomplete.html.querySelector('#f-score-plan-error'));
      const done = await c.post(`/de/reviews/${a!.id}/scores`, {
        'score-impact': impact,
        'score-plan': plan,
        'comment-impact': 'überzeugend',
        action: 'submit',
      });
      assert.equal(done.status, 303);
      return { c, id: a!.id };
    };
    const rita = await scoreAs('rita', appX, '5', '3'); // 4.5
    const first = await rita.c.get(`/de/reviews/${rita.id}`);
    assert.match(first.body, /Noch keine weiteren Gutachten/);
    await scoreAs('rolf', appX, '3', '3'); // 3
    const later = await rita.c.get(`/de/reviews/${rita.id}`);
    assert.ok(captions(later).includes('Bewertungen der anderen Gutachter:innen'));
    assert.equal(later.html.querySelectorAll('table')[1]?.querySelectorAll('tbody tr').length, 1);
    assert.equal(
      (await rita.c.post(`/de/reviews/${rita.id}/scores`, { 'score-impact': '1', 'score-plan': '1', action: 'submit' }))
        .status,
      409,
      'a submitted review is final',
    );
    const appYReviewer = (
      await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, appY))
    )[0]!;
    const name = Object.entries(reviewers).find(([, id]) => id === appYReviewer.reviewerId)![0];
    await scoreAs(name, appY, '2', '2'); // 2
  });
});

describe('ranking and decision', () => {
  test('the ranking orders by mean score, leaves recused reviews out and sets sums against the budget', async () => {
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(`/de/funding/calls/${callId}/ranking`);
    const rows = page.html.querySelectorAll('table')[0]!.querySelectorAll('tbody tr');
    assert.match(rows[0]!.text, /1\. Projekt X/);
    assert.match(rows[0]!.text, /3,75/, 'mean of 4.5 and 3');
    assert.match(rows[0]!.text, /1,50/, 'spread');
    assert.match(rows[0]!.text, /2 \(befangen: 1\)/);
    assert.match(rows[1]!.text, /2\. Projekt Y/);
    const budget = page.html.querySelectorAll('table')[1]!.querySelector('tbody tr')!.text;
    assert.match(budget, /80\.000,00/);
    assert.match(budget, /70\.000,00/, 'requested in 2027');
  });

  test('the officer approves: checks the cap, records who and when, creates the grant, mails the carrier the PDF link', async () => {
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/applications/${appX}`);
    const tooMuch = await olga.post(`/de/funding/applications/${appX}/decision`, {
      outcome: 'approved',
      'amount-2027': '60.000,00',
    });
    assert.equal(tooMuch.status, 400);
    assert.match(tooMuch.html.querySelector('#f-amount-2027-error')?.text ?? '', /Höchstbetrag/);
    const noReason = await olga.post(`/de/funding/applications/${appY}/decision`, { outcome: 'rejected', reasons: '' });
    assert.equal(noReason.status, 400);
    assert.equal((await t.db.select().from(grants)).length, 0);

    const ok = await olga.post(`/de/funding/applications/${appX}/decision`, {
      outcome: 'approved',
      'amount-2027': '38.000,00',
      conditions: 'Zwischenbericht zur Elternarbeit',
    });
    assert.equal(ok.status, 303);
    const [g] = await t.db.select().from(grants);
    assert.equal(g?.approvedTotalCents, 3_800_000);
    assert.deepEqual(g?.plan.grant, [{ year: 2027, amountCents: 3_800_000 }]);
    const [a] = await t.db.select().from(applications).where(eq(applications.id, appX));
    assert.equal(a?.status, 'approved');
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'decision.approved'));
    assert.ok(entry?.actorId, 'who decided is recorded');
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.template, 'decisionMade'));
    assert.equal(mail?.to, people.carrier);
    assert.match(mail?.text ?? '', /bewilligt/);
    assert.equal(
      (await olga.post(`/de/funding/applications/${appX}/decision`, { outcome: 'rejected', reasons: 'x' })).status,
      409,
      'decided once',
    );

    const anna = await signedIn(t, people.carrier);
    const pdf = await getRaw(t, anna, `/de/applications/${appX}/decision.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = await pdfText(pdf.rawPayload, 1);
    assert.match(text, /Zuwendungsbescheid/);
    assert.match(text, /38\.000,00/);
    assert.match(text, /Zwischenbericht zur Elternarbeit/);
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await ben.get(`/de/applications/${appX}/decision.pdf`)).status, 404);

    const rejected = await olga.post(`/de/funding/applications/${appY}/decision`, {
      outcome: 'rejected',
      reasons: 'Zu wenig Beteiligung',
    });
    assert.equal(rejected.status, 303);
    assert.equal(
      (await ben.get(`/de/applications/${appY}/decision.pdf`)).status,
      404,
      'no grant decision for a rejection',
    );
  });
});
