// Change requests and notification duties on a running grant. A change the funder approves
// becomes a new plan version and an amended decision (Änderungsbescheid), rendered once in the
// approval's transaction and kept in `files` as issued; a shift within the 20 % rule is recorded as
// a notice and takes effect at once. Each change writes its event in its transaction (ADR 0011).
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { param, prepared, preparedRows } from '../../../core/db/prepared';
import { emit } from '../../../core/events/events';
import { readFile, storeFile } from '../../../core/files/files';
import type { FieldIssue } from '../../../core/http/form';
import { translator } from '../../../core/i18n/i18n';
import { berlinDate } from '../../../core/time/calendar';
import { organisationNames } from '../../network/api';
import { type Grant, latestDecision } from '../decisions/decisions.store';
import { grantDecisionPdf } from '../decisions/grant-decision-pdf';
import type { ChangeDecided, ChangeRequested, NotificationReported } from '../events';
import { noticeContext } from '../notices/notice-context';
import { reportSchedule } from '../reports/reports.store';
import {
  type ChangePayload,
  changeRequests,
  grants,
  notifications,
  planVersions,
  programmes,
  reports,
  type StoredPlan,
} from '../schema';
import type { Programme } from '../types';
import { type AppliedChange, applyChange, shiftNeedsApproval } from './change-rules';
import { changeSummary } from './change-summary';

export type ChangeRequest = typeof changeRequests.$inferSelect;
export type PlanVersion = typeof planVersions.$inferSelect;
export type Notification = typeof notifications.$inferSelect;

export const notificationKinds = [
  'otherFunding',
  'purposeChange',
  'purposeUnachievable',
  'unspentMoney',
  'insolvency',
  'other',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export async function listChangeRequests(db: Db, grantId: string): Promise<ChangeRequest[]> {
  return prepared(db, 'funding.changeRequests', (d) =>
    d
      .select()
      .from(changeRequests)
      .where(eq(changeRequests.grantId, param('grantId')))
      .orderBy(desc(changeRequests.requestedAt))
      .prepare('funding.changeRequests'),
  ).execute({ grantId });
}

export async function getChangeRequest(db: Db, grantId: string, id: string): Promise<ChangeRequest | undefined> {
  const [row] = await db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.grantId, grantId), eq(changeRequests.id, id)));
  return row;
}

export async function listPlanVersions(db: Db, grantId: string): Promise<PlanVersion[]> {
  return prepared(db, 'funding.planVersions', (d) =>
    d
      .select()
      .from(planVersions)
      .where(eq(planVersions.grantId, param('grantId')))
      .orderBy(asc(planVersions.version))
      .prepare('funding.planVersions'),
  ).execute({ grantId });
}

/** The plan the funder last decided; grants made before plan versions existed fall back to their plan. */
async function decidedPlan(db: Db, grant: Grant): Promise<StoredPlan> {
  const [row] = await db
    .select({ plan: planVersions.plan })
    .from(planVersions)
    .where(and(eq(planVersions.grantId, grant.id), eq(planVersions.basis, 'decision')))
    .orderBy(desc(planVersions.version))
    .limit(1);
  return row?.plan ?? grant.plan;
}

async function addPlanVersion(
  tx: Db,
  actor: Actor,
  grant: Grant,
  change: AppliedChange,
  basis: 'decision' | 'notice',
  changeRequestId: string,
): Promise<number> {
  const version = grant.planVersion + 1;
  await tx
    .insert(planVersions)
    .values({ grantId: grant.id, version, ...change, basis, changeRequestId, createdBy: actor.id });
  await tx
    .update(grants)
    .set({ plan: change.plan, endDate: change.endDate, partners: change.partners, planVersion: version })
    .where(eq(grants.id, grant.id));
  return version;
}

/** A longer project: the final report moves, and the former last year now needs an interim report. */
async function rescheduleReports(tx: Db, grantId: string, start: string, end: string) {
  const existing = await tx.select().from(reports).where(eq(reports.grantId, grantId));
  for (const r of reportSchedule(start, end)) {
    const same = existing.find((e) => e.kind === r.kind && (r.kind === 'final' || e.budgetYear === r.budgetYear));
    if (!same) await tx.insert(reports).values({ grantId, ...r });
    else if (same.dueOn !== r.dueOn && same.status !== 'accepted')
      await tx.update(reports).set({ dueOn: r.dueOn }).where(eq(reports.id, same.id));
  }
}

/** The grant with its programme's rules, its row locked so two changes cannot both build on one plan. */
async function lockGrant(tx: Db, grantId: string) {
  const [row] = await tx
    .select({ grant: grants, programme: programmes })
    .from(grants)
    .innerJoin(programmes, eq(programmes.id, grants.programmeId))
    .where(eq(grants.id, grantId))
    .for('update', { of: grants });
  return row;
}

export type ChangeResult =
  | { ok: true; id: string; status: 'requested' | 'applied'; planVersion?: number }
  | { ok: false; issues: FieldIssue[] };

/**
 * The carrier asks for a change. A shift that stays within the 20 % rule of the decided plan is
 * applied at once as a notice; every other change waits for the officer (change.requested). After
 * the project's end (the Berlin day of `now`) none is accepted, checked under the grant's lock.
 */
export async function requestChange(
  db: Db,
  actor: Actor,
  grantId: string,
  payload: ChangePayload,
  reason: string,
  now: Date,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const row = await lockGrant(tx, grantId);
    if (!row) throw new Error('grant not found');
    const { grant, programme } = row;
    const applied = applyChange(grant, payload, programme, berlinDate(now));
    if (!applied.ok) return applied;
    const withinRule = payload.kind === 'shift' && !shiftNeedsApproval(await decidedPlan(tx, grant), applied.plan);
    const [cr] = await tx
      .insert(changeRequests)
      .values({
        grantId,
        kind: payload.kind,
        payload,
        reason,
        status: withinRule ? 'applied' : 'requested',
        requestedBy: actor.id,
      })
      .returning({ id: changeRequests.id });
    if (!cr) throw new Error('change request insert returned nothing');
    let planVersion: number | undefined;
    if (withinRule) {
      planVersion = await addPlanVersion(tx, actor, grant, applied, 'notice', cr.id);
      await tx.update(changeRequests).set({ planVersion }).where(eq(changeRequests.id, cr.id));
    }
    await recordAudit(tx, actor, {
      action: withinRule ? 'change.appliedWithinRule' : 'change.requested',
      subjectKind: 'grant',
      subjectId: grantId,
      before: withinRule ? { planVersion: grant.planVersion, expenses: grant.plan.expenses } : undefined,
      after: { changeRequestId: cr.id, payload, reason, planVersion },
    });
    // a notice needs nobody's decision; a request waits for the programme's officers
    if (!withinRule)
      await emit(
        tx,
        { name: 'change.requested', payload: { grantId, changeId: cr.id } } satisfies ChangeRequested,
        now,
      );
    return { ok: true, id: cr.id, status: withinRule ? 'applied' : 'requested', planVersion };
  });
}

export type DecideChangeResult =
  | { ok: true; planVersion?: number }
  | { ok: false; problem: 'notOpen' }
  | { ok: false; issues: FieldIssue[] };

/**
 * The officer approves or rejects. Approval applies the change to the plan as it is now (it may
 * have moved since the request), makes a new decided plan version and issues the amended decision
 * in the same transaction. A change that no longer fits is refused with its reason at "decision".
 */
export async function decideChange(
  db: Db,
  actor: Actor,
  grantId: string,
  id: string,
  decision: { approve: boolean; note: string },
  now: Date,
): Promise<DecideChangeResult> {
  return db.transaction(async (tx) => {
    const row = await lockGrant(tx, grantId);
    const [cr] = await tx
      .select()
      .from(changeRequests)
      .where(and(eq(changeRequests.id, id), eq(changeRequests.grantId, grantId)))
      .for('update');
    if (!row || cr?.status !== 'requested') return { ok: false, problem: 'notOpen' };
    const { grant, programme } = row;
    let planVersion: number | undefined;
    let applied: AppliedChange | undefined;
    if (decision.approve) {
      // a change asked for in time may be decided after the project's end: the end counts on the day it was asked
      const result = applyChange(grant, cr.payload, programme, berlinDate(cr.requestedAt));
      if (!result.ok) return { ok: false, issues: result.issues.map((i) => ({ ...i, field: 'decision' })) };
      applied = result;
      planVersion = await addPlanVersion(tx, actor, grant, applied, 'decision', cr.id);
      if (applied.endDate !== grant.endDate) await rescheduleReports(tx, grant.id, grant.startDate, applied.endDate);
    }
    await tx
      .update(changeRequests)
      .set({
        status: decision.approve ? 'approved' : 'rejected',
        decisionNote: decision.note,
        planVersion: planVersion ?? null,
        decidedBy: actor.id,
        decidedAt: now,
      })
      .where(eq(changeRequests.id, id));
    if (applied && planVersion)
      await issueAmendedDecision(tx, {
        grant,
        programme,
        change: { id, payload: cr.payload, decisionNote: decision.note, decidedAt: now },
        version: { version: planVersion, plan: applied.plan, endDate: applied.endDate },
        createdBy: actor.id,
      });
    await recordAudit(tx, actor, {
      action: decision.approve ? 'change.approved' : 'change.rejected',
      subjectKind: 'grant',
      subjectId: grantId,
      before: { status: 'requested', planVersion: grant.planVersion, endDate: grant.endDate },
      after: { changeRequestId: id, note: decision.note, planVersion },
    });
    await emit(
      tx,
      {
        name: 'change.decided',
        payload: { grantId, changeId: id, outcome: decision.approve ? 'approved' : 'rejected' },
      } satisfies ChangeDecided,
      now,
    );
    return { ok: true, planVersion };
  });
}

// ---- the amended decision, issued once ----

/**
 * Renders the amended decision for an approved change and keeps it: the file and the change's
 * pointer to it are written in the caller's transaction. German, as the legal document is.
 */
async function issueAmendedDecision(
  tx: Db,
  o: {
    grant: Grant;
    programme: Programme;
    change: { id: string; payload: ChangePayload; decisionNote: string; decidedAt: Date };
    version: { version: number; plan: StoredPlan; endDate: string };
    createdBy: string | null;
  },
): Promise<string> {
  const decision = await latestDecision(tx, o.grant.applicationId);
  if (!decision) throw new Error(`grant ${o.grant.id} has no decision to amend`);
  const [previous] = await tx
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.grantId, o.grant.id), eq(planVersions.version, o.version.version - 1)));
  const notice = await noticeContext(tx, {
    applicationId: o.grant.applicationId,
    organisationId: o.grant.organisationId,
    officerId: o.createdBy,
    now: o.change.decidedAt,
  });
  const t = translator('de');
  const content = await grantDecisionPdf(t, {
    grant: o.grant,
    decision,
    programme: o.programme,
    notice,
    purpose: '',
    amendment: {
      decidedAt: o.change.decidedAt,
      summary: changeSummary({ t, lang: 'de' }, o.change),
      note: o.change.decisionNote,
      version: o.version,
      previous: previous
        ? { plan: previous.plan, endDate: previous.endDate }
        : { plan: o.grant.plan, endDate: o.grant.endDate },
    },
  });
  const file = await storeFile(tx, {
    owner: 'funding',
    filename: amendedDecisionFilename(o.version.version),
    mimeType: 'application/pdf',
    content,
    createdBy: o.createdBy,
  });
  await tx.update(changeRequests).set({ documentFileId: file.id }).where(eq(changeRequests.id, o.change.id));
  return file.id;
}

export const amendedDecisionFilename = (version: number) => `aenderungsbescheid-${version}.pdf`;

/**
 * The amended decision of an approved change as issued: its stored bytes and sha-256, or undefined
 * when the change is not approved. Approvals made before the notice was stored at the decision
 * (migration 0011) get it rendered and stored on the first request, from the plan version the
 * approval created, and served as stored from then on.
 */
export async function amendedDecision(
  db: Db,
  grantId: string,
  changeId: string,
): Promise<{ content: Buffer; sha256: string; version: number } | undefined> {
  const change = await getChangeRequest(db, grantId, changeId);
  if (change?.status !== 'approved' || !change.planVersion || !change.decidedAt) return undefined;
  const fileId = change.documentFileId ?? (await issueLateAmendedDecision(db, grantId, changeId));
  const file = fileId ? await readFile(db, fileId) : undefined;
  return file ? { content: file.content, sha256: file.sha256, version: change.planVersion } : undefined;
}

async function issueLateAmendedDecision(db: Db, grantId: string, changeId: string): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const [cr] = await tx
      .select()
      .from(changeRequests)
      .where(and(eq(changeRequests.id, changeId), eq(changeRequests.grantId, grantId)))
      .for('update');
    if (cr?.status !== 'approved' || !cr.planVersion || !cr.decidedAt) return undefined;
    if (cr.documentFileId) return cr.documentFileId; // another request issued it meanwhile
    const [row] = await tx
      .select({ grant: grants, programme: programmes })
      .from(grants)
      .innerJoin(programmes, eq(programmes.id, grants.programmeId))
      .where(eq(grants.id, grantId));
    const [version] = await tx
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.grantId, grantId), eq(planVersions.version, cr.planVersion)));
    if (!row || !version) return undefined;
    return issueAmendedDecision(tx, {
      grant: row.grant,
      programme: row.programme,
      change: { id: cr.id, payload: cr.payload, decisionNote: cr.decisionNote, decidedAt: cr.decidedAt },
      version: { version: version.version, plan: version.plan, endDate: version.endDate },
      createdBy: cr.decidedBy,
    });
  });
}

// ---- notification duties ----

export async function reportNotification(
  db: Db,
  actor: Actor,
  grantId: string,
  input: { kind: NotificationKind; occurredOn: string; description: string },
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notifications)
      .values({ grantId, ...input, reportedBy: actor.id })
      .returning({ id: notifications.id });
    if (!row) throw new Error('notification insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'notification.reported',
      subjectKind: 'grant',
      subjectId: grantId,
      after: { notificationId: row.id, ...input },
    });
    await emit(
      tx,
      { name: 'notification.reported', payload: { grantId, notificationId: row.id } } satisfies NotificationReported,
      now,
    );
    return row.id;
  });
}

export async function listNotifications(db: Db, grantId: string): Promise<Notification[]> {
  return prepared(db, 'funding.notifications', (d) =>
    d
      .select()
      .from(notifications)
      .where(eq(notifications.grantId, param('grantId')))
      .orderBy(desc(notifications.reportedAt))
      .prepare('funding.notifications'),
  ).execute({ grantId });
}

export async function acknowledgeNotification(
  db: Db,
  actor: Actor,
  grantId: string,
  id: string,
  officerNote: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [n] = await tx
      .update(notifications)
      .set({ acknowledgedBy: actor.id, acknowledgedAt: now, officerNote })
      .where(and(eq(notifications.id, id), eq(notifications.grantId, grantId), isNull(notifications.acknowledgedAt)))
      .returning({ id: notifications.id });
    if (!n) return false;
    await recordAudit(tx, actor, {
      action: 'notification.acknowledged',
      subjectKind: 'grant',
      subjectId: grantId,
      after: { notificationId: id, officerNote },
    });
    return true;
  });
}

export interface InboxItem {
  kind: 'change' | 'notification';
  id: string;
  grantId: string;
  grantTitle: string;
  organisationName: string;
  what: string;
  at: Date;
}

/** What waits for an officer: open change requests and unread notifications of their programmes. */
export async function officerInbox(db: Db, programmeIds: string[] | undefined): Promise<InboxItem[]> {
  if (programmeIds?.length === 0) return [];
  const scope = programmeIds ? sql`g.programme_id = any(${sql.placeholder('ids')}::uuid[])` : sql`true`;
  const rows = await preparedRows<{
    kind: 'change' | 'notification';
    id: string;
    grant_id: string;
    title: string;
    organisation_id: string;
    what: string;
    at: Date | string;
  }>(
    db,
    programmeIds ? 'funding.inbox.programmes' : 'funding.inbox.all',
    () =>
      sql`select 'change' as kind, c.id, g.id as grant_id, g.title, g.organisation_id, c.kind as what, c.requested_at as at
            from funding_change_requests c join funding_grants g on g.id = c.grant_id
            where c.status = 'requested' and ${scope}
          union all
          select 'notification', n.id, g.id, g.title, g.organisation_id, n.kind, n.reported_at
            from funding_notifications n join funding_grants g on g.id = n.grant_id
            where n.acknowledged_at is null and ${scope}
          order by at`,
    programmeIds ? { ids: programmeIds } : {},
  );
  // the carriers' names from the network module, which owns them
  const names = await organisationNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    grantId: r.grant_id,
    grantTitle: r.title,
    organisationName: names.get(r.organisation_id) ?? '',
    what: r.what,
    at: new Date(r.at),
  }));
}
