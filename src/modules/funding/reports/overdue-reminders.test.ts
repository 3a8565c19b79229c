// An overdue report is reminded once: the day after its due day each of the carrier's staff gets
// one mail in their language, and the next days' runs write nothing more.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { makeUser, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, plan, type Scene } from '../../../../test/helpers/funding';
import { outbox } from '../../../core/mail/schema';
import { fixedClock } from '../../../core/time/clock';
import { fundingModule } from '../index';
import { reports } from '../schema';
import { overdueReminderRange, sendOverdueReportReminders } from './overdue-reminders';

const clock = fixedClock('2027-04-10T09:00:00Z');
let t: TestApp;
let scene: Scene;

before(async () => {
  t = await testApp({ now: clock });
  scene = await funding(t).scene();
});
after(() => t.close());

const overdueMails = async () =>
  (await t.db.select().from(outbox).where(eq(outbox.template, 'funding:history.mail.reportOverdue'))).filter((m) =>
    m.text.includes('Verspätet'),
  );

test('an overdue report is mailed once to each of the carrier staff, in their language, and not again', async () => {
  const f = funding(t);
  await makeUser(t.db, 'emma@carrier-a.example', 'carrierStaff', {
    scopeKind: 'organisation',
    scopeId: scene.organisationId,
    language: 'en',
  });
  const { grantId } = await f.grant(scene, {
    content: {
      title: 'Verspätet',
      startDate: '2026-01-01',
      endDate: '2026-10-11',
      plan: plan({ year: 2026, grant: 900_000, own: 100_000 }),
    },
  });
  const [final] = await t.db.select().from(reports).where(eq(reports.grantId, grantId));
  assert.equal(final?.dueOn, '2027-04-11');

  // on the due day (23:30 in Berlin) it is not overdue yet
  clock.set('2027-04-11T21:30:00Z');
  await sendOverdueReportReminders(t.deps);
  assert.equal((await overdueMails()).length, 0);

  // 00:30 on 12 April in Berlin, though UTC still says the 11th: overdue
  clock.set('2027-04-11T22:30:00Z');
  await sendOverdueReportReminders(t.deps);
  const sent = await overdueMails();
  assert.equal(sent.length, 2, 'one per person');
  const page = `/grants/${grantId}/reports/${final!.id}`;
  const anna = sent.find((m) => m.to === people.carrier);
  const emma = sent.find((m) => m.to === 'emma@carrier-a.example');
  assert.equal(anna?.language, 'de');
  assert.match(anna?.text ?? '', new RegExp(`/de${page}`));
  assert.match(anna?.subject ?? '', /Überfällig/);
  assert.equal(emma?.language, 'en');
  assert.match(emma?.text ?? '', new RegExp(`/en${page}`));
  assert.match(emma?.subject ?? '', /Overdue/);

  // the next day and the day after: nothing more
  clock.set('2027-04-13T08:00:00Z');
  assert.equal(await sendOverdueReportReminders(t.deps), 0);
  clock.set('2027-04-14T08:00:00Z');
  await sendOverdueReportReminders(t.deps);
  assert.equal((await overdueMails()).length, 2);
  const [marked] = await t.db.select().from(reports).where(eq(reports.id, final!.id));
  assert.ok(marked?.overdueRemindedAt, 'the report keeps that it was reminded');
});

test('reminders cover the last 90 days of due dates, across a year end and a leap day', () => {
  assert.deepEqual(overdueReminderRange('2027-03-01'), { from: '2026-12-01', before: '2027-03-01' });
  assert.deepEqual(overdueReminderRange('2028-05-29'), { from: '2028-02-29', before: '2028-05-29' });
});

test('a report overdue for more than 90 days when the job first sees it is not mailed (history stays quiet)', async () => {
  const f = funding(t);
  const { grantId } = await f.grant(scene, {
    content: {
      title: 'Lange vorbei',
      startDate: '2024-01-01',
      endDate: '2024-06-30',
      plan: plan({ year: 2024, grant: 900_000, own: 100_000 }),
    },
  });
  const [final] = await t.db.select().from(reports).where(eq(reports.grantId, grantId));
  assert.ok(final && final.dueOn < '2025-01-01', 'the final report fell due long ago');
  clock.set('2027-04-20T08:00:00Z');
  await sendOverdueReportReminders(t.deps);
  const mails = await t.db.select().from(outbox).where(eq(outbox.template, 'funding:history.mail.reportOverdue'));
  assert.equal(mails.filter((m) => m.text.includes('Lange vorbei')).length, 0);
  const [still] = await t.db.select().from(reports).where(eq(reports.id, final.id));
  assert.equal(still?.overdueRemindedAt, null, 'it is not marked as reminded either: nobody was');
});

test('the job is declared in the manifest and scheduled daily', () => {
  assert.ok(fundingModule.jobs?.['funding.overdueReports']);
  assert.ok(fundingModule.schedules?.some((s) => s.kind === 'funding.overdueReports' && s.every === 'day'));
});
