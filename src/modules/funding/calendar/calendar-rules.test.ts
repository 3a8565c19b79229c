import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calendarFeed, feedTokenHash, isFeedToken, newFeedToken, splitByDay } from './calendar-rules';

test('overdue is before today; upcoming is today up to 90 days on, later days are left out', () => {
  const rows = ['2027-01-14', '2027-01-15', '2027-04-15', '2027-04-16'].map((dueOn) => ({ dueOn }));
  const { overdue, upcoming } = splitByDay(rows, '2027-01-15');
  assert.deepEqual(
    overdue.map((r) => r.dueOn),
    ['2027-01-14'],
  );
  assert.deepEqual(
    upcoming.map((r) => r.dueOn),
    ['2027-01-15', '2027-04-15'],
  );
});

test('the feed has one all-day VEVENT per deadline, on the calendar day whatever the hour of the clock', () => {
  // 23:30 UTC on New Year's Eve is already 1 January in Berlin: the days given are Berlin days and stay as they are
  const text = calendarFeed(
    'Fristen',
    [
      { uid: 'report-1@x', kind: 'report', day: '2027-03-28', summary: 'Bericht fällig: Haus', url: 'https://x/de/r' },
      { uid: 'payment-2@x', kind: 'payment', day: '2027-10-31', summary: 'Mittelabruf', url: 'https://x/de/p' },
    ],
    new Date('2026-12-31T23:30:00Z'),
  );
  const events = text.split('BEGIN:VEVENT').slice(1);
  assert.equal(events.length, 2);
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(events[0]!, /\r\nDTSTART;VALUE=DATE:20270328\r\n/);
  assert.match(events[0]!, /\r\nDTEND;VALUE=DATE:20270329\r\n/);
  assert.match(events[0]!, /\r\nSUMMARY:Bericht fällig: Haus\r\n/);
  assert.match(events[0]!, /\r\nURL;VALUE=URI:https:\/\/x\/de\/r\r\n|\r\nURL:https:\/\/x\/de\/r\r\n/);
  assert.match(events[0]!, /\r\nUID:report-1@x\r\n/);
  assert.match(events[1]!, /\r\nDTSTART;VALUE=DATE:20271031\r\n/);
  assert.match(text, /DTSTAMP:20261231T233000Z/);
});

test('a feed secret is 32 random bytes, stored as its sha-256 only', () => {
  const a = newFeedToken();
  const b = newFeedToken();
  assert.ok(isFeedToken(a.token));
  assert.notEqual(a.token, b.token);
  assert.equal(a.hash, feedTokenHash(a.token));
  assert.match(a.hash, /^[0-9a-f]{64}$/);
  assert.ok(!isFeedToken('no-such-token'));
});
