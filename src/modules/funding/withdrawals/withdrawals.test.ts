// Withdrawing a grant decision through the pages. The grant is decided on 12 January 2026 and pays
// out 5,000 € on 2 February and 3,000 € on 2 March; on 16 March the officer withdraws it in part
// (6,000 € of 18,000 € remain, from 15 February) after a preview and a confirmation: 2,000 € are
// reclaimed from the 2 March payment, bearing interest from that day. The carrier sees it, in
// Turkish too, gets a mail and the notice as stored; a full withdrawal ex tunc reclaims everything
// paid and closes the grant to payments and changes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, pdfText, people, plan, type Scene, signedIn, system } from '../../../../test/helpers/funding';
import { sha256Of } from '../../../core/files/files';
import { files } from '../../../core/files/schema';
import { runDueJobs } from '../../../core/jobs/jobs';
import { outbox } from '../../../core/mail/schema';
import { fixedClock } from '../../../core/time/clock';
import { applications, grants, reclaims, reports, withdrawals } from '../schema';
import { withdrawDecision } from './withdrawals.store';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
const clock = fixedClock('2026-01-12T10:00:00Z');

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene();
});
after(() => t.close());

const squeeze = (s: string) => s.replace(/\s+/g, ' ');

/** A grant of 18,000 € for 2026, decided on 12 January, paid 5,000 € on 2 February and 3,000 € on 2 March. */
async function paidGrant(title: string) {
  clock.set('2026-01-12T10:00:00Z');
  const { grantId } = await f.grant(scene, {
    content: {
      title,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      plan: plan({ year: 2026, grant: 1_800_000, own: 200_000 }),
    },
  });
  clock.set('2026-02-02T10:00:00Z');
  await f.payment(grantId, { cents: 500_000, decision: 'approved' });
  clock.set('2026-03-02T10:00:00Z');
  await f.payment(grantId, { cents: 300_000, decision: 'approved' });
  clock.set('2026-03-16T10:00:00Z');
  return grantId;
}

const partial = {
  basis: 'revocation',
  extent: 'partial',
  effect: 'date',
  effectiveOn: '2026-02-15',
  reason: 'notUsedForPurpose',
  reasonText: 'Die Honorare wurden für eine andere Veranstaltung verwendet.',
  remaining2026: '6.000,00',
};

describe('a partial withdrawal', () => {
  let grantId: string;

  test('the officer sees what will be reclaimed, must confirm it, and issues', async () => {
    grantId = await paidGrant('Teilweise widerrufenes Projekt');
    const olga = await signedIn(t, people.officer);
    const grantPage = await olga.get(`/de/grants/${grantId}`);
    assert.match(grantPage.body, /Zuwendungsbescheid widerrufen oder zurücknehmen/);
    const url = `/de/grants/${grantId}/withdrawal`;
    assert.equal((await olga.get(url)).status, 200);

    // more than granted, or before the decision: 400 at the field
    const above = await olga.submit(url, { ...partial, remaining2026: '20.000,00' }, url);
    assert.equal(above.status, 400);
    assert.match(squeeze(above.body), /höchstens der bisher bewilligte Betrag von 18\.000,00\s€/);
    const early = await olga.submit(url, { ...partial, effectiveOn: '2026-01-05' }, url);
    assert.equal(early.status, 400);
    assert.match(squeeze(early.body), /frühestens ab dem Tag des Bescheids wirken, dem 12\. Januar 2026/);

    // the preview: 8,000 € paid, 6,000 € remain → 2,000 € back, out of the 2 March payment
    const preview = await olga.submit(url, partial, url);
    assert.equal(preview.status, 200);
    const shown = squeeze(preview.body);
    assert.match(shown, /Zurückgefordert werden insgesamt 2\.000,00\s€/);
    assert.match(shown, /2\.000,00\s€, zu verzinsen ab dem 2\. März 2026/);
    assert.match(shown, /Ich habe den Rückforderungsbetrag geprüft/);
    assert.equal((await t.db.select().from(withdrawals).where(eq(withdrawals.grantId, grantId))).length, 0);

    // issuing without the tick is refused, the preview stays
    const unconfirmed = await olga.post(url, { ...partial, step: 'issue', previewed: '200000' });
    assert.equal(unconfirmed.status, 400);
    assert.match(squeeze(unconfirmed.body), /bestätigen Sie, dass Sie den Rückforderungsbetrag geprüft haben/);
    assert.match(squeeze(unconfirmed.body), /Zurückgefordert werden insgesamt 2\.000,00\s€/);
    // a different amount than the preview showed is refused too
    const stale = await olga.post(url, { ...partial, step: 'issue', previewed: '100000', confirm: 'on' });
    assert.equal(stale.status, 400);
    assert.match(squeeze(stale.body), /jetzt 2\.000,00\s€/);

    const issued = await olga.post(url, { ...partial, step: 'issue', previewed: '200000', confirm: 'on' });
    assert.equal(issued.status, 303, issued.body);
    const [w] = await t.db.select().from(withdrawals).where(eq(withdrawals.grantId, grantId));
    assert.ok(w);
    assert.equal(w.reclaimCents, 200_000);
    assert.equal(w.effectiveOn, '2026-02-15');
    assert.deepEqual(w.grantAfter, [{ year: 2026, amountCents: 600_000 }]);
    const [g] = await t.db.select().from(grants).where(eq(grants.id, grantId));
    assert.equal(g?.approvedTotalCents, 600_000);
    assert.deepEqual(g?.plan.grant, [{ year: 2026, amountCents: 600_000 }]);
    assert.equal(g?.withdrawnOn, null, 'a partial withdrawal leaves the grant running');
    assert.equal(g?.planVersion, 2, 'the lowered grant is a new plan version');
    const versions = squeeze((await olga.get(`/de/grants/${grantId}/changes`)).body);
    assert.match(versions, /Widerruf/);
    const rs = await t.db.select().from(reclaims).where(eq(reclaims.grantId, grantId));
    assert.equal(rs.length, 1);
    assert.equal(rs[0]?.withdrawalId, w.id);
    assert.equal(rs[0]?.amountCents, 200_000);
    assert.equal(rs[0]?.effectiveOn, '2026-03-02');
    assert.equal(rs[0]?.dueOn, '2026-04-16');
    const reclaimPage = squeeze((await olga.get(`/de/grants/${grantId}/reclaims/${rs[0]!.id}`)).body);
    assert.match(reclaimPage, /Zurückgefordert mit dem Bescheid über die Aufhebung/);
    assert.match(reclaimPage, /Widerruf des Zuwendungsbescheids vom 12\. Januar 2026/);
  });

  test('the carrier sees it with its notice, in Turkish too, and is mailed; others get 404', async () => {
    const anna = await signedIn(t, people.carrier);
    const page = squeeze((await anna.get(`/de/grants/${grantId}`)).body);
    assert.match(page, /Widerruf vom/);
    assert.match(page, /Widerrufs- und Rückforderungsbescheid \(PDF\)/);
    assert.match(page, /Die Honorare wurden für eine andere Veranstaltung verwendet/);
    assert.doesNotMatch(page, /Zuwendungsbescheid widerrufen oder zurücknehmen/, 'no officer link for the carrier');
    const tr = squeeze((await anna.get(`/tr/grants/${grantId}`)).body);
    assert.match(tr, /tarihli geri alma/);
    assert.match(tr, /Geri alma ve iade kararı \(PDF\)/);
    assert.equal((await anna.get(`/de/grants/${grantId}/withdrawal`)).status, 403);

    const [w] = await t.db.select().from(withdrawals).where(eq(withdrawals.grantId, grantId));
    const pdf = await getRaw(t, anna, `/de/grants/${grantId}/withdrawals/${w!.id}.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const [file] = await t.db.select().from(files).where(eq(files.id, w!.fileId));
    assert.equal(file?.sha256, sha256Of(pdf.rawPayload));
    const [reclaim] = await t.db.select().from(reclaims).where(eq(reclaims.grantId, grantId));
    const text = squeeze(await pdfText(pdf.rawPayload));
    const [grant] = await t.db.select().from(grants).where(eq(grants.id, grantId));
    const [app] = await t.db.select().from(applications).where(eq(applications.id, grant!.applicationId));
    const caseNumber = app?.caseNumber;
    assert.ok(caseNumber, 'the application has its case number');
    for (const part of [
      'Widerrufs- und Rückforderungsbescheid',
      'Zuwendungsbescheid vom 12. Januar 2026',
      'mit Wirkung vom 15. Februar 2026 teilweise',
      'widerrufen (§ 49 Abs. 3 VwVfG)',
      '§ 49 Abs. 3 VwVfG',
      'auf 6.000,00 € festgesetzt',
      '2.000,00 €',
      'bis zum 16. April 2026',
      'fünf Prozentpunkten über dem Basiszinssatz',
      '§ 49a Abs. 3 VwVfG',
      'nicht für den im Zuwendungsbescheid bestimmten Zweck',
      'Die Honorare wurden für eine andere Veranstaltung verwendet.',
      'IBAN: DE89 3704 0044 0532 0130 00',
      `Verwendungszweck: ${reclaim!.reference}`,
      'Rechtsbehelfsbelehrung',
      'innerhalb eines Monats nach Bekanntgabe Widerspruch',
      'Seite 1 von',
      // the common frame of every notice: the issuing authority, the case number, who signs
      'Bundesamt für Integration und Teilhabe (Demo)',
      'Aktenzeichen',
      `Az. ${caseNumber}`,
      'Im Auftrag',
    ])
      assert.ok(text.includes(part), `the notice says "${part}"\n${text}`);
    // the case history lists the notice with its hash, and the withdrawal in words
    const history = squeeze((await (await signedIn(t, people.officer)).get(`/de/grants/${grantId}/history`)).body);
    assert.ok(history.includes('Widerrufs- oder Rücknahmebescheid'), 'the notice in the history');
    assert.ok(history.includes(file!.sha256), 'with its sha-256');
    assert.ok(history.includes('Zuwendungsbescheid widerrufen oder zurückgenommen'), 'the step in words');

    await runDueJobs(t.deps);
    const mails = await t.db.select().from(outbox).where(eq(outbox.to, people.carrier));
    const mail = mails.find((m) => m.template === 'funding:withdrawal.mail');
    assert.ok(mail, 'mailed about the withdrawal');
    assert.match(mail.text, /teilweise widerrufen/);
    assert.match(mail.text, /2\.000,00\s€/);

    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await ben.get(`/de/grants/${grantId}/withdrawals/${w!.id}.pdf`)).status, 404);
    assert.equal((await ben.get(`/de/grants/${grantId}/withdrawal`)).status, 404);
    const otto = await signedIn(t, people.foreignOfficer);
    assert.equal((await otto.get(`/de/grants/${grantId}`)).status, 404);
    assert.equal((await otto.post(`/de/grants/${grantId}/withdrawal`, partial)).status, 404);
  });
});

describe('a full withdrawal ex tunc', () => {
  test('reclaims everything paid, each payment from its day, and closes the grant', async () => {
    const grantId = await paidGrant('Ganz widerrufenes Projekt');
    const olga = await signedIn(t, people.officer);
    const url = `/de/grants/${grantId}/withdrawal`;
    const full = {
      basis: 'retraction',
      extent: 'full',
      effect: 'decision',
      effectiveOn: '',
      reason: 'conditionsNotMet',
      reasonText: 'Der Verwendungsnachweis wurde trotz Mahnung nicht vorgelegt.',
      remaining2026: '',
    };
    const preview = squeeze((await olga.submit(url, full, url)).body);
    assert.match(preview, /Zurückgefordert werden insgesamt 8\.000,00\s€/);
    const issued = await olga.post(url, { ...full, step: 'issue', previewed: '800000', confirm: 'on' });
    assert.equal(issued.status, 303, issued.body);
    const rs = await t.db.select().from(reclaims).where(eq(reclaims.grantId, grantId)).orderBy(reclaims.effectiveOn);
    assert.deepEqual(
      rs.map((r) => [r.effectiveOn, r.amountCents]),
      [
        ['2026-02-02', 500_000],
        ['2026-03-02', 300_000],
      ],
    );
    const [g] = await t.db.select().from(grants).where(eq(grants.id, grantId));
    assert.equal(g?.withdrawnOn, '2026-03-16');
    assert.equal(g?.approvedTotalCents, 0);
    // the reports still owed lapse: nothing granted remains to account for, nobody is reminded
    const owed = await t.db.select().from(reports).where(eq(reports.grantId, grantId));
    assert.ok(owed.length > 0);
    assert.deepEqual([...new Set(owed.map((r) => r.status))], ['waived']);
    assert.equal(g?.nextReportDue, null, 'no deadline left on the dashboard');

    // the grant takes no payment request, change or extension, and says so
    const anna = await signedIn(t, people.carrier);
    const page = squeeze((await anna.get(`/de/grants/${grantId}`)).body);
    assert.match(page, /am 16\. März 2026 ganz aufgehoben: Mittel können nicht mehr abgerufen werden/);
    assert.match(page, /entfällt \(Bescheid aufgehoben\)/);
    const refused = await anna.post(`/de/grants/${grantId}/payments`, {
      year: '2026',
      line: 'staff',
      amount: '100,00',
      dueOn: '2026-03-20',
      purpose: 'Miete',
    });
    assert.equal(refused.status, 400);
    const extension = await anna.get(`/de/grants/${grantId}/changes/new/extension`);
    assert.match(squeeze(extension.body), /Änderungen und Verlängerungen sind nicht mehr möglich/);
    const asked = await anna.post(`/de/grants/${grantId}/changes/new/extension`, {
      endDate: '2027-03-31',
      reason: 'x',
    });
    assert.equal(asked.status, 400);
    // and the officer is not offered another withdrawal
    const officerPage = squeeze((await olga.get(`/de/grants/${grantId}`)).body);
    assert.doesNotMatch(officerPage, /Zuwendungsbescheid widerrufen oder zurücknehmen/);
    assert.equal((await olga.post(url, { ...full, step: 'issue', previewed: '0', confirm: 'on' })).status, 400);
  });
});

describe('what stops a withdrawal', () => {
  test('a payment request waiting for the officer: not offered, refused if sent; a stale amount is refused by the store', async () => {
    const grantId = await paidGrant('Projekt mit offenem Abruf');
    await f.payment(grantId, { cents: 10_000 }); // requested, not decided
    const olga = await signedIn(t, people.officer);
    const page = squeeze((await olga.get(`/de/grants/${grantId}`)).body);
    assert.doesNotMatch(page, /Zuwendungsbescheid widerrufen oder zurücknehmen/);
    assert.match(page, /Ein Mittelabruf wartet noch auf Ihre Entscheidung/);
    const refused = await olga.post(`/de/grants/${grantId}/withdrawal`, { ...partial, step: 'preview' });
    assert.equal(refused.status, 400);
    assert.match(squeeze(refused.body), /Ein Mittelabruf wartet noch auf Ihre Entscheidung/);

    // the store compares the reclaim with the one confirmed, under the grant's lock
    const other = await paidGrant('Projekt mit veralteter Vorschau');
    const input = {
      basis: 'revocation',
      extent: 'full',
      effect: 'decision',
      effectiveOn: '',
      reason: 'other',
      reasonText: 'Test',
      remaining: {},
    } as const;
    const stale = await withdrawDecision(t.db, system, other, input, 'Widerruf', t.deps.now(), 500_000);
    assert.equal(stale.ok, false);
    assert.equal((await t.db.select().from(withdrawals).where(eq(withdrawals.grantId, other))).length, 0);
    assert.equal((await t.db.select().from(reclaims).where(eq(reclaims.grantId, other))).length, 0);
    const done = await withdrawDecision(t.db, system, other, input, 'Widerruf', t.deps.now(), 800_000);
    assert.equal(done.ok, true);
  });
});
