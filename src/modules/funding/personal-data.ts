// What funding keeps about a person, for "download my data", and what goes when they leave.
// Applications, grants and reports belong to organisations and are kept for the funder's
// retention duty (receipts five years); a person's own traces there are listed, not erased.
// Messages between carrier and funder belong to the case file too: what was said about an
// application or a grant, and the files sent with it, stay as the file's record (the other side
// relied on them); on erasure only the author is taken off them (shown as a former member of their
// side), and who read how far goes, since it is about the person and nothing else.
// A partner's contact person (name, address, the name they confirmed with, their remark) belongs to
// the application like the partner's row it stands in, and is kept with it; the contact has no
// account here. Who asked a partner to confirm is the person's own trace: listed, and taken off on
// erasure (the request stays in the case file).
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../core/db/client';
import { readFile } from '../../core/files/files';
import type { PersonalData } from '../../core/modules';
import { notesWrittenBy } from './history/history.store';
import {
  applicationDocuments,
  applications,
  applicationVersions,
  calendarFeeds,
  changeRequests,
  continuations,
  messageAttachments,
  messageReads,
  messages,
  notifications,
  partnerConfirmations,
  paymentRequests,
  reviewAssignments,
  reviewerProfiles,
} from './schema';

/** The documents the person uploaded to applications. */
const uploadsOf = (db: Db, userId: string) =>
  db
    .select({
      id: applicationDocuments.id,
      applicationId: applicationDocuments.applicationId,
      filename: applicationDocuments.filename,
      size: applicationDocuments.size,
      sha256: applicationDocuments.sha256,
      uploadedAt: applicationDocuments.uploadedAt,
      validUntil: applicationDocuments.validUntil,
      issuedOn: applicationDocuments.issuedOn,
      fileId: applicationDocuments.fileId,
    })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.uploadedBy, userId));

/** Where an upload sits in the archive: one folder per application, the name as uploaded. */
const uploadPath = (d: { applicationId: string; id: string; filename: string }) =>
  `applications/${d.applicationId}/${d.id.slice(0, 8)}-${d.filename.replace(/[\\/:*?"<>|]/g, '_')}`;

/** The messages the person wrote, with their attachments. */
async function messagesOf(db: Db, userId: string) {
  const written = await db
    .select({
      id: messages.id,
      threadKind: messages.threadKind,
      threadId: messages.threadId,
      body: messages.body,
      language: messages.language,
      writtenAt: messages.writtenAt,
    })
    .from(messages)
    .where(eq(messages.authorId, userId));
  const files = written.length
    ? await db
        .select()
        .from(messageAttachments)
        .where(
          inArray(
            messageAttachments.messageId,
            written.map((m) => m.id),
          ),
        )
    : [];
  return written.map((m) => ({ ...m, attachments: files.filter((a) => a.messageId === m.id) }));
}

/** Where a message's attachment sits in the archive: one folder per thread. */
const attachmentPath = (m: { threadKind: string; threadId: string }, a: { id: string; filename: string }) =>
  `messages/${m.threadKind}-${m.threadId}/${a.id.slice(0, 8)}-${a.filename.replace(/[\\/:*?"<>|]/g, '_')}`;

export const fundingPersonalData: PersonalData = {
  processingKey: 'funding',
  retention:
    'reviewer profile until the account is deleted; reviews, requests, notifications and messages with the grant files (messages without their author once the account is erased)',
  async exportFor(db, userId) {
    const [profile] = await db.select().from(reviewerProfiles).where(eq(reviewerProfiles.userId, userId));
    const reviews = await db
      .select({
        applicationId: reviewAssignments.applicationId,
        declaration: reviewAssignments.declaration,
        conflictReason: reviewAssignments.conflictReason,
        declaredAt: reviewAssignments.declaredAt,
        scores: reviewAssignments.scores,
        submittedAt: reviewAssignments.submittedAt,
      })
      .from(reviewAssignments)
      .where(eq(reviewAssignments.reviewerId, userId));
    const changes = await db
      .select({
        grantId: changeRequests.grantId,
        kind: changeRequests.kind,
        reason: changeRequests.reason,
        at: changeRequests.requestedAt,
      })
      .from(changeRequests)
      .where(eq(changeRequests.requestedBy, userId));
    const reported = await db
      .select({
        grantId: notifications.grantId,
        kind: notifications.kind,
        description: notifications.description,
        at: notifications.reportedAt,
      })
      .from(notifications)
      .where(eq(notifications.reportedBy, userId));
    const payments = await db
      .select({
        grantId: paymentRequests.grantId,
        budgetYear: paymentRequests.year,
        line: paymentRequests.line,
        purpose: paymentRequests.purpose,
        requestedCents: paymentRequests.requestedCents,
        status: paymentRequests.status,
        spentCents: paymentRequests.spentCents,
        spentOn: paymentRequests.spentOn,
        at: paymentRequests.requestedAt,
      })
      .from(paymentRequests)
      .where(eq(paymentRequests.requestedBy, userId));
    // the continuation applications (Fortsetzungsanträge) the person filed, as submitted
    const continuationsFiled = await db
      .select({
        grantId: continuations.grantId,
        budgetYear: continuations.budgetYear,
        status: continuations.status,
        content: continuations.submitted,
        submittedAt: continuations.submittedAt,
      })
      .from(continuations)
      .where(eq(continuations.submittedBy, userId));
    // the applications and drafts the person started, as they stand, with their declarations
    const started = await db
      .select({
        id: applications.id,
        status: applications.status,
        createdAt: applications.createdAt,
        updatedAt: applications.updatedAt,
        eligibilityAnswers: applications.eligibilityAnswers,
        content: applications.content,
      })
      .from(applications)
      .where(eq(applications.createdBy, userId));
    const submitted = await db
      .select({
        applicationId: applicationVersions.applicationId,
        version: applicationVersions.version,
        submittedAt: applicationVersions.submittedAt,
      })
      .from(applicationVersions)
      .where(eq(applicationVersions.submittedBy, userId));
    const uploads = await uploadsOf(db, userId);
    const asked = await db
      .select({
        applicationId: partnerConfirmations.applicationId,
        partner: partnerConfirmations.partnerName,
        contactEmail: partnerConfirmations.contactEmail,
        at: partnerConfirmations.requestedAt,
        status: partnerConfirmations.status,
      })
      .from(partnerConfirmations)
      .where(eq(partnerConfirmations.requestedBy, userId));
    // the internal notes an officer wrote are theirs to see; nobody else's export shows them
    const notes = await notesWrittenBy(db, userId);
    const written = await messagesOf(db, userId);
    if (
      !profile &&
      written.length === 0 &&
      reviews.length +
        changes.length +
        reported.length +
        payments.length +
        continuationsFiled.length +
        started.length +
        submitted.length +
        uploads.length +
        asked.length +
        notes.length ===
        0
    )
      return undefined;
    return {
      applicationsStarted: started.map(({ content, ...a }) => ({ ...a, declarations: content.declarations, content })),
      applicationVersionsSubmitted: submitted,
      partnerConfirmationsRequested: asked,
      documentsUploaded: uploads.map(({ fileId: _fileId, ...d }) => ({ ...d, inArchive: uploadPath(d) })),
      paymentRequestsAndSpending: payments,
      changeRequests: changes,
      continuationsSubmitted: continuationsFiled,
      notifications: reported,
      messagesWritten: written.map(({ attachments, ...m }) => ({
        ...m,
        attachments: attachments.map((a) => ({
          filename: a.filename,
          size: a.size,
          sha256: a.sha256,
          inArchive: attachmentPath(m, a),
        })),
      })),
      reviewerTopics: profile?.topics ?? [],
      reviews,
      ...(notes.length > 0 ? { internalNotesWritten: notes } : {}),
    };
  },
  async filesFor(db, userId) {
    const out: { path: string; content: Uint8Array }[] = [];
    for (const d of await uploadsOf(db, userId)) {
      const file = await readFile(db, d.fileId);
      if (file) out.push({ path: uploadPath(d), content: file.content });
    }
    for (const m of await messagesOf(db, userId))
      for (const a of m.attachments) {
        const file = await readFile(db, a.fileId);
        if (file) out.push({ path: attachmentPath(m, a), content: file.content });
      }
    return out;
  },
  async eraseFor(db, userId) {
    await db.delete(reviewerProfiles).where(eq(reviewerProfiles.userId, userId));
    await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId));
    // the message stays in the case file (see above); its author does not
    await db.update(messages).set({ authorId: null }).where(eq(messages.authorId, userId));
    await db.delete(messageReads).where(eq(messageReads.userId, userId));
    await db
      .update(partnerConfirmations)
      .set({ requestedBy: null })
      .where(eq(partnerConfirmations.requestedBy, userId));
  },
};
