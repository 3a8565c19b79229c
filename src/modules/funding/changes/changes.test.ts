// Changes to a running grant: shifts within the 20 % rule apply at once, everything else waits for
// the officer, whose approval makes a new plan version and an amended decision. Carriers report
// notification-duty events; unspent money is mailed to carrier and officer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, pdfText, people, signedIn, system } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { addDays, berlinDate, berlinDateTime } from '../../../core/time/calendar';
import { decidePayment, reportSpent, requestPayment } from '../grants/grants.store';
import { sendUnspentMoneyMails } from '../grants/unspent-mail';
import { changeRequests, grants, planVersions, reports, type StoredPlan } from '../schema';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Awaited<ReturnType<ReturnType<typeof funding>['scene']>>;

// 2027: staff 9,000 € and material 1,000 € (20 % of it is 200 €), own funds 1,000 €, grant 9,000 €
const twoLines: StoredPlan = {
  expenses: [
    { line: 'staff', year: 2027, amountCents: 900_000 },
    { line: 'material', year: 2027, amountCents: 100_000 },
  ],
  ownFunds: [{ year: 2027, amountCents: 100_000 }],
  thirdPartyFunds: [],
  grant: [{ year: 2027, amountCents: 900_000 }],
};
const mo = {
  name: 'Kulturverein Anadolu',
  isMigrantOrganisation: true,
  role: 'Partner',
  tasks: 'Elternabende',
  budgetShareBp: 3000,
};

async function newGrant(title: string) {
  const { grantId } = await f.grant(scene, { content: { title, plan: twoLines, partners: [mo] } });
  return grantId;
}
const grantRow = async (id: string) => (await t.db.select().from(grants).where(eq(grants.id, id)))[0]!;
const lineOf = (g: { plan: StoredPlan }, line: string) =>
  g.plan.expenses.filter((e) => e.line === line).reduce((s, e) => s + e.amountCents, 0);
/** Funding's mails of one template, once the worker has delivered the events that send them. */
async function mails(name: string) {
  await runDueJobs(t.deps);
  return t.db
    .select()
    .from(outbox)
    .where(eq(outbox.template, `funding:mail.${name}`));
}

before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene({ programme: { requiresMigrantOrganisation: true, maxDurationMonths: 24 } });
});
after(() => t.close());

describe('shifting money between lines', () => {
  test('within 20 % of a line it applies at once as a notice, beyond it waits for the officer', async () => {
    const id = await newGrant('Umschichtung');
    const anna = await signedIn(t, people.carrier);
    const form = `/de/grants/${id}/changes/new/shift`;
    const within = await anna.submit(form, {
      year: '2027',
      fromLine: 'staff',
      toLine: 'material',
      amount: '150,00',
      reason: 'Mehr Bastelmaterial',
    });
    assert.equal(within.status, 303);
    assert.match(within.location ?? '', /notice=changeApplied/);
    let g = await grantRow(id);
    assert.equal(g.planVersion, 2);
    assert.equal(lineOf(g, 'material'), 115_000);
    assert.equal(lineOf(g, 'staff'), 885_000);
    assert.equal((await mails('changeRequested')).length, 0, 'a notice needs no officer');

    // another 100 € is within 20 % on its own, but together with the first 250 € is 25 % of the decided 1,000 €
    const beyond = await anna.submit(form, {
      year: '2027',
      fromLine: 'staff',
      toLine: 'material',
      amount: '100,00',
      reason: 'Noch mehr Material',
    });
    assert.match(beyond.location ?? '', /notice=changeRequested/);
    g = await grantRow(id);
    assert.equal(g.planVersion, 2, 'the plan waits for the decision');
    assert.equal(lineOf(g, 'material'), 115_000);
    const [mail] = await mails('changeRequested');
    assert.equal(mail?.to, people.officer);
    assert.match(mail?.text ?? '', /100,00\s€ von Personalausgaben nach Sachausgaben \(2027\)/);

    const list = await anna.get(`/de/grants/${id}/changes`);
    assert.match(list.body, /festgehalten \(ohne Antrag zulässig\)/);
    assert.match(list.body, /beantragt/);

    // the officer approves: plan version 3 on the basis of a decision, mail to the carrier, amended decision
    const [open] = await t.db
      .select()
      .from(changeRequests)
      .where(and(eq(changeRequests.grantId, id), eq(changeRequests.status, 'requested')));
    const olga = await signedIn(t, people.officer);
    const decided = await olga.submit(
      `/de/grants/${id}/changes/${open!.id}`,
      { action: 'approve', note: 'Einverstanden.' },
      `/de/grants/${id}/changes/${open!.id}/decision`,
    );
    assert.equal(decided.status, 303);
    g = await grantRow(id);
    assert.equal(g.planVersion, 3);
    assert.equal(lineOf(g, 'material'), 125_000);
    const versions = await t.db.select().from(planVersions).where(eq(planVersions.grantId, id));
    assert.deepEqual(versions.map((v) => [v.version, v.basis]).sort(), [
      [1, 'decision'],
      [2, 'notice'],
      [3, 'decision'],
    ]);
    const [told] = await mails('changeDecided');
    assert.equal(told?.to, people.carrier);
    assert.match(told?.text ?? '', /bewilligt/);
    const pdf = await getRaw(t, anna, `/de/grants/${id}/changes/${open!.id}/decision.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = await pdfText(pdf.rawPayload);
    assert.match(text, /Änderungsbescheid/);
    assert.match(text, /Fassung 3/);
    assert.match(text, /Einverstanden\./);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    const actions = audit.map((a) => a.action);
    for (const a of ['change.appliedWithinRule', 'change.requested', 'change.approved'])
      assert.ok(actions.includes(a), a);

    // deciding twice is refused
    const again = await olga.post(`/de/grants/${id}/changes/${open!.id}/decision`, { action: 'approve', note: '' });
    assert.equal(again.status, 409);
  });

  test('a shift that does not fit the plan is refused at the field, and nothing is written', async () => {
    const id = await newGrant('Falsche Umschichtung');
    const anna = await signedIn(t, people.carrier);
    const form = `/de/grants/${id}/changes/new/shift`;
    const tooMuch = await anna.submit(form, {
      year: '2027',
      fromLine: 'material',
      toLine: 'staff',
      amount: '1.000,01',
      reason: 'x',
    });
    assert.equal(tooMuch.status, 400);
    assert.match(tooMuch.html.querySelector('#f-amount-error')?.text ?? '', /nicht eingeplant/);
    const same = await anna.submit(form, { year: '2027', fromLine: 'staff', toLine: 'staff', amount: '1', reason: '' });
    assert.equal(same.status, 400);
    assert.ok(same.html.querySelector('#f-reason-error'), 'the reason is required');
    assert.equal((await t.db.select().from(changeRequests).where(eq(changeRequests.grantId, id))).length, 0);
    assert.equal((await grantRow(id)).planVersion, 1);
  });
});

describe('extensions and partners', () => {
  test('an approved extension moves the final report and adds the interim report for the former last year', async () => {
    const id = await newGrant('Verlängerung');
    const anna = await signedIn(t, people.carrier);
    const form = `/de/grants/${id}/changes/new/extension`;
    const tooLong = await anna.submit(form, { endDate: '2029-06-30', reason: 'Mehr Zeit' });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.html.querySelector('#f-endDate-error')?.text ?? '', /So lange darf ein Projekt/);
    const ok = await anna.submit(form, { endDate: '2028-06-30', reason: 'Verzögerter Start wegen Raumsuche' });
    assert.equal(ok.status, 303);
    const [cr] = await t.db.select().from(changeRequests).where(eq(changeRequests.grantId, id));
    assert.equal(cr?.status, 'requested');
    assert.equal((await grantRow(id)).endDate, '2027-12-31', 'nothing changes before the decision');

    const olga = await signedIn(t, people.officer);
    await olga.submit(
      `/de/grants/${id}/changes/${cr!.id}`,
      { action: 'approve', note: '' },
      `/de/grants/${id}/changes/${cr!.id}/decision`,
    );
    assert.equal((await grantRow(id)).endDate, '2028-06-30');
    const due = (await t.db.select().from(reports).where(eq(reports.grantId, id)))
      .map((r) => `${r.kind}:${r.budgetYear ?? ''}:${r.dueOn}`)
      .sort();
    assert.deepEqual(due, ['final::2028-12-30', 'interim:2027:2028-04-30']);
  });

  test('a change of partners keeps the migrant-organisation rule, and a rejection needs a reason', async () => {
    const id = await newGrant('Partnerwechsel');
    const anna = await signedIn(t, people.carrier);
    const form = `/de/grants/${id}/changes/new/partners`;
    const page = await anna.get(form);
    assert.equal(page.html.querySelector('#f-partner-0-name')?.getAttribute('value'), 'Kulturverein Anadolu');
    const noMo = await anna.post(form, {
      'partner-0-name': 'Stadtbibliothek',
      'partner-0-role': 'Ort',
      'partner-0-tasks': '',
      'partner-0-share': '10',
      reason: 'Der Verein hat sich aufgelöst',
    });
    assert.equal(noMo.status, 400);
    assert.match(noMo.html.querySelector('#f-partners-error')?.text ?? noMo.body, /Migrantenorganisation/);
    const ok = await anna.post(form, {
      'partner-0-name': 'Elternnetzwerk Sonnenberg',
      'partner-0-isMigrantOrganisation': 'on',
      'partner-0-role': 'Partner',
      'partner-0-tasks': 'Elternabende',
      'partner-0-share': '30',
      reason: 'Der Verein hat sich aufgelöst',
    });
    assert.equal(ok.status, 303);
    const [cr] = await t.db.select().from(changeRequests).where(eq(changeRequests.grantId, id));
    const olga = await signedIn(t, people.officer);
    const url = `/de/grants/${id}/changes/${cr!.id}`;
    const noReason = await olga.submit(url, { action: 'reject', note: '' }, `${url}/decision`);
    assert.equal(noReason.status, 400);
    assert.ok(noReason.html.querySelector('#f-note-error'));
    const rejected = await olga.submit(
      url,
      { action: 'reject', note: 'Bitte erst den Kooperationsvertrag vorlegen.' },
      `${url}/decision`,
    );
    assert.equal(rejected.status, 303);
    assert.equal((await grantRow(id)).partners, null, 'the partners stay those of the application');
    const shown = await anna.get(url);
    assert.match(shown.body, /abgelehnt/);
    assert.match(shown.body, /Kooperationsvertrag/);
  });

  test('only the carrier asks, only the programme’s officer decides, nobody else sees anything', async () => {
    const id = await newGrant('Rechte');
    const anna = await signedIn(t, people.carrier);
    await anna.submit(`/de/grants/${id}/changes/new/extension`, { endDate: '2028-03-31', reason: 'Zeit' });
    const [cr] = await t.db.select().from(changeRequests).where(eq(changeRequests.grantId, id));
    const ben = await signedIn(t, people.foreignCarrier);
    const otto = await signedIn(t, people.foreignOfficer);
    for (const c of [ben, otto]) {
      assert.equal((await c.get(`/de/grants/${id}/changes`)).status, 404);
      assert.equal((await c.get(`/de/grants/${id}/changes/${cr!.id}`)).status, 404);
      assert.equal((await c.get(`/de/grants/${id}/changes/${cr!.id}/decision.pdf`)).status, 404);
    }
    await ben.get('/de/grants');
    assert.equal((await ben.post(`/de/grants/${id}/changes/${cr!.id}/decision`, { action: 'approve' })).status, 404);
    assert.equal((await anna.post(`/de/grants/${id}/changes/${cr!.id}/decision`, { action: 'approve' })).status, 403);
    const olga = await signedIn(t, people.officer);
    assert.equal((await olga.get(`/de/grants/${id}/changes/new/shift`)).status, 403);
    assert.equal((await anna.get(`/de/grants/${id}/changes/${crypto.randomUUID()}`)).status, 404);
    assert.equal((await anna.get(`/de/grants/${id}/changes/new/anything`)).status, 404);
    const [still] = await t.db.select().from(changeRequests).where(eq(changeRequests.id, cr!.id));
    assert.equal(still?.status, 'requested');
  });
});

describe('notification duties', () => {
  test('the carrier reports an event, the officer is mailed, sees it in the inbox and acknowledges it', async () => {
    const id = await newGrant('Mitteilungen');
    const anna = await signedIn(t, people.carrier);
    const form = `/de/grants/${id}/notifications/new`;
    const future = await anna.submit(
      form,
      { kind: 'otherFunding', occurredOn: addDays(berlinDate(new Date()), 5), description: 'Stiftung' },
      `/de/grants/${id}/notifications`,
    );
    assert.equal(future.status, 400);
    assert.ok(future.html.querySelector('#f-occurredOn-error'));
    const ok = await anna.submit(
      form,
      {
        kind: 'otherFunding',
        occurredOn: berlinDate(new Date()),
        description: 'Die Bürgerstiftung gibt 2.000 € für Fahrtkosten.',
      },
      `/de/grants/${id}/notifications`,
    );
    assert.equal(ok.status, 303);
    const mail = (await mails('notificationReported')).find((m) => m.text.includes('Mitteilungen'));
    assert.equal(mail?.to, people.officer);
    assert.match(mail?.subject ?? '', /Weitere Förderung erhalten/);

    const olga = await signedIn(t, people.officer);
    const inbox = await olga.get('/de/funding/inbox');
    assert.equal(inbox.status, 200);
    assert.match(inbox.body, /Weitere Förderung erhalten/);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.doesNotMatch((await otto.get('/de/funding/inbox')).body, /Weitere Förderung erhalten/);
    assert.equal((await anna.get('/de/funding/inbox')).status, 403);

    const changes = await olga.get(`/de/grants/${id}/changes`);
    const action = changes.html.querySelector('form[action*="/acknowledge"]')?.getAttribute('action');
    assert.ok(action);
    const ack = await olga.post(action, { note: 'Bitte im Verwendungsnachweis angeben.' });
    assert.equal(ack.status, 303);
    assert.doesNotMatch((await olga.get('/de/funding/inbox')).body, /Mitteilungen<\/td>|>Mitteilungen</);
    assert.match((await anna.get(`/de/grants/${id}/changes`)).body, /Bitte im Verwendungsnachweis angeben/);
    assert.equal((await olga.post(action, { note: '' })).status, 404, 'acknowledged once');
  });
});

describe('unspent money', () => {
  test('is mailed to carrier and officer once, again after 14 days, and no more once spent', async () => {
    const id = await newGrant('Nicht verbraucht');
    const today = berlinDate(new Date());
    const request = await requestPayment(
      t.db,
      system,
      id,
      { year: 2027, line: 'staff', requestedCents: 50_000, dueOn: addDays(today, 10), purpose: 'Honorare' },
      new Date(),
    );
    assert.ok(request.ok);
    // paid 50 days ago: eight days past the six weeks
    const paid = berlinDateTime(addDays(today, -50), '10:00');
    await decidePayment(t.db, system, request.id, { status: 'approved', approvedCents: 50_000 }, paid);
    const now = new Date();
    const count = async () => (await mails('unspentMoney')).filter((m) => m.text.includes('Nicht verbraucht')).length;
    await sendUnspentMoneyMails(t.deps, now);
    assert.equal(await count(), 2, 'carrier and officer');
    const [mail] = (await mails('unspentMoney')).filter(
      (m) => m.to === people.carrier && m.text.includes('Nicht verbraucht'),
    );
    assert.match(mail?.text ?? '', /500,00\s€/);
    await sendUnspentMoneyMails(t.deps, now);
    assert.equal(await count(), 2, 'not twice the same day');
    await sendUnspentMoneyMails(t.deps, new Date(now.getTime() + 13 * 86_400_000));
    assert.equal(await count(), 2, 'not within 14 days');
    await sendUnspentMoneyMails(t.deps, new Date(now.getTime() + 14 * 86_400_000));
    assert.equal(await count(), 4, 'reminded after 14 days');
    await reportSpent(t.db, system, request.id, { spentCents: 50_000, spentOn: today });
    await sendUnspentMoneyMails(t.deps, new Date(now.getTime() + 30 * 86_400_000));
    assert.equal(await count(), 4, 'spent money is not mailed');
  });
});
