// Report reminders go out on Berlin days, whatever UTC says, also in the nights the clocks change:
// the daily job takes its day from the app's clock (deps.now), and each reader gets the reminder
// in their own language with a link to the report page in a language it exists in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { makeUser, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, plan, type Scene } from '../../../../test/helpers/funding';
import { outbox } from '../../../core/mail/schema';
import { fixedClock } from '../../../core/time/clock';
import { reports } from '../schema';
import { sendReportReminders } from './reminders';

const clock = fixedClock('2027-01-15T09:00:00Z');
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene();
  // anna reads German; carrier A also has staff who read Turkish and English
  const staff = { scopeKind: 'organisation', scopeId: scene.organisationId };
  await makeUser(t.db, 'tuba@carrier-a.example', 'carrierStaff', { ...staff, language: 'tr' });
  await makeUser(t.db, 'emma@carrier-a.example', 'carrierStaff', { ...staff, language: 'en' });
});
after(() => t.close());

/** A one-year project whose final report is due six months after `endDate`. */
async function project(title: string, startDate: string, endDate: string) {
  const year = Number(startDate.slice(0, 4));
  const { grantId } = await f.grant(scene, {
    content: { title, startDate, endDate, plan: plan({ year, grant: 900_000, own: 100_000 }) },
  });
  const [final] = await t.db.select().from(reports).where(eq(reports.grantId, grantId));
  return { grantId, final: final! };
}

/** Runs the daily job at an instant and returns the reminders it wrote for the project. */
async function remindersAt(instant: string, title: string) {
  clock.set(instant);
  await sendReportReminders(t.deps);
  const all = await t.db.select().from(outbox).where(eq(outbox.template, 'funding:mail.reportReminder'));
  return all.filter((m) => m.text.includes(title));
}

describe('report reminders across a switch of the clocks', () => {
  test('in March the reminder due on the Sunday the clocks go forward goes out that Sunday in Berlin', async () => {
    // due 11 April 2027: reminded on 28 March (D−14), the last Sunday in March, and on 8 April (D−3)
    const { final } = await project('Frühjahr', '2026-01-01', '2026-10-11');
    assert.equal(final.dueOn, '2027-04-11');
    assert.equal((await remindersAt('2027-03-27T22:30:00Z', 'Frühjahr')).length, 0, '23:30 on Saturday in Berlin');
    const sunday = await remindersAt('2027-03-27T23:30:00Z', 'Frühjahr');
    assert.equal(sunday.length, 3, '00:30 on Sunday in Berlin, though UTC still says Saturday: one per person');
    // 00:30 on Monday in Berlin (summer time) is still Sunday in UTC: nothing more
    assert.equal((await remindersAt('2027-03-28T22:30:00Z', 'Frühjahr')).length, 3);
    assert.equal((await remindersAt('2027-04-07T22:30:00Z', 'Frühjahr')).length, 6, 'D−3 at 00:30 on 8 April');
  });

  test('in October the reminder due on the Sunday the clocks go back goes out that Sunday in Berlin', async () => {
    // due 14 November 2027: reminded on 31 October (D−14), the last Sunday in October
    const { final } = await project('Herbst', '2027-01-01', '2027-05-14');
    assert.equal(final.dueOn, '2027-11-14');
    assert.equal((await remindersAt('2027-10-30T21:30:00Z', 'Herbst')).length, 0, '23:30 on Saturday (summer time)');
    assert.equal((await remindersAt('2027-10-30T22:30:00Z', 'Herbst')).length, 3, '00:30 on Sunday in Berlin');
    // 00:30 on Monday in Berlin (winter time again) is 23:30 on Sunday in UTC: nothing more
    assert.equal((await remindersAt('2027-10-31T23:30:00Z', 'Herbst')).length, 3);
  });

  test('each reader gets it in their language; the link opens the report in it', async () => {
    const { grantId, final } = await project('Sprachen', '2026-01-01', '2026-10-18');
    assert.equal(final.dueOn, '2027-04-18');
    const sent = await remindersAt('2027-04-04T08:00:00Z', 'Sprachen');
    const to = (email: string) => sent.find((m) => m.to === email);
    const page = `/grants/${grantId}/reports/${final.id}`;
    assert.match(to(people.carrier)?.text ?? '', new RegExp(`/de${page}`));
    assert.match(to('emma@carrier-a.example')?.text ?? '', new RegExp(`/en${page}`));
    // the report pages exist in every language: a reader of Turkish is led to the Turkish one
    const tuba = to('tuba@carrier-a.example');
    assert.equal(tuba?.language, 'tr');
    assert.match(tuba?.subject ?? '', /Hatırlatma/);
    assert.match(tuba?.text ?? '', new RegExp(`/tr${page}`));
  });
});
