// Daily job: once a report is overdue (its due day has passed and it is neither submitted nor
// accepted), the carrier's staff are mailed once, each in their language with the link to the
// report page in it. The report keeps when that was (overdue_reminded_at), so the next day's run
// writes nothing again; mails and marks are written in one transaction, so a failed run that is
// retried mails nobody twice. "Today" is the Berlin day of the app's clock (deps.now).
// Only reports that fell due in the last `overdueReminderDays` days (a quarter) are mailed: when the job first
// runs on an instance with years of history (or after a long outage), carriers of long-finished
// projects are not woken by a reminder about a report from 2011; the officer's calendar lists those.
import { and, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { listUsersWithRole } from '../../../core/auth/users';
import { formatDate } from '../../../core/i18n/formats';
import { isLang, pageLanguage } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import type { AppDeps } from '../../../core/modules';
import { addDays, berlinDate } from '../../../core/time/calendar';
import { grants, reports } from '../schema';

/** The report states in which a report is still owed by the carrier. */
export const owedStatuses = ['open', 'correctionsRequested'];

/** How long after its due day an unreminded report is still reminded. */
export const overdueReminderDays = 90;

/** The due days a reminder run on `today` mails about: from `overdueReminderDays` ago to yesterday. */
export function overdueReminderRange(today: string): { from: string; before: string } {
  return { from: addDays(today, -overdueReminderDays), before: today };
}

export async function sendOverdueReportReminders(
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>,
  now: Date = deps.now(),
): Promise<number> {
  const range = overdueReminderRange(berlinDate(now));
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
      .where(
        and(
          inArray(reports.status, owedStatuses),
          gte(reports.dueOn, range.from),
          lt(reports.dueOn, range.before),
          isNull(reports.overdueRemindedAt),
        ),
      )
      .for('update', { of: reports });
    let sent = 0;
    for (const r of overdue) {
      for (const person of await listUsersWithRole(tx, 'carrierStaff', 'organisation', r.organisationId)) {
        await sendMail(tx, deps.config, {
          to: person.email,
          template: 'funding:history.mail.reportOverdue',
          about: { kind: 'grant', id: r.grantId },
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
