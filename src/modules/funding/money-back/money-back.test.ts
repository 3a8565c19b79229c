// Money back through the pages, on 16 March 2026: the officer records a reclaim and a repayment and
// issues an interest notice; the carrier sees what is owed, the interest so far and where to pay,
// and is mailed; the notice is stored once with its sha-256 and holds every part; the base rate
// table refuses what it does not know; a final report whose receipts do not cover the money paid
// out is accepted only with a reclaim of the difference.
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
import { importReceipts, listReports, submitReport } from '../reports/reports.store';
import { baseRates, interestNotices, reclaims, reports } from '../schema';
import { publishedBaseRates } from './published-base-rates';

let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;
const clock = fixedClock('2026-03-16T10:00:00Z');

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene();
});
after(() => t.close());

/** A grant running since May 2025 with 12,000 € paid out on 20 May 2025 (the clock is set back for it). */
const running = async () => {
  clock.set('2025-05-15T10:00:00Z');
  const made = await f.grant(scene, {
    content: {
      title: 'Rückforderungsprojekt',
      startDate: '2025-05-01',
      endDate: '2026-12-31',
      plan: plan({ year: 2025, grant: 1_800_000, own: 200_000 }, { year: 2026, grant: 1_800_000, own: 200_000 }),
    },
  });
  clock.set('2025-05-20T10:00:00Z');
  await f.payment(made.grantId, { year: 2025, cents: 1_200_000, decision: 'approved' });
  clock.set('2026-03-16T10:00:00Z');
  return made;
};

/** Squeezes the spaces pdf.js puts between text runs, so a sentence reads as one. */
const squeeze = (s: string) => s.replace(/\s+/g, ' ');

describe('the base rate table', () => {
  test('holds every published half year from 2002 as seeded, and takes the next half year from an officer', async () => {
    const rows = await t.db.select().from(baseRates).orderBy(baseRates.validFrom);
    assert.deepEqual(
      rows.map((r) => ({ validFrom: r.validFrom, rateBp: r.rateBp })),
      publishedBaseRates,
    );
    const olga = await signedIn(t, people.officer);
    const page = await olga.get('/de/funding/money-back');
    assert.equal(page.status, 200);
    assert.match(page.body, /Als nächstes fehlt der Satz ab 1\. Juli 2026/);
    // a half year further on is refused with the one that comes next named
    const skipped = await olga.post('/de/funding/money-back/rates', { validFrom: '2027-01-01', rate: '1,27' });
    assert.equal(skipped.status, 400);
    assert.match(skipped.body, /Als nächstes kann nur der Satz ab 1\. Juli 2026 eingetragen werden/);
    const bad = await olga.post('/de/funding/money-back/rates', { validFrom: '2026-07-01', rate: 'viel' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /Bitte den Satz in Prozent angeben/);
    // the carrier may not touch the table
    const anna = await signedIn(t, people.carrier);
    assert.equal((await anna.get('/de/funding/money-back')).status, 403);
  });
});

describe('a reclaim', () => {
  let grantId: string;
  let reclaimId: string;

  test('the officer records it on the grant page; the carrier sees the interest so far and where to pay', async () => {
    grantId = (await running()).grantId;
    const olga = await signedIn(t, people.officer);
    // not more than was paid out (12,000 €), and no interest from before the payment on 20 May 2025
    const tooMuch = await olga.submit(
      `/de/grants/${grantId}`,
      { amount: '12.000,01', reason: 'Zweck nicht erreicht', effectiveOn: '2025-05-19', dueOn: '2026-04-15' },
      `/de/grants/${grantId}/reclaims`,
    );
    assert.equal(tooMuch.status, 400);
    assert.match(squeeze(tooMuch.body), /höchstens, was ausgezahlt und noch nicht zurückgefordert ist: 12\.000,00\s€/);
    assert.match(squeeze(tooMuch.body), /frühestens ab der ersten Auszahlung am 20\. Mai 2025/);
    assert.equal((await t.db.select().from(reclaims).where(eq(reclaims.grantId, grantId))).length, 0);
    const recorded = await olga.submit(
      `/de/grants/${grantId}`,
      {
        amount: '10.000,00',
        reason: 'Zweck nicht erreicht',
        effectiveOn: '2025-06-01',
        dueOn: '2026-04-15',
      },
      `/de/grants/${grantId}/reclaims`,
    );
    assert.equal(recorded.status, 303, recorded.body);
    const [row] = await t.db.select().from(reclaims).where(eq(reclaims.grantId, grantId));
    assert.ok(row);
    reclaimId = row.id;
    assert.match(row.reference, /^RF-[0-9A-F]{8}-1$/);

    // up to 16 March 2026 (not including it):
    // 1 – 30 June 2025: 30 days at 2.27 + 5 = 7.27 %: 1,000,000 × 727 × 30 / 3,650,000 = 5,975.34 → 59.75 €
    // 1 July 2025 – 15 March 2026 (1.27 % from July, unchanged on 1 January): 31+31+30+31+30+31+31+28+15 = 258
    //   days at 6.27 %: 1,000,000 × 627 × 258 / 3,650,000 = 44,319.45 → 443.19 €; total 502.94 €
    const anna = await signedIn(t, people.carrier);
    const grantPage = squeeze((await anna.get(`/de/grants/${grantId}`)).body);
    assert.match(grantPage, /502,94\s€/);
    assert.match(grantPage, /10\.502,94\s€ bis zum 15\. April 2026/);
    assert.match(grantPage, /DE89 3704 0044 0532 0130 00/);
    assert.match(grantPage, new RegExp(row.reference));
    assert.doesNotMatch(grantPage, /Rückforderung erfassen/, 'the carrier gets no officer form');
    const page = squeeze((await anna.get(`/de/grants/${grantId}/reclaims/${reclaimId}`)).body);
    assert.match(page, /1\. Juni 2025 – 30\. Juni 2025/);
    assert.match(page, /7,27\s%/);
    assert.match(page, /443,19\s€/);
    assert.doesNotMatch(page, /Zahlungseingang erfassen/);
  });

  test('a repayment lowers the principal from its day; the carrier is mailed with the account and the reference', async () => {
    const olga = await signedIn(t, people.officer);
    const url = `/de/grants/${grantId}/reclaims/${reclaimId}`;
    const future = await olga.submit(url, { paidOn: '2026-03-17', amount: '100,00' }, `${url}/repayments`);
    assert.equal(future.status, 400);
    assert.match(future.body, /Ein Zahlungseingang kann nicht in der Zukunft liegen/);
    // more than was owed that day (10,000 € and 476.18 € interest) is not booked as a repayment
    const over = await olga.submit(url, { paidOn: '2026-03-01', amount: '20.000,00' }, `${url}/repayments`);
    assert.equal(over.status, 400);
    assert.match(squeeze(over.body), /An diesem Tag waren nur 10\.\d{3},\d{2}\s€ offen/);
    const paid = await olga.submit(url, { paidOn: '2026-03-01', amount: '4.000,00' }, `${url}/repayments`);
    assert.equal(paid.status, 303);
    // 1 – 30 June 2025: 59.75 € as before
    // 1 July 2025 – 28 February 2026: 243 days on 10,000 € at 6.27 %: 1,000,000 × 627 × 243 / 3,650,000 = 41,742.74 → 417.43 €
    // 1 – 15 March 2026: 15 days on 6,000 € at 6.27 %: 600,000 × 627 × 15 / 3,650,000 = 1,546.03 → 15.46 €
    // interest 492.64 €; owed 6,000 € + 492.64 € = 6,492.64 €
    const anna = await signedIn(t, people.carrier);
    const page = squeeze((await anna.get(url)).body);
    assert.match(page, /492,64\s€/);
    assert.match(page, /6\.492,64\s€/);
    await runDueJobs(t.deps);
    const mails = await t.db.select().from(outbox).where(eq(outbox.to, people.carrier));
    const recorded = mails.find((m) => m.template === 'funding:mail.reclaimRecorded');
    assert.ok(recorded, 'mailed about the reclaim');
    assert.match(recorded.text, /10\.000,00\s€/);
    assert.match(recorded.text, /DE89 3704 0044 0532 0130 00/);
    assert.match(recorded.text, /RF-[0-9A-F]{8}-1/);
    const received = mails.find((m) => m.template === 'funding:mail.repaymentRecorded');
    assert.ok(received, 'mailed about the repayment');
    assert.match(received.text, /4\.000,00\s€ vom 1\. März 2026/);
    assert.match(received.text, /noch 6\.000,00\s€ offen/);
  });

  test('the interest notice is rendered once, stored with its sha-256, and holds every part', async () => {
    const olga = await signedIn(t, people.officer);
    const url = `/de/grants/${grantId}/reclaims/${reclaimId}`;
    assert.equal((await olga.submit(url, {}, `${url}/notices`)).status, 303);
    const [notice] = await t.db.select().from(interestNotices).where(eq(interestNotices.reclaimId, reclaimId));
    assert.ok(notice);
    assert.equal(notice.interestCents, 49_264);
    const anna = await signedIn(t, people.carrier);
    const res = await getRaw(t, anna, `${url}/notices/${notice.id}.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const [file] = await t.db.select().from(files).where(eq(files.id, notice.fileId));
    assert.equal(file?.sha256, sha256Of(res.rawPayload));
    const [reclaim] = await t.db.select().from(reclaims).where(eq(reclaims.id, reclaimId));
    const text = squeeze(await pdfText(res.rawPayload));
    for (const part of [
      'Bundesamt für Integration und Teilhabe (Demo)', // the issuing authority with its unit and contact
      'Musterallee 12',
      'Referat 32 – Modellprojekte der Integration',
      'Frau Dr. Beispiel',
      'Aktenzeichen P-', // the application's case number
      'Träger A e. V.', // the recipient
      '16. März 2026', // the date, German
      'Zinsbescheid',
      'Rückforderungsprojekt',
      `Kassenzeichen ${reclaim!.reference}`, // the reclaim it refers to
      'Betrag von 10.000,00 €',
      'ab dem 1. Juni 2025',
      'Zweck nicht erreicht',
      '§ 49a Abs. 3 VwVfG',
      '1. Juni 2025 – 30. Juni 2025', // the periods with principal, rates, days and interest
      '1. Juli 2025 – 28. Februar 2026',
      '1. März 2026 – 15. März 2026',
      '2,27 %',
      '7,27 %',
      '1,27 %',
      '6,27 %',
      '59,75 €',
      '417,43 €',
      '15,46 €',
      '6.000,00 €',
      '492,64 €', // the total interest
      '6.492,64 €', // what is owed in all
      'bis zum 15. April 2026',
      'IBAN: DE89 3704 0044 0532 0130 00', // the payment account and reference
      'BIC: COBADEFFXXX',
      'Bundeskasse (Beispielkonto)',
      `Verwendungszweck: ${reclaim!.reference}`,
      'Rechtsbehelfsbelehrung',
      'innerhalb eines Monats nach Bekanntgabe Widerspruch',
      'Im Auftrag',
      'olga',
      'Seite 1 von',
    ])
      assert.ok(text.includes(part), `the notice says "${part}"\n${text}`);
    // an administrator enters the funder's own account: the pages show it, the notice stays as issued
    await f.admin('ada@funder.example');
    const ada = await signedIn(t, 'ada@funder.example');
    const account = {
      holder: 'Landeskasse',
      iban: 'DE02 1203 0000 0000 2020 51',
      bic: 'BYLADEM1001',
      bank: 'Landesbank',
    };
    const badIban = await ada.submit(
      '/de/funding/money-back',
      { ...account, iban: 'DE02 1203 0000 0000 2020 52' },
      '/de/funding/money-back/account',
    );
    assert.equal(badIban.status, 400);
    assert.match(badIban.body, /keine gültige IBAN/);
    assert.equal(
      (await olga.post('/de/funding/money-back/account', account)).status,
      403,
      'officers do not set the account',
    );
    assert.equal((await ada.post('/de/funding/money-back/account', account)).status, 303);
    assert.match(squeeze((await anna.get(url)).body), /DE02 1203 0000 0000 2020 51/);
    const again = await getRaw(t, anna, `${url}/notices/${notice.id}.pdf`);
    assert.ok(again.rawPayload.equals(res.rawPayload));
  });

  test('no interest is computed for days after the last base rate known: the page says which is missing', async () => {
    clock.set('2026-07-10T10:00:00Z');
    try {
      const olga = await signedIn(t, people.officer);
      const url = `/de/grants/${grantId}/reclaims/${reclaimId}`;
      const page = squeeze((await olga.get(url)).body);
      assert.match(page, /Für den 1\. Juli 2026 ist noch kein Basiszinssatz eingetragen/);
      assert.doesNotMatch(page, /action="[^"]*\/notices"/, 'no notice offered that cannot be issued');
      const refused = await olga.post(`${url}/notices`, {});
      assert.equal(refused.status, 400);
      assert.match(refused.body, /Für den 1\. Juli 2026 ist noch kein Basiszinssatz eingetragen/);
      // entered, the notice can be issued
      const added = await olga.submit(
        '/de/funding/money-back',
        { validFrom: '2026-07-01', rate: '1,27' },
        '/de/funding/money-back/rates',
      );
      assert.equal(added.status, 303);
      assert.equal((await olga.submit(url, {}, `${url}/notices`)).status, 303);
    } finally {
      clock.set('2026-03-16T10:00:00Z');
    }
  });
});

describe('accepting a final report', () => {
  test('receipts short of the money paid out: refused unless the difference is reclaimed with it', async () => {
    const { grantId } = await f.grant(scene, {
      content: {
        title: 'Abgeschlossenes Projekt',
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        plan: plan({ year: 2025, grant: 900_000, own: 100_000 }),
      },
    });
    clock.set('2025-06-02T10:00:00Z'); // paid out while the project ran
    await f.payment(grantId, { cents: 50_000, decision: 'approved' });
    clock.set('2026-03-16T10:00:00Z'); // 500 € paid out
    const final = (await listReports(t.db, grantId)).find((r) => r.kind === 'final')!;
    await importReceipts(t.db, system, final.id, [
      { row: 2, date: '2025-05-01', payee: 'Vermieter', reason: 'Miete', amountCents: 32_000, line: 'staff' },
    ]);
    await submitReport(t.db, system, final.id, t.deps.now());
    const olga = await signedIn(t, people.officer);
    const url = `/de/grants/${grantId}/reports/${final.id}`;
    const page = squeeze((await olga.get(url)).body);
    assert.match(page, /Annehmen und 180,00\s€ zurückfordern/);
    const refused = await olga.post(`${url}/review`, { action: 'accept', note: '' });
    assert.equal(refused.status, 400);
    assert.match(squeeze(refused.body), /Die Belege decken 180,00\s€ der ausgezahlten Mittel nicht/);
    assert.equal((await t.db.select().from(reports).where(eq(reports.id, final.id)))[0]?.status, 'submitted');
    assert.equal((await t.db.select().from(reclaims).where(eq(reclaims.grantId, grantId))).length, 0);

    const accepted = await olga.post(`${url}/review`, { action: 'acceptReclaim', note: '' });
    assert.equal(accepted.status, 303);
    assert.equal((await t.db.select().from(reports).where(eq(reports.id, final.id)))[0]?.status, 'accepted');
    const [reclaim] = await t.db.select().from(reclaims).where(eq(reclaims.grantId, grantId));
    assert.equal(reclaim?.amountCents, 18_000);
    assert.equal(reclaim?.reportId, final.id);
    assert.equal(reclaim?.effectiveOn, '2026-03-16');
    assert.equal(reclaim?.dueOn, '2026-04-16');
    assert.match(reclaim?.reason ?? '', /nicht durch Belege gedeckte/);
  });

  test('receipts that cover the money paid out: accepted as before, and nothing to reclaim', async () => {
    const { grantId } = await f.grant(scene, {
      content: {
        title: 'Gedecktes Projekt',
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        plan: plan({ year: 2025, grant: 900_000, own: 100_000 }),
      },
    });
    clock.set('2025-06-02T10:00:00Z'); // paid out while the project ran
    await f.payment(grantId, { cents: 30_000, decision: 'approved' });
    clock.set('2026-03-16T10:00:00Z');
    const final = (await listReports(t.db, grantId)).find((r) => r.kind === 'final')!;
    await importReceipts(t.db, system, final.id, [
      { row: 2, date: '2025-05-01', payee: 'Vermieter', reason: 'Miete', amountCents: 32_000, line: 'staff' },
    ]);
    await submitReport(t.db, system, final.id, t.deps.now());
    const olga = await signedIn(t, people.officer);
    const url = `/de/grants/${grantId}/reports/${final.id}`;
    await olga.get(url);
    const wrong = await olga.post(`${url}/review`, { action: 'acceptReclaim', note: '' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /es gibt nichts zurückzufordern/);
    assert.equal((await olga.post(`${url}/review`, { action: 'accept', note: '' })).status, 303);
    assert.equal((await t.db.select().from(reclaims).where(eq(reclaims.grantId, grantId))).length, 0);
  });
});
