// The officer's decisions on an application: approve (the grant, its reports and the decision
// notice), reject, put on the waiting list, return for changes, invite an outline to the full
// application. Each writes its event in its own transaction (ADR 0011); the notice of an approval is
// rendered once, in the decision's transaction, and kept in `files` as issued.
import { and, desc, eq } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { param, prepared } from '../../../core/db/prepared';
import { emit } from '../../../core/events/events';
import { readFile, storeFile } from '../../../core/files/files';
import type { FieldIssue } from '../../../core/http/form';
import { translator } from '../../../core/i18n/i18n';
import type { FinancingPlan, FinancingType } from '../applications/financing-plan';
import { initialDecidedYears } from '../continuations/continuation-rules';
import type {
  ApplicationDecided,
  ApplicationInvited,
  ApplicationReturned,
  FundingEvent,
  GrantApproved,
} from '../events';
import { noticeContext } from '../notices/notice-context';
import { createReportsFor } from '../reports/reports.store';
import {
  applications,
  applicationVersions,
  calls,
  decisions,
  grants,
  planVersions,
  programmes,
  type StoredPlan,
} from '../schema';
import {
  cosignIssues,
  decisionContext,
  defaultBalance,
  issueIssues,
  type Proposal,
  proposalIssues,
} from './decision-rules';
import { grantDecisionPdf } from './grant-decision-pdf';
import { rejectionNoticeFilename, rejectionNoticePdf } from './rejection-notice-pdf';

export type Decision = typeof decisions.$inferSelect;
export type Grant = typeof grants.$inferSelect;
export type Outcome = 'approved' | 'rejected' | 'waitlisted';

const say = (tx: Db, event: FundingEvent, now: Date) => emit(tx, event, now);

export async function latestDecision(db: Db, applicationId: string): Promise<Decision | undefined> {
  const [row] = await prepared(db, 'funding.latestDecision', (d) =>
    d
      .select()
      .from(decisions)
      .where(and(eq(decisions.applicationId, param('applicationId')), eq(decisions.status, 'issued')))
      .orderBy(desc(decisions.decidedAt))
      .limit(1)
      .prepare('funding.latestDecision'),
  ).execute({ applicationId });
  return row;
}

export async function getGrantOfApplication(db: Db, applicationId: string): Promise<Grant | undefined> {
  const [row] = await prepared(db, 'funding.grantOfApplication', (d) =>
    d
      .select()
      .from(grants)
      .where(eq(grants.applicationId, param('applicationId')))
      .prepare('funding.grantOfApplication'),
  ).execute({ applicationId });
  return row;
}

/** The application's draft decision, if the officers have one. */
export async function draftOf(db: Db, applicationId: string): Promise<Decision | undefined> {
  const [row] = await db
    .select()
    .from(decisions)
    .where(and(eq(decisions.applicationId, applicationId), eq(decisions.status, 'draft')));
  return row;
}

type Refused = { issues: FieldIssue[] };
const refused = (issues: FieldIssue[]): Refused => ({ issues });

/**
 * Saves the officer's proposal as the application's draft decision (replacing an earlier draft):
 * the rules run again here, on the application as submitted and the programme as it is now, and
 * the approval's binding plan is kept with it. Nothing reaches the carrier until it is issued.
 * Undefined when the application is not open to a decision.
 */
export async function saveDraftDecision(
  db: Db,
  actor: Actor,
  input: { applicationId: string; proposal: Proposal },
  now: Date,
): Promise<{ decisionId: string } | Refused | undefined> {
  return db.transaction(async (tx) => {
    const found = await decidable(tx, input.applicationId);
    if (!found) return undefined;
    const checked = proposalIssues(input.proposal, decisionContext(found.version, found.programme));
    if (checked.issues.length > 0) return refused(checked.issues);
    const p = input.proposal;
    await tx.delete(decisions).where(and(eq(decisions.applicationId, found.app.id), eq(decisions.status, 'draft')));
    const [d] = await tx
      .insert(decisions)
      .values({
        applicationId: found.app.id,
        status: 'draft',
        outcome: p.outcome,
        amountsPerYear: p.outcome === 'approved' ? p.amountsPerYear : {},
        plan: checked.plan ?? null,
        balance: p.outcome === 'approved' ? p.balance : null,
        conditions: p.conditions,
        reasons: p.reasons,
        draftedBy: actor.id,
        decidedAt: now,
      })
      .returning();
    if (!d) throw new Error('decision insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'decision.drafted',
      subjectKind: 'application',
      subjectId: found.app.id,
      after: { outcome: p.outcome, amountsPerYear: d.amountsPerYear, plan: d.plan, reasons: p.reasons },
    });
    return { decisionId: d.id };
  });
}

/** A second officer co-signs the draft (Mitzeichnung); the drafter cannot. */
export async function cosignDecision(
  db: Db,
  actor: Actor,
  applicationId: string,
  now: Date,
): Promise<{ ok: true } | Refused | undefined> {
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .select()
      .from(decisions)
      .where(and(eq(decisions.applicationId, applicationId), eq(decisions.status, 'draft')))
      .for('update');
    if (!draft) return undefined;
    const issues = cosignIssues(draft, actor.id);
    if (issues.length > 0) return refused(issues);
    await tx.update(decisions).set({ cosignedBy: actor.id, cosignedAt: now }).where(eq(decisions.id, draft.id));
    await recordAudit(tx, actor, { action: 'decision.cosigned', subjectKind: 'application', subjectId: applicationId });
    return { ok: true };
  });
}

// An application open to a decision, locked, with its submitted version and its programme.
async function decidable(tx: Db, applicationId: string) {
  const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
  if (!app || !(app.status === 'submitted' || app.status === 'waitlisted')) return undefined;
  const [version] = await tx
    .select()
    .from(applicationVersions)
    .where(and(eq(applicationVersions.applicationId, app.id), eq(applicationVersions.version, app.version)));
  const [call] = version ? await tx.select().from(calls).where(eq(calls.id, app.callId)) : [];
  const [programme] = call ? await tx.select().from(programmes).where(eq(programmes.id, call.programmeId)) : [];
  if (!version || !programme) return undefined;
  return { app, version: { stage: app.stage, content: version.content }, programme };
}

/**
 * Issues the draft. Approval turns the submitted version into a grant: the binding plan of the
 * draft (checked once more against the programme as it is now), its reports, and the decision
 * notice (Zuwendungsbescheid), rendered here and stored with its sha-256, so what the carrier
 * downloads later is what was issued. An issued decision is final; a change needs an amended decision.
 */
export async function issueDecision(
  db: Db,
  actor: Actor,
  applicationId: string,
  now: Date,
): Promise<{ decisionId: string; grantId?: string } | Refused | undefined> {
  return db.transaction(async (tx) => {
    const found = await decidable(tx, applicationId);
    if (!found) return undefined;
    const { app, version, programme } = found;
    const [draft] = await tx
      .select()
      .from(decisions)
      .where(and(eq(decisions.applicationId, app.id), eq(decisions.status, 'draft')))
      .for('update');
    if (!draft) return undefined;
    const waiting = issueIssues(draft, programme);
    if (waiting.length > 0) return refused(waiting);
    const outcome = draft.outcome as Outcome;
    const proposal: Proposal = {
      outcome,
      amountsPerYear: draft.amountsPerYear,
      balance: (draft.balance ?? 'manual') as Proposal['balance'],
      // the stored plan is what the officer saw; re-checking it as typed keeps it exactly
      ...(draft.plan
        ? { grid: { expenses: (draft.plan as FinancingPlan).expenses, ownFunds: draft.plan.ownFunds } }
        : {}),
      conditions: draft.conditions,
      reasons: draft.reasons,
    };
    const checked = proposalIssues({ ...proposal, balance: 'manual' }, decisionContext(version, programme));
    if (checked.issues.length > 0) return refused(checked.issues);
    const [d] = await tx
      .update(decisions)
      .set({ status: 'issued', decidedBy: actor.id, decidedAt: now })
      .where(eq(decisions.id, draft.id))
      .returning();
    if (!d) throw new Error('decision update returned nothing');
    await tx.update(applications).set({ status: outcome, updatedAt: now }).where(eq(applications.id, app.id));
    let grantId: string | undefined;
    if (outcome === 'approved' && checked.plan) {
      const plan: StoredPlan = checked.plan;
      const total = Object.values(d.amountsPerYear).reduce((s, x) => s + x, 0);
      const [g] = await tx
        .insert(grants)
        .values({
          applicationId: app.id,
          decisionId: d.id,
          organisationId: app.organisationId,
          programmeId: programme.id,
          title: version.content.title,
          startDate: version.content.startDate,
          endDate: version.content.endDate,
          plan,
          approvedTotalCents: total,
          // a programme deciding yearly grants the first budget year now, the later ones on continuations
          decidedYears: initialDecidedYears(programme.decisionPeriod, plan),
        })
        .returning();
      if (!g) throw new Error('grant insert returned nothing');
      grantId = g.id;
      await tx.insert(planVersions).values({
        grantId,
        version: 1,
        plan,
        endDate: version.content.endDate,
        basis: 'decision',
        createdBy: actor.id,
      });
      await createReportsFor(tx, grantId, version.content.startDate, version.content.endDate);
      await issueNotice(tx, d, g, actor.id, now);
      await say(
        tx,
        {
          name: 'grant.approved',
          payload: {
            grantId,
            applicationId: app.id,
            organisationId: app.organisationId,
            programmeId: programme.id,
            startDate: g.startDate,
            endDate: g.endDate,
          },
        } satisfies GrantApproved,
        now,
      );
    }
    if (outcome === 'rejected') await issueNotice(tx, d, undefined, actor.id, now);
    await recordAudit(tx, actor, {
      action: `decision.${outcome}`,
      subjectKind: 'application',
      subjectId: app.id,
      before: { status: app.status },
      after: {
        status: outcome,
        amountsPerYear: d.amountsPerYear,
        plan: d.plan,
        conditions: d.conditions,
        reasons: d.reasons,
        draftedBy: d.draftedBy,
        cosignedBy: d.cosignedBy,
        grantId,
      },
    });
    await say(
      tx,
      {
        name: 'application.decided',
        payload: { applicationId: app.id, outcome, ...(grantId ? { grantId } : {}) },
      } satisfies ApplicationDecided,
      now,
    );
    return { decisionId: d.id, grantId };
  });
}

/**
 * Drafts and issues in one step, for the demo and tests: the amounts per year, the cut balanced the
 * way the financing type suggests unless `balance` says otherwise. Throws when the rules refuse it.
 */
export async function decide(
  db: Db,
  actor: Actor,
  input: {
    applicationId: string;
    outcome: Outcome;
    amountsPerYear: Record<string, number>;
    conditions: string;
    reasons: string;
    balance?: Proposal['balance'];
    grid?: Proposal['grid'];
  },
  now: Date,
): Promise<{ decisionId: string; grantId?: string } | undefined> {
  const found = await db.transaction((tx) => decidable(tx, input.applicationId));
  if (!found) return undefined;
  const proposal: Proposal = {
    outcome: input.outcome,
    amountsPerYear: input.amountsPerYear,
    balance: input.balance ?? (input.grid ? 'manual' : defaultBalance(found.programme.financingType as FinancingType)),
    grid: input.grid,
    conditions: input.conditions,
    reasons: input.reasons,
  };
  const drafted = await saveDraftDecision(db, actor, { applicationId: input.applicationId, proposal }, now);
  if (!drafted) return undefined;
  if ('issues' in drafted) throw new Error(`decision refused: ${JSON.stringify(drafted.issues)}`);
  const issued = await issueDecision(db, actor, input.applicationId, now);
  if (issued && 'issues' in issued) throw new Error(`decision refused: ${JSON.stringify(issued.issues)}`);
  return issued;
}

/**
 * Renders the notice of an issued decision and keeps it: the grant decision for an approval, the
 * rejection notice for a rejection. The file and the decision's pointer to it are written in the
 * caller's transaction; the application gets its case number here at the latest. German, as the
 * legal document is.
 */
async function issueNotice(tx: Db, decision: Decision, grant: Grant | undefined, createdBy: string | null, now: Date) {
  const content = await renderNotice(tx, decision, grant, { now });
  const file = await storeFile(tx, {
    owner: 'funding',
    filename: grant ? noticeFilename : rejectionNoticeFilename,
    mimeType: 'application/pdf',
    content,
    createdBy,
  });
  await tx.update(decisions).set({ documentFileId: file.id }).where(eq(decisions.id, decision.id));
  return file.id;
}

export const noticeFilename = 'zuwendungsbescheid.pdf';
export { rejectionNoticeFilename };

// The notice of a decision (on its grant, for an approval), as issued or, for a draft, as it would be.
async function renderNotice(
  tx: Db,
  decision: Decision,
  grant: Grant | undefined,
  o: { now: Date; draft?: boolean },
): Promise<Buffer> {
  const [app] = await tx.select().from(applications).where(eq(applications.id, decision.applicationId));
  if (!app) throw new Error(`no application ${decision.applicationId}`);
  const [call] = await tx.select().from(calls).where(eq(calls.id, app.callId));
  const [programme] = call ? await tx.select().from(programmes).where(eq(programmes.id, call.programmeId)) : [];
  if (!programme) throw new Error(`no programme for application ${app.id}`);
  const [version] = await tx
    .select()
    .from(applicationVersions)
    .where(eq(applicationVersions.applicationId, app.id))
    .orderBy(desc(applicationVersions.version))
    .limit(1);
  const notice = await noticeContext(tx, {
    applicationId: app.id,
    organisationId: app.organisationId,
    officerId: decision.decidedBy ?? decision.draftedBy,
    now: o.now,
    preview: o.draft,
  });
  const requestedTotalCents = (version?.content.plan.grant ?? []).reduce((s, g) => s + g.amountCents, 0);
  const appliedAt = version?.submittedAt ?? app.submittedAt ?? undefined;
  if (!grant)
    return rejectionNoticePdf(translator('de'), {
      decision,
      programme,
      notice,
      project: { title: version?.content.title ?? '', requestedTotalCents },
      appliedAt,
      draft: o.draft,
    });
  // the years this decision grants: under a yearly programme the first one, the later ones intended
  // (also for a notice rendered late, after continuations decided more years)
  const decidedYears =
    grant.decidedYears === null && !o.draft ? null : initialDecidedYears(programme.decisionPeriod, grant.plan);
  return grantDecisionPdf(translator('de'), {
    grant: { ...grant, decidedYears },
    decision,
    programme,
    notice,
    purpose: version?.content.summary ?? '',
    appliedAt,
    requestedTotalCents,
    draft: o.draft,
  });
}

/**
 * The preview of the application's draft decision: the notice as issuing it would produce, from
 * the draft's binding plan, marked as a draft. Approvals and rejections have a notice to preview.
 */
export async function previewNotice(db: Db, applicationId: string, now: Date): Promise<Buffer | undefined> {
  const draft = await draftOf(db, applicationId);
  if (draft?.outcome === 'rejected')
    return renderNotice(db, { ...draft, decidedAt: now }, undefined, { now, draft: true });
  if (draft?.outcome !== 'approved' || !draft.plan) return undefined;
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  const [version] = app
    ? await db
        .select()
        .from(applicationVersions)
        .where(and(eq(applicationVersions.applicationId, app.id), eq(applicationVersions.version, app.version)))
    : [];
  const [call] = app ? await db.select().from(calls).where(eq(calls.id, app.callId)) : [];
  if (!app || !version || !call) return undefined;
  const grant: Grant = {
    id: '00000000-0000-0000-0000-000000000000',
    applicationId: app.id,
    decisionId: draft.id,
    organisationId: app.organisationId,
    programmeId: call.programmeId,
    title: version.content.title,
    startDate: version.content.startDate,
    endDate: version.content.endDate,
    plan: draft.plan,
    planVersion: 1,
    partners: null,
    approvedTotalCents: Object.values(draft.amountsPerYear).reduce((s, x) => s + x, 0),
    nextReportDue: null,
    withdrawnOn: null,
    // set when issued; the notice reads the programme's decision period (renderNotice)
    decidedYears: null,
    createdAt: now,
  };
  return renderNotice(db, { ...draft, decidedAt: now }, grant, { now, draft: true });
}

/**
 * The decision notice of an approved application as issued (or, with `outcome` 'rejected', the
 * rejection notice of a rejected one): its stored bytes and sha-256, or undefined when the
 * application's latest issued decision is not of that outcome.
 */
export async function decisionNotice(
  db: Db,
  applicationId: string,
  outcome: 'approved' | 'rejected' = 'approved',
): Promise<{ content: Buffer; sha256: string; fileId: string } | undefined> {
  const decision = await latestDecision(db, applicationId);
  if (decision?.outcome !== outcome) return undefined;
  const fileId = decision.documentFileId ?? (await issueLateNotice(db, decision.id));
  if (!fileId) return undefined;
  const file = await readFile(db, fileId);
  return file ? { content: file.content, sha256: file.sha256, fileId } : undefined;
}

/**
 * Decisions made before notices were stored at the decision (migration 0011) have no file yet: the
 * first request renders the notice once and stores it, and from then on it is served as stored. It
 * is rendered from the grant as decided, not as it stands: the plan and end date of plan version 1
 * (the version the decision created) and the total of the decided amounts, so an extension approved
 * in between does not reach into the original notice.
 */
async function issueLateNotice(db: Db, decisionId: string): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(decisions).where(eq(decisions.id, decisionId)).for('update');
    if (!d) return undefined;
    if (d.documentFileId) return d.documentFileId; // another request issued it meanwhile
    if (d.outcome === 'rejected') return issueNotice(tx, d, undefined, d.decidedBy, d.decidedAt);
    const [grant] = await tx.select().from(grants).where(eq(grants.decisionId, d.id));
    if (!grant) return undefined;
    const [first] = await tx
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.grantId, grant.id), eq(planVersions.version, 1)));
    const asDecided: Grant = {
      ...grant,
      plan: first?.plan ?? grant.plan,
      endDate: first?.endDate ?? grant.endDate,
      approvedTotalCents: Object.values(d.amountsPerYear).reduce((s, x) => s + x, 0),
    };
    return issueNotice(tx, d, asDecided, d.decidedBy, d.decidedAt);
  });
}

/** An officer sends a submitted application back; the carrier edits and submits a new version. */
export async function returnForChanges(db: Db, actor: Actor, id: string, reason: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (current?.status !== 'submitted') return false;
    await tx.update(applications).set({ status: 'returned', updatedAt: now }).where(eq(applications.id, id));
    await recordAudit(tx, actor, {
      action: 'application.returned',
      subjectKind: 'application',
      subjectId: id,
      before: { status: 'submitted', version: current.version },
      after: { status: 'returned', reason },
    });
    await say(
      tx,
      { name: 'application.returned', payload: { applicationId: id, reason } } satisfies ApplicationReturned,
      now,
    );
    return true;
  });
}

/**
 * Stage 1 to stage 2: the outline is marked invited and a full application is opened for the same
 * carrier, prefilled with everything the outline already said.
 */
export async function inviteFullApplication(
  db: Db,
  actor: Actor,
  outlineId: string,
  dueAt: Date,
  now: Date,
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const [outline] = await tx.select().from(applications).where(eq(applications.id, outlineId)).for('update');
    if (outline?.stage !== 'outline' || outline.status !== 'submitted') return undefined;
    await tx.update(applications).set({ status: 'invited', updatedAt: now }).where(eq(applications.id, outlineId));
    const [row] = await tx
      .insert(applications)
      .values({
        callId: outline.callId,
        organisationId: outline.organisationId,
        stage: 'full',
        content: { ...outline.content, declarations: { truthful: false, noDoubleFunding: false } },
        eligibilityAnswers: outline.eligibilityAnswers,
        grantTotalCents: outline.grantTotalCents,
        outlineId,
        dueAt,
        createdBy: actor.id,
      })
      .returning({ id: applications.id });
    if (!row) throw new Error('application insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'application.invited',
      subjectKind: 'application',
      subjectId: outlineId,
      before: { status: 'submitted' },
      after: { status: 'invited', fullApplicationId: row.id, dueAt },
    });
    await say(
      tx,
      {
        name: 'application.invited',
        payload: { applicationId: outlineId, fullApplicationId: row.id, dueAt: dueAt.toISOString() },
      } satisfies ApplicationInvited,
      now,
    );
    return row.id;
  });
}
