// The carrier hears that the grant decision was withdrawn (ADR 0011): how far, from which day, what
// is to be repaid, with a link to the grant page and its notice. Written in the transaction that
// marks the event delivered, in the reader's language.
import { eq } from 'drizzle-orm';
import { listUsersWithRole } from '../../../core/auth/users';
import type { EventSubscriber } from '../../../core/events/events';
import { formatDate } from '../../../core/i18n/formats';
import { pageLanguage, translator } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import { formatEuro } from '../../../core/money/money';
import type { DecisionWithdrawn } from '../events';
import { grants, withdrawals } from '../schema';

export const decisionWithdrawnMail: EventSubscriber = {
  name: 'funding.decision-withdrawn-mail',
  event: 'decision.withdrawn',
  async handle(event, { tx, deps }) {
    const { grantId, withdrawalId } = event.payload as DecisionWithdrawn['payload'];
    const [row] = await tx
      .select({ title: grants.title, organisationId: grants.organisationId, withdrawal: withdrawals })
      .from(withdrawals)
      .innerJoin(grants, eq(grants.id, withdrawals.grantId))
      .where(eq(withdrawals.id, withdrawalId));
    if (!row) return; // erased since: nobody to tell
    const w = row.withdrawal;
    for (const person of await listUsersWithRole(tx, 'carrierStaff', 'organisation', row.organisationId)) {
      const lang = pageLanguage(person.language);
      const t = translator(lang);
      await sendMail(tx, deps.config, {
        to: person.email,
        template: 'funding:withdrawal.mail',
        about: { kind: 'grant', id: grantId },
        language: lang,
        vars: {
          name: person.name,
          project: row.title,
          what: t(`funding:withdrawal.mailWhat.${w.basis}_${w.extent}`),
          effective: formatDate(lang, w.effectiveOn),
          amount: formatEuro(w.reclaimCents, lang),
          link: `${deps.config.baseUrl}/${lang}/grants/${grantId}`,
        },
      });
    }
  },
};

export const withdrawalMails = [decisionWithdrawnMail];
