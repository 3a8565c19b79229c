// The mails of partner confirmations (ADR 0011), written in the transaction that marks the event
// delivered. The request's mail makes the link's token here and stores only its hash, so the token
// exists in the mail alone; the answer is told to the person who asked, in their language.
import { eq } from 'drizzle-orm';
import { newToken } from '../../../core/auth/tokens';
import { findUserById } from '../../../core/auth/users';
import type { EventSubscriber } from '../../../core/events/events';
import { formatDate } from '../../../core/i18n/formats';
import { isLang, pageLanguage } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import { berlinDate } from '../../../core/time/calendar';
import { getOrganisation } from '../../network/api';
import type { PartnerConfirmationDecided, PartnerConfirmationRequested } from '../events';
import { applications, partnerConfirmations } from '../schema';

export const partnerConfirmationRequestMail: EventSubscriber = {
  name: 'funding.partner-confirmation-request-mail',
  event: 'partnerConfirmation.requested',
  async handle(event, { tx, deps }) {
    const { confirmationId } = event.payload as PartnerConfirmationRequested['payload'];
    const [found] = await tx
      .select({ row: partnerConfirmations, application: applications })
      .from(partnerConfirmations)
      .innerJoin(applications, eq(applications.id, partnerConfirmations.applicationId))
      .where(eq(partnerConfirmations.id, confirmationId));
    // replaced by a newer request before its mail was written: that one is mailed instead
    if (found?.row.status !== 'pending' || found.row.tokenHash) return;
    const { token, hash } = newToken();
    await tx.update(partnerConfirmations).set({ tokenHash: hash }).where(eq(partnerConfirmations.id, confirmationId));
    const language = pageLanguage(found.row.language);
    const carrier = (await getOrganisation(tx, found.application.organisationId))?.name ?? '';
    await sendMail(tx, deps.config, {
      to: found.row.contactEmail,
      template: 'funding:partnerConfirmation.mail.request',
      about: { kind: 'application', id: found.application.id },
      language,
      vars: {
        name: found.row.contactName,
        partner: found.row.partnerName,
        carrier,
        project: found.application.content.title,
        until: formatDate(language, berlinDate(found.row.expiresAt)),
        link: `${deps.config.baseUrl}/${language}/partner-confirmation/${token}`,
      },
    });
  },
};

export const partnerConfirmationAnsweredMail: EventSubscriber = {
  name: 'funding.partner-confirmation-answered-mail',
  event: 'partnerConfirmation.decided',
  async handle(event, { tx, deps }) {
    const { confirmationId, status, applicationId } = event.payload as PartnerConfirmationDecided['payload'];
    const [row] = await tx.select().from(partnerConfirmations).where(eq(partnerConfirmations.id, confirmationId));
    const person = row?.requestedBy ? await findUserById(tx, row.requestedBy) : undefined;
    const [application] = await tx.select().from(applications).where(eq(applications.id, applicationId));
    // an erased account has an address that reaches nobody (core/auth/users.ts eraseAccount)
    if (!row || !person || person.email.endsWith('@invalid') || !application) return;
    const language = isLang(person.language) ? person.language : 'de';
    await sendMail(tx, deps.config, {
      to: person.email,
      template: `funding:partnerConfirmation.mail.${status}`,
      about: { kind: 'application', id: applicationId },
      language,
      vars: {
        name: person.name,
        partner: row.partnerName,
        person: row.decidedByName ?? '',
        project: application.content.title,
        remark: row.remark ?? '',
        link: `${deps.config.baseUrl}/${pageLanguage(person.language)}/applications/${applicationId}/partners`,
      },
    });
  },
};

export const partnerConfirmationMails: EventSubscriber[] = [
  partnerConfirmationRequestMail,
  partnerConfirmationAnsweredMail,
];
