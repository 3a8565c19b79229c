// Daily job: carriers are reminded 14 and 3 days before a report is due. The job runs once a day
// across all processes (dedupe key), so each reminder goes out once. "Today" is the Berlin day of
// the app's clock (deps.now): a reminder due on the Sunday clocks change goes out that Sunday.
// It stays a job rather than an event (report.due) and a subscriber: nothing changes when a report
// becomes due, so there is no transaction to write an event in, and the job already writes each
// mail in one step with nothing after it that could be lost.
import { listUsersWithRole } from '../../../core/auth/users';
import { formatDate } from '../../../core/i18n/formats';
import { isLang, pageLanguage } from '../../../core/i18n/i18n';
import { sendMail } from '../../../core/mail/mail';
import type { AppDeps } from '../../../core/modules';
import { addDays, berlinDate } from '../../../core/time/calendar';
import { reportsDueOn } from '../grants/dashboard.store';
import { reminderDates } from './deadlines';

export async function sendReportReminders(
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>,
  now: Date = deps.now(),
): Promise<number> {
  const today = berlinDate(now);
  // a report due on D is reminded on D−14 and D−3, so today we look at today+14 and today+3
  const due = await reportsDueOn(deps.db, [addDays(today, 14), addDays(today, 3)]);
  // one transaction: a run that fails half-way writes nothing, so its retry sends nobody a second reminder
  return deps.db.transaction(async (tx) => {
    let sent = 0;
    for (const r of due) {
      if (!reminderDates(r.due_on).includes(today)) continue;
      for (const person of await listUsersWithRole(tx, 'carrierStaff', 'organisation', r.organisation_id)) {
        await sendMail(tx, deps.config, {
          to: person.email,
          template: 'funding:mail.reportReminder',
          about: { kind: 'grant', id: r.grant_id },
          language: person.language,
          vars: {
            name: person.name,
            project: r.title,
            date: formatDate(isLang(person.language) ? person.language : 'de', r.due_on),
            link: `${deps.config.baseUrl}/${pageLanguage(person.language)}/grants/${r.grant_id}/reports/${r.report_id}`,
          },
        });
        sent++;
      }
    }
    return sent;
  });
}
