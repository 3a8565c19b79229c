// The PDF of exactly what was submitted: rendered from the frozen version, never from the draft.

import { formatBerlinDateTime, formatDate, formatPeriod } from '../../../core/i18n/formats';
import type { Translate } from '../../../core/i18n/i18n';
import { formatEuro } from '../../../core/money/money';
import type { PdfContent, PdfDocument } from '../../../core/pdf/pdf';
import { dataTable, renderPdf } from '../../../core/pdf/pdf';
import type { FrozenDocument } from '../schema';
import type { Call } from '../types';
import type { ApplicationVersion } from './applications.store';
import { lastValidDay, needsDate } from './document-validity';
import { budgetYears, expenseLines, type FinancingPlan, totals } from './financing-plan';

/** What the frozen document was uploaded as, and the date it counted by (versions before the dates have none). */
function documentLines(t: Translate, lang: string, call: Call, d: FrozenDocument): PdfContent[] {
  const required = call.requiredDocuments.find((r) => r.id === d.requiredDocumentId);
  if (!required) return [];
  const last = lastValidDay(required, d);
  const validity = !needsDate(required)
    ? ''
    : !last
      ? t('funding:documentValidity.noDate')
      : required.validity === 'validUntil'
        ? t('funding:documentValidity.shownValidUntil', { date: formatDate(lang, last) })
        : t('funding:documentValidity.shownIssuedOn', {
            issued: formatDate(lang, d.issuedOn ?? ''),
            date: formatDate(lang, last),
          });
  return [{ text: validity ? `${required.label} · ${validity}` : required.label, style: 'small' }];
}

export function applicationPdf(
  t: Translate,
  lang: string,
  input: {
    version: ApplicationVersion;
    call: Call;
    organisationName: string;
    caseNumber: string | null;
    /** each partner's confirmation of its part as this version holds it (partner-confirmations/) */
    confirmations?: { partner: string; state: string; person: string; at: Date | null; sha256: string | null }[];
  },
): Promise<Buffer> {
  const { version: v, call } = input;
  const c = v.content;
  const euro = (cents: number) => formatEuro(cents, lang);
  const years = c.startDate && c.endDate ? budgetYears(c.startDate, c.endDate) : [];
  const sums = totals(c.plan as FinancingPlan);
  const at = formatBerlinDateTime(lang, v.submittedAt);
  const field = (label: string, value: string): PdfContent[] => [
    { text: label, style: 'small', bold: true, margin: [0, 6, 0, 0] },
    { text: value || '–' },
  ];
  const yearCell = (y: number, pick: (s: (typeof sums.years)[number]) => number) => {
    const year = sums.years.find((s) => s.year === y);
    return euro(year ? pick(year) : 0);
  };
  const caseNumber = input.caseNumber ?? t('funding:notices.caseNumberNone');
  const caseLine = `${t('funding:notices.caseNumber')}: ${caseNumber}`;
  const doc: PdfDocument = {
    info: { title: `${c.title} (${t('funding:application.version')} ${v.version})`, subject: call.title },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: caseLine, style: 'small' },
        { text: t('funding:interestPdf.page', { page, pages }), style: 'small', alignment: 'right' },
      ],
      margin: [56, 16, 56, 0],
    }),
    content: [
      { text: t('funding:pdf.title'), style: 'title' },
      { text: `${call.title} · ${t('funding:application.version')} ${v.version} · ${at}`, style: 'small' },
      { text: caseLine, bold: true, margin: [0, 4, 0, 0] },
      { text: t('funding:section.project'), style: 'heading' },
      ...field(t('funding:apply.organisation'), input.organisationName),
      ...field(t('funding:project.title'), c.title),
      ...field(t('funding:project.acronym'), c.acronym),
      ...field(t('funding:project.summary'), c.summary),
      ...field(t('funding:project.goals'), c.goals),
      ...field(t('funding:project.targetGroups'), c.targetGroups),
      ...field(
        t('funding:project.fieldsOfAction'),
        (c.fieldsOfAction ?? []).map((x) => t(`funding:fieldOfAction.${x}`)).join(', '),
      ),
      ...field(t('funding:project.region'), `${c.region}${c.municipalityKey ? ` (${c.municipalityKey})` : ''}`),
      ...field(t('funding:pdf.period'), formatPeriod(lang, c.startDate, c.endDate)),
      { text: t('funding:section.partners'), style: 'heading' },
      ...(c.cooperationForm
        ? field(t('funding:programme.cooperationForms'), t(`funding:cooperationForm.${c.cooperationForm}`))
        : []),
      dataTable(
        [
          { header: t('funding:partner.name') },
          { header: t('funding:partner.role') },
          { header: t('funding:partner.tasks') },
          // the two short columns as wide as their headers, the three texts share the rest
          { header: t('funding:partner.isMigrantOrganisationShort'), width: 'auto' },
          { header: t('funding:partner.shareShort'), align: 'right', width: 'auto' },
        ],
        c.partners.map((p) => [
          p.name,
          p.role,
          p.tasks,
          p.isMigrantOrganisation ? t('funding:yes') : t('funding:no'),
          new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(p.budgetShareBp / 10_000),
        ]),
      ),
      ...(input.confirmations?.length
        ? ([
            {
              text: t('funding:partnerConfirmation.overviewTitle'),
              style: 'small',
              bold: true,
              margin: [0, 8, 0, 2] as [number, number, number, number],
            },
            // who confirmed which part when, with the sha-256 of exactly the part confirmed
            ...input.confirmations.map((x) => ({
              stack: [
                {
                  text: `${x.partner}: ${t(`funding:partnerConfirmation.state.${x.state}`)}${
                    x.person && x.at ? ` (${x.person}, ${formatBerlinDateTime(lang, x.at)})` : ''
                  }`,
                },
                ...(x.sha256 && x.state === 'confirmed' ? [{ text: `SHA-256: ${x.sha256}`, fontSize: 7.5 }] : []),
              ],
              margin: [0, 0, 0, 4] as [number, number, number, number],
            })),
          ] as PdfContent[])
        : []),
      { text: t('funding:section.workplan'), style: 'heading' },
      dataTable(
        [{ header: t('funding:workplan.milestone') }, { header: t('funding:workplan.dueShort') }],
        c.milestones.map((m) => [m.title, formatDate(lang, m.due)]),
      ),
      { text: t('funding:section.plan'), style: 'heading' },
      dataTable(
        [
          { header: t('funding:plan.line') },
          ...years.map((y) => ({ header: String(y), align: 'right' as const })),
          { header: t('funding:pdf.total'), align: 'right' },
        ],
        [
          ...expenseLines.map((line) => [
            t(`funding:line.${line}`),
            ...years.map((y) => euro(sums.years.find((s) => s.year === y)?.expensesByLine[line] ?? 0)),
            euro(sums.overall.expensesByLine[line]),
          ]),
          [
            t('funding:plan.totalExpenses'),
            ...years.map((y) => yearCell(y, (s) => s.expenses)),
            euro(sums.overall.expenses),
          ],
          [t('funding:plan.ownFunds'), ...years.map((y) => yearCell(y, (s) => s.own)), euro(sums.overall.own)],
          [
            t('funding:plan.thirdParty'),
            ...years.map((y) => yearCell(y, (s) => s.thirdParty)),
            euro(sums.overall.thirdParty),
          ],
          [t('funding:plan.grant'), ...years.map((y) => yearCell(y, (s) => s.grant)), euro(sums.overall.grant)],
        ],
      ),
      { text: t('funding:section.documents'), style: 'heading' },
      // each file with its whole sha-256 on a line of its own: 64 characters do not fit a table column
      ...v.documents.map((d) => ({
        stack: [
          { text: d.filename, bold: true },
          ...documentLines(t, lang, call, d),
          { text: `${t('funding:documents.checksum')}: ${d.sha256}`, fontSize: 7.5 },
        ],
        margin: [0, 0, 0, 4] as [number, number, number, number],
      })),
      { text: t('funding:section.declarations'), style: 'heading' },
      // "privacy" only in versions submitted before the partners confirmed their parts themselves
      ...(
        ['truthful', 'noDoubleFunding', ...(c.declarations.privacy !== undefined ? ['privacy' as const] : [])] as const
      ).map((k) => ({
        text: `${c.declarations[k] ? t('funding:pdf.declared') : t('funding:pdf.notDeclared')}: ${t(`funding:declaration.${k}`)}`,
        margin: [0, 2, 0, 2] as [number, number, number, number],
      })),
    ],
  };
  return renderPdf(doc, { createdAt: v.submittedAt });
}
