// The notices read like German federal notices: issuing authority from settings, case number,
// recipient with address, German dates, legal basis, purpose, kind of funding, maximum amount,
// period, binding plan within the margins, conditions, the ANBest-P as part of it with a summary
// annex, legal remedy, signature "Im Auftrag" and page numbers. Issued notices are stored once and
// a later change of the settings does not reach into them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type TestApp, testApp } from '../../../../test/helpers/app';
import { funding, getRaw, pdfText, people, plan, type Scene, signedIn, system } from '../../../../test/helpers/funding';
import { sha256Of } from '../../../core/files/files';
import { files } from '../../../core/files/schema';
import { fixedClock } from '../../../core/time/clock';
import { updateOwnOrganisation } from '../../network/api';
import { applications, decisions } from '../schema';
import { findByCaseNumber } from './case-number.store';

const clock = fixedClock('2026-12-02T10:00:00Z');
let t: TestApp;
let f: ReturnType<typeof funding>;
let scene: Scene;

before(async () => {
  t = await testApp({ now: clock });
  f = funding(t);
  scene = await f.scene({
    programme: {
      title: 'Teilhabe vor Ort',
      caseCode: 'TVO',
      financingType: 'share',
      guideline: 'Richtlinie zur Förderung der Teilhabe vor Ort vom 1. März 2026 (BAnz AT 01.03.2026 B1)',
      budgetPerYear: { '2027': 8_000_000, '2028': 8_000_000, '2029': 8_000_000, '2030': 8_000_000 },
      maxDurationMonths: 48,
      maxShareBp: 9500,
      minOwnShareBp: 500,
      maxGrantPerYearCents: 200_000_000,
    },
  });
  await f.admin('ada@funder.example');
  // the carrier's address, as its staff keep it on "Meine Organisation"
  const kept = await updateOwnOrganisation(
    t.db,
    system,
    scene.organisationId,
    {
      street: 'Brückenstraße 5',
      postcode: '10179',
      city: 'Berlin',
      municipalityKey: '',
      email: '',
      website: '',
      iban: '',
      bic: '',
      accountHolder: '',
      signatories: [],
    },
    t.deps.now(),
  );
  assert.ok(kept?.ok);
});
after(() => t.close());

/** Text and the rightmost edge of any text on any page, from pdf.js. */
async function pdfLayout(bytes: Buffer) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
  let right = 0;
  let width = 0;
  let widest = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    width = page.view[2] ?? 0;
    for (const item of (await page.getTextContent()).items)
      if ('str' in item && item.str.trim() && item.transform[4] + item.width > right) {
        right = item.transform[4] + item.width;
        widest = item.str;
      }
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { right, width, pages, widest };
}

const decideAs = async (applicationId: string, form: Record<string, string>) => {
  const olga = await signedIn(t, people.officer);
  await olga.get(`/de/funding/applications/${applicationId}`);
  const drafted = await olga.post(`/de/funding/applications/${applicationId}/decision`, form);
  assert.equal(drafted.status, 303, drafted.html?.querySelector('.kern-alert')?.text ?? '');
  const issued = await olga.post(`/de/funding/applications/${applicationId}/decision/issue`, {});
  assert.equal(issued.status, 303);
};

const caseNumberOf = async (id: string) =>
  (await t.db.select().from(applications).where(eq(applications.id, id)))[0]?.caseNumber;

describe('case numbers', () => {
  test('are assigned at submission, counted per programme and year, and shown on both pages', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const callId = await f.call(scene.programmeId, { title: 'Aufruf Zählen' });
    const draft = await f.application({ callId, organisationId: scene.organisationId });
    assert.equal(await caseNumberOf(draft), null, 'a draft has none');
    const one = await f.application({ callId, organisationId: scene.organisationId }, { submit: true });
    const two = await f.application({ callId, organisationId: scene.otherOrganisationId }, { submit: true });
    const first = await caseNumberOf(one);
    assert.match(first ?? '', /^TVO-2026-\d{4}$/);
    assert.equal(Number((await caseNumberOf(two))?.slice(-4)), Number(first?.slice(-4)) + 1);
    const otherCall = await f.call(scene.otherProgrammeId, { title: 'Anderes' });
    const other = await f.application({ callId: otherCall, organisationId: scene.organisationId }, { submit: true });
    assert.equal(await caseNumberOf(other), 'AP-2026-0001', 'another programme counts on its own');
    clock.set('2027-01-04T10:00:00Z');
    const next = await f.application({ callId, organisationId: scene.organisationId }, { submit: true });
    assert.equal(await caseNumberOf(next), 'TVO-2027-0001', 'a new year starts at one');
    // a second submission keeps the number
    clock.set('2026-12-02T10:00:00Z');
    assert.deepEqual(
      (await findByCaseNumber(t.db, first ?? '')).map((r) => r.id),
      [one],
      'searchable',
    );
    const anna = await signedIn(t, people.carrier);
    assert.match((await anna.get(`/de/applications/${one}`)).html.text, new RegExp(`Aktenzeichen: ${first}`));
    const olga = await signedIn(t, people.officer);
    assert.match((await olga.get(`/de/funding/applications/${one}`)).html.text, new RegExp(`Aktenzeichen: ${first}`));
    // officers find it in their list of applications: the whole number (in any case) opens the
    // application, a part lists what they may see, each row with its number
    const exact = await olga.get(`/de/funding/applications?q=${first?.toLowerCase()}`);
    assert.equal(exact.status, 303);
    assert.equal(exact.headers.location, `/de/funding/applications/${one}`);
    const part = await olga.get('/de/funding/applications?q=TVO-2026');
    assert.equal(part.status, 200);
    assert.ok(part.html.querySelector(`a[href="/de/funding/applications/${two}"]`));
    assert.match(part.html.querySelector('tbody')?.text ?? '', new RegExp(first ?? 'none'));
    const exported = await olga.get('/de/funding/exports/applications.csv?q=TVO-2026');
    assert.match(exported.body.split('\n')[0] ?? '', /^\uFEFF?"?Aktenzeichen/);
    assert.ok(exported.body.includes(first ?? 'none'), 'the export carries the case number');
    const otto = await signedIn(t, people.foreignOfficer);
    const foreign = await otto.get(`/de/funding/applications?q=${first}`);
    assert.equal(foreign.status, 200, 'no jump into another programme’s application');
    assert.equal(
      foreign.html.querySelector(`a[href="/de/funding/applications/${two}"]`),
      null,
      'not another programme’s',
    );
    assert.equal((await anna.get('/de/funding/applications?q=TVO')).status, 403);
  });
});

describe('the grant decision', () => {
  test('has every part of a federal notice, fits the margins and stays as issued', async () => {
    clock.set('2026-12-02T10:00:00Z');
    const callId = await f.call(scene.programmeId, { title: 'Aufruf Bescheid' });
    const id = await f.application(
      { callId, organisationId: scene.organisationId },
      {
        submit: true,
        content: {
          title: 'Sprachbrücken',
          summary: 'Sprachcafés und Lotsen für neu Zugewanderte im Bezirk.',
          startDate: '2027-01-01',
          endDate: '2030-12-31',
          plan: plan(
            { year: 2027, grant: 1_234_567_00, own: 100_000_00 },
            { year: 2028, grant: 1_234_567_00, own: 100_000_00 },
            { year: 2029, grant: 1_234_567_00, own: 100_000_00 },
            { year: 2030, grant: 1_234_567_00, own: 100_000_00 },
          ),
        },
      },
    );
    const caseNumber = await caseNumberOf(id);
    await decideAs(id, {
      outcome: 'approved',
      'amount-2027': '1.234.567,00',
      'amount-2028': '1.234.567,00',
      'amount-2029': '1.234.567,00',
      'amount-2030': '1.234.567,00',
      conditions: 'Die Lotsen sind bis zum 31. März 2027 zu benennen.',
    });
    const anna = await signedIn(t, people.carrier);
    const res = await getRaw(t, anna, `/de/applications/${id}/decision.pdf`);
    assert.equal(res.statusCode, 200);
    const pdf = res.rawPayload;
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const part of [
      // issuing authority with unit, contact, phone, e-mail
      'Bundesamt für Integration und Teilhabe (Demo)',
      'Musterallee 12',
      '53113 Bonn',
      'Referat 32 – Modellprojekte der Integration',
      'Frau Dr. Beispiel',
      '+49 228 99 000-0',
      'modellprojekte@bit-demo.example',
      // case number, recipient and date
      `Aktenzeichen ${caseNumber}`,
      'Träger A e. V.',
      'Brückenstraße 5',
      '10179 Berlin',
      'Datum 2. Dezember 2026',
      'auf Ihren Antrag vom 2. Dezember 2026',
      // the decision
      'Zuwendungsbescheid',
      'Zuwendungszweck',
      'Sprachcafés und Lotsen für neu Zugewanderte im Bezirk.',
      'Projektförderung als nicht rückzahlbarer Zuschuss im Wege der Anteilfinanzierung',
      'bis zu 4.938.268,00 € (Höchstbetrag)',
      'Der Bewilligungszeitraum läuft vom 1. Januar 2027 bis 31. Dezember 2030.',
      'Verbindlicher Finanzierungsplan',
      '2030',
      'Die Lotsen sind bis zum 31. März 2027 zu benennen.',
      'ANBest-P) sind Bestandteil dieses Bescheides',
      // legal basis, remedy, signature, pages
      'Richtlinie zur Förderung der Teilhabe vor Ort vom 1. März 2026',
      '§§ 23, 44 Bundeshaushaltsordnung (BHO)',
      'Rechtsbehelfsbelehrung',
      'innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden',
      'schriftlich oder zur Niederschrift einzulegen bei: Bundesamt für Integration und Teilhabe (Demo)',
      'Im Auftrag',
      'olga',
      'Seite 1 von',
      // the annex
      'Zusammenfassung für die Demo',
      '1. Anforderung und Verwendung der Zuwendung',
      '5. Mitteilungspflichten des Zuwendungsempfängers',
      '9. Verzinsung',
    ])
      assert.ok(text.includes(part), `the notice says "${part}"\n${text}`);
    assert.doesNotMatch(text, /ohne Unterschrift gültig/);
    const layout = await pdfLayout(pdf);
    assert.ok(
      layout.right <= layout.width - 56 + 0.5,
      `text ends at ${layout.right} of ${layout.width}: ${layout.widest}`,
    );
    assert.ok(text.includes(`Seite ${layout.pages} von ${layout.pages}`));

    // stored once with its sha-256; an administrator's later change of the authority does not reach it
    const [d] = await t.db.select().from(decisions).where(eq(decisions.applicationId, id));
    const [file] = await t.db.select().from(files).where(eq(files.id, d!.documentFileId!));
    assert.equal(file!.sha256, sha256Of(pdf));
    const ada = await signedIn(t, 'ada@funder.example');
    assert.equal((await ada.get('/de/funding/authority')).status, 200);
    const saved = await ada.submit('/de/funding/authority', {
      name: 'Landesamt für Teilhabe',
      address: 'Amtsweg 2\n12345 Amtsstadt',
      unit: 'Referat 7',
      contact: 'Herr Muster',
      phone: '+49 30 1234',
      email: 'post@landesamt.example',
    });
    assert.equal(saved.status, 303);
    const again = await getRaw(t, anna, `/de/applications/${id}/decision.pdf`);
    assert.ok(again.rawPayload.equals(pdf), 'served as issued');
    assert.doesNotMatch(await pdfText(again.rawPayload), /Landesamt für Teilhabe/);
  });

  test('the authority form refuses a bad e-mail and phone with field errors', async () => {
    const ada = await signedIn(t, 'ada@funder.example');
    await ada.get('/de/funding/authority');
    const bad = await ada.post('/de/funding/authority', {
      name: 'X',
      address: 'Y',
      unit: 'Z',
      contact: 'W',
      phone: 'abc',
      email: 'kein',
    });
    assert.equal(bad.status, 400);
    assert.ok(bad.html.querySelector('#f-email-error'));
    assert.ok(bad.html.querySelector('#f-phone-error'));
    const olga = await signedIn(t, people.officer);
    assert.equal((await olga.get('/de/funding/authority')).status, 403);
  });
});

describe('the rejection notice', () => {
  test('is issued and stored at the rejection, with the authority as it then is', async () => {
    clock.set('2026-12-03T10:00:00Z');
    const callId = await f.call(scene.programmeId, { title: 'Aufruf Ablehnung' });
    const id = await f.application(
      { callId, organisationId: scene.otherOrganisationId },
      { submit: true, content: { title: 'Zu spät', plan: plan({ year: 2027, grant: 4_000_000, own: 500_000 }) } },
    );
    await decideAs(id, { outcome: 'rejected', reasons: 'Das Vorhaben erreicht die Zielgruppe nicht.' });
    const [d] = await t.db.select().from(decisions).where(eq(decisions.applicationId, id));
    assert.ok(d?.documentFileId, 'stored with the decision');
    const ben = await signedIn(t, people.foreignCarrier);
    const page = await ben.get(`/de/applications/${id}`);
    assert.ok(page.html.querySelector(`a[href="/de/applications/${id}/rejection.pdf"]`), 'linked on the page');
    const res = await getRaw(t, ben, `/de/applications/${id}/rejection.pdf`);
    assert.equal(res.statusCode, 200);
    const [file] = await t.db.select().from(files).where(eq(files.id, d.documentFileId));
    assert.ok(res.rawPayload.equals(file!.content));
    assert.equal(file!.sha256, sha256Of(res.rawPayload));
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    for (const part of [
      'Ablehnungsbescheid',
      'Landesamt für Teilhabe',
      'Referat 7',
      'Herr Muster',
      `Aktenzeichen ${await caseNumberOf(id)}`,
      'Träger B e. V.',
      'Datum 3. Dezember 2026',
      'Ihr Antrag wird abgelehnt.',
      'Das Vorhaben erreicht die Zielgruppe nicht.',
      'Richtlinie zur Förderung der Teilhabe vor Ort',
      'Rechtsbehelfsbelehrung',
      'innerhalb eines Monats nach Bekanntgabe Widerspruch',
      'Landesamt für Teilhabe, Amtsweg 2, 12345 Amtsstadt',
      'Im Auftrag',
      'olga',
      'Seite 1 von',
    ])
      assert.ok(text.includes(part), `the notice says "${part}"\n${text}`);
    assert.doesNotMatch(text, /Brückenstraße|undefined/, 'carrier B holds no address: its name only');
    assert.equal((await getRaw(t, ben, `/de/applications/${id}/decision.pdf`)).statusCode, 404);
    const anna = await signedIn(t, people.carrier);
    assert.equal((await getRaw(t, anna, `/de/applications/${id}/rejection.pdf`)).statusCode, 404);
    // the draft of a rejection can be previewed by the officer, marked as a draft
    const drafted = await f.application(
      { callId, organisationId: scene.organisationId },
      { submit: true, content: { title: 'Entwurf', plan: plan({ year: 2027, grant: 4_000_000, own: 500_000 }) } },
    );
    const olga = await signedIn(t, people.officer);
    await olga.get(`/de/funding/applications/${drafted}`);
    const saved = await olga.post(`/de/funding/applications/${drafted}/decision`, {
      outcome: 'rejected',
      reasons: 'Zu klein.',
    });
    assert.equal(saved.status, 303);
    const preview = await getRaw(t, olga, `/de/funding/applications/${drafted}/decision/preview.pdf`);
    assert.equal(preview.statusCode, 200);
    assert.match(String(preview.headers['content-disposition']), /ablehnungsbescheid-entwurf\.pdf/);
    assert.match(await pdfText(preview.rawPayload), /ENTWURF – Ablehnungsbescheid/);
    assert.equal((await getRaw(t, anna, `/de/applications/${drafted}/rejection.pdf`)).statusCode, 404, 'not issued');
  });
});
