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
import { translator } from '../../../core/i18n/i18n';
import { getOrganisation } from '../../network/api';
import type {
  ApplicationDecided,
  ApplicationInvited,
  ApplicationReturned,
  FundingEvent,
  GrantApproved,
} from '../events';
import { createReportsFor } from '../reports/reports.store';
import {
  applications,
  applicationVersions,
  decisions,
  grants,
  planVersions,
  programmes,
  type StoredPlan,
} from '../schema';
import { grantDecisionPdf } from './grant-decision-pdf';

export type Decision = typeof decisions.$inferSelect;
export type Grant = typeof grants.$inferSelect;
export type Outcome = 'approved' | 'rejected' | 'waitlisted';

const say = (tx: Db, event: FundingEvent, now: Date) => emit(tx, event, now);

export async function latestDecision(db: Db, applicationId: string): Promise<Decision | undefined> {
  const [row] = await prepared(db, 'funding.latestDecision', (d) =>
    d
      .select()
      .from(decisions)
      .where(eq(decisions.applicationId, param('applicationId')))
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

/**
 * Records a decision. Approval turns the submitted version into a grant: its plan with the approved
 * amount per year as the grant lines, its reports, and the decision notice (Zuwendungsbescheid),
 * rendered here and stored with its sha-256, so what the carrier downloads later is what was issued.
 * Decisions are final here; a change needs an amended decision.
 */
export async function decide(
  db: Db,
  actor: Actor,
  input: {
    applicationId: string;
    programmeId: string;
    outcome: Outcome;
    amountsPerYear: Record<string, number>;
    conditions: string;
    reasons: string;
  },
  now: Date,
): Promise<{ decisionId: string; grantId?: string } | undefined> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.applicationId)).for('update');
    if (!app || !(app.status === 'submitted' || app.status === 'waitlisted')) return undefined;
    const [version] = await tx
      .select()
      .from(applicationVersions)
      .where(and(eq(applicationVersions.applicationId, app.id), eq(applicationVersions.version, app.version)));
    if (!version) return undefined;
    const [d] = await tx
      .insert(decisions)
      .values({
        applicationId: app.id,
        outcome: input.outcome,
        amountsPerYear: input.outcome === 'approved' ? input.amountsPerYear : {},
        conditions: input.conditions,
        reasons: input.reasons,
        decidedBy: actor.id,
        decidedAt: now,
      })
      .returning();
    if (!d) throw new Error('decision insert returned nothing');
    await tx.update(applications).set({ status: input.outcome, updatedAt: now }).where(eq(applications.id, app.id));
    let grantId: string | undefined;
    if (input.outcome === 'approved') {
      const plan: StoredPlan = {
        ...version.content.plan,
        grant: Object.entries(input.amountsPerYear).map(([year, amountCents]) => ({ year: Number(year), amountCents })),
      };
      const total = Object.values(input.amountsPerYear).reduce((s, x) => s + x, 0);
      const [g] = await tx
        .insert(grants)
        .values({
          applicationId: app.id,
          decisionId: d.id,
          organisationId: app.organisationId,
          programmeId: input.programmeId,
          title: version.content.title,
          startDate: version.content.startDate,
          endDate: version.content.endDate,
          plan,
          approvedTotalCents: total,
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
      await issueNotice(tx, d, g, actor.id);
      await say(
        tx,
        {
          name: 'grant.approved',
          payload: {
            grantId,
            applicationId: app.id,
            organisationId: app.organisationId,
            programmeId: input.programmeId,
            startDate: g.startDate,
            endDate: g.endDate,
          },
        } satisfies GrantApproved,
        now,
      );
    }
    await recordAudit(tx, actor, {
      action: `decision.${input.outcome}`,
      subjectKind: 'application',
      subjectId: app.id,
      before: { status: app.status },
      after: {
        status: input.outcome,
        amountsPerYear: input.amountsPerYear,
        conditions: input.conditions,
        reasons: input.reasons,
        grantId,
      },
    });
    await say(
      tx,
      {
        name: 'application.decided',
        payload: { applicationId: app.id, outcome: input.outcome, ...(grantId ? { grantId } : {}) },
      } satisfies ApplicationDecided,
      now,
    );
    return { decisionId: d.id, grantId };
  });
}

/**
 * Renders the decision notice for the grant as decided and keeps it: the file and the decision's
 * pointer to it are written in the caller's transaction. German, as the legal document is.
 */
async function issueNotice(tx: Db, decision: Decision, grant: Grant, createdBy: string | null) {
  const [programme] = await tx.select().from(programmes).where(eq(programmes.id, grant.programmeId));
  if (!programme) throw new Error(`no programme ${grant.programmeId}`);
  const org = await getOrganisation(tx, grant.organisationId);
  const content = await grantDecisionPdf(translator('de'), {
    grant,
    decision,
    programme,
    organisationName: org?.name ?? '',
  });
  const file = await storeFile(tx, {
    owner: 'funding',
    filename: noticeFilename,
    mimeType: 'application/pdf',
    content,
    createdBy,
  });
  await tx.update(decisions).set({ documentFileId: file.id }).where(eq(decisions.id, decision.id));
  return file.id;
}

export const noticeFilename = 'zuwendungsbescheid.pdf';

/**
 * The decision notice of an approved application as issued: its stored bytes and sha-256, or
 * undefined when the application has no approved decision with a grant.
 */
export async function decisionNotice(
  db: Db,
  applicationId: string,
): Promise<{ content: Buffer; sha256: string; fileId: string } | undefined> {
  const decision = await latestDecision(db, applicationId);
  if (decision?.outcome !== 'approved') return undefined;
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
    return issueNotice(tx, d, asDecided, d.decidedBy);
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
        content: { ...outline.content, declarations: { truthful: false, noDoubleFunding: false, privacy: false } },
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
