// The interest notice (Zinsbescheid) as PDF: who owes what interest on which reclaim, period by
// period with base rate, rate, days and interest, and where to pay it with which reference.
// German, as the legal document is.
import { formatBerlinDate, formatDate } from '../../../core/i18n/formats';
import type { Translate } from '../../../core/i18n/i18n';
import { formatEuro } from '../../../core/money/money';
import { dataTable, type PdfDocument, renderPdf } from '../../../core/pdf/pdf';
import type { Grant } from '../decisions/decisions.store';
import type { NoticeContext } from '../notices/notice-context';
import { letterhead, noticeFooter, remedyBlock, signatureBlock } from '../notices/notice-parts';
import type { Programme } from '../types';
import type { InterestStatement } from './interest-rules';
import { groupedIban, type PaymentAccount } from './money-back-rules';

type Margin = [number, number, number, number];

export function interestNoticePdf(
  t: Translate,
  input: {
    issuedAt: Date;
    issuedOn: string;
    grant: Grant;
    programme: Programme;
    notice: NoticeContext;
    reclaim: {
      amountCents: number;
      reason: string;
      effectiveOn: string;
      dueOn: string;
      reference: string;
      recordedAt: Date;
    };
    statement: InterestStatement;
    account: PaymentAccount;
  },
): Promise<Buffer> {
  const { reclaim, statement: s, account } = input;
  const euro = (c: number) => formatEuro(c, 'de');
  const day = (d: string) => formatDate('de', d);
  const rate = (bp: number) => `${(bp / 100).toFixed(2).replace('.', ',').replace('-', '−')} %`;
  const title = t('funding:interestPdf.title');
  const owed = s.principalOutstandingCents + s.interestOutstandingCents;
  const { notice } = input;
  const doc: PdfDocument = {
    info: {
      title: `${title} – ${input.grant.title}`,
      subject: `Az. ${notice.caseNumber}`,
      author: notice.authority.name,
    },
    footer: noticeFooter(notice.caseNumber),
    content: [
      ...letterhead({
        authority: notice.authority,
        recipient: notice.recipient,
        caseNumber: notice.caseNumber,
        date: input.issuedAt,
        extra: [['Kassenzeichen', reclaim.reference]],
      }),
      { text: title, style: 'title', margin: [0, 0, 0, 2] as Margin },
      {
        text: `Projektförderung: ${input.programme.title} – ${input.grant.title}`,
        bold: true,
        margin: [0, 0, 0, 12] as Margin,
      },
      { text: 'Sehr geehrte Damen und Herren,', margin: [0, 0, 0, 4] as Margin },
      {
        text: t('funding:interestPdf.intro', {
          recorded: formatBerlinDate('de', reclaim.recordedAt),
          amount: euro(reclaim.amountCents),
          reference: reclaim.reference,
          effective: day(reclaim.effectiveOn),
        }),
        margin: [0, 0, 0, 6] as Margin,
      },
      { text: t('funding:interestPdf.reason', { reason: reclaim.reason }), margin: [0, 0, 0, 6] as Margin },
      { text: t('funding:interestPdf.legal'), margin: [0, 0, 0, 6] as Margin },
      { text: t('funding:interestPdf.periodsTitle'), style: 'heading' },
      dataTable(
        [
          { header: t('funding:interestPdf.period') },
          { header: t('funding:interestPdf.principal'), align: 'right' },
          { header: t('funding:interestPdf.baseRate'), align: 'right' },
          { header: t('funding:interestPdf.rate'), align: 'right' },
          { header: t('funding:interestPdf.days'), align: 'right' },
          { header: t('funding:interestPdf.interest'), align: 'right' },
        ],
        [
          ...s.periods.map((p) => [
            `${day(p.from)} – ${day(p.to)}`,
            euro(p.principalCents),
            rate(p.baseRateBp),
            rate(p.rateBp),
            String(p.days),
            euro(p.interestCents),
          ]),
          [
            t('funding:interestPdf.total'),
            '',
            '',
            '',
            String(s.periods.reduce((n, p) => n + p.days, 0)),
            euro(s.interestCents),
          ],
        ],
      ),
      { text: t('funding:interestPdf.method'), style: 'small', margin: [0, 4, 0, 0] as Margin },
      { text: t('funding:interestPdf.summaryTitle'), style: 'heading' },
      dataTable(
        [{ header: '' }, { header: t('funding:interestPdf.amount'), align: 'right' }],
        [
          [t('funding:interestPdf.reclaimed'), euro(reclaim.amountCents)],
          [t('funding:interestPdf.repaid'), euro(s.repaidCents)],
          [t('funding:interestPdf.principalOpen'), euro(s.principalOutstandingCents)],
          [t('funding:interestPdf.interestUntil', { date: day(input.issuedOn) }), euro(s.interestCents)],
          [t('funding:interestPdf.interestOpen'), euro(s.interestOutstandingCents)],
          [t('funding:interestPdf.owed'), euro(owed)],
        ],
      ),
      ...(s.principalOutstandingCents > 0
        ? [{ text: t('funding:interestPdf.further', { date: day(input.issuedOn) }), margin: [0, 6, 0, 0] as Margin }]
        : []),
      { text: t('funding:interestPdf.payTitle'), style: 'heading' },
      { text: t('funding:interestPdf.payIntro', { due: day(reclaim.dueOn) }) },
      {
        ul: [
          t('funding:interestPdf.holder', { holder: account.holder }),
          t('funding:interestPdf.iban', { iban: groupedIban(account.iban) }),
          t('funding:interestPdf.bic', { bic: account.bic, bank: account.bank }),
          t('funding:interestPdf.payReference', { reference: reclaim.reference }),
        ],
        margin: [0, 4, 0, 0] as Margin,
      },
      ...remedyBlock(input.programme, notice.authority),
      ...signatureBlock(notice.officerName),
    ],
  };
  return renderPdf(doc, { createdAt: input.issuedAt });
}
