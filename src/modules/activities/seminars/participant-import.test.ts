// Paper registrations from CSV: row errors named by line and column, nothing written when one row
// fails (also when the store refuses a row, e.g. someone registered online already), seats in the
// order of the file and the rest on the waiting list.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { seminarScene } from '../../../../test/helpers/activities';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding } from '../../../../test/helpers/funding';
import { importParticipantsCommand } from '../commands';
import { registrations, seminars } from '../schema';
import { parseParticipants } from './participant-import';

describe('parsing paper registrations', () => {
  test('reads German headers, semicolons and the paper form’s answers', () => {
    const parsed = parseParticipants(
      '\uFEFFName;E-Mail;Sprache;Geschlecht;Barrierefreiheit\nAyla K.;Ayla@Example.org;tr;weiblich;Rampe\nJonas;jonas@example.org;;;\n',
      ['gender', 'accessibility'],
    );
    assert.deepEqual(parsed, {
      ok: true,
      rows: [
        {
          row: 2,
          name: 'Ayla K.',
          email: 'ayla@example.org',
          language: 'tr',
          answers: { gender: 'female', accessibility: 'Rampe' },
        },
        { row: 3, name: 'Jonas', email: 'jonas@example.org', language: 'de', answers: {} },
      ],
    });
  });

  test('reports every bad row by line and column', () => {
    const parsed = parseParticipants(
      'name,email,language,gender\n,a@example.org,de,\nB,not-an-address,xx,\nC,a@example.org,de,maybe\n',
      ['gender'],
    );
    assert.equal(parsed.ok, false);
    assert.deepEqual(!parsed.ok && parsed.errors, [
      { row: 2, column: 'name', code: 'common:validation.required' },
      { row: 3, column: 'email', code: 'common:validation.email' },
      { row: 3, column: 'language', code: 'activities:import.language' },
      { row: 4, column: 'email', code: 'activities:import.duplicate' },
      { row: 4, column: 'gender', code: 'common:validation.choose' },
    ]);
  });

  test('refuses a file without the name or mail column, or without rows', () => {
    assert.deepEqual(parseParticipants('Vorname;Telefon\nA;1\n', []), {
      ok: false,
      errors: [
        { row: 1, column: 'name', code: 'activities:import.missingColumn' },
        { row: 1, column: 'email', code: 'activities:import.missingColumn' },
      ],
    });
    assert.equal(parseParticipants('Name;E-Mail\n', []).ok, false);
  });
});

describe('cli import participants', () => {
  let t: TestApp;
  let seminarId: string;
  const dir = mkdtempSync(join(tmpdir(), 'mp-participants-'));
  before(async () => {
    t = await testApp();
    const f = funding(t);
    const scene = await f.scene();
    const { grantId } = await f.grant({ callId: scene.callId, organisationId: scene.organisationId });
    seminarId = (await seminarScene(t, grantId)).seminar; // 10 seats, Nadia registered online
    await t.db.update(seminars).set({ capacity: 3 }).where(eq(seminars.id, seminarId));
  });
  after(() => t.close());

  const run = (file: string) => {
    const printed: string[] = [];
    return importParticipantsCommand
      .run(['--seminar', seminarId, '--file', file], {
        config: t.config,
        db: t.db,
        modules: [],
        now: t.deps.now,
        print: (l) => printed.push(l),
      })
      .then(() => printed.join('\n'));
  };
  const rows = () =>
    t.db.select().from(registrations).where(eq(registrations.seminarId, seminarId)).orderBy(asc(registrations.queueNo));

  test('one bad row, or one already registered online: nothing is imported, the row is named', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'Name;E-Mail\nA;a@example.org\nB;kaputt\n');
    await assert.rejects(
      run(join(dir, 'bad.csv')),
      /row 3 \(email\): Please enter a valid email address|row 3 \(email\)/,
    );
    writeFileSync(join(dir, 'twice.csv'), 'Name;E-Mail\nA;a@example.org\nNadia;NADIA@example.org\n');
    await assert.rejects(run(join(dir, 'twice.csv')), /row 3: .*already/i);
    assert.equal((await rows()).length, 1, 'only the online registration');
  });

  test('imports all rows in the file’s order: seats first, then the waiting list', async () => {
    writeFileSync(
      join(dir, 'good.csv'),
      'Name;E-Mail;Sprache\nAyla;ayla@example.org;tr\nBoris;boris@example.org;ru\nChadi;chadi@example.org;ar\n',
    );
    assert.equal(await run(join(dir, 'good.csv')), 'Imported 3 registrations: 2 with a seat, 1 on the waiting list.');
    const list = await rows();
    assert.deepEqual(
      list.map((r) => [r.name, r.status, r.source, r.language]),
      [
        ['Nadia', 'confirmed', 'online', 'de'],
        ['Ayla', 'confirmed', 'paper', 'tr'],
        ['Boris', 'confirmed', 'paper', 'ru'],
        ['Chadi', 'waitlisted', 'paper', 'ar'],
      ],
    );
  });
});
