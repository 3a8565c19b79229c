// The organisation directory and the partner search, as people use them: staff opt their
// organisation in (and only theirs), the public sees only listed organisations and never the
// account, the filters narrow the list, bad input is refused at its field, and the partner search
// ranks the other side with its reasons.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../src/core/audit/schema';
import { fixedClock } from '../src/core/time/clock';
import { createOrganisation } from '../src/modules/network/organisations.store';
import { organisations } from '../src/modules/network/schema';
import { type Client, client, makeUser, type TestApp, testApp } from './helpers/app';
import { funding, people, type Scene, signedIn, system } from './helpers/funding';

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Sends a form with repeated fields (checkbox groups), with the CSRF token of the last page seen. */
async function send(t: TestApp, c: Client, url: string, fields: [string, string][]) {
  const form = new URLSearchParams([['_csrf', c.lastToken ?? ''], ...fields]);
  const res = await t.app.inject({
    method: 'POST',
    url,
    payload: form.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location };
}

describe('organisation directory', () => {
  let t: TestApp;
  let s: Scene;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await testApp({ now: fixedClock('2026-12-02T10:00:00Z') });
    s = await funding(t).scene();
    await makeUser(t.db, 'admin@example.org', 'admin');
    // carrier A (anna's) is in Mainz and works on education in German and Turkish
    await t.db
      .update(organisations)
      .set({
        municipalityKey: '07315000',
        city: 'Mainz',
        fieldsOfWork: ['education', 'youth'],
        languages: ['de', 'tr'],
        iban: 'DE89370400440532013000',
        signatories: [{ name: 'Geheime Zeichnerin', role: 'Vorsitzende' }],
      })
      .where(eq(organisations.id, s.organisationId));
    const listed = new Date('2026-11-01T00:00:00Z');
    const mo = async (name: string, over: Partial<typeof organisations.$inferInsert>) =>
      createOrganisation(t.db, system, { name, kind: 'migrantOrganisation', publicSince: listed, ...over });
    ids.near = await mo('Türkischer Elternverein Wiesbaden e. V.', {
      city: 'Wiesbaden',
      municipalityKey: '06414000',
      fieldsOfWork: ['education', 'youth'],
      languages: ['tr', 'de'],
      partnerCapacity: 2,
      iban: 'DE02120300000000202051',
      communities: 'Türkeistämmige Familien',
    });
    ids.far = await mo('Syrischer Kulturverein Hamburg e. V.', {
      city: 'Hamburg',
      municipalityKey: '02000000',
      fieldsOfWork: ['culture'],
      languages: ['ar'],
    });
    ids.full = await mo('Ukrainischer Verein Mainz e. V.', {
      city: 'Mainz',
      municipalityKey: '07315000',
      fieldsOfWork: ['education'],
      languages: ['uk'],
      partnerCapacity: 0,
    });
    ids.hidden = await mo('Nicht gelisteter Verein e. V.', {
      publicSince: null,
      city: 'Mainz',
      municipalityKey: '07315000',
    });
    ids.disabled = await mo('Aufgelöster Verein e. V.', {
      city: 'Mainz',
      municipalityKey: '07315000',
      fieldsOfWork: ['education'],
    });
    await t.db.update(organisations).set({ disabledAt: listed }).where(eq(organisations.id, ids.disabled!));
    ids.carrier = (await createOrganisation(t.db, system, {
      name: 'Bildungsträger Köln gGmbH',
      kind: 'carrier',
      city: 'Köln',
      municipalityKey: '05315000',
      publicSince: listed,
      fieldsOfWork: ['education', 'labourMarket'],
      languages: ['de', 'ar'],
    })) as string;
  });
  after(() => t.close());

  test('the public directory lists only opted-in, active organisations, and never their account', async () => {
    const visitor = client(t);
    const page = await visitor.get('/de/organisations');
    assert.equal(page.status, 200);
    const names = page.html.querySelectorAll('.directory-list h2').map((h) => squeeze(h.text));
    assert.deepEqual(names, [
      'Bildungsträger Köln gGmbH',
      'Syrischer Kulturverein Hamburg e. V.',
      'Türkischer Elternverein Wiesbaden e. V.',
      'Ukrainischer Verein Mainz e. V.',
    ]);
    assert.doesNotMatch(page.body, /Nicht gelisteter|Aufgelöster|Träger A/);
    const profile = await visitor.get(`/de/organisations/${ids.near}`);
    assert.equal(profile.status, 200);
    assert.match(profile.body, /Türkeistämmige Familien/);
    assert.match(profile.body, /Wiesbaden, Hessen/);
    assert.doesNotMatch(profile.body, /DE02|1203 0000|IBAN/);
    for (const id of [ids.hidden!, ids.disabled!, s.organisationId, '00000000-0000-4000-8000-000000000000', 'nope'])
      assert.equal((await visitor.get(`/de/organisations/${id}`)).status, 404, id);
    // the same in Arabic, right to left, the German name marked as German
    const ar = await visitor.get(`/ar/organisations/${ids.near}`);
    assert.equal(ar.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    assert.equal(ar.html.querySelector('h1 [lang="de"]')?.text, 'Türkischer Elternverein Wiesbaden e. V.');
  });

  test('the filters narrow the list; an unknown filter value is a 400 at its field', async () => {
    const visitor = client(t);
    const names = async (q: string) =>
      (await visitor.get(`/de/organisations?${q}`)).html
        .querySelectorAll('.directory-list h2')
        .map((h) => squeeze(h.text));
    assert.deepEqual(await names('kind=carrier'), ['Bildungsträger Köln gGmbH']);
    assert.deepEqual(await names('field=education&language=tr'), ['Türkischer Elternverein Wiesbaden e. V.']);
    assert.deepEqual(await names('land=07'), ['Ukrainischer Verein Mainz e. V.']);
    assert.deepEqual(await names('q=t%C3%BCrkeist%C3%A4mmig'), ['Türkischer Elternverein Wiesbaden e. V.']);
    assert.deepEqual(await names('language=ar&land=02'), ['Syrischer Kulturverein Hamburg e. V.']);
    const bad = await visitor.get('/de/organisations?language=klingon');
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-language-error'));
  });

  test('staff opt their organisation in; what becomes public is said; the change is audited', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/organisation/${s.organisationId}/directory`;
    const form = await anna.get(url);
    assert.equal(form.status, 200);
    const legend = form.html.querySelectorAll('legend').map((l) => squeeze(l.text));
    assert.ok(
      legend.some((l) => l.startsWith('Arbeitsfelder')),
      'fields of work are a checkbox group',
    );
    assert.match(squeeze(form.html.querySelector('#listed-what')?.text ?? ''), /Name, Art und Rechtsform/);
    assert.match(form.body, /Nie öffentlich sind: Bankverbindung/);

    const saved = await send(t, anna, url, [
      ['legalForm', 'eV'],
      ['fieldsOfWork', 'education'],
      ['fieldsOfWork', 'youth'],
      ['languages', 'de'],
      ['languages', 'tr'],
      ['description', 'Wir begleiten Familien in Mainz.'],
      ['staffCount', '4'],
      ['partnerCapacity', ''],
      ['listed', 'on'],
    ]);
    assert.equal(saved.status, 303);
    const [o] = await t.db.select().from(organisations).where(eq(organisations.id, s.organisationId));
    assert.equal(o?.publicSince?.toISOString(), '2026-12-02T10:00:00.000Z');
    assert.equal(o?.staffCount, 4);
    assert.equal(o?.partnerCapacity, null, 'empty is "not said"');
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, s.organisationId), eq(auditLog.action, 'organisation.directoryUpdated')));
    assert.ok(entry, 'audited');
    const profile = await client(t).get(`/de/organisations/${s.organisationId}`);
    assert.equal(profile.status, 200);
    assert.match(profile.body, /Wir begleiten Familien in Mainz\./);
    assert.doesNotMatch(profile.body, /Geheime Zeichnerin|DE89|3704/, 'no signatory, no IBAN');

    // opting out takes it off at once
    await anna.get(url);
    await send(t, anna, url, [['legalForm', 'eV']]);
    assert.equal((await client(t).get(`/de/organisations/${s.organisationId}`)).status, 404);
  });

  test('bad input is refused at its field and nothing is written', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/organisation/${s.organisationId}/directory`;
    const before = (await t.db.select().from(organisations).where(eq(organisations.id, s.organisationId)))[0];
    await anna.get(url);
    for (const [fields, field, message] of [
      [[['staffCount', '-3']], 'staffCount', /ganze Zahl von 0 bis 100\.?000 /],
      [[['partnerCapacity', '51']], 'partnerCapacity', /ganze Zahl von 0 bis 50/],
      [[['volunteerCount', 'viele']], 'volunteerCount', /ganze Zahl/],
      [[['fieldsOfWork', 'cooking']], 'fieldsOfWork', /angebotenen Möglichkeiten/],
      [[['languages', 'xx']], 'languages', /angebotenen Möglichkeiten/],
      [[['description', 'x'.repeat(2001)]], 'description', /höchstens 2\.?000 Zeichen/],
    ] as [[string, string][], string, RegExp][]) {
      const res = await send(t, anna, url, [...fields, ['listed', 'on']]);
      assert.equal(res.status, 400, field);
      const html = (await import('node-html-parser')).parse(res.body);
      assert.match(squeeze(html.querySelector(`#f-${field}-error`)?.text ?? ''), message, field);
    }
    const afterwards = (await t.db.select().from(organisations).where(eq(organisations.id, s.organisationId)))[0];
    assert.deepEqual(afterwards, before, 'nothing written');
  });

  test('an unknown municipality key gets its message on the organisation page', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/organisation/${s.organisationId}`;
    const res = await anna.submit(url, { municipalityKey: '05399000' });
    assert.equal(res.status, 400);
    assert.match(squeeze(res.html.querySelector('#f-municipalityKey-error')?.text ?? ''), /gibt es nicht/);
  });

  test('another organisation’s staff, an officer and a visitor cannot edit the entry', async () => {
    const url = `/de/organisation/${s.organisationId}/directory`;
    for (const who of [people.foreignCarrier, people.officer]) {
      const c = await signedIn(t, who);
      assert.equal((await c.get(url)).status, 404, who);
      await c.get('/de/account');
      assert.equal(
        (
          await send(t, c, url, [
            ['listed', 'on'],
            ['description', 'Übernommen'],
          ])
        ).status,
        404,
        who,
      );
    }
    const visitor = client(t);
    const redirected = await visitor.get(url);
    assert.equal(redirected.status, 303);
    assert.match(String(redirected.headers.location), /sign-in/);
    const [o] = await t.db.select().from(organisations).where(eq(organisations.id, s.organisationId));
    assert.notEqual(o?.description, 'Übernommen');
  });

  test('an administrator edits any organisation’s entry', async () => {
    const admin = client(t);
    await admin.signIn('admin@example.org');
    const url = `/de/admin/organisations/${ids.hidden}/directory`;
    assert.equal((await admin.get(url)).status, 200);
    const res = await send(t, admin, url, [
      ['fieldsOfWork', 'health'],
      ['listed', 'on'],
    ]);
    assert.equal(res.status, 303);
    assert.equal((await client(t).get(`/de/organisations/${ids.hidden}`)).status, 200, 'now listed');
    const anna = await signedIn(t, people.carrier);
    assert.equal((await anna.get(url)).status, 403);
    await t.db
      .update(organisations)
      .set({ publicSince: null, fieldsOfWork: [] })
      .where(eq(organisations.id, ids.hidden!));
  });

  test('the partner search ranks migrant organisations for a carrier, with reasons', async () => {
    await t.db
      .update(organisations)
      .set({ fieldsOfWork: ['education', 'youth'], languages: ['de', 'tr'] })
      .where(eq(organisations.id, s.organisationId));
    const anna = await signedIn(t, people.carrier);
    const page = await anna.get('/de/organisation/partners');
    assert.equal(page.status, 200);
    const items = page.html.querySelectorAll('.partner-suggestions > li');
    const names = items.map((li) => squeeze(li.querySelector('h2')?.text ?? ''));
    // Wiesbaden is near with the same fields and languages; Hamburg is far with nothing shared;
    // Mainz's Ukrainian association has no free place; the carrier in Köln is not the other side
    assert.deepEqual(names, ['Türkischer Elternverein Wiesbaden e. V.']);
    const first = squeeze(items[0]?.text ?? '');
    assert.match(first, /Passung: 97 von 100/);
    assert.match(first, /\d+ km entfernt/);
    assert.match(first, /Gemeinsame Arbeitsfelder: Bildung, Jugend/);
    assert.match(first, /Gemeinsame Sprachen: Deutsch, Türkisch/);
    assert.equal(items[0]?.querySelector('h2 a')?.getAttribute('href'), `/de/organisations/${ids.near}`);
    assert.doesNotMatch(page.body, /Ukrainischer Verein Mainz|Bildungsträger Köln/);
  });

  test('a migrant organisation is offered established carriers; a capacity not said counts as one', async () => {
    const mo = await makeUser(t.db, 'mo@example.org', 'carrierStaff', {
      scopeKind: 'organisation',
      scopeId: ids.near!,
    });
    assert.ok(mo);
    const c = client(t);
    await c.signIn('mo@example.org');
    const page = await c.get('/de/organisation/partners');
    assert.equal(page.status, 200);
    const items = page.html.querySelectorAll('.partner-suggestions > li');
    assert.deepEqual(
      items.map((li) => squeeze(li.querySelector('h2')?.text ?? '')),
      ['Bildungsträger Köln gGmbH'],
    );
    assert.match(squeeze(items[0]?.text ?? ''), /keine Angabe \(zählt als ein Platz\)/);
    const officer = await signedIn(t, people.officer);
    assert.equal((await officer.get('/de/organisation/partners')).status, 404, 'no organisation, no search');
  });
});
