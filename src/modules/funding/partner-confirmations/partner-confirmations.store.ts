// Partner confirmations: the carrier's requests (one row per mail), the partner's answer on the
// mailed page. Only the sha-256 of a link's token is stored; the token is made and mailed by the
// subscriber of `partnerConfirmation.requested` (partner-confirmation-mails.ts), so it stands in no
// event payload either. Each write is one transaction with its audit entry and its event.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import { hashToken } from '../../../core/auth/tokens';
import type { Db } from '../../../core/db/client';
import { emit } from '../../../core/events/events';
import type { FieldIssue } from '../../../core/http/form';
import { getOrganisation } from '../../network/api';
import type { PartnerConfirmationDecided, PartnerConfirmationRequested } from '../events';
import { applications, type ConfirmedPart, calls, partnerConfirmations } from '../schema';
import {
  decisionIssues,
  linkExpiry,
  linkProblem,
  linkStillFor,
  needsConfirmations,
  openPartners,
  partnerStates,
  partOf,
  partSha256,
  requestIssues,
  totalExpensesCents,
} from './partner-confirmation-rules';

export type PartnerConfirmation = typeof partnerConfirmations.$inferSelect;

export async function listConfirmations(db: Db, applicationId: string): Promise<PartnerConfirmation[]> {
  return db
    .select()
    .from(partnerConfirmations)
    .where(eq(partnerConfirmations.applicationId, applicationId))
    .orderBy(asc(partnerConfirmations.requestedAt));
}

/** The confirmations of many applications at once (the officer's lists, the demo), by application. */
export async function listConfirmationsOf(
  db: Db,
  applicationIds: string[],
): Promise<Map<string, PartnerConfirmation[]>> {
  const out = new Map<string, PartnerConfirmation[]>();
  if (applicationIds.length === 0) return out;
  const rows = await db
    .select()
    .from(partnerConfirmations)
    .where(inArray(partnerConfirmations.applicationId, applicationIds))
    .orderBy(asc(partnerConfirmations.requestedAt));
  for (const r of rows) out.set(r.applicationId, [...(out.get(r.applicationId) ?? []), r]);
  return out;
}

/** What the carrier may still change (as applications.store's isEditable; imported there, so not from there). */
const isEditable = (a: { status: string }) => a.status === 'draft' || a.status === 'returned';

const carrierName = async (db: Db, organisationId: string) => (await getOrganisation(db, organisationId))?.name ?? '';

/** Where each partner of the application stands now, for pages and the submission check. */
export async function statesOf(db: Db, application: typeof applications.$inferSelect, now: Date) {
  const rows = await listConfirmations(db, application.id);
  return partnerStates(application.content, await carrierName(db, application.organisationId), rows, now);
}

/**
 * Asks the partners in rows `which` (or every open one) to confirm: a row each, the partner's
 * older open request replaced, and the mail follows from the event. Refused with keyed issues when
 * a partner has no contact or is confirmed already, or the application is no editable full one.
 */
export async function requestConfirmations(
  db: Db,
  actor: Actor,
  applicationId: string,
  which: number[] | 'all',
  at: { now: Date; language: string },
): Promise<{ ok: true; count: number } | { ok: false; issues: FieldIssue[] } | undefined> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
    if (!a) return undefined;
    const rows = await listConfirmations(tx, a.id);
    const states = partnerStates(a.content, await carrierName(tx, a.organisationId), rows, at.now);
    const indices = which === 'all' ? openPartners(a.content.partners, states) : which;
    const issues = requestIssues(
      { stage: a.stage, editable: isEditable(a), planExpensesCents: totalExpensesCents(a.content) },
      a.content.partners,
      indices,
      states,
    );
    if (issues.length) return { ok: false as const, issues };
    for (const i of indices) {
      const p = a.content.partners[i]!;
      await tx
        .update(partnerConfirmations)
        .set({ status: 'superseded' })
        .where(
          and(
            eq(partnerConfirmations.applicationId, a.id),
            eq(partnerConfirmations.partnerIndex, i),
            eq(partnerConfirmations.status, 'pending'),
          ),
        );
      const [row] = await tx
        .insert(partnerConfirmations)
        .values({
          applicationId: a.id,
          partnerIndex: i,
          partnerName: p.name,
          contactName: p.contactName ?? '',
          contactEmail: p.contactEmail ?? '',
          language: at.language,
          requestedBy: actor.id,
          requestedAt: at.now,
          expiresAt: linkExpiry(at.now),
        })
        .returning({ id: partnerConfirmations.id });
      if (!row) throw new Error('partner confirmation insert returned nothing');
      await recordAudit(tx, actor, {
        action: 'partnerConfirmation.requested',
        subjectKind: 'application',
        subjectId: a.id,
        after: { confirmationId: row.id, partner: p.name, to: p.contactEmail, language: at.language },
      });
      await emit(
        tx,
        {
          name: 'partnerConfirmation.requested',
          payload: { applicationId: a.id, confirmationId: row.id },
        } satisfies PartnerConfirmationRequested,
        at.now,
      );
    }
    return { ok: true as const, count: indices.length };
  });
}

/** What the partner's page shows for a link: the request, the application, its call and the part as it stands now. */
export async function openLink(db: Db, token: string) {
  const [found] = await db
    .select({ row: partnerConfirmations, application: applications, callTitle: calls.title })
    .from(partnerConfirmations)
    .innerJoin(applications, eq(applications.id, partnerConfirmations.applicationId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(partnerConfirmations.tokenHash, hashToken(token)));
  if (!found) return undefined;
  const atRow = found.application.content.partners[found.row.partnerIndex];
  const partner = linkStillFor(found.row, atRow) ? atRow : undefined;
  const carrier = await carrierName(db, found.application.organisationId);
  const part = partner ? partOf(partner, { carrier, content: found.application.content }) : undefined;
  return { ...found, part, sha256: part ? partSha256(part) : undefined };
}

export type OpenedLink = NonNullable<Awaited<ReturnType<typeof openLink>>>;

/**
 * The partner's answer through its link: the link must still be open and the part it answers the
 * one the application holds now (a change since the page was shown is refused, to be read again).
 * Records who answered, when, and the sha-256 of exactly the part answered; the link is used up.
 */
export async function answerLink(
  db: Db,
  token: string,
  input: { decision: 'confirm' | 'decline'; name: string; remark: string; shown: string },
  at: { now: Date; ip?: string },
): Promise<
  | { ok: true; status: 'confirmed' | 'declined' }
  | { ok: false; problem: ReturnType<typeof linkProblem> }
  | { ok: false; issues: FieldIssue[] }
> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(partnerConfirmations)
      .where(eq(partnerConfirmations.tokenHash, hashToken(token)))
      .for('update');
    const problem = linkProblem(row, at.now);
    if (problem || !row) return { ok: false as const, problem: problem ?? 'unknown' };
    // the application is locked too: a save of the partners page cannot slip between check and answer
    const [a] = await tx.select().from(applications).where(eq(applications.id, row.applicationId)).for('update');
    const atRow = a?.content.partners[row.partnerIndex];
    const partner = linkStillFor(row, atRow) ? atRow : undefined;
    const part: ConfirmedPart | undefined =
      a && partner
        ? partOf(partner, { carrier: await carrierName(tx, a.organisationId), content: a.content })
        : undefined;
    const sha256 = part ? partSha256(part) : undefined;
    const issues = decisionIssues(input, sha256);
    if (issues.length || !a || !part || !sha256) return { ok: false as const, issues };
    const status = input.decision === 'confirm' ? ('confirmed' as const) : ('declined' as const);
    await tx
      .update(partnerConfirmations)
      .set({
        status,
        decidedAt: at.now,
        decidedByName: input.name,
        remark: input.remark,
        part,
        partSha256: sha256,
      })
      .where(eq(partnerConfirmations.id, row.id));
    await recordAudit(
      tx,
      { id: null, label: `partner: ${input.name} (${row.partnerName})`, ip: at.ip ?? null },
      {
        action: `partnerConfirmation.${status}`,
        subjectKind: 'application',
        subjectId: a.id,
        after: { confirmationId: row.id, partner: row.partnerName, name: input.name, remark: input.remark, sha256 },
      },
    );
    await emit(
      tx,
      {
        name: 'partnerConfirmation.decided',
        payload: { applicationId: a.id, confirmationId: row.id, status },
      } satisfies PartnerConfirmationDecided,
      at.now,
    );
    return { ok: true as const, status };
  });
}

/**
 * A confirmation recorded without a mail, as if the partner had answered at `now` (demo data and
 * tests that are not about the link): every partner of the application confirms its current part.
 */
export async function recordConfirmations(db: Db, applicationId: string, now: Date, by = 'Demo'): Promise<void> {
  await db.transaction(async (tx) => {
    const [a] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
    if (!a || !needsConfirmations(a.stage)) return;
    const carrier = await carrierName(tx, a.organisationId);
    for (const [i, p] of a.content.partners.entries()) {
      const part = partOf(p, { carrier, content: a.content });
      await tx.insert(partnerConfirmations).values({
        applicationId: a.id,
        partnerIndex: i,
        partnerName: p.name,
        contactName: p.contactName || by,
        contactEmail: p.contactEmail || '',
        language: 'de',
        requestedAt: now,
        expiresAt: linkExpiry(now),
        status: 'confirmed',
        decidedAt: now,
        decidedByName: p.contactName || by,
        remark: '',
        part,
        partSha256: partSha256(part),
      });
    }
  });
}
