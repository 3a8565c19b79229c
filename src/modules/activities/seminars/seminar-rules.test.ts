import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  attendanceShareBp,
  earnsCertificate,
  moveUps,
  placeFor,
  registrationIssues,
  registrationOpen,
  seminarIssues,
  seminarState,
  waitlistPlace,
} from './seminar-rules';

const now = new Date('2026-12-03T10:00:00Z');
const ctx = { now, today: '2026-12-03', dayOf: (d: Date) => d.toISOString().slice(0, 10) };
const session = (row: number, start: string, end: string) => ({
  row,
  topic: `Modul ${row}`,
  startsAt: new Date(start),
  endsAt: new Date(end),
});

describe('a new seminar', () => {
  const good = {
    capacity: 12,
    registrationClosesOn: '2027-01-10',
    place: 'Rathaus, Saal 2',
    onlineLink: '',
    sessions: [session(0, '2027-01-12T16:00:00Z', '2027-01-12T19:00:00Z')],
  };

  it('is valid with a future session, a place and a registration closing before it', () => {
    assert.deepEqual(seminarIssues(good, ctx), []);
  });

  it('refuses a session in the past, naming the row’s date field', () => {
    const issues = seminarIssues(
      { ...good, sessions: [session(3, '2026-12-01T16:00:00Z', '2026-12-01T18:00:00Z')] },
      ctx,
    );
    assert.deepEqual(issues[0], { field: 'sessions-3-date', key: 'activities:seminar.validation.sessionInPast' });
  });

  it('refuses a session that ends when or before it starts', () => {
    const issues = seminarIssues(
      { ...good, sessions: [session(0, '2027-01-12T16:00:00Z', '2027-01-12T16:00:00Z')] },
      ctx,
    );
    assert.equal(issues[0]?.field, 'sessions-0-endTime');
  });

  it('needs at least one session, and a place or an online link', () => {
    const fields = seminarIssues({ ...good, sessions: [], place: ' ' }, ctx).map((i) => i.field);
    assert.deepEqual(fields, ['sessions', 'place']);
  });

  it('refuses a registration that closes in the past or after the first session’s day', () => {
    assert.equal(
      seminarIssues({ ...good, registrationClosesOn: '2026-12-02' }, ctx)[0]?.key,
      'activities:seminar.validation.closesInPast',
    );
    const late = seminarIssues({ ...good, registrationClosesOn: '2027-01-13' }, ctx);
    assert.deepEqual(late, [
      {
        field: 'registrationClosesOn',
        key: 'activities:seminar.validation.closesAfterStart',
        params: { date: '2027-01-12' },
      },
    ]);
  });
});

describe('registration', () => {
  const open = { publishedAt: now, cancelledAt: null, registrationClosesOn: '2026-12-10' };

  it('is open from publication to the end of the closing day, never for a cancelled seminar', () => {
    assert.equal(registrationOpen(open, '2026-12-10'), true);
    assert.equal(registrationOpen(open, '2026-12-11'), false);
    assert.equal(registrationOpen({ ...open, publishedAt: null }, '2026-12-03'), false);
    assert.equal(registrationOpen({ ...open, cancelledAt: now }, '2026-12-03'), false);
  });

  it('refuses a second live registration of the same address on the mail field', () => {
    assert.deepEqual(registrationIssues(open, { today: '2026-12-03', alreadyRegistered: true }), [
      { field: 'email', key: 'activities:registration.validation.alreadyRegistered' },
    ]);
    assert.deepEqual(
      registrationIssues(open, { today: '2026-12-11', alreadyRegistered: false })[0]?.key,
      'activities:registration.validation.closed',
    );
  });

  it('gives a seat while seats are free, then the waiting list', () => {
    assert.equal(placeFor(2, 1), 'confirmed');
    assert.equal(placeFor(2, 2), 'waitlisted');
  });
});

describe('the waiting list', () => {
  const rows = [
    { id: 'a', status: 'confirmed' as const, queueNo: 1 },
    { id: 'b', status: 'cancelled' as const, queueNo: 2 },
    { id: 'c', status: 'waitlisted' as const, queueNo: 5 },
    { id: 'd', status: 'waitlisted' as const, queueNo: 4 },
  ];

  it('moves up the longest waiting first, only into free seats', () => {
    assert.deepEqual(moveUps(2, rows), ['d']);
    assert.deepEqual(moveUps(3, rows), ['d', 'c']);
    assert.deepEqual(moveUps(1, rows), []);
  });

  it('tells a waiting person their place', () => {
    assert.equal(waitlistPlace(rows, 'd'), 1);
    assert.equal(waitlistPlace(rows, 'c'), 2);
    assert.equal(waitlistPlace(rows, 'a'), undefined);
  });

  it('never confirms more than the seats, and keeps the order of arrival', () => {
    const state = fc.constantFrom('confirmed' as const, 'waitlisted' as const, 'cancelled' as const);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(state, { maxLength: 30 }), (capacity, states) => {
        const list = states.map((status, i) => ({ id: String(i), status, queueNo: i + 1 }));
        const confirmed = list.filter((r) => r.status === 'confirmed').length;
        const moved = moveUps(capacity, list);
        assert.ok(confirmed + moved.length <= Math.max(capacity, confirmed));
        const waiting = list.filter((r) => r.status === 'waitlisted').map((r) => r.id);
        assert.deepEqual(moved, waiting.slice(0, moved.length));
        if (confirmed < capacity) assert.equal(moved.length, Math.min(capacity - confirmed, waiting.length));
      }),
    );
  });
});

describe('attendance and certificate', () => {
  it('counts the share of sessions attended, rounded down', () => {
    assert.equal(attendanceShareBp(2, 3), 6666);
    assert.equal(attendanceShareBp(3, 3), 10000);
    assert.equal(attendanceShareBp(0, 0), 0);
  });

  it('is earned by a confirmed participant with the required share once all sessions are over', () => {
    const base = { status: 'confirmed' as const, attended: 3, sessions: 4, allHeld: true, requiredBp: 7500 };
    assert.equal(earnsCertificate(base), true);
    assert.equal(earnsCertificate({ ...base, attended: 2 }), false);
    assert.equal(earnsCertificate({ ...base, allHeld: false }), false);
    assert.equal(earnsCertificate({ ...base, status: 'cancelled' }), false);
  });
});

describe('where a seminar stands', () => {
  const s = {
    publishedAt: now,
    cancelledAt: null,
    registrationClosesOn: '2026-12-10',
    lastEnd: new Date('2026-12-20T18:00:00Z'),
  };
  it('is open, then closed, then held; a draft until opened; cancelled above all', () => {
    assert.equal(seminarState(s, now, '2026-12-03'), 'open');
    assert.equal(seminarState(s, new Date('2026-12-11T10:00:00Z'), '2026-12-11'), 'closed');
    assert.equal(seminarState(s, new Date('2026-12-20T18:00:00Z'), '2026-12-20'), 'held');
    assert.equal(seminarState({ ...s, publishedAt: null }, now, '2026-12-03'), 'draft');
    assert.equal(seminarState({ ...s, cancelledAt: now }, now, '2026-12-03'), 'cancelled');
  });
});
