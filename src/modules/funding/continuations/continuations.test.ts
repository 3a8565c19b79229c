// One budget year at a time: under a yearly programme the grant decision grants the first budget year
// and states the second as intended; no money is drawn for the second until the carrier's
// continuation application for it is approved. The whole way through the pages: the call to action,
// the prefilled form, draft and submission, the officer's list and decision (cut with reasons), the
// notice as stored, the mails, and the refused payment before and the accepted one after.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, pdfText, people, plan, signedIn, system } from '../../../../test/helpers/funding';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { fixedClock } from '../../../core/time/clock';
import { decisionNotice } from '../decisions/decisions.store';
import { requestPayment } from '../grants/grants.store';
import { continuations, grants, planVersions, programmes } from '../schema';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Awaited<ReturnType<ReturnType<typeof funding>['scene']>>;
const clock = fixedClock('2026-10-01T08:00:00Z');

// November 2026 to December 2027: 2026 grant 9,000 €, 2027 grant 18,000 €, own funds 10 % each year
const twoYears = {
  startDate: '2026-11-01',
  endDate: '2027-12-31',
  plan: plan({ year: 2026, grant: 900_000, own: 100_000 }, { year: 2027, grant: 1_800_000, own: 200_000 }),
  milestones: [
    { title: 'Auftakt', due: '2026-11-15' },
    { title: 'Erste Schulung', due: '2027-03-01' },
  ],
};

const grantRow = async (id: string) => (await t.db.select().from(grants).where(eq(grants.id, id)))[0]!;
async function mails(template: string) {
  await runDueJobs(t.deps);
  return t.db.select().from(outbox).where(eq(outbox.template, template));
}
const paymentFields = (year: string) => ({
  year,
  line: 'staff',
  amount: '100,00',
  dueOn: '2026-10-10',
  purpose: 'Gehälter',
});

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene({ programme: { decisionPeriod: 'yearly', title: 'Bundesprogramm' } });
});
after(() => t.close());

describe('a yearly programme', () => {
  let grantId: string;
  let applicationId: string;

  test('the grant decision grants the first year and states the second as intended', async () => {
    ({ grantId, applicationId } = await f.grant(scene, { content: { ...twoYears, title: 'Brücken bauen' } }));
    const g = await grantRow(grantId);
    assert.deepEqual(g.decidedYears, [2026]);
    const notice = await decisionNotice(t.db, applicationId);
    const text = await pdfText(notice!.content);
    assert.match(text, /für das Haushaltsjahr 2026 eine Zuwendung in Höhe von bis zu 9\.000,00\s€/);
    assert.match(text, /2027: 18\.000,00\s€ in Aussicht gestellt, vorbehaltlich der Bereitstellung/);
  });

  test('a payment for the undecided year is refused, naming the year and the continuation', async () => {
    const anna = await signedIn(t, people.carrier);
    const refused = await anna.submit(`/de/grants/${grantId}`, paymentFields('2027'), `/de/grants/${grantId}/payments`);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /Über das Haushaltsjahr 2027 ist noch nicht entschieden/);
    assert.match(refused.body, /Fortsetzungsantrag/);
    assert.ok(refused.html.querySelector('.error-summary'), 'the error summary');
    // the store refuses it too, whatever a route checked
    const direct = await requestPayment(
      t.db,
      system,
      grantId,
      { year: 2027, line: 'staff', requestedCents: 10_000, dueOn: '2026-10-10', purpose: 'x' },
      clock(),
    );
    assert.equal(direct.ok, false);
    const ok = await anna.submit(`/de/grants/${grantId}`, paymentFields('2026'), `/de/grants/${grantId}/payments`);
    assert.equal(ok.status, 303, 'the decided year pays');
  });

  test('the carrier files the continuation: call to action, prefilled form, draft, submission', async () => {
    const anna = await signedIn(t, people.carrier);
    const page = await anna.get(`/de/grants/${grantId}`);
    assert.match(page.body, /Fortsetzungsantrag für 2027 stellen/);
    assert.match(page.body, /In Aussicht gestellt/);
    // the page says what is granted as the notice does: 2026 granted, 2027 only held out
    const subline = page.html.querySelector('.kern-subline')?.text.replace(/\s+/g, ' ') ?? '';
    assert.match(subline, /Bewilligt: 9\.000,00 € · In Aussicht gestellt: 18\.000,00 €/);
    assert.match(page.body, /2027 \(In Aussicht gestellt\)<\/t[hd]>/, 'the year table marks the year');
    assert.equal(page.html.querySelector('#f-year option[value="2027"]')?.text, '2027 (In Aussicht gestellt)');

    const form = await anna.get(`/de/grants/${grantId}/continuation`);
    assert.equal(form.status, 200);
    assert.equal(form.html.querySelector('input[name="exp-staff"]')?.getAttribute('value'), '20000,00');
    assert.equal(form.html.querySelector('input[name="grant"]')?.getAttribute('value'), '18000,00');
    assert.equal(form.html.querySelector('input[name="own"]')?.getAttribute('value'), '2000,00');

    const fields = {
      year: '2027',
      'exp-staff': '20.000,00',
      own: '2.000,00',
      grant: '18.000,00',
      progress: '',
      milestone: 'Auftakt',
      changesWished: '',
    };
    const draft = await anna.post(`/de/grants/${grantId}/continuation`, { ...fields, intent: 'save' });
    assert.equal(draft.status, 303);
    const [saved] = await t.db.select().from(continuations).where(eq(continuations.grantId, grantId));
    assert.equal(saved?.status, 'draft');
    assert.deepEqual(saved?.content.milestonesReached, ['Auftakt']);
    assert.match((await anna.get(`/de/grants/${grantId}`)).body, /Fortsetzungsantrag für 2027 weiter bearbeiten/);

    // a submission needs the progress, and no more than intended
    const missing = await anna.submit(`/de/grants/${grantId}/continuation`, {
      ...fields,
      grant: '19.000,00',
      intent: 'submit',
    });
    assert.equal(missing.status, 400);
    assert.match(missing.body, /Für 2027 sind höchstens 18\.000,00\s€ in Aussicht gestellt/);
    assert.ok(missing.html.querySelector('#f-progress[aria-invalid="true"]'));

    const submitted = await anna.submit(`/de/grants/${grantId}/continuation`, {
      ...fields,
      progress: 'Zwölf Schulungen, 140 Teilnehmende.',
      intent: 'submit',
    });
    assert.equal(submitted.status, 303);
    const [c] = await t.db.select().from(continuations).where(eq(continuations.grantId, grantId));
    assert.equal(c?.status, 'submitted');
    assert.deepEqual(c?.submitted?.spending, { paidOutCents: 0, spentCents: 0 });
    const [mail] = await mails('funding:continuation.mail.submitted');
    assert.equal(mail?.to, people.officer);
    assert.match(mail?.subject ?? '', /Fortsetzungsantrag 2027/);
    // submitted: not changed again
    const again = await anna.post(`/de/grants/${grantId}/continuation`, { ...fields, progress: 'x', intent: 'submit' });
    assert.equal(again.status, 400);
    assert.match(again.body, /bereits eingereicht und kann nicht mehr geändert werden/);
    assert.equal((await anna.get(`/de/grants/${grantId}/continuation`)).status, 303, 'the form leads to it');
  });

  test('the officer finds it waiting and decides a cut, with reasons; the year is decided', async () => {
    const olga = await signedIn(t, people.officer);
    const dashboard = await olga.get('/de/funding');
    assert.match(dashboard.body, /Fortsetzungsanträge zu entscheiden: <strong>1<\/strong>/);
    const list = await olga.get('/de/funding/continuations');
    assert.match(list.body, /Brücken bauen/);
    const [c] = await t.db.select().from(continuations).where(eq(continuations.grantId, grantId));
    const url = `/de/grants/${grantId}/continuations/${c!.id}`;

    const noReasons = await olga.submit(
      url,
      { action: 'approve', amount: '15.000,00', reasons: '' },
      `${url}/decision`,
    );
    assert.equal(noReasons.status, 400);
    assert.match(noReasons.body, /Bitte begründen Sie die Kürzung/);
    const tooMuch = await olga.submit(url, { action: 'approve', amount: '18.500,00', reasons: 'x' }, `${url}/decision`);
    assert.equal(tooMuch.status, 400);

    const cut = await olga.submit(
      url,
      { action: 'approve', amount: '15.000,00', reasons: 'Die Haushaltsmittel 2027 reichen nicht weiter.' },
      `${url}/decision`,
    );
    assert.equal(cut.status, 303);
    const g = await grantRow(grantId);
    assert.deepEqual(g.decidedYears, [2026, 2027]);
    assert.equal(g.planVersion, 2);
    assert.equal(g.approvedTotalCents, 900_000 + 1_500_000);
    const y2027 = g.plan.grant.find((x) => x.year === 2027);
    assert.equal(y2027?.amountCents, 1_500_000);
    const versions = await t.db.select().from(planVersions).where(eq(planVersions.grantId, grantId));
    assert.deepEqual(versions.map((v) => [v.version, v.basis]).sort(), [
      [1, 'decision'],
      [2, 'decision'],
    ]);

    // the notice as stored, with its sha-256, naming the grant decision
    const [decided] = await t.db.select().from(continuations).where(eq(continuations.id, c!.id));
    assert.equal(decided?.status, 'approved');
    const anna = await signedIn(t, people.carrier);
    const pdf = await getRaw(t, anna, `${url}/notice.pdf`);
    assert.equal(pdf.statusCode, 200);
    const text = await pdfText(pdf.rawPayload);
    assert.match(text, /Bescheid über die Fortsetzung der Förderung im Haushaltsjahr 2027/);
    assert.match(text, /Zuwendungsbescheid vom 1\. Oktober 2026, Aktenzeichen/);
    assert.match(text, /bis zu 15\.000,00\s€ \(Höchstbetrag\)/);
    assert.match(text, /Die Haushaltsmittel 2027 reichen nicht weiter/);
    assert.match(text, /Rechtsbehelfsbelehrung/);
    assert.match(text, /Seite 1 von/);
    const again = await getRaw(t, anna, `${url}/notice.pdf`);
    assert.deepEqual(again.rawPayload, pdf.rawPayload, 'served as issued');

    const [mail] = await mails('funding:continuation.mail.decided');
    assert.equal(mail?.to, people.carrier);
    assert.match(mail?.text ?? '', /Bewilligt/);
    const seen = await anna.get(url);
    assert.match(seen.body, /15\.000,00/);
    assert.ok(!seen.html.querySelector('#f-continuation-decision'), 'the carrier does not decide');

    // the case history names the steps in words
    const history = await olga.get(`/de/grants/${grantId}/history`);
    assert.match(history.body, /Fortsetzungsantrag eingereicht/);
    assert.match(history.body, /Fortsetzung bewilligt/);

    // now 2027 pays
    const paid = await anna.submit(`/de/grants/${grantId}`, paymentFields('2027'), `/de/grants/${grantId}/payments`);
    assert.equal(paid.status, 303);
  });

  test('a rejection keeps the year undecided; its notice says so', async () => {
    const { grantId: id } = await f.grant(scene, { content: { ...twoYears, title: 'Zweites Projekt' } });
    const anna = await signedIn(t, people.carrier);
    await anna.submit(`/de/grants/${id}/continuation`, {
      year: '2027',
      'exp-staff': '20.000,00',
      own: '2.000,00',
      grant: '18.000,00',
      progress: 'Läuft.',
      intent: 'submit',
    });
    const [c] = await t.db.select().from(continuations).where(eq(continuations.grantId, id));
    const url = `/de/grants/${id}/continuations/${c!.id}`;
    const olga = await signedIn(t, people.officer);
    const noReason = await olga.submit(url, { action: 'reject', amount: '', reasons: '' }, `${url}/decision`);
    assert.equal(noReason.status, 400);
    const rejected = await olga.submit(
      url,
      { action: 'reject', amount: '', reasons: 'Keine Mittel.' },
      `${url}/decision`,
    );
    assert.equal(rejected.status, 303);
    assert.deepEqual((await grantRow(id)).decidedYears, [2026]);
    assert.equal((await grantRow(id)).approvedTotalCents, 900_000, 'the total keeps only the decided year 2026');
    const pdf = await getRaw(t, anna, `${url}/notice.pdf`);
    assert.match(await pdfText(pdf.rawPayload), /Ablehnung der Fortsetzung der Förderung im Haushaltsjahr 2027/);
    const refused = await anna.submit(`/de/grants/${id}`, paymentFields('2027'), `/de/grants/${id}/payments`);
    assert.equal(refused.status, 400);
    // decided already: a second decision is a conflict
    assert.equal((await olga.post(`${url}/decision`, { action: 'approve', amount: '1,00', reasons: 'x' })).status, 409);
  });

  test('others see nothing; a carrier cannot decide, an officer cannot file', async () => {
    const { grantId: id } = await f.grant(scene, { content: { ...twoYears, title: 'Drittes Projekt' } });
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await ben.get(`/de/grants/${id}/continuation`)).status, 404);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.doesNotMatch((await otto.get('/de/funding/continuations')).body, /Drittes Projekt/);
    const olga = await signedIn(t, people.officer);
    assert.equal((await olga.get(`/de/grants/${id}/continuation`)).status, 403);
    const anna = await signedIn(t, people.carrier);
    await anna.submit(`/de/grants/${id}/continuation`, {
      year: '2027',
      'exp-staff': '20.000,00',
      own: '2.000,00',
      grant: '18.000,00',
      progress: 'Läuft.',
      intent: 'submit',
    });
    const [c] = await t.db.select().from(continuations).where(eq(continuations.grantId, id));
    const url = `/de/grants/${id}/continuations/${c!.id}`;
    assert.equal(
      (await anna.post(`${url}/decision`, { action: 'approve', amount: '18.000,00', reasons: '' })).status,
      403,
    );
    assert.equal((await ben.get(url)).status, 404);
  });
});

describe('the programme setting', () => {
  test("the programme's officer chooses one decision per budget year in the programme form", async () => {
    const olga = await signedIn(t, people.officer);
    const edit = `/de/funding/programmes/${scene.programmeId}/edit`;
    const page = await olga.get(edit);
    assert.equal(page.html.querySelector('#f-decisionPeriod option[selected]')?.getAttribute('value'), 'yearly');
    const fields = {
      title: 'Bundesprogramm',
      goals: '',
      financingType: 'deficit',
      maxShare: '90',
      minOwnShare: '10',
      maxGrantPerYear: '50.000,00',
      fixedAmount: '',
      maxDurationMonths: '24',
      scope: 'local',
    };
    const bad = await olga.post(edit, { ...fields, decisionPeriod: 'monthly' });
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-decisionPeriod[aria-invalid="true"]'));
    const whole = await olga.post(edit, { ...fields, decisionPeriod: 'whole' });
    assert.equal(whole.status, 303);
    const [p] = await t.db.select().from(programmes).where(eq(programmes.id, scene.programmeId));
    assert.equal(p?.decisionPeriod, 'whole');
    // the grants decided so far keep their years; a new decision decides the whole period
    const { grantId } = await f.grant(scene, { content: { ...twoYears, title: 'Nach der Umstellung' } });
    assert.equal((await grantRow(grantId)).decidedYears, null);
    const yearly = await olga.post(edit, { ...fields, decisionPeriod: 'yearly' });
    assert.equal(yearly.status, 303);
  });
});

describe('a programme deciding the whole period', () => {
  test('decides every year at once, shows no continuation and pays every year', async () => {
    const callId = await f.call(await f.programme({ title: 'Ganz' }));
    const { grantId } = await f.grant(
      { callId, organisationId: scene.organisationId },
      { content: { ...twoYears, title: 'Ganz' } },
    );
    assert.equal((await grantRow(grantId)).decidedYears, null);
    const direct = await requestPayment(
      t.db,
      system,
      grantId,
      { year: 2027, line: 'staff', requestedCents: 10_000, dueOn: '2026-10-10', purpose: 'x' },
      clock(),
    );
    assert.equal(direct.ok, true);
  });
});
