// The demo's running grants: five projects placed around the day the demo is loaded, so that on
// that day money can be drawn, spending reported, a change asked for and a report written. Dates are
// Berlin calendar days counted from the load day (ctx.now); every step goes through the store
// functions the pages use, and every application passes the submission rules before it is submitted.
//
//   running     started last year, an interim report open, a payment request waiting for the officer
//   last months ends within three months, money drawn nine weeks ago and mostly not spent
//   just ended  ended one to two months ago, the final report open for its receipts
//   overdue     ended eight months ago, the final report four to nine weeks overdue
//   cut         approved with less than requested, an amended decision, money to be reclaimed
import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/audit/audit';
import type { DemoContext } from '../../core/modules';
import { addDays, addMonths, berlinDate, berlinDateTime } from '../../core/time/calendar';
import { submissionIssues } from './applications/application-rules';
import { blankContent, createDraft, saveContent, submitApplication } from './applications/applications.store';
import type { ExpenseLine, FinancingPlan } from './applications/financing-plan';
import { decideChange, requestChange } from './changes/changes.store';
import { decide } from './decisions/decisions.store';
import {
  decidePayment,
  getGrantContext,
  listPayments,
  type PaymentRequest,
  reportSpent,
  requestPayment,
} from './grants/grants.store';
import { writeMessage } from './messages/messages.store';
import { issueInterestNotice, recordReclaim, recordRepayment } from './money-back/money-back.store';
import { recordConfirmations } from './partner-confirmations/partner-confirmations.store';
import { createCall, getCall, getProgramme } from './programmes/programmes.store';
import type { Receipt } from './reports/receipts';
import {
  importReceipts,
  listReports,
  type Report,
  reviewReport,
  saveNarrative,
  submitReport,
} from './reports/reports.store';
import { assignReviewers, declare, listAssignmentsOfApplications, saveScores } from './reviews/reviews.store';
import { type ApplicationContent, paymentRequests, type RubricCriterion, type StoredPlan } from './schema';

/** The five running grants by what they show, for the README, the tests and later demo steps. */
export interface DemoGrants {
  running: string;
  lastMonths: string;
  justEnded: string;
  overdue: string;
  cut: string;
}

export interface DemoGrantsInput {
  programmes: { migrantOrganisations: string; councils: string };
  /** the demo carrier's organisation (Nachbarschaftswerk Mainz) and its partner */
  organisations: { nachbarschaftswerk: string };
  people: { officer?: string; carrier?: string; reviewer?: string };
  rubric: RubricCriterion[];
  createOrganisation(name: string, kind: string, city: string, municipalityKey: string): Promise<string>;
}

/** The running grants' titles, as the README and the tests name them. */
export const demoGrantTitles = {
  running: 'Stadtteilmütter Neustadt',
  lastMonths: 'Beiräte als Team',
  justEnded: 'Elterncafé Neustadt',
  overdue: 'Frauen in die Beiräte',
  cut: 'Sprachbrücken Worms',
} as const satisfies Record<keyof DemoGrants, string>;

type Monthly = Record<'staff' | 'fees' | 'travel' | 'material', number>;
type Plan = ApplicationContent['plan'];

/** Months of the project in each calendar year (a month started counts whole, as durationMonths does). */
export function monthsPerYear(start: string, end: string): Map<number, number> {
  const out = new Map<number, number>();
  for (let m = `${start.slice(0, 7)}-01`; m <= end; m = addMonths(m, 1)) {
    const y = Number(m.slice(0, 4));
    out.set(y, (out.get(y) ?? 0) + 1);
  }
  return out;
}

/**
 * A plan that balances under deficit financing: each year's expenses are the monthly costs times the
 * project's months in that year; own funds are `ownBp` of them, rounded up, so the programme's minimum
 * own share holds in every year and overall; the grant is what is left.
 */
export function monthlyPlan(start: string, end: string, monthly: Monthly, ownBp = 1000): Plan {
  const plan: Plan = { expenses: [], ownFunds: [], thirdPartyFunds: [], grant: [] };
  for (const [year, months] of monthsPerYear(start, end)) {
    let total = 0;
    for (const line of ['staff', 'fees', 'travel', 'material'] as const) {
      const amountCents = monthly[line] * months;
      if (amountCents === 0) continue;
      plan.expenses.push({ line, year, amountCents });
      total += amountCents;
    }
    const own = Math.ceil((total * ownBp) / 10000);
    plan.ownFunds.push({ year, amountCents: own });
    plan.grant.push({ year, amountCents: total - own });
  }
  return plan;
}

const sum = (xs: { amountCents: number }[]) => xs.reduce((s, x) => s + x.amountCents, 0);
const ofYear = <T extends { year: number }>(xs: T[], year: number) => xs.filter((x) => x.year === year);
const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);

const payees: Record<string, [string, string]> = {
  staff: ['Projektpersonal (Gehälter)', 'Personalausgaben'],
  fees: ['Honorarkräfte und Sprachmittlung', 'Honorare'],
  travel: ['Fahrtkosten Projektteam', 'Reisekosten'],
  material: ['Material, Raummiete, Druck', 'Sachausgaben'],
};
/** what a yearly payment request says it is for */
const yearlyPurpose: Record<string, string> = {
  fees: 'Honorare für Kurse und Sprachmittlung',
  travel: 'Fahrtkosten im Jahr',
  material: 'Material, Raummiete und Druck',
};

export async function demoGrants(ctx: DemoContext, input: DemoGrantsInput): Promise<DemoGrants> {
  const { db } = ctx;
  const today = berlinDate(ctx.now());
  const year = Number(today.slice(0, 4));
  const thisMonth = `${today.slice(0, 7)}-01`;
  /** the first day of the month k months from this one, and the last day */
  const monthStart = (k: number) => addMonths(thisMonth, k);
  const monthEnd = (k: number) => addDays(addMonths(thisMonth, k + 1), -1);
  /** an instant on a Berlin day, never later than the load itself */
  const on = (day: string, time = '10:00') => {
    const t = berlinDateTime(day, time);
    return t.getTime() < ctx.now().getTime() ? t : ctx.now();
  };
  const officer: Actor = { id: input.people.officer ?? null, label: 'referat@demo.example' };
  const reviewer: Actor = { id: input.people.reviewer ?? null, label: 'gutachten@demo.example' };
  const demoCarrier: Actor = { id: input.people.carrier ?? null, label: 'traeger@demo.example' };
  const { migrantOrganisations: mo, councils } = input.programmes;

  // organisations: the demo carrier's, and three more in Trier and Worms
  const forumTrier = await input.createOrganisation(
    'Forum der Migrantinnen und Migranten Trier e. V.',
    'migrantOrganisation',
    'Trier',
    '07211000',
  );
  const familienbildung = await input.createOrganisation(
    'Familienbildungswerk Worms e. V.',
    'carrier',
    'Worms',
    '07319000',
  );
  await input.createOrganisation('Polnischer Kulturverein Worms e. V.', 'migrantOrganisation', 'Worms', '07319000');
  const forumActor: Actor = { id: null, label: 'Forum der Migrantinnen und Migranten Trier (Demo)' };
  const wormsActor: Actor = { id: null, label: 'Familienbildungswerk Worms (Demo)' };

  // the calls these projects were applied for, closed long before the load day
  const yearOf = (day: string) => Number(day.slice(0, 4));
  const pastCall = async (o: {
    programmeId: string;
    title: string;
    opens: string;
    closes: string;
    startEarliest: string;
    endLatest: string;
    text: string;
  }) =>
    createCall(db, officer, {
      programmeId: o.programmeId,
      title: o.title,
      text: o.text,
      eligibility: [],
      requiredDocuments: [],
      rubric: input.rubric,
      blindReview: false,
      published: true,
      stages: 1,
      opensAt: berlinDateTime(o.opens, '00:00'),
      closesAt: berlinDateTime(o.closes, '12:00'),
      projectStartEarliest: o.startEarliest,
      projectEndLatest: o.endLatest,
    });
  // started at least four months into last year (January of last year when that is longer ago)
  const runningStart = maxDay(`${year - 1}-01-01`, monthStart(-15));
  const runningEnd = addDays(addMonths(runningStart, 24), -1);
  const councilsCallCloses = monthStart(-34);
  const parentsCallCloses = monthStart(-23);
  const localCallCloses = addMonths(runningStart, -2);
  /** decisions are made 24 days after a call closed, before the earliest project start */
  const decidedAfter = (closes: string) => on(addDays(closes, 24), '11:00');
  const councilsCall = await pastCall({
    programmeId: councils,
    title: `Beiräte begleiten ${yearOf(monthStart(-31))}`,
    text: 'Projekte, die Integrationsbeiräte über zwei bis drei Jahre begleiten und ihre Mitglieder qualifizieren.',
    opens: monthStart(-37),
    closes: councilsCallCloses,
    startEarliest: monthStart(-31),
    endLatest: monthEnd(6),
  });
  const parentsCall = await pastCall({
    programmeId: mo,
    title: `Elternarbeit im Tandem ${yearOf(monthStart(-19))}`,
    text: 'Tandems aus etablierten Trägern und Migrantenorganisationen, die Eltern erreichen.',
    opens: monthStart(-26),
    closes: parentsCallCloses,
    startEarliest: monthStart(-19),
    endLatest: monthEnd(6),
  });
  const localCall = await pastCall({
    programmeId: mo,
    title: `Gemeinsam vor Ort ${year - 1}`,
    text: 'Kooperationen zwischen etablierten Trägern und Migrantenorganisationen in ihrer Stadt.',
    opens: addMonths(runningStart, -4),
    closes: localCallCloses,
    startEarliest: runningStart,
    endLatest: monthEnd(12),
  });

  /** A full application, checked by the submission rules and submitted a day before its call closed. */
  const applyAndSubmit = async (
    callId: string,
    organisationId: string,
    actor: Actor,
    content: Partial<ApplicationContent>,
  ) => {
    const call = await getCall(db, callId);
    const programme = call && (await getProgramme(db, call.programmeId));
    if (!call || !programme) throw new Error('demo call missing');
    const submittedAt = new Date(call.closesAt.getTime() - 86_400_000);
    const id = await createDraft(db, actor, { callId, organisationId, stage: 'full', eligibilityAnswers: {} });
    const full = {
      ...blankContent(),
      declarations: { truthful: true, noDoubleFunding: true },
      ...content,
    };
    await saveContent(db, actor, id, full, submittedAt);
    const issues = submissionIssues({
      call,
      programme,
      documents: [],
      content: full,
      stage: 'full',
      now: submittedAt,
    });
    if (issues.length) throw new Error(`demo application "${full.title}" breaks the rules: ${JSON.stringify(issues)}`);
    // its partners confirmed their parts (as by their mailed links) before it was submitted
    await recordConfirmations(db, id, submittedAt, 'Vorstand (Demo)');
    await submitApplication(db, actor, id, { now: submittedAt, language: 'de' });
    return { id, submittedAt, plan: full.plan };
  };

  /** The reviewer's finished review, some weeks after the submission. */
  const reviewed = async (applicationId: string, when: Date, scores: [number, number, number]) => {
    if (!input.people.reviewer) return;
    await assignReviewers(db, officer, [{ applicationId, reviewerId: input.people.reviewer }]);
    const [a] = await listAssignmentsOfApplications(db, [applicationId]);
    if (!a) return;
    await declare(db, reviewer, a.id, 'none', '', when);
    await saveScores(
      db,
      reviewer,
      a.id,
      {
        participation: { score: scores[0], comment: 'Die Migrantenorganisation plant die Angebote mit.' },
        transfer: { score: scores[1], comment: '' },
        plan: { score: scores[2], comment: '' },
      },
      true,
      when,
    );
  };

  /** Approved as requested, or with the given (lower) amounts per year and the reasons for the cut. */
  const approve = async (
    applicationId: string,
    _programmeId: string,
    plan: Plan,
    when: Date,
    cut?: { amountsPerYear: Record<string, number>; reasons: string; bindingPlan: Plan },
  ) => {
    const result = await decide(
      db,
      officer,
      {
        applicationId,
        outcome: 'approved',
        amountsPerYear:
          cut?.amountsPerYear ?? Object.fromEntries(plan.grant.map((g) => [String(g.year), g.amountCents])),
        conditions: 'Die Partnerorganisation wird an allen Planungs- und Auswertungstreffen beteiligt.',
        reasons: cut?.reasons ?? '',
        // a cut binds the plan it balances with: the fees lower by the cut, own funds as offered
        grid: cut
          ? { expenses: cut.bindingPlan.expenses as FinancingPlan['expenses'], ownFunds: cut.bindingPlan.ownFunds }
          : undefined,
      },
      when,
    );
    if (!result?.grantId) throw new Error('demo decision made no grant');
    return result.grantId;
  };

  /**
   * Money drawn as a carrier draws it: staff every two months, the other lines once a year, each
   * requested at the start of its period (due within days), paid two days later and spent within
   * five weeks, always within the budget year. Amounts are the grant's share of the planned expenses,
   * rounded down, so a year never draws more than its grant. `until` ends the schedule (periods
   * starting later are not requested); `skip` leaves a line of a year to be drawn otherwise.
   */
  const drawMoney = async (
    grantId: string,
    actor: Actor,
    o: { until: string; skip?: (line: string, year: number) => boolean },
  ) => {
    const g = await getGrantContext(db, grantId);
    if (!g) throw new Error('demo grant missing');
    const { plan, startDate, endDate } = g.grant;
    const months = monthsPerYear(startDate, endDate);
    const share = (y: number, line: string, part: number, whole: number) => {
      const planned = sum(ofYear(plan.expenses, y).filter((e) => e.line === line));
      const total = sum(ofYear(plan.expenses, y));
      const granted = sum(ofYear(plan.grant, y));
      return total === 0 ? 0 : Math.floor((planned * part * granted) / (whole * total));
    };
    const draws: { day: string; year: number; line: string; cents: number; purpose: string }[] = [];
    for (let p = `${startDate.slice(0, 7)}-01`; p <= endDate; p = addMonths(p, 1)) {
      const y = Number(p.slice(0, 4));
      const month = Number(p.slice(5, 7));
      const day = maxDay(p, startDate);
      const firstOfYear = day === maxDay(`${y}-01-01`, startDate);
      if (firstOfYear)
        for (const line of ['fees', 'travel', 'material'])
          if (!o.skip?.(line, y)) {
            const cents = share(y, line, 1, 1);
            if (cents > 0) draws.push({ day, year: y, line, cents, purpose: yearlyPurpose[line] ?? line });
          }
      // staff in two-month periods (January–February, March–April, …), the first one possibly shorter
      if (month % 2 === 1 || day === startDate) {
        const periodEnd = minDay(addDays(addMonths(`${p.slice(0, 7)}-01`, month % 2 === 1 ? 2 : 1), -1), endDate);
        const inPeriod = [...monthsPerYear(day, periodEnd).values()].reduce((s, m) => s + m, 0);
        if (!o.skip?.('staff', y)) {
          const cents = share(y, 'staff', inPeriod, months.get(y) ?? 1);
          if (cents > 0) draws.push({ day, year: y, line: 'staff', cents, purpose: `Gehälter ab ${germanDay(day)}` });
        }
      }
    }
    for (const d of draws.filter((x) => x.day < o.until && x.day <= today)) {
      await draw(grantId, actor, d, { spendAfterDays: 30 });
    }
  };

  /** One payment: requested on its day, paid two days later, spent (in part) some days after. */
  const draw = async (
    grantId: string,
    actor: Actor,
    d: { day: string; year: number; line: string; cents: number; purpose: string },
    o: { spendAfterDays: number; spentBp?: number; open?: boolean; dueInDays?: number },
  ) => {
    const g = await getGrantContext(db, grantId);
    if (!g) throw new Error('demo grant missing');
    const dueOn = minDay(addDays(d.day, o.dueInDays ?? 5), g.grant.endDate);
    const result = await requestPayment(
      db,
      actor,
      grantId,
      { year: d.year, line: d.line, requestedCents: d.cents, dueOn, purpose: d.purpose },
      on(d.day, '09:00'),
    );
    if (!result.ok) throw new Error(`demo payment refused: ${JSON.stringify(result.issues)}`);
    if (o.open) return result.id;
    const paidOn = addDays(d.day, 2);
    if (paidOn > today) return result.id;
    await decidePayment(db, officer, result.id, { status: 'approved', approvedCents: d.cents }, on(paidOn, '11:00'));
    const spentOn = minDay(minDay(addDays(paidOn, o.spendAfterDays), `${d.year}-12-31`), g.grant.endDate);
    if (spentOn <= today) {
      const spentCents = Math.floor((d.cents * (o.spentBp ?? 10000)) / 10000);
      await reportSpent(db, actor, result.id, { spentCents, spentOn });
    }
    return result.id;
  };

  /** Receipts for the money spent in a year (or the whole project), with the own share on top. */
  const receiptsOf = (plan: StoredPlan, payments: PaymentRequest[], years: number[]): Receipt[] =>
    payments
      .filter((p) => p.spentOn && p.spentCents > 0 && years.includes(p.year))
      .map((p, i) => {
        const total = sum(ofYear(plan.expenses, p.year));
        const granted = sum(ofYear(plan.grant, p.year));
        const [payee, reason] = payees[p.line] ?? ['', ''];
        return {
          row: i + 2,
          date: p.spentOn as string,
          payee,
          reason: `${reason}: ${p.purpose}`,
          amountCents: granted > 0 ? Math.round((p.spentCents * total) / granted) : p.spentCents,
          line: p.line as ExpenseLine,
        };
      })
      .sort((a, b) => a.date.localeCompare(b.date));

  /**
   * Reports as a carrier keeps them: an interim report whose due day has passed was submitted a week
   * before it and accepted two weeks after; one whose year has ended and that is not yet due is
   * being written (narrative and receipts saved, not submitted). The final report is left to `final`.
   */
  const keepReports = async (grantId: string, actor: Actor, narrative: string[]) => {
    const g = await getGrantContext(db, grantId);
    if (!g) throw new Error('demo grant missing');
    const payments = await listPayments(db, grantId);
    const reports = await listReports(db, grantId);
    for (const r of reports.filter((x) => x.kind === 'interim' && x.budgetYear !== null)) {
      const y = r.budgetYear as number;
      if (`${y}-12-31` >= today) continue;
      await saveNarrative(db, actor, r.id, narrative);
      await importReceipts(db, actor, r.id, receiptsOf(g.grant.plan, payments, [y]));
      if (r.dueOn >= today) continue;
      await submitReport(db, actor, r.id, on(addDays(r.dueOn, -7), '15:00'));
      const reviewOn = addDays(r.dueOn, 14);
      if (reviewOn <= today) await reviewReport(db, officer, r.id, 'accepted', '', on(reviewOn, '09:30'));
    }
    return reports;
  };
  const finalOf = (reports: Report[]) => reports.find((r) => r.kind === 'final');

  // ---- 1. running: started last year, two years, an interim report open, a payment request waiting ----
  const runningPlan = monthlyPlan(runningStart, runningEnd, {
    staff: 380_000,
    fees: 60_000,
    travel: 15_000,
    material: 25_000,
  });
  const running = await applyAndSubmit(localCall, input.organisations.nachbarschaftswerk, demoCarrier, {
    title: demoGrantTitles.running,
    summary:
      'Der Deutsch-Türkische Kulturverein und das Nachbarschaftswerk bilden Stadtteilmütter aus, die Familien zu Hause besuchen und zu Beratung, Kita und Schule begleiten.',
    goals:
      'Familien erreichen, die bisher keine Beratung nutzen\nDen Kulturverein als Anlaufstelle im Stadtteil stärken',
    targetGroups: 'Familien mit Einwanderungsgeschichte in der Mainzer Neustadt',
    region: 'Mainz',
    municipalityKey: '07315000',
    startDate: runningStart,
    endDate: runningEnd,
    cooperationForm: 'tandem',
    fieldsOfAction: ['parents', 'civilSociety'],
    partners: [
      {
        name: 'Deutsch-Türkischer Kulturverein Mainz e. V.',
        isMigrantOrganisation: true,
        role: 'Tandempartner',
        tasks: 'Stadtteilmütter gewinnen, Ausbildungskurse auf Türkisch, Hausbesuche',
        budgetShareBp: 4000,
      },
    ],
    milestones: [
      { title: 'Erster Ausbildungskurs Stadtteilmütter', due: addDays(runningStart, 45) },
      { title: 'Zweiter Ausbildungskurs', due: addMonths(runningStart, 13) },
      { title: 'Abschlussveranstaltung', due: addDays(runningEnd, -20) },
    ],
    plan: runningPlan,
  });
  await reviewed(running.id, new Date(running.submittedAt.getTime() + 12 * 86_400_000), [5, 4, 4]);
  const runningGrant = await approve(running.id, mo, runningPlan, decidedAfter(localCallCloses));
  // the material of this year is drawn as it is needed (the carrier may try that); the current
  // two months' salaries are requested and wait for the officer
  const period = Number(thisMonth.slice(5, 7)) % 2 === 1 ? thisMonth : monthStart(-1);
  const periodStart = maxDay(period, runningStart);
  await drawMoney(runningGrant, demoCarrier, {
    until: periodStart,
    skip: (line, y) => line === 'material' && y === year,
  });
  {
    const g = await getGrantContext(db, runningGrant);
    const staffYear = sum(ofYear(g?.grant.plan.expenses ?? [], year).filter((e) => e.line === 'staff'));
    const totalYear = sum(ofYear(g?.grant.plan.expenses ?? [], year));
    const grantYear = sum(ofYear(g?.grant.plan.grant ?? [], year));
    const months = monthsPerYear(runningStart, runningEnd).get(year) ?? 12;
    const periodMonths = [
      ...monthsPerYear(periodStart, minDay(addDays(addMonths(period, 2), -1), runningEnd)).values(),
    ].reduce((s, m) => s + m, 0);
    const cents = Math.floor((staffYear * periodMonths * grantYear) / (months * totalYear));
    const requestDay = maxDay(addDays(today, -2), periodStart);
    await draw(
      runningGrant,
      demoCarrier,
      {
        day: requestDay,
        year,
        line: 'staff',
        cents,
        purpose: `Gehälter ab ${germanDay(periodStart)}`,
      },
      { spendAfterDays: 30, open: true, dueInDays: 10 },
    );
  }
  // the plan's last year, changed this week: a small shift recorded at once (within the 20 % rule)
  // and a larger one waiting for the officer in the inbox
  {
    const lastYear = yearOf(runningEnd);
    const small = await requestChange(
      db,
      demoCarrier,
      runningGrant,
      { kind: 'shift', year: lastYear, fromLine: 'staff', toLine: 'travel', amountCents: 10_000 },
      'Mehr Hausbesuche in den Randlagen, daher mehr Fahrten.',
      on(addDays(today, -6)),
    );
    const large = await requestChange(
      db,
      demoCarrier,
      runningGrant,
      { kind: 'shift', year: lastYear, fromLine: 'staff', toLine: 'fees', amountCents: 300_000 },
      'Eine Kursleiterin arbeitet ab Januar auf Honorarbasis statt in Teilzeitanstellung.',
      on(addDays(today, -2)),
    );
    if (!small.ok || !large.ok || large.status !== 'requested')
      throw new Error(`demo shifts of the running grant: ${JSON.stringify([small, large])}`);
  }
  // a question of the officer about the larger shift, and the carrier's answer, new to the officer
  {
    const thread = { kind: 'grant' as const, id: runningGrant };
    const asked = await writeMessage(
      db,
      officer,
      thread,
      {
        side: 'funder',
        language: 'de',
        body: 'Zur Umschichtung auf Honorare: Bitte schicken Sie uns den Honorarvertrag der Kursleiterin.',
        attachments: [],
      },
      on(addDays(today, -1), '09:30'),
    );
    const answered = await writeMessage(
      db,
      demoCarrier,
      thread,
      {
        side: 'carrier',
        language: 'de',
        body: 'Gern, der Vertrag wird gerade unterschrieben. Wir reichen ihn bis Ende der Woche nach.',
        attachments: [],
      },
      on(addDays(today, -1), '14:15'),
    );
    if (!asked.ok || !answered.ok) throw new Error(`demo messages: ${JSON.stringify([asked, answered])}`);
  }
  await keepReports(runningGrant, demoCarrier, [
    'Zwölf Stadtteilmütter sind ausgebildet; sie besuchen regelmäßig 85 Familien.',
    'Drei Viertel der besuchten Familien nutzen inzwischen eine Beratungsstelle oder die Kita.',
  ]);

  // ---- 2. last months: 33 months, ends within three months; money drawn nine weeks ago, mostly unspent ----
  const lastStart = monthStart(-30);
  const lastEnd = monthEnd(2);
  const lastPlan = monthlyPlan(lastStart, lastEnd, { staff: 520_000, fees: 90_000, travel: 40_000, material: 30_000 });
  const last = await applyAndSubmit(councilsCall, input.organisations.nachbarschaftswerk, demoCarrier, {
    title: demoGrantTitles.lastMonths,
    summary:
      'Die Integrationsbeiräte in Mainz, Worms und Trier arbeiten als Team: Klausurtage, Mentoring neuer Mitglieder und ein gemeinsamer Sitzungsleitfaden.',
    goals: 'Beiräte als Team arbeitsfähig machen\nBeiratsmitglieder qualifizieren',
    targetGroups: 'Mitglieder der Integrationsbeiräte in Rheinland-Pfalz',
    region: 'Rheinland-Pfalz',
    startDate: lastStart,
    endDate: lastEnd,
    cooperationForm: 'loose',
    fieldsOfAction: ['participation', 'civilSociety'],
    partners: [
      {
        name: 'Landesnetzwerk der Integrationsbeiräte e. V.',
        isMigrantOrganisation: false,
        role: 'Kooperationspartner',
        tasks: 'Kontakte zu den Beiräten, Referentinnen für die Klausurtage',
        budgetShareBp: 2000,
      },
    ],
    milestones: [
      { title: 'Erster Klausurtag', due: addMonths(lastStart, 3) },
      { title: 'Sitzungsleitfaden veröffentlicht', due: addMonths(lastStart, 24) },
      { title: 'Abschlusstagung', due: addDays(lastEnd, -30) },
    ],
    plan: lastPlan,
  });
  await reviewed(last.id, new Date(last.submittedAt.getTime() + 12 * 86_400_000), [4, 4, 4]);
  const lastGrant = await approve(last.id, councils, lastPlan, decidedAfter(councilsCallCloses));
  // nine weeks ago the fees for the closing conference were drawn; a quarter is spent
  const unspentDay = addDays(today, -65);
  const unspentYear = yearOf(unspentDay);
  await drawMoney(lastGrant, demoCarrier, {
    until: addDays(lastEnd, 1),
    skip: (line, y) => line === 'fees' && y === unspentYear,
  });
  {
    const g = await getGrantContext(db, lastGrant);
    const plan = g?.grant.plan ?? lastPlan;
    const fees = sum(ofYear(plan.expenses, unspentYear).filter((e) => e.line === 'fees'));
    const cents = Math.floor((fees * sum(ofYear(plan.grant, unspentYear))) / sum(ofYear(plan.expenses, unspentYear)));
    await draw(
      lastGrant,
      demoCarrier,
      {
        day: unspentDay,
        year: unspentYear,
        line: 'fees',
        cents,
        purpose: 'Honorare Referentinnen und Abschlusstagung',
      },
      { spendAfterDays: 20, spentBp: 2500 },
    );
  }
  await keepReports(lastGrant, demoCarrier, [
    'Vier Klausurtage mit 60 Beiratsmitgliedern; zwölf neue Mitglieder haben eine Mentorin.',
    'Der Sitzungsleitfaden ist in drei Beiräten eingeführt.',
  ]);

  // ---- 3. just ended: 18 months, ended one to two months ago; the final report is open for receipts ----
  const endedStart = monthStart(-19);
  const endedEnd = monthEnd(-2);
  const endedPlan = monthlyPlan(endedStart, endedEnd, {
    staff: 300_000,
    fees: 80_000,
    travel: 10_000,
    material: 20_000,
  });
  const ended = await applyAndSubmit(parentsCall, input.organisations.nachbarschaftswerk, demoCarrier, {
    title: demoGrantTitles.justEnded,
    summary:
      'Ein wöchentliches Elterncafé in zwei Grundschulen, gemeinsam mit dem Arabisch-Deutschen Elternverein, mit Sprachmittlung in Arabisch und Türkisch.',
    goals: 'Eltern und Schulen ins Gespräch bringen\nElternvertretungen vielfältiger machen',
    targetGroups: 'Eltern von Grundschulkindern in der Mainzer Neustadt',
    region: 'Mainz',
    municipalityKey: '07315000',
    startDate: endedStart,
    endDate: endedEnd,
    cooperationForm: 'mentoring',
    fieldsOfAction: ['parents', 'education'],
    partners: [
      {
        name: 'Arabisch-Deutscher Elternverein Ludwigshafen e. V.',
        isMigrantOrganisation: true,
        role: 'Mentee',
        tasks: 'Elternlotsinnen gewinnen und begleiten, Sprachmittlung',
        budgetShareBp: 3000,
      },
    ],
    milestones: [
      { title: 'Elterncafé in der ersten Schule', due: addMonths(endedStart, 2) },
      { title: 'Elterncafé in der zweiten Schule', due: addMonths(endedStart, 8) },
    ],
    plan: endedPlan,
  });
  await reviewed(ended.id, new Date(ended.submittedAt.getTime() + 12 * 86_400_000), [4, 5, 3]);
  const endedGrant = await approve(ended.id, mo, endedPlan, decidedAfter(parentsCallCloses));
  await drawMoney(endedGrant, demoCarrier, { until: addDays(endedEnd, 1) });
  const endedReports = await keepReports(endedGrant, demoCarrier, [
    'Das Elterncafé läuft in beiden Schulen; 95 Eltern kamen mindestens dreimal.',
  ]);
  const endedFinal = finalOf(endedReports);
  if (endedFinal)
    await saveNarrative(db, demoCarrier, endedFinal.id, [
      'In beiden Schulen führen Eltern das Café nach dem Projekt selbst weiter.',
      'Sechs Elternlotsinnen sind jetzt in den Elternvertretungen.',
    ]);

  // ---- 4. overdue: 24 months, ended eight months ago; the final report is weeks overdue ----
  const overdueEnd = monthEnd(-8);
  const overdueStart = monthStart(-31);
  const overduePlan = monthlyPlan(overdueStart, overdueEnd, {
    staff: 250_000,
    fees: 70_000,
    travel: 20_000,
    material: 15_000,
  });
  const overdue = await applyAndSubmit(councilsCall, forumTrier, forumActor, {
    title: demoGrantTitles.overdue,
    summary:
      'Das Forum gewinnt Frauen mit Einwanderungsgeschichte für die Wahl zum Beirat für Migration und Integration und begleitet die Gewählten im ersten Jahr.',
    goals: 'Frauen in Beiräten stärken\nLokale Politik für Integration öffnen',
    targetGroups: 'Frauen mit Einwanderungsgeschichte in Trier und im Umland',
    region: 'Trier',
    municipalityKey: '07211000',
    startDate: overdueStart,
    endDate: overdueEnd,
    cooperationForm: 'loose',
    fieldsOfAction: ['women', 'participation'],
    partners: [
      {
        name: 'Ukrainischer Frauenverein Koblenz e. V.',
        isMigrantOrganisation: true,
        role: 'Partner',
        tasks: 'Erfahrungsaustausch, Mentorinnen aus dem Koblenzer Beirat',
        budgetShareBp: 1500,
      },
    ],
    milestones: [
      { title: 'Infoabende vor der Beiratswahl', due: addMonths(overdueStart, 4) },
      { title: 'Begleitprogramm für die Gewählten', due: addMonths(overdueStart, 14) },
    ],
    plan: overduePlan,
  });
  await reviewed(overdue.id, new Date(overdue.submittedAt.getTime() + 12 * 86_400_000), [5, 3, 4]);
  const overdueGrant = await approve(overdue.id, councils, overduePlan, decidedAfter(councilsCallCloses));
  await drawMoney(overdueGrant, forumActor, { until: addDays(overdueEnd, 1) });
  await keepReports(overdueGrant, forumActor, [
    '38 Frauen kamen zu den Infoabenden; neun haben kandidiert, fünf wurden gewählt.',
  ]);

  // ---- 5. cut: 18 months, approved with less than requested; a larger shift approved into an amended decision ----
  const cutStart = monthStart(-8);
  const cutEnd = monthEnd(9);
  const cutPlan = monthlyPlan(cutStart, cutEnd, { staff: 320_000, fees: 150_000, travel: 10_000, material: 20_000 });
  const cutApplication = await applyAndSubmit(localCall, familienbildung, wormsActor, {
    title: demoGrantTitles.cut,
    summary:
      'Familienbildungswerk und Polnischer Kulturverein bilden Sprachmittlerinnen aus, die Familien bei Ämtern, Kita und Schule begleiten.',
    goals: 'Sprachmittlung für Familien verlässlich anbieten\nDen Kulturverein als Träger von Angeboten stärken',
    targetGroups: 'Familien aus Polen, Rumänien und Bulgarien in Worms',
    region: 'Worms',
    municipalityKey: '07319000',
    startDate: cutStart,
    endDate: cutEnd,
    cooperationForm: 'tandem',
    fieldsOfAction: ['language', 'parents'],
    partners: [
      {
        name: 'Polnischer Kulturverein Worms e. V.',
        isMigrantOrganisation: true,
        role: 'Tandempartner',
        tasks: 'Sprachmittlerinnen gewinnen, Einsätze planen, Sprechstunde im Vereinsheim',
        budgetShareBp: 4500,
      },
    ],
    milestones: [
      { title: 'Erster Ausbildungskurs Sprachmittlung', due: addMonths(cutStart, 3) },
      { title: 'Sprachmittlungspool mit 15 Personen', due: addMonths(cutStart, 12) },
    ],
    plan: cutPlan,
  });
  await reviewed(cutApplication.id, new Date(cutApplication.submittedAt.getTime() + 12 * 86_400_000), [4, 3, 2]);
  const cut = cutDecision(cutPlan);
  const cutGrant = await approve(cutApplication.id, mo, cutPlan, decidedAfter(localCallCloses), cut);
  // early in the project the fees for the first course were drawn, and only part was spent in time
  const reclaimDay = addDays(cutStart, 10);
  const reclaimYear = yearOf(reclaimDay);
  await drawMoney(cutGrant, wormsActor, {
    until: addDays(cutEnd, 1),
    skip: (line, y) => line === 'fees' && y === reclaimYear,
  });
  let unspentPaymentId: string | undefined;
  {
    const g = await getGrantContext(db, cutGrant);
    const plan = g?.grant.plan ?? cutPlan;
    const fees = sum(ofYear(plan.expenses, reclaimYear).filter((e) => e.line === 'fees'));
    const cents = Math.floor(
      (fees * sum(ofYear(plan.grant, reclaimYear))) / sum(ofYear(plan.expenses, reclaimYear)) / 2,
    );
    unspentPaymentId = await draw(
      cutGrant,
      wormsActor,
      { day: reclaimDay, year: reclaimYear, line: 'fees', cents, purpose: 'Honorare zweiter Ausbildungskurs' },
      { spendAfterDays: 30, spentBp: 4000 },
    );
  }
  // two of the planned staff months went to fees instead: above the 20 % rule, so the officer
  // approved it, which issued an amended decision
  const shiftYear = yearOf(addDays(today, -75));
  const shift = await requestChange(
    db,
    wormsActor,
    cutGrant,
    { kind: 'shift', year: shiftYear, fromLine: 'staff', toLine: 'fees', amountCents: 640_000 },
    'Die zweite Kursleiterin arbeitet auf Honorarbasis statt in Teilzeitanstellung.',
    on(addDays(today, -75)),
  );
  if (shift.ok && shift.status === 'requested')
    await decideChange(
      db,
      officer,
      cutGrant,
      shift.id,
      { approve: true, note: 'Die Umschichtung ist nachvollziehbar begründet.' },
      on(addDays(today, -68)),
    );
  await keepReports(cutGrant, wormsActor, [
    'Der erste Kurs ist abgeschlossen; elf Sprachmittlerinnen sind im Einsatz.',
  ]);
  await reclaimWithInterestNotice(ctx, {
    grantId: cutGrant,
    officer,
    paymentId: unspentPaymentId,
    paidOn: addDays(reclaimDay, 2),
    decidedOn: addDays(today, -10),
  });

  return { running: runningGrant, lastMonths: lastGrant, justEnded: endedGrant, overdue: overdueGrant, cut: cutGrant };
}

/**
 * The cut of the Worms project: the fees for language mediators are planned at 60 € an hour, the
 * programme pays 45 €; so each year's grant is lower by a quarter of its fees. The binding plan that
 * balances has those fees lower by the same amount (own funds stay as offered).
 */
export function cutDecision(plan: Plan): {
  amountsPerYear: Record<string, number>;
  reasons: string;
  bindingPlan: Plan;
} {
  const amountsPerYear: Record<string, number> = {};
  const expenses = plan.expenses.map((e) => ({ ...e }));
  for (const g of plan.grant) {
    const fees = expenses.find((e) => e.year === g.year && e.line === 'fees');
    const cutCents = fees ? Math.floor(fees.amountCents / 4) : 0;
    if (fees) fees.amountCents -= cutCents;
    amountsPerYear[String(g.year)] = g.amountCents - cutCents;
  }
  return {
    amountsPerYear,
    reasons:
      'Die Honorare für Sprachmittlung sind mit 60 € je Stunde angesetzt; das Programm fördert höchstens 45 € je Stunde. Die Zuwendung ist daher je Jahr um ein Viertel der Honorare gekürzt; die Honorare im verbindlichen Finanzierungsplan sind entsprechend niedriger.',
    // the plan the grant binds (decide() checks that it balances under the programme's rules)
    bindingPlan: {
      ...plan,
      expenses,
      grant: plan.grant.map((g) => ({ year: g.year, amountCents: amountsPerYear[String(g.year)] ?? 0 })),
    },
  };
}

/**
 * The cut grant's reclaim and interest notice. Part of an early payment was not spent within six
 * weeks; the officer withdrew that part of the decision (Teilwiderruf) from the day it was paid,
 * reclaimed it, the carrier paid it back, and the interest notice (5 points above the base rate,
 * § 49a VwVfG) was issued ten days ago. The notice is issued only where the base rate table covers
 * the days the money was owed; on a load day for which it does not, the reclaim's page says which
 * rate the officer must enter first.
 */
export async function reclaimWithInterestNotice(
  ctx: DemoContext,
  facts: { grantId: string; officer: Actor; paymentId: string | undefined; paidOn: string; decidedOn: string },
): Promise<void> {
  if (!facts.paymentId) return;
  const { db } = ctx;
  const [payment] = await db.select().from(paymentRequests).where(eq(paymentRequests.id, facts.paymentId));
  const unspent = (payment?.approvedCents ?? 0) - (payment?.spentCents ?? 0);
  if (!payment || unspent <= 0) return;
  const at = (day: string, time: string) => {
    const t = berlinDateTime(day, time);
    return t.getTime() < ctx.now().getTime() ? t : ctx.now();
  };
  const reclaim = await recordReclaim(
    db,
    facts.officer,
    facts.grantId,
    {
      amountCents: unspent,
      reason:
        'Teilwiderruf: Die am ' +
        germanDay(facts.paidOn) +
        ' ausgezahlten Honorarmittel wurden nicht innerhalb von sechs Wochen vollständig verwendet (Nr. 1.4 ANBest-P, § 49 Abs. 3 Nr. 1 VwVfG).',
      effectiveOn: facts.paidOn,
      dueOn: addDays(facts.paidOn, 42),
    },
    at(addDays(facts.paidOn, 45), '10:00'),
  );
  if (!reclaim.ok) throw new Error(`demo reclaim refused: ${JSON.stringify(reclaim.issues)}`);
  const repaidOn = addDays(facts.paidOn, 56);
  if (repaidOn < facts.decidedOn)
    await recordRepayment(
      db,
      facts.officer,
      reclaim.value.id,
      { paidOn: repaidOn, amountCents: unspent },
      at(addDays(repaidOn, 1), '09:00'),
    );
  // refused (not thrown) when a base rate is missing: the page then asks the officer for it
  await issueInterestNotice(db, facts.officer, reclaim.value.id, at(facts.decidedOn, '10:00'));
}

const germanDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
