// The notice on a continuation application as PDF: "Bescheid über die Fortsetzung der Förderung im
// Haushaltsjahr YYYY" (or, for a rejection, its refusal). It names the original grant decision by
// date and case number, grants the year's amount (a cut with its reasons), shows the year's binding
// plan, keeps the rest of the grant decision in force, and carries legal basis, legal remedy,
// signature and page numbers through the parts shared by all notices (../notices/notice-parts.ts).
// German, as the legal document is; rendered once when issued (continuations.store.ts).
import { formatDate } from '../../../core/i18n/formats';
import type { Translate } from '../../../core/i18n/i18n';
import { formatEuro } from '../../../core/money/money';
import { type PdfContent, type PdfDocument, renderPdf } from '../../../core/pdf/pdf';
import type { Grant } from '../decisions/decisions.store';
import { planTable } from '../decisions/grant-decision-pdf';
import type { NoticeContext } from '../notices/notice-context';
import {
  legalBasisText,
  letterhead,
  noticeDate,
  noticeFooter,
  remedyBlock,
  signatureBlock,
} from '../notices/notice-parts';
import type { Programme } from '../types';
import { intendedYears, yearPlan } from './continuation-rules';

type Margin = [number, number, number, number];

export const continuationNoticeTitle = (year: number, outcome: 'approved' | 'rejected') =>
  outcome === 'approved'
    ? `Bescheid über die Fortsetzung der Förderung im Haushaltsjahr ${year}`
    : `Ablehnung der Fortsetzung der Förderung im Haushaltsjahr ${year}`;

export function continuationNoticePdf(
  t: Translate,
  input: {
    /** the grant after the decision (its plan with the year as decided) */
    grant: Grant;
    programme: Programme;
    notice: NoticeContext;
    /** the day the grant decision was issued */
    decisionDate: Date;
    continuation: {
      year: number;
      submittedAt: Date;
      outcome: 'approved' | 'rejected';
      intendedCents: number;
      askedCents: number;
      approvedCents: number;
      reasons: string;
      decidedAt: Date;
    };
  },
): Promise<Buffer> {
  const { grant, programme, notice, continuation: c } = input;
  const euro = (cents: number) => formatEuro(cents, 'de');
  const title = continuationNoticeTitle(c.year, c.outcome);
  const p = (text: string): PdfContent => ({ text, margin: [0, 0, 0, 4] as Margin });
  const original = `Zuwendungsbescheid vom ${noticeDate(input.decisionDate)}, Aktenzeichen ${notice.caseNumber}`;
  const cut = c.outcome === 'approved' && c.approvedCents < c.askedCents;
  // the years still intended after this decision (an approval has just decided its year)
  const later = intendedYears(grant).filter((y) => y > c.year);

  const tenor: PdfContent[] =
    c.outcome === 'approved'
      ? [
          { text: 'I. Bewilligung für das Haushaltsjahr', style: 'heading' },
          p(
            `Auf Ihren Fortsetzungsantrag vom ${noticeDate(c.submittedAt)} wird ${notice.recipient.name} für das Vorhaben „${grant.title}“ im Haushaltsjahr ${c.year} (1. Januar bis 31. Dezember ${c.year}, innerhalb des Bewilligungszeitraums vom ${formatDate('de', grant.startDate)} bis ${formatDate('de', grant.endDate)}) eine Zuwendung in Höhe von bis zu ${euro(c.approvedCents)} (Höchstbetrag) bewilligt.`,
          ),
          p(
            `Im ${original} war für das Haushaltsjahr ${c.year} ein Betrag von ${euro(c.intendedCents)} in Aussicht gestellt.`,
          ),
          { text: 'II. Verbindlicher Finanzierungsplan des Haushaltsjahres', style: 'heading' },
          planTable(t, yearPlan(grant.plan, c.year), `${c.year}-01-01`, `${c.year}-12-31`, t('funding:grantPdf.grant')),
          { text: 'III. Im Übrigen', style: 'heading' },
          p(
            `Alle übrigen Bestimmungen des ${original.replace('Zuwendungsbescheid', 'Zuwendungsbescheides')} einschließlich seiner Nebenbestimmungen und der ANBest-P gelten für das Haushaltsjahr ${c.year} fort.`,
          ),
          ...(later.length
            ? [
                p(
                  `Für die Haushaltsjahre ${later.join(', ')} bleibt die Förderung in Aussicht gestellt, vorbehaltlich der Bereitstellung der Haushaltsmittel und eines Fortsetzungsantrags.`,
                ),
              ]
            : []),
        ]
      : [
          { text: 'I. Entscheidung', style: 'heading' },
          p(
            `Ihr Fortsetzungsantrag vom ${noticeDate(c.submittedAt)} für das Vorhaben „${grant.title}“ im Haushaltsjahr ${c.year} wird abgelehnt. Für das Haushaltsjahr ${c.year} wird keine Zuwendung bewilligt; Mittel für dieses Jahr können nicht abgerufen werden.`,
          ),
          p(`Die Bewilligung der bereits entschiedenen Haushaltsjahre nach dem ${original} bleibt unberührt.`),
        ];

  const reasons: PdfContent[] =
    cut || c.outcome === 'rejected' || c.reasons
      ? [
          { text: 'Begründung', style: 'heading' },
          ...(cut
            ? [
                p(
                  `Beantragt waren ${euro(c.askedCents)}; bewilligt werden ${euro(c.approvedCents)}. Der Finanzierungsplan des Haushaltsjahres ist entsprechend angepasst.`,
                ),
              ]
            : []),
          ...(c.reasons ? [p(c.reasons)] : []),
        ]
      : [];

  const doc: PdfDocument = {
    info: { title: `${title} – ${grant.title}`, subject: `Az. ${notice.caseNumber}`, author: notice.authority.name },
    footer: noticeFooter(notice.caseNumber),
    content: [
      ...letterhead({
        authority: notice.authority,
        recipient: notice.recipient,
        caseNumber: notice.caseNumber,
        date: c.decidedAt,
        extra: [['Haushaltsjahr', String(c.year)]],
      }),
      { text: title, style: 'title', margin: [0, 0, 0, 2] as Margin },
      {
        text: `zum ${original} – Projektförderung: ${programme.title} – ${grant.title}`,
        bold: true,
        margin: [0, 0, 0, 12] as Margin,
      },
      p('Sehr geehrte Damen und Herren,'),
      ...tenor,
      ...reasons,
      { text: 'Rechtsgrundlage', style: 'heading' },
      p(legalBasisText(programme)),
      ...remedyBlock(programme, notice.authority),
      ...signatureBlock(notice.officerName),
    ],
  };
  return renderPdf(doc, { createdAt: c.decidedAt });
}
