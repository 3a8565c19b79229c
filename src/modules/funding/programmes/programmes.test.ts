// Programme officers set up programmes and calls; the public sees open calls only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { client, heading, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, signedIn } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { calls, programmes } from '../schema';

let t: TestApp;
let f: ReturnType<typeof funding>;
before(async () => {
  t = await testApp();
  f = funding(t);
  await f.admin('admin@example.org');
  await f.carrier('carrier@example.org', 'o1');
});
after(() => t.close());

const programmeForm = {
  title: 'Partizipation von Migrantenorganisationen',
  goals: 'Migrantenorganisationen stärken',
  financingType: 'deficit',
  maxShare: '90',
  minOwnShare: '7,5',
  maxGrantPerYear: '120.000,00',
  fixedAmount: '',
  maxDurationMonths: '24',
  scope: 'local',
  cooperationForms: 'tandem',
  requiresMigrantOrganisation: 'on',
  'budget-0-year': '2026',
  'budget-0-amount': '1.500.000',
  'budget-1-year': '',
  'budget-1-amount': '',
};

function callForm(overrides: Record<string, string> = {}) {
  return {
    title: 'Tandems vor Ort 2027',
    text: '## Worum es geht\n\nTandems aus Träger und Migrantenorganisation.',
    opensDate: '2026-01-01',
    opensTime: '00:00',
    closesDate: '2099-03-31',
    closesTime: '12:00',
    stages: '2',
    projectStartEarliest: '2027-01-01',
    projectEndLatest: '2028-12-31',
    'eligibility-0-question': 'Ist Ihre Organisation gemeinnützig?',
    'eligibility-0-stopText': 'Nur gemeinnützige Träger können einen Antrag stellen.',
    'document-0-label': 'Satzung',
    'document-0-types': 'pdf, .DOCX',
    'document-0-maxMegabytes': '5',
    'criterion-0-title': 'Beteiligung der Migrantenorganisation',
    'criterion-0-weight': '3',
    'criterion-0-a1': 'kaum',
    'criterion-0-a2': 'gering',
    'criterion-0-a3': 'teilweise',
    'criterion-0-a4': 'weitgehend',
    'criterion-0-a5': 'auf Augenhöhe',
    published: 'on',
    ...overrides,
  };
}

describe('programmes', () => {
  test('an administrator creates a programme; amounts and shares are stored as cents and basis points', async () => {
    const admin = await signedIn(t, 'admin@example.org');
    const bad = await admin.submit('/de/funding/programmes/new', {
      ...programmeForm,
      maxShare: '120',
      maxGrantPerYear: 'viel',
      financingType: 'fixed',
      'budget-0-year': '26',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.html.querySelector('#f-maxShare-error')?.text ?? '', /zwischen 0 und 100/);
    assert.match(bad.html.querySelector('#f-maxGrantPerYear-error')?.text ?? '', /Betrag in Euro/);
    assert.ok(bad.html.querySelector('#f-budget-0-year-error'));
    assert.equal(bad.html.querySelector('#f-title')?.getAttribute('value'), programmeForm.title, 'entries are kept');
    assert.equal((await t.db.select().from(programmes)).length, 0, 'nothing written');

    const ok = await admin.submit('/de/funding/programmes/new', programmeForm);
    assert.equal(ok.status, 303);
    const [p] = await t.db.select().from(programmes);
    assert.ok(p);
    assert.equal(p.maxShareBp, 9000);
    assert.equal(p.minOwnShareBp, 750);
    assert.equal(p.maxGrantPerYearCents, 12_000_000);
    assert.deepEqual(p.budgetPerYear, { '2026': 150_000_000 });
    assert.deepEqual(p.cooperationForms, ['tandem']);
    assert.equal(p.requiresMigrantOrganisation, true);
    const page = await admin.get(ok.location!);
    assert.equal(heading(page), programmeForm.title);
    assert.match(page.body, /Fehlbedarfsfinanzierung/);
    assert.match(page.body, /120\.000,00/);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'programme.created'));
    assert.ok(audit, 'creation is audited');
  });

  test('a programme officer sees and edits only their programme; others get 404, carriers 403', async () => {
    const [p] = await t.db.select().from(programmes);
    assert.ok(p);
    await f.officer('officer@example.org', p.id);
    await f.officer('other-officer@example.org', '00000000-0000-4000-8000-000000000000');
    const officer = await signedIn(t, 'officer@example.org');
    const home = await officer.get('/de/funding');
    assert.equal(home.status, 200);
    assert.match(home.body, /Partizipation von Migrantenorganisationen/);
    assert.equal(
      (await officer.get('/de/funding/programmes/new')).status,
      403,
      'only administrators create programmes',
    );
    const edit = await officer.get(`/de/funding/programmes/${p.id}/edit`);
    assert.equal(edit.status, 200);
    assert.equal(edit.html.querySelector('#f-minOwnShare')?.getAttribute('value'), '7,5');
    assert.equal(edit.html.querySelector('#f-maxGrantPerYear')?.getAttribute('value'), '120000,00');

    const other = await signedIn(t, 'other-officer@example.org');
    assert.doesNotMatch((await other.get('/de/funding')).body, /Partizipation/);
    assert.equal((await other.get(`/de/funding/programmes/${p.id}`)).status, 404);
    assert.equal((await other.get(`/de/funding/programmes/${p.id}/edit`)).status, 404);

    const carrier = await signedIn(t, 'carrier@example.org');
    assert.equal((await carrier.get('/de/funding')).status, 403);
    assert.equal((await carrier.get(`/de/funding/programmes/${p.id}`)).status, 404);
    assert.equal((await client(t).get('/de/funding')).status, 303, 'anonymous: sign in first');
  });
});

describe('calls', () => {
  test('an officer publishes a call with eligibility questions, documents and a rubric', async () => {
    const [p] = await t.db.select().from(programmes);
    assert.ok(p);
    const officer = await signedIn(t, 'officer@example.org');
    const url = `/de/funding/programmes/${p.id}/calls/new`;
    const bad = await officer.submit(
      url,
      callForm({ closesDate: '2025-12-31', opensTime: '25:00', 'criterion-0-a3': '', 'document-0-types': '' }),
    );
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-opensTime-error'));
    assert.ok(bad.html.querySelector('#f-criterion-0-a1-error'), 'all five anchors are needed');
    assert.ok(bad.html.querySelector('#f-document-0-types-error'));
    assert.equal((await t.db.select().from(calls)).length, 0);

    const ok = await officer.submit(url, callForm());
    assert.equal(ok.status, 303);
    const [c] = await t.db.select().from(calls);
    assert.ok(c);
    assert.equal(c.closesAt.toISOString(), '2099-03-31T10:00:00.000Z', '12:00 in Berlin summer time');
    assert.equal(c.opensAt.toISOString(), '2025-12-31T23:00:00.000Z', 'midnight in Berlin winter time');
    assert.equal(c.stages, 2);
    assert.deepEqual(
      c.requiredDocuments.map((d) => d.types),
      [['pdf', 'docx']],
    );
    assert.equal(c.rubric[0]?.anchors[4], 'auf Augenhöhe');
    assert.equal(c.eligibility.length, 1);

    const edit = await officer.get(`/de/funding/calls/${c.id}/edit`);
    assert.equal(edit.html.querySelector('#f-closesTime')?.getAttribute('value'), '12:00', 'shown in Berlin time');
    assert.equal(edit.html.querySelector('#f-criterion-0-weight')?.getAttribute('value'), '3');
    const saved = await officer.post(`/de/funding/calls/${c.id}/edit`, {
      ...callForm({ title: 'Tandems vor Ort 2027 (geändert)' }),
      'criterion-0-id': c.rubric[0]!.id,
    });
    assert.equal(saved.status, 303);
    const [after] = await t.db.select().from(calls);
    assert.equal(after?.title, 'Tandems vor Ort 2027 (geändert)');
    assert.equal(after?.rubric[0]?.id, c.rubric[0]?.id, 'criteria keep their identity');
  });

  test('the public sees open, published calls only', async () => {
    const [p] = await t.db.select().from(programmes);
    const officer = await signedIn(t, 'officer@example.org');
    const url = `/de/funding/programmes/${p!.id}/calls/new`;
    await officer.submit(url, callForm({ title: 'Entwurf', published: '' }));
    await officer.submit(url, callForm({ title: 'Abgelaufen', opensDate: '2020-01-01', closesDate: '2020-03-01' }));
    await officer.submit(url, callForm({ title: 'Zukünftig', opensDate: '2098-01-01', closesDate: '2098-03-01' }));

    const list = await client(t).get('/de/calls');
    assert.equal(list.status, 200);
    const titles = list.html.querySelectorAll('.kern-card h2').map((h) => h.text.trim());
    assert.deepEqual(titles, ['Tandems vor Ort 2027 (geändert)']);
    const link = list.html.querySelector('.kern-card h2 a')?.getAttribute('href');
    const detail = await client(t).get(link!);
    assert.equal(detail.status, 200);
    assert.match(detail.body, /Ist Ihre Organisation gemeinnützig\?/);
    assert.equal(detail.html.querySelector('.content-body h2')?.text, 'Worum es geht');

    const all = await t.db.select().from(calls);
    const byTitle = (x: string) => all.find((c) => c.title === x)!.id;
    assert.equal((await client(t).get(`/de/calls/${byTitle('Entwurf')}`)).status, 404);
    assert.equal((await client(t).get(`/de/calls/${byTitle('Zukünftig')}`)).status, 404);
    const expired = await client(t).get(`/de/calls/${byTitle('Abgelaufen')}`);
    assert.equal(expired.status, 200);
    assert.match(expired.body, /Einreichungsfrist für diesen Aufruf ist abgelaufen/);
    assert.equal((await client(t).get('/de/calls/not-a-uuid')).status, 404);
    assert.equal((await client(t).get('/ar/calls')).location, '/en/calls', 'funding pages exist in German and English');
  });
});
