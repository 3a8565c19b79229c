// Reads a case's history from its sources and writes the officers' internal notes. Only core tables
// (audit_log, outbox, files, users) and funding's own are read. Mails are matched by the link to
// the case they are about (`about` of sendMail, kept on the outbox row and indexed).
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Actor } from '../../../core/audit/audit';
import { recordAudit } from '../../../core/audit/audit';
import { auditLog } from '../../../core/audit/schema';
import { users } from '../../../core/auth/schema';
import type { Db } from '../../../core/db/client';
import { files } from '../../../core/files/schema';
import { outbox } from '../../../core/mail/schema';
import {
  caseNotes,
  changeRequests,
  continuations,
  decisions,
  interestNotices,
  reclaims,
  reports,
  withdrawals,
} from '../schema';
import { type HistoryEntry, inTimeOrder } from './history-rules';

export type CaseKind = 'application' | 'grant';

async function namesOf(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function auditEntries(db: Db, subjects: { kind: string; ids: string[] }[]): Promise<HistoryEntry[]> {
  const conds = subjects
    .filter((s) => s.ids.length > 0)
    .map((s) => and(eq(auditLog.subjectKind, s.kind), inArray(auditLog.subjectId, s.ids)));
  if (conds.length === 0) return [];
  const rows = await db
    .select()
    .from(auditLog)
    .where(or(...conds))
    .orderBy(asc(auditLog.at));
  // a note's own entry tells nothing the note does not
  return (
    rows
      .filter((r) => r.action !== 'note.added')
      // a partner answering through its mailed link has no account, but a name (partner-confirmations/)
      .map((r) => ({
        at: r.at,
        kind: 'audit',
        who: r.actorId || r.action.startsWith('partnerConfirmation.') ? r.actorLabel : null,
        text: r.action,
      }))
  );
}

async function mailEntries(db: Db, kind: CaseKind, id: string): Promise<HistoryEntry[]> {
  const rows = await db
    .select({ at: outbox.createdAt, to: outbox.to, subject: outbox.subject })
    .from(outbox)
    .where(and(eq(outbox.aboutKind, kind), eq(outbox.aboutId, id)));
  return rows.map((m) => ({
    at: m.at,
    kind: 'mail',
    who: null,
    key: 'funding:history.mailTo',
    params: { to: m.to, subject: m.subject },
  }));
}

async function noteEntries(db: Db, kind: CaseKind, id: string): Promise<HistoryEntry[]> {
  const rows = await db
    .select()
    .from(caseNotes)
    .where(and(eq(caseNotes.subjectKind, kind), eq(caseNotes.subjectId, id)))
    .orderBy(asc(caseNotes.createdAt));
  const names = await namesOf(
    db,
    rows.map((r) => r.authorId),
  );
  return rows.map((n) => ({
    at: n.createdAt,
    kind: 'note',
    who: (n.authorId && names.get(n.authorId)) || null,
    text: n.text,
  }));
}

type IssuedDoc = { at: Date; by: string | null; sha: string | null; key: string; path?: string };
async function documentEntries(db: Db, docs: IssuedDoc[]): Promise<HistoryEntry[]> {
  const names = await namesOf(
    db,
    docs.map((d) => d.by),
  );
  return docs.map((d) => ({
    at: d.at,
    kind: 'document',
    who: (d.by && names.get(d.by)) || null,
    key: d.key,
    params: { sha: d.sha ?? '' },
    ...(d.path ? { path: d.path } : {}),
  }));
}

async function issuedDecisions(db: Db, applicationId: string): Promise<IssuedDoc[]> {
  const rows = await db
    .select({ at: decisions.decidedAt, by: decisions.decidedBy, sha: files.sha256 })
    .from(decisions)
    .innerJoin(files, eq(files.id, decisions.documentFileId))
    .where(and(eq(decisions.applicationId, applicationId), eq(decisions.status, 'issued')));
  return rows.map((r) => ({ ...r, key: 'funding:history.document.decision' }));
}

/** Everything about an application, oldest first. */
export async function applicationHistory(db: Db, applicationId: string): Promise<HistoryEntry[]> {
  const [audit, mails, docs, notes] = await Promise.all([
    auditEntries(db, [{ kind: 'application', ids: [applicationId] }]),
    mailEntries(db, 'application', applicationId),
    issuedDecisions(db, applicationId).then((d) => documentEntries(db, d)),
    noteEntries(db, 'application', applicationId),
  ]);
  return inTimeOrder(audit, mails, docs, notes);
}

/** Everything about a grant (its payments, changes, reports and reclaims among it), oldest first. */
export async function grantHistory(db: Db, grant: { id: string; applicationId: string }): Promise<HistoryEntry[]> {
  const [reportIds, changes, notices, withdrawn, continued] = await Promise.all([
    db.select({ id: reports.id }).from(reports).where(eq(reports.grantId, grant.id)),
    db
      .select({ change: changeRequests, sha: files.sha256 })
      .from(changeRequests)
      .leftJoin(files, eq(files.id, changeRequests.documentFileId))
      .where(eq(changeRequests.grantId, grant.id))
      .orderBy(asc(changeRequests.requestedAt)),
    db
      .select({ notice: interestNotices, sha: files.sha256 })
      .from(interestNotices)
      .innerJoin(reclaims, eq(reclaims.id, interestNotices.reclaimId))
      .innerJoin(files, eq(files.id, interestNotices.fileId))
      .where(eq(reclaims.grantId, grant.id)),
    db
      .select({ w: withdrawals, sha: files.sha256 })
      .from(withdrawals)
      .innerJoin(files, eq(files.id, withdrawals.fileId))
      .where(eq(withdrawals.grantId, grant.id)),
    db
      .select({ c: continuations, sha: files.sha256 })
      .from(continuations)
      .innerJoin(files, eq(files.id, continuations.documentFileId))
      .where(eq(continuations.grantId, grant.id)),
  ]);
  const docs: IssuedDoc[] = [
    ...(await issuedDecisions(db, grant.applicationId)),
    ...changes
      .filter((c) => c.change.documentFileId && c.change.decidedAt)
      .map((c) => ({
        at: c.change.decidedAt!,
        by: c.change.decidedBy,
        sha: c.sha,
        key: 'funding:history.document.amendedDecision',
        path: `/grants/${grant.id}/changes/${c.change.id}/decision.pdf`,
      })),
    ...notices.map((n) => ({
      at: n.notice.issuedAt,
      by: n.notice.issuedBy,
      sha: n.sha,
      key: 'funding:history.document.interestNotice',
      path: `/grants/${grant.id}/reclaims/${n.notice.reclaimId}/notices/${n.notice.id}.pdf`,
    })),
    ...withdrawn.map(({ w, sha }) => ({
      at: w.issuedAt,
      by: w.issuedBy,
      sha,
      key: 'funding:history.document.withdrawal',
      path: `/grants/${grant.id}/withdrawals/${w.id}.pdf`,
    })),
    ...continued
      .filter(({ c }) => c.decidedAt)
      .map(({ c, sha }) => ({
        at: c.decidedAt!,
        by: c.decidedBy,
        sha,
        key: 'funding:history.document.continuation',
        path: `/grants/${grant.id}/continuations/${c.id}/notice.pdf`,
      })),
  ];
  const names = await namesOf(
    db,
    changes.flatMap((c) => [c.change.requestedBy, c.change.decidedBy]),
  );
  const changeEntries: HistoryEntry[] = changes.flatMap(({ change: c }) => {
    const entry = (at: Date, by: string | null, status: string): HistoryEntry => ({
      at,
      kind: 'change',
      who: (by && names.get(by)) || null,
      key: 'funding:history.change',
      keyParams: { kind: `funding:change.kinds.${c.kind}`, status: `funding:change.statuses.${status}` },
      path: `/grants/${grant.id}/changes/${c.id}`,
    });
    const requested = entry(c.requestedAt, c.requestedBy, c.status === 'applied' ? 'applied' : 'requested');
    return c.decidedAt && c.status !== 'applied' ? [requested, entry(c.decidedAt, c.decidedBy, c.status)] : [requested];
  });
  const [audit, mails, documents, notes] = await Promise.all([
    auditEntries(db, [
      { kind: 'grant', ids: [grant.id] },
      { kind: 'report', ids: reportIds.map((r) => r.id) },
    ]),
    mailEntries(db, 'grant', grant.id),
    documentEntries(db, docs),
    noteEntries(db, 'grant', grant.id),
  ]);
  return inTimeOrder(audit, mails, documents, changeEntries, notes);
}

/** An officer's internal note, with its audit entry (which keeps no text: the note is the record). */
export async function addNote(db: Db, actor: Actor, kind: CaseKind, subjectId: string, text: string, now: Date) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseNotes)
      .values({ subjectKind: kind, subjectId, text, authorId: actor.id, createdAt: now })
      .returning({ id: caseNotes.id });
    await recordAudit(tx, actor, { action: 'note.added', subjectKind: kind, subjectId, after: { noteId: row!.id } });
    return row!.id;
  });
}

/** The notes a person wrote, for their own export. */
export async function notesWrittenBy(db: Db, userId: string) {
  return db
    .select({
      subjectKind: caseNotes.subjectKind,
      subjectId: caseNotes.subjectId,
      text: caseNotes.text,
      at: caseNotes.createdAt,
    })
    .from(caseNotes)
    .where(eq(caseNotes.authorId, userId))
    .orderBy(asc(caseNotes.createdAt));
}
