// Programme officers set up programmes and calls; the public sees open calls only, opened and
// closed at the instant Berlin clocks show, also in the nights the clocks change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { client, heading, type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, signedIn } from '../../../../test/helpers/funding';
import { auditLog } from '../../../core/audit/schema';
import { fixedClock } from '../../../core/time/clock';
import { calls, programmes } from '../schema';

const clock = fixedClock('2026-12-02T10:00:00Z');
let t: TestApp;
let f: ReturnType<typeof funding>;
/** the officers' programme, set up once; each test adds what it needs under it */
let programmeId: string;
before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  await f.admin('admin@example.org');
  await f.carrier('carrier@example.org', 'o1');
  programmeId = await f.programme({
    title: 'Teilhabe vor Ort',
    minOwnShareBp: 750,
    maxGrantPerYearCents: 12_000_000,
  });
  await f.officer('officer@example.org', programmeId);
  await f.officer('other-officer@example.org', '00000000-0000-4000-8000-000000000000');
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

const callByTitle = async (title: string) => (await t.db.select().from(calls).where(eq(calls.title, title)))[0];

describe('programmes', () => {
  test('an administrator creates a programme; amounts and shares are stored as cents and basis points', async () => {
    const admin = await signedIn(t, 'admin@example.org');
    const title = programmeForm.title;
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
    assert.match(bad.html.querySelector('#f-budget-0-year-error')?.text ?? '', /vier Ziffern/);
    assert.equal(bad.html.querySelector('#f-title')?.getAttribute('value'), title, 'entries are kept');
    assert.equal(
      (await t.db.select().from(programmes).where(eq(programmes.title, title))).length,
      0,
      'nothing written',
    );

    const fixed = await admin.submit('/de/funding/programmes/new', { ...programmeForm, financingType: 'fixed' });
    assert.equal(fixed.status, 400);
    assert.match(fixed.html.querySelector('#f-fixedAmount-error')?.text ?? '', /der Festbetrag nötig/);

    const ok = await admin.submit('/de/funding/programmes/new', programmeForm);
    assert.equal(ok.status, 303);
    const [p] = await t.db.select().from(programmes).where(eq(programmes.title, title));
    assert.ok(p);
    assert.equal(p.maxShareBp, 9000);
    assert.equal(p.minOwnShareBp, 750);
    assert.equal(p.maxGrantPerYearCents, 12_000_000);
    assert.deepEqual(p.budgetPerYear, { '2026': 150_000_000 });
    assert.deepEqual(p.cooperationForms, ['tandem']);
    assert.equal(p.requiresMigrantOrganisation, true);
    const page = await admin.get(ok.location!);
    assert.equal(heading(page), title);
    assert.match(page.body, /Fehlbedarfsfinanzierung/);
    assert.match(page.body, /120\.000,00/);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'programme.created'));
    assert.ok(
      audits.some((a) => a.subjectId === p.id),
      'creation is audited',
    );
  });

  test('a programme row with a year and no amount asks for the amount, not as if the field were required', async () => {
    const admin = await signedIn(t, 'admin@example.org');
    const res = await admin.submit('/de/funding/programmes/new', {
      ...programmeForm,
      title: 'Ohne Betrag',
      'budget-0-year': '',
      'budget-0-amount': '',
      'budget-2-year': '2027',
      'budget-2-amount': '',
    });
    assert.equal(res.status, 400);
    assert.match(res.html.querySelector('#f-budget-2-amount-error')?.text ?? '', /Hier fehlt noch eine Angabe/);
    assert.equal(res.html.querySelector('#f-budget-0-amount-error'), null, 'an empty row is no entry');
  });

  test('a programme officer sees and edits only their programme; others get 404, carriers 403', async () => {
    const officer = await signedIn(t, 'officer@example.org');
    const home = await officer.get('/de/funding');
    assert.equal(home.status, 200);
    assert.match(home.body, /Teilhabe vor Ort/);
    assert.equal(
      (await officer.get('/de/funding/programmes/new')).status,
      403,
      'only administrators create programmes',
    );
    const edit = await officer.get(`/de/funding/programmes/${programmeId}/edit`);
    assert.equal(edit.status, 200);
    assert.equal(edit.html.querySelector('#f-minOwnShare')?.getAttribute('value'), '7,5');
    assert.equal(edit.html.querySelector('#f-maxGrantPerYear')?.getAttribute('value'), '120000,00');
    const saved = await officer.post(`/de/funding/programmes/${programmeId}/edit`, {
      ...programmeForm,
      title: 'Teilhabe vor Ort',
      maxDurationMonths: '36',
    });
    assert.equal(saved.status, 303);
    const [p] = await t.db.select().from(programmes).where(eq(programmes.id, programmeId));
    assert.equal(p?.maxDurationMonths, 36);
    assert.equal(p?.updatedAt.toISOString(), clock().toISOString(), 'changed at the app’s time');

    const other = await signedIn(t, 'other-officer@example.org');
    assert.doesNotMatch((await other.get('/de/funding')).body, /Teilhabe vor Ort/);
    assert.equal((await other.get(`/de/funding/programmes/${programmeId}`)).status, 404);
    assert.equal((await other.get(`/de/funding/programmes/${programmeId}/edit`)).status, 404);

    const carrier = await signedIn(t, 'carrier@example.org');
    assert.equal((await carrier.get('/de/funding')).status, 403);
    assert.equal((await carrier.get(`/de/funding/programmes/${programmeId}`)).status, 404);
    assert.equal((await client(t).get('/de/funding')).status, 303, 'anonymous: sign in first');
  });
});

describe('calls', () => {
  test('an officer publishes a call with eligibility questions, documents and a rubric', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const officer = await signedIn(t, 'officer@example.org');
    const url = `/de/funding/programmes/${programmeId}/calls/new`;
    const title = 'Tandems vor Ort 2027';
    const bad = await officer.submit(
      url,
      callForm({ closesDate: '2025-12-31', opensTime: '25:00', 'criterion-0-a3': '', 'document-0-types': '' }),
    );
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-opensTime-error'));
    assert.match(
      bad.html.querySelector('#f-criterion-0-a3-error')?.text ?? '',
      /alle fünf Stufen/,
      'all five anchors are needed, said at the one missing',
    );
    assert.ok(bad.html.querySelector('#f-document-0-types-error'));
    assert.equal(
      bad.html.querySelector('#f-criterion-0-title')?.getAttribute('value'),
      callForm()['criterion-0-title'],
    );
    assert.equal(await callByTitle(title), undefined);

    const backwards = await officer.submit(url, callForm({ closesDate: '2026-01-01', closesTime: '00:00' }));
    assert.equal(backwards.status, 400);
    assert.match(backwards.html.querySelector('#f-closesDate-error')?.text ?? '', /nach ihrem Beginn/);

    const ok = await officer.submit(url, callForm());
    assert.equal(ok.status, 303);
    const c = await callByTitle(title);
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
      'eligibility-0-id': c.eligibility[0]!.id,
    });
    assert.equal(saved.status, 303);
    const [changed] = await t.db.select().from(calls).where(eq(calls.id, c.id));
    assert.equal(changed?.title, 'Tandems vor Ort 2027 (geändert)');
    assert.equal(changed?.rubric[0]?.id, c.rubric[0]?.id, 'criteria keep their identity');

    // a question emptied but for its hidden id is removed, not refused
    const removed = await officer.post(`/de/funding/calls/${c.id}/edit`, {
      ...callForm({ 'eligibility-0-question': '', 'eligibility-0-stopText': '' }),
      'eligibility-0-id': c.eligibility[0]!.id,
    });
    assert.equal(removed.status, 303);
    const [without] = await t.db.select().from(calls).where(eq(calls.id, c.id));
    assert.deepEqual(without?.eligibility, []);
  });

  test('the public sees open, published calls only', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const open = await f.call(programmeId, {
      title: 'Offen für alle',
      text: '## Worum es geht\n\nTandems.',
      eligibility: [{ id: 'q1', question: 'Ist Ihre Organisation gemeinnützig?', stopText: 'Nur gemeinnützige.' }],
    });
    const draft = await f.call(programmeId, { title: 'Entwurf', published: false });
    const expired = await f.call(programmeId, {
      title: 'Abgelaufen',
      opensAt: new Date('2020-01-01'),
      closesAt: new Date('2020-03-01'),
    });
    const future = await f.call(programmeId, {
      title: 'Zukünftig',
      opensAt: new Date('2098-01-01'),
      closesAt: new Date('2098-03-01'),
    });

    const list = await client(t).get('/de/calls');
    assert.equal(list.status, 200);
    const titles = list.html.querySelectorAll('.kern-card h2').map((h) => h.text.trim());
    assert.ok(titles.includes('Offen für alle'));
    for (const hidden of ['Entwurf', 'Abgelaufen', 'Zukünftig']) assert.ok(!titles.includes(hidden), hidden);
    const detail = await client(t).get(`/de/calls/${open}`);
    assert.equal(detail.status, 200);
    assert.match(detail.body, /Ist Ihre Organisation gemeinnützig\?/);
    assert.equal(detail.html.querySelector('.content-body h2')?.text, 'Worum es geht');

    assert.equal((await client(t).get(`/de/calls/${draft}`)).status, 404);
    assert.equal((await client(t).get(`/de/calls/${future}`)).status, 404);
    const closed = await client(t).get(`/de/calls/${expired}`);
    assert.equal(closed.status, 200);
    assert.match(closed.body, /Einreichungsfrist für diesen Aufruf ist abgelaufen/);
    assert.equal((await client(t).get('/de/calls/not-a-uuid')).status, 404);
    const arabic = await client(t).get('/ar/calls');
    assert.equal(arabic.status, 200, 'the public calls exist in every language');
    assert.equal(arabic.html.querySelector('html')?.getAttribute('dir'), 'rtl');
    assert.ok(arabic.html.querySelectorAll('.kern-card h2').some((h) => h.text.trim() === 'Offen für alle'));
  });
});

describe('a call opening in the night the clocks change', () => {
  /** Publishes a call through the officer's form, opening on the given Berlin date and time. */
  async function publish(title: string, opensDate: string, opensTime: string): Promise<string> {
    const officer = await signedIn(t, 'officer@example.org');
    const res = await officer.submit(
      `/de/funding/programmes/${programmeId}/calls/new`,
      callForm({ title, opensDate, opensTime, closesDate: '2027-12-31', closesTime: '12:00' }),
    );
    assert.equal(res.status, 303);
    return (await callByTitle(title))!.id;
  }
  const listed = async (title: string) =>
    (await client(t).get('/de/calls')).html.querySelectorAll('.kern-card h2').some((h) => h.text.trim() === title);

  test('at 03:00 on the last Sunday of March, the first hour of summer time', async () => {
    clock.set('2027-03-01T12:00:00Z');
    const id = await publish('Frühjahr 2027', '2027-03-28', '03:00');
    assert.equal((await callByTitle('Frühjahr 2027'))?.opensAt.toISOString(), '2027-03-28T01:00:00.000Z');
    clock.set('2027-03-28T00:59:59Z'); // 01:59:59 winter time
    assert.equal(await listed('Frühjahr 2027'), false);
    assert.equal((await client(t).get(`/de/calls/${id}`)).status, 404);
    clock.set('2027-03-28T01:00:00Z'); // 03:00 summer time
    assert.equal(await listed('Frühjahr 2027'), true);
    const page = await client(t).get(`/de/calls/${id}`);
    assert.equal(page.status, 200);
    assert.ok(page.html.querySelector(`a[href="/de/calls/${id}/apply"]`), 'it takes applications');
  });

  test('at 02:30 on the last Sunday of October, the first time clocks show it', async () => {
    clock.set('2027-10-01T12:00:00Z');
    const id = await publish('Herbst 2027', '2027-10-31', '02:30');
    assert.equal((await callByTitle('Herbst 2027'))?.opensAt.toISOString(), '2027-10-31T00:30:00.000Z');
    clock.set('2027-10-31T00:29:59Z'); // 02:29:59 summer time
    assert.equal(await listed('Herbst 2027'), false);
    assert.equal((await client(t).get(`/de/calls/${id}`)).status, 404);
    clock.set('2027-10-31T00:30:00Z'); // 02:30 summer time, an hour before 02:30 comes again in winter time
    assert.equal(await listed('Herbst 2027'), true);
    assert.equal((await client(t).get(`/de/calls/${id}`)).status, 200);
  });
});
