// The rejection notice (Ablehnungsbescheid) as PDF: the same letterhead, case number and footer as
// the grant decision, the decision that the application is rejected, its reasons, the legal basis,
// the legal remedy and the signature. German, as the legal document is.
import type { Translate } from '../../../core/i18n/i18n';
import { formatEuro } from '../../../core/money/money';
import { type PdfContent, type PdfDocument, renderPdf } from '../../../core/pdf/pdf';
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
import type { Decision } from './decisions.store';

type Margin = [number, number, number, number];

export const rejectionNoticeFilename = 'ablehnungsbescheid.pdf';

export function rejectionNoticePdf(
  _t: Translate,
  input: {
    decision: Decision;
    programme: Programme;
    notice: NoticeContext;
    project: { title: string; requestedTotalCents: number };
    appliedAt?: Date;
    draft?: boolean;
  },
): Promise<Buffer> {
  const { decision, programme, notice, project } = input;
  const p = (text: string): PdfContent => ({ text, margin: [0, 0, 0, 4] as Margin });
  const title = input.draft ? 'ENTWURF – Ablehnungsbescheid' : 'Ablehnungsbescheid';
  const doc: PdfDocument = {
    info: { title: `${title} – ${project.title}`, subject: `Az. ${notice.caseNumber}`, author: notice.authority.name },
    footer: noticeFooter(notice.caseNumber),
    content: [
      ...(input.draft ? [{ text: 'Entwurf – nicht erlassen, nicht rechtswirksam', style: 'heading' }] : []),
      ...letterhead({
        authority: notice.authority,
        recipient: notice.recipient,
        caseNumber: notice.caseNumber,
        date: decision.decidedAt,
      }),
      { text: title, style: 'title', margin: [0, 0, 0, 2] as Margin },
      {
        text: `Ihr Antrag auf Projektförderung: ${programme.title} – ${project.title}`,
        bold: true,
        margin: [0, 0, 0, 12] as Margin,
      },
      p('Sehr geehrte Damen und Herren,'),
      p(
        `über Ihren Antrag${input.appliedAt ? ` vom ${noticeDate(input.appliedAt)}` : ''} auf Gewährung einer Zuwendung von insgesamt ${formatEuro(project.requestedTotalCents, 'de')} für das Vorhaben „${project.title}“ entscheide ich wie folgt:`,
      ),
      { text: 'I. Entscheidung', style: 'heading' },
      p('Ihr Antrag wird abgelehnt.'),
      { text: 'II. Begründung', style: 'heading' },
      p(decision.reasons || 'Die verfügbaren Haushaltsmittel reichen für eine Förderung des Vorhabens nicht aus.'),
      p(
        'Über die Gewährung einer Zuwendung entscheidet die Bewilligungsbehörde nach pflichtgemäßem Ermessen im Rahmen der verfügbaren Haushaltsmittel. Nach Abwägung aller Umstände kann Ihrem Antrag aus den genannten Gründen nicht entsprochen werden.',
      ),
      { text: 'III. Rechtsgrundlage', style: 'heading' },
      p(legalBasisText(programme)),
      ...remedyBlock(programme, notice.authority),
      ...signatureBlock(notice.officerName),
    ],
  };
  return renderPdf(doc, { createdAt: decision.decidedAt });
}
