// Daily job: once a report is overdue (its due day has passed and it is neither submitted nor
// accepted), the carrier's staff are mailed once, each in their language with the link to the
// report page in it. The report keeps when that was (overdue_reminded_at), so the next day's run
// writes nothing again; mails and marks are written in one transaction, so a failed run that is
// retried mails nobody twice. "Today" is the Berlin day of the app's clock (deps.now).
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import { listUsersWithRole } from '../../../core/auth/users';
import { formatDate } from '../../../core/i18n/formats';
import { isLang, pageLanguage } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import type { AppDeps } from '../../../core/modules';
import { berlinDate } from '../../../core/time/calendar';
import { grants, reports } from '../schema';

/** The report states in which a report is still owed by the carrier. */
export const owedStatuses = ['open', 'correctionsRequested'];

export async function sendOverdueReportReminders(
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>,
  now: Date = deps.now(),
): Promise<number> {
  const today = berlinDate(now);
  return deps.db.transaction(async (tx) => {
    const overdue = await tx
      .select({
        reportId: reports.id,
        dueOn: reports.dueOn,
        grantId: grants.id,
        title: grants.title,
        organisationId: grants.organisationId,
      })
      .from(reports)
      .innerJoin(grants, eq(grants.id, reports.grantId))
      .where(and(inArray(reports.status, owedStatuses), lt(reports.dueOn, today), isNull(reports.overdueRemindedAt)))
      .for('update', { of: reports });
    let sent = 0;
    for (const r of overdue) {
      for (const person of await listUsersWithRole(tx, 'carrierStaff', 'organisation', r.organisationId)) {
        await sendMail(tx, deps.config, {
          to: person.email,
          template: 'funding:history.mail.reportOverdue',
          language: person.language,
          vars: {
            name: person.name,
            project: r.title,
            date: formatDate(isLang(person.language) ? person.language : 'de', r.dueOn),
            link: `${deps.config.baseUrl}/${pageLanguage(person.language)}/grants/${r.grantId}/reports/${r.reportId}`,
          },
        });
        sent++;
      }
      await tx.update(reports).set({ overdueRemindedAt: now }).where(eq(reports.id, r.reportId));
    }
    return sent;
  });
}
