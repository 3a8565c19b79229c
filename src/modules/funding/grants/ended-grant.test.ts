// After the project's end (the Berlin day after its end date) the grant takes no new payment
// request, shift, extension or partner change: the pure rules refuse them with the end date, the
// stores refuse them again under the grant's lock, and the pages do not offer them but say why.
// What stays possible: reporting spending on money already paid, the officer's decision on a
// request made in time, notifications, and the reports (receipts until the report is submitted).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, type Scene, signedIn, system } from '../../../../test/helpers/funding';
import { fixedClock } from '../../../core/time/clock';
import { requestChange } from '../changes/changes.store';
import { requestPayment } from './grants.store';

/** 11:00 in Berlin on 1 June 2027, while the project (all of 2027) runs. */
const running = '2027-06-01T09:00:00Z';
/** 23:30 in Berlin on 31 December 2027, the project's last day. */
const lastDay = '2027-12-31T22:30:00Z';
/** 00:30 in Berlin on 1 January 2028: the project has ended, although UTC still says 31 December. */
const ended = '2027-12-31T23:30:00Z';

const clock = fixedClock(running);
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
let grantId = '';
let url = '';
let paidId = '';
let openId = '';

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene();
  ({ grantId } = await f.grant(scene, { content: { title: 'Zu Ende' } }));
  url = `/de/grants/${grantId}`;
  paidId = await f.payment(grantId, { cents: 50_000, decision: 'approved' });
  clock.set(lastDay);
  openId = await f.payment(grantId, { cents: 20_000 });
});
after(() => t.close());

const payment = (dueOn: string) => ({ year: 2027, line: 'staff', requestedCents: 10_000, dueOn, purpose: 'Honorar' });

describe('a grant whose project has ended', () => {
  test('on its last day money can still be requested, for expenses due that day', async () => {
    clock.set(lastDay);
    const r = await requestPayment(t.db, system, grantId, payment('2027-12-31'), clock());
    assert.ok(r.ok);
  });

  test('refuses a payment request in the store, under the grant’s lock, naming the end', async () => {
    clock.set(ended);
    const r = await requestPayment(t.db, system, grantId, payment('2028-01-05'), clock());
    assert.deepEqual(r, {
      ok: false,
      issues: [{ field: 'dueOn', key: 'funding:payment.projectEnded', params: { date: { date: '2027-12-31' } } }],
    });
  });

  test('refuses shifts and extensions in the store, naming the end', async () => {
    clock.set(ended);
    const shift = await requestChange(
      t.db,
      system,
      grantId,
      { kind: 'shift', year: 2027, fromLine: 'staff', toLine: 'travel', amountCents: 1_000 },
      'Umschichten',
      clock(),
    );
    assert.deepEqual(shift, {
      ok: false,
      issues: [
        { field: 'year', key: 'funding:change.problems.projectEnded', params: { date: { date: '2027-12-31' } } },
      ],
    });
    const extension = await requestChange(
      t.db,
      system,
      grantId,
      { kind: 'extension', endDate: '2028-06-30' },
      'Länger',
      clock(),
    );
    assert.equal(extension.ok, false);
    assert.equal(!extension.ok && extension.issues[0]?.field, 'endDate');
  });

  test('the grant page offers no payment request and says why; spending on paid money can still be reported', async () => {
    clock.set(ended);
    const anna = await signedIn(t, people.carrier);
    const page = await anna.get(url);
    assert.equal(page.html.querySelector(`form[action$="/grants/${grantId}/payments"]`), null, 'no request form');
    assert.match(
      page.html.querySelector('#ended-title')?.parentNode?.text ?? '',
      /Das Projekt ist am 31\. Dezember 2027 zu Ende gegangen/,
    );
    assert.ok(page.html.querySelector(`form[action$="/payments/${paidId}/spent"]`), 'spending can be reported');
    // a request sent anyway is refused at its field, with the end date
    const sent = await anna.post(`${url}/payments`, {
      year: '2027',
      line: 'staff',
      amount: '100,00',
      dueOn: '2028-01-05',
      purpose: 'Honorar',
    });
    assert.equal(sent.status, 400);
    assert.match(sent.html.querySelector('.error-summary')?.text ?? '', /31\. Dezember 2027/);
    const spent = await anna.post(`${url}/payments/${paidId}/spent`, { spent: '500,00', spentOn: '2027-12-20' });
    assert.equal(spent.status, 303);
  });

  test('the officer still decides a request made before the end', async () => {
    clock.set(ended);
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(url);
    assert.ok(page.html.querySelector(`form[action$="/payments/${openId}/decision"]`));
    const decided = await olga.post(`${url}/payments/${openId}/decision`, { action: 'approve', amount: '200,00' });
    assert.equal(decided.status, 303);
  });

  test('the changes page offers no shift, extension or partner change, only notifications, and says why', async () => {
    clock.set(ended);
    const anna = await signedIn(t, people.carrier);
    const page = await anna.get(`${url}/changes`);
    for (const kind of ['shift', 'extension', 'partners'])
      assert.equal(page.html.querySelector(`a[href$="/changes/new/${kind}"]`), null, kind);
    assert.ok(page.html.querySelector(`a[href$="/grants/${grantId}/notifications/new"]`), 'notifications stay');
    assert.match(page.body, /Das Projekt ist am 31\. Dezember 2027 zu Ende gegangen/);
    const form = await anna.get(`${url}/changes/new/extension`);
    assert.equal(form.html.querySelector('form[action$="/changes/new/extension"]'), null);
    assert.match(form.body, /31\. Dezember 2027/);
    const sent = await anna.post(`${url}/changes/new/extension`, { endDate: '2028-06-30', reason: 'Länger' });
    assert.equal(sent.status, 400);
    assert.match(sent.html.querySelector('.error-summary')?.text ?? '', /31\. Dezember 2027/);
    // sent empty, it hears the same, not errors at fields the page no longer shows
    await anna.get(`${url}/changes/new/shift`);
    const empty = await anna.post(`${url}/changes/new/shift`, {});
    assert.equal(empty.status, 400);
    const summary = empty.html.querySelector('.error-summary');
    assert.match(summary?.text ?? '', /31\. Dezember 2027/);
    assert.equal(summary?.querySelectorAll('a').length, 0, 'no links to missing fields');
  });
});
