// What funding says happened (ADR 0011). Each store emits these in the transaction of the change;
// subscribers (funding's own mails, later activities and evaluation) receive them through the worker.
// Payloads carry ids and the facts of the moment; a subscriber reads the rest from funding's api.ts.
import type { DomainEvent } from '../../core/events/events';

export type ApplicationSubmitted = DomainEvent<
  'application.submitted',
  /** submittedBy: the person who submitted (null for the system, e.g. demo data); language: the one they submitted in */
  { applicationId: string; version: number; submittedBy: string | null; language: string }
>;
export type ApplicationWithdrawn = DomainEvent<'application.withdrawn', { applicationId: string; status: string }>;
export type ApplicationReturned = DomainEvent<'application.returned', { applicationId: string; reason: string }>;
/** An outline is invited to the full application: the new application and its deadline (ISO instant). */
export type ApplicationInvited = DomainEvent<
  'application.invited',
  { applicationId: string; fullApplicationId: string; dueAt: string }
>;
export type ApplicationDecided = DomainEvent<
  'application.decided',
  { applicationId: string; outcome: 'approved' | 'rejected' | 'waitlisted'; grantId?: string }
>;
/** A project is funded: activities and evaluation open its workspace on this. */
export type GrantApproved = DomainEvent<
  'grant.approved',
  {
    grantId: string;
    applicationId: string;
    organisationId: string;
    programmeId: string;
    startDate: string;
    endDate: string;
  }
>;
export type ChangeRequested = DomainEvent<'change.requested', { grantId: string; changeId: string }>;
export type ChangeDecided = DomainEvent<
  'change.decided',
  { grantId: string; changeId: string; outcome: 'approved' | 'rejected' }
>;
export type NotificationReported = DomainEvent<'notification.reported', { grantId: string; notificationId: string }>;
export type PaymentRequested = DomainEvent<'payment.requested', { grantId: string; paymentId: string }>;
export type PaymentDecided = DomainEvent<'payment.decided', { grantId: string; paymentId: string; status: string }>;
export type ReportSubmitted = DomainEvent<'report.submitted', { grantId: string; reportId: string }>;
export type ReportReviewed = DomainEvent<'report.reviewed', { grantId: string; reportId: string; outcome: string }>;
/** Money is reclaimed from a grant (Rückforderung). */
export type ReclaimRecorded = DomainEvent<
  'reclaim.recorded',
  { grantId: string; reclaimId: string; amountCents: number }
>;
export type RepaymentRecorded = DomainEvent<
  'repayment.recorded',
  { grantId: string; reclaimId: string; repaymentId: string; amountCents: number }
>;
export type InterestNoticeIssued = DomainEvent<
  'interestNotice.issued',
  { grantId: string; reclaimId: string; noticeId: string }
>;
/** An issued grant decision is withdrawn in whole or in part (Widerruf, Rücknahme). */
export type DecisionWithdrawn = DomainEvent<
  'decision.withdrawn',
  { grantId: string; withdrawalId: string; reclaimCents: number }
>;

/** A message in the thread of an application or a grant; the mail to the other side follows from it. */
export type MessageWritten = DomainEvent<
  'message.written',
  { threadKind: 'application' | 'grant'; threadId: string; messageId: string }
>;

/** A continuation application (Fortsetzungsantrag) for a budget year is submitted, or decided. */
export type ContinuationSubmitted = DomainEvent<
  'continuation.submitted',
  { grantId: string; continuationId: string; year: number }
>;
export type ContinuationDecided = DomainEvent<
  'continuation.decided',
  { grantId: string; continuationId: string; year: number; outcome: 'approved' | 'rejected' }
>;

export type FundingEvent =
  | ApplicationSubmitted
  | ApplicationReturned
  | ApplicationWithdrawn
  | ApplicationInvited
  | ApplicationDecided
  | GrantApproved
  | ChangeRequested
  | ChangeDecided
  | NotificationReported
  | PaymentRequested
  | PaymentDecided
  | ReportSubmitted
  | ReportReviewed
  | ReclaimRecorded
  | RepaymentRecorded
  | InterestNoticeIssued
  | DecisionWithdrawn
  | MessageWritten
  | ContinuationSubmitted
  | ContinuationDecided;
/** The carrier asks a partner to confirm its part; the subscriber makes the link and mails it. */
export type PartnerConfirmationRequested = DomainEvent<
  'partnerConfirmation.requested',
  { applicationId: string; confirmationId: string }
>;
/** A partner confirmed or declined its part through its link. */
export type PartnerConfirmationDecided = DomainEvent<
  'partnerConfirmation.decided',
  { applicationId: string; confirmationId: string; status: 'confirmed' | 'declined' }
>;
