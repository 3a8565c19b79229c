// The grant decision (Zuwendungsbescheid) and the amended decision (Änderungsbescheid) as PDF, laid
// out as a German federal notice: letterhead with the issuing authority and the recipient, the
// information block with the case number, the decision (purpose, kind of funding, maximum amount,
// period, binding plan), ancillary provisions with the ANBest-P declared part of it, reasons where
// the decision differs from the request, legal basis, legal remedy, signature and an annex with the
// ANBest-P summarised. German, as the legal document is. The parts shared by all notices are in
// ../notices/notice-parts.ts.
import { formatDate } from '../../../core/i18n/formats';
import type { Translate } from '../../../core/i18n/i18n';
import { formatEuro } from '../../../core/money/money';
import { PDF_TABLE_LAYOUT, type PdfContent, type PdfDocument, renderPdf } from '../../../core/pdf/pdf';
import { budgetYears, expenseLines, type FinancingPlan, totals } from '../applications/financing-plan';
import type { NoticeContext } from '../notices/notice-context';
import {
  anbestAnnex,
  anbestPart,
  fundingKindText,
  legalBasisText,
  letterhead,
  noticeDate,
  noticeFooter,
  remedyBlock,
  signatureBlock,
} from '../notices/notice-parts';
import type { Programme } from '../types';
import type { Decision, Grant } from './decisions.store';

type Margin = [number, number, number, number];

/**
 * An amended decision (Änderungsbescheid) names the decision it amends by date and case number and
 * states only what changes: the change, the period if it moves, the plan if it changes.
 */
export interface Amendment {
  decidedAt: Date;
  summary: string;
  note: string;
  version: { version: number; plan: Grant['plan']; endDate: string };
  /** the plan and end date before the change */
  previous: { plan: Grant['plan']; endDate: string };
}

/**
 * The binding plan by line and budget year. Every column is a share of the width between the
 * margins, so the table never runs past them; with more than three years the type is smaller.
 */
export function planTable(
  t: Translate,
  plan: Grant['plan'],
  start: string,
  end: string,
  grantLabel: string,
): PdfContent {
  // amounts without the currency sign (the caption says "in Euro"), so the columns stay narrow
  const euro = (c: number) => amountFormat.format(c / 100);
  const years = budgetYears(start, end);
  const sums = totals(plan as FinancingPlan);
  const year = (y: number) => sums.years.find((s) => s.year === y);
  const fontSize = years.length > 5 ? 6.5 : years.length > 3 ? 8 : 9;
  const head = (text: string, right = true) => ({
    text,
    style: 'tableHeader',
    alignment: right ? ('right' as const) : ('left' as const),
  });
  const row = (label: string, cells: string[], bold = false) => [
    { text: label, bold },
    ...cells.map((c) => ({ text: c, alignment: 'right' as const, bold })),
  ];
  const body = [
    [head(t('funding:plan.line'), false), ...years.map((y) => head(String(y))), head('Gesamt')],
    ...expenseLines
      .filter((l) => sums.overall.expensesByLine[l] > 0)
      .map((l) =>
        row(t(`funding:line.${l}`), [
          ...years.map((y) => euro(year(y)?.expensesByLine[l] ?? 0)),
          euro(sums.overall.expensesByLine[l]),
        ]),
      ),
    row(
      t('funding:plan.totalExpenses'),
      [...years.map((y) => euro(year(y)?.expenses ?? 0)), euro(sums.overall.expenses)],
      true,
    ),
    row(t('funding:plan.ownFunds'), [...years.map((y) => euro(year(y)?.own ?? 0)), euro(sums.overall.own)]),
    row(t('funding:plan.thirdParty'), [
      ...years.map((y) => euro(year(y)?.thirdParty ?? 0)),
      euro(sums.overall.thirdParty),
    ]),
    row(grantLabel, [...years.map((y) => euro(year(y)?.grant ?? 0)), euro(sums.overall.grant)], true),
  ];
  return {
    stack: [
      { text: 'Beträge in Euro', style: 'small', alignment: 'right' },
      {
        table: { headerRows: 1, dontBreakRows: true, widths: ['*', ...years.map(() => '*'), '*'], body },
        layout: PDF_TABLE_LAYOUT,
      },
    ],
    fontSize,
    margin: [0, 4, 0, 8] as Margin,
  };
}

const amountFormat = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function grantDecisionPdf(
  t: Translate,
  input: {
    grant: Grant;
    decision: Decision;
    programme: Programme;
    notice: NoticeContext;
    /** what the project is for, from the application: its title and summary */
    purpose: string;
    /** when the application was submitted, for "Ihr Antrag vom …" */
    appliedAt?: Date;
    amendment?: Amendment;
    /** the grant requested in total; when more than approved, the notice says so and gives the reasons */
    requestedTotalCents?: number;
    /** a preview of a draft: marked on every page as not yet issued */
    draft?: boolean;
  },
): Promise<Buffer> {
  const { decision, programme, amendment, notice } = input;
  const grant = amendment
    ? { ...input.grant, plan: amendment.version.plan, endDate: amendment.version.endDate }
    : input.grant;
  const euro = (c: number) => formatEuro(c, 'de');
  const day = (d: string) => formatDate('de', d);
  const issuedAt = amendment?.decidedAt ?? decision.decidedAt;
  const issuedTitle = amendment ? t('funding:grantPdf.amendedTitle') : t('funding:grantPdf.title');
  const title = input.draft ? `${t('funding:grantPdf.draftMark')} – ${issuedTitle}` : issuedTitle;
  const cut =
    !amendment && input.requestedTotalCents !== undefined && input.requestedTotalCents > grant.approvedTotalCents;
  const sums = totals(grant.plan as FinancingPlan);
  const perYear = sums.years
    .filter((y) => y.grant > 0)
    .map((y) => `${y.year}: ${euro(y.grant)}`)
    .join('; ');
  // one budget year at a time: the decided years are granted, the later ones stated as intended
  const intended = grant.decidedYears
    ? sums.years.filter((y) => y.grant > 0 && !grant.decidedYears?.includes(y.year))
    : [];
  const yearly =
    !amendment && grant.decidedYears && intended.length > 0
      ? {
          decided: sums.years.filter((y) => y.grant > 0 && grant.decidedYears?.includes(y.year)),
          intended,
        }
      : undefined;
  function yearlyAmountPart(y: NonNullable<typeof yearly>): PdfContent[] {
    const list = (ys: { year: number; grant: number }[]) => ys.map((x) => `${x.year}: ${euro(x.grant)}`).join('; ');
    const decidedTotal = y.decided.reduce((s, x) => s + x.grant, 0);
    return [
      p(
        `${notice.recipient.name} wird für das Haushaltsjahr ${y.decided.map((x) => x.year).join(', ')} eine Zuwendung in Höhe von bis zu ${euro(decidedTotal)} (Höchstbetrag) bewilligt.`,
      ),
      p(
        `Für die folgenden Haushaltsjahre wird eine Zuwendung in Höhe von ${list(y.intended)} in Aussicht gestellt, vorbehaltlich der Bereitstellung der Haushaltsmittel und eines Fortsetzungsantrags. Über jedes dieser Haushaltsjahre ergeht ein eigener Bescheid; ein Rechtsanspruch auf die Förderung in diesen Jahren entsteht durch diesen Bescheid nicht.`,
      ),
      p(
        `Der Finanzierungsplan ist für die gesamte Laufzeit verbindlich; die Beträge der in Aussicht gestellten Jahre gelten als Höchstbeträge des Fortsetzungsantrags (insgesamt bis zu ${euro(grant.approvedTotalCents)}).`,
      ),
    ];
  }
  const numbered = (n: string, head: string, body: PdfContent[]): PdfContent[] => [
    { text: `${n} ${head}`, bold: true, margin: [0, 8, 0, 2] as Margin },
    ...body,
  ];
  const p = (text: string): PdfContent => ({ text, margin: [0, 0, 0, 4] as Margin });

  const decisionPart: PdfContent[] = amendment
    ? amendedPart()
    : [
        p(`auf Ihren Antrag${input.appliedAt ? ` vom ${noticeDate(input.appliedAt)}` : ''} ergeht folgender Bescheid:`),
        { text: 'I. Bewilligung', style: 'heading' },
        ...numbered('1.', 'Zuwendungszweck', [
          p(`Die Zuwendung wird für das Vorhaben „${grant.title}“ im Programm „${programme.title}“ bewilligt.`),
          ...(input.purpose ? [p(input.purpose)] : []),
        ]),
        ...numbered('2.', 'Art und Umfang der Zuwendung', [
          p(`${fundingKindText(programme.financingType, programme.maxShareBp)}.`),
        ]),
        ...numbered(
          '3.',
          'Höhe der Zuwendung',
          yearly
            ? yearlyAmountPart(yearly)
            : [
                p(
                  `${notice.recipient.name} wird eine Zuwendung in Höhe von bis zu ${euro(grant.approvedTotalCents)} (Höchstbetrag) bewilligt${perYear ? `, davon ${perYear}` : ''}.`,
                ),
              ],
        ),
        ...numbered('4.', 'Bewilligungszeitraum', [
          p(`Der Bewilligungszeitraum läuft vom ${day(grant.startDate)} bis ${day(grant.endDate)}.`),
        ]),
        ...numbered('5.', 'Verbindlicher Finanzierungsplan', [
          p(t('funding:grantPdf.financing', { type: t(`funding:financingType.${programme.financingType}`) })),
          planTable(t, grant.plan, grant.startDate, grant.endDate, t('funding:grantPdf.grant')),
        ]),
        { text: 'II. Nebenbestimmungen', style: 'heading' },
        ...numbered('1.', 'Besondere Nebenbestimmungen', [
          p(decision.conditions || t('funding:grantPdf.noConditions')),
        ]),
        ...numbered('2.', 'Allgemeine Nebenbestimmungen', [
          p(anbestPart),
          {
            ul: [
              t('funding:grantPdf.rule1'),
              t('funding:grantPdf.rule2'),
              t('funding:grantPdf.rule3'),
              t('funding:grantPdf.rule4'),
            ],
            margin: [0, 0, 0, 4] as Margin,
          },
        ]),
        ...(cut || decision.reasons
          ? [
              { text: `III. ${t('funding:grantPdf.reasonsTitle')}`, style: 'heading' },
              ...(cut
                ? [
                    p(
                      t('funding:grantPdf.cut', {
                        requested: euro(input.requestedTotalCents ?? 0),
                        approved: euro(grant.approvedTotalCents),
                      }),
                    ),
                  ]
                : []),
              ...(decision.reasons ? [p(decision.reasons)] : []),
            ]
          : []),
        { text: `${cut || decision.reasons ? 'IV.' : 'III.'} Rechtsgrundlage`, style: 'heading' },
        p(legalBasisText(programme)),
      ];

  function amendedPart(): PdfContent[] {
    if (!amendment) return [];
    const moved = amendment.previous.endDate !== amendment.version.endDate;
    const planChanged = JSON.stringify(amendment.previous.plan) !== JSON.stringify(amendment.version.plan);
    let n = 0;
    const next = () => `${++n}.`;
    return [
      p(
        `der Zuwendungsbescheid vom ${noticeDate(decision.decidedAt)}, Aktenzeichen ${notice.caseNumber}, für das Vorhaben „${grant.title}“ wird wie folgt geändert:`,
      ),
      { text: 'I. Änderungen', style: 'heading' },
      ...numbered(next(), 'Gegenstand der Änderung', [
        p(`${amendment.summary}. Der Finanzierungsplan gilt in Fassung ${amendment.version.version}.`),
        ...(amendment.note ? [p(amendment.note)] : []),
      ]),
      ...(moved
        ? numbered(next(), 'Bewilligungszeitraum', [
            p(
              `Der Bewilligungszeitraum endet statt am ${day(amendment.previous.endDate)} nun am ${day(amendment.version.endDate)}; er läuft vom ${day(grant.startDate)} bis ${day(grant.endDate)}.`,
            ),
          ])
        : []),
      ...(planChanged
        ? numbered(next(), 'Verbindlicher Finanzierungsplan in der geänderten Fassung', [
            planTable(t, grant.plan, grant.startDate, grant.endDate, t('funding:grantPdf.grant')),
          ])
        : []),
      { text: 'II. Im Übrigen', style: 'heading' },
      p(
        `Alle übrigen Bestimmungen des Zuwendungsbescheides vom ${noticeDate(decision.decidedAt)} einschließlich seiner Nebenbestimmungen und der ANBest-P bleiben unverändert. Der Höchstbetrag der Zuwendung bleibt ${euro(input.grant.approvedTotalCents)}.`,
      ),
      { text: 'III. Rechtsgrundlage', style: 'heading' },
      p(legalBasisText(programme)),
    ];
  }

  const doc: PdfDocument = {
    info: { title: `${title} – ${grant.title}`, subject: `Az. ${notice.caseNumber}`, author: notice.authority.name },
    footer: noticeFooter(notice.caseNumber),
    ...(input.draft ? { watermark: { text: t('funding:grantPdf.draftMark'), opacity: 0.08, bold: true } } : {}),
    content: [
      ...(input.draft ? [{ text: t('funding:grantPdf.draftNote'), style: 'heading' }] : []),
      ...letterhead({
        authority: notice.authority,
        recipient: notice.recipient,
        caseNumber: notice.caseNumber,
        date: issuedAt,
      }),
      { text: title, style: 'title', margin: [0, 0, 0, 2] as Margin },
      {
        text: amendment
          ? `zum Zuwendungsbescheid vom ${noticeDate(decision.decidedAt)}, Az. ${notice.caseNumber} – Projektförderung: ${programme.title} – ${grant.title}`
          : `Projektförderung: ${programme.title} – ${grant.title}`,
        bold: true,
        margin: [0, 0, 0, 12] as Margin,
      },
      p('Sehr geehrte Damen und Herren,'),
      ...decisionPart,
      ...remedyBlock(programme, notice.authority),
      ...signatureBlock(notice.officerName),
      ...(amendment
        ? []
        : [
            { text: 'Anlage: Zusammenfassung der ANBest-P', style: 'small', margin: [0, 12, 0, 0] as Margin },
            ...anbestAnnex(),
          ]),
    ],
  };
  return renderPdf(doc, { createdAt: issuedAt });
}
