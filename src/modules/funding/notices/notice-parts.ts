// The parts every notice of the funding module is made of, as a German federal notice has them:
// the letterhead with the issuing authority and the recipient's address, the information block
// (case number, unit, contact, date), the legal basis, the kind of funding, the legal remedy, the
// signature block, the footer with page numbers and the annex summarising the ANBest-P.
// The notices are German legal documents and are rendered in German only: their texts live here,
// in one place a jurist can read, not in the UI catalogs.
import { formatBerlinDate } from '../../../core/i18n/formats';
import type { PdfContent, PdfDocument } from '../../../core/pdf/pdf';
import type { FinancingType } from '../applications/financing-plan';
import { type Authority, addressLines } from './authority';

type Margin = [number, number, number, number];

/** "2. Dezember 2026", the date as a German notice writes it. */
export const noticeDate = (d: Date) => formatBerlinDate('de', d);

export interface Recipient {
  name: string;
  /** street, postcode and town; empty when the organisation holds no address */
  address: string[];
}

/** The recipient of a notice from the network module's organisation: name and address if it has one. */
export function recipientOf(
  org: { name: string; street?: string | null; postcode?: string | null; city?: string | null } | undefined,
): Recipient {
  if (!org) return { name: '', address: [] };
  const town = [org.postcode, org.city].filter((x) => x?.trim()).join(' ');
  return { name: org.name, address: [org.street ?? '', town].map((x) => x.trim()).filter(Boolean) };
}

/**
 * The head of the first page: the authority (name, unit, address) and the recipient on the left,
 * the information block on the right (case number, unit, contact person, phone, e-mail, date).
 */
export function letterhead(o: {
  authority: Authority;
  recipient: Recipient;
  caseNumber: string;
  date: Date;
  /** further lines of the information block, e.g. the reclaim's reference */
  extra?: [string, string][];
}): PdfContent[] {
  const a = o.authority;
  const info: [string, string][] = [
    ['Aktenzeichen', o.caseNumber],
    ...(o.extra ?? []),
    ['Bearbeitende Stelle', a.unit],
    ['Ansprechperson', a.contact],
    ['Telefon', a.phone],
    ['E-Mail', a.email],
    ['Datum', noticeDate(o.date)],
  ];
  return [
    { text: a.name, bold: true, fontSize: 12 },
    { text: [a.unit, ...addressLines(a.address)].join(' · '), style: 'small', margin: [0, 2, 0, 18] as Margin },
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: `${a.name} · ${addressLines(a.address).join(' · ')}`, fontSize: 7, color: '#444444' },
            { text: o.recipient.name, margin: [0, 6, 0, 0] as Margin },
            ...o.recipient.address.map((line) => ({ text: line })),
          ],
        },
        {
          width: 240,
          table: {
            widths: [66, '*'],
            body: info.map(([k, v]) => [
              { text: k, style: 'small' },
              { text: v || '–', fontSize: 8.5 },
            ]),
          },
          layout: 'noBorders',
        },
      ],
      columnGap: 12,
      margin: [0, 0, 0, 18] as Margin,
    },
  ];
}

/** The footer of every page: the case number and "Seite n von m". */
export function noticeFooter(caseNumber: string): NonNullable<PdfDocument['footer']> {
  return (page: number, pages: number) => ({
    columns: [
      { text: `Az. ${caseNumber}`, style: 'small' },
      { text: `Seite ${page} von ${pages}`, style: 'small', alignment: 'right' },
    ],
    margin: [56, 16, 56, 0],
  });
}

export const defaultBudgetLaw = '§§ 23, 44 Bundeshaushaltsordnung (BHO)';

/** The legal basis: the programme's guideline (if named) and its budget law with the administrative regulations. */
export function legalBasisText(programme: { guideline: string; budgetLaw: string; title: string }): string {
  const law = programme.budgetLaw.trim() || defaultBudgetLaw;
  const guideline = programme.guideline.trim();
  return `Rechtsgrundlage: ${guideline ? `${guideline} in Verbindung mit ` : ''}${law} und den dazu erlassenen Verwaltungsvorschriften sowie §§ 48 bis 49a Verwaltungsverfahrensgesetz (VwVfG). Auf die Zuwendung besteht kein Rechtsanspruch; die Bewilligungsbehörde entscheidet nach pflichtgemäßem Ermessen im Rahmen der verfügbaren Haushaltsmittel.`;
}

const financingWords: Record<FinancingType, string> = {
  deficit: 'Fehlbedarfsfinanzierung',
  share: 'Anteilfinanzierung',
  fixed: 'Festbetragsfinanzierung',
  full: 'Vollfinanzierung',
};

/** The kind of funding by financing type, as the notice states it. */
export function fundingKindText(financingType: string, maxShareBp?: number): string {
  const words = financingWords[financingType as FinancingType] ?? financingWords.deficit;
  const share =
    financingType === 'share' && maxShareBp
      ? ` in Höhe von bis zu ${(maxShareBp / 100).toLocaleString('de-DE')} % der zuwendungsfähigen Ausgaben`
      : '';
  return `Projektförderung als nicht rückzahlbarer Zuschuss im Wege der ${words}${share}`;
}

/** The default legal remedy: objection within a month of notification, in writing or for the record. */
export function defaultLegalRemedy(authority: Authority): string {
  return `Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift einzulegen bei: ${authority.name}, ${addressLines(authority.address).join(', ')}.`;
}

/** The programme's legal remedy, `{authority}` and `{address}` filled in, or the default. */
export function legalRemedyText(programme: { legalRemedy: string }, authority: Authority): string {
  const own = programme.legalRemedy.trim();
  if (!own) return defaultLegalRemedy(authority);
  return own
    .replaceAll('{authority}', authority.name)
    .replaceAll('{address}', addressLines(authority.address).join(', '));
}

export function remedyBlock(programme: { legalRemedy: string }, authority: Authority): PdfContent[] {
  return [{ text: 'Rechtsbehelfsbelehrung', style: 'heading' }, { text: legalRemedyText(programme, authority) }];
}

/** The signature block: "Im Auftrag", a line to sign on and the officer's name under it. */
export function signatureBlock(officerName: string): PdfContent[] {
  // kept on one page: a signature line alone at the top of a page signs nothing
  return [
    {
      unbreakable: true,
      stack: [
        { text: 'Mit freundlichen Grüßen', margin: [0, 18, 0, 0] as Margin },
        { text: 'Im Auftrag', margin: [0, 6, 0, 28] as Margin },
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 180, y2: 0, lineWidth: 0.5 }] },
        { text: officerName || '–', margin: [0, 3, 0, 0] as Margin },
      ],
    },
  ];
}

/** The sentence that makes the ANBest-P part of the decision. */
export const anbestPart =
  'Die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P) sind Bestandteil dieses Bescheides. Eine Zusammenfassung ist als Anlage beigefügt.';

/** The ANBest-P in short, numbered as they are (1–9): the demo's summary, not their wording. */
export const anbestSummary: [string, string][] = [
  [
    'Anforderung und Verwendung der Zuwendung',
    'Die Zuwendung ist wirtschaftlich und sparsam und nur für den bewilligten Zweck zu verwenden. Mittel dürfen nur angefordert werden, soweit sie innerhalb von sechs Wochen nach der Auszahlung für fällige Zahlungen benötigt werden; eigene und fremde Mittel sind vorrangig oder anteilig einzusetzen.',
  ],
  [
    'Nachträgliche Ermäßigung der Ausgaben oder Änderung der Finanzierung',
    'Verringern sich die zuwendungsfähigen Ausgaben, treten neue Deckungsmittel hinzu oder erhöhen sich die Eigenmittel, ermäßigt sich die Zuwendung je nach Finanzierungsart entsprechend.',
  ],
  [
    'Vergabe von Aufträgen',
    'Aufträge sind nach den vergaberechtlichen Bestimmungen zu vergeben, die für den Zuwendungsempfänger gelten, in der Regel nach Vergleich mehrerer Angebote; die Vergabe ist nachvollziehbar zu dokumentieren.',
  ],
  [
    'Zur Erfüllung des Zuwendungszwecks beschaffte Gegenstände',
    'Gegenstände, die für den Zweck beschafft werden, sind für diesen Zweck zu verwenden, sorgfältig zu behandeln und während der Bindungsfrist nicht anderweitig zu veräußern; Gegenstände über 800 Euro sind zu inventarisieren.',
  ],
  [
    'Mitteilungspflichten des Zuwendungsempfängers',
    'Unverzüglich mitzuteilen ist insbesondere, wenn weitere Mittel für denselben Zweck beantragt oder bewilligt werden, sich der Zweck oder maßgebliche Umstände ändern, sich der Zweck nicht erreichen lässt oder ausgezahlte Mittel nicht binnen sechs Wochen verbraucht werden können.',
  ],
  [
    'Nachweis der Verwendung',
    'Die Verwendung ist binnen sechs Monaten nach Erfüllung des Zwecks, spätestens nach Ablauf des Bewilligungszeitraums, mit einem Sachbericht und einem zahlenmäßigen Nachweis nachzuweisen; bei mehrjährigen Vorhaben ist für jedes Haushaltsjahr ein Zwischennachweis vorzulegen. Belege sind fünf Jahre aufzubewahren.',
  ],
  [
    'Prüfung der Verwendung',
    'Die Bewilligungsbehörde und der Bundesrechnungshof dürfen Bücher, Belege und sonstige Unterlagen anfordern und die Verwendung durch örtliche Erhebungen prüfen; der Zuwendungsempfänger hält die Unterlagen bereit und erteilt die nötigen Auskünfte.',
  ],
  [
    'Erstattung der Zuwendung',
    'Die Zuwendung ist zu erstatten, soweit der Bescheid nach Verwaltungsverfahrensrecht (§§ 48 bis 49a VwVfG) oder anderen Vorschriften mit Wirkung für die Vergangenheit zurückgenommen, widerrufen oder sonst unwirksam wird, etwa wenn sie nicht für den Zweck verwendet oder eine Auflage nicht erfüllt wird.',
  ],
  [
    'Verzinsung',
    'Der Erstattungsanspruch ist nach § 49a Abs. 3 VwVfG mit fünf Prozentpunkten über dem Basiszinssatz jährlich zu verzinsen. Zinsen können auch verlangt werden, wenn ausgezahlte Mittel nicht alsbald nach der Auszahlung für fällige Zahlungen verwendet werden.',
  ],
];

/** The annex page: the ANBest-P summarised, numbered 1–9, marked as the demo's summary. */
export function anbestAnnex(): PdfContent[] {
  return [
    {
      text: 'Anlage: Allgemeine Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P)',
      style: 'heading',
      pageBreak: 'before',
    },
    {
      text: 'Zusammenfassung für die Demo. Maßgeblich ist allein der amtliche Wortlaut der ANBest-P (Anlage 2 zu VV Nr. 5.1 zu § 44 BHO).',
      style: 'small',
      margin: [0, 0, 0, 8] as Margin,
    },
    ...anbestSummary.map(([title, body], i) => ({
      text: [{ text: `${i + 1}. ${title}\n`, bold: true }, body],
      fontSize: 9,
      margin: [0, 0, 0, 5] as Margin,
    })),
  ];
}
