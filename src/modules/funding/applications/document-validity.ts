// Documents that count only for a time (federal practice): a Bescheinigung in Steuersachen states the
// day it is valid until, a register extract must not be older than some months when the application
// is submitted. Pure: the carrier gives the date at upload, the Berlin calendar day decides
// (`today(deps.now)`); a document counts on its last valid day and no longer the day after.
import { type FieldIssue, issue } from '../../../core/http/form';
import { addDays, addMonths, isCalendarDate } from '../../../core/time/calendar';
import type { RequiredDocument } from '../schema';

/** The dates the carrier gave for an uploaded document ('yyyy-mm-dd', or none). */
export interface DocumentDates {
  validUntil?: string | null;
  issuedOn?: string | null;
}

/** Whether the carrier must give a date with the file. */
export const needsDate = (d: Pick<RequiredDocument, 'validity'>) =>
  d.validity === 'validUntil' || d.validity === 'issuedWithin';

/** The upload form's field for a document's date (the file itself is `document-<id>`). */
export const dateField = (d: Pick<RequiredDocument, 'id'>) => `document-${d.id}-date`;

/** The date the kind of validity needs, as stored. */
export const givenDate = (d: Pick<RequiredDocument, 'validity'>, dates: DocumentDates): string | null | undefined =>
  d.validity === 'validUntil' ? dates.validUntil : d.validity === 'issuedWithin' ? dates.issuedOn : undefined;

/**
 * The last Berlin calendar day the document counts: the day stated on it, or the day `maxAgeMonths`
 * after it was issued (issued 31 May, three months: until 31 August; issued 30 November, three
 * months: until the end of February). Undefined when it has no validity or no date yet.
 */
export function lastValidDay(d: RequiredDocument, dates: DocumentDates): string | undefined {
  const given = givenDate(d, dates);
  if (!given || !isCalendarDate(given)) return undefined;
  return d.validity === 'issuedWithin' ? addMonths(given, d.maxAgeMonths ?? 0) : given;
}

/** What stops the document from counting on `day` (missing date, expired, too old), on `field`. */
export function validityIssue(
  d: RequiredDocument,
  dates: DocumentDates,
  day: string,
  field = `document-${d.id}`,
): FieldIssue | undefined {
  if (!needsDate(d)) return undefined;
  const last = lastValidDay(d, dates);
  if (last === undefined) return issue(field, `funding:documentValidity.dateMissing.${d.validity}`, { label: d.label });
  if (day <= last) return undefined;
  if (d.validity === 'validUntil')
    return issue(field, 'funding:documentValidity.expired', { label: d.label, since: { date: addDays(last, 1) } });
  return issue(field, 'funding:documentValidity.tooOld', {
    label: d.label,
    count: d.maxAgeMonths ?? 0,
    issued: { date: dates.issuedOn ?? '' },
  });
}

/**
 * The date typed with an upload (`document-<id>-date`), read for the document's kind of validity:
 * required, a real date, an issue date not in the future, and counting today already (an expired
 * certificate is refused at once, not first at submission). Issues stand on the date field.
 */
export function readDocumentDate(
  d: RequiredDocument,
  typed: string | undefined,
  today: string,
): { ok: true; dates: DocumentDates } | { ok: false; issue: FieldIssue } {
  if (!needsDate(d)) return { ok: true, dates: {} };
  const field = dateField(d);
  const value = (typed ?? '').trim();
  if (!value) return { ok: false, issue: issue(field, `funding:documentValidity.dateRequired.${d.validity}`) };
  if (!isCalendarDate(value)) return { ok: false, issue: issue(field, 'common:validation.date') };
  if (d.validity === 'issuedWithin' && value > today)
    return { ok: false, issue: issue(field, 'funding:documentValidity.issuedInFuture') };
  const dates: DocumentDates = d.validity === 'validUntil' ? { validUntil: value } : { issuedOn: value };
  const stale = validityIssue(d, dates, today, field);
  return stale ? { ok: false, issue: stale } : { ok: true, dates };
}

/** The issues of the uploaded documents at submission on `day`: each on its document's upload field. */
export function documentValidityIssues(
  required: readonly RequiredDocument[],
  uploaded: readonly ({ requiredDocumentId: string } & DocumentDates)[],
  day: string,
): FieldIssue[] {
  return required.flatMap((d) => {
    const doc = uploaded.find((u) => u.requiredDocumentId === d.id);
    const found = doc ? validityIssue(d, doc, day) : undefined;
    return found ? [found] : [];
  });
}

/**
 * The uploaded documents that count today but no longer on the last day submissions are taken
 * (`lastDay`, the Berlin day of the deadline): the carrier is warned to submit before or to bring a
 * newer one.
 */
export function expiringBeforeDeadline(
  required: readonly RequiredDocument[],
  uploaded: readonly ({ requiredDocumentId: string } & DocumentDates)[],
  day: string,
  lastDay: string,
): { label: string; lastValid: string }[] {
  return required.flatMap((d) => {
    const doc = uploaded.find((u) => u.requiredDocumentId === d.id);
    const last = doc ? lastValidDay(d, doc) : undefined;
    return last && day <= last && last < lastDay ? [{ label: d.label, lastValid: last }] : [];
  });
}

/**
 * The five documents a formal application needs in federal practice, as the call form's one-click
 * preset. The tax certificate states its own end; the declarations and the health insurer's
 * certificate are signed or issued for this application (no older than three months); the register
 * extract must be current (three months); the statute counts as long as it stands.
 */
export const federalDocuments: readonly Omit<RequiredDocument, 'id'>[] = [
  {
    label: 'Bescheinigung in Steuersachen',
    types: ['pdf'],
    maxMegabytes: 5,
    validity: 'validUntil',
    hint: 'Vom Finanzamt; das Datum, bis zu dem sie gilt, steht auf der Bescheinigung.',
  },
  {
    label: 'Erklärung über das Nichtvorliegen eines Insolvenzverfahrens',
    types: ['pdf'],
    maxMegabytes: 5,
    validity: 'issuedWithin',
    maxAgeMonths: 3,
    hint: 'Von der Vertretung unterschrieben; höchstens drei Monate alt.',
  },
  {
    label: 'Erklärung zu den Sozialversicherungsbeiträgen / Unbedenklichkeitsbescheinigung der Krankenkasse',
    types: ['pdf'],
    maxMegabytes: 5,
    validity: 'issuedWithin',
    maxAgeMonths: 3,
    hint: 'Ausgestellt oder unterschrieben höchstens drei Monate vor der Einreichung.',
  },
  {
    label: 'Auszug aus dem Vereins- bzw. Handelsregister',
    types: ['pdf'],
    maxMegabytes: 5,
    validity: 'issuedWithin',
    maxAgeMonths: 3,
    hint: 'Nicht älter als drei Monate bei der Einreichung.',
  },
  { label: 'Satzung', types: ['pdf'], maxMegabytes: 5, hint: 'Die geltende Fassung.' },
];

/** The call's documents with the federal five added, each once (one the call already has by its label stays as it is). */
export function withFederalDocuments<D extends RequiredDocument>(
  documents: readonly D[],
  newId: () => string,
): (D | RequiredDocument)[] {
  const have = new Set(documents.map((d) => d.label.trim().toLowerCase()));
  return [
    ...documents,
    ...federalDocuments.filter((d) => !have.has(d.label.toLowerCase())).map((d) => ({ id: newId(), ...d })),
  ];
}
