// Documents with expiry on the real app: the date comes with the upload (400 without it, nothing
// stored), submission refuses a document that no longer counts on the Berlin day with a field error
// at its upload field, a date can be corrected alone, the overview warns before the deadline, the
// frozen version, the officer's page and the PDF keep the dates. The officer sets all this per call.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, pdfText, people, type Scene, signedIn, upload } from '../../../../test/helpers/funding';
import { fixedClock } from '../../../core/time/clock';
import { getCall } from '../programmes/programmes.store';
import { applicationDocuments, applications, applicationVersions, calls, type RequiredDocument } from '../schema';
import { submitApplication } from './applications.store';

const clock = fixedClock('2026-12-02T10:00:00Z');
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;

const required: RequiredDocument[] = [
  { id: 'tax', label: 'Bescheinigung in Steuersachen', types: ['pdf'], maxMegabytes: 1, validity: 'validUntil' },
  {
    id: 'register',
    label: 'Registerauszug',
    types: ['pdf'],
    maxMegabytes: 1,
    validity: 'issuedWithin',
    maxAgeMonths: 3,
    hint: 'Nicht älter als drei Monate.',
  },
  { id: 'statute', label: 'Satzung', types: ['pdf'], maxMegabytes: 1, optional: true },
];

const pdf = (name: string) => ({ filename: `${name}.pdf`, content: '%PDF-1.4\n% test\n', type: 'application/pdf' });

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene({
    call: { requiredDocuments: required, closesAt: new Date('2027-01-31T11:00:00Z') },
  });
});
after(() => t.close());

/** An upload's answer with its page parsed. */
const sent = async (...a: Parameters<typeof upload>) => {
  const res = await upload(...a);
  return { ...res, html: parse(res.body) };
};

const draft = () => f.application({ callId: scene.callId, organisationId: scene.organisationId });
const docsOf = (id: string) =>
  t.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, id));

describe('the carrier uploads documents with their dates', () => {
  test('a file without the date its validity needs, or with a wrong one, is refused at the date field and not stored', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await draft();
    const url = `/de/applications/${id}/documents`;
    const anna = await signedIn(t, people.carrier);
    const page = await anna.get(url);
    assert.equal(page.status, 200);
    assert.ok(page.html.querySelector('#f-document-tax-date'), 'a date field beside the file');
    assert.match(page.body, /Nicht älter als drei Monate\./, 'the officer’s hint');
    assert.equal(page.html.querySelector('#f-document-statute-date'), null, 'none for the statute');

    const missing = await sent(t, anna, url, { 'document-tax': pdf('steuer') });
    assert.equal(missing.status, 400);
    assert.match(
      missing.html.querySelector('#f-document-tax-date-error')?.text ?? '',
      /Geben Sie an, bis wann die Unterlage gültig ist/,
    );
    assert.ok(missing.html.querySelector('a[href="#f-document-tax-date"]'), 'the error summary leads to the field');

    await anna.get(url);
    const wrong = await sent(
      t,
      anna,
      url,
      { 'document-register': pdf('register') },
      { 'document-register-date': '2026-13-01' },
    );
    assert.equal(wrong.status, 400);
    assert.ok(wrong.html.querySelector('#f-document-register-date-error'));
    assert.equal(
      wrong.html.querySelector('#f-document-register-date')?.getAttribute('value'),
      '2026-13-01',
      'typed, shown again',
    );

    await anna.get(url);
    const future = await sent(
      t,
      anna,
      url,
      { 'document-register': pdf('register') },
      { 'document-register-date': '2026-12-03' },
    );
    assert.equal(future.status, 400);
    assert.match(future.body, /nicht in der Zukunft/);

    await anna.get(url);
    const expired = await sent(t, anna, url, { 'document-tax': pdf('steuer') }, { 'document-tax-date': '2026-12-01' });
    assert.equal(expired.status, 400);
    assert.match(expired.body, /seit dem 2\. Dezember 2026 nicht mehr gültig/);
    assert.equal((await docsOf(id)).length, 0, 'nothing stored');
  });

  test('valid dates are stored with the files; the overview lists them and warns of one ending before the deadline', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await draft();
    const url = `/de/applications/${id}/documents`;
    const anna = await signedIn(t, people.carrier);
    await anna.get(url);
    const ok = await sent(
      t,
      anna,
      url,
      { 'document-tax': pdf('steuer'), 'document-register': pdf('register') },
      { 'document-tax-date': '2027-01-15', 'document-register-date': '2026-11-15' },
    );
    assert.equal(ok.status, 303, ok.body.slice(0, 500));
    const stored = await docsOf(id);
    assert.deepEqual(stored.map((d) => [d.requiredDocumentId, d.validUntil, d.issuedOn]).sort(), [
      ['register', null, '2026-11-15'],
      ['tax', '2027-01-15', null],
    ]);
    const overview = await anna.get(`/de/applications/${id}`);
    assert.match(overview.body, /Eine Unterlage gilt nicht bis zum Ende der Frist/);
    assert.match(
      overview.body,
      /„Bescheinigung in Steuersachen“ gilt nur bis 15\. Januar 2027, die Frist läuft bis 31\. Januar 2027/,
    );
    assert.match(overview.body, /ausgestellt am 15\. November 2026, gilt bis 15\. Februar 2027/);
    assert.match(overview.body, /nicht hochgeladen \(freiwillig\)/);
    const section = await anna.get(url);
    assert.equal(section.html.querySelector('#f-document-tax-date')?.getAttribute('value'), '2027-01-15');
  });

  test('submission refuses an expired document with the error at its upload field; a corrected date alone lets it pass', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await draft();
    await f.document(id, 'tax', 'steuer.pdf', { validUntil: '2026-12-20' });
    await f.document(id, 'register', 'register.pdf', { issuedOn: '2026-11-01' });
    const appUrl = `/de/applications/${id}`;

    // 23:30 UTC on 20 December is already the 21st in Berlin
    clock.set('2026-12-20T23:30:00Z');
    const anna = await signedIn(t, people.carrier);
    await anna.get(appUrl);
    const refused = await anna.post(`${appUrl}/submit`);
    assert.equal(refused.status, 400);
    const link = refused.html.querySelector(`a[href="${appUrl}/documents#f-document-tax"]`);
    assert.match(
      link?.text ?? '',
      /Die Unterlage „Bescheinigung in Steuersachen“ ist seit dem 21\. Dezember 2026 nicht mehr gültig\. Laden Sie eine gültige hoch\./,
    );
    const [still] = await t.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(still?.status, 'draft');
    const section = await anna.get(`${appUrl}/documents`);
    assert.match(section.html.querySelector('#f-document-tax-error')?.text ?? '', /nicht mehr gültig/);

    const dated = await sent(t, anna, `${appUrl}/documents`, {}, { 'document-tax-date': '2027-06-30' });
    assert.equal(dated.status, 303, dated.body.slice(0, 500));
    const [tax] = (await docsOf(id)).filter((d) => d.requiredDocumentId === 'tax');
    assert.equal(tax?.validUntil, '2027-06-30');
    assert.equal(tax?.filename, 'steuer.pdf', 'the file stays');

    await anna.get(appUrl);
    assert.equal((await anna.post(`${appUrl}/submit`)).status, 303);
    const [v] = await t.db.select().from(applicationVersions).where(eq(applicationVersions.applicationId, id));
    const frozen = v?.documents.find((d) => d.requiredDocumentId === 'tax');
    assert.equal(frozen?.validUntil, '2027-06-30', 'the version keeps the date');

    const olga = await signedIn(t, people.officer);
    const page = await olga.get(appUrl);
    assert.match(page.body, /gültig bis 30\. Juni 2027/, 'the officer sees the dates');
    assert.doesNotMatch(page.body, /Frist läuft bis/, 'no warning once submitted');
    const file = await getRaw(t, olga, `${appUrl}/versions/1.pdf`);
    const text = (await pdfText(file.rawPayload)).replace(/\s+/g, ' ');
    assert.match(text, /Bescheinigung in Steuersachen · gültig bis 30\. Juni 2027/);
    assert.match(text, /Registerauszug · ausgestellt am 1\. November 2026, gilt bis 1\. Februar 2027/);
  });

  test('the store checks again in its transaction: a register extract too old on the day is refused there', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const id = await draft();
    await f.document(id, 'tax', 'steuer.pdf', { validUntil: '2027-06-30' });
    await f.document(id, 'register', 'register.pdf', { issuedOn: '2026-09-02' });
    const late = await submitApplication(t.db, { id: null, label: 'test' }, id, {
      now: new Date('2026-12-02T23:00:00Z'),
      language: 'de',
    });
    assert.deepEqual(
      typeof late === 'object' && late.issues.map((i) => [i.field, i.key]),
      [['document-register', 'funding:documentValidity.tooOld']],
      'issued 2 September, three months: 3 December in Berlin is one day too late',
    );
    const onTime = await submitApplication(t.db, { id: null, label: 'test' }, id, {
      now: new Date('2026-12-02T22:59:00Z'),
      language: 'de',
    });
    assert.equal(onTime, 1, 'still 2 December in Berlin');
  });
});

describe('the officer sets the documents per call', () => {
  test('validity, months, hint and optional are kept; months are required for "no older than"; the federal preset adds five', async () => {
    const olga = await signedIn(t, people.officer);
    const url = `/de/funding/programmes/${scene.programmeId}/calls/new`;
    const form = await olga.get(url);
    assert.equal(form.status, 200);
    assert.ok(form.html.querySelector('#f-document-0-validity'));
    const body = {
      title: 'Bundesaufruf',
      opensDate: '2026-12-01',
      opensTime: '00:00',
      closesDate: '2027-02-01',
      closesTime: '12:00',
      stages: '1',
      published: 'on',
      'document-0-label': 'Registerauszug',
      'document-0-types': 'pdf',
      'document-0-maxMegabytes': '5',
      'document-0-validity': 'issuedWithin',
      'document-0-months': '',
    };
    const noMonths = await olga.post(url, body);
    assert.equal(noMonths.status, 400);
    assert.match(noMonths.html.querySelector('#f-document-0-months-error')?.text ?? '', /1 bis 36/);
    await olga.get(url);
    const saved = await olga.post(url, {
      ...body,
      'document-0-months': '3',
      'document-0-hint': 'Aktuell',
      'document-0-optional': 'on',
      federalDocuments: 'on',
    });
    assert.equal(saved.status, 303, saved.body.slice(0, 1000));
    const [made] = await t.db.select({ id: calls.id }).from(calls).where(eq(calls.title, 'Bundesaufruf'));
    const call = made ? await getCall(t.db, made.id) : undefined;
    assert.ok(call);
    assert.deepEqual(call.requiredDocuments[0], {
      id: call.requiredDocuments[0]?.id,
      label: 'Registerauszug',
      types: ['pdf'],
      maxMegabytes: 5,
      optional: true,
      validity: 'issuedWithin',
      maxAgeMonths: 3,
      hint: 'Aktuell',
    });
    assert.deepEqual(
      call.requiredDocuments.map((d) => d.label),
      [
        'Registerauszug',
        'Bescheinigung in Steuersachen',
        'Erklärung über das Nichtvorliegen eines Insolvenzverfahrens',
        'Erklärung zu den Sozialversicherungsbeiträgen / Unbedenklichkeitsbescheinigung der Krankenkasse',
        'Auszug aus dem Vereins- bzw. Handelsregister',
        'Satzung',
      ],
    );
    const edit = await olga.get(`/de/funding/calls/${call.id}/edit`);
    assert.equal(
      edit.html.querySelector('#f-document-1-validity option[selected]')?.getAttribute('value'),
      'validUntil',
    );
    assert.equal(edit.html.querySelector('#f-document-0-months')?.getAttribute('value'), '3');
    const pub = await olga.get(`/de/calls/${call.id}`);
    assert.match(pub.body, /höchstens 3 Monate alt bei der Einreichung/);

    // emptying a document's texts removes it, although its choices (validity, optional) kept their values
    const values: Record<string, string> = {};
    const editForm = edit.html.querySelectorAll('form').find((x) => x.getAttribute('action')?.endsWith('/edit'));
    for (const input of editForm?.querySelectorAll('input, textarea, select') ?? []) {
      const name = input.getAttribute('name');
      const type = input.getAttribute('type');
      if (!name || name === '_csrf') continue;
      if (type === 'checkbox') {
        if (input.hasAttribute('checked')) values[name] = 'on';
      } else if (input.tagName === 'SELECT')
        values[name] = input.querySelector('option[selected]')?.getAttribute('value') ?? '';
      else values[name] = input.tagName === 'TEXTAREA' ? input.text : (input.getAttribute('value') ?? '');
    }
    assert.equal(values['document-0-validity'], 'issuedWithin');
    for (const f of ['label', 'types', 'maxMegabytes', 'months', 'hint']) values[`document-0-${f}`] = '';
    const removed = await olga.post(`/de/funding/calls/${call.id}/edit`, values);
    assert.equal(removed.status, 303, removed.html.querySelector('.error-summary')?.text ?? '');
    const after = await getCall(t.db, call.id);
    assert.equal(after?.requiredDocuments.length, 5);
    assert.equal(after?.requiredDocuments[0]?.label, 'Bescheinigung in Steuersachen');
  });
});
