// The grant decision (Zuwendungsbescheid) as PDF: who gets how much per budget year for what,
// on which approved financing plan and conditions. German, as the legal document is.

import { formatBerlinDate, formatDate } from '../../../core/i18n/formats';
import type { Translate } from '../../../core/i18n/i18n';
import { formatEuro } from '../../../core/money/money';
import { dataTable, type PdfDocument, renderPdf } from '../../../core/pdf/pdf';
import { budgetYears, expenseLines, type FinancingPlan, totals } from '../applications/financing-plan';
import type { Programme } from '../types';
import type { Decision, Grant } from './decisions.store';

/**
 * An amended decision (Änderungsbescheid) is the same document for a later plan version: it names
 * the change, refers to the first decision and shows the plan as it now stands.
 */
export interface Amendment {
  decidedAt: Date;
  summary: string;
  note: string;
  version: { version: number; plan: Grant['plan']; endDate: string };
}

export function grantDecisionPdf(
  t: Translate,
  input: {
    grant: Grant;
    decision: Decision;
    programme: Programme;
    organisationName: string;
    amendment?: Amendment;
    /** the grant requested in total; when more than approved, the notice says so and gives the reasons */
    requestedTotalCents?: number;
    /** a preview of a draft: marked on every page as not yet issued */
    draft?: boolean;
  },
): Promise<Buffer> {
  const { decision, programme, amendment } = input;
  const grant = amendment
    ? { ...input.grant, plan: amendment.version.plan, endDate: amendment.version.endDate }
    : input.grant;
  const euro = (c: number) => formatEuro(c, 'de');
  const years = budgetYears(grant.startDate, grant.endDate);
  const sums = totals(grant.plan as FinancingPlan);
  const year = (y: number) => sums.years.find((s) => s.year === y);
  const longDate = (d: Date) => formatBerlinDate('de', d);
  const date = longDate(amendment?.decidedAt ?? decision.decidedAt);
  const issuedTitle = amendment ? t('funding:grantPdf.amendedTitle') : t('funding:grantPdf.title');
  const title = input.draft ? `${t('funding:grantPdf.draftMark')} – ${issuedTitle}` : issuedTitle;
  const cut =
    !amendment && input.requestedTotalCents !== undefined && input.requestedTotalCents > grant.approvedTotalCents;
  const doc: PdfDocument = {
    info: { title: `${title} – ${grant.title}` },
    content: [
      ...(input.draft ? [{ text: t('funding:grantPdf.draftNote'), style: 'heading' }] : []),
      { text: input.organisationName, margin: [0, 0, 0, 24] },
      { text: date, alignment: 'right' },
      { text: title, style: 'title' },
      { text: `${programme.title} – ${grant.title}`, style: 'heading' },
      ...(amendment
        ? [
            {
              text: t('funding:grantPdf.amendedIntro', {
                date: longDate(decision.decidedAt),
                change: amendment.summary,
                version: amendment.version.version,
              }),
              margin: [0, 0, 0, 8] as [number, number, number, number],
            },
            ...(amendment.note
              ? [{ text: amendment.note, margin: [0, 0, 0, 8] as [number, number, number, number] }]
              : []),
          ]
        : []),
      {
        text: t('funding:grantPdf.intro', {
          organisation: input.organisationName,
          total: euro(grant.approvedTotalCents),
          start: formatDate('de', grant.startDate),
          end: formatDate('de', grant.endDate),
        }),
      },
      {
        text: t('funding:grantPdf.financing', { type: t(`funding:financingType.${programme.financingType}`) }),
        margin: [0, 8, 0, 8],
      },
      dataTable(
        [
          { header: t('funding:plan.line') },
          ...years.map((y) => ({ header: String(y), align: 'right' as const })),
          { header: t('funding:pdf.total'), align: 'right' },
        ],
        [
          ...expenseLines
            .filter((l) => sums.overall.expensesByLine[l] > 0)
            .map((l) => [
              t(`funding:line.${l}`),
              ...years.map((y) => euro(year(y)?.expensesByLine[l] ?? 0)),
              euro(sums.overall.expensesByLine[l]),
            ]),
          [
            t('funding:plan.totalExpenses'),
            ...years.map((y) => euro(year(y)?.expenses ?? 0)),
            euro(sums.overall.expenses),
          ],
          [t('funding:plan.ownFunds'), ...years.map((y) => euro(year(y)?.own ?? 0)), euro(sums.overall.own)],
          [
            t('funding:plan.thirdParty'),
            ...years.map((y) => euro(year(y)?.thirdParty ?? 0)),
            euro(sums.overall.thirdParty),
          ],
          [t('funding:grantPdf.grant'), ...years.map((y) => euro(year(y)?.grant ?? 0)), euro(sums.overall.grant)],
        ],
      ),
      ...(cut || (!amendment && decision.reasons)
        ? [
            { text: t('funding:grantPdf.reasonsTitle'), style: 'heading' },
            ...(cut
              ? [
                  {
                    text: t('funding:grantPdf.cut', {
                      requested: euro(input.requestedTotalCents ?? 0),
                      approved: euro(grant.approvedTotalCents),
                    }),
                    margin: [0, 0, 0, 4] as [number, number, number, number],
                  },
                ]
              : []),
            { text: decision.reasons },
          ]
        : []),
      { text: t('funding:decision.conditions'), style: 'heading' },
      { text: decision.conditions || t('funding:grantPdf.noConditions') },
      { text: t('funding:grantPdf.rulesTitle'), style: 'heading' },
      {
        ul: [
          t('funding:grantPdf.rule1'),
          t('funding:grantPdf.rule2'),
          t('funding:grantPdf.rule3'),
          t('funding:grantPdf.rule4'),
        ],
      },
    ],
  };
  return renderPdf(doc, { createdAt: amendment?.decidedAt ?? decision.decidedAt });
}
