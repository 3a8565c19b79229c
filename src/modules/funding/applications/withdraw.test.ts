// A carrier withdraws an application while nothing is decided on it, after confirming; a decided one
// stays as it is. Starting or filling in a second application to the same call warns first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, type Scene, signedIn } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { fixedClock } from '../../../core/time/clock';
import { applications } from '../schema';
import { earlierApplicationsToCall, mayWithdraw, withdrawIssues } from './application-rules';

const squeeze = (s: string) => s.replace(/\s+/g, ' ');

describe('withdrawal rules', () => {
  test('anything not decided may be withdrawn once confirmed; decided applications may not', () => {
    for (const status of ['draft', 'submitted', 'returned', 'invited', 'waitlisted']) {
      assert.equal(mayWithdraw({ status }), true, status);
      assert.deepEqual(withdrawIssues({ confirmed: true }, { status }), []);
      assert.deepEqual(withdrawIssues({ confirmed: false }, { status }), [
        { field: 'confirmed', key: 'funding:withdraw.confirmRequired' },
      ]);
    }
    for (const status of ['approved', 'rejected', 'withdrawn']) {
      assert.equal(mayWithdraw({ status }), false, status);
      assert.equal(withdrawIssues({ confirmed: true }, { status })[0]?.key, 'funding:withdraw.decided');
    }
  });

  test('earlier applications to the call: withdrawn and rejected ones do not count', () => {
    const mine = [
      { id: 'a', callId: 'c1', status: 'submitted' },
      { id: 'b', callId: 'c1', status: 'withdrawn' },
      { id: 'c', callId: 'c1', status: 'rejected' },
      { id: 'd', callId: 'c2', status: 'draft' },
      { id: 'e', callId: 'c1', status: 'draft' },
    ];
    assert.deepEqual(
      earlierApplicationsToCall('c1', mine).map((a) => a.id),
      ['a', 'e'],
    );
  });
});

describe('a carrier withdraws an application', () => {
  let t: TestApp;
  let s: Scene;
  before(async () => {
    t = await testApp({ now: fixedClock('2026-12-02T10:00:00Z') });
    s = await funding(t).scene();
  });
  after(() => t.close());
  const statusOf = async (id: string) =>
    (await t.db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0]?.s;

  test('unconfirmed it is refused with the field named; confirmed it is withdrawn, audited, and the form is gone', async () => {
    const f = funding(t);
    const id = await f.application(s, { content: { title: 'Zurückzuziehen' }, submit: true });
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${id}`;
    const page = await anna.get(url);
    assert.ok(page.html.querySelector(`form[action="${url}/withdraw"]`), 'the withdrawal is offered');

    const unconfirmed = await anna.submit(url, { reason: 'Doppelt gestellt' }, `${url}/withdraw`);
    assert.equal(unconfirmed.status, 400);
    assert.match(squeeze(unconfirmed.html.querySelector('.error-summary')?.text ?? ''), /endgültig zurückziehen/);
    assert.equal(unconfirmed.html.querySelector('#f-reason')?.text, 'Doppelt gestellt', 'what was typed comes back');
    assert.equal(await statusOf(id), 'submitted');

    const done = await anna.submit(url, { reason: 'Doppelt gestellt', confirmed: 'on' }, `${url}/withdraw`);
    assert.equal(done.status, 303);
    assert.equal(await statusOf(id), 'withdrawn');
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'application.withdrawn')));
    assert.deepEqual(entry?.after, { status: 'withdrawn', reason: 'Doppelt gestellt' });
    const after = await anna.get(url);
    assert.match(after.body, /Zurückgezogen/);
    assert.equal(after.html.querySelector(`form[action="${url}/withdraw"]`), null, 'not offered again');
    const again = await anna.post(`${url}/withdraw`, { confirmed: 'on' });
    assert.equal(again.status, 400);
    assert.match(squeeze(again.body), /kann nicht mehr zurückgezogen werden/);
  });

  test('a decided application is not offered for withdrawal and refuses it', async () => {
    const f = funding(t);
    const { applicationId } = await f.grant(s, { content: { title: 'Bewilligt' } });
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${applicationId}`;
    const page = await anna.get(url);
    assert.equal(page.html.querySelector(`form[action="${url}/withdraw"]`), null);
    const refused = await anna.post(`${url}/withdraw`, { confirmed: 'on' });
    assert.equal(refused.status, 400);
    assert.equal(await statusOf(applicationId), 'approved');
  });

  test('nobody else withdraws it: another carrier and the officer get 404', async () => {
    const id = await funding(t).application(s, { content: { title: 'Fremd' }, submit: true });
    for (const who of [people.foreignCarrier, people.officer]) {
      const c = await signedIn(t, who);
      await c.get('/de/account');
      assert.equal((await c.post(`/de/applications/${id}/withdraw`, { confirmed: 'on' })).status, 404, who);
    }
    assert.equal(await statusOf(id), 'submitted');
  });

  test('a draft withdrawn before it was ever submitted stays unseen by the officer', async () => {
    const id = await funding(t).application(s, { content: { title: 'Nie eingereicht' } });
    const anna = await signedIn(t, people.carrier);
    const url = `/de/applications/${id}`;
    await anna.get(url);
    assert.equal((await anna.post(`${url}/withdraw`, { confirmed: 'on' })).status, 303);
    const olga = await signedIn(t, people.officer);
    assert.equal((await olga.get(`/de/funding/applications/${id}`)).status, 404);
  });

  test('starting a second application to the same call warns and links the first, in Turkish too', async () => {
    const f = funding(t);
    const first = await f.application(s, { content: { title: 'Erster Antrag' }, submit: true });
    const anna = await signedIn(t, people.carrier);
    for (const lang of ['de', 'tr']) {
      const apply = await anna.get(`/${lang}/calls/${s.callId}/apply`);
      assert.equal(apply.status, 200);
      const warning = apply.html.querySelector('main .kern-alert--warning');
      assert.ok(warning, `a warning in ${lang}`);
      assert.ok(warning.querySelector(`a[href="/${lang}/applications/${first}"]`), 'linking the first application');
    }
    const second = await f.application(s, { content: { title: 'Zweiter Antrag' } });
    const overview = await anna.get(`/de/applications/${second}`);
    assert.ok(overview.html.querySelector(`main .kern-alert--warning a[href="/de/applications/${first}"]`));
  });
});
