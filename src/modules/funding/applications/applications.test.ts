// A carrier applies: eligibility, the draft's sections with plausibility checks, an upload,
// submission after which the version is frozen, a confirmation mail and a PDF. Nobody else's.
// The app's clock stands still (fixedClock) and is moved where the deadline matters: a call
// closing at 23:59 on New Year's Eve in Berlin takes a submission at 23:30 and refuses one at
// 00:30, although UTC still says 31 December then.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { type Client, heading, type TestApp, testApp } from '../../../../test/helpers/app';
import {
  type CallInput,
  funding,
  getRaw,
  pdfText,
  people,
  type Scene,
  signedIn,
  upload,
} from '../../../../test/helpers/funding';
import { events } from '../../../core/events/schema';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { berlinDateTime } from '../../../core/time/calendar';
import { fixedClock } from '../../../core/time/clock';
import { recordConfirmations } from '../partner-confirmations/partner-confirmations.store';
import type { ApplicationContent } from '../schema';
import { applications, applicationVersions } from '../schema';

const clock = fixedClock('2026-12-02T10:00:00Z');
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
let callId: string;
let closedCallId: string;

const base: Partial<CallInput> = {
  projectStartEarliest: '2027-01-01',
  projectEndLatest: '2028-12-31',
  eligibility: [{ id: 'q1', question: 'Gemeinnützig?', stopText: 'Nur gemeinnützige Träger.' }],
  requiredDocuments: [{ id: 'd1', label: 'Satzung', types: ['pdf'], maxMegabytes: 1 }],
};

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene({
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

/** Whether every text of the PDF ends left of the right margin (56pt). */
async function withinMargins(bytes: Buffer): Promise<boolean> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
  let fits = true;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    for (const item of (await page.getTextContent()).items)
      if ('str' in item && item.str.trim() && item.transform[4] + item.width > (page.view[2] ?? 0) - 56 + 0.5) {
        fits = false;
        console.error('past the margin:', item.str, item.transform[4] + item.width);
      }
  }
  await doc.destroy();
  return fits;
}

const pdf = (content: string | Buffer) => ({ filename: 'satzung.pdf', content, type: 'application/pdf' });

/** What passes every check of this programme and call: a tandem with a migrant organisation, in 2027. */
const complete = (overrides: Partial<ApplicationContent> = {}): Partial<ApplicationContent> => ({
  title: 'Brücken bauen',
  cooperationForm: 'tandem',
  partners: [
    {
      name: 'Kulturverein Anadolu',
      isMigrantOrganisation: true,
      role: 'Tandempartner',
      tasks: 'Elternabende auf Türkisch',
      budgetShareBp: 4000,
    },
  ],
  fieldsOfAction: ['parents', 'language'],
  ...overrides,
});

/** A complete application of carrier A with its document, ready to submit (in the call given). */
async function ready(o: { call?: string; title?: string } = {}): Promise<string> {
  const id = await f.application(
    { callId: o.call ?? callId, organisationId: scene.organisationId },
    { content: complete({ title: o.title ?? 'Brücken bauen' }) },
  );
  await f.document(id, 'd1');
  // its partner has confirmed its part (the link itself: partner-confirmations.test.ts)
  await recordConfirmations(t.db, id, clock());
  return id;
}

/** Anna opens the eligibility page, answers, and is sent to her new draft. */
async function startDraft(anna: Client, answer = 'yes') {
  const form = await anna.get(`/de/calls/${callId}/apply`);
  const organisationId = form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '';
  return anna.post(`/de/calls/${callId}/apply`, { organisationId, 'q-q1': answer });
}

const mailsAbout = (applicationId: string) =>
  t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.template, 'funding:mail.applicationSubmitted'), like(outbox.text, `%${applicationId}%`)));

describe('a carrier applies', () => {
  test('a "no" to an eligibility question stops with the explanation and saves nothing', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const anna = await signedIn(t, people.carrier);
    const before = (await t.db.select().from(applications)).length;
    const form = await anna.get(`/de/calls/${callId}/apply`);
    assert.equal(form.status, 200);
    const organisationId = form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '';
    const missing = await anna.post(`/de/calls/${callId}/apply`, { organisationId });
    assert.equal(missing.status, 400);
    assert.ok(missing.html.querySelector('#f-q-q1-error'));
    const foreign = await anna.post(`/de/calls/${callId}/apply`, {
      organisationId: scene.otherOrganisationId,
      'q-q1': 'yes',
    });
    assert.equal(foreign.status, 400, 'only for one’s own organisation');
    const no = await startDraft(anna, 'no');
    assert.equal(no.status, 200);
    assert.match(no.body, /Nur gemeinnützige Träger\./);
    assert.equal((await t.db.select().from(applications)).length, before);
    assert.equal((await anna.get(`/de/calls/${closedCallId}/apply`)).status, 404, 'closed calls take no applications');
  });

  test('"yes" opens a draft with an overview of its sections, which cannot be submitted empty', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const anna = await signedIn(t, people.carrier);
    const res = await startDraft(anna);
    assert.equal(res.status, 303);
    const overview = await anna.get(res.location!);
    assert.equal(overview.status, 200);
    assert.equal(overview.html.querySelectorAll('.kern-task-list__item').length, 6);
    const submit = await anna.post(`${res.location}/submit`);
    assert.equal(submit.status, 400, 'an empty draft cannot be submitted');
    const issues = submit.html.querySelectorAll('.error-summary li').map((li) => li.text);
    assert.ok(issues.some((i) => /Projektdaten: Bitte füllen Sie dieses Feld aus/.test(i)));
    assert.ok(issues.some((i) => /Unterlage „Satzung“ fehlt/.test(i)));
    assert.ok(issues.some((i) => /Migrantenorganisation/.test(i)));
  });

  test('sections save with field errors for malformed input and plausibility messages while filling', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const anna = await signedIn(t, people.carrier);
    const appUrl = (await startDraft(anna)).location!;
    const bad = await anna.submit(`${appUrl}/project`, {
      title: 'Brücken bauen',
      startDate: '2027-02-30',
      endDate: '2028-12-31',
      municipalityKey: '123',
    });
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-startDate-error'));
    assert.match(bad.html.querySelector('#f-municipalityKey-error')?.text ?? '', /8 Ziffern/);
    assert.equal(bad.html.querySelector('#f-title')?.getAttribute('value'), 'Brücken bauen', 'entries are kept');

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
      /frühestens am 1\. Januar 2027/,
      'the call window is checked while filling, its date in the reader’s words',
    );
    assert.equal((await anna.submit(`${appUrl}/project`, { ...project, startDate: '2027-01-01' })).status, 303);

    const partnerRow = await anna.submit(`${appUrl}/partners`, {
      cooperationForm: 'tandem',
      'partner-0-name': 'Kulturverein Anadolu',
      'partner-0-isMigrantOrganisation': 'on',
      'partner-1-role': 'ohne Namen',
    });
    assert.equal(partnerRow.status, 400);
    assert.match(partnerRow.html.querySelector('#f-partner-1-name-error')?.text ?? '', /Hier fehlt noch eine Angabe/);
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

    // the plan grid has a row per budget year: 2027 is row 0, 2028 row 1
    const planPage = await anna.get(`${appUrl}/plan`);
    assert.equal(planPage.html.querySelector('input[name="plan-1-year"]')?.getAttribute('value'), '2028');
    const plan = {
      'plan-0-year': '2027',
      'plan-1-year': '2028',
      'plan-0-staff': '50.000,00',
      'plan-0-travel': '5.000,00',
      'plan-1-staff': '50.000,00',
      'plan-0-own': '5.500',
      'plan-1-own': '5.000',
      'plan-0-grant': '49.500,00',
      'plan-1-grant': '40.000,00',
    };
    const wrongPlan = await anna.submit(`${appUrl}/plan`, { ...plan, 'plan-0-fees': 'zehn' });
    assert.equal(wrongPlan.status, 400);
    assert.match(wrongPlan.html.querySelector('#f-plan-0-fees-error')?.text ?? '', /Betrag in Euro/);
    // the cell's message and the summary's link name the line and the year
    assert.match(wrongPlan.html.querySelector('#f-plan-0-fees-error')?.text ?? '', /Honorare 2027/);
    const summaryLink = wrongPlan.html.querySelector('.error-summary a[href="#f-plan-0-fees"]');
    assert.match(summaryLink?.text ?? '', /Honorare 2027/);
    // a whole-plan message stands above the tables, not under the last field
    const unfinished = await anna.submit(`${appUrl}/plan`, {
      'plan-0-year': '2027',
      'plan-1-year': '2028',
      'plan-0-staff': '100.000,00',
    });
    assert.equal(unfinished.status, 303, 'a plan being filled is saved with its messages');
    const main = (await anna.get(`${appUrl}/plan`)).html.querySelector('main')?.innerHTML ?? '';
    const wholePlan = main.indexOf('id="f-grant"');
    assert.ok(
      wholePlan > 0,
      `the message that the grants do not cover the plan: ${main.match(/id="f-[a-z0-9-]+(-error)?"/g)}`,
    );
    assert.ok(wholePlan < main.indexOf('<table'), 'above the tables');
    assert.ok(wholePlan < main.indexOf('name="thirdSource"'), 'not under the third-party source');
    assert.equal(
      wrongPlan.html.querySelector('#f-plan-0-fees')?.getAttribute('value'),
      'zehn',
      'what was typed comes back',
    );
    assert.equal((await anna.submit(`${appUrl}/plan`, plan)).status, 303);
    const checked = await anna.get(`${appUrl}/plan`);
    assert.equal(checked.html.querySelector('#f-plan-0-staff')?.getAttribute('value'), '50000,00');
    assert.match(
      checked.html.querySelector('#f-plan-1-grant-error')?.text ?? '',
      /2028 decken .* nicht genau.*5\.000,00/,
      'cover mismatch in 2028 shown in euros at that year’s grant',
    );
    assert.equal((await anna.submit(`${appUrl}/plan`, { ...plan, 'plan-1-grant': '45.000,00' })).status, 303);
    assert.equal((await anna.get(`${appUrl}/plan`)).html.querySelectorAll('.kern-error').length, 0);

    await anna.get(`${appUrl}/documents`);
    const notPdf = await upload(t, anna, `${appUrl}/documents`, { 'document-d1': pdf('hello') });
    assert.equal(notPdf.status, 400);
    assert.match(notPdf.body, /keine gültige PDF-Datei/);
    await anna.get(`${appUrl}/documents`);
    const ok = await upload(t, anna, `${appUrl}/documents`, { 'document-d1': pdf('%PDF-1.4\n% test\n') });
    assert.equal(ok.status, 303);
    await anna.get(`${appUrl}/documents`);
    const tooLarge = await upload(t, anna, `${appUrl}/documents`, {
      'document-d1': pdf(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1024 * 1024 + 10)])),
    });
    assert.equal(tooLarge.status, 413);
    assert.match(tooLarge.body, /Die Datei ist zu groß/);
    await anna.get(`${appUrl}/documents`);
    const noToken = await upload(
      t,
      anna,
      `${appUrl}/documents`,
      { 'document-d1': { ...pdf('%PDF-1.4'), filename: 'x.pdf' } },
      { _csrf: 'forged' },
    );
    assert.equal(noToken.status, 403, 'uploads need the CSRF token too');

    assert.equal((await anna.submit(`${appUrl}/declarations`, { truthful: 'on', noDoubleFunding: 'on' })).status, 303);
    const id = appUrl.split('/').pop()!;
    const [saved] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(saved?.grantTotalCents, 9_450_000);
    assert.deepEqual(saved?.content.plan.grant, [
      { year: 2027, amountCents: 4_950_000 },
      { year: 2028, amountCents: 4_500_000 },
    ]);
    assert.equal(saved?.updatedAt.toISOString(), clock().toISOString(), 'saved at the app’s time');
    const unconfirmed = await anna.get(appUrl);
    assert.equal(
      unconfirmed.html.querySelectorAll('.kern-badge--warning').length,
      3,
      'the status, the partners section and the partner’s missing confirmation warn',
    );
    await recordConfirmations(t.db, id, clock());
    const overview = await anna.get(appUrl);
    assert.equal(overview.html.querySelectorAll('.kern-badge--warning').length, 1, 'only the status badge warns');
  });

  test('submission freezes a version; the worker mails the confirmation once, with the PDF of what was submitted', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await ready();
    const appUrl = `/de/applications/${id}`;
    const anna = await signedIn(t, people.carrier);
    await anna.get(appUrl);
    const res = await anna.post(`${appUrl}/submit`);
    assert.equal(res.status, 303, res.body.slice(0, 2000));
    const [a] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(a?.status, 'submitted');
    assert.equal(a?.submittedAt?.toISOString(), '2026-12-02T10:00:00.000Z');
    const [v] = await t.db.select().from(applicationVersions).where(eq(applicationVersions.applicationId, id));
    assert.equal(v?.version, 1);
    assert.equal(v?.content.title, 'Brücken bauen');
    assert.equal(v?.documents.length, 1);
    const said = await t.db.select().from(events).where(eq(events.name, 'application.submitted'));
    assert.ok(
      said.some((e) => (e.payload as { applicationId: string }).applicationId === id),
      'the submission says so in its transaction',
    );

    assert.equal((await mailsAbout(id)).length, 0, 'the mail is the worker’s, after the commit');
    await runDueJobs(t.deps);
    await runDueJobs(t.deps);
    const mails = await mailsAbout(id);
    assert.equal(mails.length, 1, 'one mail, also when the worker runs again');
    assert.equal(mails[0]?.to, people.carrier);
    assert.equal(mails[0]?.subject, 'Ihr Antrag „Brücken bauen“ ist eingegangen');
    assert.match(mails[0]?.text ?? '', /der Organisation Caritas Mainz zum Aufruf „Tandems 2027“/);
    assert.ok(mails[0]?.text.includes(`http://localhost:3000/de/applications/${id}/versions/1.pdf`));

    const file = await getRaw(t, anna, `${appUrl}/versions/1.pdf`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = await pdfText(file.rawPayload);
    assert.match(text, /Brücken bauen/);
    assert.match(text, /Kulturverein Anadolu/);
    assert.match(text, /9\.000,00/, 'the grant in the plan table');
    // the fields of action, the partners' tasks, the case number, page numbers and the whole sha-256
    assert.match(text, /Sprache, Eltern und Familie|Eltern und Familie/);
    assert.match(text, /Elternabende auf Türkisch/);
    assert.ok(a?.caseNumber, 'a case number from the submission');
    assert.ok(text.includes(`Aktenzeichen: ${a.caseNumber}`));
    assert.match(text, /Seite 1 von \d/);
    assert.ok(text.replace(/\s+/g, '').includes(v!.documents[0]!.sha256), 'the whole checksum');
    assert.ok(await withinMargins(file.rawPayload), 'no text runs past the right margin');

    const frozen = await anna.get(`${appUrl}/project`);
    assert.match(frozen.body, /kann nicht mehr geändert werden/);
    assert.equal((await anna.post(`${appUrl}/project`, { title: 'Geändert' })).status, 409);
    assert.equal((await anna.post(`${appUrl}/submit`)).status, 409, 'no second submission');
    const [still] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(still?.content.title, 'Brücken bauen');
  });

  test('submitted in English, the confirmation is English and its link opens the English page', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await ready({ title: 'Building bridges' });
    const anna = await signedIn(t, people.carrier);
    await anna.get(`/en/applications/${id}`);
    assert.equal((await anna.post(`/en/applications/${id}/submit`)).status, 303);
    await runDueJobs(t.deps);
    const [mail] = await mailsAbout(id);
    assert.equal(mail?.subject, 'Your application “Building bridges” has arrived');
    assert.ok(mail?.text.includes(`http://localhost:3000/en/applications/${id}/versions/1.pdf`));
  });
});

describe('who sees an application', () => {
  test('another carrier gets 404 everywhere, also by guessing URLs', async () => {
    const id = await f.application(
      { callId, organisationId: scene.organisationId },
      { content: complete({ title: 'Nur für Caritas' }), submit: true },
    );
    const appUrl = `/de/applications/${id}`;
    const ben = await signedIn(t, people.foreignCarrier);
    for (const path of ['', '/project', '/plan', '/documents', '/versions/1.pdf'])
      assert.equal((await ben.get(`${appUrl}${path}`)).status, 404, path);
    await ben.get('/de/applications');
    assert.equal((await ben.post(`${appUrl}/project`, { title: 'x' })).status, 404);
    const list = await ben.get('/de/applications');
    assert.doesNotMatch(list.body, /Nur für Caritas/);
  });

  test('the programme officer reads it, cannot edit it; an officer of another programme gets 404', async () => {
    const id = await f.application(
      { callId, organisationId: scene.organisationId },
      { content: complete({ title: 'Für das Referat' }), submit: true },
    );
    const appUrl = `/de/applications/${id}`;
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(appUrl);
    assert.equal(page.status, 200);
    assert.equal(heading(page), 'Für das Referat');
    assert.equal(page.html.querySelector(`form[action="${appUrl}/submit"]`), null);
    assert.equal((await olga.get(`${appUrl}/versions/1.pdf`)).status, 200);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.equal((await otto.get(appUrl)).status, 404);
  });
});

describe('the deadline, by the app’s clock in Berlin', () => {
  test('a call closing at 23:59 on 31 December takes a submission at 23:30 and refuses one at 00:30 on 1 January', async () => {
    clock.set('2026-12-20T12:00:00Z');
    const yearEnd = await f.call(scene.programmeId, {
      ...base,
      title: 'Bis Silvester',
      opensAt: berlinDateTime('2026-12-01', '00:00'),
      closesAt: berlinDateTime('2026-12-31', '23:59'),
    });
    const inTime = await ready({ call: yearEnd, title: 'Rechtzeitig' });
    const late = await ready({ call: yearEnd, title: 'Zu spät' });

    clock.set('2026-12-31T22:30:00Z'); // 23:30 on 31 December in Berlin
    const anna = await signedIn(t, people.carrier); // sessions count by the app's clock too
    await anna.get(`/de/applications/${inTime}`);
    assert.equal((await anna.post(`/de/applications/${inTime}/submit`)).status, 303);
    const [version] = await t.db
      .select()
      .from(applicationVersions)
      .where(eq(applicationVersions.applicationId, inTime));
    assert.equal(version?.submittedAt.toISOString(), '2026-12-31T22:30:00.000Z');
    const overview = await anna.get(`/de/applications/${inTime}`);
    assert.match(overview.body, /31\. Dezember 2026 um 23:30/, 'the version is shown at Berlin’s time');
    assert.equal((await anna.get(`/de/calls/${yearEnd}/apply`)).status, 200, 'still open for new drafts');

    clock.set('2026-12-31T23:30:00Z'); // 00:30 on 1 January in Berlin, while UTC still says 31 December
    const after = await signedIn(t, people.carrier);
    await after.get(`/de/applications/${late}`);
    const refused = await after.post(`/de/applications/${late}/submit`);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /Einreichungsfrist ist abgelaufen/);
    const [still] = await t.db.select().from(applications).where(eq(applications.id, late));
    assert.equal(still?.status, 'draft');
    assert.equal((await after.get(`/de/calls/${yearEnd}/apply`)).status, 404, 'no new drafts either');
    const page = await after.get(`/de/calls/${yearEnd}`);
    assert.match(page.body, /Einreichungsfrist für diesen Aufruf ist abgelaufen/);
  });

  test('an invited full application keeps its own deadline after the call has closed', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const closing = await f.call(scene.programmeId, {
      ...base,
      title: 'Schließt bald',
      opensAt: new Date('2026-11-01T00:00:00Z'),
      closesAt: berlinDateTime('2026-12-10', '12:00'),
    });
    const id = await ready({ call: closing, title: 'Eingeladen' });
    await t.db
      .update(applications)
      .set({ dueAt: berlinDateTime('2027-01-15', '12:00') })
      .where(eq(applications.id, id));
    clock.set('2027-01-15T10:59:00Z'); // 11:59 in Berlin: the call closed long ago, the invitation has a minute
    const anna = await signedIn(t, people.carrier);
    await anna.get(`/de/applications/${id}`);
    assert.equal((await anna.post(`/de/applications/${id}/submit`)).status, 303);
  });
});
