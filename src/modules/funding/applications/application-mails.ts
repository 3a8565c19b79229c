// What the carrier hears about their own submission (ADR 0011): the confirmation with the link to
// the PDF of exactly what was submitted, written in the transaction that marks the event delivered,
// so a crash between the submission and the mail loses neither. It goes to the person who submitted,
// in the language they submitted in, the language of the page they were on, and the link opens the
// PDF in it.
import { findUserById } from '../../../core/auth/users';
import type { EventSubscriber } from '../../../core/events/events';
import { sendMail } from '../../../core/mail/mail';
import { getOrganisation } from '../../network/api';
import type { ApplicationSubmitted } from '../events';
import { shownCallFor } from '../programmes/call-translations.store';
import { getApplicationContext, getVersion } from './applications.store';

export const submissionMail: EventSubscriber = {
  name: 'funding.application-submitted-mail',
  event: 'application.submitted',
  async handle(event, { tx, deps }) {
    const { applicationId, version, submittedBy, language } = event.payload as ApplicationSubmitted['payload'];
    if (!submittedBy) return; // submitted by the system (demo data): nobody to confirm to
    const person = await findUserById(tx, submittedBy);
    const found = await getApplicationContext(tx, applicationId);
    const submitted = await getVersion(tx, applicationId, version);
    // an account erased since has an address that reaches nobody (core/auth/users.ts eraseAccount)
    if (!person || person.email.endsWith('@invalid') || !found || !submitted) return;
    const organisation = await getOrganisation(tx, found.application.organisationId);
    // the call's title as the officers translated it into the mail's language, if they did
    const shown = await shownCallFor(tx, found.call, language);
    await sendMail(tx, deps.config, {
      to: person.email,
      template: 'funding:mail.applicationSubmitted',
      about: { kind: 'application', id: applicationId },
      language,
      vars: {
        name: person.name,
        project: submitted.content.title,
        call: shown.title.text,
        organisation: organisation?.name ?? '',
        link: `${deps.config.baseUrl}/${language}/applications/${applicationId}/versions/${version}.pdf`,
      },
    });
  },
};
