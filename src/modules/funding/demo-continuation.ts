// The demo's grant decided one budget year at a time (Fortsetzungsantrag): the federal line of
// integration councils decides new grants per budget year from now on, and the demo carrier
// (Nachbarschaftswerk Mainz) runs a three-year project under it whose first budget year is decided
// and whose continuation for the next year can be filed on the day the demo is loaded. Continuations
// open on 1 September of the year before (continuation-rules.ts): loaded from September on, the
// project began this January and the next year is filed ahead; loaded before September, it began
// last January and this year's continuation is still to be filed (its money waits for it).
// Every step goes through the store functions the pages use, dated around ctx.now().
import type { Actor } from '../../core/audit/audit';
import type { DemoContext } from '../../core/modules';
import { addDays, berlinDate, berlinDateTime } from '../../core/time/calendar';
import { submissionIssues } from './applications/application-rules';
import { blankContent, createDraft, saveContent, submitApplication } from './applications/applications.store';
import { filingOpensOn } from './continuations/continuation-rules';
import { decide } from './decisions/decisions.store';
import { monthlyPlan } from './demo-grants';
import { decidePayment, reportSpent, requestPayment } from './grants/grants.store';
import { createCall, getCall, getProgramme, updateProgramme } from './programmes/programmes.store';
import { listReports, saveNarrative, submitReport } from './reports/reports.store';
import type { RubricCriterion } from './schema';

export const demoYearlyGrantTitle = 'Mitreden im Beirat';

/** The first budget year of the demo's yearly grant: the next one can be filed on `today`. */
export function yearlyDemoFirstYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today >= filingOpensOn(year + 1) ? year : year - 1;
}

export async function demoYearlyGrant(
  ctx: DemoContext,
  input: {
    programmeId: string;
    organisationId: string;
    people: { officer?: string; carrier?: string };
    rubric: RubricCriterion[];
  },
): Promise<string> {
  const { db } = ctx;
  const officer: Actor = { id: input.people.officer ?? null, label: 'referat@demo.example' };
  const carrier: Actor = { id: input.people.carrier ?? null, label: 'traeger@demo.example' };
  const today = berlinDate(ctx.now());
  const first = yearlyDemoFirstYear(today);
  const start = `${first}-01-01`;
  const end = `${first + 2}-12-31`;
  /** an instant on a Berlin day, never later than the load itself */
  const on = (day: string, time = '10:00') => {
    const t = berlinDateTime(day, time);
    return t.getTime() < ctx.now().getTime() ? t : ctx.now();
  };

  // the federal line decides one budget year at a time from now on; its earlier grants keep their decisions
  const programme = await getProgramme(db, input.programmeId);
  if (!programme) throw new Error('demo programme missing');
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = programme;
  await updateProgramme(db, officer, programme.id, { ...rest, decisionPeriod: 'yearly' }, on(`${first - 1}-05-01`));

  const callId = await createCall(db, officer, {
    programmeId: programme.id,
    title: `Beiräte stärken ${first}–${first + 2}`,
    text: 'Dreijährige Projekte, die Beiräte für Migration und Integration in ihrer Arbeit vor Ort stärken.',
    eligibility: [],
    requiredDocuments: [],
    rubric: input.rubric,
    blindReview: false,
    published: true,
    stages: 1,
    opensAt: berlinDateTime(`${first - 1}-06-01`, '00:00'),
    closesAt: berlinDateTime(`${first - 1}-09-30`, '12:00'),
    projectStartEarliest: start,
    projectEndLatest: end,
  });
  const call = await getCall(db, callId);
  if (!call) throw new Error('demo call missing');
  const submittedAt = on(`${first - 1}-09-25`);
  const content = {
    ...blankContent(),
    title: demoYearlyGrantTitle,
    acronym: 'MiB',
    summary:
      'Das Nachbarschaftswerk begleitet den Mainzer Beirat für Migration und Integration drei Jahre lang: Schulungen für neue Mitglieder, offene Sprechstunden in den Stadtteilen und ein Leitfaden für die Zusammenarbeit mit dem Stadtrat.',
    goals:
      'Neue Beiratsmitglieder qualifizieren\nDen Beirat in den Stadtteilen bekannt machen\nAnträge an den Stadtrat gemeinsam vorbereiten',
    targetGroups:
      'Mitglieder des Beirats, Migrantenorganisationen und Einwohnerinnen und Einwohner der Mainzer Stadtteile',
    region: 'Mainz',
    municipalityKey: '07315000',
    startDate: start,
    endDate: end,
    milestones: [
      { title: 'Auftakt mit dem Beirat', due: `${first}-02-15` },
      { title: 'Schulungsreihe für neue Mitglieder', due: `${first}-06-30` },
      { title: 'Sprechstunden in drei Stadtteilen', due: `${first + 1}-03-31` },
      { title: 'Leitfaden für die Zusammenarbeit mit dem Stadtrat', due: `${first + 2}-10-31` },
    ],
    plan: monthlyPlan(start, end, { staff: 350_000, fees: 80_000, travel: 15_000, material: 25_000 }),
    declarations: { truthful: true, noDoubleFunding: true, privacy: true },
  };
  const applicationId = await createDraft(db, carrier, {
    callId,
    organisationId: input.organisationId,
    stage: 'full',
    eligibilityAnswers: {},
  });
  await saveContent(db, carrier, applicationId, content, submittedAt);
  const issues = submissionIssues({
    call,
    programme: { ...programme, decisionPeriod: 'yearly' },
    documents: [],
    content,
    stage: 'full',
    now: submittedAt,
  });
  if (issues.length) throw new Error(`demo application "${content.title}" breaks the rules: ${JSON.stringify(issues)}`);
  await submitApplication(db, carrier, applicationId, { now: submittedAt, language: 'de' });
  const decided = await decide(
    db,
    officer,
    {
      applicationId,
      outcome: 'approved',
      amountsPerYear: Object.fromEntries(content.plan.grant.map((g) => [String(g.year), g.amountCents])),
      conditions: 'Der Beirat wird an der Planung der Schulungen und Sprechstunden beteiligt.',
      reasons: '',
    },
    on(`${first - 1}-11-20`, '11:00'),
  );
  if (!decided?.grantId) throw new Error('demo decision made no grant');
  const grantId = decided.grantId;

  // money of the first year drawn for staff every quarter that has begun, paid two days later and spent
  for (const month of ['01', '04', '07', '10']) {
    const day = `${first}-${month}-05`;
    if (addDays(day, 40) >= today) break;
    const requested = await requestPayment(
      db,
      carrier,
      grantId,
      { year: first, line: 'staff', requestedCents: 900_000, dueOn: addDays(day, 10), purpose: 'Gehälter im Quartal' },
      on(day),
    );
    if (!requested.ok) throw new Error(`demo payment refused: ${JSON.stringify(requested.issues)}`);
    await decidePayment(db, officer, requested.id, { status: 'approved', approvedCents: 900_000 }, on(addDays(day, 2)));
    await reportSpent(db, carrier, requested.id, { spentCents: 900_000, spentOn: addDays(day, 30) });
  }
  // the first year's interim report, handed in a week before it was due once that day has passed
  for (const r of await listReports(db, grantId)) {
    if (r.kind !== 'interim' || r.budgetYear !== first || r.dueOn >= today) continue;
    await saveNarrative(db, carrier, r.id, [
      'Zwölf neue Beiratsmitglieder haben die Schulungsreihe abgeschlossen.',
      'Die Sprechstunden in der Neustadt und in Mombach werden gut besucht.',
      'Zwei Anträge an den Stadtrat wurden gemeinsam vorbereitet.',
    ]);
    await submitReport(db, carrier, r.id, on(addDays(r.dueOn, -7), '15:00'));
  }
  return grantId;
}
