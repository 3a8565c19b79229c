// A grant approved in funding opens its project's workspace in activities, through the event and
// its subscriber only: once, with the partners the grant names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { client, heading, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, people, type Scene, signedIn } from '../../../../test/helpers/funding';
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

  test('the carrier’s staff find the project under "Projekte", with its partners and the eye-level figure', async () => {
    const { grantId } = await f.grant(
      { callId: scene.callId, organisationId: scene.organisationId },
      { content: { title: 'Nachbarschaftstandem', partners } },
    );
    await runDueJobs(t.deps);
    const ws = await workspaceOfGrant(t.db, grantId);
    assert.ok(ws);
    const anna = await signedIn(t, people.carrier);

    const home = await anna.get('/de/');
    assert.ok(home.html.querySelector('a[href="/de/projects"]'), 'in the navigation');
    const list = await anna.get('/de/projects');
    assert.equal(list.status, 200);
    const link = list.html.querySelector(`a[href="/de/projects/${ws.project.id}"]`);
    assert.equal(link?.text.trim(), 'Nachbarschaftstandem');

    const page = await anna.get(`/de/projects/${ws.project.id}`);
    assert.equal(page.status, 200);
    assert.equal(heading(page), 'Nachbarschaftstandem');
    // the first table is the partners'; the seminars and the report's figures follow
    const rows = (page.html.querySelector('table')?.querySelectorAll('tbody tr') ?? []).map((r) =>
      r.querySelectorAll('td, th').map((c) => c.text.trim()),
    );
    assert.deepEqual(rows, [
      ['Bildungswerk Mosel e. V.', 'nein', 'Träger', 'Seminare', '60\u00a0%'],
      ['Kulturbrücke Trier e. V.', 'ja', 'Tandempartner', 'Ansprache der Familien', '40\u00a0%'],
    ]);
    assert.match(page.body, /Migrantenorganisationen: 1 von 2 Partnern, 40\s%\sdes Budgets/);
    assert.match(page.body, /Träger A e\. V\./, 'the carrier is named');
    const grantPage = page.html.querySelector(`a[href="/de/grants/${grantId}"]`);
    assert.ok(grantPage, 'a way to the grant');
    assert.equal((await anna.get(`/de/grants/${grantId}`)).status, 200);

    const tr = await anna.get(`/tr/projects/${ws.project.id}`);
    assert.equal(tr.status, 200);
    assert.match(tr.body, /Göçmen örgütleri: 2 ortaktan 1, bütçenin %40 kadarı/);
    const ar = await anna.get(`/ar/projects/${ws.project.id}`);
    assert.equal(ar.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    assert.ok(ar.html.querySelector('h1 [lang="de"]'), 'the German title is marked as German on the Arabic page');
  });

  test('another organisation’s staff and strangers do not see the project', async () => {
    const { grantId } = await f.grant(
      { callId: scene.callId, organisationId: scene.organisationId },
      { content: { partners } },
    );
    await runDueJobs(t.deps);
    const id = (await workspaceOfGrant(t.db, grantId))?.project.id;
    assert.match(
      (await (await signedIn(t, people.carrier)).get(`/de/projects/${id}`)).body,
      /Migrantenorganisationen: 1 von 2/,
    );
    const ben = await signedIn(t, people.foreignCarrier);
    assert.equal((await ben.get(`/de/projects/${id}`)).status, 404);
    assert.doesNotMatch((await ben.get('/de/projects')).body, new RegExp(`/de/projects/${id}`));
    const olga = await signedIn(t, people.officer);
    assert.equal((await olga.get(`/de/projects/${id}`)).status, 404);
    assert.equal((await olga.get('/de/projects')).status, 403);
    const anonymous = await client(t).get(`/de/projects/${id}`);
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.location ?? '', /sign-in/);
    assert.equal((await (await signedIn(t, people.carrier)).get('/de/projects/not-a-uuid')).status, 404);
  });

  test('a project without partners says so instead of "0 of 0 partners"', async () => {
    const { grantId } = await f.grant(
      { callId: scene.callId, organisationId: scene.organisationId },
      { content: { partners: [] } },
    );
    await runDueJobs(t.deps);
    const id = (await workspaceOfGrant(t.db, grantId))?.project.id;
    const page = await (await signedIn(t, people.carrier)).get(`/de/projects/${id}`);
    assert.match(page.body, /Ohne Partner: die Bewilligung nennt keine/);
    assert.doesNotMatch(page.body, /0 von 0/);
    assert.match(page.body, /Die Bewilligung nennt keine Partner\./);
  });
});
