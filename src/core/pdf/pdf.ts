// PDF rendering through pdfmake (pure JS, on pdfkit/fontkit), with the house fonts, metadata and styles.
// Fonts are local only: Noto Sans (SIL OFL 1.1) as WOFF from @kern-ux/native, unpacked once to TrueType in
// memory (./woff.ts) and handed to pdfmake through its in-memory file system. fontkit cannot subset the WOFF2
// files (so Fira Sans, shipped only as WOFF2, is not usable). The package has no Noto italics, so italics
// fall back to the upright cuts.
// Nothing is fetched: remote URLs and local files are refused, so images must be given as data URLs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type {
  Alignment,
  Content,
  Size,
  StyleDictionary,
  TableCell,
  TDocumentDefinitions,
  TFontDictionary,
} from 'pdfmake/interfaces';
import type { Lang } from '../i18n/i18n';
import { woffToSfnt } from './woff';

export type PdfDocument = TDocumentDefinitions;
export type PdfContent = Content;

export interface RenderPdfOptions {
  /** Fixed creation date; with it the same document renders to the same bytes. */
  createdAt?: Date;
}

const require = createRequire(import.meta.url);
// pdfmake is CommonJS exporting one configured instance; its methods are not visible to ESM named imports.
const pdfmake = require('pdfmake') as typeof import('pdfmake') & {
  /** pdfmake's in-memory file system, consulted before the disk for fonts and images (not in @types/pdfmake). */
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
};

export const PDF_FONT = 'NotoSans';
const FONT_DIR = join(dirname(require.resolve('@kern-ux/native/package.json')), 'dist', 'fonts', 'noto-sans');
/** The font files used, from @kern-ux/native (Noto Sans 2.003, SIL Open Font License 1.1). */
export const PDF_FONT_FILES = {
  normal: join(FONT_DIR, 'NotoSans-Regular.woff'),
  bold: join(FONT_DIR, 'NotoSans-Bold.woff'),
} as const;

/**
 * The language a PDF asked for in `lang` is written in: the house font (Noto Sans) has Latin and
 * Cyrillic letters but no Arabic script, so an Arabic reader gets the German document, the language
 * of the procedure, rather than empty boxes.
 */
export function pdfLanguage(lang: Lang): Lang {
  return lang === 'ar' ? 'de' : lang;
}

export const PDF_PAGE_MARGIN = 56;

export const PDF_STYLES: StyleDictionary = {
  title: { fontSize: 18, bold: true, margin: [0, 0, 0, 12] },
  heading: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
  small: { fontSize: 8, color: '#444444' },
  tableHeader: { bold: true, fillColor: '#eeeeee' },
};

let configured = false;
function configure(): void {
  if (configured) return;
  const normal = `${PDF_FONT}-Regular.ttf`;
  const bold = `${PDF_FONT}-Bold.ttf`;
  pdfmake.virtualfs.writeFileSync(normal, woffToSfnt(readFileSync(PDF_FONT_FILES.normal)));
  pdfmake.virtualfs.writeFileSync(bold, woffToSfnt(readFileSync(PDF_FONT_FILES.bold)));
  const fonts: TFontDictionary = { [PDF_FONT]: { normal, bold, italics: normal, bolditalics: bold } };
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
}

/** Copies plain objects and arrays (pdfmake annotates the nodes it lays out); keeps functions, buffers, dates. */
function copyTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyTree) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyTree(v)])) as T;
  }
  return value;
}

/**
 * Renders a pdfmake document definition with the house defaults: A4, 56pt margins, Noto Sans 10pt, the
 * styles `title`, `heading`, `small` and `tableHeader`, creator "Modellprojekte" and language `de`.
 * Anything the document sets itself wins. Set `info.title` (shown as the window title) for accessibility.
 */
export async function renderPdf(doc: PdfDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  configure();
  const def: PdfDocument = {
    pageSize: 'A4',
    pageMargins: PDF_PAGE_MARGIN,
    language: 'de',
    displayTitle: doc.info?.title !== undefined,
    ...copyTree(doc),
    info: {
      creator: 'Modellprojekte',
      ...doc.info,
      ...(options.createdAt ? { creationDate: options.createdAt } : {}),
    },
    defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1.2, ...doc.defaultStyle },
    styles: { ...PDF_STYLES, ...doc.styles },
  };
  return pdfmake.createPdf(def).getBuffer();
}

/**
 * The house table layout: a line under the header and thin lines between rows, no vertical lines,
 * and pdfmake's default cell padding on every side. pdfmake's own 'lightHorizontalLines' drops the
 * outer padding, and then its star columns add up to more than the width between the margins (a
 * six-column table ran 16pt past the right margin); with equal padding they fit exactly.
 */
export const PDF_TABLE_LAYOUT = {
  hLineWidth: (i: number, node: { table: { body: unknown[]; headerRows?: number } }) =>
    i === 0 || i === node.table.body.length ? 0 : i === node.table.headerRows ? 1 : 0.5,
  vLineWidth: () => 0,
  hLineColor: (i: number, node: { table: { headerRows?: number } }) =>
    i === node.table.headerRows ? '#000000' : '#aaaaaa',
};

export interface TableColumn {
  header: string;
  width?: Size;
  align?: Alignment;
}

/**
 * A plain data table: one bold header row (repeated on page breaks), cells as given, aligned per
 * column, never wider than the space between the margins when its widths are stars.
 */
export function dataTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): Content {
  const header: TableCell[] = columns.map((c) => ({ text: c.header, style: 'tableHeader', alignment: c.align }));
  const body: TableCell[][] = rows.map((row) =>
    columns.map((c, i) => ({ text: row[i] ?? '', alignment: c.align ?? 'left' })),
  );
  return {
    table: { headerRows: 1, widths: columns.map((c) => c.width ?? '*'), body: [header, ...body] },
    layout: PDF_TABLE_LAYOUT,
    margin: [0, 0, 0, 8],
  };
}
