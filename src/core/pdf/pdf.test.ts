import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { dataTable, PDF_FONT_FILES, type PdfDocument, renderPdf } from './pdf';
import { woffToSfnt } from './woff';

const eur = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

const sample = (): PdfDocument => ({
  info: { title: 'Zuwendungsbescheid', author: 'Landesamt für Integration', subject: 'Förderung 2025' },
  content: [
    { text: 'Zuwendungsbescheid – Förderung für Träger', style: 'title' },
    { text: 'Empfänger: Verein Brücke e. V., Hauptstraße 5, 10115 Berlin' },
    { text: 'Kosten', style: 'heading' },
    dataTable(
      [{ header: 'Position' }, { header: 'Zeitraum', width: 'auto' }, { header: 'Betrag', width: 80, align: 'right' }],
      [
        ['Personalkosten Beratung', '2025', eur.format(24500)],
        ['Miete Begegnungsstätte', '2025', eur.format(6000)],
        ['Sachkosten Sprachcafé', '2025', eur.format(1234.56)],
      ],
    ),
    { text: [{ text: 'Zuwendung insgesamt: ', bold: true }, eur.format(31734.56)], margin: [0, 8, 0, 0] },
    { text: 'Dieser Bescheid wurde maschinell erstellt (Straße, Größe, Maß).', style: 'small', italics: true },
  ],
});

const createdAt = new Date('2025-03-01T09:30:00Z');

async function extract(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: VerbosityLevel.ERRORS }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
  }
  const { info } = await doc.getMetadata();
  const pages = doc.numPages;
  await doc.destroy();
  return { text: text.replace(/\u00a0/g, ' '), info: info as Record<string, unknown>, pages };
}

const expected = [
  'Zuwendungsbescheid – Förderung für Träger',
  'Hauptstraße 5',
  'Personalkosten Beratung',
  'Miete Begegnungsstätte',
  'Sachkosten Sprachcafé',
  '24.500,00 €',
  '6.000,00 €',
  '1.234,56 €',
  '31.734,56 €',
  'Straße, Größe, Maß',
];

test('renders a German document whose text, table cells and metadata can be read back', async (t) => {
  const started = performance.now();
  const pdf = await renderPdf(sample(), { createdAt });
  t.diagnostic(`first render ${Math.round(performance.now() - started)} ms, ${pdf.length} bytes`);

  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.length > 5_000 && pdf.length < 200_000, `size ${pdf.length}`);

  const { text, info, pages } = await extract(pdf);
  assert.equal(pages, 1);
  for (const s of expected) assert.ok(text.includes(s), `missing "${s}" in:\n${text}`);
  assert.equal(info.Title, 'Zuwendungsbescheid');
  assert.equal(info.Author, 'Landesamt für Integration');
  assert.equal(info.Subject, 'Förderung 2025');
  assert.equal(info.Creator, 'Modellprojekte');
  assert.equal(info.Language, 'de');
  assert.equal(info.CreationDate, 'D:20250301093000Z');
});

test('poppler pdftotext reads the same text', async (t) => {
  const pdftotext = '/usr/bin/pdftotext';
  if (!existsSync(pdftotext)) {
    t.skip('pdftotext (poppler-utils) is not installed');
    return;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'mp-pdf-')), 'bescheid.pdf');
  writeFileSync(file, await renderPdf(sample(), { createdAt }));
  const text = execFileSync(pdftotext, ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' }).replace(
    /\u00a0/g,
    ' ',
  );
  for (const s of expected) assert.ok(text.includes(s), `missing "${s}" in:\n${text}`);
});

test('a fixed creation date gives identical bytes, and the document definition is left unchanged', async (t) => {
  const doc = sample();
  const before = JSON.stringify(doc);
  const started = performance.now();
  const a = await renderPdf(doc, { createdAt });
  t.diagnostic(`warm render ${Math.round(performance.now() - started)} ms`);
  const b = await renderPdf(doc, { createdAt });
  assert.equal(JSON.stringify(doc), before);
  assert.ok(a.equals(b), 'same bytes');
  const c = await renderPdf(doc, { createdAt: new Date('2025-03-02T09:30:00Z') });
  assert.ok(!a.equals(c));
});

test('the document may override defaults and styles', async () => {
  const pdf = await renderPdf({
    pageOrientation: 'landscape',
    info: { title: 'Liste', creator: 'Beirat' },
    styles: { title: { fontSize: 30 } },
    content: [{ text: 'Übersicht', style: 'title' }],
  });
  const { text, info } = await extract(pdf);
  assert.ok(text.includes('Übersicht'));
  assert.equal(info.Creator, 'Beirat');
});

test('remote and local resources outside the font folder are refused', async () => {
  await assert.rejects(
    renderPdf({ content: [{ image: 'logo' }], images: { logo: 'http://127.0.0.1:9/logo.png' } }),
    /access policy/,
  );
  await assert.rejects(renderPdf({ content: [{ image: '/etc/passwd' }] }), /access policy/);
});

test('WOFF fonts unpack to TrueType whose tables match their checksums', () => {
  const woff = readFileSync(PDF_FONT_FILES.normal);
  const ttf = woffToSfnt(woff);
  assert.equal(ttf.readUInt32BE(0), 0x00010000);
  const numTables = ttf.readUInt16BE(4);
  assert.equal(numTables, woff.readUInt16BE(12));
  const tags: string[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = ttf.toString('latin1', at, at + 4);
    const [offset, length] = [ttf.readUInt32BE(at + 8), ttf.readUInt32BE(at + 12)];
    assert.equal(offset % 4, 0);
    tags.push(tag);
    if (tag === 'head') continue; // its checksum is taken with checkSumAdjustment zeroed
    let sum = 0;
    for (let p = offset; p < offset + length; p += 4) {
      const word = Buffer.alloc(4);
      ttf.copy(word, 0, p, Math.min(p + 4, offset + length));
      sum = (sum + word.readUInt32BE(0)) >>> 0;
    }
    assert.equal(sum, ttf.readUInt32BE(at + 4), `checksum of ${tag}`);
  }
  for (const tag of ['cmap', 'glyf', 'head', 'hmtx', 'loca', 'name']) assert.ok(tags.includes(tag), tag);
  assert.deepEqual(tags, [...tags].sort());
  assert.throws(() => woffToSfnt(ttf), /not a WOFF/);
});
