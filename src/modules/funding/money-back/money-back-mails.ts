// The carrier hears of money back (ADR 0011): a reclaim with the amount, the due date, the funder's
// account and the reference to pay with; a repayment received with what is still owed; an interest
// notice issued. Each mail is written in the transaction that marks the event delivered, in the
// reader's language; its link opens the reclaim's page.
import { eq } from 'drizzle-orm';
import { listUsersWithRole } from '../../../core/auth/users';
import type { Db } from '../../../core/db/client';
import type { EventSubscriber } from '../../../core/events/events';
import { formatDate } from '../../../core/i18n/formats';
import { type Lang, pageLanguage } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import type { AppDeps } from '../../../core/modules';
import { formatEuro } from '../../../core/money/money';
import type { InterestNoticeIssued, ReclaimRecorded, RepaymentRecorded } from '../events';
import { grants, interestNotices, reclaims, repayments } from '../schema';
import { getPaymentAccount } from './money-back.store';
import { groupedIban } from './money-back-rules';

async function mailCarrier(
  tx: Db,
  deps: AppDeps,
  grantId: string,
  reclaimId: string,
  template: string,
  vars: (lang: Lang, reclaim: typeof reclaims.$inferSelect) => Record<string, string>,
) {
  const [row] = await tx
    .select({ title: grants.title, organisationId: grants.organisationId, reclaim: reclaims })
    .from(reclaims)
    .innerJoin(grants, eq(grants.id, reclaims.grantId))
    .where(eq(reclaims.id, reclaimId));
  if (!row) return; // erased since: nobody to tell
  const account = await getPaymentAccount(tx);
  for (const person of await listUsersWithRole(tx, 'carrierStaff', 'organisation', row.organisationId)) {
    const lang = pageLanguage(person.language);
    await sendMail(tx, deps.config, {
      to: person.email,
      template,
      about: { kind: 'grant', id: grantId },
      language: lang,
      vars: {
        ...vars(lang, row.reclaim),
        name: person.name,
        project: row.title,
        reference: row.reclaim.reference,
        holder: account.holder,
        iban: groupedIban(account.iban),
        bic: account.bic,
        link: `${deps.config.baseUrl}/${pageLanguage(person.language)}/grants/${grantId}/reclaims/${reclaimId}`,
      },
    });
  }
}

export const reclaimRecordedMail: EventSubscriber = {
  name: 'funding.reclaim-recorded-mail',
  event: 'reclaim.recorded',
  async handle(event, { tx, deps }) {
    const { grantId, reclaimId } = event.payload as ReclaimRecorded['payload'];
    await mailCarrier(tx, deps, grantId, reclaimId, 'funding:mail.reclaimRecorded', (lang, r) => ({
      amount: formatEuro(r.amountCents, lang),
      due: formatDate(lang, r.dueOn),
      effective: formatDate(lang, r.effectiveOn),
    }));
  },
};

export const repaymentRecordedMail: EventSubscriber = {
  name: 'funding.repayment-recorded-mail',
  event: 'repayment.recorded',
  async handle(event, { tx, deps }) {
    const { grantId, reclaimId, repaymentId } = event.payload as RepaymentRecorded['payload'];
    const [paid] = await tx.select().from(repayments).where(eq(repayments.id, repaymentId));
    if (!paid) return;
    const all = await tx.select().from(repayments).where(eq(repayments.reclaimId, reclaimId));
    await mailCarrier(tx, deps, grantId, reclaimId, 'funding:mail.repaymentRecorded', (lang, r) => ({
      amount: formatEuro(paid.amountCents, lang),
      paidOn: formatDate(lang, paid.paidOn),
      open: formatEuro(Math.max(0, r.amountCents - all.reduce((s, x) => s + x.amountCents, 0)), lang),
    }));
  },
};

export const interestNoticeMail: EventSubscriber = {
  name: 'funding.interest-notice-mail',
  event: 'interestNotice.issued',
  async handle(event, { tx, deps }) {
    const { grantId, reclaimId, noticeId } = event.payload as InterestNoticeIssued['payload'];
    const [notice] = await tx.select().from(interestNotices).where(eq(interestNotices.id, noticeId));
    if (!notice) return;
    await mailCarrier(tx, deps, grantId, reclaimId, 'funding:mail.interestNoticeIssued', (lang) => ({
      interest: formatEuro(notice.interestCents, lang),
      date: formatDate(lang, notice.issuedOn),
    }));
  },
};

export const moneyBackMails = [reclaimRecordedMail, repaymentRecordedMail, interestNoticeMail];
