// The other side hears of a new message (ADR 0011): a carrier's message goes to the programme's
// officers, an officer's to the carrier's staff, never to its author. Each mail is written in the
// transaction that marks the event delivered, in each reader's language, with a link in that
// language. It says who wrote about which project, not what: the text stays behind the sign-in.
import { listUsersWithRole } from '../../../core/auth/users';
import type { EventSubscriber } from '../../../core/events/events';
import { pageLanguage, translator } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import { organisationNames } from '../../network/api';
import type { MessageWritten } from '../events';
import { threadPath } from './message-rules';
import { getMessage, threadContext } from './messages.store';

export const messageWrittenMail: EventSubscriber = {
  name: 'funding.message-written-mail',
  event: 'message.written',
  async handle(event, { tx, deps }) {
    const { threadKind, threadId, messageId } = event.payload as MessageWritten['payload'];
    const message = await getMessage(tx, messageId);
    const thread = { kind: threadKind, id: threadId };
    const context = await threadContext(tx, thread);
    if (!message || !context) return; // erased since: nobody to tell
    const readers =
      message.side === 'carrier'
        ? await listUsersWithRole(tx, 'programmeOfficer', 'programme', context.programmeId)
        : await listUsersWithRole(tx, 'carrierStaff', 'organisation', context.organisationId);
    // to the funder, a carrier's staff member is named with the organisation they write for
    const organisation =
      message.side === 'carrier'
        ? (await organisationNames(tx, [context.organisationId])).get(context.organisationId)
        : undefined;
    for (const person of readers) {
      if (person.id === message.authorId) continue;
      const lang = pageLanguage(person.language);
      const t = translator(lang);
      await sendMail(tx, deps.config, {
        to: person.email,
        template: `funding:messages.mail.${threadKind}`,
        about: { kind: threadKind, id: threadId },
        language: lang,
        vars: {
          name: person.name,
          author: [
            message.authorName || t(`funding:messages.formerAuthor.${message.side}`),
            organisation && `(${organisation})`,
          ]
            .filter(Boolean)
            .join(' '),
          project: context.title || t('funding:application.untitled'),
          link: `${deps.config.baseUrl}/${lang}${threadPath(threadKind, threadId)}`,
        },
      });
    }
  },
};

export const messageMails = [messageWrittenMail];
