import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorityIssues, authorityOrDefault, exampleAuthority } from './authority';
import {
  anbestSummary,
  defaultBudgetLaw,
  fundingKindText,
  legalBasisText,
  legalRemedyText,
  noticeDate,
  recipientOf,
  signatureBlock,
} from './notice-parts';

test('the kind of funding by financing type', () => {
  const kind = (type: string) => fundingKindText(type);
  assert.equal(
    kind('deficit'),
    'Projektförderung als nicht rückzahlbarer Zuschuss im Wege der Fehlbedarfsfinanzierung',
  );
  assert.equal(kind('fixed'), 'Projektförderung als nicht rückzahlbarer Zuschuss im Wege der Festbetragsfinanzierung');
  assert.equal(kind('full'), 'Projektförderung als nicht rückzahlbarer Zuschuss im Wege der Vollfinanzierung');
  assert.equal(
    fundingKindText('share', 7550),
    'Projektförderung als nicht rückzahlbarer Zuschuss im Wege der Anteilfinanzierung in Höhe von bis zu 75,5 % der zuwendungsfähigen Ausgaben',
  );
});

test('the legal basis: guideline and budget law, the BHO by default, a state’s LHO when given', () => {
  const federal = legalBasisText({ title: 'P', guideline: '', budgetLaw: '' });
  assert.ok(federal.startsWith(`Rechtsgrundlage: ${defaultBudgetLaw} und`));
  const state = legalBasisText({
    title: 'P',
    guideline: 'Förderrichtlinie Integration NRW',
    budgetLaw: '§§ 23, 44 Landeshaushaltsordnung NRW (LHO)',
  });
  assert.match(
    state,
    /^Rechtsgrundlage: Förderrichtlinie Integration NRW in Verbindung mit §§ 23, 44 Landeshaushaltsordnung NRW \(LHO\)/,
  );
});

test('the legal remedy: objection within a month, in writing or for the record, at the authority named', () => {
  const a = exampleAuthority;
  const remedy = legalRemedyText({ legalRemedy: '' }, a);
  assert.match(remedy, /innerhalb eines Monats nach Bekanntgabe Widerspruch/);
  assert.match(
    remedy,
    /schriftlich oder zur Niederschrift einzulegen bei: Bundesamt für Integration und Teilhabe \(Demo\), Musterallee 12, 53113 Bonn\./,
  );
  assert.equal(
    legalRemedyText({ legalRemedy: 'Klage beim Verwaltungsgericht; Anschrift von {authority}: {address}.' }, a),
    'Klage beim Verwaltungsgericht; Anschrift von Bundesamt für Integration und Teilhabe (Demo): Musterallee 12, 53113 Bonn.',
  );
});

test('the recipient: name and address, the name only when the organisation holds no address', () => {
  assert.deepEqual(recipientOf({ name: 'Verein', street: 'Hauptstraße 5', postcode: '10115', city: 'Berlin' }), {
    name: 'Verein',
    address: ['Hauptstraße 5', '10115 Berlin'],
  });
  assert.deepEqual(recipientOf({ name: 'Verein', street: '', postcode: '', city: '' }), {
    name: 'Verein',
    address: [],
  });
  assert.deepEqual(recipientOf(undefined), { name: '', address: [] });
});

test('German dates, the ANBest-P numbered 1 to 9, the authority’s default and checks', () => {
  assert.equal(noticeDate(new Date('2026-12-02T10:00:00Z')), '2. Dezember 2026');
  assert.equal(noticeDate(new Date('2026-12-31T23:30:00Z')), '1. Januar 2027', 'the Berlin day');
  assert.equal(anbestSummary.length, 9);
  assert.equal(authorityOrDefault(undefined).isDefault, true);
  assert.equal(authorityOrDefault({ ...exampleAuthority, name: 'X' }).name, 'X');
  assert.deepEqual(authorityIssues({ email: 'a@b.de', phone: '+49 30 1234-5' }), []);
  assert.deepEqual(
    authorityIssues({ email: 'a@b', phone: 'abc' }).map((i) => i.field),
    ['email', 'phone'],
  );
});

test('the signature block never breaks across pages: the closing, the line and the name stay together', async () => {
  const { renderPdf } = await import('../../../core/pdf/pdf');
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // filler of every length around a page's end, so one of them would have split an unbroken block
  for (let lines = 38; lines <= 50; lines++) {
    const bytes = await renderPdf({
      content: [
        ...Array.from({ length: lines }, (_, i) => ({ text: `Absatz ${i + 1} des Bescheids.` })),
        ...signatureBlock('Jonas Albrecht'),
      ],
    });
    const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
    const pageOf = async (needle: string) => {
      for (let i = 1; i <= doc.numPages; i++) {
        const text = (await (await doc.getPage(i)).getTextContent()).items
          .map((x) => ('str' in x ? x.str : ''))
          .join(' ');
        if (text.includes(needle)) return i;
      }
      return 0;
    };
    const closing = await pageOf('Mit freundlichen Grüßen');
    assert.ok(closing > 0);
    assert.equal(await pageOf('Jonas Albrecht'), closing, `${lines} lines: the name on the closing's page`);
  }
});
