// A carrier applies: eligibility, the draft's sections with plausibility checks, an upload,
// submission after which the version is frozen, a confirmation mail and a PDF. Nobody else's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq, sql } from 'drizzle-orm';
import { heading, type TestApp, testApp } from '../../../../test/helpers/app';
import { type CallInput, funding, getRaw, pdfText, people, signedIn, upload } from '../../../../test/helpers/funding';
import { outbox } from '../../../core/mail/schema';
import { applications, applicationVersions, calls } from '../schema';

let t: TestApp;
let callId: string;
let closedCallId: string;

before(async () => {
  t = await testApp();
  const f = funding(t);
  const base: Partial<CallInput> = {
    projectStartEarliest: '2027-01-01',
    projectEndLatest: '2028-12-31',
    eligibility: [{ id: 'q1', question: 'Gemeinnützig?', stopText: 'Nur gemeinnützige Träger.' }],
    requiredDocuments: [{ id: 'd1', label: 'Satzung', types: ['pdf'], maxMegabytes: 1 }],
  };
  const scene = await f.scene({
    programme: {
      title: 'Partizipation',
      maxGrantPerYearCents: 10_000_000,
      requiresMigrantOrganisation: true,
      cooperationForms: ['tandem', 'mentoring'],
    },
    call: { ...base, title: 'Tandems 2027' },
    organisations: ['Caritas Mainz', 'Diakonie Trier'],
  });
  callId = scene.callId;
  closedCallId = await f.call(scene.programmeId, {
    ...base,
    title: 'Alt',
    opensAt: new Date('2020-01-01'),
    closesAt: new Date('2020-02-01'),
  });
});
after(() => t.close());

const pdf = (content: string | Buffer) => ({ filename: 'satzung.pdf', content, type: 'application/pdf' });

let appUrl = '';

describe('a carrier applies', () => {
  test('a "no" to an eligibility question stops with the explanation and saves nothing', async () => {
    const anna = await signedIn(t, people.carrier);
    const form = await anna.get(`/de/calls/${callId}/apply`);
    assert.equal(form.status, 200);
    const missing = await anna.post(`/de/calls/${callId}/apply`, {
      organisationId: form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '',
    });
    assert.equal(missing.status, 400);
    assert.ok(missing.html.querySelector('#f-q-q1-error'));
    const no = await anna.submit(`/de/calls/${callId}/apply`, {
      organisationId: form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '',
      'q-q1': 'no',
    });
    assert.equal(no.status, 200);
    assert.match(no.body, /Nur gemeinnützige Träger\./);
    assert.equal((await t.db.select().from(applications)).length, 0);
    assert.equal((await anna.get(`/de/calls/${closedCallId}/apply`)).status, 404, 'closed calls take no applications');
  });

  test('"yes" opens a draft with an overview of its sections', async () => {
    const anna = await signedIn(t, people.carrier);
    const form = await anna.get(`/de/calls/${callId}/apply`);
    const org = form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '';
    const res = await anna.post(`/de/calls/${callId}/apply`, { organisationId: org, 'q-q1': 'yes' });
    assert.equal(res.status, 303);
    appUrl = res.location!;
    const overview = await anna.get(appUrl);
    assert.equal(overview.status, 200);
    assert.equal(overview.html.querySelectorAll('.kern-task-list__item').length, 6);
    const submit = await anna.post(`${appUrl}/submit`);
    assert.equal(submit.status, 400, 'an empty draft cannot be submitted');
    const issues = submit.html.querySelectorAll('#submit-issues ~ * li, .error-summary li').map((li) => li.text);
    assert.ok(issues.some((i) => /Projektdaten: Bitte füllen Sie dieses Feld aus/.test(i)));
    assert.ok(issues.some((i) => /Unterlage „Satzung“ fehlt/.test(i)));
    assert.ok(issues.some((i) => /Migrantenorganisation/.test(i)));
  });

  test('sections save with field errors for malformed input and plausibility messages while filling', async () => {
    const anna = await signedIn(t, people.carrier);
    const bad = await anna.submit(`${appUrl}/project`, {
      title: 'Brücken bauen',
      startDate: '2027-02-30',
      endDate: '2028-12-31',
      municipalityKey: '123',
    });
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-startDate-error'));
    assert.ok(bad.html.querySelector('#f-municipalityKey-error'));

    const project = {
      title: 'Brücken bauen',
      acronym: 'BB',
      summary: 'Tandem aus Caritas und Kulturverein',
      goals: 'Mehr Beteiligung',
      targetGroups: 'Familien',
      region: 'Mainz',
      municipalityKey: '07315000',
      startDate: '2026-12-01',
      endDate: '2028-12-31',
    };
    assert.equal((await anna.submit(`${appUrl}/project`, project)).status, 303);
    const early = await anna.get(`${appUrl}/project`);
    assert.match(
      early.html.querySelector('#f-startDate-error')?.text ?? '',
      /frühestens/,
      'call window is checked while filling',
    );
    assert.equal((await anna.submit(`${appUrl}/project`, { ...project, startDate: '2027-01-01' })).status, 303);

    assert.equal(
      (
        await anna.submit(`${appUrl}/partners`, {
          cooperationForm: 'tandem',
          'partner-0-name': 'Kulturverein Anadolu',
          'partner-0-isMigrantOrganisation': 'on',
          'partner-0-role': 'Tandempartner',
          'partner-0-share': '40',
        })
      ).status,
      303,
    );
    assert.equal(
      (await anna.submit(`${appUrl}/workplan`, { 'milestone-0-title': 'Auftakt', 'milestone-0-due': '2027-03-01' }))
        .status,
      303,
    );

    const plan = {
      'exp-staff-2027': '50.000,00',
      'exp-travel-2027': '5.000,00',
      'exp-staff-2028': '50.000,00',
      'own-2027': '5.500',
      'own-2028': '5.000',
      'grant-2027': '49.500,00',
      'grant-2028': '40.000,00',
    };
    const wrongPlan = await anna.submit(`${appUrl}/plan`, { ...plan, 'exp-fees-2027': 'zehn' });
    assert.equal(wrongPlan.status, 400);
    assert.ok(wrongPlan.html.querySelector('#f-exp-fees-2027-error'));
    assert.equal((await anna.submit(`${appUrl}/plan`, plan)).status, 303);
    const planPage = await anna.get(`${appUrl}/plan`);
    assert.match(
      planPage.html.querySelector('#f-grant-2028-error')?.text ?? '',
      /decken .* nicht genau.*5\.000,00/,
      'cover mismatch in 2028 shown in euros',
    );
    assert.equal((await anna.submit(`${appUrl}/plan`, { ...plan, 'grant-2028': '45.000,00' })).status, 303);
    assert.equal((await anna.get(`${appUrl}/plan`)).html.querySelectorAll('.kern-error').length, 0);

    await anna.get(`${appUrl}/documents`);
    const notPdf = await upload(t, anna, `${appUrl}/documents`, { 'document-d1': pdf('hello') });
    assert.equal(notPdf.status, 400);
    await anna.get(`${appUrl}/documents`);
    const ok = await upload(t, anna, `${appUrl}/documents`, { 'document-d1': pdf('%PDF-1.4\n% test\n') });
    assert.equal(ok.status, 303);
    await anna.get(`${appUrl}/documents`);
    const noToken = await upload(
      t,
      anna,
      `${appUrl}/documents`,
      { 'document-d1': { ...pdf('%PDF-1.4'), filename: 'x.pdf' } },
      { _csrf: 'forged' },
    );
    assert.equal(noToken.status, 403, 'uploads need the CSRF token too');

    assert.equal(
      (await anna.submit(`${appUrl}/declarations`, { truthful: 'on', noDoubleFunding: 'on', privacy: 'on' })).status,
      303,
    );
  });

  test('submission freezes a version, mails a confirmation and offers the PDF of what was submitted', async () => {
    const anna = await signedIn(t, people.carrier);
    await anna.get(appUrl);
    const res = await anna.post(`${appUrl}/submit`);
    assert.equal(res.status, 303, res.body.slice(0, 2000));
    const [a] = await t.db.select().from(applications);
    assert.equal(a?.status, 'submitted');
    assert.equal(a?.grantTotalCents, 9_450_000);
    const [v] = await t.db.select().from(applicationVersions);
    assert.equal(v?.version, 1);
    assert.equal(v?.content.title, 'Brücken bauen');
    assert.equal(v?.documents.length, 1);

    const [mail] = await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.template, 'applicationSubmitted'))
      .orderBy(desc(outbox.createdAt));
    assert.equal(mail?.to, people.carrier);
    assert.match(mail?.text ?? '', /versions\/1\.pdf/);

    const file = await getRaw(t, anna, `${appUrl}/versions/1.pdf`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = await pdfText(file.rawPayload);
    assert.match(text, /Brücken bauen/);
    assert.match(text, /Kulturverein Anadolu/);
    assert.match(text, /94\.500,00/, 'the grant total in the plan table');

    const frozen = await anna.get(`${appUrl}/project`);
    assert.match(frozen.body, /kann nicht mehr geändert werden/);
    assert.equal((await anna.post(`${appUrl}/project`, { title: 'Geändert' })).status, 409);
    assert.equal((await anna.post(`${appUrl}/submit`)).status, 409, 'no second submission');
    const [still] = await t.db.select().from(applications);
    assert.equal(still?.content.title, 'Brücken bauen');
  });
});

describe('who sees an application', () => {
  test('another carrier gets 404 everywhere, also by guessing URLs', async () => {
    const ben = await signedIn(t, people.foreignCarrier);
    for (const path of ['', '/project', '/plan', '/documents', '/versions/1.pdf'])
      assert.equal((await ben.get(`${appUrl}${path}`)).status, 404, path);
    await ben.get('/de/applications');
    assert.equal((await ben.post(`${appUrl}/project`, { title: 'x' })).status, 404);
    const list = await ben.get('/de/applications');
    assert.doesNotMatch(list.body, /Brücken bauen/);
  });

  test('the programme officer reads it, cannot edit it; an officer of another programme gets 404', async () => {
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(appUrl);
    assert.equal(page.status, 200);
    assert.equal(heading(page), 'Brücken bauen');
    assert.equal(page.html.querySelector(`form[action="${appUrl}/submit"]`), null);
    assert.equal((await olga.get(`${appUrl}/versions/1.pdf`)).status, 200);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.equal((await otto.get(appUrl)).status, 404);
  });

  test('after the deadline a draft can no longer be submitted', async () => {
    const anna = await signedIn(t, people.carrier);
    const form = await anna.get(`/de/calls/${callId}/apply`);
    const org = form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '';
    const res = await anna.post(`/de/calls/${callId}/apply`, { organisationId: org, 'q-q1': 'yes' });
    await t.db.update(calls).set({ closesAt: sql`now() - interval '1 minute'` }).where(eq(calls.id, callId));
    await anna.get(res.location!);
    const late = await anna.post(`${res.location}/submit`);
    assert.equal(late.status, 400);
    assert.match(late.body, /Einreichungsfrist ist abgelaufen/);
  });
});
