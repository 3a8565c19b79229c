// Change requests and notification duties on a running grant. A change the funder approves
// becomes a new plan version (and the amended decision refers to it); a shift within the 20 %
// rule is recorded as a notice and takes effect at once.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { preparedRows } from '../../../core/db/prepared';
import { organisationNames } from '../../network/api';
import type { Grant } from '../decisions/decisions.store';
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
import { applyShift, type ChangeProblem, checkExtension, checkPartnerChange, shiftNeedsApproval } from './change-rules';

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
  return db
    .select()
    .from(changeRequests)
    .where(eq(changeRequests.grantId, grantId))
    .orderBy(desc(changeRequests.requestedAt));
}

export async function getChangeRequest(db: Db, grantId: string, id: string): Promise<ChangeRequest | undefined> {
  const [row] = await db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.grantId, grantId), eq(changeRequests.id, id)));
  return row;
}

export async function listPlanVersions(db: Db, grantId: string): Promise<PlanVersion[]> {
  return db.select().from(planVersions).where(eq(planVersions.grantId, grantId)).orderBy(asc(planVersions.version));
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
  change: { plan: StoredPlan; endDate: string; partners: Grant['partners'] },
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

type Applied =
  | { ok: true; plan: StoredPlan; endDate: string; partners: Grant['partners'] }
  | { ok: false; problem: ChangeProblem };

function applyChange(grant: Grant, payload: ChangePayload, maxDurationMonths: number, requiresMo: boolean): Applied {
  const current = { plan: grant.plan, endDate: grant.endDate, partners: grant.partners };
  if (payload.kind === 'shift') {
    const r = applyShift(grant.plan, payload);
    return r.ok ? { ok: true, ...current, plan: r.plan } : r;
  }
  if (payload.kind === 'extension') {
    const problem = checkExtension(grant, payload.endDate, maxDurationMonths);
    return problem ? { ok: false, problem } : { ok: true, ...current, endDate: payload.endDate };
  }
  const problem = checkPartnerChange(payload.partners, requiresMo);
  return problem ? { ok: false, problem } : { ok: true, ...current, partners: payload.partners };
}

export type ChangeResult =
  | { ok: true; id: string; status: 'requested' | 'applied'; planVersion?: number }
  | { ok: false; problem: ChangeProblem };

/**
 * The carrier asks for a change. A shift that stays within the 20 % rule of the decided plan is
 * applied at once as a notice; every other change waits for the officer.
 */
export async function requestChange(
  db: Db,
  actor: Actor,
  grantId: string,
  payload: ChangePayload,
  reason: string,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const row = await lockGrant(tx, grantId);
    if (!row) throw new Error('grant not found');
    const { grant, programme } = row;
    const applied = applyChange(grant, payload, programme.maxDurationMonths, programme.requiresMigrantOrganisation);
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
    return { ok: true, id: cr.id, status: withinRule ? 'applied' : 'requested', planVersion };
  });
}

export type DecideChangeResult = { ok: true; planVersion?: number } | { ok: false; problem: ChangeProblem | 'notOpen' };

/**
 * The officer approves or rejects. Approval applies the change to the plan as it is now (it may
 * have moved since the request) and makes a new decided plan version.
 */
export async function decideChange(
  db: Db,
  actor: Actor,
  grantId: string,
  id: string,
  decision: { approve: boolean; note: string },
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
    if (decision.approve) {
      const applied = applyChange(
        grant,
        cr.payload,
        programme.maxDurationMonths,
        programme.requiresMigrantOrganisation,
      );
      if (!applied.ok) return applied;
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
        decidedAt: new Date(),
      })
      .where(eq(changeRequests.id, id));
    await recordAudit(tx, actor, {
      action: decision.approve ? 'change.approved' : 'change.rejected',
      subjectKind: 'grant',
      subjectId: grantId,
      before: { status: 'requested', planVersion: grant.planVersion, endDate: grant.endDate },
      after: { changeRequestId: id, note: decision.note, planVersion },
    });
    return { ok: true, planVersion };
  });
}

// ---- notification duties ----

export async function reportNotification(
  db: Db,
  actor: Actor,
  grantId: string,
  input: { kind: NotificationKind; occurredOn: string; description: string },
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
    return row.id;
  });
}

export async function listNotifications(db: Db, grantId: string): Promise<Notification[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.grantId, grantId))
    .orderBy(desc(notifications.reportedAt));
}

export async function acknowledgeNotification(
  db: Db,
  actor: Actor,
  grantId: string,
  id: string,
  officerNote: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [n] = await tx
      .update(notifications)
      .set({ acknowledgedBy: actor.id, acknowledgedAt: new Date(), officerNote })
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
