// Who hears about continuation applications (ADR 0011): the programme's officers when a carrier
// submits one, the carrier's staff when the officer decides it. Each mail is written in the
// transaction that marks the event delivered, in the reader's language; the link opens the
// continuation's page in that language (pageLanguage).
import { eq } from 'drizzle-orm';
import { listUsersWithRole } from '../../../core/auth/users';
import type { Db } from '../../../core/db/client';
import type { EventSubscriber } from '../../../core/events/events';
import { translator } from '../../../core/i18n/i18n';
import type { ContinuationDecided, ContinuationSubmitted } from '../events';
import { mailAboutGrant } from '../grant-mails';
import { grants } from '../schema';

const grantOf = async (tx: Db, grantId: string) =>
  (
    await tx
      .select({ title: grants.title, programmeId: grants.programmeId, organisationId: grants.organisationId })
      .from(grants)
      .where(eq(grants.id, grantId))
  )[0];

export const continuationSubmittedMail: EventSubscriber = {
  name: 'funding.continuation-submitted-mail',
  event: 'continuation.submitted',
  async handle(event, { tx, deps }) {
    const { grantId, continuationId, year } = event.payload as ContinuationSubmitted['payload'];
    const grant = await grantOf(tx, grantId);
    if (!grant) return;
    await mailAboutGrant(tx, deps, await listUsersWithRole(tx, 'programmeOfficer', 'programme', grant.programmeId), {
      template: 'funding:continuation.mail.submitted',
      grantId,
      path: `/grants/${grantId}/continuations/${continuationId}`,
      vars: () => ({ project: grant.title, year: String(year) }),
    });
  },
};

export const continuationDecidedMail: EventSubscriber = {
  name: 'funding.continuation-decided-mail',
  event: 'continuation.decided',
  async handle(event, { tx, deps }) {
    const { grantId, continuationId, year, outcome } = event.payload as ContinuationDecided['payload'];
    const grant = await grantOf(tx, grantId);
    if (!grant) return;
    await mailAboutGrant(tx, deps, await listUsersWithRole(tx, 'carrierStaff', 'organisation', grant.organisationId), {
      template: 'funding:continuation.mail.decided',
      grantId,
      path: `/grants/${grantId}/continuations/${continuationId}`,
      vars: (lang) => ({
        project: grant.title,
        year: String(year),
        outcome: translator(lang)(`funding:continuation.status.${outcome}`),
      }),
    });
  },
};

export const continuationMails = [continuationSubmittedMail, continuationDecidedMail];
