// Demo data for funding: the two programme lines of DOMAIN.md with invented organisations, one call
// open on the day the demo is loaded, drafts and submitted applications. Everything goes through the
// same store functions the pages use, so the demo is what real use would produce.

import { systemActor } from '../../core/audit/audit';
import { grantRole } from '../../core/auth/users';
import type { DemoContext } from '../../core/modules';
import { addDays, berlinDate, berlinDateTime } from '../../core/time/calendar';
import { createOrganisation } from '../network/api';
import {
  blankContent,
  createDraft,
  putDocument,
  saveContent,
  submitApplication,
} from './applications/applications.store';
import { federalDocuments } from './applications/document-validity';
import { decideChange, reportNotification, requestChange } from './changes/changes.store';
import { decide, inviteFullApplication, returnForChanges } from './decisions/decisions.store';
import { demoYearlyGrant } from './demo-continuation';
import { demoGrants } from './demo-grants';
import { decidePayment, reportSpent, requestPayment } from './grants/grants.store';
import { recordConfirmations } from './partner-confirmations/partner-confirmations.store';
import { saveCallTranslation } from './programmes/call-translations.store';
import { setReviewerTopics } from './programmes/fields-of-action';
import { createCall, createProgramme } from './programmes/programmes.store';
import { importReceipts, listReports, reviewReport, saveNarrative, submitReport } from './reports/reports.store';
import { assignReviewers, declare, listAssignmentsOfApplications, saveScores } from './reviews/reviews.store';
import type { ApplicationContent, RubricCriterion } from './schema';

const rubric: RubricCriterion[] = [
  {
    id: 'participation',
    title: 'Beteiligung der Migrantenorganisation',
    weight: 3,
    anchors: [
      'nur als Zielgruppe',
      'punktuell einbezogen',
      'an Teilen beteiligt',
      'plant und entscheidet mit',
      'gleichberechtigt auf Augenhöhe',
    ],
  },
  {
    id: 'transfer',
    title: 'Übertragbarkeit',
    weight: 2,
    anchors: [
      'nicht erkennbar',
      'kaum beschrieben',
      'für ähnliche Orte denkbar',
      'klar beschrieben',
      'mit Material und Anleitung',
    ],
  },
  {
    id: 'plan',
    title: 'Schlüssigkeit von Arbeits- und Finanzplan',
    weight: 1,
    anchors: ['widersprüchlich', 'lückenhaft', 'nachvollziehbar', 'gut begründet', 'vorbildlich'],
  },
];

const statute = Buffer.from('%PDF-1.4\n% Demo: Satzung (erfundenes Beispiel)\n');

function plan(start: number, years: number, staffPerYear: number, ownBp = 1000): ApplicationContent['plan'] {
  const p: ApplicationContent['plan'] = { expenses: [], ownFunds: [], thirdPartyFunds: [], grant: [] };
  for (let i = 0; i < years; i++) {
    const year = start + i;
    const staff = staffPerYear;
    const fees = Math.round(staffPerYear * 0.15);
    const travel = Math.round(staffPerYear * 0.05);
    const total = staff + fees + travel;
    const own = Math.ceil((total * ownBp) / 10000);
    p.expenses.push(
      { line: 'staff', year, amountCents: staff },
      { line: 'fees', year, amountCents: fees },
      { line: 'travel', year, amountCents: travel },
    );
    p.ownFunds.push({ year, amountCents: own });
    p.grant.push({ year, amountCents: total - own });
  }
  return p;
}

export async function fundingDemo(ctx: DemoContext): Promise<void> {
  const { db } = ctx;
  // funding's demo people; the officer's programmes and the carrier's organisation are granted
  // below, once they exist (carrierStaff is network's role, given here for funding's demo carrier)
  await ctx.addPerson({ role: 'programmeOfficer', email: 'referat@demo.example', name: 'Jonas Albrecht' });
  const demoReviewer = { role: 'reviewer', email: 'gutachten@demo.example', name: 'Dr. Miriam Koch' };
  await grantRole(db, systemActor, await ctx.addPerson(demoReviewer), 'reviewer');
  await ctx.addPerson({ role: 'carrierStaff', email: 'traeger@demo.example', name: 'Stefan Wagner' });
  const today = berlinDate(ctx.now());
  // the open calls are for projects starting next year; the running grants (demo-grants.ts) reach
  // three years back, so every programme has a budget for the years around the load day
  const year = Number(today.slice(0, 4));
  const next = year + 1;
  const budgets = (cents: number, historic: string[]) =>
    Object.fromEntries([...historic, ...[-3, -2, -1, 0, 1, 2].map((k) => String(year + k))].map((y) => [y, cents]));
  const councils = await createProgramme(db, systemActor, {
    title: 'Weiterentwicklung kommunaler Integrationsbeiräte',
    goals:
      'Beiratsmitglieder qualifizieren\nFrauen in Beiräten stärken\nBeiräte als Team arbeitsfähig machen\nLokale Politik für Integration öffnen',
    financingType: 'deficit',
    maxShareBp: 9000,
    minOwnShareBp: 1000,
    maxGrantPerYearCents: 15_000_000,
    fixedAmountCents: null,
    maxDurationMonths: 36,
    scope: 'overregional',
    requiresMigrantOrganisation: false,
    cooperationForms: [],
    budgetPerYear: budgets(20_000_000, ['2010', '2011', '2012']),
    caseCode: 'KIB',
    guideline: 'Richtlinie zur Förderung von Modellprojekten kommunaler Integrationsbeiräte (Demo)',
  });
  const mo = await createProgramme(db, systemActor, {
    title: 'Stärkere Beteiligung von Migrantenorganisationen',
    goals:
      'Potenziale und Professionalität von Migrantenorganisationen stärken\nIntegrationsarbeit vor Ort besser vernetzen\nInterkulturelle Öffnung voranbringen',
    financingType: 'deficit',
    maxShareBp: 9000,
    minOwnShareBp: 1000,
    maxGrantPerYearCents: 6_000_000,
    fixedAmountCents: null,
    maxDurationMonths: 24,
    scope: 'regional',
    requiresMigrantOrganisation: true,
    cooperationForms: ['mentoring', 'loose', 'tandem'],
    budgetPerYear: { ...budgets(45_000_000, []), '2010': 60_000_000, '2011': 60_000_000 },
    caseCode: 'MO',
    guideline: 'Richtlinie zur Förderung der Beteiligung von Migrantenorganisationen (Demo)',
  });

  const officer = ctx.accounts.get('programmeOfficer');
  if (officer) {
    await grantRole(db, systemActor, officer, 'programmeOfficer', 'programme', councils);
    await grantRole(db, systemActor, officer, 'programmeOfficer', 'programme', mo);
  }

  const callBase = { text: '', eligibility: [], requiredDocuments: [], rubric, blindReview: false, published: true };
  await createCall(db, systemActor, {
    ...callBase,
    programmeId: councils,
    title: 'Beiräte stärken 2009',
    text: 'Gesucht wird ein überregionales Projekt, das die 2009 neu gewählten Beiräte beim Start begleitet.',
    opensAt: new Date('2009-03-01T00:00:00+01:00'),
    closesAt: new Date('2009-06-30T12:00:00+02:00'),
    stages: 1,
    projectStartEarliest: '2009-11-01',
    projectEndLatest: '2012-10-31',
  });
  const closedMo = await createCall(db, systemActor, {
    ...callBase,
    programmeId: mo,
    title: 'Tandems, Mentoring, Kooperation 2010–2011',
    opensAt: new Date('2009-05-01T00:00:00+02:00'),
    closesAt: new Date('2009-09-15T12:00:00+02:00'),
    stages: 1,
    projectStartEarliest: '2010-01-01',
    projectEndLatest: '2011-12-31',
  });
  const open = await createCall(db, systemActor, {
    ...callBase,
    programmeId: mo,
    title: `Gemeinsam vor Ort ${next}`,
    text: '## Worum es geht\n\nGefördert werden Kooperationen zwischen etablierten Trägern und Migrantenorganisationen.\n\n## Wer kann beantragen?\n\nGemeinnützige Träger mit mindestens einer Migrantenorganisation als Partner.',
    opensAt: berlinDateTime(addDays(today, -7), '00:00'),
    closesAt: berlinDateTime(addDays(today, 60), '12:00'),
    stages: 1,
    projectStartEarliest: `${next}-01-01`,
    projectEndLatest: `${next + 1}-12-31`,
    eligibility: [
      {
        id: 'nonprofit',
        question: 'Ist Ihre Organisation als gemeinnützig anerkannt?',
        stopText: 'Nur gemeinnützige Träger können Mittel aus diesem Programm erhalten.',
      },
      {
        id: 'partner',
        question: 'Arbeiten Sie mit mindestens einer Migrantenorganisation zusammen?',
        stopText: 'Dieses Programm fördert nur Kooperationen mit Migrantenorganisationen.',
      },
    ],
    requiredDocuments: [{ id: 'statute', label: 'Satzung', types: ['pdf'], maxMegabytes: 5 }],
  });
  await demoCallTranslations(db, open, next, ctx.now());

  // a second open call, of the federal council programme, with the five documents a formal
  // application needs in federal practice (document-validity.ts); the journeys keep to the first
  const federalIds = ['taxClearance', 'noInsolvency', 'socialSecurity', 'register', 'statute'];
  const federal = await createCall(db, systemActor, {
    ...callBase,
    programmeId: councils,
    title: `Beiräte vernetzen ${next}`,
    text: '## Worum es geht\n\nGefördert werden überregionale Projekte, die Integrationsbeiräte miteinander vernetzen.\n\n## Unterlagen\n\nMit dem Antrag reichen Sie die fünf Unterlagen ein, die die Bundesförderung verlangt; die Bescheinigung in Steuersachen und die Auszüge müssen bei der Einreichung noch gültig sein.',
    opensAt: berlinDateTime(addDays(today, -3), '00:00'),
    closesAt: berlinDateTime(addDays(today, 75), '12:00'),
    stages: 1,
    projectStartEarliest: `${next}-01-01`,
    projectEndLatest: `${next + 2}-12-31`,
    requiredDocuments: federalDocuments.map((d, i) => ({ id: federalIds[i] ?? `document${i}`, ...d })),
  });

  // the organisations' entries in network's directory (all but the Landesnetzwerk opted in), so
  // the public directory and the demo carrier's partner search have something to show
  const listed = new Date(ctx.now().getTime() - 30 * 24 * 60 * 60 * 1000);
  type Entry = Omit<Parameters<typeof createOrganisation>[2], 'name' | 'kind'>;
  const org = async (name: string, kind: string, city: string, key: string, entry: Entry = {}) =>
    createOrganisation(db, systemActor, {
      name,
      kind,
      city,
      municipalityKey: key,
      isMigrantOrganisation: kind === 'migrantOrganisation',
      ...entry,
    });
  const nachbarschaftswerk = await org('Nachbarschaftswerk Mainz e. V.', 'carrier', 'Mainz', '07315000', {
    legalForm: 'eV',
    email: 'info@nachbarschaftswerk.example',
    fieldsOfWork: ['education', 'family', 'counselling', 'youth'],
    languages: ['de', 'tr', 'ar'],
    communities: 'Familien in der Mainzer Neustadt und in Mombach',
    staffCount: 12,
    volunteerCount: 40,
    partnerCapacity: 2,
    description:
      'Stadtteilarbeit in der Mainzer Neustadt: Familienzentrum, Hausaufgabenhilfe, Sozialberatung und ein Nachbarschaftscafé. Wir arbeiten in Modellprojekten mit Migrantenorganisationen aus Mainz und Rheinhessen zusammen.',
    publicSince: listed,
  });
  await org('Deutsch-Türkischer Kulturverein Mainz e. V.', 'migrantOrganisation', 'Mainz', '07315000', {
    legalForm: 'eV',
    fieldsOfWork: ['culture', 'education', 'youth', 'elderly'],
    languages: ['tr', 'de'],
    communities: 'Türkeistämmige Familien in Mainz, drei Generationen',
    staffCount: 0,
    volunteerCount: 30,
    partnerCapacity: 1,
    description:
      'Seit 1987 Treffpunkt für Familien aus der Türkei: Saz- und Folkloregruppen, Nachhilfe, ein Seniorenfrühstück und Übersetzungshilfe bei Arztbesuchen.',
    publicSince: listed,
  });
  const bildungswerk = await org('Bildungswerk Westpfalz gGmbH', 'carrier', 'Kaiserslautern', '07312000', {
    legalForm: 'gGmbH',
    email: 'kontakt@bildungswerk-westpfalz.example',
    fieldsOfWork: ['education', 'labourMarket', 'language'],
    languages: ['de', 'en', 'ru', 'uk'],
    communities: 'Neuzugewanderte in der Westpfalz',
    staffCount: 25,
    volunteerCount: 5,
    partnerCapacity: 1,
    description:
      'Berufsorientierung, Sprachkurse und Qualifizierung in Kaiserslautern und der Westpfalz, mit Außenstellen in Pirmasens und Kusel.',
    publicSince: listed,
  });
  await org(
    'Arabisch-Deutscher Elternverein Ludwigshafen e. V.',
    'migrantOrganisation',
    'Ludwigshafen am Rhein',
    '07314000',
    {
      legalForm: 'eV',
      fieldsOfWork: ['education', 'family', 'antiDiscrimination'],
      languages: ['ar', 'de'],
      communities: 'Arabischsprachige Eltern mit Kindern an Ludwigshafener Schulen',
      volunteerCount: 15,
      partnerCapacity: 2,
      description:
        'Wir begleiten Eltern beim Übergang von der Kita in die Schule, organisieren Elternabende auf Arabisch und vermitteln bei Konflikten zwischen Schule und Familie.',
      publicSince: listed,
    },
  );
  const netzwerk = await org('Landesnetzwerk der Integrationsbeiräte e. V.', 'carrier', 'Mainz', '07315000');
  await org('Ukrainischer Frauenverein Koblenz e. V.', 'migrantOrganisation', 'Koblenz', '07111000', {
    legalForm: 'eV',
    fieldsOfWork: ['women', 'counselling', 'labourMarket', 'language'],
    languages: ['uk', 'ru', 'de'],
    communities: 'Frauen aus der Ukraine in Koblenz und im Westerwald',
    volunteerCount: 20,
    description:
      'Selbsthilfe von Frauen, die seit 2022 nach Koblenz gekommen sind: Sprachcafé, Begleitung bei der Anerkennung von Berufsabschlüssen und Kinderbetreuung während der Kurse.',
    publicSince: listed,
  });

  const carrier = ctx.accounts.get('carrierStaff');
  if (carrier) await grantRole(db, systemActor, carrier, 'carrierStaff', 'organisation', nachbarschaftswerk);
  const reviewer = ctx.accounts.get('reviewer');

  // five grants running around the day of loading (demo-grants.ts); the 2010–2012 projects below are history
  await demoGrants(ctx, {
    programmes: { migrantOrganisations: mo, councils },
    organisations: { nachbarschaftswerk },
    people: { officer, carrier, reviewer },
    rubric,
    createOrganisation: org,
  });

  const apply = async (
    callId: string,
    organisationId: string,
    content: Partial<ApplicationContent>,
    submit: boolean,
  ) => {
    const id = await createDraft(db, systemActor, { callId, organisationId, stage: 'full', eligibilityAnswers: {} });
    await saveContent(db, systemActor, id, { ...blankContent(), ...content }, ctx.now());
    if (submit) {
      await putDocument(db, systemActor, id, {
        requiredDocumentId: 'statute',
        filename: 'satzung.pdf',
        mimeType: 'application/pdf',
        content: statute,
      });
      // its partners confirmed their parts (as by their mailed links) before it was submitted
      await recordConfirmations(db, id, ctx.now(), 'Vorstand (Demo)');
      await submitApplication(db, systemActor, id, { now: ctx.now(), language: 'de' });
    }
    return id;
  };
  const declared = { truthful: true, noDoubleFunding: true };
  const historic: [string, string, string, 'mentoring' | 'loose' | 'tandem', string][] = [
    [
      'Brückenbauer Westpfalz',
      'Bildungswerk Westpfalz gGmbH',
      'Eltern mit Einwanderungsgeschichte',
      'tandem',
      'Arabisch-Deutscher Elternverein Ludwigshafen e. V.',
    ],
    [
      'Vereine stark machen',
      'Nachbarschaftswerk Mainz e. V.',
      'Vorstände kleiner Vereine',
      'mentoring',
      'Deutsch-Türkischer Kulturverein Mainz e. V.',
    ],
    [
      'Frauen gestalten mit',
      'Landesnetzwerk der Integrationsbeiräte e. V.',
      'Frauen in Vereinen',
      'loose',
      'Ukrainischer Frauenverein Koblenz e. V.',
    ],
  ];
  const orgsByName: Record<string, string> = {
    'Bildungswerk Westpfalz gGmbH': bildungswerk,
    'Nachbarschaftswerk Mainz e. V.': nachbarschaftswerk,
    'Landesnetzwerk der Integrationsbeiräte e. V.': netzwerk,
  };
  const historicIds: string[] = [];
  for (const [title, carrierName, targets, form, partner] of historic) {
    const historicId = await apply(
      closedMo,
      orgsByName[carrierName] as string,
      {
        title,
        summary: `${carrierName} und ${partner} arbeiten zwei Jahre zusammen.`,
        goals: 'Mehr Menschen erreichen\nVereinsarbeit professionalisieren',
        targetGroups: targets,
        region: 'Rheinland-Pfalz',
        startDate: '2010-01-01',
        endDate: '2011-12-31',
        cooperationForm: form,
        fieldsOfAction: title === 'Frauen gestalten mit' ? ['women', 'civilSociety'] : ['parents', 'civilSociety'],
        partners: [
          {
            name: partner,
            isMigrantOrganisation: true,
            role: 'Kooperationspartner',
            tasks: 'Zugang zu den Familien, Mitplanung',
            budgetShareBp: 3000,
          },
        ],
        milestones: [
          { title: 'Auftaktveranstaltung', due: '2010-03-01' },
          { title: 'Abschlusstagung', due: '2011-11-15' },
        ],
        plan: plan(2010, 2, 3_500_000),
        declarations: declared,
      },
      true,
    );
    historicIds.push(historicId);
  }

  // reviews by the demo reviewer, then decisions: two approved, one on the waiting list
  const reviewerActor = { id: reviewer ?? null, label: 'gutachten@demo.example' };
  if (reviewer) {
    await setReviewerTopics(db, reviewer, ['parents', 'language', 'civilSociety']);
    await assignReviewers(
      db,
      systemActor,
      historicIds.map((applicationId) => ({ applicationId, reviewerId: reviewer })),
    );
    const scores: [number, number, number][] = [
      [5, 4, 4],
      [4, 4, 3],
      [3, 2, 3],
    ];
    for (const [i, applicationId] of historicIds.entries()) {
      const [a] = await listAssignmentsOfApplications(db, [applicationId]);
      if (!a) continue;
      await declare(db, reviewerActor, a.id, 'none', '', ctx.now());
      const [p, tr, pl] = scores[i] as [number, number, number];
      await saveScores(
        db,
        reviewerActor,
        a.id,
        {
          participation: { score: p, comment: 'Nachvollziehbar begründet.' },
          transfer: { score: tr, comment: '' },
          plan: { score: pl, comment: '' },
        },
        true,
        ctx.now(),
      );
    }
  }
  const officerActor = { id: officer ?? null, label: 'referat@demo.example' };
  const decided: (string | undefined)[] = [];
  for (const [i, applicationId] of historicIds.entries()) {
    const outcome = i < 2 ? 'approved' : 'waitlisted';
    const plan2 = plan(2010, 2, 3_500_000);
    const result = await decide(
      db,
      officerActor,
      {
        applicationId,
        outcome,
        amountsPerYear:
          outcome === 'approved' ? Object.fromEntries(plan2.grant.map((g) => [String(g.year), g.amountCents])) : {},
        conditions: outcome === 'approved' ? 'Die Migrantenorganisation ist an allen Planungstreffen beteiligt.' : '',
        reasons: '',
      },
      ctx.now(),
    );
    decided.push(result?.grantId);
  }
  // the demo carrier's grant: money drawn and partly spent, the interim report accepted, the final one submitted
  const grantId = decided[1];
  // the demo's payments were requested and decided (and so paid) on these days of its historic project
  const paidOn = (day: string) => berlinDateTime(day, '10:00');
  if (grantId) {
    const carrierActor = { id: carrier ?? null, label: 'traeger@demo.example' };
    const first = await requestPayment(
      db,
      carrierActor,
      grantId,
      {
        year: 2010,
        line: 'staff',
        requestedCents: 1_500_000,
        dueOn: '2010-02-15',
        purpose: 'Personalausgaben Januar bis März',
      },
      paidOn('2010-01-20'),
    );
    if (first.ok) {
      await decidePayment(
        db,
        officerActor,
        first.id,
        { status: 'approved', approvedCents: 1_500_000 },
        paidOn('2010-02-01'),
      );
      await reportSpent(db, carrierActor, first.id, { spentCents: 1_500_000, spentOn: '2010-03-10' });
    }
    const second = await requestPayment(
      db,
      carrierActor,
      grantId,
      {
        year: 2010,
        line: 'fees',
        requestedCents: 400_000,
        dueOn: '2010-05-20',
        purpose: 'Honorare Elternabende',
      },
      paidOn('2010-04-26'),
    );
    if (second.ok)
      await decidePayment(
        db,
        officerActor,
        second.id,
        { status: 'reduced', approvedCents: 300_000 },
        paidOn('2010-05-03'),
      );
    const [interim, final] = await listReports(db, grantId);
    if (interim) {
      await saveNarrative(db, carrierActor, interim.id, [
        'Über den Kulturverein kamen 85 Familien zu den Sprechstunden.',
        'Der Verein hat einen eigenen Vorstand für Jugendarbeit gewählt.',
      ]);
      await importReceipts(db, carrierActor, interim.id, [
        {
          row: 2,
          date: '2010-01-31',
          payee: 'Fachkraft Sozialarbeit',
          reason: 'Gehalt Januar',
          amountCents: 500_000,
          line: 'staff',
        },
        {
          row: 3,
          date: '2010-02-28',
          payee: 'Fachkraft Sozialarbeit',
          reason: 'Gehalt Februar',
          amountCents: 500_000,
          line: 'staff',
        },
        {
          row: 4,
          date: '2010-05-12',
          payee: 'Dolmetscherin',
          reason: 'Elternabend Türkisch',
          amountCents: 30_000,
          line: 'fees',
        },
      ]);
      await submitReport(db, carrierActor, interim.id, ctx.now());
      await reviewReport(db, officerActor, interim.id, 'accepted', '', ctx.now());
    }
    if (final) {
      await saveNarrative(db, carrierActor, final.id, [
        'Insgesamt 160 Familien erreicht.',
        'Der Verein arbeitet nun ohne Begleitung weiter.',
      ]);
      await submitReport(db, carrierActor, final.id, ctx.now());
    }
  }
  // the other approved project, as it went back then: a shift within the 20 % rule (recorded at
  // once) and a larger one the officer approved, and a notification (still unread)
  const bridgeGrant = decided[0];
  if (bridgeGrant) {
    const bridgeActor = { id: null, label: 'Bildungswerk Westpfalz (Demo)' };
    await requestChange(
      db,
      bridgeActor,
      bridgeGrant,
      { kind: 'shift', year: 2011, fromLine: 'staff', toLine: 'travel', amountCents: 30_000 },
      'Mehr Fahrten zu Familien auf dem Land als geplant.',
      berlinDateTime('2011-02-14', '10:00'),
    );
    const larger = await requestChange(
      db,
      bridgeActor,
      bridgeGrant,
      { kind: 'shift', year: 2011, fromLine: 'staff', toLine: 'fees', amountCents: 400_000 },
      'Eine Stelle blieb drei Monate frei; Honorarkräfte übernehmen die Elternabende.',
      berlinDateTime('2011-04-04', '10:00'),
    );
    if (larger.ok && larger.status === 'requested')
      await decideChange(
        db,
        { id: officer ?? null, label: 'referat@demo.example' },
        bridgeGrant,
        larger.id,
        { approve: true, note: 'Die Umschichtung ist begründet.' },
        berlinDateTime('2011-04-12', '09:00'),
      );
    await reportNotification(
      db,
      bridgeActor,
      bridgeGrant,
      {
        kind: 'otherFunding',
        occurredOn: '2011-03-15',
        description: 'Die Bürgerstiftung Kaiserslautern gibt 1.500 € für Kinderbetreuung während der Elternabende.',
      },
      ctx.now(),
    );
    // its reports were handed in and accepted back then, so that only today's projects are overdue
    const bridgeOfficer = { id: officer ?? null, label: 'referat@demo.example' };
    for (const r of await listReports(db, bridgeGrant)) {
      await saveNarrative(db, bridgeActor, r.id, ['Die Elternabende fanden wie geplant statt.']);
      await submitReport(db, bridgeActor, r.id, berlinDateTime(addDays(r.dueOn, -10), '14:00'));
      await reviewReport(db, bridgeOfficer, r.id, 'accepted', '', berlinDateTime(addDays(r.dueOn, 12), '09:00'));
    }
  }
  // one application rejected with reasons, so the decision pages show every outcome
  const rejected = await apply(
    closedMo,
    netzwerk,
    {
      title: 'Sprachcafé am Bahnhof',
      summary: 'Ein offenes Sprachcafé, das ehrenamtlich betrieben wird.',
      goals: 'Deutsch im Alltag üben',
      targetGroups: 'Neu Zugewanderte',
      region: 'Mainz',
      startDate: '2010-01-01',
      endDate: '2010-12-31',
      cooperationForm: 'loose',
      fieldsOfAction: ['language'],
      partners: [
        {
          name: 'Ukrainischer Frauenverein Koblenz e. V.',
          isMigrantOrganisation: true,
          role: 'Partner',
          tasks: 'Werbung',
          budgetShareBp: 500,
        },
      ],
      milestones: [{ title: 'Eröffnung', due: '2010-02-01' }],
      plan: plan(2010, 1, 1_000_000),
      declarations: declared,
    },
    true,
  );
  await decide(
    db,
    officerActor,
    {
      applicationId: rejected,
      outcome: 'rejected',
      amountsPerYear: {},
      conditions: '',
      reasons:
        'Die Migrantenorganisation ist nur für Werbung vorgesehen; das Programm fördert Vorhaben, die sie gleichberechtigt mitplant.',
    },
    ctx.now(),
  );
  // a second carrier's application waits in the open call, with a review assigned but not yet declared
  const waiting = await apply(
    open,
    bildungswerk,
    {
      title: 'Elternlotsen Westpfalz',
      summary: 'Eltern mit Einwanderungsgeschichte begleiten andere Eltern durch Schule und Kita.',
      goals: 'Eltern als Lotsen ausbilden\nSchulen für Eltern öffnen',
      targetGroups: 'Eltern von Kita- und Grundschulkindern',
      region: 'Kaiserslautern',
      municipalityKey: '07312000',
      startDate: `${next}-01-01`,
      endDate: `${next + 1}-12-31`,
      cooperationForm: 'mentoring',
      fieldsOfAction: ['parents', 'education'],
      partners: [
        {
          name: 'Arabisch-Deutscher Elternverein Ludwigshafen e. V.',
          isMigrantOrganisation: true,
          role: 'Mentee',
          tasks: 'Lotsen gewinnen',
          budgetShareBp: 2500,
        },
      ],
      milestones: [{ title: 'Erste Lotsenschulung', due: `${next}-04-01` }],
      plan: plan(next, 2, 2_000_000),
      declarations: declared,
    },
    true,
  );
  if (reviewer) await assignReviewers(db, systemActor, [{ applicationId: waiting, reviewerId: reviewer }]);
  // a two-stage call: the demo carrier's outline convinced, the full application is due in a month
  const twoStage = await createCall(db, systemActor, {
    ...callBase,
    programmeId: councils,
    title: `Beiräte qualifizieren ${next} (zweistufig)`,
    text: 'Erst eine Projektskizze mit grobem Finanzplan; ausgewählte Träger reichen danach den vollständigen Antrag ein.',
    opensAt: berlinDateTime(addDays(today, -60), '00:00'),
    closesAt: new Date(`${addDays(today, -7)}T11:00:00Z`),
    stages: 2,
    projectStartEarliest: `${next}-01-01`,
    projectEndLatest: `${next + 2}-12-31`,
  });
  const outline = await createDraft(db, systemActor, {
    callId: twoStage,
    organisationId: nachbarschaftswerk,
    stage: 'outline',
    eligibilityAnswers: {},
  });
  await saveContent(
    db,
    systemActor,
    outline,
    {
      ...blankContent(),
      title: 'Beirat trifft Stadtrat',
      summary: 'Neue Beiratsmitglieder lernen, Anträge an den Stadtrat zu schreiben und dort zu vertreten.',
      goals: 'Beiratsmitglieder qualifizieren\nLokale Politik für Integration öffnen',
      targetGroups: 'Mitglieder der Beiräte in Mainz und Umgebung',
      region: 'Mainz',
      municipalityKey: '07315000',
      startDate: `${next}-03-01`,
      endDate: `${next + 1}-12-31`,
      cooperationForm: 'mentoring',
      fieldsOfAction: ['participation'],
      plan: plan(next, 2, 1_500_000),
      declarations: declared,
    },
    ctx.now(),
  );
  await submitApplication(db, systemActor, outline, { now: ctx.now(), language: 'de' });
  await inviteFullApplication(db, officerActor, outline, berlinDateTime(addDays(today, 30), '12:00'), ctx.now());

  // and one the officer returned for changes, waiting for its carrier
  const toRevise = await apply(
    open,
    netzwerk,
    {
      title: 'Beiräte digital',
      summary: 'Integrationsbeiräte lernen, Sitzungen hybrid und barrierearm zu gestalten.',
      goals: 'Sitzungen für alle zugänglich machen',
      targetGroups: 'Mitglieder von Integrationsbeiräten',
      region: 'Rheinland-Pfalz',
      startDate: `${next}-01-01`,
      endDate: `${next}-12-31`,
      cooperationForm: 'loose',
      fieldsOfAction: ['digital', 'participation'],
      partners: [
        {
          name: 'Ukrainischer Frauenverein Koblenz e. V.',
          isMigrantOrganisation: true,
          role: 'Partner',
          tasks: 'Erprobung in den eigenen Gremien',
          budgetShareBp: 2000,
        },
      ],
      milestones: [{ title: 'Erste Schulung', due: `${next}-03-01` }],
      plan: plan(next, 1, 1_200_000),
      declarations: declared,
    },
    true,
  );
  await returnForChanges(
    db,
    officerActor,
    toRevise,
    'Bitte beschreiben Sie, wie die Migrantenorganisation an der Planung der Schulungen beteiligt ist.',
    ctx.now(),
  );
  // the demo carrier's draft in the open call, half filled in, to continue right away
  await apply(
    open,
    nachbarschaftswerk,
    {
      title: 'Nachbarschaft im Tandem',
      summary: 'Nachbarschaftswerk und Kulturverein bieten gemeinsam Sprechstunden und Elternabende an.',
      goals: 'Familien erreichen, die bisher keine Beratung nutzen',
      targetGroups: 'Familien mit Einwanderungsgeschichte in der Mainzer Neustadt',
      region: 'Mainz',
      municipalityKey: '07315000',
      startDate: `${next}-01-01`,
      endDate: `${next + 1}-12-31`,
      cooperationForm: 'tandem',
      partners: [
        {
          name: 'Deutsch-Türkischer Kulturverein Mainz e. V.',
          isMigrantOrganisation: true,
          role: 'Tandempartner',
          tasks: 'Sprechstunden auf Türkisch, Elternabende',
          budgetShareBp: 4500,
          // the contact who confirms the partner's part by a mailed link, still to be asked
          contactName: 'Ayşe Demir',
          contactEmail: 'vorstand@kulturverein-mainz.example',
        },
      ],
    },
    false,
  );
  // and a draft in the federal call: three of its five documents are there, with their dates; the
  // tax certificate ends before the call closes, so the draft's page warns of it
  const federalDraft = await apply(
    federal,
    nachbarschaftswerk,
    {
      title: 'Beiräte im Netz',
      summary: 'Ein Austausch der Integrationsbeiräte in Rheinland-Pfalz, digital und in drei Regionaltreffen.',
      region: 'Rheinland-Pfalz',
      startDate: `${next}-01-01`,
      endDate: `${next + 1}-12-31`,
    },
    false,
  );
  const dated: [string, string, { validUntil?: string; issuedOn?: string }][] = [
    ['taxClearance', 'bescheinigung-steuersachen.pdf', { validUntil: addDays(today, 40) }],
    ['register', 'vereinsregister.pdf', { issuedOn: addDays(today, -5) }],
    ['statute', 'satzung.pdf', {}],
  ];
  for (const [requiredDocumentId, filename, dates] of dated)
    await putDocument(db, systemActor, federalDraft, {
      requiredDocumentId,
      filename,
      mimeType: 'application/pdf',
      content: Buffer.from(`%PDF-1.4\n% Demo: ${filename} (erfundenes Beispiel)\n`),
      ...dates,
    });
  // last: the federal line of the councils decides new grants one budget year at a time; the demo
  // carrier's project under it has its next year's continuation to file (demo-continuation.ts)
  await demoYearlyGrant(ctx, {
    programmeId: councils,
    organisationId: nachbarschaftswerk,
    people: { officer, carrier },
    rubric,
  });
}

/** The open call in Turkish and Arabic, as its officers translated it; the other languages read it in German. */
async function demoCallTranslations(db: DemoContext['db'], callId: string, next: number, now: Date) {
  await saveCallTranslation(
    db,
    systemActor,
    callId,
    'tr',
    {
      title: `Yerinde Birlikte ${next}`,
      text: '## Konu nedir?\n\nKöklü kuruluşlar ile göçmen örgütleri arasındaki iş birlikleri desteklenir.\n\n## Kimler başvurabilir?\n\nEn az bir göçmen örgütünü ortak olarak yanında bulunduran, kamu yararına çalışan kuruluşlar.',
      'question-nonprofit': 'Kuruluşunuz kamu yararına çalışan bir kuruluş olarak tanınıyor mu?',
      'stopText-nonprofit': 'Bu programdan yalnızca kamu yararına çalışan kuruluşlar destek alabilir.',
      'question-partner': 'En az bir göçmen örgütüyle birlikte çalışıyor musunuz?',
      'stopText-partner': 'Bu program yalnızca göçmen örgütleriyle yapılan iş birliklerini destekler.',
      'document-statute': 'Tüzük',
    },
    [],
    now,
  );
  await saveCallTranslation(
    db,
    systemActor,
    callId,
    'ar',
    {
      title: `معًا في الميدان ${next}`,
      text: '## ما المقصود؟\n\nيُدعَم التعاون بين الجهات الراسخة ومنظمات المهاجرين.\n\n## من يمكنه تقديم طلب؟\n\nالجهات ذات النفع العام التي تشاركها منظمة مهاجرين واحدة على الأقل.',
      'question-nonprofit': 'هل منظمتكم معترف بها بوصفها جهة ذات نفع عام؟',
      'stopText-nonprofit': 'لا تحصل على أموال هذا البرنامج إلا الجهات ذات النفع العام.',
      'question-partner': 'هل تعملون مع منظمة مهاجرين واحدة على الأقل؟',
      'stopText-partner': 'لا يدعم هذا البرنامج إلا التعاون مع منظمات المهاجرين.',
      'document-statute': 'النظام الأساسي',
    },
    [],
    now,
  );
}
