// The officer's deadline calendar and its feed, on a fixed day: reports overdue and due within 90
// days, payment and change requests waiting, only of the officer's programmes; the feed opens with
// its secret alone, as all-day events on Berlin days, and a renewed secret retires the old address.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, plan, type Scene, signedIn } from '../../../../test/helpers/funding';
import { fixedClock } from '../../../core/time/clock';

const clock = fixedClock('2027-01-15T09:00:00Z');
let t: TestApp;
let scene: Scene;
let officer: Client;
let ids: Record<string, string>;

const project = (title: string, startDate: string, endDate: string) => {
  const year = Number(startDate.slice(0, 4));
  return { title, startDate, endDate, plan: plan({ year, grant: 900_000, own: 100_000 }) };
};

before(async () => {
  t = await testApp({ now: clock });
  const f = funding(t);
  scene = await f.scene();
  const late = await f.grant(scene, { content: project('Spätes Projekt', '2026-01-01', '2026-07-10') }); // due 10 Jan
  const soon = await f.grant(scene, { content: project('Baldiges Projekt', '2026-01-01', '2026-10-11') }); // due 11 Apr
  const running = await f.grant(scene, { content: project('Laufendes Projekt', '2027-01-01', '2027-12-31') });
  const payment = await f.payment(running.grantId); // due 25 January
  const change = await f.change(running.grantId);
  // a grant of another programme: its officer's, not ours
  const otherCall = await f.call(scene.otherProgrammeId);
  await f.grant(
    { callId: otherCall, organisationId: scene.organisationId },
    { content: project('Fremdes Programm', '2026-01-01', '2026-07-10') },
  );
  ids = { late: late.grantId, soon: soon.grantId, running: running.grantId, payment, change };
  officer = await signedIn(t, people.officer);
  await officer.get('/de/funding');
});
after(() => t.close());

async function renew(c: Client): Promise<string> {
  await c.get('/de/funding/calendar');
  const res = await c.post('/de/funding/calendar/feed', {});
  assert.equal(res.status, 200);
  const url = res.html.querySelector('.feed-url')?.text ?? '';
  assert.match(url, /\/de\/funding\/calendar\/feed\/[A-Za-z0-9_-]{43}$/);
  return new URL(url).pathname;
}

describe('deadline calendar', () => {
  test("the page lists overdue and coming reports, waiting payments and changes of the officer's programmes", async () => {
    const page = await officer.get('/de/funding/calendar');
    assert.equal(page.status, 200);
    const tables = page.html.querySelectorAll('table').map((x) => x.text);
    assert.equal(tables.length, 4);
    assert.match(tables[0]!, /Spätes Projekt/);
    assert.doesNotMatch(tables[0]!, /Baldiges Projekt/);
    assert.match(tables[1]!, /Baldiges Projekt/);
    assert.match(tables[1]!, /11\. April 2027/);
    assert.match(tables[2]!, /Laufendes Projekt/);
    assert.match(tables[2]!, /25\. Januar 2027/);
    assert.match(tables[3]!, /Laufendes Projekt/);
    assert.doesNotMatch(page.body, /Fremdes Programm/);
    // the carrier has no calendar
    const carrier = await signedIn(t, people.carrier);
    assert.equal((await carrier.get('/de/funding/calendar')).status, 403);
  });

  test("the feed opens with its secret alone: text/calendar, all-day VEVENTs, only the officer's programmes", async () => {
    const path = await renew(officer);
    const res = await client(t).get(path);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/calendar/);
    const events = res.body.split('BEGIN:VEVENT').slice(1);
    const event = (summary: RegExp) => events.find((e) => summary.test(e.replace(/\r\n /g, '')));
    const late = event(/SUMMARY:Bericht fällig: Spätes Projekt/);
    assert.ok(late, res.body);
    assert.match(late, /DTSTART;VALUE=DATE:20270110\r\n/);
    assert.match(late.replace(/\r\n /g, ''), new RegExp(`URL[^:]*:http://[^\\r]*/de/grants/${ids.late}/reports/`));
    assert.match(event(/Baldiges Projekt/) ?? '', /DTSTART;VALUE=DATE:20270411\r\n/);
    assert.match(event(/Mittelabruf wartet: Laufendes Projekt/) ?? '', /DTSTART;VALUE=DATE:20270125\r\n/);
    // a change request is dated by the Berlin day it came in (requestedAt is the database's clock)
    assert.match(event(/Änderungsantrag wartet: Laufendes Projekt/) ?? '', /DTSTART;VALUE=DATE:\d{8}\r\n/);
    assert.doesNotMatch(res.body, /Fremdes Programm/);
    // the running project's reports are due later than 90 days from today: not in the feed
    assert.equal(events.length, 4, events.map((e) => /SUMMARY:.*/.exec(e)?.[0]).join('\n'));
  });

  test('renewing the secret makes the old address answer 404', async () => {
    const old = await renew(officer);
    const fresh = await renew(officer);
    assert.notEqual(old, fresh);
    assert.equal((await client(t).get(old)).status, 404);
    assert.equal((await client(t).get(fresh)).status, 200);
    assert.equal((await client(t).get('/de/funding/calendar/feed/no-such-token')).status, 404);
    const page = await officer.get('/de/funding/calendar');
    assert.equal(page.html.querySelector('.feed-url'), null, 'the address is shown only once');
    assert.match(page.body, /Sie haben eine Adresse seit/);
  });
});
