// Consultations as the project's staff keep them: recorded with a field message for what is wrong,
// listed with the counts per audience, a follow-up marked done once; other organisations see nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { client, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, signedIn } from '../../../../test/helpers/funding';
import { queryRows } from '../../../core/db/client';
import { runDueJobs } from '../../../core/jobs/jobs';
import { fixedClock } from '../../../core/time/clock';
import { workspaceOfGrant } from '../api';

describe('consultations', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await testApp({ now: fixedClock('2026-12-03T09:00:00Z') });
    const f = funding(t);
    const scene = await f.scene();
    const { grantId } = await f.grant({ callId: scene.callId, organisationId: scene.organisationId });
    await runDueJobs(t.deps);
    base = `/de/projects/${(await workspaceOfGrant(t.db, grantId))?.project.id}/consultations`;
  });
  after(() => t.close());

  const fields = (over: Record<string, string> = {}) => ({
    heldOn: '2026-12-01',
    audience: 'politicalParty',
    audienceName: 'Ortsverband Neustadt',
    topic: 'Wahlaufrufe in mehreren Sprachen',
    format: 'inPerson',
    outcome: 'Flyer in vier Sprachen vereinbart',
    followUp: 'Übersetzungen liefern',
    followUpDueOn: '2026-12-15',
    ...over,
  });

  test('bad input is refused at its field and nothing is written', async () => {
    const anna = await signedIn(t, people.carrier);
    const res = await anna.submit(
      `${base}/new`,
      fields({ heldOn: '2026-12-04', followUp: '', audience: 'press' }),
      base,
    );
    assert.equal(res.status, 400);
    assert.ok(res.html.querySelector('#f-audience[aria-invalid="true"]'));
    const again = await anna.submit(`${base}/new`, fields({ heldOn: '2026-12-04', followUp: '' }), base);
    assert.equal(again.status, 400);
    assert.match(again.body, /Das Datum liegt in der Zukunft\./);
    assert.match(again.body, /Bitte angeben, was bis zu diesem Datum zu tun ist\./);
    const rows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities_consultations`);
    assert.equal(rows[0]?.n, 0);
  });

  test('recorded, counted per audience, and its follow-up marked done once', async () => {
    const anna = await signedIn(t, people.carrier);
    const saved = await anna.submit(`${base}/new`, fields(), base);
    assert.equal(saved.status, 303);
    await anna.submit(
      `${base}/new`,
      fields({ audience: 'administration', audienceName: 'Sozialamt', followUp: '', followUpDueOn: '' }),
      base,
    );
    const list = await anna.get(saved.location ?? '');
    assert.match(list.body, /Die Beratung ist gespeichert\./);
    assert.match(list.body, /Politische Partei<\/dt><dd[^>]*>1</);
    assert.match(list.body, /Verwaltung<\/dt><dd[^>]*>1</);
    assert.match(list.body, /Übersetzungen liefern.*offen/s);
    const done = list.html.querySelectorAll('form[action$="/follow-up-done"]');
    assert.equal(done.length, 1, 'only the one with a follow-up offers it');
    const action = done[0]?.getAttribute('action') ?? '';
    assert.equal((await anna.post(action)).status, 303);
    const after = await anna.get(base);
    assert.match(after.body, /erledigt/);
    assert.equal(after.html.querySelectorAll('form[action$="/follow-up-done"]').length, 0);
    const audit = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'consultation.followUpDone'`,
    );
    await anna.post(action);
    const again = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'consultation.followUpDone'`,
    );
    assert.deepEqual(again, audit, 'marked once');
  });

  test('another organisation’s staff and strangers see nothing', async () => {
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await ben.get(base)).status, 404);
    assert.equal((await ben.get(`${base}/new`)).status, 404);
    const anonymous = await client(t).get(base);
    assert.equal(anonymous.status, 303);
  });
});
