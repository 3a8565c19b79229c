// The withdrawal notice (Widerrufs- und Rückforderungsbescheid, or Rücknahme- und
// Rückforderungsbescheid) as PDF: which decision is withdrawn, how far and from which day, why,
// what remains granted per year, what is to be repaid by when and where, the interest of § 49a
// Abs. 3 VwVfG and the legal remedy. Rendered once when issued (withdrawals.store.ts).
// The notice is a German legal document; its wording lives here, in one place, inside the notices'
// common frame (notices/notice-parts.ts: authority and recipient, case number, page numbers, the
// programme's legal remedy, the signature block), as every other notice of the module.
import { formatBerlinDate, formatDate } from '../../../core/i18n/formats';
import type { Translate } from '../../../core/i18n/i18n';
import { formatEuro } from '../../../core/money/money';
import { dataTable, type PdfDocument, renderPdf } from '../../../core/pdf/pdf';
import type { Grant } from '../decisions/decisions.store';
import { groupedIban, type PaymentAccount } from '../money-back/money-back-rules';
import type { NoticeContext } from '../notices/notice-context';
import { letterhead, noticeFooter, remedyBlock, signatureBlock } from '../notices/notice-parts';
import type { Programme } from '../types';
import type { PaidMoney, WithdrawalBasis, WithdrawalExtent, WithdrawalReason, YearAmount } from './withdrawal-rules';

type Margin = [number, number, number, number];

const basisText: Record<WithdrawalBasis, { title: string; verb: string; law: string; noun: string }> = {
  revocation: {
    title: 'Widerrufs- und Rückforderungsbescheid',
    verb: 'widerrufen',
    law: '§ 49 Abs. 3 VwVfG',
    noun: 'Widerruf',
  },
  retraction: {
    title: 'Rücknahme- und Rückforderungsbescheid',
    verb: 'zurückgenommen',
    law: '§ 48 VwVfG',
    noun: 'Rücknahme',
  },
};

/** The reasons as the notice names them. */
export const withdrawalReasonText: Record<WithdrawalReason, string> = {
  notUsedForPurpose:
    'Die Zuwendung wurde nicht für den im Zuwendungsbescheid bestimmten Zweck verwendet (§ 49 Abs. 3 Satz 1 Nr. 1 VwVfG).',
  notUsedInTime:
    'Die Zuwendung wurde nicht alsbald nach der Auszahlung für den bestimmten Zweck verwendet (§ 49 Abs. 3 Satz 1 Nr. 1 VwVfG).',
  conditionsNotMet:
    'Eine mit dem Zuwendungsbescheid verbundene Auflage wurde nicht oder nicht innerhalb der gesetzten Frist erfüllt (§ 49 Abs. 3 Satz 1 Nr. 2 VwVfG).',
  other: 'Weitere Gründe, wie folgt:',
};

export function withdrawalNoticePdf(
  _t: Translate,
  input: {
    issuedAt: Date;
    grant: Grant;
    programme: Programme;
    decision: { decidedAt: Date };
    notice: NoticeContext;
    withdrawal: {
      basis: WithdrawalBasis;
      extent: WithdrawalExtent;
      effectiveOn: string;
      reason: WithdrawalReason;
      reasonText: string;
    };
    before: YearAmount[];
    after: YearAmount[];
    paid: PaidMoney[];
    perYear: YearAmount[];
    reclaimCents: number;
    reclaims: { reference: string; amountCents: number; effectiveOn: string; dueOn: string }[];
    account: PaymentAccount;
  },
): Promise<Buffer> {
  const { withdrawal: w, account, notice } = input;
  const b = basisText[w.basis];
  const euro = (c: number) => formatEuro(c, 'de');
  const day = (d: string) => formatDate('de', d);
  const decided = formatBerlinDate('de', input.decision.decidedAt);
  const amountIn = (list: readonly { year: number; amountCents: number }[], year: number) =>
    list.filter((x) => x.year === year).reduce((s, x) => s + x.amountCents, 0);
  const years = input.before.map((y) => y.year);
  const due = input.reclaims[0]?.dueOn;
  const references = input.reclaims.map((r) => r.reference).join(', ');
  const total = (list: readonly { amountCents: number }[]) => list.reduce((s, x) => s + x.amountCents, 0);
  // the operative part, numbered: what is withdrawn, what is to be repaid, the interest
  const tenor: string[] = [
    w.extent === 'full'
      ? `Der Zuwendungsbescheid vom ${decided} wird mit Wirkung vom ${day(w.effectiveOn)} ganz ${b.verb} (${b.law}).`
      : `Der Zuwendungsbescheid vom ${decided} wird mit Wirkung vom ${day(w.effectiveOn)} teilweise ${b.verb} (${b.law}). Die Zuwendung wird auf ${euro(total(input.after))} festgesetzt; je Haushaltsjahr wie in der folgenden Übersicht.`,
    input.reclaimCents > 0
      ? `Die zu erstattende Zuwendung wird auf ${euro(input.reclaimCents)} festgesetzt (§ 49a Abs. 1 VwVfG). Der Betrag ist bis zum ${day(due ?? w.effectiveOn)} zu zahlen.`
      : 'Eine Erstattung ist nicht zu leisten: über den verbleibenden Betrag hinaus wurde nichts ausgezahlt.',
    ...(input.reclaimCents > 0
      ? [
          'Der Erstattungsbetrag ist nach § 49a Abs. 3 VwVfG vom Eintritt der Unwirksamkeit an mit fünf Prozentpunkten über dem Basiszinssatz (§ 247 BGB) jährlich zu verzinsen; für Beträge, die erst danach ausgezahlt wurden, vom Tag der Auszahlung an. Über die Zinsen ergeht ein gesonderter Zinsbescheid.',
        ]
      : []),
  ];
  const doc: PdfDocument = {
    info: {
      title: `${b.title} – ${input.grant.title}`,
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
        extra: references ? [['Kassenzeichen', references]] : [],
      }),
      { text: b.title, style: 'title', margin: [0, 0, 0, 2] as Margin },
      { text: `Projektförderung: ${input.programme.title} – ${input.grant.title}`, bold: true },
      {
        text: `Zuwendungsbescheid vom ${decided}, Aktenzeichen ${notice.caseNumber}`,
        margin: [0, 0, 0, 8] as Margin,
      },
      ...tenor.map((text, i) => ({ text: `${i + 1}. ${text}`, margin: [0, 0, 0, 4] as Margin })),
      { text: 'Übersicht je Haushaltsjahr', style: 'heading' },
      dataTable(
        [
          { header: 'Haushaltsjahr' },
          { header: 'bisher bewilligt', align: 'right' },
          { header: 'verbleibt', align: 'right' },
          { header: 'ausgezahlt', align: 'right' },
          { header: 'zu erstatten', align: 'right' },
        ],
        [
          ...years.map((y) => [
            String(y),
            euro(amountIn(input.before, y)),
            euro(amountIn(input.after, y)),
            euro(amountIn(input.paid, y)),
            euro(amountIn(input.perYear, y)),
          ]),
          [
            'Summe',
            euro(total(input.before)),
            euro(total(input.after)),
            euro(total(input.paid)),
            euro(input.reclaimCents),
          ],
        ],
      ),
      ...(input.reclaims.length > 0
        ? [
            { text: 'Erstattungsbeträge und Beginn der Verzinsung', style: 'heading' },
            dataTable(
              [{ header: 'Kassenzeichen' }, { header: 'Betrag', align: 'right' }, { header: 'Zinsen ab' }],
              input.reclaims.map((r) => [r.reference, euro(r.amountCents), day(r.effectiveOn)]),
            ),
          ]
        : []),
      { text: 'Begründung', style: 'heading' },
      {
        text: `Der ${b.noun} stützt sich auf ${b.law}. ${withdrawalReasonText[w.reason]}`,
        margin: [0, 0, 0, 6] as Margin,
      },
      { text: w.reasonText, margin: [0, 0, 0, 6] as Margin },
      {
        text: `Die Unwirksamkeit tritt mit dem ${day(w.effectiveOn)} ein${w.extent === 'partial' ? ', soweit die Zuwendung den verbleibenden Betrag übersteigt' : ''}. Bereits ausgezahlte Mittel sind zu erstatten, soweit sie den verbleibenden Betrag übersteigen (§ 49a Abs. 1 VwVfG).`,
      },
      ...(input.reclaimCents > 0
        ? [
            { text: 'Zahlung', style: 'heading' },
            {
              text: `Bitte überweisen Sie ${euro(input.reclaimCents)} bis zum ${day(due ?? w.effectiveOn)} auf folgendes Konto und geben Sie je Betrag das Kassenzeichen als Verwendungszweck an:`,
            },
            {
              ul: [
                `Kontoinhaber: ${account.holder}`,
                `IBAN: ${groupedIban(account.iban)}`,
                `BIC: ${account.bic} (${account.bank})`,
                `Verwendungszweck: ${references}`,
              ],
              margin: [0, 4, 0, 0] as Margin,
            },
            {
              text: 'Zinsen: fünf Prozentpunkte über dem Basiszinssatz jährlich (§ 49a Abs. 3 VwVfG), bis zum Eingang der Zahlung.',
              margin: [0, 6, 0, 0] as Margin,
            },
          ]
        : []),
      ...remedyBlock(input.programme, notice.authority),
      ...signatureBlock(notice.officerName),
    ],
  };
  return renderPdf(doc, { createdAt: input.issuedAt });
}
