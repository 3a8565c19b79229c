// What funding keeps about a person, for "download my data", and what goes when they leave.
// Applications, grants and reports belong to organisations and are kept for the funder's
// retention duty (receipts five years); a person's own traces there are listed, not erased.
import { eq } from 'drizzle-orm';
import type { PersonalData } from '../../core/modules';
import { changeRequests, notifications, paymentRequests, reviewAssignments, reviewerProfiles } from './schema';

export const fundingPersonalData: PersonalData = {
  processingKey: 'funding',
  retention: 'reviewer profile until the account is deleted; reviews, requests and notifications with the grant files',
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
      .select({ grantId: paymentRequests.grantId, purpose: paymentRequests.purpose, at: paymentRequests.requestedAt })
      .from(paymentRequests)
      .where(eq(paymentRequests.requestedBy, userId));
    if (!profile && reviews.length + changes.length + reported.length + payments.length === 0) return undefined;
    return {
      reviewerTopics: profile?.topics ?? [],
      reviews,
      changeRequests: changes,
      notifications: reported,
      paymentRequests: payments,
    };
  },
  async eraseFor(db, userId) {
    await db.delete(reviewerProfiles).where(eq(reviewerProfiles.userId, userId));
  },
};
