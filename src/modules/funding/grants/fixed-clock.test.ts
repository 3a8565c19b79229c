// The app's clock stands on New Year's Eve: the server counts in UTC, the carrier in Berlin. A
// payment request's six weeks, the day spending may be reported for and the days of interest on
// unspent money all turn at Berlin midnight, an hour before UTC's (ADR: core/time/clock.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, plan, type Scene, signedIn, system } from '../../../../test/helpers/funding';
import { events } from '../../../core/events/schema';
import { outbox } from '../../../core/mail/schema';
import { berlinDateTime } from '../../../core/time/calendar';
import { fixedClock } from '../../../core/time/clock';
import { paymentRequests } from '../schema';
import { decidePayment, requestPayment } from './grants.store';
import { sendUnspentMoneyMails } from './unspent-mail';

/** 23:30 in Berlin on 31 December 2026; UTC says 22:30. */
const lateOnNewYearsEve = '2026-12-31T22:30:00Z';
/** 00:30 in Berlin on 1 January 2027; UTC still says 31 December, 23:30. */
const justAfterMidnight = '2026-12-31T23:30:00Z';

const clock = fixedClock(lateOnNewYearsEve);
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene();
});
after(() => t.close());

/** A project over 2026 and 2027 with 18,000 € of grant a year. */
async function project(title: string) {
  const { grantId } = await f.grant(scene, {
    content: {
      title,
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      plan: plan({ year: 2026, grant: 1_800_000, own: 200_000 }, { year: 2027, grant: 1_800_000, own: 200_000 }),
    },
  });
  return { grantId, url: `/de/grants/${grantId}` };
}

const request = (dueOn: string) => ({ year: '2027', line: 'staff', amount: '100,00', dueOn, purpose: 'Honorar' });

describe('a payment request on New Year’s Eve', () => {
  test('at 23:30 in Berlin on 31 December the six weeks count from 31 December', async () => {
    clock.set(lateOnNewYearsEve);
    const { url } = await project('Silvester spät');
    const anna = await signedIn(t, people.carrier);
    const late = await anna.submit(url, request('2027-02-12'), `${url}/payments`);
    assert.equal(late.status, 400, '12 February is 43 days after 31 December');
    assert.match(late.html.querySelector('#f-dueOn-error')?.text ?? '', /sechs Wochen/);
    assert.equal((await anna.submit(url, request('2027-02-11'), `${url}/payments`)).status, 303);
    assert.equal((await anna.submit(url, request('2026-12-31'), `${url}/payments`)).status, 303, 'today');
  });

  test('at 00:30 on 1 January (UTC still says 31 December) they count from 1 January', async () => {
    clock.set(justAfterMidnight);
    const { url } = await project('Neujahr früh');
    const anna = await signedIn(t, people.carrier);
    assert.equal((await anna.submit(url, request('2027-02-12'), `${url}/payments`)).status, 303);
    const past = await anna.submit(url, request('2026-12-31'), `${url}/payments`);
    assert.equal(past.status, 400, '31 December is yesterday in Berlin');
    assert.match(past.html.querySelector('#f-dueOn-error')?.text ?? '', /sechs Wochen/);
  });

  test('spending is reported for 1 January only once it is 1 January in Berlin', async () => {
    clock.set(lateOnNewYearsEve);
    const { grantId, url } = await project('Ausgaben zum Jahreswechsel');
    const asked = await requestPayment(
      t.db,
      system,
      grantId,
      { year: 2026, line: 'staff', requestedCents: 10_000, dueOn: '2026-12-31', purpose: 'Miete' },
      clock(),
    );
    assert.ok(asked.ok);
    await decidePayment(t.db, system, asked.id, { status: 'approved', approvedCents: 10_000 }, clock());
    const [paid] = await t.db.select().from(paymentRequests).where(eq(paymentRequests.id, asked.id));
    assert.equal(paid?.paidOn, '2026-12-31', 'paid on the Berlin day of the decision');
    // both were written as events in their transactions, at the app's clock, for other modules to hear
    const said = await t.db.select().from(events).where(sql`${events.payload}->>'paymentId' = ${asked.id}`);
    assert.deepEqual(said.map((e) => [e.name, e.occurredAt.toISOString()]).sort(), [
      ['payment.decided', '2026-12-31T22:30:00.000Z'],
      ['payment.requested', '2026-12-31T22:30:00.000Z'],
    ]);
    assert.deepEqual(said.find((e) => e.name === 'payment.decided')?.payload, {
      grantId,
      paymentId: asked.id,
      status: 'approved',
    });
    const anna = await signedIn(t, people.carrier);
    await anna.get(url);
    const spent = { spent: '100,00', spentOn: '2027-01-01' };
    const early = await anna.post(`${url}/payments/${asked.id}/spent`, spent);
    assert.equal(early.status, 400, 'tomorrow, in Berlin');
    assert.match(early.html.querySelector(`#f-spentOn-${asked.id}-error`)?.text ?? '', /nicht in der Zukunft/);
    // an hour later (a new session: the idle one has run out by the app's clock)
    clock.set(justAfterMidnight);
    const later = await signedIn(t, people.carrier);
    await later.get(url);
    assert.equal((await later.post(`${url}/payments/${asked.id}/spent`, spent)).status, 303);
  });
});

describe('unspent money over New Year', () => {
  test('its first day of interest is 1 January in Berlin, on the page and in the mail', async () => {
    clock.set(lateOnNewYearsEve);
    const { grantId, url } = await project('Zinsen zum Jahreswechsel');
    const asked = await requestPayment(
      t.db,
      system,
      grantId,
      { year: 2026, line: 'staff', requestedCents: 365_000, dueOn: '2026-11-20', purpose: 'Honorare' },
      clock(),
    );
    assert.ok(asked.ok);
    // paid on 19 November: six weeks (42 days) later is 31 December, the last day without interest
    const paidOn = berlinDateTime('2026-11-19', '10:00');
    await decidePayment(t.db, system, asked.id, { status: 'approved', approvedCents: 365_000 }, paidOn);
    const mails = async () =>
      (await t.db.select().from(outbox).where(eq(outbox.template, 'funding:mail.unspentMoney'))).filter((m) =>
        m.text.includes('Zinsen zum Jahreswechsel'),
      );

    const anna = await signedIn(t, people.carrier);
    assert.equal((await anna.get(url)).html.querySelector('.kern-alert--warning'), null, 'no flag on 31 December');
    assert.equal(await sendUnspentMoneyMails(t.deps), 0);
    assert.equal((await mails()).length, 0);

    clock.set(justAfterMidnight);
    // 3,650.00 € × (1.27 % + 5 %) × 1 day / 365 = 0.627 € → 0,63 €
    const later = await signedIn(t, people.carrier);
    const warning = (await later.get(url)).html.querySelector('.kern-alert--warning')?.text ?? '';
    assert.match(warning, /3\.650,00\s€ seit 1 Tag über der Sechs-Wochen-Frist/);
    assert.match(warning, /0,63\s€/);
    await sendUnspentMoneyMails(t.deps);
    const sent = await mails();
    assert.deepEqual(sent.map((m) => m.to).sort(), [people.carrier, people.officer].sort());
    assert.match(sent[0]?.text ?? '', /0,63\s€/);
    assert.match(sent[0]?.text ?? '', new RegExp(`/de/grants/${grantId}`));
  });
});
