// Daily job: money drawn and not reported as spent within six weeks is mailed to the carrier's
// staff and the programme's officers, with the interest that could be charged. A grant is mailed
// again at most every 14 days while money stays unspent, so the mail is a reminder, not noise.
// "Today" is the Berlin day of the app's clock (deps.now), so the six weeks and the interest days
// turn at Berlin midnight, also on New Year's Eve. The mail is written with the mark that it was sent.

import { and, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { listUsersWithRole } from '../../../core/auth/users';
import { pageLanguage } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import type { AppDeps } from '../../../core/modules';
import { formatEuro } from '../../../core/money/money';
import { addDays, berlinDate } from '../../../core/time/calendar';
import { reclaimedCentsOf } from '../money-back/money-back.store';
import { grants, paymentRequests } from '../schema';
import { baseRateBp } from './grants.store';
import { unspentFlags } from './ledger';
import { spendWithinDays } from './payment-rules';

export const unspentRemindEveryDays = 14;

export async function sendUnspentMoneyMails(
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>,
  now: Date = deps.now(),
): Promise<number> {
  const { db, config } = deps;
  const today = berlinDate(now);
  const due = await db
    .select({
      payment: paymentRequests,
      title: grants.title,
      organisationId: grants.organisationId,
      programmeId: grants.programmeId,
    })
    .from(paymentRequests)
    .innerJoin(grants, eq(grants.id, paymentRequests.grantId))
    .where(
      and(
        inArray(paymentRequests.status, ['approved', 'reduced']),
        lt(paymentRequests.spentCents, paymentRequests.approvedCents),
        lt(paymentRequests.paidOn, addDays(today, -spendWithinDays)),
        or(
          isNull(paymentRequests.unspentNotifiedOn),
          lte(paymentRequests.unspentNotifiedOn, addDays(today, -unspentRemindEveryDays)),
        ),
      ),
    );
  if (due.length === 0) return 0;
  const rate = await baseRateBp(db);
  const byGrant = new Map<string, typeof due>();
  for (const row of due) byGrant.set(row.payment.grantId, [...(byGrant.get(row.payment.grantId) ?? []), row]);
  let sent = 0;
  for (const [grantId, rows] of byGrant) {
    const first = rows[0]!;
    const flags = unspentFlags(
      rows.map((r) => r.payment),
      today,
      rate,
      await reclaimedCentsOf(db, grantId),
    );
    if (flags.length === 0) continue;
    const unspent = flags.reduce((s, f) => s + f.unspentCents, 0);
    const interest = flags.reduce((s, f) => s + f.interestCents, 0);
    const people = [
      ...(await listUsersWithRole(db, 'carrierStaff', 'organisation', first.organisationId)),
      ...(await listUsersWithRole(db, 'programmeOfficer', 'programme', first.programmeId)),
    ];
    await db.transaction(async (tx) => {
      for (const person of people) {
        await sendMail(tx, config, {
          to: person.email,
          template: 'funding:mail.unspentMoney',
          about: { kind: 'grant', id: grantId },
          language: person.language,
          vars: {
            name: person.name,
            project: first.title,
            amount: formatEuro(unspent, person.language),
            interest: formatEuro(interest, person.language),
            link: `${config.baseUrl}/${pageLanguage(person.language)}/grants/${grantId}`,
          },
        });
        sent++;
      }
      await tx
        .update(paymentRequests)
        .set({ unspentNotifiedOn: today })
        .where(
          inArray(
            paymentRequests.id,
            flags.map((f) => f.paymentId),
          ),
        );
    });
  }
  return sent;
}
