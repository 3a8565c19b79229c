// A project workspace with a seminar in every state a page can show: open for registration, with a
// session that has begun (attendance can be recorded) and one to come, and one person registered
// through the personal link. Written through the stores, except the session in the past, which no
// form may create and which a seminar that ran gets by time alone.
import { runDueJobs } from '../../src/core/jobs/jobs';
import { berlinDate } from '../../src/core/time/calendar';
import { today } from '../../src/core/time/clock';
import { workspaceOfGrant } from '../../src/modules/activities/api';
import { recordConsultation } from '../../src/modules/activities/consultations/consultations.store';
import { addPerson, createRound } from '../../src/modules/activities/mentoring/mentoring.store';
import { seminarSessions } from '../../src/modules/activities/schema';
import { createSeminar, register, registrationToken } from '../../src/modules/activities/seminars/seminars.store';
import type { TestApp } from './app';
import { system } from './funding';

const day = 86_400_000;

export async function seminarScene(t: TestApp, grantId: string) {
  await runDueJobs(t.deps);
  const ws = await workspaceOfGrant(t.db, grantId);
  if (!ws) throw new Error('no workspace for the grant');
  const now = t.deps.now();
  const created = await createSeminar(
    t.db,
    system,
    ws.project.id,
    {
      title: 'Öffentlichkeitsarbeit für Vereine',
      curriculum: 'Pressearbeit, soziale Medien',
      learningGoals: 'Eine Pressemitteilung schreiben',
      place: 'Stadtteilzentrum, Raum 1',
      onlineLink: '',
      capacity: 10,
      registrationClosesOn: berlinDate(new Date(now.getTime() + 5 * day)),
      requiredAttendanceBp: 7500,
      asks: ['accessibility', 'gender', 'ageBand'],
      publish: true,
      sessions: [
        {
          row: 0,
          topic: 'Pressearbeit',
          startsAt: new Date(now.getTime() + 7 * day),
          endsAt: new Date(now.getTime() + 7 * day + 2 * 3_600_000),
        },
      ],
    },
    { now, today: today(t.deps.now), dayOf: berlinDate },
  );
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  // a session that has begun: attendance can be recorded for it
  const [past] = await t.db
    .insert(seminarSessions)
    .values({
      seminarId: created.id,
      topic: 'Auftakt',
      startsAt: new Date(now.getTime() - 2 * 3_600_000),
      endsAt: new Date(now.getTime() - 3_600_000),
    })
    .returning({ id: seminarSessions.id });
  const registered = await register(
    t.db,
    created.id,
    { name: 'Nadia', email: 'nadia@example.org', language: 'de', answers: {} },
    { now, today: today(t.deps.now), secret: t.config.sessionSecret },
  );
  if (!registered.ok) throw new Error(JSON.stringify(registered.issues));
  // and one still a draft, which only its staff see, with the form that opens it
  const draft = await createSeminar(
    t.db,
    system,
    ws.project.id,
    {
      title: 'Kassenprüfung im Verein',
      curriculum: '',
      learningGoals: '',
      place: '',
      onlineLink: 'https://meet.example.org/kasse',
      capacity: 20,
      registrationClosesOn: berlinDate(new Date(now.getTime() + 5 * day)),
      requiredAttendanceBp: 10_000,
      asks: [],
      publish: false,
      sessions: [
        {
          row: 0,
          topic: 'Belege prüfen',
          startsAt: new Date(now.getTime() + 9 * day),
          endsAt: new Date(now.getTime() + 9 * day + 3_600_000),
        },
      ],
    },
    { now, today: today(t.deps.now), dayOf: berlinDate },
  );
  if (!draft.ok) throw new Error(JSON.stringify(draft.issues));
  // advice given last week, with a follow-up still open (the list offers to mark it done)
  const consultation = await recordConsultation(
    t.db,
    system,
    ws.project.id,
    {
      heldOn: berlinDate(new Date(now.getTime() - 7 * day)),
      audience: 'administration',
      audienceName: 'Jugendamt',
      topic: 'Elternarbeit in Kitas',
      format: 'inPerson',
      outcome: 'Gemeinsamer Elternabend geplant',
      followUp: 'Termin vorschlagen',
      followUpDueOn: berlinDate(new Date(now.getTime() + 7 * day)),
    },
    { now, today: today(t.deps.now) },
  );
  if (!consultation.ok) throw new Error(JSON.stringify(consultation.issues));
  // a mentoring round matching, with one mentor and one mentee (every form of the phase is shown)
  const round = await createRound(t.db, system, ws.project.id, { title: 'Mentoring 2027', description: '' }, now);
  for (const [side, name] of [
    ['mentor', 'Gülsen'],
    ['mentee', 'Zainab'],
  ] as const)
    await addPerson(
      t.db,
      system,
      round,
      {
        side,
        name,
        email: '',
        languages: ['de'],
        topics: ['councilWork'],
        region: 'Mainz',
        availability: '',
        profile: '',
      },
      now,
    );
  return {
    project: ws.project.id,
    draftSeminar: draft.id,
    consultation: consultation.id,
    round,
    seminar: created.id,
    session: past!.id,
    registrationToken: registrationToken(t.config.sessionSecret, registered.id),
  };
}
