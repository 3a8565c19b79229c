// What funding does when its events happen: every mail it sends about a change is a subscriber here,
// written in the same transaction that marks the event delivered (ADR 0011). Each subject folder
// keeps its own subscribers beside its store (e.g. decisions/decision-mails.ts); this list joins them.
import type { EventSubscriber } from '../../core/events/events';
import { submissionMail } from './applications/application-mails';
import { changeMails } from './changes/change-mails';
import { continuationMails } from './continuations/continuation-mails';
import { decisionMails } from './decisions/decision-mails';
import { messageMails } from './messages/messages-mails';
import { moneyBackMails } from './money-back/money-back-mails';
import { partnerConfirmationMails } from './partner-confirmations/partner-confirmation-mails';
import { withdrawalMails } from './withdrawals/withdrawal-mails';

export const fundingSubscribers: EventSubscriber[] = [
  submissionMail,
  ...decisionMails,
  ...changeMails,
  ...moneyBackMails,
  ...withdrawalMails,
  ...messageMails,
  ...partnerConfirmationMails,
  ...continuationMails,
];
