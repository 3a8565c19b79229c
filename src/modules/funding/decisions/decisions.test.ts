// The officer ranks a call against its budget and decides: approval creates the grant and issues
// the decision notice once (stored with its sha-256, served as stored, so a later extension does not
// reach into it), rejection needs reasons, an outline is returned or invited. The carrier hears of it
// by mail from the stores' events, in their own language. The app stands on a fixed clock that each
// test sets itself, so the tests run in any order.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { makeUser, type TestApp, testApp } from '../../../../test/helpers/app';
import {
  criterion,
  funding,
  getRaw,
  pdfText,
  people,
  plan,
  type Scene,
  signedIn,
  system,
} from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { findUserByEmail, grantRole } from '../../../core/auth/users';
import { events } from '../../../core/events/schema';
import { sha256Of } from '../../../core/files/files';
import { files } from '../../../core/files/schema';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { fixedClock } from '../../../core/time/clock';
import { createOrganisation } from '../../network/api';
import { saveScores } from '../reviews/reviews.store';
import { applications, changeRequests, decisions, grants } from '../schema';

const clock = fixedClock('2026-12-02T10:00:00Z');
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
const reviewers: Record<string, string> = {};

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene({
    programme: { title: 'Partizipation', budgetPerYear: { '2027': 8_000_000 }, maxDurationMonths: 24 },
  });
  for (const r of ['rita', 'rolf', 'ruth']) reviewers[r] = await f.reviewer(`${r}@review.example`);
});
after(() => t.close());

/** A submitted application of carrier A (or `organisationId`) in a new call of the scene's programme. */
async function submitted(
  title: string,
  o: { grant?: number; organisationId?: string; stage?: 'outline' | 'full'; callId?: string } = {},
) {
  const callId = o.callId ?? (await f.call(scene.programmeId, { title: `Aufruf ${title}` }));
  return f.application(
    { callId, organisationId: o.organisationId ?? scene.organisationId },
    {
      submit: true,
      stage: o.stage,
      content: { title, plan: plan({ year: 2027, grant: o.grant ?? 4_000_000, own: 500_000 }) },
    },
  );
}
const mailsTo = async (to: string, template: string) =>
  (
    await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.to, to), eq(outbox.template, template)))
  ).map((m) => m.text);
const eventsNamed = async (name: string) =>
  (await t.db.select().from(events).where(eq(events.name, name))).map((e) => e.payload as Record<string, unknown>);
/** The officer saves the proposal as a draft and, when the draft is saved, issues it. */
const decide = async (applicationId: string, form: Record<string, string>) => {
  const olga = await signedIn(t, people.officer);
  await olga.get(`/de/funding/applications/${applicationId}`);
  const drafted = await olga.post(`/de/funding/applications/${applicationId}/decision`, form);
  if (drafted.status !== 303) return drafted;
  return olga.post(`/de/funding/applications/${applicationId}/decision/issue`, {});
};

describe('ranking', () => {
  test('the ranking orders by mean score, leaves recused reviews out and sets sums against the budget', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const callId = await f.call(scene.programmeId, {
      title: 'Rangfolge',
      rubric: [criterion('impact', 'Wirkung', 3), criterion('plan', 'Planung', 1)],
    });
    const appX = await submitted('Projekt X', { callId, grant: 4_000_000 });
    const appY = await submitted('Projekt Y', { callId, grant: 3_000_000, organisationId: scene.otherOrganisationId });
    const score = async (reviewer: string, applicationId: string, impact: number, planScore: number) => {
      const id = await f.assignment(applicationId, reviewers[reviewer]!, 'none');
      const scores = { impact: { score: impact, comment: '' }, plan: { score: planScore, comment: '' } };
      await saveScores(t.db, { id: reviewers[reviewer]!, label: reviewer }, id, scores, true, clock());
    };
    await score('rita', appX, 5, 3); // 4.5
    await score('rolf', appX, 3, 3); // 3
    await f.assignment(appX, reviewers.ruth!, 'conflict');
    await score('ruth', appY, 2, 2); // 2
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
});

describe('deciding', () => {
  test('the officer approves: the cap is checked, who and when recorded, the grant created, the carrier mailed', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await submitted('Elterncafé');
    const tooMuch = await decide(id, { outcome: 'approved', 'amount-2027': '60.000,00' });
    assert.equal(tooMuch.status, 400);
    assert.match(
      tooMuch.html.querySelector('#f-amount-2027-error')?.text ?? '',
      /Für 2027 sind nur 40\.000,00\s€ beantragt/,
      'more than requested is refused, naming the year and the request',
    );
    assert.equal(tooMuch.html.querySelector('#f-amount-2027')?.getAttribute('value'), '60.000,00', 'kept as typed');
    const nothing = await decide(id, { outcome: 'approved', 'amount-2027': '0' });
    assert.match(nothing.html.querySelector('#f-amount-2027-error')?.text ?? '', /bewilligten Betrag/);
    assert.equal((await t.db.select().from(grants).where(eq(grants.applicationId, id))).length, 0);

    const noReason = await decide(id, { outcome: 'approved', 'amount-2027': '38.000,00' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.html.querySelector('#f-reasons-error')?.text ?? '', /begründen Sie die Kürzung/);

    clock.set('2026-12-03T09:15:00Z');
    const ok = await decide(id, {
      outcome: 'approved',
      'amount-2027': '38.000,00',
      balance: 'expenses',
      conditions: 'Zwischenbericht zur Elternarbeit',
      reasons: 'Die Honorare sind höher als für vergleichbare Angebote angesetzt.',
    });
    assert.equal(ok.status, 303);
    const [g] = await t.db.select().from(grants).where(eq(grants.applicationId, id));
    assert.equal(g?.approvedTotalCents, 3_800_000);
    // the cut of 2,000 € came off the expenses, so the binding plan balances: 43,000 = 5,000 + 38,000
    assert.deepEqual(g?.plan.expenses, [{ line: 'staff', year: 2027, amountCents: 4_300_000 }]);
    assert.deepEqual(g?.plan.ownFunds, [{ year: 2027, amountCents: 500_000 }]);
    assert.deepEqual(g?.plan.grant, [{ year: 2027, amountCents: 3_800_000 }]);
    const [a] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(a?.status, 'approved');
    const [d] = await t.db.select().from(decisions).where(eq(decisions.applicationId, id));
    assert.equal(d?.decidedAt.toISOString(), '2026-12-03T09:15:00.000Z', 'decided at the app’s clock');
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    assert.ok(audit.find((e) => e.action === 'decision.approved')?.actorId, 'who decided is recorded');
    assert.deepEqual(
      (await eventsNamed('grant.approved')).filter((p) => p.applicationId === id),
      [
        {
          grantId: g!.id,
          applicationId: id,
          organisationId: scene.organisationId,
          programmeId: scene.programmeId,
          startDate: '2027-01-01',
          endDate: '2027-12-31',
        },
      ],
      'activities and evaluation hear of the grant',
    );
    assert.deepEqual(
      (await eventsNamed('application.decided')).filter((p) => p.applicationId === id),
      [{ applicationId: id, outcome: 'approved', grantId: g!.id }],
    );

    assert.deepEqual(
      await mailsTo(people.carrier, 'funding:mail.decisionMade'),
      [],
      'mailed by the worker, not the request',
    );
    await runDueJobs(t.deps);
    const [mail] = (await mailsTo(people.carrier, 'funding:mail.decisionMade')).filter((m) => m.includes('Elterncafé'));
    assert.match(mail ?? '', /wurde entschieden: bewilligt/);
    assert.match(mail ?? '', new RegExp(`http://localhost:3000/de/applications/${id}`));
    await runDueJobs(t.deps);
    assert.equal(
      (await mailsTo(people.carrier, 'funding:mail.decisionMade')).filter((m) => m.includes('Elterncafé')).length,
      1,
      'one mail, however often the worker runs',
    );
    assert.equal((await decide(id, { outcome: 'rejected', reasons: 'x' })).status, 409, 'decided once');
  });

  test('an application from a carrier with nobody on the platform warns the officer that no mail reaches it', async () => {
    const olga = await signedIn(t, people.officer);
    const reached = await f.application(
      { callId: scene.callId, organisationId: scene.organisationId },
      { submit: true },
    );
    const warning = /niemand ein Konto auf dieser Plattform/;
    assert.doesNotMatch((await olga.get(`/de/funding/applications/${reached}`)).body, warning);
    const nobody = await createOrganisation(t.db, system, { name: 'Verein ohne Konto e. V.', kind: 'carrier' });
    const unreached = await f.application({ callId: scene.callId, organisationId: nobody }, { submit: true });
    assert.match((await olga.get(`/de/funding/applications/${unreached}`)).body, warning);
  });

  test('a rejection needs reasons and issues no grant decision; the waiting list needs neither', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await submitted('Abgelehnt', { organisationId: scene.otherOrganisationId });
    const noReason = await decide(id, { outcome: 'rejected', reasons: '' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.html.querySelector('#f-reasons-error')?.text ?? '', /begründen Sie die Ablehnung/);
    assert.equal((await decide(id, { outcome: 'rejected', reasons: 'Zu wenig Beteiligung' })).status, 303);
    assert.equal((await t.db.select().from(grants).where(eq(grants.applicationId, id))).length, 0);
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal(
      (await ben.get(`/de/applications/${id}/decision.pdf`)).status,
      404,
      'no grant decision for a rejection',
    );
    await runDueJobs(t.deps);
    const [mail] = (await mailsTo(people.foreignCarrier, 'funding:mail.decisionMade')).filter((m) =>
      m.includes('Abgelehnt'),
    );
    assert.match(mail ?? '', /wurde entschieden: abgelehnt/);

    const waiting = await submitted('Wartet');
    assert.equal((await decide(waiting, { outcome: 'waitlisted' })).status, 303);
    const [w] = await t.db.select().from(applications).where(eq(applications.id, waiting));
    assert.equal(w?.status, 'waitlisted');
  });

  test('the carrier reads the decision mail in their language; the link opens the page in it', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const org = await f.organisation('Mehrsprachiger Träger e. V.');
    const staff = { en: 'emma@multi.example', tr: 'tarik@multi.example', ar: 'amal@multi.example' } as const;
    for (const [language, email] of Object.entries(staff))
      await makeUser(t.db, email, 'carrierStaff', { scopeKind: 'organisation', scopeId: org, language });
    const id = await submitted('Sprachen', { organisationId: org });
    assert.equal(
      (await decide(id, { outcome: 'approved', 'amount-2027': '10.000,00', reasons: 'Nur die Elternarbeit' })).status,
      303,
    );
    await runDueJobs(t.deps);
    const [en] = await mailsTo(staff.en, 'funding:mail.decisionMade');
    assert.match(en ?? '', /a decision has been made on the application “Sprachen”: approved\./);
    assert.match(en ?? '', new RegExp(`/en/applications/${id}`));
    const [tr] = await mailsTo(staff.tr, 'funding:mail.decisionMade');
    assert.match(tr ?? '', /başvurusu hakkında karar verildi: onaylandı\./, 'the outcome in Turkish, too');
    assert.match(tr ?? '', new RegExp(`/tr/applications/${id}`), 'carrier pages exist in every language');
    const [ar] = await mailsTo(staff.ar, 'funding:mail.decisionMade');
    assert.match(ar ?? '', /تمت الموافقة/);
    assert.match(ar ?? '', new RegExp(`/ar/applications/${id}`));
    // and the link opens: the Turkish carrier's page in Turkish
    const link = /http:\/\/localhost:3000(\/tr\/applications\/\S+)/.exec(tr ?? '')?.[1];
    const tarik = await signedIn(t, staff.tr);
    const page = await tarik.get(link ?? '');
    assert.equal(page.status, 200);
    assert.equal(page.html.querySelector('html')?.getAttribute('lang'), 'tr');
  });
});

describe('a decision is drafted, previewed, co-signed where the programme asks, then issued', () => {
  test('the draft binds a balanced plan, its preview says it is a draft, the carrier sees nothing of it', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await submitted('Nachbarschaftsküche');
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/applications/${id}`);
    const drafted = await olga.post(`/de/funding/applications/${id}/decision`, {
      outcome: 'approved',
      'amount-2027': '36.000,00',
      balance: 'own',
      conditions: '',
      reasons: 'Der Träger kann einen höheren Eigenanteil aufbringen.',
    });
    assert.equal(drafted.status, 303);
    assert.equal((await t.db.select().from(grants).where(eq(grants.applicationId, id))).length, 0, 'no grant yet');
    const [app] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(app?.status, 'submitted', 'the application waits for the issued decision');

    const page = await olga.get(`/de/funding/applications/${id}`);
    const draft = page.html.querySelector('section[aria-labelledby="draft-title"]');
    assert.ok(draft, 'the draft is shown to the officer');
    // own funds rise by the 4,000 € cut: 45,000 = 9,000 own + 36,000 grant
    assert.match(draft.text, /Eigenmittel[\s\S]*9\.000,00/);
    assert.match(draft.text, /Zuwendung[\s\S]*36\.000,00/);

    const preview = await getRaw(t, olga, `/de/funding/applications/${id}/decision/preview.pdf`);
    assert.equal(preview.statusCode, 200);
    const text = await pdfText(preview.rawPayload);
    assert.match(text, /ENTWURF/);
    assert.match(text, /nicht rechtswirksam/);
    assert.match(text, /Beantragt war eine Zuwendung von insgesamt 40\.000,00\s€; bewilligt werden 36\.000,00\s€/);
    assert.match(text, /höheren Eigenanteil/, 'the reasons for the cut are printed');
    assert.match(text, /9\.000,00/, 'the binding plan shows the raised own funds');

    const anna = await signedIn(t, people.carrier);
    assert.equal((await getRaw(t, anna, `/de/applications/${id}/decision.pdf`)).statusCode, 404, 'nothing issued');
    assert.equal(
      (await getRaw(t, anna, `/de/funding/applications/${id}/decision/preview.pdf`)).statusCode,
      404,
      'the carrier cannot see the draft (nor learn that it exists)',
    );

    const issued = await olga.post(`/de/funding/applications/${id}/decision/issue`, {});
    assert.equal(issued.status, 303);
    const [g] = await t.db.select().from(grants).where(eq(grants.applicationId, id));
    assert.deepEqual(g?.plan.ownFunds, [{ year: 2027, amountCents: 900_000 }]);
    assert.deepEqual(g?.plan.grant, [{ year: 2027, amountCents: 3_600_000 }]);
    const notice = await getRaw(t, anna, `/de/applications/${id}/decision.pdf`);
    assert.equal(notice.statusCode, 200);
    const noticeText = await pdfText(notice.rawPayload);
    assert.doesNotMatch(noticeText, /ENTWURF/);
    assert.match(noticeText, /höheren Eigenanteil/);

    // issued is final: no second draft, no second issue
    await olga.get(`/de/funding/applications/${id}`);
    const again = await olga.post(`/de/funding/applications/${id}/decision`, {
      outcome: 'rejected',
      reasons: 'Doch nicht',
    });
    assert.equal(again.status, 409);
    assert.equal((await olga.post(`/de/funding/applications/${id}/decision/issue`, {})).status, 409);
  });

  test('with co-signing on, the drafter cannot co-sign or issue alone; a second officer co-signs, then it issues', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const strict = await f.programme({ title: 'Mit Mitzeichnung', cosignRequired: true });
    const callId = await f.call(strict, { title: 'Aufruf Mitzeichnung' });
    const olgaUser = await findUserByEmail(t.db, people.officer);
    await grantRole(t.db, { id: null, label: 'test' }, olgaUser!.id, 'programmeOfficer', 'programme', strict);
    const second = 'paula@funder.example';
    await f.officer(second, strict);
    const id = await submitted('Vier Augen', { callId });
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/applications/${id}`);
    assert.equal(
      (
        await olga.post(`/de/funding/applications/${id}/decision`, {
          outcome: 'approved',
          'amount-2027': '40.000,00',
          conditions: '',
          reasons: '',
        })
      ).status,
      303,
    );
    const page = await olga.get(`/de/funding/applications/${id}`);
    assert.match(page.html.text, /Mitzeichnung durch eine zweite Person/);
    assert.equal(page.html.querySelector(`form[action$="/decision/issue"]`), null, 'no issue button before co-signing');
    assert.equal(
      page.html.querySelector(`form[action$="/decision/cosign"]`),
      null,
      'the drafter is not offered co-signing',
    );
    const alone = await olga.post(`/de/funding/applications/${id}/decision/issue`, {});
    assert.equal(alone.status, 400);
    assert.match(alone.html.text, /Mitzeichnung/);
    const self = await olga.post(`/de/funding/applications/${id}/decision/cosign`, {});
    assert.equal(self.status, 400);
    assert.equal((await t.db.select().from(grants).where(eq(grants.applicationId, id))).length, 0);

    const paula = await signedIn(t, second);
    const paulaPage = await paula.get(`/de/funding/applications/${id}`);
    assert.ok(paulaPage.html.querySelector(`form[action$="/decision/cosign"]`), 'the second officer may co-sign');
    assert.equal((await paula.post(`/de/funding/applications/${id}/decision/cosign`, {})).status, 303);
    await olga.get(`/de/funding/applications/${id}`);
    assert.equal((await olga.post(`/de/funding/applications/${id}/decision/issue`, {})).status, 303);
    const [d] = await t.db.select().from(decisions).where(eq(decisions.applicationId, id));
    assert.equal(d?.status, 'issued');
    assert.ok(d?.cosignedBy && d.cosignedBy !== d.draftedBy, 'drafted and co-signed by two people');
  });
});

describe('the decision notice is issued once', () => {
  test('after an approved extension the original notice is byte for byte what was issued, with the original end date', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await submitted('Verlängertes Projekt', { grant: 900_000 });
    assert.equal((await decide(id, { outcome: 'approved', 'amount-2027': '9.000,00' })).status, 303);
    const [decision] = await t.db.select().from(decisions).where(eq(decisions.applicationId, id));
    assert.ok(decision?.documentFileId, 'the notice is stored with the decision');
    const [stored] = await t.db.select().from(files).where(eq(files.id, decision.documentFileId));

    const anna = await signedIn(t, people.carrier);
    const first = await getRaw(t, anna, `/de/applications/${id}/decision.pdf`);
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['content-type'], 'application/pdf');
    const before = first.rawPayload;
    assert.equal(sha256Of(before), stored?.sha256, 'served as stored');
    const text = await pdfText(before);
    assert.match(text, /Zuwendungsbescheid/);
    assert.match(text, /bis 31\. Dezember 2027/);
    assert.match(text, /2\. Dezember 2026/, 'dated the day of the decision');

    // the carrier asks for six more months and the officer approves (as in changes.test.ts)
    clock.set('2027-03-10T10:00:00Z');
    const [g] = await t.db.select().from(grants).where(eq(grants.applicationId, id));
    // months later the first session has long ended (sessions age by the app's clock): sign in again
    const annaLater = await signedIn(t, people.carrier);
    const asked = await annaLater.submit(`/de/grants/${g!.id}/changes/new/extension`, {
      endDate: '2028-06-30',
      reason: 'Verzögerter Start wegen Raumsuche',
    });
    assert.equal(asked.status, 303);
    const [cr] = await t.db.select().from(changeRequests).where(eq(changeRequests.grantId, g!.id));
    const olga = await signedIn(t, people.officer);
    await olga.submit(
      `/de/grants/${g!.id}/changes/${cr!.id}`,
      { action: 'approve', note: '' },
      `/de/grants/${g!.id}/changes/${cr!.id}/decision`,
    );
    const [extended] = await t.db.select().from(grants).where(eq(grants.id, g!.id));
    assert.equal(extended?.endDate, '2028-06-30', 'the grant now runs longer');

    const again = await getRaw(t, annaLater, `/de/applications/${id}/decision.pdf`);
    assert.equal(again.statusCode, 200);
    assert.ok(again.rawPayload.equals(before), 'the original notice is byte-identical');
    assert.equal(sha256Of(again.rawPayload), stored?.sha256);
    const textAgain = await pdfText(again.rawPayload);
    assert.match(textAgain, /bis 31\. Dezember 2027/, 'still the original end date');
    assert.doesNotMatch(textAgain, /30\. Juni 2028/);
    const olgaCopy = await getRaw(t, olga, `/de/applications/${id}/decision.pdf`);
    assert.ok(olgaCopy.rawPayload.equals(before), 'the officer downloads the same notice');
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await getRaw(t, ben, `/de/applications/${id}/decision.pdf`)).statusCode, 404);
  });

  test('a decision made before notices were stored gets its notice at the first request, as decided, and keeps it', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await submitted('Altbestand', { grant: 900_000 });
    const grantId = await f.approve(id);
    // as before migration 0011: no file; since then the grant was extended
    await t.db.update(decisions).set({ documentFileId: null }).where(eq(decisions.applicationId, id));
    await t.db.update(grants).set({ endDate: '2028-06-30' }).where(eq(grants.id, grantId));
    const anna = await signedIn(t, people.carrier);
    const first = await getRaw(t, anna, `/de/applications/${id}/decision.pdf`);
    assert.equal(first.statusCode, 200);
    const text = await pdfText(first.rawPayload);
    assert.match(text, /bis 31\. Dezember 2027/, 'the end date of the decision (plan version 1), not of today’s grant');
    assert.doesNotMatch(text, /30\. Juni 2028/);
    const [d] = await t.db.select().from(decisions).where(eq(decisions.applicationId, id));
    assert.ok(d?.documentFileId, 'stored at the first request');
    const again = await getRaw(t, anna, `/de/applications/${id}/decision.pdf`);
    assert.ok(again.rawPayload.equals(first.rawPayload), 'and served as stored from then on');
  });

  test('a decision at 00:30 in Berlin on 1 January is dated 1 January, though UTC still says 31 December', async () => {
    clock.set('2026-12-31T23:30:00Z');
    const id = await submitted('Neujahr', { grant: 900_000 });
    assert.equal((await decide(id, { outcome: 'approved', 'amount-2027': '9.000,00' })).status, 303);
    const anna = await signedIn(t, people.carrier);
    const text = await pdfText((await getRaw(t, anna, `/de/applications/${id}/decision.pdf`)).rawPayload);
    assert.match(text, /1\. Januar 2027/);
    assert.doesNotMatch(text, /31\. Dezember 2026/);
  });
});

describe('returning and inviting', () => {
  test('the officer returns an application for changes with a reason; the carrier is mailed it', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await submitted('Zurück');
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/applications/${id}`);
    const empty = await olga.post(`/de/funding/applications/${id}/return`, { returnReason: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.html.querySelector('#f-returnReason-error')?.text ?? '', /füllen Sie dieses Feld aus/);
    const long = await olga.post(`/de/funding/applications/${id}/return`, { returnReason: 'x'.repeat(5001) });
    assert.match(long.html.querySelector('#f-returnReason-error')?.text ?? '', /zu lang/);
    const ok = await olga.post(`/de/funding/applications/${id}/return`, { returnReason: 'Bitte Zeitplan ergänzen.' });
    assert.equal(ok.status, 303);
    const [a] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(a?.status, 'returned');
    assert.deepEqual(
      (await eventsNamed('application.returned')).filter((p) => p.applicationId === id),
      [{ applicationId: id, reason: 'Bitte Zeitplan ergänzen.' }],
    );
    await runDueJobs(t.deps);
    const [mail] = (await mailsTo(people.carrier, 'funding:mail.applicationReturned')).filter((m) =>
      m.includes('Zurück'),
    );
    assert.match(mail ?? '', /Bitte Zeitplan ergänzen\./);
    assert.match(mail ?? '', new RegExp(`/de/applications/${id}`));
    assert.equal((await olga.post(`/de/funding/applications/${id}/return`, { returnReason: 'noch mal' })).status, 409);
  });

  test('an outline is invited to the full application with a deadline in the future by the app’s clock', async () => {
    // 22:30 UTC: 23:30 on 31 December in Berlin
    clock.set('2026-12-31T22:30:00Z');
    const callId = await f.call(scene.programmeId, { title: 'Zweistufig', stages: 2 });
    const outline = await submitted('Skizze', { callId, stage: 'outline' });
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/applications/${outline}`);
    const approve = await olga.post(`/de/funding/applications/${outline}/decision`, {
      outcome: 'approved',
      'amount-2027': '1.000,00',
    });
    assert.equal(approve.status, 400, 'an outline is invited, not approved');
    const past = await olga.post(`/de/funding/applications/${outline}/invite`, {
      dueDate: '2026-12-31',
      dueTime: '23:00',
    });
    assert.equal(past.status, 400);
    assert.match(past.html.querySelector('#f-dueDate-error')?.text ?? '', /in der Zukunft/);
    const badTime = await olga.post(`/de/funding/applications/${outline}/invite`, {
      dueDate: '2027-02-01',
      dueTime: '12',
    });
    assert.ok(badTime.html.querySelector('#f-dueTime-error'));
    const ok = await olga.post(`/de/funding/applications/${outline}/invite`, {
      dueDate: '2026-12-31',
      dueTime: '23:45',
    });
    assert.equal(ok.status, 303, 'a quarter of an hour before the new year is still ahead');
    const [full] = await t.db.select().from(applications).where(eq(applications.outlineId, outline));
    assert.equal(full?.dueAt?.toISOString(), '2026-12-31T22:45:00.000Z');
    assert.deepEqual(
      (await eventsNamed('application.invited')).filter((p) => p.applicationId === outline),
      [{ applicationId: outline, fullApplicationId: full!.id, dueAt: '2026-12-31T22:45:00.000Z' }],
    );
    await runDueJobs(t.deps);
    const [mail] = (await mailsTo(people.carrier, 'funding:mail.invitedToApply')).filter((m) => m.includes('Skizze'));
    assert.match(mail ?? '', /bis 31\. Dezember 2026 um 23:45/);
    assert.match(mail ?? '', new RegExp(`/de/applications/${full!.id}`), 'the link opens the full application');
  });
});
