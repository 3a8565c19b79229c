// The certificate of attendance: who took part in which seminar, the sessions attended of those
// held, and the modules covered, signed for the project. Rendered when asked for: it states
// attendance as recorded, and a correction of the attendance is a corrected certificate.
import { formatBasisPoints, formatBerlinDate, formatDate } from '../../../core/i18n/formats';
import { type Lang, translator } from '../../../core/i18n/i18n';
import { dataTable, type PdfContent, pdfLanguage, renderPdf } from '../../../core/pdf/pdf';

export interface CertificateInput {
  lang: Lang;
  participant: string;
  participantCode: string;
  seminar: string;
  learningGoals: string;
  project: string;
  carrier: string;
  sessions: { topic: string; startsAt: Date; attended: boolean }[];
  shareBp: number;
  issuedOn: string;
}

export async function certificatePdf(c: CertificateInput): Promise<Buffer> {
  const lang = pdfLanguage(c.lang);
  const t = translator(lang);
  const attended = c.sessions.filter((s) => s.attended).length;
  const content: PdfContent[] = [
    { text: c.carrier, style: 'small', margin: [0, 0, 0, 24] },
    { text: t('activities:certificate.heading'), style: 'title' },
    { text: t('activities:certificate.confirms', { name: c.participant, seminar: c.seminar }), margin: [0, 0, 0, 8] },
    {
      text: t('activities:certificate.share', {
        attended,
        sessions: c.sessions.length,
        share: formatBasisPoints(lang, c.shareBp),
      }),
      margin: [0, 0, 0, 8],
    },
    ...(c.learningGoals
      ? [{ text: t('activities:seminar.learningGoals'), style: 'heading' }, { text: c.learningGoals }]
      : []),
    { text: t('activities:seminar.sessions'), style: 'heading' },
    dataTable(
      [
        { header: t('activities:seminar.field.topic'), width: '*' },
        { header: t('activities:seminar.field.date'), width: 'auto' },
        { header: t('activities:certificate.attended'), width: 'auto' },
      ],
      c.sessions.map((s) => [
        s.topic,
        formatBerlinDate(lang, s.startsAt, 'medium'),
        t(s.attended ? 'activities:certificate.yes' : 'activities:certificate.no'),
      ]),
    ),
    { text: t('activities:certificate.project', { project: c.project }), margin: [0, 16, 0, 0] },
    { text: t('activities:certificate.issued', { date: formatDate(lang, c.issuedOn) }), margin: [0, 4, 0, 0] },
    { text: t('activities:certificate.code', { code: c.participantCode }), style: 'small', margin: [0, 24, 0, 0] },
  ];
  return renderPdf({
    info: { title: t('activities:certificate.heading') },
    language: lang,
    content,
  });
}
