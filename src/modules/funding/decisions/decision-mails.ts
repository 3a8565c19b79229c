// What the carrier's staff hear about the officer's decisions (ADR 0011): a mail per person when an
// application is decided, returned for changes or invited to the full application, written in the
// transaction that marks the event delivered. Each person reads it in their own language, and its
// link opens the carrier's page in that language (pageLanguage: the six languages carrier pages have).
import { eq } from 'drizzle-orm';
import { listUsersWithRole } from '../../../core/auth/users';
import type { Db } from '../../../core/db/client';
import type { EventSubscriber } from '../../../core/events/events';
import { formatBerlinDateTime } from '../../../core/i18n/formats';
import { isLang, type Lang, pageLanguage, translator } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import type { AppDeps } from '../../../core/modules';
import type { ApplicationDecided, ApplicationInvited, ApplicationReturned } from '../events';
import { applications } from '../schema';

/** The language of a mail: the reader's own, German when theirs is unknown. */
const mailLanguage = (language: string): Lang => (isLang(language) ? language : 'de');

/** Mails every staff member of the application's carrier; `vars` may depend on the reader's language. */
async function mailCarrier(
  tx: Db,
  deps: AppDeps,
  o: {
    applicationId: string;
    template: string;
    /** the application the link opens (the new full application of an invitation) */
    linkTo?: string;
    vars: (language: Lang) => Record<string, string>;
  },
) {
  const [application] = await tx
    .select({ organisationId: applications.organisationId, content: applications.content })
    .from(applications)
    .where(eq(applications.id, o.applicationId));
  if (!application) return; // erased since: nobody to tell
  for (const s of await listUsersWithRole(tx, 'carrierStaff', 'organisation', application.organisationId)) {
    const language = mailLanguage(s.language);
    await sendMail(tx, deps.config, {
      to: s.email,
      template: o.template,
      about: { kind: 'application', id: o.linkTo ?? o.applicationId },
      language,
      vars: {
        project: application.content.title,
        ...o.vars(language),
        name: s.name,
        link: `${deps.config.baseUrl}/${pageLanguage(s.language)}/applications/${o.linkTo ?? o.applicationId}`,
      },
    });
  }
}

export const decisionMail: EventSubscriber = {
  name: 'funding.decision-mail',
  event: 'application.decided',
  async handle(event, { tx, deps }) {
    const { applicationId, outcome } = event.payload as ApplicationDecided['payload'];
    await mailCarrier(tx, deps, {
      applicationId,
      template: 'funding:mail.decisionMade',
      vars: (language) => ({ outcome: translator(language)(`funding:mail.outcomes.${outcome}`) }),
    });
  },
};

export const returnedMail: EventSubscriber = {
  name: 'funding.returned-mail',
  event: 'application.returned',
  async handle(event, { tx, deps }) {
    const { applicationId, reason } = event.payload as ApplicationReturned['payload'];
    await mailCarrier(tx, deps, {
      applicationId,
      template: 'funding:mail.applicationReturned',
      vars: () => ({ reason }),
    });
  },
};

export const invitedMail: EventSubscriber = {
  name: 'funding.invited-mail',
  event: 'application.invited',
  async handle(event, { tx, deps }) {
    const { applicationId, fullApplicationId, dueAt } = event.payload as ApplicationInvited['payload'];
    await mailCarrier(tx, deps, {
      applicationId,
      template: 'funding:mail.invitedToApply',
      linkTo: fullApplicationId,
      vars: (language) => ({ date: formatBerlinDateTime(language, new Date(dueAt)) }),
    });
  },
};

export const decisionMails = [decisionMail, returnedMail, invitedMail];
