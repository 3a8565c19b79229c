// After approval the carrier draws money for expenses due within six weeks, capped by what is left
// of the year's grant; officers pay, reduce or reject; unspent money is flagged with interest.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, plan, signedIn, system } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { addDays, berlinDate } from '../../../core/time/calendar';
import { paymentRequests } from '../schema';
import { decidePayment } from './grants.store';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Awaited<ReturnType<ReturnType<typeof funding>['scene']>>;
let grantUrl = '';
const today = berlinDate(new Date());
// a project that runs now: payments are for expenses due and spent within the project period
const year = Number(today.slice(0, 4));

before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene();
  const { grantId } = await f.grant(scene, {
    content: {
      title: 'Projekt mit Zuwendung',
      startDate: `${year}-01-01`,
      endDate: `${year + 1}-12-31`,
      plan: plan({ year, grant: 3_600_000, own: 400_000 }),
    },
  });
  grantUrl = `/de/grants/${grantId}`;
});
after(() => t.close());

describe('payment requests', () => {
  test('are capped by the year’s remaining grant, open requests included, and must be due within six weeks', async () => {
    const anna = await signedIn(t, people.carrier);
    const list = await anna.get('/de/grants');
    assert.match(list.body, /Projekt mit Zuwendung/);
    const form = { year: String(year), line: 'staff', purpose: 'Gehälter März', dueOn: addDays(today, 10) };
    const tooMuch = await anna.submit(grantUrl, { ...form, amount: '40.000,00' }, `${grantUrl}/payments`);
    assert.equal(tooMuch.status, 400);
    assert.match(tooMuch.html.querySelector('#f-amount-error')?.text ?? '', /höchstens 36\.000,00/);
    const late = await anna.submit(
      grantUrl,
      { ...form, amount: '1.000,00', dueOn: addDays(today, 60) },
      `${grantUrl}/payments`,
    );
    assert.equal(late.status, 400);
    assert.match(late.html.querySelector('#f-dueOn-error')?.text ?? '', /sechs Wochen/);
    assert.equal((await anna.submit(grantUrl, { ...form, amount: '30.000,00' }, `${grantUrl}/payments`)).status, 303);
    const second = await anna.submit(grantUrl, { ...form, amount: '6.000,01' }, `${grantUrl}/payments`);
    assert.equal(second.status, 400, 'the open request counts against the cap');
    assert.match(second.html.querySelector('#f-amount-error')?.text ?? '', /6\.000,00/);
  });

  test('nobody else sees the grant; carriers cannot decide payments', async () => {
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await ben.get(grantUrl)).status, 404);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.equal((await otto.get(grantUrl)).status, 404);
    const anna = await signedIn(t, people.carrier);
    await anna.get(grantUrl);
    const [p] = await t.db.select().from(paymentRequests);
    assert.equal(
      (await anna.post(`${grantUrl}/payments/${p!.id}/decision`, { action: 'approve', amount: '30.000,00' })).status,
      403,
    );
  });

  test('the officer reduces a request; the ledger shows drawn and spent money', async () => {
    const olga = await signedIn(t, people.officer);
    const page = await olga.get(grantUrl);
    const [p] = await t.db.select().from(paymentRequests);
    assert.ok(page.html.querySelector(`form[action="${grantUrl}/payments/${p!.id}/decision"]`));
    const above = await olga.post(`${grantUrl}/payments/${p!.id}/decision`, { action: 'approve', amount: '31.000,00' });
    assert.equal(above.status, 400, 'not more than requested');
    assert.match(above.html.querySelector(`#f-amount-${p!.id}-error`)?.text ?? '', /höchstens der angeforderte/);
    assert.equal(
      (await olga.post(`${grantUrl}/payments/${p!.id}/decision`, { action: 'approve', amount: '25.000,00' })).status,
      303,
    );
    const [after] = await t.db.select().from(paymentRequests);
    assert.equal(after?.status, 'reduced');
    assert.equal(after?.approvedCents, 2_500_000);
    assert.equal(after?.paidOn, today);
    assert.ok((await t.db.select().from(auditLog).where(eq(auditLog.action, 'payment.reduced'))).length);

    const anna = await signedIn(t, people.carrier);
    await anna.get(grantUrl);
    const overspent = await anna.post(`${grantUrl}/payments/${p!.id}/spent`, { spent: '26.000,00', spentOn: today });
    assert.equal(overspent.status, 400);
    assert.match(overspent.html.querySelector(`#f-spent-${p!.id}-error`)?.text ?? '', /nicht übersteigen/);
    assert.equal(
      (await anna.post(`${grantUrl}/payments/${p!.id}/spent`, { spent: '20.000,00', spentOn: today })).status,
      303,
    );
    const ledger = await anna.get(grantUrl);
    const row = ledger.html.querySelectorAll('table')[1]!.querySelector('tbody tr')!.text;
    assert.match(row, /40\.000,00.*25\.000,00.*20\.000,00.*15\.000,00/s, 'planned, drawn, spent, remaining');
  });

  test('money not spent six weeks after payment is flagged with the interest that could be charged', async () => {
    await t.db.update(paymentRequests).set({ paidOn: addDays(today, -73) });
    const anna = await signedIn(t, people.carrier);
    const page = await anna.get(grantUrl);
    const warning = page.html.querySelector('.kern-alert--warning')?.text ?? '';
    // 5,000 € unspent, 73 − 42 = 31 days overdue, 6.27 % a year: 5000 × 0.0627 × 31 / 365 = 26.626 → 26.63 €
    assert.match(warning, /5\.000,00\s€ seit 31 Tagen/);
    assert.match(warning, /26,63\s€/);
    const olga = await signedIn(t, people.officer);
    assert.match((await olga.get(grantUrl)).body, /nicht rechtzeitig ausgegeben/, 'the officer sees the flag too');
  });

  test('money is drawn only for expenses due, and spent, within the project period', async () => {
    const ending = await f.grant(scene, {
      content: {
        title: 'Endet bald',
        startDate: `${year}-01-01`,
        endDate: addDays(today, 5),
        plan: plan({ year, grant: 900_000, own: 100_000 }),
      },
    });
    const url = `/de/grants/${ending.grantId}`;
    const anna = await signedIn(t, people.carrier);
    const form = { year: String(year), line: 'staff', purpose: 'Honorar', amount: '100,00' };
    const after = await anna.submit(url, { ...form, dueOn: addDays(today, 6) }, `${url}/payments`);
    assert.equal(after.status, 400);
    assert.match(after.html.querySelector('#f-dueOn-error')?.text ?? '', /bis zum Projektende/);
    assert.equal((await anna.submit(url, { ...form, dueOn: addDays(today, 5) }, `${url}/payments`)).status, 303);
    const [p] = await t.db.select().from(paymentRequests).where(eq(paymentRequests.grantId, ending.grantId));
    await decidePayment(t.db, system, p!.id, { status: 'approved', approvedCents: 10_000 }, t.deps.now());
    await anna.get(url);
    const tomorrow = await anna.post(`${url}/payments/${p!.id}/spent`, { spent: '100,00', spentOn: addDays(today, 1) });
    assert.equal(tomorrow.status, 400, 'not in the future');
    assert.match(tomorrow.html.querySelector(`#f-spentOn-${p!.id}-error`)?.text ?? '', /im Projektzeitraum/);
    const before = await anna.post(`${url}/payments/${p!.id}/spent`, { spent: '100,00', spentOn: `${year - 1}-12-31` });
    assert.equal(before.status, 400, 'not before the project began');
    assert.equal((await anna.post(`${url}/payments/${p!.id}/spent`, { spent: '100,00', spentOn: today })).status, 303);
  });
});

describe('finding one’s way', () => {
  test('the call page offers "Antrag stellen" to carriers and visitors, not to officers; an approval links to the grant', async () => {
    const apply = (p: { html: { querySelector(s: string): unknown } }) =>
      Boolean(p.html.querySelector(`main a[href="/de/calls/${scene.callId}/apply"]`));
    assert.ok(apply(await client(t).get(`/de/calls/${scene.callId}`)), 'a visitor is led to sign in and apply');
    assert.ok(apply(await (await signedIn(t, people.carrier)).get(`/de/calls/${scene.callId}`)));
    assert.equal(apply(await (await signedIn(t, people.officer)).get(`/de/calls/${scene.callId}`)), false);
    const { applicationId, grantId } = await f.grant(scene, { content: { title: 'Mit Wegweiser' } });
    const anna = await signedIn(t, people.carrier);
    const overview = await anna.get(`/de/applications/${applicationId}`);
    assert.ok(
      overview.html.querySelector(`main a[href="/de/grants/${grantId}"]`),
      'the approved application links to its grant',
    );
  });
});
