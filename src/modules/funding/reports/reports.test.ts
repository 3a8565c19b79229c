// Reports: the schedule from the grant's period, the narrative by goal, the receipt list imported
// from CSV (row-by-row errors, all or nothing, on the web and on the command line), officer review.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { type Client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, plan, signedIn, upload } from '../../../../test/helpers/funding';
import { events } from '../../../core/events/schema';
import { importReceiptsCommand } from '../commands';
import { receipts, reports } from '../schema';

let t: TestApp;
let grantId = '';
let f: ReturnType<typeof funding>;
let scene: Awaited<ReturnType<ReturnType<typeof funding>['scene']>>;

before(async () => {
  t = await testApp();
  f = funding(t);
  scene = await f.scene();
  // a project that has ended, so its reports can be submitted (from the last day of their period)
  ({ grantId } = await f.grant(scene, {
    content: {
      title: 'Elternbrücke',
      goals: 'Eltern erreichen\nVereine stärken',
      startDate: '2024-01-01',
      endDate: '2025-12-31',
      plan: plan(
        { year: 2024, grant: 1_800_000, own: 200_000 },
        { year: 2025, grant: 270_000, own: 30_000, line: 'material' },
      ),
    },
  }));
});
after(() => t.close());

const uploadCsv = (c: Client, url: string, csv: string) =>
  upload(t, c, url, { csv: { filename: 'belege.csv', content: csv, type: 'text/csv' } });

describe('reports', () => {
  test('a two-year grant has an interim report due 30 April and a final report due six months after the end', async () => {
    const rows = await t.db.select().from(reports).where(eq(reports.grantId, grantId));
    assert.deepEqual(rows.map((r) => [r.kind, r.budgetYear, r.dueOn]).sort(), [
      ['final', null, '2026-06-30'],
      ['interim', 2024, '2025-04-30'],
    ]);
  });

  test('a bad receipt list is refused with every problem by row, and nothing is imported', async () => {
    const [final] = await t.db.select().from(reports).where(eq(reports.kind, 'final'));
    const url = `/de/grants/${grantId}/reports/${final!.id}`;
    const anna = await signedIn(t, people.carrier);
    const page = await anna.get(url);
    assert.equal(
      page.html.querySelectorAll('textarea[name^="goal-"]').length,
      2,
      'one narrative field per project goal',
    );
    const res = await uploadCsv(
      anna,
      `${url}/receipts`,
      'Datum;Empfänger;Zweck;Betrag;Position\n01.02.2024;A;Miete;500,00;Sachausgaben\n31.12.2026;B;Zu spät;10,00;Honorare\n01.03.2024;;Druck;x;Kuchen\n',
    );
    assert.equal(res.status, 400);
    assert.match(res.body, /Zeile 3 \(Datum\): Das Datum liegt außerhalb/);
    assert.match(res.body, /Zeile 4 \(Empfänger\): Dieses Feld ist leer/);
    assert.match(res.body, /Zeile 4 \(Position\): Unbekannte Position/);
    assert.equal((await t.db.select().from(receipts)).length, 0, 'all or nothing');
  });

  test('a good list is imported in time order and feeds the financial statement; the officer reviews the report', async () => {
    const [final] = await t.db.select().from(reports).where(eq(reports.kind, 'final'));
    const url = `/de/grants/${grantId}/reports/${final!.id}`;
    const anna = await signedIn(t, people.carrier);
    await anna.get(url);
    const res = await uploadCsv(
      anna,
      `${url}/receipts`,
      'Datum;Empfänger;Zweck;Betrag;Position\n15.06.2025;Druckerei;Flyer;250,00;Sachausgaben\n31.01.2024;Fachkraft;Gehalt Januar;1.900,00;Personalausgaben\n',
    );
    assert.equal(res.status, 303);
    const page = await anna.get(url);
    const receiptRows = page.html
      .querySelectorAll('table')[0]!
      .querySelectorAll('tbody tr')
      .map((r) => r.text);
    assert.match(receiptRows[0]!, /Gehalt Januar/, 'oldest first');
    const statement = page.html
      .querySelectorAll('table')[1]!
      .querySelectorAll('tbody tr')
      .map((r) => r.text);
    assert.ok(
      statement.some((r) => /Sachausgaben.*3\.000,00.*250,00.*−?-?2\.750,00/.test(r)),
      statement.join(' | '),
    );
    assert.equal(
      (await anna.post(`${url}/narrative`, { 'goal-0': '120 Familien erreicht', 'goal-1': 'Zwei Vereine gegründet' }))
        .status,
      303,
    );
    await anna.get(url);
    assert.equal((await anna.post(`${url}/submit`)).status, 303);
    await anna.get(url);
    const frozen = await uploadCsv(
      anna,
      `${url}/receipts`,
      'date,payee,reason,amount,line\n2024-05-01,X,Y,1.00,staff\n',
    );
    assert.equal(frozen.status, 400, 'a submitted report is frozen');
    assert.match(frozen.body, /Belege können erst wieder importiert werden/);

    const olga = await signedIn(t, people.officer);
    await olga.get(url);
    assert.equal((await olga.post(`${url}/review`, { action: 'corrections', note: '' })).status, 400);
    assert.equal(
      (await olga.post(`${url}/review`, { action: 'corrections', note: 'Bitte Beleg für die Flyer nachreichen.' }))
        .status,
      303,
    );
    const back = await anna.get(url);
    assert.match(back.body, /Bitte Beleg für die Flyer nachreichen/);
    await anna.post(`${url}/submit`);
    await olga.get(url);
    assert.equal((await olga.post(`${url}/review`, { action: 'accept', note: '' })).status, 303);
    const [done] = await t.db.select().from(reports).where(eq(reports.id, final!.id));
    assert.equal(done?.status, 'accepted');
    // each step was written as an event in its transaction, for other modules to hear
    const said = await t.db
      .select()
      .from(events)
      .where(sql`${events.payload}->>'reportId' = ${final!.id}`)
      .orderBy(events.occurredAt);
    assert.deepEqual(
      said.map((e) => [e.name, (e.payload as { outcome?: string }).outcome]),
      [
        ['report.submitted', undefined],
        ['report.reviewed', 'correctionsRequested'],
        ['report.submitted', undefined],
        ['report.reviewed', 'accepted'],
      ],
    );
    assert.deepEqual(done?.narrative, ['120 Familien erreicht', 'Zwei Vereine gegründet']);
  });

  test('a report cannot be submitted before the last day of its period, only prepared', async () => {
    const future = await f.grant(scene, { content: { title: 'Noch nicht fertig' } });
    const [open] = await t.db.select().from(reports).where(eq(reports.grantId, future.grantId));
    const url = `/de/grants/${future.grantId}/reports/${open!.id}`;
    const anna = await signedIn(t, people.carrier);
    const page = await anna.get(url);
    assert.match(page.body, /ab dem letzten Tag des Berichtszeitraums, dem 31\. Dezember 2027/);
    const early = await anna.post(`${url}/submit`);
    assert.equal(early.status, 400);
    assert.match(early.html.querySelector('.error-summary')?.text ?? '', /erst ab dem 31\. Dezember 2027/);
    const [still] = await t.db.select().from(reports).where(eq(reports.id, open!.id));
    assert.equal(still?.status, 'open');
  });

  test('the command line imports with the same checks and reports problems by row', async () => {
    const [interim] = await t.db.select().from(reports).where(eq(reports.kind, 'interim'));
    const dir = mkdtempSync(join(tmpdir(), 'mp-receipts-'));
    const run = (file: string) => {
      const printed: string[] = [];
      return importReceiptsCommand
        .run(['--report', interim!.id, '--file', file], {
          config: t.config,
          db: t.db,
          modules: [],
          now: t.deps.now,
          print: (l) => printed.push(l),
        })
        .then(() => printed.join('\n'));
    };
    writeFileSync(join(dir, 'bad.csv'), 'date,payee,reason,amount,line\n2025-01-05,A,B,5.00,staff\n');
    await assert.rejects(run(join(dir, 'bad.csv')), /row 2 \(date\): The date is outside the report's period/);
    writeFileSync(
      join(dir, 'good.csv'),
      'date,payee,reason,amount,line\n2024-01-05,A,B,5.00,staff\n2024-02-05,C,D,7.50,fees\n',
    );
    assert.match(await run(join(dir, 'good.csv')), /Imported 2 receipts, 12\.50 EUR/);
    await assert.rejects(run(join(dir, 'missing.csv')), /Cannot read/);
  });
});

describe('deadlines', () => {
  test('carriers are reminded 14 and 3 days before a report is due, and on no other day', async () => {
    const { sendReportReminders } = await import('./reminders');
    const { outbox } = await import('../../../core/mail/schema');
    const reminders = () => t.db.select().from(outbox).where(eq(outbox.template, 'funding:mail.reportReminder'));
    const count = async () => (await reminders()).length;
    // the interim report for 2024 is due on 30 April 2025
    assert.equal(await sendReportReminders(t.deps, new Date('2025-04-15T08:00:00Z')), 0);
    assert.equal(await sendReportReminders(t.deps, new Date('2025-04-16T08:00:00Z')), 1, '14 days before');
    assert.equal(await sendReportReminders(t.deps, new Date('2025-04-27T08:00:00Z')), 1, '3 days before');
    assert.equal(await count(), 2);
    const [mail] = await reminders();
    assert.equal(mail?.to, people.carrier);
    assert.match(mail?.subject ?? '', /30\. April 2025/);
  });

  test('the officer dashboard shows each project with money, open requests and its next deadline', async () => {
    const olga = await signedIn(t, people.officer);
    const page = await olga.get('/de/funding');
    const row = page.html.querySelectorAll('table').at(-1)!.querySelector('tbody tr')!.text;
    assert.match(row, /Elternbrücke/);
    assert.match(row, /Träger/);
    assert.match(row, /20\.700,00/, 'approved total');
    assert.match(row, /30\. April 2025/, 'the next open report');
    const anna = await signedIn(t, people.carrier);
    const mine = await anna.get('/de/grants');
    assert.match(mine.body, /Elternbrücke/);
  });
});
