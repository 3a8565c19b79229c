// Who may do what in funding, as one matrix: every funding route × every kind of person × the
// status each must get. A carrier never sees another carrier's application, not by guessing URLs
// either; a reviewer sees only what they are assigned to and have declared on; officers only their
// programmes. Whoever may not see a thing gets 404 (we do not confirm that it exists), anonymous
// people are sent to sign in, and a refused write leaves the data as it was.
//
// Adding a route is one entry in `routes`: its path with :placeholders (keys of the world's ids),
// the actors allowed (everyone else gets 404, anonymous the sign-in redirect), and for a POST its
// form, a probe that reads one representative value, a `fresh` target for the allowed writer (so the
// shared data stays as it is for the rows after it) and the audit action the write records.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { and, count, eq, inArray } from 'drizzle-orm';
import { type Client, client, makeUser, type Page, type TestApp, testApp } from '../../../test/helpers/app';
import {
  content,
  criterion,
  funding,
  people,
  plan,
  reclaimAsRecorded,
  signedIn,
  system,
  type Target,
  upload,
} from '../../../test/helpers/funding';
import { auditLog } from '../../core/audit/schema';
import { hashToken, newToken } from '../../core/auth/tokens';
import { getSetting } from '../../core/content/settings';
import { addDays, berlinDate } from '../../core/time/calendar';
import { listDocuments } from './applications/applications.store';
import { renewFeed } from './calendar/calendar.store';
import { decideContinuation, prefilled, saveContinuation } from './continuations/continuations.store';
import { decide, saveDraftDecision } from './decisions/decisions.store';
import { writeMessage } from './messages/messages.store';
import { nextHalfYear } from './money-back/interest-rules';
import { issueInterestNotice, listBaseRates, recordReclaim, recordRepayment } from './money-back/money-back.store';
import { linkExpiry, partOf, partSha256 } from './partner-confirmations/partner-confirmation-rules';
import { listReports, submitReport } from './reports/reports.store';
import {
  applications,
  baseRates,
  calendarFeeds,
  calls,
  callTranslations,
  caseNotes,
  changeRequests,
  continuations,
  decisions,
  grants,
  interestNotices,
  messageAttachments,
  messages,
  notifications,
  partnerConfirmations,
  paymentRequests,
  programmes,
  receipts,
  reclaims,
  repayments,
  reports,
  reviewAssignments,
  reviewerProfiles,
  withdrawals,
} from './schema';
import { withdrawDecision } from './withdrawals/withdrawals.store';

const actors = [
  'anonymous',
  'participant',
  'carrier', // staff of organisation A, which owns everything below
  'foreignCarrier', // staff of organisation B
  'reviewer', // assigned to A's application, declared "no conflict"
  'undeclaredReviewer', // assigned, not declared yet
  'conflictedReviewer', // assigned, declared a conflict
  'otherReviewer', // not assigned
  'officer', // programme officer of the programme A applied to
  'foreignOfficer', // programme officer of another programme
  'admin',
] as const;
type ActorName = (typeof actors)[number];

const emails: Record<Exclude<ActorName, 'anonymous'>, string> = {
  participant: 'paula@example.org',
  carrier: people.carrier,
  foreignCarrier: people.foreignCarrier,
  reviewer: 'rita@review.example',
  undeclaredReviewer: 'rolf@review.example',
  conflictedReviewer: 'ruth@review.example',
  otherReviewer: 'rene@review.example',
  officer: people.officer,
  foreignOfficer: people.foreignOfficer,
  admin: 'ada@funder.example',
};

const TITLE = 'Matrix-Projekt';
const SUMMARY = 'Vertrauliche Zusammenfassung';
const PROGRAMME = 'Matrix-Programm';
const MESSAGE = 'Vertrauliche Nachricht an das Referat';
const mine = { title: TITLE, summary: SUMMARY };
// grants over two budget years: one running now (money is drawn and spent within the project's
// period), one that has ended (a report is submitted once its period is over)
const today = berlinDate(new Date());
const Y = Number(today.slice(0, 4));
const years = (from: number) => ({
  ...mine,
  startDate: `${from}-01-01`,
  endDate: `${from + 1}-12-31`,
  plan: plan({ year: from, grant: 900_000, own: 100_000 }, { year: from + 1, grant: 900_000, own: 100_000 }),
});
const running = years(Y);
const ended = years(Y - 2);

type Ids = Record<string, string>;
interface World {
  f: ReturnType<typeof funding>;
  /** carrier A in the open call */
  a: Target;
  ids: Ids;
  users: Partial<Record<ActorName, string>>;
}

let t: TestApp;
let w: World;
const clients = {} as Record<ActorName, Client>;

before(async () => {
  t = await testApp();
  const f = funding(t);
  const scene = await f.scene({
    programme: { title: PROGRAMME },
    call: {
      requiredDocuments: [{ id: 'd1', label: 'Satzung', types: ['pdf'], maxMegabytes: 1 }],
      rubric: [criterion('impact', 'Wirkung')],
    },
  });
  const a = { callId: scene.callId, organisationId: scene.organisationId };
  firstCall = a.callId;
  firstOrganisation = a.organisationId;
  const b = { callId: scene.callId, organisationId: scene.otherOrganisationId };
  const users: World['users'] = {
    ...scene.userIds,
    participant: await makeUser(t.db, emails.participant, 'participant'),
    reviewer: await f.reviewer(emails.reviewer),
    undeclaredReviewer: await f.reviewer(emails.undeclaredReviewer),
    conflictedReviewer: await f.reviewer(emails.conflictedReviewer),
    otherReviewer: await f.reviewer(emails.otherReviewer),
    admin: await f.admin(emails.admin),
  };

  const draft = await f.application(a, { content: mine });
  await f.document(draft, 'd1');
  const application = await f.application(a, { content: mine, submit: true });
  const outlineCall = await f.call(scene.programmeId, { title: 'Zweistufig', stages: 2 });
  const outline = await f.application(
    { callId: outlineCall, organisationId: a.organisationId },
    { stage: 'outline', content: mine, submit: true },
  );
  const drafted = await draftedApplication(a);
  const rejected = await f.application(a, { content: mine, submit: true });
  await decide(
    t.db,
    system,
    { applicationId: rejected, outcome: 'rejected', amountsPerYear: {}, conditions: '', reasons: 'Zu spät' },
    t.deps.now(),
  );
  const approved = await f.grant(a, { content: running });
  const past = await f.grant(a, { content: ended });
  const [interim, final] = await listReports(t.db, past.grantId);
  await submitReport(t.db, system, final!.id, t.deps.now());
  const draftB = await f.application(b, { content: { title: 'Fremdes Vorhaben' } });
  const reclaim = await repaidReclaim(approved.grantId);
  const notice = await issueInterestNotice(t.db, system, reclaim, t.deps.now());
  if (!notice.ok) throw new Error(`notice refused: ${JSON.stringify(notice.issues)}`);
  const withdrawn = await f.grant(a, { content: running });
  const withdrawal = await withdrawDecision(
    t.db,
    system,
    withdrawn.grantId,
    { ...withdrawalInput, reasonText: WITHDRAWAL_REASON },
    'Widerruf',
    t.deps.now(),
  );
  if (!withdrawal.ok) throw new Error(`withdrawal refused: ${JSON.stringify(withdrawal.issues)}`);
  // a grant decided one budget year at a time: last year decided, this year's continuation open all year
  const yearly = await yearlyGrant();
  const submittedContinuation = await continuationOf(yearly);
  const decidedYearly = await yearlyGrant();
  const decidedContinuation = await continuationOf(decidedYearly);
  const decided = await decideContinuation(
    t.db,
    system,
    decidedYearly,
    decidedContinuation,
    { action: 'approve', amount: 900_000, reasons: '' },
    t.deps.now(),
  );
  if (!decided.ok) throw new Error(`continuation not decided: ${JSON.stringify(decided)}`);
  // a message with a file in the application's thread and in the grant's, written by the carrier
  const attachmentIn = async (kind: 'application' | 'grant', id: string) => {
    const written = await writeMessage(
      t.db,
      { id: users.carrier!, label: emails.carrier },
      { kind, id },
      {
        side: 'carrier',
        body: MESSAGE,
        language: 'de',
        attachments: [
          {
            field: 'attachment1',
            filename: 'anlage.pdf',
            mimeType: 'application/pdf',
            content: Buffer.from('%PDF-1.4\n'),
          },
        ],
      },
      t.deps.now(),
    );
    if (!written.ok) throw new Error(`message refused: ${JSON.stringify(written.issues)}`);
    const [a] = await t.db.select().from(messageAttachments).where(eq(messageAttachments.messageId, written.id));
    return a!.id;
  };
  const linked = await f.application(a, { content: withPartner });
  linkedSha = partSha256(
    partOf(withPartner.partners[0]!, { carrier: 'Träger A e. V.', content: content(withPartner) }),
  );
  const applicationAttachment = await attachmentIn('application', application);
  const grantAttachment = await attachmentIn('grant', approved.grantId);
  w = {
    f,
    a,
    users,
    ids: {
      programme: scene.programmeId,
      call: scene.callId,
      outlineCall,
      draft,
      document: (await listDocuments(t.db, draft))[0]!.id,
      application,
      drafted,
      rejected,
      outline,
      approved: approved.applicationId,
      grant: approved.grantId,
      payment: await f.payment(approved.grantId),
      paid: await f.payment(approved.grantId, { decision: 'approved' }),
      pastGrant: past.grantId,
      report: interim!.id,
      submittedReport: final!.id,
      assignment: await f.assignment(application, users.reviewer!, 'none'),
      pendingAssignment: await f.assignment(application, users.undeclaredReviewer!),
      conflictAssignment: await f.assignment(application, users.conflictedReviewer!, 'conflict'),
      version: '1',
      change: await f.change(approved.grantId),
      approvedChange: await f.change(approved.grantId, { decision: 'approved' }),
      kind: 'extension',
      locale: 'tr',
      exportFile: 'applications.csv',
      notification: await f.notification(approved.grantId),
      reclaim,
      notice: notice.value.id,
      withdrawnGrant: withdrawn.grantId,
      withdrawal: withdrawal.value.id,
      draftB,
      grantB: (await f.grant(b, { content: { title: 'Fremdes Vorhaben' } })).grantId,
      // the feed of an officer who is none of the actors, so no row's renewal retires it
      feedToken: await renewFeed(
        t.db,
        { id: await f.officer('fiona@funder.example', scene.programmeId), label: 'fiona@funder.example' },
        t.deps.now(),
      ),
      applicationAttachment,
      grantAttachment,
      // a partner's mailed link, still open (partner-confirmations/)
      linked,
      partnerLink: await partnerLink(linked),
      yearlyGrant: yearly,
      yearlyOpen: await yearlyGrant(),
      continuation: submittedContinuation,
      decidedYearly,
      decidedContinuation,
    },
  };

  clients.anonymous = client(t);
  await clients.anonymous.get('/de/sign-in'); // for a CSRF token: refusals must come from the guards, not the token
  for (const actor of actors) {
    if (actor === 'anonymous') continue;
    clients[actor] = await signedIn(t, emails[actor]);
    await clients[actor].get('/de/calls');
    assert.ok(clients[actor].lastToken, `${actor} has a CSRF token`);
  }
});
after(() => t.close());

// ---- partner confirmations: a draft whose partner has a contact, and open links to it ----
const withPartner = {
  ...mine,
  partners: [
    {
      name: 'Kulturverein Matrix',
      isMigrantOrganisation: true,
      role: 'Partner',
      tasks: 'Elternabende',
      budgetShareBp: 2000,
      contactName: 'Ayşe',
      contactEmail: 'ayse@matrix.example',
    },
  ],
};
/** the sha-256 of the linked draft's partner's part, which an answer sends back as shown */
let linkedSha = '';
/** An open link for the partner of `applicationId` (as the request's mail makes it); returns the token. */
async function partnerLink(applicationId: string): Promise<string> {
  const { token, hash } = newToken();
  await t.db.insert(partnerConfirmations).values({
    applicationId,
    partnerIndex: 0,
    partnerName: 'Kulturverein Matrix',
    contactName: 'Ayşe',
    contactEmail: 'ayse@matrix.example',
    tokenHash: hash,
    language: 'de',
    requestedAt: t.deps.now(),
    expiresAt: linkExpiry(t.deps.now()),
  });
  return token;
}
const linkStatus: Probe = async (ids) =>
  (
    await db()
      .select({ status: partnerConfirmations.status })
      .from(partnerConfirmations)
      .where(eq(partnerConfirmations.tokenHash, hashToken(ids.partnerLink!)))
  )[0];
const confirmationsOf =
  (key: string): Probe =>
  async (ids) =>
    (
      await db()
        .select({ n: count() })
        .from(partnerConfirmations)
        .where(eq(partnerConfirmations.applicationId, ids[key]!))
    )[0]?.n;

const RECLAIM_REASON = 'Zweck verfehlt';
const WITHDRAWAL_REASON = 'Auflage zur Öffentlichkeitsarbeit nicht erfüllt';
/** A full withdrawal ex tunc of a grant with nothing paid out: nothing to reclaim. */
const withdrawalInput = {
  basis: 'revocation',
  extent: 'full',
  effect: 'decision',
  effectiveOn: '',
  reason: 'conditionsNotMet',
  reasonText: 'Auflage nicht erfüllt',
  remaining: {},
} as const;
/**
 * A reclaim of 100 € taking effect on 1 January 2026 and repaid in full on 1 February: its interest
 * needs only the base rates of early 2026, whatever day the test runs on.
 */
async function repaidReclaim(grantId: string): Promise<string> {
  const r = await reclaimAsRecorded(t, grantId, {
    amountCents: 10_000,
    reason: RECLAIM_REASON,
    effectiveOn: '2026-01-01',
    dueOn: '2026-02-01',
  });
  await recordRepayment(t.db, system, r.value.id, { paidOn: '2026-02-01', amountCents: 10_000 }, t.deps.now());
  return r.value.id;
}

// ---- who is allowed: everyone not named gets `others` (404 unless said), anonymous the sign-in ----
type Expect = Partial<Record<ActorName | 'others', number>>;
const viewers: Expect = { carrier: 200, officer: 200, admin: 200 };
const carrierEdits: Expect = { carrier: 303 }; // officers see the application but may not edit it: 404 too
const carrierGrantWrites: Expect = { carrier: 303, officer: 403, admin: 403 };
const officerPages: Expect = { officer: 200, admin: 200 };
const officerWrites: Expect = { officer: 303, admin: 303 };
const officerGrantWrites: Expect = { officer: 303, admin: 303, carrier: 403 };
const nobody: Expect = {};

// ---- what a write changes: one representative value, read before and after ----
type Probe = (ids: Ids) => Promise<unknown>;
const db = () => t.db;
const application =
  (key: string): Probe =>
  async (ids) =>
    (
      await db()
        .select({ status: applications.status, version: applications.version, content: applications.content })
        .from(applications)
        .where(eq(applications.id, ids[key]!))
    )[0];
const decisionDraft =
  (key: string): Probe =>
  async (ids) =>
    (
      await db()
        .select({ outcome: decisions.outcome, decidedAt: decisions.decidedAt, cosignedBy: decisions.cosignedBy })
        .from(decisions)
        .where(and(eq(decisions.applicationId, ids[key]!), eq(decisions.status, 'draft')))
    )[0] ?? null;
const applicationCount: Probe = async () => (await db().select({ n: count() }).from(applications))[0]?.n;
const documents =
  (key: string): Probe =>
  async (ids) =>
    (await listDocuments(db(), ids[key]!)).map((d) => d.id);
const paymentCount: Probe = async (ids) =>
  (await db().select({ n: count() }).from(paymentRequests).where(eq(paymentRequests.grantId, ids.grant!)))[0]?.n;
const payment =
  (key: string): Probe =>
  async (ids) =>
    (
      await db()
        .select({ s: paymentRequests.status, a: paymentRequests.approvedCents, spent: paymentRequests.spentCents })
        .from(paymentRequests)
        .where(eq(paymentRequests.id, ids[key]!))
    )[0];
const report =
  (key: string): Probe =>
  async (ids) => {
    const [r] = await db().select().from(reports).where(eq(reports.id, ids[key]!));
    const [n] = await db().select({ n: count() }).from(receipts).where(eq(receipts.reportId, ids[key]!));
    return { status: r?.status, narrative: r?.narrative, receipts: n?.n };
  };
const assignment =
  (key: string): Probe =>
  async (ids) =>
    (await db().select().from(reviewAssignments).where(eq(reviewAssignments.id, ids[key]!)))[0];
const assignmentsOf =
  (key: string): Probe =>
  async (ids) =>
    (await db().select({ n: count() }).from(reviewAssignments).where(eq(reviewAssignments.applicationId, ids[key]!)))[0]
      ?.n;
const assignmentsInCall: Probe = async (ids) => {
  const apps = db().select({ id: applications.id }).from(applications).where(eq(applications.callId, ids.call!));
  return (
    await db().select({ n: count() }).from(reviewAssignments).where(inArray(reviewAssignments.applicationId, apps))
  )[0]?.n;
};
const changeCount: Probe = async (ids) =>
  (await db().select({ n: count() }).from(changeRequests).where(eq(changeRequests.grantId, ids.grant!)))[0]?.n;
const change =
  (key: string): Probe =>
  async (ids) =>
    (
      await db()
        .select({ status: changeRequests.status, planVersion: changeRequests.planVersion })
        .from(changeRequests)
        .where(eq(changeRequests.id, ids[key]!))
    )[0];
const notificationCount: Probe = async (ids) =>
  (await db().select({ n: count() }).from(notifications).where(eq(notifications.grantId, ids.grant!)))[0]?.n;
const notification: Probe = async (ids) =>
  (
    await db()
      .select({ at: notifications.acknowledgedAt })
      .from(notifications)
      .where(eq(notifications.id, ids.notification!))
  )[0];
const reviewerProfileCount: Probe = async () => (await db().select({ n: count() }).from(reviewerProfiles))[0]?.n;
const programme: Probe = async (ids) =>
  (
    await db()
      .select({ title: programmes.title, updatedAt: programmes.updatedAt })
      .from(programmes)
      .where(eq(programmes.id, ids.programme!))
  )[0];
const programmeCount: Probe = async () => (await db().select({ n: count() }).from(programmes))[0]?.n;
const callCount: Probe = async (ids) =>
  (await db().select({ n: count() }).from(calls).where(eq(calls.programmeId, ids.programme!)))[0]?.n;
const call: Probe = async (ids) =>
  (await db().select({ title: calls.title, updatedAt: calls.updatedAt }).from(calls).where(eq(calls.id, ids.call!)))[0];

const callTranslation: Probe = async (ids) =>
  (
    await db()
      .select({ fields: callTranslations.fields })
      .from(callTranslations)
      .where(and(eq(callTranslations.callId, ids.call!), eq(callTranslations.locale, ids.locale!)))
  )[0];

const messagesIn =
  (key: string): Probe =>
  async (ids) =>
    (await db().select({ n: count() }).from(messages).where(eq(messages.threadId, ids[key]!)))[0]?.n;
const reclaimCount: Probe = async (ids) =>
  (await db().select({ n: count() }).from(reclaims).where(eq(reclaims.grantId, ids.grant!)))[0]?.n;
const repaymentCount: Probe = async (ids) =>
  (await db().select({ n: count() }).from(repayments).where(eq(repayments.reclaimId, ids.reclaim!)))[0]?.n;
const noticeCount: Probe = async (ids) =>
  (await db().select({ n: count() }).from(interestNotices).where(eq(interestNotices.reclaimId, ids.reclaim!)))[0]?.n;
const withdrawalCount: Probe = async (ids) =>
  (await db().select({ n: count() }).from(withdrawals).where(eq(withdrawals.grantId, ids.grant!)))[0]?.n;
const baseRateCount: Probe = async () => (await db().select({ n: count() }).from(baseRates))[0]?.n;
const notesOf =
  (key: string): Probe =>
  async (ids) =>
    (await db().select({ n: count() }).from(caseNotes).where(eq(caseNotes.subjectId, ids[key]!)))[0]?.n;
const NOTE = 'Vertrauliche Matrix-Notiz';
const feedHashes: Probe = async () =>
  (await db().select({ h: calendarFeeds.tokenHash }).from(calendarFeeds)).map((r) => r.h).sort();
const paymentAccount: Probe = async () => getSetting(db(), 'funding.paymentAccount');
const authority: Probe = async () => getSetting(db(), 'funding.authority');
/** the half year an allowed writer enters next, set by its fresh target */
let nextRateFrom = '2026-07-01';

// ---- fresh targets for the allowed writers, made like the shared ones ----
type Fresh = () => Promise<Ids>;
const submittedApplication = () => w.f.application(w.a, { content: mine, submit: true });
/** A submitted application with a draft decision (an approval of what was requested), not issued. */
async function draftedApplication(where: { callId: string; organisationId: string }) {
  const id = await funding(t).application(where, { content: mine, submit: true });
  const proposal = {
    outcome: 'approved' as const,
    amountsPerYear: { '2027': 900_000 }, // what the default content requests
    balance: 'expenses' as const,
    conditions: '',
    reasons: '',
  };
  const saved = await saveDraftDecision(t.db, system, { applicationId: id, proposal }, t.deps.now());
  assert.ok(saved && !('issues' in saved), JSON.stringify(saved));
  return id;
}
const runningGrant = () => w.f.grant(w.a, { content: running });
/** A grant of last year and this one, decided for last year only (as a yearly programme decides). */
async function yearlyGrant(): Promise<string> {
  const { grantId } = await funding(t).grant(
    { callId: firstCall, organisationId: firstOrganisation },
    { content: years(Y - 1) },
  );
  await t.db
    .update(grants)
    .set({ decidedYears: [Y - 1] })
    .where(eq(grants.id, grantId));
  return grantId;
}
let firstCall = '';
let firstOrganisation = '';
/** The continuation for this year of a yearly grant, submitted. */
async function continuationOf(grantId: string): Promise<string> {
  const [g] = await t.db.select().from(grants).where(eq(grants.id, grantId));
  const saved = await saveContinuation(
    t.db,
    system,
    grantId,
    { year: Y, content: { ...prefilled(g!.plan, Y), progress: 'Läuft nach Plan.' }, submit: true },
    t.deps.now(),
  );
  if (!saved.ok) throw new Error(`continuation refused: ${JSON.stringify(saved.issues)}`);
  return saved.id;
}
const continuation =
  (key: string): Probe =>
  async (ids) =>
    (
      await db()
        .select({ status: continuations.status, content: continuations.content })
        .from(continuations)
        .where(eq(continuations.id, ids[key]!))
    )[0] ?? null;
const continuationsOf =
  (key: string): Probe =>
  async (ids) =>
    (
      await db()
        .select({ status: continuations.status, content: continuations.content })
        .from(continuations)
        .where(eq(continuations.grantId, ids[key]!))
    )[0] ?? null;
const endedGrant = () => w.f.grant(w.a, { content: ended });
const fresh = {
  draft: async () => {
    const draft = await w.f.application(w.a, { content: mine });
    await w.f.document(draft, 'd1');
    return { draft };
  },
  application: async () => ({ application: await submittedApplication() }),
  linked: async () => ({ linked: await w.f.application(w.a, { content: withPartner }) }),
  partnerLink: async () => ({ partnerLink: await partnerLink(w.ids.linked!) }),
  drafted: async () => ({ drafted: await draftedApplication(w.a) }),
  outline: async () => ({
    outline: await w.f.application(
      { callId: w.ids.outlineCall!, organisationId: w.a.organisationId },
      { stage: 'outline', content: mine, submit: true },
    ),
  }),
  grant: async () => ({ grant: (await runningGrant()).grantId }),
  // a running grant with 100 € paid out today, so 5 € of it can be reclaimed from today
  paidGrant: async () => {
    const grant = (await runningGrant()).grantId;
    await w.f.payment(grant, { decision: 'approved' });
    return { grant };
  },
  // a reclaim of 100 € still owed in full
  openReclaim: async () => {
    const grant = (await runningGrant()).grantId;
    await w.f.payment(grant, { decision: 'approved' });
    const today = berlinDate(t.deps.now());
    const r = await recordReclaim(
      db(),
      system,
      grant,
      { amountCents: 10_000, reason: RECLAIM_REASON, effectiveOn: today, dueOn: addDays(today, 30) },
      t.deps.now(),
    );
    if (!r.ok) throw new Error(`reclaim refused: ${JSON.stringify(r.issues)}`);
    return { grant, reclaim: r.value.id };
  },
  yearlyOpen: async () => ({ yearlyOpen: await yearlyGrant() }),
  continuation: async () => {
    const yearlyGrantId = await yearlyGrant();
    return { yearlyGrant: yearlyGrantId, continuation: await continuationOf(yearlyGrantId) };
  },
  oneYearGrant: async () => ({ grant: (await w.f.grant(w.a, { content: mine })).grantId }),
  change: async () => ({ change: await w.f.change(w.ids.grant!) }),
  notification: async () => ({ notification: await w.f.notification(w.ids.grant!) }),
  payment: async () => ({ payment: await w.f.payment(w.ids.grant!) }),
  paid: async () => ({ paid: await w.f.payment(w.ids.grant!, { decision: 'approved' }) }),
  report: async () => {
    const { grantId } = await endedGrant();
    return { pastGrant: grantId, report: (await listReports(db(), grantId))[0]!.id };
  },
  submittedReport: async () => {
    const { grantId } = await endedGrant();
    const final = (await listReports(db(), grantId))[1]!.id;
    await submitReport(db(), system, final, t.deps.now());
    return { pastGrant: grantId, submittedReport: final };
  },
  assignment: async () => ({
    assignment: await w.f.assignment(await submittedApplication(), w.users.reviewer!, 'none'),
  }),
  pendingAssignment: async () => ({
    pendingAssignment: await w.f.assignment(await submittedApplication(), w.users.undeclaredReviewer!),
  }),
  call: async () => ({ call: await w.f.call(w.ids.programme!) }),
  reclaim: async () => ({ reclaim: await repaidReclaim(w.ids.grant!) }),
  nextRate: async () => {
    nextRateFrom = nextHalfYear(await listBaseRates(db()))!;
    return {};
  },
  callWithApplication: async () => {
    const callId = await w.f.call(w.ids.programme!);
    await w.f.application({ callId, organisationId: w.a.organisationId }, { submit: true });
    return { call: callId };
  },
} satisfies Record<string, Fresh>;

// ---- forms the allowed writers send (everyone else sends the same) ----
type Form = Record<string, string> | (() => Record<string, string>);
const programmeForm = {
  title: PROGRAMME,
  goals: '',
  financingType: 'deficit',
  maxShare: '90',
  minOwnShare: '10',
  maxGrantPerYear: '50.000,00',
  fixedAmount: '',
  maxDurationMonths: '24',
  scope: 'local',
};
const callForm = {
  title: 'Neuer Aufruf',
  text: '',
  opensDate: '2026-01-01',
  opensTime: '00:00',
  closesDate: '2099-03-31',
  closesTime: '12:00',
  stages: '1',
  projectStartEarliest: '',
  projectEndLatest: '',
  published: 'on',
};
const forms = {
  apply: () => ({ organisationId: w.a.organisationId }),
  project: { title: 'Geändert', startDate: '2027-01-01', endDate: '2027-12-31' },
  partners: { cooperationForm: '', 'partner-0-name': 'Verein', 'partner-0-role': 'Partner', 'partner-0-share': '10' },
  workplan: { 'milestone-0-title': 'Auftakt', 'milestone-0-due': '2027-03-01' },
  plan: { 'plan-0-year': '2027', 'plan-0-staff': '10.000,00', 'plan-0-own': '2.000', 'plan-0-grant': '8.000,00' },
  declarations: { truthful: 'on' }, // withdraws two of the three, so the save shows
  payment: { year: String(Y), line: 'staff', purpose: 'Miete', amount: '100,00', dueOn: addDays(today, 10) },
  payDecision: { action: 'approve', amount: '100,00' },
  spent: { spent: '50,00', spentOn: today },
  narrative: { 'goal-0': 'Ziel erreicht' },
  review: { action: 'accept', note: '' },
  extension: { endDate: '2028-06-30', reason: 'Die Räume werden später fertig.' }, // for a grant ending in 2027
  changeDecision: { action: 'approve', note: '' },
  continuation: { year: String(Y), intent: 'save', 'exp-staff': '10.000,00', own: '1.000,00', grant: '9.000,00' },
  continuationDecision: { action: 'approve', amount: '9.000,00', reasons: '' },
  notification: { kind: 'other', occurredOn: today, description: 'Die Geschäftsstelle ist umgezogen.' },
  acknowledge: { note: 'Zur Kenntnis genommen' },
  message: { body: 'Eine Frage zum Zeitplan.' },
  declaration: { declaration: 'none' },
  scores: { 'score-impact': '4', action: 'submit' },
  assign: { perApplication: '1' },
  reviewer: () => ({ reviewerId: w.users.otherReviewer! }),
  decision: { outcome: 'approved', 'amount-2027': '9.000,00' },
  return: { returnReason: 'Bitte die Zielgruppe genauer beschreiben.' },
  invite: { dueDate: '2098-06-30', dueTime: '12:00' },
  reclaim: { amount: '5,00', reason: 'Zweck nicht erreicht', effectiveOn: today, dueOn: addDays(today, 30) },
  repayment: { paidOn: today, amount: '10,00' },
  // issuing a full withdrawal of a grant with nothing paid out, the preview's 0 € confirmed
  withdrawal: {
    basis: 'revocation',
    extent: 'full',
    effect: 'decision',
    effectiveOn: '',
    reason: 'other',
    reasonText: 'Das Projekt wird nicht durchgeführt.',
    step: 'issue',
    previewed: '0',
    confirm: 'on',
  },
  baseRate: () => ({ validFrom: nextRateFrom, rate: '1,27' }),
  account: {
    holder: 'Landeskasse',
    iban: 'DE02 1203 0000 0000 2020 51',
    bic: 'BYLADEM1001',
    bank: 'Landesbank',
  },
  authority: {
    name: 'Landesamt für Teilhabe',
    address: 'Amtsweg 2\n12345 Amtsstadt',
    unit: 'Referat 1',
    contact: 'Herr Muster',
    phone: '+49 30 1234',
    email: 'post@landesamt.example',
  },
} satisfies Record<string, Form>;
type Files = Parameters<typeof upload>[3];
const files = {
  document: { 'document-d1': { filename: 'satzung.pdf', content: '%PDF-1.4\n% neu\n', type: 'application/pdf' } },
  receipts: {
    csv: {
      filename: 'belege.csv',
      content: `Datum;Empfänger;Zweck;Betrag;Position\n15.03.${Y - 2};Vermieter;Miete;10,00;Personalausgaben\n`,
      type: 'text/csv',
    },
  },
} satisfies Record<string, Files>;

interface Route {
  get?: string;
  post?: string;
  expect: Expect;
  form?: Form;
  files?: Files;
  /** a value a refused POST must leave as it is and an allowed one must change */
  probe?: Probe;
  /** the allowed writer's own target, made like the shared one */
  fresh?: Fresh;
  /** the audit action an allowed POST records, with the writer as actor */
  audit?: string;
  /** a text exactly these actors see (and nobody else, in any answer) */
  sees?: [string, ...ActorName[]];
}

const routes: Route[] = [
  // public
  { get: '/de/calls', expect: { anonymous: 200, others: 200 } },
  { get: '/de/calls/:call', expect: { anonymous: 200, others: 200 } },
  // carriers: applying
  { get: '/de/calls/:call/apply', expect: { carrier: 200, foreignCarrier: 200, others: 403 } },
  {
    post: '/de/calls/:call/apply',
    expect: { carrier: 303, foreignCarrier: 400, others: 403 }, // B cannot apply in A's name
    form: forms.apply,
    probe: applicationCount,
    audit: 'application.created',
  },
  { get: '/de/applications', expect: { others: 200 }, sees: [TITLE, 'carrier'] },
  { get: '/de/applications/:application', expect: viewers },
  { get: '/de/applications/:draft', expect: { carrier: 200 } }, // a draft is the carrier's alone until submitted
  { get: '/de/applications/:application/project', expect: viewers },
  { get: '/de/applications/:application/partners', expect: viewers },
  { get: '/de/applications/:application/workplan', expect: viewers },
  { get: '/de/applications/:application/plan', expect: viewers },
  { get: '/de/applications/:application/documents', expect: viewers },
  { get: '/de/applications/:application/declarations', expect: viewers },
  { get: '/de/applications/:draft/documents/:document', expect: { carrier: 200 } },
  { get: '/de/applications/:application/versions/:version.pdf', expect: viewers },
  { get: '/de/applications/:approved/decision.pdf', expect: viewers },
  { get: '/de/applications/:rejected/rejection.pdf', expect: viewers },
  ...(['project', 'partners', 'workplan', 'plan', 'declarations'] as const).map(
    (section): Route => ({
      post: `/de/applications/:draft/${section}`,
      expect: carrierEdits,
      form: forms[section],
      probe: application('draft'),
      fresh: fresh.draft,
      audit: 'application.saved',
    }),
  ),
  {
    post: '/de/applications/:draft/documents',
    expect: carrierEdits,
    files: files.document,
    probe: documents('draft'),
    fresh: fresh.draft,
    audit: 'application.documentUploaded',
  },
  {
    post: '/de/applications/:linked/partners/confirmations',
    expect: carrierEdits,
    form: { partner: '0', language: 'tr' },
    probe: confirmationsOf('linked'),
    fresh: fresh.linked,
    audit: 'partnerConfirmation.requested',
  },
  // the partner's page behind its mailed link: anyone who has the link, with or without an account
  { get: '/de/partner-confirmation/:partnerLink', expect: { anonymous: 200, others: 200 } },
  {
    post: '/de/partner-confirmation/:partnerLink',
    expect: { anonymous: 200, others: 200 },
    form: () => ({ decision: 'confirm', name: 'Ayşe Yılmaz', remark: '', shown: linkedSha }),
    probe: linkStatus,
    fresh: fresh.partnerLink,
  },
  {
    post: '/de/applications/:draft/submit',
    expect: carrierEdits,
    probe: application('draft'),
    fresh: fresh.draft,
    audit: 'application.submitted',
  },
  {
    post: '/de/applications/:application/withdraw',
    expect: carrierEdits,
    form: { confirmed: 'on', reason: 'Nicht mehr nötig' },
    probe: application('application'),
    fresh: fresh.application,
    audit: 'application.withdrawn',
  },
  // carriers: running a grant
  { get: '/de/grants', expect: { others: 200 }, sees: [TITLE, 'carrier'] },
  { get: '/de/grants/:grant', expect: viewers },
  {
    post: '/de/grants/:grant/payments',
    expect: carrierGrantWrites,
    form: forms.payment,
    probe: paymentCount,
    fresh: fresh.grant,
    audit: 'payment.requested',
  },
  {
    post: '/de/grants/:grant/payments/:payment/decision',
    expect: officerGrantWrites,
    form: forms.payDecision,
    probe: payment('payment'),
    fresh: fresh.payment,
    audit: 'payment.approved',
  },
  {
    post: '/de/grants/:grant/payments/:paid/spent',
    expect: carrierGrantWrites,
    form: forms.spent,
    probe: payment('paid'),
    fresh: fresh.paid,
    audit: 'payment.spentReported',
  },
  { get: '/de/grants/:pastGrant/reports/:report', expect: viewers },
  {
    post: '/de/grants/:pastGrant/reports/:report/narrative',
    expect: carrierGrantWrites,
    form: forms.narrative,
    probe: report('report'),
    fresh: fresh.report,
    audit: 'report.narrativeSaved',
  },
  {
    post: '/de/grants/:pastGrant/reports/:report/receipts',
    expect: carrierGrantWrites,
    files: files.receipts,
    probe: report('report'),
    fresh: fresh.report,
    audit: 'report.receiptsImported',
  },
  {
    post: '/de/grants/:pastGrant/reports/:report/submit',
    expect: carrierGrantWrites,
    probe: report('report'),
    fresh: fresh.report,
    audit: 'report.submitted',
  },
  {
    post: '/de/grants/:pastGrant/reports/:submittedReport/review',
    expect: officerGrantWrites,
    form: forms.review,
    probe: report('submittedReport'),
    fresh: fresh.submittedReport,
    audit: 'report.accepted',
  },
  // carriers: changes to a running grant and notification duties
  { get: '/de/grants/:grant/changes', expect: viewers },
  { get: '/de/grants/:grant/changes/new/:kind', expect: { carrier: 200, officer: 403, admin: 403 } },
  {
    post: '/de/grants/:grant/changes/new/:kind',
    expect: carrierGrantWrites,
    form: forms.extension,
    probe: changeCount,
    fresh: fresh.oneYearGrant,
    audit: 'change.requested',
  },
  { get: '/de/grants/:grant/changes/:change', expect: viewers },
  {
    post: '/de/grants/:grant/changes/:change/decision',
    expect: officerGrantWrites,
    form: forms.changeDecision,
    probe: change('change'),
    fresh: fresh.change,
    audit: 'change.approved',
  },
  { get: '/de/grants/:grant/changes/:approvedChange/decision.pdf', expect: viewers },
  // one budget year at a time: the carrier files the continuation, the programme's officers decide it
  { get: '/de/grants/:yearlyOpen/continuation', expect: { carrier: 200, officer: 403, admin: 403 } },
  {
    post: '/de/grants/:yearlyOpen/continuation',
    expect: carrierGrantWrites,
    form: forms.continuation,
    probe: continuationsOf('yearlyOpen'),
    fresh: fresh.yearlyOpen,
    audit: 'continuation.saved',
  },
  { get: '/de/grants/:yearlyGrant/continuations/:continuation', expect: viewers },
  {
    post: '/de/grants/:yearlyGrant/continuations/:continuation/decision',
    expect: officerGrantWrites,
    form: forms.continuationDecision,
    probe: continuation('continuation'),
    fresh: fresh.continuation,
    audit: 'continuation.approved',
  },
  { get: '/de/grants/:decidedYearly/continuations/:decidedContinuation/notice.pdf', expect: viewers },
  { get: '/de/grants/:grantB/continuations/:continuation', expect: nobody },
  {
    get: '/de/funding/continuations',
    expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 },
    sees: [TITLE, 'officer', 'admin'],
  },
  { get: '/de/grants/:grant/notifications/new', expect: { carrier: 200, officer: 403, admin: 403 } },
  {
    post: '/de/grants/:grant/notifications',
    expect: carrierGrantWrites,
    form: forms.notification,
    probe: notificationCount,
    fresh: fresh.grant,
    audit: 'notification.reported',
  },
  {
    post: '/de/grants/:grant/notifications/:notification/acknowledge',
    expect: officerGrantWrites,
    form: forms.acknowledge,
    probe: notification,
    fresh: fresh.notification,
    audit: 'notification.acknowledged',
  },
  // money back: the programme's officers record and issue, the carrier sees what it owes and where to pay
  {
    post: '/de/grants/:grant/reclaims',
    expect: officerGrantWrites,
    form: forms.reclaim,
    probe: reclaimCount,
    fresh: fresh.paidGrant,
    audit: 'reclaim.recorded',
  },
  {
    get: '/de/grants/:grant/reclaims/:reclaim',
    expect: viewers,
    sees: [RECLAIM_REASON, 'carrier', 'officer', 'admin'],
  },
  { get: '/de/grants/:grant/reclaims/:reclaim/notices/:notice.pdf', expect: viewers },
  {
    post: '/de/grants/:grant/reclaims/:reclaim/repayments',
    expect: officerGrantWrites,
    form: forms.repayment,
    probe: repaymentCount,
    fresh: fresh.openReclaim,
    audit: 'repayment.recorded',
  },
  {
    post: '/de/grants/:grant/reclaims/:reclaim/notices',
    expect: officerGrantWrites,
    probe: noticeCount,
    fresh: fresh.reclaim,
    audit: 'interestNotice.issued',
  },
  { get: '/de/grants/:grantB/reclaims/:reclaim', expect: nobody },
  // withdrawing the decision: the programme's officers; the notice as issued for carrier and officers
  { get: '/de/grants/:grant/withdrawal', expect: { officer: 200, admin: 200, carrier: 403 } },
  {
    post: '/de/grants/:grant/withdrawal',
    expect: officerGrantWrites,
    form: forms.withdrawal,
    probe: withdrawalCount,
    fresh: fresh.grant,
    audit: 'decision.withdrawn',
  },
  {
    get: '/de/grants/:withdrawnGrant',
    expect: viewers,
    sees: [WITHDRAWAL_REASON, 'carrier', 'officer', 'admin'],
  },
  { get: '/de/grants/:withdrawnGrant/withdrawals/:withdrawal.pdf', expect: viewers },
  { get: '/de/grants/:grantB/withdrawals/:withdrawal.pdf', expect: nobody },
  // guessing by combining ids: B's grant or draft with A's report, payment or document
  { get: '/de/grants/:grantB/reports/:report', expect: nobody },
  {
    post: '/de/grants/:grantB/payments/:payment/decision',
    expect: { foreignCarrier: 403 }, // B's own grant, where carriers decide no payment of any id
    form: forms.payDecision,
    probe: payment('payment'),
  },
  { get: '/de/applications/:draftB/documents/:document', expect: nobody },
  { get: '/de/grants/:grantB/changes/:change', expect: nobody },
  {
    post: '/de/grants/:grantB/notifications/:notification/acknowledge',
    expect: { foreignCarrier: 403 }, // B's own grant, where carriers acknowledge nothing
    form: forms.acknowledge,
    probe: notification,
  },
  // messages between carrier and funder: the carrier's staff and the programme's officers, nobody else
  {
    get: '/de/applications/:application/messages',
    expect: viewers,
    sees: [MESSAGE, 'carrier', 'officer', 'admin'],
  },
  { get: '/de/applications/:draft/messages', expect: nobody }, // a draft has reached nobody to write to
  {
    post: '/de/applications/:application/messages',
    expect: { carrier: 303, officer: 303, admin: 303 },
    form: forms.message,
    probe: messagesIn('application'),
    audit: 'message.written',
  },
  { get: '/de/applications/:application/messages/attachments/:applicationAttachment', expect: viewers },
  { get: '/de/grants/:grant/messages', expect: viewers, sees: [MESSAGE, 'carrier', 'officer', 'admin'] },
  {
    post: '/de/grants/:grant/messages',
    expect: { carrier: 303, officer: 303, admin: 303 },
    form: forms.message,
    probe: messagesIn('grant'),
    audit: 'message.written',
  },
  { get: '/de/grants/:grant/messages/attachments/:grantAttachment', expect: viewers },
  // A's attachment through B's grant or through the other thread of A
  { get: '/de/grants/:grantB/messages/attachments/:grantAttachment', expect: nobody },
  {
    get: '/de/grants/:grant/messages/attachments/:applicationAttachment',
    expect: { carrier: 404, officer: 404, admin: 404 },
  },
  // reviewers
  {
    get: '/de/reviews',
    expect: { reviewer: 200, undeclaredReviewer: 200, conflictedReviewer: 200, otherReviewer: 200, others: 403 },
    sees: [TITLE, 'reviewer', 'undeclaredReviewer', 'conflictedReviewer'],
  },
  {
    post: '/de/reviews/topics', // one's own fields of expertise: no id to guess
    expect: { reviewer: 303, undeclaredReviewer: 303, conflictedReviewer: 303, otherReviewer: 303, others: 403 },
    form: { topics: 'language' },
    probe: reviewerProfileCount,
  },
  { get: '/de/reviews/:assignment', expect: { reviewer: 200 }, sees: [SUMMARY, 'reviewer'] },
  { get: '/de/reviews/:pendingAssignment', expect: { undeclaredReviewer: 200 }, sees: [SUMMARY] },
  { get: '/de/reviews/:conflictAssignment', expect: { conflictedReviewer: 200 }, sees: [SUMMARY] },
  {
    post: '/de/reviews/:pendingAssignment/declaration',
    expect: { undeclaredReviewer: 303 },
    form: forms.declaration,
    probe: assignment('pendingAssignment'),
    fresh: fresh.pendingAssignment,
    audit: 'review.declaredNoConflict',
  },
  {
    post: '/de/reviews/:assignment/declaration',
    expect: { reviewer: 409 }, // declared once
    form: forms.declaration,
    probe: assignment('assignment'),
  },
  {
    post: '/de/reviews/:assignment/scores',
    expect: { reviewer: 303 },
    form: forms.scores,
    probe: assignment('assignment'),
    fresh: fresh.assignment,
    audit: 'review.submitted',
  },
  {
    post: '/de/reviews/:pendingAssignment/scores',
    expect: { undeclaredReviewer: 409 }, // no scores before the declaration
    form: forms.scores,
    probe: assignment('pendingAssignment'),
  },
  {
    post: '/de/reviews/:conflictAssignment/scores',
    expect: { conflictedReviewer: 409 },
    form: forms.scores,
    probe: assignment('conflictAssignment'),
  },
  // officers
  {
    get: '/de/funding',
    expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 },
    sees: [PROGRAMME, 'officer', 'admin'],
  },
  {
    get: '/de/funding/inbox',
    expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 },
    sees: [TITLE, 'officer', 'admin'],
  },
  // the case history and its internal notes: the programme's officers only, never the carrier
  { get: '/de/funding/applications/:application/history', expect: officerPages, sees: [TITLE, 'officer', 'admin'] },
  {
    post: '/de/funding/applications/:application/notes',
    expect: officerWrites,
    form: { note: NOTE },
    probe: notesOf('application'),
    audit: 'note.added',
  },
  { get: '/de/grants/:grant/history', expect: officerPages, sees: [TITLE, 'officer', 'admin'] },
  {
    post: '/de/grants/:grant/notes',
    expect: officerWrites,
    form: { note: NOTE },
    probe: notesOf('grant'),
    audit: 'note.added',
  },
  // the deadline calendar; its feed needs no session, only the secret in its address
  { get: '/de/funding/calendar', expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 } },
  {
    post: '/de/funding/calendar/feed',
    expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 },
    form: {},
    probe: feedHashes,
    audit: 'calendarFeed.renewed',
  },
  { get: '/de/funding/calendar/feed/:feedToken', expect: { anonymous: 200, others: 200 }, sees: [TITLE, ...actors] },
  // the officer's tools: all applications, the payments, the exports (only their programmes' rows)
  {
    get: '/de/funding/applications',
    expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 },
    sees: [TITLE, 'officer', 'admin'],
  },
  {
    get: '/de/funding/payments',
    expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 },
    sees: [TITLE, 'officer', 'admin'],
  },
  {
    get: '/de/funding/exports/:exportFile',
    expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 },
    sees: [TITLE, 'officer', 'admin'],
  },
  { get: '/de/funding/programmes/new', expect: { admin: 200, others: 403 } },
  {
    get: '/de/funding/money-back',
    expect: { officer: 200, foreignOfficer: 200, admin: 200, others: 403 },
  },
  {
    post: '/de/funding/money-back/rates',
    expect: { officer: 303, foreignOfficer: 303, admin: 303, others: 403 },
    form: forms.baseRate,
    probe: baseRateCount,
    fresh: fresh.nextRate,
    audit: 'baseRate.added',
  },
  {
    post: '/de/funding/money-back/account',
    expect: { admin: 303, others: 403 },
    form: forms.account,
    probe: paymentAccount,
    audit: 'paymentAccount.saved',
  },
  { get: '/de/funding/authority', expect: { admin: 200, others: 403 } },
  {
    post: '/de/funding/authority',
    expect: { admin: 303, others: 403 },
    form: forms.authority,
    probe: authority,
    audit: 'authority.saved',
  },
  {
    post: '/de/funding/programmes/new',
    expect: { admin: 303, others: 403 },
    form: { ...programmeForm, title: 'Neues Programm' },
    probe: programmeCount,
    audit: 'programme.created',
  },
  { get: '/de/funding/programmes/:programme', expect: officerPages },
  { get: '/de/funding/programmes/:programme/edit', expect: officerPages },
  {
    post: '/de/funding/programmes/:programme/edit',
    expect: officerWrites,
    form: programmeForm,
    probe: programme,
    audit: 'programme.updated',
  },
  { get: '/de/funding/programmes/:programme/calls/new', expect: officerPages },
  {
    post: '/de/funding/programmes/:programme/calls/new',
    expect: officerWrites,
    form: callForm,
    probe: callCount,
    audit: 'call.created',
  },
  { get: '/de/funding/calls/:call/edit', expect: officerPages },
  {
    post: '/de/funding/calls/:call/edit',
    expect: officerWrites,
    form: callForm,
    probe: call,
    fresh: fresh.call,
    audit: 'call.updated',
  },
  { get: '/de/funding/calls/:call/translations', expect: officerPages },
  { get: '/de/funding/calls/:call/translations/:locale', expect: officerPages },
  {
    post: '/de/funding/calls/:call/translations/:locale',
    expect: officerWrites,
    form: { title: 'Yerinde Birlikte' },
    probe: callTranslation,
    fresh: fresh.call,
    audit: 'call.translated',
  },
  { get: '/de/funding/calls/:call/ranking', expect: officerPages },
  { get: '/de/funding/calls/:call/reviews', expect: officerPages },
  {
    post: '/de/funding/calls/:call/assign',
    expect: officerWrites,
    form: forms.assign,
    probe: assignmentsInCall,
    fresh: fresh.callWithApplication,
    audit: 'review.assigned',
  },
  { get: '/de/funding/applications/:application', expect: officerPages },
  { get: '/de/funding/applications/:draft', expect: nobody }, // drafts are not the funder's business yet
  {
    post: '/de/funding/applications/:application/reviewers',
    expect: officerWrites,
    form: forms.reviewer,
    probe: assignmentsOf('application'),
    fresh: fresh.application,
    audit: 'review.assigned',
  },
  {
    post: '/de/funding/applications/:application/decision',
    expect: officerWrites,
    form: forms.decision,
    probe: decisionDraft('application'),
    fresh: fresh.application,
    audit: 'decision.drafted',
  },
  { get: '/de/funding/applications/:drafted/decision/preview.pdf', expect: officerPages },
  {
    post: '/de/funding/applications/:drafted/decision/cosign',
    expect: officerWrites,
    form: {},
    probe: decisionDraft('drafted'),
    fresh: fresh.drafted,
    audit: 'decision.cosigned',
  },
  {
    post: '/de/funding/applications/:drafted/decision/issue',
    expect: officerWrites,
    form: {},
    probe: application('drafted'),
    fresh: fresh.drafted,
    audit: 'decision.approved',
  },
  {
    post: '/de/funding/applications/:application/return',
    expect: officerWrites,
    form: forms.return,
    probe: application('application'),
    fresh: fresh.application,
    audit: 'application.returned',
  },
  {
    post: '/de/funding/applications/:outline/invite',
    expect: officerWrites,
    form: forms.invite,
    probe: application('outline'),
    fresh: fresh.outline,
    audit: 'application.invited',
  },
];

// ---- running a row ----
const SIGN_IN = 'sign-in';
const pathOf = (r: Route) => (r.get ?? r.post)!;
/** The officers', reviewers' and administrators' pages: in German and English only. */
const staffOnly = (r: Route) =>
  /^\/de\/(funding|reviews)(\/|$)/.test(pathOf(r)) && !pathOf(r).startsWith('/de/funding/calendar/feed/');
const name = (r: Route) => `${r.get ? 'GET' : 'POST'} ${pathOf(r)}`;
const fill = (path: string, ids: Ids) =>
  path.replace(/:(\w+)/g, (_, key: string) => {
    const id = ids[key];
    if (!id) throw new Error(`no id for :${key}`);
    return id;
  });
const placeholders = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

function expected(r: Route, actor: ActorName): number | typeof SIGN_IN {
  const e = r.expect[actor];
  if (e !== undefined) return e;
  return actor === 'anonymous' ? SIGN_IN : (r.expect.others ?? 404);
}
const allowed = (r: Route, actor: ActorName) => {
  const e = expected(r, actor);
  return typeof e === 'number' && e < 400;
};

async function send(r: Route, actor: ActorName, url: string) {
  const c = clients[actor];
  if (r.get) return c.get(url);
  const form = typeof r.form === 'function' ? r.form() : (r.form ?? {});
  if (r.files) return upload(t, c, url, r.files, form);
  return c.post(url, form);
}

const auditCount = async (action: string, actorId: string | undefined) =>
  (
    await db()
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.actorId, actorId ?? '')))
  )[0]?.n ?? 0;

/** What an actor got, in the table's terms; anything unexpected is spelled out. */
async function attempt(r: Route, actor: ActorName): Promise<number | string> {
  const isAllowed = allowed(r, actor);
  const ids = r.post && isAllowed && r.fresh ? { ...w.ids, ...(await r.fresh()) } : w.ids;
  const url = fill(pathOf(r), ids);
  const before = r.probe ? await r.probe(ids) : undefined;
  const audited = r.audit && isAllowed ? await auditCount(r.audit, w.users[actor]) : 0;
  const res = await send(r, actor, url);
  const notes: string[] = [];
  if (r.probe) {
    const changed = !isDeepStrictEqual(before, await r.probe(ids));
    if (isAllowed && !changed) notes.push('but nothing changed');
    if (!isAllowed && changed) notes.push('but the data changed');
  }
  if (r.audit && isAllowed && (await auditCount(r.audit, w.users[actor])) <= audited) notes.push(`no ${r.audit} audit`);
  if (r.sees && res.body.includes(r.sees[0]) !== (res.status === 200 && r.sees.slice(1).includes(actor)))
    notes.push(res.body.includes(r.sees[0]) ? `shows "${r.sees[0]}"` : `misses "${r.sees[0]}"`);
  const status =
    actor === 'anonymous' && res.status === 303 && res.location === `/de/sign-in?next=${encodeURIComponent(url)}`
      ? SIGN_IN
      : res.status;
  return notes.length ? `${status} ${notes.join(', ')}` : status;
}

/** Funding's routes as the app serves them: "GET /de/grants/:/reports/:", parameters written ":". */
function servedFundingRoutes(): Set<string> {
  const served = new Set<string>();
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    const path = stack.join('').replace(/^\/\//, '/');
    if (!/^\/de\/(applications|calls|reviews|funding|grants|partner-confirmation)(\/|$)/.test(path)) continue;
    for (const method of (m[3] ?? '').split(', '))
      if (method === 'GET' || method === 'POST') served.add(`${method} ${path.replace(/:\w+/g, ':')}`);
  }
  return served;
}

describe('funding permissions', () => {
  test('the matrix has a row for every funding route the app serves, and no row for one it does not', () => {
    const shape = (method: string, path: string) => `${method} ${path.replace(/:\w+/g, ':')}`;
    const served = servedFundingRoutes();
    const inTable = new Set(routes.map((r) => shape(r.get ? 'GET' : 'POST', pathOf(r))));
    assert.deepEqual(
      [...served].filter((x) => !inTable.has(x)),
      [],
      'routes without a row in the matrix',
    );
    assert.deepEqual(
      [...inTable].filter((x) => !served.has(x)),
      [],
      'rows for routes the app does not serve',
    );
    for (const r of routes) assert.ok(Boolean(r.get) !== Boolean(r.post), name(r));
    for (const r of routes.filter((x) => x.post && x.probe === undefined)) assert.fail(`${name(r)} has no probe`);
  });

  for (const r of routes)
    test(name(r), async () => {
      const got: Record<string, number | string> = {};
      const want: Record<string, number | string> = {};
      // a write: the refused first, on the shared data, then the allowed, each on a fresh target where
      // the row has one; a page: the allowed first, so nothing they were shown can reach the others
      const first = (a: ActorName) => (allowed(r, a) === Boolean(r.get) ? 0 : 1);
      const order = [...actors].sort((x, y) => first(x) - first(y));
      for (const actor of order) {
        want[actor] = expected(r, actor);
        got[actor] = await attempt(r, actor);
      }
      assert.deepEqual(got, want);
    });

  // carrier pages (those the officers see too among them) exist in all six languages; the officers',
  // reviewers' and administrators' pages in German and English, and in another language say so
  test('in Turkish, carrier pages answer as in German, in Turkish; staff pages say they are German and English', async () => {
    const problems: string[] = [];
    for (const r of routes) {
      const owner = actors.find((a) => a !== 'anonymous' && allowed(r, a));
      if (!owner) continue;
      const staff = staffOnly(r);
      // a carrier write runs the same code in every language: the rows above cover it
      if (r.post && !staff) continue;
      const german = fill(pathOf(r), w.ids);
      const url = german.replace(/^\/de\//, '/tr/');
      const before = r.probe ? await r.probe(w.ids) : undefined;
      const res = (await send(r, owner, url)) as Page;
      const html = String(res.headers['content-type'] ?? '').startsWith('text/html');
      const lang = html ? res.html.querySelector('html')?.getAttribute('lang') : undefined;
      const at = `${name(r)} as ${owner}`;
      if (staff) {
        const links = res.html.querySelectorAll('main .staff-only a').map((a) => a.getAttribute('href'));
        if (res.status !== (r.get ? 200 : 400)) problems.push(`${at}: ${res.status}`);
        if (lang !== 'tr') problems.push(`${at}: lang ${lang}`);
        // a page links to itself in German and English; a refused write to the nearest page that opens
        const target = r.get ? german : links[0];
        if (!target?.startsWith('/de/') || links.join() !== [target, target.replace(/^\/de\//, '/en/')].join())
          problems.push(`${at}: links ${links}`);
        else if (!r.get && (await clients[owner]!.get(target)).status !== 200)
          problems.push(`${at}: ${target} does not open`);
        if (r.probe && !isDeepStrictEqual(before, await r.probe(w.ids))) problems.push(`${at}: the data changed`);
      } else {
        if (res.status !== expected(r, owner)) problems.push(`${at}: ${res.status}, not ${expected(r, owner)}`);
        if (html && lang !== 'tr') problems.push(`${at}: lang ${lang}`);
        if (res.html.querySelector('.staff-only')) problems.push(`${at}: says staff only`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('unknown and malformed ids are 404 for those who may see the real ones', async () => {
    const misses: string[] = [];
    for (const r of routes) {
      const owner = actors.find((a) => a !== 'anonymous' && allowed(r, a));
      if (!owner) continue;
      for (const key of placeholders(pathOf(r)))
        for (const bad of [randomUUID(), 'not-a-uuid']) {
          const url = fill(pathOf(r), { ...w.ids, [key]: bad });
          const res = await send(r, owner, url);
          if (res.status !== 404) misses.push(`${name(r)} with :${key}=${bad} as ${owner}: ${res.status}`);
        }
    }
    assert.deepEqual(misses, []);
  });

  test('every decision, payment decision, report review and change decision writes one audit entry naming the officer', async () => {
    interface Case {
      url: string;
      form: Record<string, string>;
      subjectKind: string;
      subjectId: string;
      after: Record<string, unknown>;
    }
    // the draft is saved first; issuing it is the decision
    const decision = async (form: Record<string, string>, status: string): Promise<Case> => {
      const id = await submittedApplication();
      const drafted = await clients.officer!.post(`/de/funding/applications/${id}/decision`, form);
      assert.equal(drafted.status, 303, `draft of ${status}`);
      const url = `/de/funding/applications/${id}/decision/issue`;
      return { url, form: {}, subjectKind: 'application', subjectId: id, after: { status } };
    };
    const payDecision = async (form: Record<string, string>, status: string, cents: number): Promise<Case> => {
      const grant = w.ids.grant!;
      const id = await w.f.payment(grant);
      const url = `/de/grants/${grant}/payments/${id}/decision`;
      return {
        url,
        form,
        subjectKind: 'grant',
        subjectId: grant,
        after: { paymentId: id, status, approvedCents: cents },
      };
    };
    const review = async (form: Record<string, string>, status: string): Promise<Case> => {
      const { pastGrant, submittedReport } = await fresh.submittedReport();
      const url = `/de/grants/${pastGrant}/reports/${submittedReport}/review`;
      return { url, form, subjectKind: 'report', subjectId: submittedReport, after: { status, note: form.note } };
    };
    const changeDecision = async (form: Record<string, string>): Promise<Case> => {
      const grant = w.ids.grant!;
      const id = await w.f.change(grant);
      const url = `/de/grants/${grant}/changes/${id}/decision`;
      return { url, form, subjectKind: 'grant', subjectId: grant, after: { changeRequestId: id, note: form.note } };
    };
    const cases: [string, () => Promise<Case>][] = [
      ['decision.approved', () => decision({ outcome: 'approved', 'amount-2027': '9.000,00' }, 'approved')],
      ['decision.rejected', () => decision({ outcome: 'rejected', reasons: 'Zu wenig Beteiligung' }, 'rejected')],
      ['decision.waitlisted', () => decision({ outcome: 'waitlisted' }, 'waitlisted')],
      ['payment.approved', () => payDecision({ action: 'approve', amount: '100,00' }, 'approved', 10_000)],
      ['payment.reduced', () => payDecision({ action: 'approve', amount: '60,00' }, 'reduced', 6_000)],
      ['payment.rejected', () => payDecision({ action: 'reject' }, 'rejected', 0)],
      ['report.accepted', () => review({ action: 'accept', note: '' }, 'accepted')],
      [
        'report.correctionsRequested',
        () => review({ action: 'corrections', note: 'Beleg fehlt' }, 'correctionsRequested'),
      ],
      ['change.approved', () => changeDecision({ action: 'approve', note: '' })],
      ['change.rejected', () => changeDecision({ action: 'reject', note: 'Nicht nötig' })],
    ];
    const entries = (action: string, subjectId: string) =>
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
    for (const [action, make] of cases) {
      const c = await make();
      const before = await entries(action, c.subjectId);
      const res = await clients.officer.post(c.url, c.form);
      assert.equal(res.status, 303, `${action}: ${res.status}`);
      const added = (await entries(action, c.subjectId)).filter((e) => !before.some((b) => b.id === e.id));
      assert.equal(added.length, 1, `${action}: one entry`);
      const [entry] = added;
      assert.equal(entry?.actorId, w.users.officer, `${action}: who`);
      assert.equal(entry?.actorLabel, people.officer, `${action}: who, readable`);
      assert.equal(entry?.subjectKind, c.subjectKind, `${action}: what`);
      const after = entry?.after as Record<string, unknown>;
      for (const [k, v] of Object.entries(c.after)) assert.deepEqual(after[k], v, `${action}: after.${k}`);
    }
  });
});
