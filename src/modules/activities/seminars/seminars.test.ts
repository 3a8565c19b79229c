// Seminars as their people use them: the project's staff set one up and open it, people register
// without an account (in German, Arabic, Turkish), the waiting list moves up when someone cancels
// through their personal link, mails go out once with the calendar file, staff record attendance
// and print the certificates of those who attended enough.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import { client, heading, makeUser, PASSWORD, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, pdfText, people, signedIn } from '../../../../test/helpers/funding';
import { queryRows } from '../../../core/db/client';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { fixedClock } from '../../../core/time/clock';
import { workspaceOfGrant } from '../api';
import { activitiesPersonalData } from '../personal-data';
import { registrations, seminars } from '../schema';

const clock = fixedClock('2026-12-03T09:00:00Z');

const seminarFields = (overrides: Record<string, string> = {}) => ({
  title: 'Vereinsrecht kompakt',
  curriculum: 'Satzung, Vorstand, Gemeinnützigkeit',
  learningGoals: 'Einen Verein gründen und führen',
  place: 'Bürgerhaus Süd, Raum 3',
  capacity: '2',
  registrationClosesOn: '2026-12-20',
  requiredAttendance: '50',
  asks: 'accessibility',
  publish: 'on',
  'sessions-0-topic': 'Satzung und Gründung',
  'sessions-0-date': '2027-01-12',
  'sessions-0-startTime': '17:00',
  'sessions-0-endTime': '19:30',
  'sessions-1-topic': 'Gemeinnützigkeit',
  'sessions-1-date': '2027-01-19',
  'sessions-1-startTime': '17:00',
  'sessions-1-endTime': '19:30',
  ...overrides,
});

async function mailsTo(t: TestApp, to: string) {
  return t.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(asc(outbox.createdAt));
}

describe('seminars', () => {
  let t: TestApp;
  let projectId: string;
  before(async () => {
    t = await testApp({ now: clock });
    const f = funding(t);
    const scene = await f.scene();
    const { grantId } = await f.grant({ callId: scene.callId, organisationId: scene.organisationId });
    await runDueJobs(t.deps);
    const ws = await workspaceOfGrant(t.db, grantId);
    assert.ok(ws);
    projectId = ws.project.id;
  });
  after(() => t.close());

  async function createSeminar(overrides: Record<string, string> = {}) {
    const anna = await signedIn(t, people.carrier);
    const res = await anna.submit(
      `/de/projects/${projectId}/seminars/new`,
      seminarFields(overrides),
      `/de/projects/${projectId}/seminars`,
    );
    assert.equal(res.status, 303, res.body.slice(0, 2000));
    const id = /seminars\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1];
    assert.ok(id);
    return { anna, id };
  }

  test('bad input is refused field by field and writes nothing', async () => {
    const anna = await signedIn(t, people.carrier);
    const before = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities_seminars`);
    const res = await anna.submit(
      `/de/projects/${projectId}/seminars/new`,
      seminarFields({ capacity: '0', 'sessions-0-date': '2026-11-30', place: '', 'sessions-1-endTime': '16:00' }),
      `/de/projects/${projectId}/seminars`,
    );
    assert.equal(res.status, 400);
    assert.ok(res.html.querySelector('#f-capacity[aria-invalid="true"]'), 'capacity marked');
    const again = await anna.submit(
      `/de/projects/${projectId}/seminars/new`,
      seminarFields({ 'sessions-0-date': '2026-11-30', place: '', 'sessions-1-endTime': '16:00' }),
      `/de/projects/${projectId}/seminars`,
    );
    assert.equal(again.status, 400);
    assert.match(again.body, /Dieser Termin liegt in der Vergangenheit\./);
    assert.match(again.body, /Das Ende muss nach dem Beginn liegen\./);
    assert.match(again.body, /Bitte einen Ort oder einen Link zur Online-Teilnahme angeben\./);
    assert.ok(again.html.querySelector('#f-sessions-0-date[aria-invalid="true"]'));
    assert.equal(
      again.html.querySelector('#f-sessions-0-topic')?.getAttribute('value'),
      'Satzung und Gründung',
      'typed values kept',
    );
    const afterRows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities_seminars`);
    assert.deepEqual(afterRows, before);
  });

  test('a draft is not public until staff open it', async () => {
    const { anna, id } = await createSeminar({ publish: '' });
    assert.equal((await client(t).get(`/de/seminars/${id}`)).status, 404);
    const page = await anna.get(`/de/projects/${projectId}/seminars/${id}`);
    assert.match(page.body, /Entwurf, noch nicht offen/);
    const opened = await anna.post(`/de/projects/${projectId}/seminars/${id}/publish`);
    assert.equal(opened.status, 303);
    const pub = await client(t).get(`/de/seminars/${id}`);
    assert.equal(pub.status, 200);
    assert.equal(heading(pub), 'Vereinsrecht kompakt');
    // each session once, in the reader's way of writing a stretch of time
    assert.match(pub.body, /12\. Januar 2027, 17:00–19:30\sUhr/);
    assert.match((await client(t).get(`/tr/seminars/${id}`)).body, /12 Ocak 2027 17:00–19:30/);
    assert.ok(pub.html.querySelector('a[href^="/de/seminars"]'));
    assert.match((await client(t).get('/de/seminars')).body, new RegExp(`/de/seminars/${id}`));
  });

  test('two seats: the third person is waitlisted, moves up when someone cancels, and each mail goes once', async () => {
    const { anna, id } = await createSeminar();
    const register = async (lang: string, name: string, email: string, extra: Record<string, string> = {}) => {
      const c = client(t);
      const res = await c.submit(`/${lang}/seminars/${id}`, { name, email, consent: 'on', ...extra });
      assert.equal(res.status, 303, res.body.slice(0, 1500));
      const token = /registration\/([A-Za-z0-9_-]{43})/.exec(res.location ?? '')?.[1];
      assert.ok(token);
      return { c, token, page: await c.get(res.location ?? '') };
    };
    const leyla = await register('tr', 'Leyla', 'leyla@example.org', { accessibility: 'Rollstuhlgerechter Zugang' });
    assert.match(leyla.page.body, /Yeriniz kesinleşti\./);
    const mona = await register('de', 'Mona', 'mona@example.org');
    assert.match(mona.page.body, /Ihr Platz ist bestätigt\./);
    const samir = await register('ar', 'سمير', 'samir@example.org');
    assert.equal(samir.page.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    assert.match(
      (await samir.c.get(`/de/registration/${samir.token}`)).body,
      /Sie stehen auf Platz 1 der Warteliste\./,
    );

    // the same address twice: refused on the mail field, nothing written
    const twice = await client(t).submit(`/de/seminars/${id}`, {
      name: 'Mona',
      email: 'MONA@example.org',
      consent: 'on',
    });
    assert.equal(twice.status, 400);
    assert.match(twice.body, /Mit dieser E-Mail-Adresse besteht schon eine Anmeldung/);
    // without consent: refused
    const noConsent = await client(t).submit(`/de/seminars/${id}`, { name: 'Ole', email: 'ole@example.org' });
    assert.equal(noConsent.status, 400);
    assert.match(noConsent.body, /Ohne Ihre Einwilligung/);
    const rows = await t.db.select().from(registrations).where(eq(registrations.seminarId, id));
    assert.equal(rows.length, 3);

    await runDueJobs(t.deps);
    const [leylaMail] = await mailsTo(t, 'leyla@example.org');
    assert.equal(leylaMail?.language, 'tr');
    assert.match(leylaMail?.text ?? '', new RegExp(`/tr/registration/${leyla.token}`));
    assert.equal(leylaMail?.attachments[0]?.filename, 'seminar.ics');
    assert.match(
      leylaMail?.attachments[0]?.content ?? '',
      /BEGIN:VEVENT[\s\S]*SUMMARY:Vereinsrecht kompakt: Satzung und Gründung/,
    );
    assert.equal((leylaMail?.attachments[0]?.content.match(/BEGIN:VEVENT/g) ?? []).length, 2, 'both sessions');
    const [samirMail, ...more] = await mailsTo(t, 'samir@example.org');
    assert.equal(more.length, 0);
    assert.equal(samirMail?.template, 'activities:mail.waitlisted');
    assert.equal(samirMail?.attachments.length, 0, 'no calendar for a waiting place');

    // Mona cancels through her link: Samir moves up at once and hears of it once
    const cancelled = await mona.c.post(`/de/registration/${mona.token}/cancel`);
    assert.equal(cancelled.status, 303);
    assert.match((await mona.c.get(`/de/registration/${mona.token}`)).body, /Diese Anmeldung ist abgesagt\./);
    assert.match((await samir.c.get(`/de/registration/${samir.token}`)).body, /Ihr Platz ist bestätigt\./);
    await runDueJobs(t.deps);
    await runDueJobs(t.deps);
    const samirMails = await mailsTo(t, 'samir@example.org');
    assert.deepEqual(
      samirMails.map((m) => m.template),
      ['activities:mail.waitlisted', 'activities:mail.movedUp'],
    );
    assert.equal(samirMails[1]?.language, 'ar');
    assert.equal(samirMails[1]?.attachments[0]?.contentType.startsWith('text/calendar'), true);

    // staff see the list with codes and the needs; the public page shows no names
    const staff = await anna.get(`/de/projects/${projectId}/seminars/${id}`);
    assert.match(staff.body, /Rollstuhlgerechter Zugang/);
    assert.match(staff.body, /T-[A-Z0-9]{8}/);
    assert.doesNotMatch((await client(t).get(`/de/seminars/${id}`)).body, /Leyla|Mona|samir@/);

    // the calendar file from the personal page
    const ics = await getRaw(t, leyla.c, `/de/registration/${leyla.token}/calendar.ics`);
    assert.equal(ics.statusCode, 200);
    assert.match(String(ics.headers['content-type']), /text\/calendar/);
    assert.match(ics.body, /DTSTART:20270112T160000Z/);
  });

  test('withdrawing consent cancels and erases the person’s data', async () => {
    const { id } = await createSeminar();
    const c = client(t);
    const res = await c.submit(`/de/seminars/${id}`, {
      name: 'Irina Petrenko',
      email: 'irina@example.org',
      consent: 'on',
      accessibility: 'Gebärdensprache',
    });
    const token = /registration\/([A-Za-z0-9_-]{43})/.exec(res.location ?? '')?.[1];
    assert.ok(token);
    assert.equal((await c.post(`/de/registration/${token}/withdraw`)).status, 303);
    const page = await c.get(`/de/registration/${token}`);
    assert.match(page.body, /Ihre Angaben sind gelöscht/);
    assert.doesNotMatch(page.body, /Irina|irina@|Gebärdensprache/);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.seminarId, id));
    assert.equal(row?.status, 'cancelled');
    assert.equal(row?.name, '');
    assert.deepEqual(row?.answers, {});
    assert.ok(row?.consentWithdrawnAt);
    assert.doesNotMatch(row?.email ?? '', /irina/);
  });

  test('many at once for few seats: never more confirmed than seats, the rest in order on the waiting list', async () => {
    const { id } = await createSeminar({ capacity: '5' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client(t).submit(`/de/seminars/${id}`, { name: `Person ${i}`, email: `p${i}@example.org`, consent: 'on' }),
      ),
    );
    assert.ok(results.every((r) => r.status === 303));
    const rows = await t.db
      .select()
      .from(registrations)
      .where(eq(registrations.seminarId, id))
      .orderBy(asc(registrations.queueNo));
    assert.equal(rows.filter((r) => r.status === 'confirmed').length, 5);
    assert.equal(rows.filter((r) => r.status === 'waitlisted').length, 15);
    assert.deepEqual(
      rows.map((r) => r.queueNo),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.ok(
      rows.slice(0, 5).every((r) => r.status === 'confirmed'),
      'the first five by arrival have the seats',
    );
  });

  test('attendance after the sessions, and a certificate only for those who attended enough', async () => {
    const { id } = await createSeminar({ capacity: '3' });
    const emails = ['a@example.org', 'b@example.org'];
    for (const [i, email] of emails.entries())
      await client(t).submit(`/de/seminars/${id}`, { name: `Teilnehmerin ${i + 1}`, email, consent: 'on' });
    const [s] = await t.db.select().from(seminars).where(eq(seminars.id, id));
    assert.ok(s);
    const staffUrl = `/de/projects/${projectId}/seminars/${id}`;
    const before = await (await signedIn(t, people.carrier)).get(staffUrl);
    assert.match(before.body, /noch nicht begonnen/);
    assert.equal(
      before.html.querySelectorAll('a[href*="/attendance"]').length,
      0,
      'nothing to record before a session',
    );

    const regs = await t.db
      .select()
      .from(registrations)
      .where(and(eq(registrations.seminarId, id)));
    const first = regs.find((r) => r.email === 'a@example.org');
    const second = regs.find((r) => r.email === 'b@example.org');
    assert.ok(first && second);
    try {
      clock.set('2027-01-20T09:00:00Z'); // both sessions are over
      const anna = await signedIn(t, people.carrier); // signed in anew: a session does not last seven weeks
      const page = await anna.get(staffUrl);
      const links = page.html.querySelectorAll('a[href*="/attendance"]').map((a) => a.getAttribute('href') ?? '');
      assert.equal(links.length, 2);
      // first session: both there (a checkbox group sends "present" twice); second: only the first
      await anna.get(links[0] ?? '');
      const both = new URLSearchParams([
        ['_csrf', anna.lastToken ?? ''],
        ['present', first.id],
        ['present', second.id],
      ]);
      const r = await t.app.inject({
        method: 'POST',
        url: links[0] ?? '',
        payload: both.toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...anna.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      assert.equal(r.statusCode, 303);
      assert.equal((await anna.submit(links[1] ?? '', { present: first.id })).status, 303);
      // someone not confirmed for this seminar cannot be marked present
      const stranger = await anna.submit(links[1] ?? '', { present: '00000000-0000-4000-8000-000000000000' });
      assert.equal(stranger.status, 400);

      const done = await anna.get(staffUrl);
      const certLinks = done.html
        .querySelectorAll('a[href$="certificate.pdf"]')
        .map((a) => a.getAttribute('href') ?? '');
      // required share 50 %: the first attended 2 of 2, the second 1 of 2: both earn it
      assert.equal(certLinks.length, 2);
      const pdf = await getRaw(t, anna, certLinks[0] ?? '');
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = await pdfText(pdf.rawPayload);
      assert.match(text, /Teilnahmebescheinigung/);
      assert.match(text, /Teilnehmerin 1/);
      assert.match(text, /Anwesend an 2 von 2 Terminen/);

      // with 100 % required, the second participant's certificate is refused
      await t.db.update(seminars).set({ requiredAttendanceBp: 10_000 }).where(eq(seminars.id, id));
      const strict = await anna.get(staffUrl);
      assert.equal(strict.html.querySelectorAll('a[href$="certificate.pdf"]').length, 1);
      const refused = await getRaw(t, anna, `${staffUrl}/registrations/${second.id}/certificate.pdf`);
      assert.equal(refused.statusCode, 404);
    } finally {
      clock.set('2026-12-03T09:00:00Z');
    }
  });

  test('someone with an account finds their registrations in "my data", and erasing the account withdraws them', async () => {
    const { id } = await createSeminar({ capacity: '1' });
    await makeUser(t.db, 'yasmin@example.org', 'participant');
    const c = client(t);
    await c.signIn('yasmin@example.org');
    // registered with the account's address, without signing in to do it; a second person waits
    await client(t).submit(`/de/seminars/${id}`, { name: 'Yasmin', email: 'Yasmin@example.org', consent: 'on' });
    await client(t).submit(`/de/seminars/${id}`, { name: 'Wartende', email: 'wartend@example.org', consent: 'on' });
    const [user] = await queryRows<{ id: string }>(t.db, sql`select id from users where email = 'yasmin@example.org'`);
    const exported = (await activitiesPersonalData.exportFor?.(t.db, user?.id ?? '')) as {
      seminarRegistrations: { seminar: string; status: string; consent: { textVersion: string } }[];
    };
    assert.deepEqual(
      exported.seminarRegistrations.map((r) => [r.seminar, r.status, r.consent.textVersion]),
      [['Vereinsrecht kompakt', 'confirmed', 'seminar-2026-12']],
    );
    await c.get('/de/account');
    assert.equal((await c.post('/de/account/delete', { deletePassword: PASSWORD })).status, 303);
    const rows = await t.db
      .select()
      .from(registrations)
      .where(eq(registrations.seminarId, id))
      .orderBy(asc(registrations.queueNo));
    assert.deepEqual(
      rows.map((r) => [r.status, r.name]),
      [
        ['cancelled', ''],
        ['confirmed', 'Wartende'],
      ],
      'erased, and the seat went to the one waiting',
    );
    assert.doesNotMatch(JSON.stringify(rows), /yasmin/i);
  });

  test('only the project’s staff see a seminar’s participants', async () => {
    const { id } = await createSeminar();
    const url = `/de/projects/${projectId}/seminars/${id}`;
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await ben.get(url)).status, 404);
    assert.equal((await ben.get(`/de/projects/${projectId}/seminars/new`)).status, 404);
    const olga = await signedIn(t, people.officer);
    assert.equal((await olga.get(url)).status, 404);
    const anonymous = await client(t).get(url);
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.location ?? '', /sign-in/);
    assert.equal((await client(t).get('/de/registration/not-a-token')).status, 404);
    assert.equal((await client(t).get(`/de/registration/${'A'.repeat(43)}`)).status, 404);
  });
});
