// Applications: drafts, their documents, and the frozen versions made at each submission.

import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import { prepared } from '../../../core/db/prepared';
import { emit } from '../../../core/events/events';
import { deleteFiles, readFile, storeFile } from '../../../core/files/files';
import type { FieldIssue } from '../../../core/http/form';
import { berlinDate } from '../../../core/time/calendar';
import type { ApplicationSubmitted, ApplicationWithdrawn } from '../events';
import { assignCaseNumber } from '../notices/case-number.store';
import { confirmationIssues } from '../partner-confirmations/partner-confirmation-rules';
import { statesOf } from '../partner-confirmations/partner-confirmations.store';
import {
  type ApplicationContent,
  applicationDocuments,
  applications,
  applicationVersions,
  calls,
  emptyPlan,
  programmes,
} from '../schema';
import { withdrawIssues } from './application-rules';
import { type DocumentDates, documentValidityIssues } from './document-validity';

export type Application = typeof applications.$inferSelect;
export type ApplicationVersion = typeof applicationVersions.$inferSelect;
export type DocumentMeta = {
  id: string;
  requiredDocumentId: string;
  filename: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  validUntil: string | null;
  issuedOn: string | null;
};

export const blankContent = (): ApplicationContent => ({
  title: '',
  acronym: '',
  summary: '',
  goals: '',
  targetGroups: '',
  region: '',
  municipalityKey: '',
  startDate: '',
  endDate: '',
  cooperationForm: '',
  partners: [],
  milestones: [],
  plan: structuredClone(emptyPlan),
  declarations: { truthful: false, noDoubleFunding: false },
});

const sumGrant = (c: ApplicationContent) => c.plan.grant.reduce((s, g) => s + g.amountCents, 0);

export async function createDraft(
  db: Db,
  actor: Actor,
  input: {
    callId: string;
    organisationId: string;
    stage: 'outline' | 'full';
    eligibilityAnswers: Record<string, 'yes' | 'no'>;
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(applications)
      .values({ ...input, content: blankContent(), createdBy: actor.id })
      .returning({ id: applications.id });
    if (!row) throw new Error('application insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'application.created',
      subjectKind: 'application',
      subjectId: row.id,
      after: input,
    });
    return row.id;
  });
}

export async function getApplication(db: Db, id: string): Promise<Application | undefined> {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row;
}

/** The application with its call and programme, for pages and permission checks. */
export async function getApplicationContext(db: Db, id: string) {
  const [row] = await prepared(db, 'funding.applicationContext', (d) =>
    d
      .select({ application: applications, call: calls, programme: programmes })
      .from(applications)
      .innerJoin(calls, eq(calls.id, applications.callId))
      .innerJoin(programmes, eq(programmes.id, calls.programmeId))
      .where(eq(applications.id, sql.placeholder('id')))
      .prepare('funding.applicationContext'),
  ).execute({ id });
  return row;
}

export async function listApplicationsOfOrganisations(db: Db, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return prepared(db, 'funding.applicationsOfOrganisations', (d) =>
    d
      .select({ application: applications, callTitle: calls.title, closesAt: calls.closesAt })
      .from(applications)
      .innerJoin(calls, eq(calls.id, applications.callId))
      .where(sql`${applications.organisationId} = any(${sql.placeholder('ids')}::uuid[])`)
      .orderBy(desc(applications.updatedAt))
      .prepare('funding.applicationsOfOrganisations'),
  ).execute({ ids: organisationIds });
}

/** Saves one section of a draft at `now`; refuses (false) when the application is not editable any more. */
export async function saveContent(
  db: Db,
  actor: Actor,
  id: string,
  change: Partial<ApplicationContent>,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!current || !isEditable(current)) return false;
    const content = { ...current.content, ...change };
    await tx
      .update(applications)
      .set({ content, grantTotalCents: sumGrant(content), updatedAt: now })
      .where(eq(applications.id, id));
    const before = Object.fromEntries(
      Object.keys(change).map((k) => [k, current.content[k as keyof ApplicationContent]]),
    );
    await recordAudit(tx, actor, {
      action: 'application.saved',
      subjectKind: 'application',
      subjectId: id,
      before,
      after: change,
    });
    return true;
  });
}

export const isEditable = (a: Pick<Application, 'status'>) => a.status === 'draft' || a.status === 'returned';

export async function listDocuments(db: Db, applicationId: string): Promise<DocumentMeta[]> {
  return prepared(db, 'funding.applicationDocuments', (d) =>
    d
      .select({
        id: applicationDocuments.id,
        requiredDocumentId: applicationDocuments.requiredDocumentId,
        filename: applicationDocuments.filename,
        size: applicationDocuments.size,
        sha256: applicationDocuments.sha256,
        uploadedAt: applicationDocuments.uploadedAt,
        validUntil: applicationDocuments.validUntil,
        issuedOn: applicationDocuments.issuedOn,
      })
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, sql.placeholder('applicationId')))
      .orderBy(asc(applicationDocuments.uploadedAt))
      .prepare('funding.applicationDocuments'),
  ).execute({ applicationId });
}

/** A document of this application with its bytes; undefined for another application's document. */
export async function getDocument(db: Db, applicationId: string, documentId: string) {
  const [row] = await db
    .select({
      filename: applicationDocuments.filename,
      mimeType: applicationDocuments.mimeType,
      fileId: applicationDocuments.fileId,
    })
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, applicationId), eq(applicationDocuments.id, documentId)));
  const file = row ? await readFile(db, row.fileId) : undefined;
  return row && file ? { filename: row.filename, mimeType: row.mimeType, content: file.content } : undefined;
}

/**
 * Stores an upload with the date its validity needs (document-validity.ts, read by the route),
 * replacing an earlier file for the same required document.
 */
export async function putDocument(
  db: Db,
  actor: Actor,
  applicationId: string,
  doc: { requiredDocumentId: string; filename: string; mimeType: string; content: Buffer } & DocumentDates,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
    if (!current || !isEditable(current)) return false;
    const replaced = await tx
      .delete(applicationDocuments)
      .where(
        and(
          eq(applicationDocuments.applicationId, applicationId),
          eq(applicationDocuments.requiredDocumentId, doc.requiredDocumentId),
        ),
      )
      .returning({ fileId: applicationDocuments.fileId });
    await deleteFiles(
      tx,
      replaced.map((r) => r.fileId),
    );
    const file = await storeFile(tx, {
      owner: 'funding',
      filename: doc.filename,
      mimeType: doc.mimeType,
      content: doc.content,
      createdBy: actor.id,
    });
    const sha256 = file.sha256;
    await tx.insert(applicationDocuments).values({
      applicationId,
      requiredDocumentId: doc.requiredDocumentId,
      filename: doc.filename,
      mimeType: doc.mimeType,
      size: file.size,
      sha256,
      fileId: file.id,
      validUntil: doc.validUntil ?? null,
      issuedOn: doc.issuedOn ?? null,
      uploadedBy: actor.id,
    });
    await recordAudit(tx, actor, {
      action: 'application.documentUploaded',
      subjectKind: 'application',
      subjectId: applicationId,
      after: {
        requiredDocumentId: doc.requiredDocumentId,
        filename: doc.filename,
        size: doc.content.length,
        sha256,
        ...datesOf(doc),
      },
    });
    return true;
  });
}

const datesOf = (d: DocumentDates) => ({
  ...(d.validUntil ? { validUntil: d.validUntil } : {}),
  ...(d.issuedOn ? { issuedOn: d.issuedOn } : {}),
});

/** Corrects the date given for a document already uploaded (the file stays); false when not editable or not there. */
export async function setDocumentDates(
  db: Db,
  actor: Actor,
  applicationId: string,
  requiredDocumentId: string,
  dates: DocumentDates,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
    if (!current || !isEditable(current)) return false;
    const which = and(
      eq(applicationDocuments.applicationId, applicationId),
      eq(applicationDocuments.requiredDocumentId, requiredDocumentId),
    );
    const [before] = await tx
      .select({ validUntil: applicationDocuments.validUntil, issuedOn: applicationDocuments.issuedOn })
      .from(applicationDocuments)
      .where(which);
    if (!before) return false;
    const after = { validUntil: dates.validUntil ?? null, issuedOn: dates.issuedOn ?? null };
    await tx.update(applicationDocuments).set(after).where(which);
    await recordAudit(tx, actor, {
      action: 'application.documentDated',
      subjectKind: 'application',
      subjectId: applicationId,
      before: { requiredDocumentId, ...datesOf(before) },
      after: { requiredDocumentId, ...datesOf(after) },
    });
    return true;
  });
}

/**
 * Freezes the current content as a new version and marks the application submitted at `now`, and
 * says so (`application.submitted`, in the same transaction: the confirmation mail cannot get lost).
 * `language` is the one the carrier submitted in, for what is sent to them. The caller has checked
 * deadline and plausibility; the status check here makes a double submit harmless, the documents'
 * validity is checked again on the Berlin day of `now` (the day may have turned since), and the
 * partners' confirmations are checked again under the lock (a part changed meanwhile is refused).
 */
export async function submitApplication(
  db: Db,
  actor: Actor,
  id: string,
  at: { now: Date; language: string },
): Promise<number | { issues: FieldIssue[] } | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!current || !isEditable(current)) return undefined;
    const states = await statesOf(tx, current, at.now);
    if (confirmationIssues(current.stage, current.content.partners, states).length) return undefined;
    const docs = await tx
      .select({
        id: applicationDocuments.id,
        requiredDocumentId: applicationDocuments.requiredDocumentId,
        filename: applicationDocuments.filename,
        size: applicationDocuments.size,
        sha256: applicationDocuments.sha256,
        validUntil: applicationDocuments.validUntil,
        issuedOn: applicationDocuments.issuedOn,
      })
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, id));
    if (current.stage === 'full') {
      const [call] = await tx
        .select({ requiredDocuments: calls.requiredDocuments })
        .from(calls)
        .where(eq(calls.id, current.callId));
      const stale = documentValidityIssues(call?.requiredDocuments ?? [], docs, berlinDate(at.now));
      if (stale.length) return { issues: stale };
    }
    const [last] = await tx
      .select({ v: max(applicationVersions.version) })
      .from(applicationVersions)
      .where(eq(applicationVersions.applicationId, id));
    const version = (last?.v ?? 0) + 1;
    const { now } = at;
    await tx.insert(applicationVersions).values({
      applicationId: id,
      version,
      content: current.content,
      documents: docs,
      submittedAt: now,
      submittedBy: actor.id,
    });
    await tx
      .update(applications)
      .set({ status: 'submitted', version, submittedAt: now, updatedAt: now })
      .where(eq(applications.id, id));
    const caseNumber = await assignCaseNumber(tx, id, now);
    await recordAudit(tx, actor, {
      action: 'application.submitted',
      subjectKind: 'application',
      subjectId: id,
      before: { status: current.status },
      after: { status: 'submitted', version, caseNumber },
    });
    await emit(
      tx,
      {
        name: 'application.submitted',
        payload: { applicationId: id, version, submittedBy: actor.id, language: at.language },
      } satisfies ApplicationSubmitted,
      now,
    );
    return version;
  });
}

/**
 * The carrier withdraws an application that is not decided yet; the rule (withdrawIssues) is
 * checked again under the application's lock. The reason stays in the audit trail.
 */
export async function withdrawApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: { reason: string; confirmed: boolean },
  now: Date,
): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] } | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!current) return undefined;
    const issues = withdrawIssues(input, current);
    if (issues.length) return { ok: false as const, issues };
    await tx.update(applications).set({ status: 'withdrawn', updatedAt: now }).where(eq(applications.id, id));
    await recordAudit(tx, actor, {
      action: 'application.withdrawn',
      subjectKind: 'application',
      subjectId: id,
      before: { status: current.status },
      after: { status: 'withdrawn', reason: input.reason },
    });
    await emit(
      tx,
      {
        name: 'application.withdrawn',
        payload: { applicationId: id, status: current.status },
      } satisfies ApplicationWithdrawn,
      now,
    );
    return { ok: true as const };
  });
}

export async function getVersion(
  db: Db,
  applicationId: string,
  version: number,
): Promise<ApplicationVersion | undefined> {
  const [row] = await db
    .select()
    .from(applicationVersions)
    .where(and(eq(applicationVersions.applicationId, applicationId), eq(applicationVersions.version, version)));
  return row;
}

export async function listVersions(db: Db, applicationId: string) {
  return prepared(db, 'funding.applicationVersions', (d) =>
    d
      .select({ version: applicationVersions.version, submittedAt: applicationVersions.submittedAt })
      .from(applicationVersions)
      .where(eq(applicationVersions.applicationId, sql.placeholder('applicationId')))
      .orderBy(asc(applicationVersions.version))
      .prepare('funding.applicationVersions'),
  ).execute({ applicationId });
}
