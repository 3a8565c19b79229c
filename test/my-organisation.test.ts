// "Meine Organisation": a carrier's staff keep the address, the bank account (IBAN checked) and the
// signatories of their own organisation, in their language; nobody else reaches the page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../src/core/audit/schema';
import { fixedClock } from '../src/core/time/clock';
import { organisations } from '../src/modules/network/schema';
import { type TestApp, testApp } from './helpers/app';
import { funding, people, type Scene, signedIn } from './helpers/funding';

const squeeze = (s: string) => s.replace(/\s+/g, ' ');

describe('my organisation', () => {
  let t: TestApp;
  let s: Scene;
  before(async () => {
    t = await testApp({ now: fixedClock('2026-12-02T10:00:00Z') });
    s = await funding(t).scene();
  });
  after(() => t.close());
  const stored = async () =>
    (await t.db.select().from(organisations).where(eq(organisations.id, s.organisationId)))[0]!;

  test('the navigation leads a carrier to their organisation; a wrong IBAN is refused at its field', async () => {
    const anna = await signedIn(t, people.carrier);
    const home = await anna.get('/de/');
    assert.ok(home.html.querySelector('.site-nav a[href="/de/organisation"]'), 'in the navigation');
    const list = await anna.get('/de/organisation');
    assert.equal(list.status, 303);
    const url = `/de/organisation/${s.organisationId}`;
    assert.equal(list.headers.location, url);
    const page = await anna.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, /Träger A e\. V\./);

    const wrong = await anna.submit(url, {
      street: 'Hauptstraße 1',
      postcode: '67655',
      city: 'Kaiserslautern',
      iban: 'DE89 3704 0044 0532 0130 01',
      accountHolder: 'Träger A e. V.',
    });
    assert.equal(wrong.status, 400);
    assert.match(squeeze(wrong.html.querySelector('#f-iban-error')?.text ?? ''), /IBAN ist nicht gültig/);
    assert.match(wrong.html.querySelector('.error-summary a[href="#f-iban"]')?.text ?? '', /IBAN/);
    assert.equal(wrong.html.querySelector('#f-iban')?.getAttribute('value'), 'DE89 3704 0044 0532 0130 01');
    assert.equal((await stored()).street, '', 'nothing saved');

    const saved = await anna.submit(url, {
      street: 'Hauptstraße 1',
      postcode: '67655',
      city: 'Kaiserslautern',
      iban: 'de89 3704 0044 0532 0130 00',
      bic: 'cobadeffxxx',
      accountHolder: 'Träger A e. V.',
      'signatory-0-name': 'Ayşe Demir',
      'signatory-0-role': 'Vorsitzende',
    });
    assert.equal(saved.status, 303);
    const o = await stored();
    assert.equal(o.iban, 'DE89370400440532013000', 'kept in electronic form');
    assert.equal(o.bic, 'COBADEFFXXX');
    assert.deepEqual(o.signatories, [{ name: 'Ayşe Demir', role: 'Vorsitzende' }]);
    const shown = await anna.get(url);
    assert.equal(shown.html.querySelector('#f-iban')?.getAttribute('value'), 'DE89 3704 0044 0532 0130 00');
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, s.organisationId), eq(auditLog.action, 'organisation.updatedByStaff')));
    assert.equal(
      (entry?.after as { iban?: string } | undefined)?.iban,
      'DE89370400440532013000',
      'the account change is audited',
    );
  });

  test('a signatory without office is refused at that row', async () => {
    const anna = await signedIn(t, people.carrier);
    const url = `/de/organisation/${s.organisationId}`;
    await anna.get(url);
    const res = await anna.submit(url, { 'signatory-0-name': 'Ayşe Demir', 'signatory-0-role': '' });
    assert.equal(res.status, 400);
    assert.ok(res.html.querySelector('#f-signatory-0-role-error'));
  });

  test('in Turkish and Arabic the page is the carrier’s page, not a staff notice', async () => {
    const anna = await signedIn(t, people.carrier);
    for (const lang of ['tr', 'ar']) {
      const page = await anna.get(`/${lang}/organisation/${s.organisationId}`);
      assert.equal(page.status, 200);
      assert.equal(page.html.querySelector('html')?.getAttribute('lang'), lang);
      assert.equal(page.html.querySelector('.staff-only'), null);
    }
  });

  test('another carrier, an officer and a guessed id get 404', async () => {
    for (const who of [people.foreignCarrier, people.officer]) {
      const c = await signedIn(t, who);
      assert.equal((await c.get(`/de/organisation/${s.organisationId}`)).status, 404, who);
      await c.get('/de/account');
      assert.equal((await c.post(`/de/organisation/${s.organisationId}`, { street: 'Übernommen' })).status, 404);
    }
    const anna = await signedIn(t, people.carrier);
    assert.equal((await anna.get('/de/organisation/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await anna.get('/de/organisation/not-an-id')).status, 404);
    const olga = await signedIn(t, people.officer);
    assert.equal((await olga.get('/de/organisation')).status, 404, 'an officer works for no organisation');
    assert.notEqual((await stored()).street, 'Übernommen');
  });
});
