// The activities demo, laid out around the day it is loaded. Funding's demo approved its grants in
// this same transaction; their `grant.approved` events reach the workspace subscriber only later,
// through the worker, so the demo opens the workspaces itself, the same way (the worker's delivery
// then finds them open). The running project of the demo carrier gets three seminars: one held two
// months ago with attendance (certificates can be printed), one open for registration in two weeks,
// and one fully booked with a waiting list.
import { eq } from 'drizzle-orm';
import { systemActor } from '../../core/audit/audit';
import { events } from '../../core/events/schema';
import type { DemoContext } from '../../core/modules';
import { berlinDate, berlinDateTime } from '../../core/time/calendar';
import { grantWorkspaceSeed } from '../funding/api';
import { recordConsultation } from './consultations/consultations.store';
import { addPerson, createRound } from './mentoring/mentoring.store';
import {
  attendance,
  consultations as consultationsTable,
  projects,
  registrations,
  seminarSessions,
  seminars,
} from './schema';
import { createSeminar, register } from './seminars/seminars.store';
import { openWorkspace } from './workspace/workspace.store';

const day = 86_400_000;

/** The running project's seminars, as the tests and the README name them. */
export const demoSeminarTitles = {
  held: 'Stadtteilmütter: Grundkurs Familienbegleitung',
  mentoring: 'Mentoring für neu gewählte Beirätinnen',
  open: 'Vereinsarbeit und Fördermittel für Migrantenorganisationen',
  full: 'Sprachmittlung beim Elternabend',
} as const;

/** People of the demo's seminars: names they chose, mail addresses that reach nobody. */
const people = [
  ['Ayşe Demir', 'tr', 'female', '27to44'],
  ['Hanna Kovalenko', 'uk', 'female', '45to64'],
  ['Mohammed Al-Hassan', 'ar', 'male', '27to44'],
  ['Elif Yıldız', 'tr', 'female', '18to26'],
  ['Olga Smirnova', 'ru', 'female', '45to64'],
  ['Karim B.', 'ar', 'male', '18to26'],
  ['Sevda Aksoy', 'de', 'female', '27to44'],
  ['Daniel Weber', 'de', 'male', '45to64'],
  ['Rana Haddad', 'ar', 'female', '27to44'],
  ['Iryna Melnyk', 'uk', 'female', '27to44'],
  ['Mehmet Kaya', 'tr', 'male', '65plus'],
  ['Fatima Z.', 'de', 'diverse', '18to26'],
  ['Tetiana Bondar', 'uk', 'female', '18to26'],
  ['Yusuf Öztürk', 'tr', 'male', '27to44'],
] as const;

const mailOf = (name: string, seminar: number) =>
  `${name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '')}.s${seminar}@example.org`;

export async function activitiesDemo(ctx: DemoContext): Promise<void> {
  const { db, now } = ctx;
  const at = now();
  const today = berlinDate(at);
  const dayFrom = (days: number) => berlinDate(new Date(at.getTime() + days * day));
  /** set up by the project's staff some days ago */
  const daysAgo = (days: number) => {
    const then = new Date(at.getTime() - days * day);
    return { now: then, today: berlinDate(then), dayOf: berlinDate };
  };

  // open the workspaces of the grants funding's demo approved
  const approved = await db.select({ payload: events.payload }).from(events).where(eq(events.name, 'grant.approved'));
  for (const { payload } of approved) {
    const seed = await grantWorkspaceSeed(db, (payload as { grantId: string }).grantId);
    if (seed) await openWorkspace(db, seed, at);
  }
  const running = (await db.select().from(projects)).find((p) => p.startDate <= today && today <= p.endDate);
  if (!running) return;

  const secret = ctx.config.sessionSecret;
  const sign = (
    seminarId: string,
    n: number,
    person: (typeof people)[number],
    when: Date,
    answers: Record<string, string> = {},
  ) =>
    register(
      db,
      seminarId,
      {
        name: person[0],
        email: mailOf(person[0], n),
        language: person[1],
        answers: { gender: person[2], ageBand: person[3], ...answers },
      },
      { now: when, today: berlinDate(when), secret, actor: systemActor },
    );

  // ---- 1. held two months ago: four evenings, attendance recorded ----
  const heldStart = new Date(at.getTime() - 70 * day);
  const [held] = await db
    .insert(seminars)
    .values({
      projectId: running.id,
      title: demoSeminarTitles.held,
      curriculum:
        'Modul 1: Rolle und Grenzen der Begleitung\nModul 2: Kita, Schule und Beratungsstellen in Mainz\nModul 3: Gesprächsführung in mehreren Sprachen\nModul 4: Kinderschutz und Schweigepflicht',
      learningGoals:
        'Familien zu Kita, Schule und Beratung begleiten und dabei wissen, wann Fachleute übernehmen müssen.',
      place: 'Nachbarschaftswerk Mainz, Gruppenraum, Sömmerringstraße 12',
      capacity: 12,
      registrationClosesOn: berlinDate(new Date(heldStart.getTime() - 3 * day)),
      requiredAttendanceBp: 7500,
      asks: ['accessibility', 'firstLanguage', 'gender', 'ageBand'],
      publishedAt: new Date(heldStart.getTime() - 30 * day),
      createdAt: new Date(heldStart.getTime() - 31 * day),
    })
    .returning({ id: seminars.id });
  if (!held) return;
  const heldSessions = await db
    .insert(seminarSessions)
    .values(
      ['Rolle und Grenzen', 'Wege durch Kita und Schule', 'Gespräche in mehreren Sprachen', 'Kinderschutz'].map(
        (topic, i) => {
          const date = berlinDate(new Date(heldStart.getTime() + i * 7 * day));
          return {
            seminarId: held.id,
            topic,
            startsAt: berlinDateTime(date, '17:30'),
            endsAt: berlinDateTime(date, '20:00'),
          };
        },
      ),
    )
    .returning({ id: seminarSessions.id });
  // registered a month before, straight onto seats (the store's rules would refuse a closed seminar)
  const heldPeople = people.slice(0, 10);
  for (const [i, person] of heldPeople.entries()) {
    const when = new Date(heldStart.getTime() - (25 - i) * day);
    await db.insert(registrations).values({
      seminarId: held.id,
      queueNo: i + 1,
      status: 'confirmed',
      name: person[0],
      email: mailOf(person[0], 1),
      language: person[1],
      answers: { gender: person[2], ageBand: person[3] },
      participantCode: `T-DEMO${String(i + 1).padStart(4, '0')}`,
      tokenHash: `demo-held-${i}`,
      consentPurpose: 'seminarRegistration',
      consentVersion: 'seminar-2026-12',
      consentAt: when,
      registeredAt: when,
      confirmedAt: when,
      source: i === 9 ? 'paper' : 'online',
    });
  }
  const heldRows = await db.select().from(registrations).where(eq(registrations.seminarId, held.id));
  // who was there: most came every evening, two missed more than a quarter (no certificate)
  const missed: Record<number, number[]> = { 2: [3], 4: [1, 2], 7: [0, 1, 3], 8: [2] };
  for (const r of heldRows)
    for (const [s, session] of heldSessions.entries())
      await db.insert(attendance).values({
        registrationId: r.id,
        sessionId: session.id,
        present: !(missed[r.queueNo - 1] ?? []).includes(s),
        recordedAt: new Date(heldStart.getTime() + s * 7 * day + 3 * 3_600_000),
      });

  // ---- 2. open for registration: three Saturdays from two weeks on ----
  const open = await createSeminar(
    db,
    systemActor,
    running.id,
    {
      title: demoSeminarTitles.open,
      curriculum:
        'Modul 1: Satzung, Vorstand und Gemeinnützigkeit\nModul 2: Förderprogramme finden und Anträge schreiben\nModul 3: Mittel abrufen, belegen und abrechnen',
      learningGoals: 'Einen kleinen Antrag selbst stellen und eine Förderung sauber abrechnen.',
      place: 'Haus der Jugend, Mitternachtsgasse 8, Mainz (barrierefrei)',
      onlineLink: '',
      capacity: 16,
      registrationClosesOn: dayFrom(10),
      requiredAttendanceBp: 6600,
      asks: ['accessibility', 'firstLanguage', 'gender', 'ageBand'],
      publish: true,
      sessions: [14, 21, 28].map((d, i) => ({
        row: i,
        topic: ['Satzung und Vorstand', 'Anträge schreiben', 'Abrechnen'][i] ?? '',
        startsAt: berlinDateTime(dayFrom(d), '10:00'),
        endsAt: berlinDateTime(dayFrom(d), '15:00'),
      })),
    },
    daysAgo(8),
  );
  if (open.ok)
    for (const [i, person] of people.slice(10, 14).entries())
      await sign(
        open.id,
        2,
        person,
        new Date(at.getTime() - (4 - i) * day),
        i === 1 ? { accessibility: 'Hörschleife' } : {},
      );

  // ---- 3. fully booked, three on the waiting list ----
  const full = await createSeminar(
    db,
    systemActor,
    running.id,
    {
      title: demoSeminarTitles.full,
      curriculum: 'Dolmetschen zwischen Eltern und Schule: Rolle, Haltung, Fachwörter aus dem Schulalltag.',
      learningGoals: 'Bei Elternabenden und Elterngesprächen sicher sprachmitteln.',
      place: 'Grundschule Neustadt, Aula',
      onlineLink: '',
      capacity: 8,
      registrationClosesOn: dayFrom(6),
      requiredAttendanceBp: 10_000,
      asks: ['firstLanguage'],
      publish: true,
      sessions: [
        {
          row: 0,
          topic: 'Rolle und Haltung',
          startsAt: berlinDateTime(dayFrom(9), '18:00'),
          endsAt: berlinDateTime(dayFrom(9), '20:30'),
        },
        {
          row: 1,
          topic: 'Schulwörter in vielen Sprachen',
          startsAt: berlinDateTime(dayFrom(16), '18:00'),
          endsAt: berlinDateTime(dayFrom(16), '20:30'),
        },
      ],
    },
    daysAgo(2),
  );
  if (full.ok)
    for (const [i, person] of people.slice(0, 11).entries())
      await sign(full.id, 3, person, new Date(at.getTime() - (11 - i) * 3_600_000), { firstLanguage: person[1] });

  // ---- advice the project gave, with what followed ----
  const consultations = [
    {
      days: 60,
      audience: 'administration',
      audienceName: 'Jugendamt Mainz',
      topic: 'Familien ohne Kita-Platz erreichen',
      format: 'inPerson',
      outcome: 'Sprechstunde der Stadtteilmütter im Jugendamt, einmal im Monat',
      followUp: 'Raum und Termine festlegen',
      due: -45,
      done: true,
    },
    {
      days: 21,
      audience: 'council',
      audienceName: 'Beirat für Migration und Integration Mainz',
      topic: 'Elternbeteiligung an Schulen',
      format: 'inPerson',
      outcome: 'Antrag an den Stadtrat wird vorbereitet',
      followUp: 'Entwurf des Antrags an den Beirat schicken',
      due: -2,
      done: false,
    },
    {
      days: 9,
      audience: 'politicalParty',
      audienceName: 'Ortsverband Neustadt',
      topic: 'Einladungen zu Bürgerversammlungen in mehreren Sprachen',
      format: 'online',
      outcome: 'Einladungstexte in Türkisch, Arabisch und Ukrainisch',
      followUp: 'Übersetzungen liefern',
      due: 10,
      done: false,
    },
    {
      days: 3,
      audience: 'localActor',
      audienceName: 'Kinderarztpraxis am Gartenfeldplatz',
      topic: 'Vorsorgetermine erklären',
      format: 'phone',
      outcome: 'Merkblatt in fünf Sprachen liegt in der Praxis aus',
      followUp: '',
      due: null,
      done: false,
    },
  ] as const;
  for (const c of consultations) {
    const then = new Date(at.getTime() - c.days * day);
    const recorded = await recordConsultation(
      db,
      systemActor,
      running.id,
      {
        heldOn: berlinDate(then),
        audience: c.audience,
        audienceName: c.audienceName,
        topic: c.topic,
        format: c.format,
        outcome: c.outcome,
        followUp: c.followUp,
        followUpDueOn: c.due === null ? '' : dayFrom(c.due),
      },
      { now: then, today: berlinDate(then) },
    );
    if (recorded.ok && c.done)
      await db
        .update(consultationsTable)
        .set({ followUpDoneAt: new Date(at.getTime() - 50 * day) })
        .where(eq(consultationsTable.id, recorded.id));
  }

  // ---- a mentoring round in its matching phase: pools filled, no pairs yet ----
  const round = await createRound(
    db,
    systemActor,
    running.id,
    {
      title: demoSeminarTitles.mentoring,
      description:
        'Erfahrene Beiratsmitglieder begleiten Frauen, die zum ersten Mal in einen Beirat gewählt wurden, ein Jahr lang.',
    },
    new Date(at.getTime() - 20 * day),
  );
  const pool: [string, 'mentor' | 'mentee', string[], string[], string, string][] = [
    [
      'Gülsen Arslan',
      'mentor',
      ['de', 'tr'],
      ['councilWork', 'motions', 'publicSpeaking'],
      'Mainz',
      'Seit zwölf Jahren im Beirat, davon vier als Vorsitzende.',
    ],
    [
      'Dr. Rania Saleh',
      'mentor',
      ['de', 'ar', 'en'],
      ['media', 'publicSpeaking', 'networking'],
      'Wiesbaden',
      'Pressesprecherin eines Wohlfahrtsverbands, zwei Wahlperioden im Beirat.',
    ],
    [
      'Natalia Hoffmann',
      'mentor',
      ['de', 'ru', 'uk'],
      ['associationWork', 'funding'],
      'Mainz',
      'Gründerin eines Elternvereins, kennt die Förderprogramme der Stadt.',
    ],
    [
      'Ingrid Becker',
      'mentor',
      ['de'],
      ['councilWork', 'compatibility'],
      'Ingelheim',
      'Stadträtin, drei Kinder, Ehrenamt neben dem Beruf.',
    ],
    [
      'Meryem Doğan',
      'mentor',
      ['de', 'tr', 'ku'],
      ['networking', 'compatibility'],
      'Mainz',
      'Koordiniert das Netzwerk der Migrantenorganisationen im Kreis.',
    ],
    [
      'Zainab Karimi',
      'mentee',
      ['de', 'fa'],
      ['publicSpeaking', 'councilWork'],
      'Mainz',
      'Möchte im Plenum sicher sprechen.',
    ],
    [
      'Oksana Lysenko',
      'mentee',
      ['uk', 'ru'],
      ['funding', 'associationWork'],
      'Mainz',
      'Will einen ukrainischen Kulturverein gründen.',
    ],
    [
      'Amal Yousef',
      'mentee',
      ['ar', 'de'],
      ['media', 'publicSpeaking'],
      'Wiesbaden',
      'Möchte die Arbeit des Beirats in sozialen Medien zeigen.',
    ],
    [
      'Derya Şahin',
      'mentee',
      ['tr', 'de'],
      ['motions', 'councilWork'],
      'Mainz',
      'Erster Antrag zum Schwimmunterricht für Mädchen geplant.',
    ],
    [
      'Lina Novak',
      'mentee',
      ['de', 'hr'],
      ['compatibility', 'networking'],
      'Ingelheim',
      'Vollzeitstelle, zwei Kinder: wie schafft man das Ehrenamt?',
    ],
    [
      'Samira El Idrissi',
      'mentee',
      ['fr', 'ar'],
      ['councilWork'],
      'Mainz',
      'Neu in Deutschland, Beiratsarbeit ganz neu.',
    ],
  ];
  for (const [i, [name, side, languages, topics, region, profile]] of pool.entries())
    await addPerson(
      db,
      systemActor,
      round,
      {
        side,
        name,
        email: '',
        languages: languages as never,
        topics: topics as never,
        region,
        availability: i % 2 ? 'abends' : 'am Wochenende',
        profile,
      },
      new Date(at.getTime() - (18 - i) * day),
    );
}
