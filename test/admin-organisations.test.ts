// Administrators keep the organisations: create, edit (with a checked municipality key), disable
// and enable again, and see who holds a role in one. Each change writes one audit entry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../src/core/audit/schema';
import { organisations } from '../src/modules/network/schema';
import { type Client, client, heading, makeUser, type TestApp, testApp } from './helpers/app';
import { auditWrittenBy } from './helpers/audit';

let t: TestApp;

before(async () => {
  t = await testApp();
  await makeUser(t.db, 'admin@example.org', 'admin');
  await makeUser(t.db, 'carla@example.org', 'carrierStaff', { scopeKind: 'organisation', scopeId: 'org-1' });
});
after(() => t.close());

async function signedInAdmin(): Promise<Client> {
  const c = client(t);
  await c.signIn('admin@example.org');
  return c;
}

const auditOf = (subjectId: string, act: () => Promise<unknown>) => auditWrittenBy(t.db, subjectId, act);

const valid = {
  name: 'Haus der Kulturen e. V.',
  kind: 'migrantOrganisation',
  street: 'Domstraße 1',
  postcode: '50667',
  city: 'Köln',
  municipalityKey: '05315000',
  email: 'kontakt@hdk.example',
  website: 'https://hdk.example',
};

async function create(admin: Client, fields: Record<string, string>) {
  return admin.submit('/de/admin/organisations/new', fields);
}

const byName = async (name: string) => (await t.db.select().from(organisations).where(eq(organisations.name, name)))[0];

describe('creating an organisation', () => {
  test('bad input is refused at each field, and nothing is stored', async () => {
    const admin = await signedInAdmin();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ name: '' }, 'name', /Bitte füllen Sie dieses Feld aus/],
      [{ kind: 'club' }, 'kind', /Bitte wählen Sie/],
      [{ postcode: '5066' }, 'postcode', /fünf Ziffern/],
      [{ municipalityKey: '0531500' }, 'municipalityKey', /acht Ziffern/],
      [{ municipalityKey: '17000000' }, 'municipalityKey', /01 bis 16/],
      [{ municipalityKey: '05315OOO' }, 'municipalityKey', /acht Ziffern/],
      [{ email: 'kontakt at hdk' }, 'email', /gültige E-Mail-Adresse/],
      [{ website: 'javascript:alert(1)' }, 'website', /https:\/\//],
      [{ isMigrantOrganisation: 'maybe' }, 'isMigrantOrganisation', /ungültig/],
    ];
    for (const [change, field, message] of cases) {
      const res = await create(admin, { ...valid, name: 'Abgelehnt e. V.', ...change });
      assert.equal(res.status, 400, field);
      assert.match(res.html.querySelector(`#f-${field}-error`)?.text ?? '', message, field);
      assert.equal(res.html.querySelectorAll('.kern-error').length, 1, `only ${field} is marked`);
    }
    const kept = await create(admin, { ...valid, name: 'Abgelehnt e. V.', postcode: '1' });
    assert.equal(kept.html.querySelector('input[name="city"]')?.getAttribute('value'), 'Köln', 'the typed values stay');
    assert.equal(await byName('Abgelehnt e. V.'), undefined);
  });

  test('fields are marked required or optional as they are', async () => {
    const admin = await signedInAdmin();
    const form = await admin.get('/de/admin/organisations/new');
    const optional = (name: string) =>
      form.html.querySelector(`label[for="f-${name}"]`)?.text.includes('(freiwillig)') ?? false;
    assert.equal(optional('name'), false);
    assert.equal(optional('kind'), false);
    for (const f of ['street', 'postcode', 'city', 'municipalityKey', 'email', 'website']) assert.ok(optional(f), f);
    // an optional field left empty is fine
    const res = await create(admin, { name: 'Nur ein Name e. V.', kind: 'carrier' });
    assert.equal(res.status, 303);
  });

  test('a valid organisation is stored, audited once and found in the list', async () => {
    const admin = await signedInAdmin();
    const res = await create(admin, valid);
    assert.equal(res.status, 303);
    const o = await byName(valid.name);
    assert.ok(o);
    assert.equal(o.isMigrantOrganisation, true, 'a migrant organisation by its kind');
    assert.equal(o.municipalityKey, '05315000');
    assert.equal(res.location, `/de/admin/organisations/${o.id}?done=created`);
    const page = await admin.get(res.location!);
    assert.equal(heading(page), valid.name);
    assert.match(page.body, /Die Organisation ist angelegt/);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, o.id));
    assert.deepEqual(
      entries.map((e) => e.action),
      ['organisation.created'],
    );

    const found = await admin.get('/de/admin/organisations?q=köln&kind=migrantOrganisation&state=active');
    assert.deepEqual(
      found.html.querySelectorAll('tbody tr th a').map((a) => a.text.trim()),
      [valid.name],
    );
    const none = await admin.get('/de/admin/organisations?q=köln&kind=municipality');
    assert.match(none.body, /Keine Organisationen gefunden/);
    const bad = await admin.get('/de/admin/organisations?kind=club');
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-kind-error'));
  });
});

describe('an organisation', () => {
  test('is edited with the changed fields in the audit entry; saving unchanged writes nothing', async () => {
    const admin = await signedInAdmin();
    await create(admin, { ...valid, name: 'Nachbarschaft e. V.', kind: 'carrier' });
    const o = await byName('Nachbarschaft e. V.');
    assert.ok(o);
    const form = await admin.get(`/de/admin/organisations/${o.id}/edit`);
    assert.equal(form.html.querySelector('input[name="municipalityKey"]')?.getAttribute('value'), '05315000');

    const wrong = await admin.post(`/de/admin/organisations/${o.id}/edit`, {
      ...valid,
      name: o.name,
      kind: 'carrier',
      municipalityKey: '1234',
    });
    assert.equal(wrong.status, 400);
    assert.ok(wrong.html.querySelector('#f-municipalityKey-error'));

    const entries = await auditOf(o.id, async () => {
      const res = await admin.post(`/de/admin/organisations/${o.id}/edit`, {
        ...valid,
        name: o.name,
        kind: 'carrier',
        city: 'Bonn',
        postcode: '53111',
        municipalityKey: '05314000',
      });
      assert.equal(res.status, 303);
      assert.match(res.location ?? '', /done=updated/);
    });
    assert.deepEqual(
      entries.map((e) => [e.action, e.before, e.after]),
      [
        [
          'organisation.updated',
          { postcode: '50667', city: 'Köln', municipalityKey: '05315000' },
          { postcode: '53111', city: 'Bonn', municipalityKey: '05314000' },
        ],
      ],
    );
    const same = await auditOf(o.id, async () => {
      const res = await admin.post(`/de/admin/organisations/${o.id}/edit`, {
        ...valid,
        name: o.name,
        kind: 'carrier',
        city: 'Bonn',
        postcode: '53111',
        municipalityKey: '05314000',
      });
      assert.match(res.location ?? '', /done=unchanged/);
    });
    assert.equal(same.length, 0);
  });

  test('is disabled and enabled again; disabled, it is offered for no new role', async () => {
    const admin = await signedInAdmin();
    await create(admin, { name: 'Ruhend e. V.', kind: 'carrier' });
    const o = await byName('Ruhend e. V.');
    assert.ok(o);
    const scopeOption = `option[value="organisation:${o.id}"]`;
    assert.ok((await admin.get('/de/admin/people/new')).html.querySelector(scopeOption));

    const page = await admin.get(`/de/admin/organisations/${o.id}`);
    assert.ok(page.html.querySelector(`form[action="/de/admin/organisations/${o.id}/disable"]`));
    const disabled = await auditOf(o.id, () => admin.post(`/de/admin/organisations/${o.id}/disable`));
    assert.deepEqual(
      disabled.map((e) => e.action),
      ['organisation.disabled'],
    );
    assert.ok((await byName('Ruhend e. V.'))?.disabledAt);
    const shown = await admin.get(`/de/admin/organisations/${o.id}`);
    // the state reads once, with the day in the German format: "Deaktiviert seit 02.12.2026"
    const state = shown.html
      .querySelectorAll('.kern-description-list-item')
      .find((i) => i.querySelector('dt')?.text.trim() === 'Zustand')
      ?.querySelector('dd')
      ?.text.trim();
    assert.match(state ?? '', /^Deaktiviert seit \d{2}\.\d{2}\.\d{4}$/);
    assert.ok(shown.html.querySelector(`form[action="/de/admin/organisations/${o.id}/enable"]`));
    assert.equal(shown.html.querySelector('a[href^="/de/admin/people/grant"]'), null, 'no role offered there');
    assert.equal((await admin.get('/de/admin/people/new')).html.querySelector(scopeOption), null);
    const list = await admin.get('/de/admin/organisations?state=disabled');
    assert.match(list.body, /Ruhend e\. V\./);

    const enabled = await auditOf(o.id, () => admin.post(`/de/admin/organisations/${o.id}/enable`));
    assert.deepEqual(
      enabled.map((e) => e.action),
      ['organisation.enabled'],
    );
    assert.equal((await byName('Ruhend e. V.'))?.disabledAt, null);
  });

  test('lists the people who hold a role in it, with a way to grant one there', async () => {
    const admin = await signedInAdmin();
    await create(admin, { name: 'Mit Leuten e. V.', kind: 'carrier' });
    const o = await byName('Mit Leuten e. V.');
    assert.ok(o);
    const empty = await admin.get(`/de/admin/organisations/${o.id}`);
    assert.match(empty.body, /Noch niemand hat hier eine Rolle/);
    const grant = empty.html.querySelector('a[href^="/de/admin/people/grant"]')?.getAttribute('href');
    assert.equal(grant, `/de/admin/people/grant?role=carrierStaff&scope=organisation%3A${o.id}`);

    const mia = await makeUser(t.db, 'mia@example.org');
    await makeUser(t.db, 'elsewhere@example.org', 'carrierStaff', { scopeKind: 'organisation', scopeId: 'org-2' });
    const form = await admin.get(grant!);
    await admin.post('/de/admin/people/grant', {
      email: 'mia@example.org',
      role: 'carrierStaff',
      scope: form.html.querySelector('select[name="scope"] option[selected]')?.getAttribute('value') ?? '',
    });
    const withPeople = await admin.get(`/de/admin/organisations/${o.id}`);
    const rows = withPeople.html.querySelectorAll('tbody tr');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.querySelector('a')?.getAttribute('href'), `/de/admin/people/${mia}`);
    assert.match(rows[0]?.text ?? '', /Mitarbeit bei einem Träger/);
  });
});

describe('only administrators', () => {
  test('reach the organisation pages and their actions', async () => {
    const admin = await signedInAdmin();
    await create(admin, { name: 'Geschützt e. V.', kind: 'carrier' });
    const o = await byName('Geschützt e. V.');
    assert.ok(o);
    const carla = client(t);
    await carla.signIn('carla@example.org');
    await carla.get('/de/account');
    for (const url of [
      '/de/admin/organisations',
      '/de/admin/organisations/new',
      `/de/admin/organisations/${o.id}`,
      `/de/admin/organisations/${o.id}/edit`,
    ]) {
      assert.equal((await carla.get(url)).status, 403, url);
      assert.equal((await client(t).get(url)).status, 303, url);
    }
    for (const url of [
      '/de/admin/organisations/new',
      `/de/admin/organisations/${o.id}/edit`,
      `/de/admin/organisations/${o.id}/disable`,
      `/de/admin/organisations/${o.id}/enable`,
    ])
      assert.equal((await carla.post(url, { ...valid, name: 'Übernommen' })).status, 403, url);
    assert.equal(await byName('Übernommen'), undefined);
    const [row] = await t.db.select().from(organisations).where(eq(organisations.id, o.id));
    assert.equal(row?.disabledAt, null);
    assert.equal(row?.name, 'Geschützt e. V.');
  });

  test('see the organisations on the administration’s start page; unknown ones are a 404', async () => {
    const admin = await signedInAdmin();
    const home = await admin.get('/de/admin');
    assert.ok(home.html.querySelector('a[href="/de/admin/organisations"]'));
    assert.ok(home.html.querySelector('a[href="/de/admin/people"]'));
    assert.equal((await admin.get('/de/admin/organisations/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await admin.get('/de/admin/organisations/nope/edit')).status, 404);
    const en = await admin.get('/en/admin/organisations');
    assert.equal(heading(en), 'Organisations');
    // names are written in German: an English page says so, for screen readers and hyphenation
    const link = en.html.querySelector('tbody tr th a');
    assert.equal(link?.querySelector('span')?.getAttribute('lang'), 'de');
    const one = await admin.get(link!.getAttribute('href')!);
    assert.equal(one.html.querySelector('h1 span')?.getAttribute('lang'), 'de');
  });
});
