// Fields of action: the carrier names them in the project section, reviewers name what they know,
// and automatic assignment prefers a reviewer who knows the field (load still counts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, signedIn } from '../../../../test/helpers/funding';
import { applications, reviewAssignments } from '../schema';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Awaited<ReturnType<ReturnType<typeof funding>['scene']>>;
const reviewer: Record<string, string> = {};

before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene();
  reviewer.ella = await f.reviewer('ella@review.example');
  reviewer.emil = await f.reviewer('emil@review.example');
});
after(() => t.close());

describe('fields of action', () => {
  test('the carrier chooses fields of action in the project section; unknown values are refused', async () => {
    const id = await f.application(scene);
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${id}/project`;
    const page = await anna.get(url);
    const boxes = page.html.querySelectorAll('input[name="fieldsOfAction"]');
    assert.equal(boxes.length, 12);
    const form = new URLSearchParams({
      _csrf: anna.lastToken ?? '',
      title: 'Elterncafé',
      summary: 'S',
      goals: 'G',
      targetGroups: 'Eltern',
      region: 'Trier',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
    });
    form.append('fieldsOfAction', 'parents');
    form.append('fieldsOfAction', 'language');
    const post = (body: URLSearchParams) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...anna.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
    assert.equal((await post(form)).statusCode, 303);
    const [row] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.deepEqual(row?.content.fieldsOfAction, ['language', 'parents']);
    const again = await anna.get(url);
    assert.deepEqual(
      again.html.querySelectorAll('input[name="fieldsOfAction"][checked]').map((i) => i.getAttribute('value')),
      ['language', 'parents'],
    );
    form.append('fieldsOfAction', 'astrology');
    const bad = await post(form);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="f-fieldsOfAction-error"/);
    const [unchanged] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.deepEqual(unchanged?.content.fieldsOfAction, ['language', 'parents']);
  });

  test('a reviewer names their fields, and automatic assignment prefers them for matching applications', async () => {
    const ella = await signedIn(t, 'ella@review.example');
    const home = await ella.get('/de/reviews');
    assert.equal(home.html.querySelectorAll('input[name="topics"]').length, 12);
    assert.equal((await ella.post('/de/reviews/topics', { topics: 'parents' })).status, 303);
    assert.equal(
      (await ella.get('/de/reviews')).html.querySelector('input[name="topics"][checked]')?.getAttribute('value'),
      'parents',
    );
    assert.equal((await ella.post('/de/reviews/topics', { topics: 'astrology' })).status, 400);
    const archive = JSON.parse((await ella.get('/de/account/my-data.json')).body);
    assert.deepEqual(archive.funding?.reviewerTopics, ['parents'], 'the download of my data includes my fields');

    const callId = await f.call(scene.programmeId, { title: 'Zweiter Aufruf' });
    const target = { callId, organisationId: scene.organisationId };
    const parentsApp = await f.application(target, { submit: true, content: { fieldsOfAction: ['parents'] } });
    const parentsApp2 = await f.application(target, {
      submit: true,
      content: { fieldsOfAction: ['parents', 'youth'] },
    });
    const workApp = await f.application(target, { submit: true, content: { fieldsOfAction: ['work'] } });
    const olga = await signedIn(t, people.officer);
    const manual = await olga.get(`/de/funding/applications/${parentsApp}`);
    const first = manual.html.querySelector('#f-reviewerId option:not([value=""])');
    assert.match(first?.text ?? '', /★ ella.*Eltern und Familie/, 'the matching reviewer is offered first');

    await olga.get(`/de/funding/calls/${callId}/ranking`);
    assert.equal((await olga.post(`/de/funding/calls/${callId}/assign`, { perApplication: '1' })).status, 303);
    const assigned = async (applicationId: string) =>
      (await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, applicationId)))[0]
        ?.reviewerId;
    // by load alone the first two would go to different reviewers; the field keeps both with ella
    assert.equal(await assigned(parentsApp), reviewer.ella, 'the parents’ projects go to the parents’ expert');
    assert.equal(await assigned(parentsApp2), reviewer.ella);
    assert.equal(await assigned(workApp), reviewer.emil, 'the other one balances the load');
  });
});
