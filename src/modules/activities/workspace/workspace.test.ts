// A grant approved in funding opens its project's workspace in activities, through the event and
// its subscriber only: once, with the partners the grant names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, type Scene } from '../../../../test/helpers/funding';
import { queryRows } from '../../../core/db/client';
import { runDueJobs } from '../../../core/jobs/jobs';
import { workspaceOfGrant } from '../api';

const partners = [
  {
    name: 'Bildungswerk Mosel e. V.',
    isMigrantOrganisation: false,
    role: 'Träger',
    tasks: 'Seminare',
    budgetShareBp: 6000,
    contactName: 'Petra Lenz',
    contactEmail: 'lenz@example.org',
  },
  {
    name: 'Kulturbrücke Trier e. V.',
    isMigrantOrganisation: true,
    role: 'Tandempartner',
    tasks: 'Ansprache der Familien',
    budgetShareBp: 4000,
    contactName: 'Aylin Kaya',
    contactEmail: 'kaya@example.org',
  },
];

describe('a project workspace per approved grant', () => {
  let t: TestApp;
  let scene: Scene;
  let f: ReturnType<typeof funding>;
  before(async () => {
    t = await testApp();
    f = funding(t);
    scene = await f.scene();
  });
  after(() => t.close());

  test('opens when the worker delivers grant.approved, with the grant’s title, dates and partners in order', async () => {
    const { grantId } = await f.grant(
      { callId: scene.callId, organisationId: scene.organisationId },
      { content: { title: 'Elternlotsen', partners } },
    );
    assert.equal(await workspaceOfGrant(t.db, grantId), undefined, 'not opened by the deciding request itself');

    await runDueJobs(t.deps);
    const ws = await workspaceOfGrant(t.db, grantId);
    assert.ok(ws, 'opened by the worker');
    assert.equal(ws.project.organisationId, scene.organisationId);
    assert.equal(ws.project.programmeId, scene.programmeId);
    assert.equal(ws.project.title, 'Elternlotsen');
    assert.equal(ws.project.startDate, '2027-01-01');
    assert.deepEqual(
      ws.partners.map((p) => [p.position, p.name, p.isMigrantOrganisation, p.budgetShareBp]),
      partners.map((p, i) => [i + 1, p.name, p.isMigrantOrganisation, p.budgetShareBp]),
    );
  });

  test('opens once, however often the event is delivered', async () => {
    const { grantId } = await f.grant(
      { callId: scene.callId, organisationId: scene.organisationId },
      { content: { partners } },
    );
    await runDueJobs(t.deps);
    // deliver the same event to the subscriber once more, as after a crash before the "done" mark
    await t.db.execute(sql`update event_deliveries set done_at = null where subscriber = 'activities.open-workspace'`);
    await runDueJobs(t.deps);
    const rows = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from activities_projects where grant_id = ${grantId}`,
    );
    assert.equal(rows[0]?.n, 1);
    const ws = await workspaceOfGrant(t.db, grantId);
    assert.equal(ws?.partners.length, 2, 'partners not doubled');
  });
});
