// Who hears about changes and notifications (ADR 0011): the programme's officers when a carrier
// asks for a change or reports an event, the carrier's staff when the officer decides. Each mail is
// written in the transaction that marks the event delivered, in the reader's language; its link
// opens the grant's pages in that language too (pageLanguage).
import { and, eq } from 'drizzle-orm';
import { listUsersWithRole } from '../../../core/auth/users';
import type { Db } from '../../../core/db/client';
import type { EventSubscriber } from '../../../core/events/events';
import { formatDate } from '../../../core/i18n/formats';
import { type Lang, translator } from '../../../core/i18n/i18n';
import { formatEuro } from '../../../core/money/money';
import type { ChangeDecided, ChangeRequested, NotificationReported } from '../events';
import { mailAboutGrant } from '../grant-mails';
import { type ChangePayload, changeRequests, grants, notifications } from '../schema';

/** What a change asks for, in the words of the mail's language. */
export function changeInWords(lang: Lang, payload: ChangePayload): string {
  const t = translator(lang);
  if (payload.kind === 'shift')
    return t('funding:mail.changeSummary.shift', {
      amount: formatEuro(payload.amountCents, lang),
      from: t(`funding:mail.lines.${payload.fromLine}`),
      to: t(`funding:mail.lines.${payload.toLine}`),
      year: payload.year,
    });
  if (payload.kind === 'extension')
    return t('funding:mail.changeSummary.extension', { date: formatDate(lang, payload.endDate) });
  return t('funding:mail.changeSummary.partners', { names: payload.partners.map((p) => p.name).join(', ') });
}

const grantOf = async (tx: Db, grantId: string) =>
  (
    await tx
      .select({ title: grants.title, programmeId: grants.programmeId, organisationId: grants.organisationId })
      .from(grants)
      .where(eq(grants.id, grantId))
  )[0];

const changeOf = async (tx: Db, grantId: string, changeId: string) =>
  (
    await tx
      .select({ payload: changeRequests.payload })
      .from(changeRequests)
      .where(and(eq(changeRequests.id, changeId), eq(changeRequests.grantId, grantId)))
  )[0];

export const changeRequestedMail: EventSubscriber = {
  name: 'funding.change-requested-mail',
  event: 'change.requested',
  async handle(event, { tx, deps }) {
    const { grantId, changeId } = event.payload as ChangeRequested['payload'];
    const [grant, change] = [await grantOf(tx, grantId), await changeOf(tx, grantId, changeId)];
    if (!grant || !change) return; // erased since: nobody to tell
    await mailAboutGrant(tx, deps, await listUsersWithRole(tx, 'programmeOfficer', 'programme', grant.programmeId), {
      template: 'funding:mail.changeRequested',
      grantId,
      path: `/grants/${grantId}/changes/${changeId}`,
      vars: (lang) => ({ project: grant.title, change: changeInWords(lang, change.payload) }),
    });
  },
};

export const changeDecidedMail: EventSubscriber = {
  name: 'funding.change-decided-mail',
  event: 'change.decided',
  async handle(event, { tx, deps }) {
    const { grantId, changeId, outcome } = event.payload as ChangeDecided['payload'];
    const [grant, change] = [await grantOf(tx, grantId), await changeOf(tx, grantId, changeId)];
    if (!grant || !change) return;
    await mailAboutGrant(tx, deps, await listUsersWithRole(tx, 'carrierStaff', 'organisation', grant.organisationId), {
      template: 'funding:mail.changeDecided',
      grantId,
      path: `/grants/${grantId}/changes/${changeId}`,
      vars: (lang) => ({
        project: grant.title,
        change: changeInWords(lang, change.payload),
        outcome: translator(lang)(`funding:mail.outcomes.${outcome}`),
      }),
    });
  },
};

export const notificationReportedMail: EventSubscriber = {
  name: 'funding.notification-reported-mail',
  event: 'notification.reported',
  async handle(event, { tx, deps }) {
    const { grantId, notificationId } = event.payload as NotificationReported['payload'];
    const grant = await grantOf(tx, grantId);
    const [notification] = await tx
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.id, notificationId), eq(notifications.grantId, grantId)));
    if (!grant || !notification) return;
    await mailAboutGrant(tx, deps, await listUsersWithRole(tx, 'programmeOfficer', 'programme', grant.programmeId), {
      template: 'funding:mail.notificationReported',
      grantId,
      path: `/grants/${grantId}/changes#n-${notificationId}`,
      vars: (lang) => ({
        project: grant.title,
        kind: translator(lang)(`funding:mail.notificationKinds.${notification.kind}`),
      }),
    });
  },
};

export const changeMails = [changeRequestedMail, changeDecidedMail, notificationReportedMail];
