// Officers return an application for changes (the submitted version stays) and, in a two-stage
// call, invite an outline's carrier to a full application prefilled from the outline.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { outbox } from '../src/core/mail/schema';
import { blankContent, createDraft, saveContent, submitApplication } from '../src/modules/funding/applications.store';
import { createCall, createProgramme } from '../src/modules/funding/programmes.store';
import { applications, applicationVersions, calls } from '../src/modules/funding/schema';
import { createOrganisation } from '../src/modules/network';
import { client, makeUser, type TestApp, testApp } from './helpers/app';

let t: TestApp;
let programmeId: string;
let orgId: string;
const system = { id: null, label: 'test' };
const content = {
  ...blankContent(),
  title: 'Erste Fassung',
  summary: 'S',
  goals: 'G',
  targetGroups: 'T',
  region: 'Trier',
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  plan: {
    expenses: [{ line: 'staff', year: 2027, amountCents: 1_000_000 }],
    ownFunds: [{ year: 2027, amountCents: 100_000 }],
    thirdPartyFunds: [],
    grant: [{ year: 2027, amountCents: 900_000 }],
  },
  milestones: [{ title: 'Start', due: '2027-02-01' }],
  declarations: { truthful: true, noDoubleFunding: true, privacy: true },
};

before(async () => {
  t = await testApp();
  programmeId = await createProgramme(t.db, system, {
    title: 'P',
    goals: '',
    financingType: 'deficit',
    maxShareBp: 9000,
    minOwnShareBp: 1000,
    maxGrantPerYearCents: 5_000_000,
    fixedAmountCents: null,
    maxDurationMonths: 24,
    scope: 'local',
    requiresMigrantOrganisation: false,
    cooperationForms: [],
    budgetPerYear: {},
  });
  orgId = await createOrganisation(t.db, system, { name: 'Träger Trier e. V.', kind: 'carrier' });
  await makeUser(t.db, 'tina@carrier.example', 'carrierStaff', { scopeKind: 'organisation', scopeId: orgId });
  await makeUser(t.db, 'olga@funder.example', 'programmeOfficer', { scopeKind: 'programme', scopeId: programmeId });
});
after(() => t.close());

const call = (stages: number) =>
  createCall(t.db, system, {
    programmeId,
    title: `Aufruf ${stages}`,
    text: '',
    stages,
    projectStartEarliest: null,
    projectEndLatest: null,
    opensAt: new Date('2026-01-01'),
    closesAt: new Date('2099-01-01'),
    eligibility: [],
    requiredDocuments: [],
    rubric: [],
    blindReview: false,
    published: true,
  });

describe('return for changes', () => {
  test('keeps the submitted version, mails the reason, and the carrier submits version 2', async () => {
    const id = await createDraft(t.db, system, {
      callId: await call(1),
      organisationId: orgId,
      stage: 'full',
      eligibilityAnswers: {},
    });
    await saveContent(t.db, system, id, content);
    await submitApplication(t.db, system, id);
    const olga = client(t);
    await olga.signIn('olga@funder.example');
    await olga.get(`/de/funding/applications/${id}`);
    const empty = await olga.post(`/de/funding/applications/${id}/return`, { returnReason: '' });
    assert.equal(empty.status, 400);
    assert.ok(empty.html.querySelector('#f-returnReason-error'));
    assert.equal(
      (
        await olga.post(`/de/funding/applications/${id}/return`, {
          returnReason: 'Bitte Zielgruppe genauer beschreiben.',
        })
      ).status,
      303,
    );
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.template, 'applicationReturned'));
    assert.match(mail?.text ?? '', /Zielgruppe genauer beschreiben/);

    const tina = client(t);
    await tina.signIn('tina@carrier.example');
    assert.equal(
      (await tina.submit(`/de/applications/${id}/project`, { ...content, title: 'Zweite Fassung', plan: '' } as never))
        .status,
      303,
    );
    await tina.get(`/de/applications/${id}`);
    assert.equal((await tina.post(`/de/applications/${id}/submit`)).status, 303);
    const versions = await t.db.select().from(applicationVersions).where(eq(applicationVersions.applicationId, id));
    assert.deepEqual(versions.map((v) => [v.version, v.content.title]).sort(), [
      [1, 'Erste Fassung'],
      [2, 'Zweite Fassung'],
    ]);
    assert.equal(
      (await tina.get(`/de/applications/${id}/versions/1.pdf`)).status,
      200,
      'the first version stays available',
    );
  });
});

describe('two-stage call', () => {
  test('an outline needs no work plan or documents; the invited full application is prefilled and has its own deadline', async () => {
    const callId = await call(2);
    const tina = client(t);
    await tina.signIn('tina@carrier.example');
    const form = await tina.get(`/de/calls/${callId}/apply`);
    const org = form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '';
    const started = await tina.post(`/de/calls/${callId}/apply`, { organisationId: org });
    const outlineUrl = started.location!;
    const overview = await tina.get(outlineUrl);
    assert.match(overview.body, /Projektskizze/);
    assert.equal(overview.html.querySelectorAll('.kern-task-list__item').length, 4);
    assert.equal((await tina.get(`${outlineUrl}/documents`)).status, 404);
    const outlineId = outlineUrl.split('/').pop()!;
    await saveContent(t.db, system, outlineId, { ...content, title: 'Skizze Trier', milestones: [] });
    await tina.get(outlineUrl);
    assert.equal((await tina.post(`${outlineUrl}/submit`)).status, 303);

    const olga = client(t);
    await olga.signIn('olga@funder.example');
    const page = await olga.get(`/de/funding/applications/${outlineId}`);
    assert.ok(page.html.querySelector(`form[action="/de/funding/applications/${outlineId}/invite"]`));
    const approve = await olga.post(`/de/funding/applications/${outlineId}/decision`, {
      outcome: 'approved',
      'amount-2027': '1',
    });
    assert.equal(approve.status, 400, 'an outline is invited, not approved');
    const past = await olga.post(`/de/funding/applications/${outlineId}/invite`, {
      dueDate: '2020-01-01',
      dueTime: '12:00',
    });
    assert.equal(past.status, 400);
    assert.equal(
      (await olga.post(`/de/funding/applications/${outlineId}/invite`, { dueDate: '2098-06-30', dueTime: '12:00' }))
        .status,
      303,
    );

    const [outline] = await t.db.select().from(applications).where(eq(applications.id, outlineId));
    assert.equal(outline?.status, 'invited');
    const [full] = await t.db.select().from(applications).where(eq(applications.outlineId, outlineId));
    assert.ok(full);
    assert.equal(full.stage, 'full');
    assert.equal(full.status, 'draft');
    assert.equal(full.content.title, 'Skizze Trier', 'prefilled from the outline');
    assert.equal(full.content.declarations.truthful, false, 'declarations are made again');
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.template, 'invitedToApply'));
    assert.match(mail?.text ?? '', /30\. Juni 2098/);

    // the call's own period has ended, but the invitation's deadline has not
    await t.db.update(calls).set({ closesAt: sql`now() - interval '1 day'` }).where(eq(calls.id, callId));
    await saveContent(t.db, system, full.id, {
      declarations: { truthful: true, noDoubleFunding: true, privacy: true },
      milestones: content.milestones,
    });
    await tina.get(`/de/applications/${full.id}`);
    const submitted = await tina.post(`/de/applications/${full.id}/submit`);
    assert.equal(submitted.status, 303, submitted.body.match(/submit-issues[\s\S]{0,600}/)?.[0] ?? '');
  });
});
