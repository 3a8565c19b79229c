// Officers return an application for changes (the submitted version stays) and, in a two-stage
// call, invite an outline's carrier to a full application prefilled from the outline.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import {
  content as completeContent,
  funding,
  people,
  type Scene,
  signedIn,
  system,
} from '../../../../test/helpers/funding';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { saveContent } from '../applications/applications.store';
import { applications, applicationVersions, calls } from '../schema';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
const content = completeContent({ title: 'Erste Fassung' });

before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene();
});
after(() => t.close());

const call = (stages: number) => f.call(scene.programmeId, { title: `Aufruf ${stages}`, stages });

describe('return for changes', () => {
  test('keeps the submitted version, mails the reason, and the carrier submits version 2', async () => {
    const id = await f.application(
      { callId: await call(1), organisationId: scene.organisationId },
      { content, submit: true },
    );
    const olga = await signedIn(t, people.officer);
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
    await runDueJobs(t.deps);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.template, 'funding:mail.applicationReturned'));
    assert.match(mail?.text ?? '', /Zielgruppe genauer beschreiben/);

    const tina = await signedIn(t, people.carrier);
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
    const tina = await signedIn(t, people.carrier);
    const form = await tina.get(`/de/calls/${callId}/apply`);
    const org = form.html.querySelector('input[name="organisationId"]')?.getAttribute('value') ?? '';
    const started = await tina.post(`/de/calls/${callId}/apply`, { organisationId: org });
    const outlineUrl = started.location!;
    const overview = await tina.get(outlineUrl);
    assert.match(overview.body, /Projektskizze/);
    assert.equal(overview.html.querySelectorAll('.kern-task-list__item').length, 4);
    assert.equal((await tina.get(`${outlineUrl}/documents`)).status, 404);
    const outlineId = outlineUrl.split('/').pop()!;
    await saveContent(t.db, system, outlineId, { ...content, title: 'Skizze Trier', milestones: [] }, t.deps.now());
    await tina.get(outlineUrl);
    assert.equal((await tina.post(`${outlineUrl}/submit`)).status, 303);

    const olga = await signedIn(t, people.officer);
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
    await runDueJobs(t.deps);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.template, 'funding:mail.invitedToApply'));
    assert.match(mail?.text ?? '', /30\. Juni 2098/);

    // the call's own period has ended, but the invitation's deadline has not
    await t.db.update(calls).set({ closesAt: sql`now() - interval '1 day'` }).where(eq(calls.id, callId));
    await saveContent(
      t.db,
      system,
      full.id,
      { declarations: { truthful: true, noDoubleFunding: true }, milestones: content.milestones },
      t.deps.now(),
    );
    await tina.get(`/de/applications/${full.id}`);
    const submitted = await tina.post(`/de/applications/${full.id}/submit`);
    assert.equal(submitted.status, 303, submitted.body.match(/error-summary[\s\S]{0,600}/)?.[0] ?? '');
  });
});
