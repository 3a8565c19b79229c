// What makes an organisation's master data valid. Pure: no I/O, keys instead of texts.
import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { type FieldIssue, issue } from '../../core/http/form';
import { districtKeys } from './matching/district-keys';

export const organisationKinds = [
  'carrier',
  'migrantOrganisation',
  'municipality',
  'council',
  'researchInstitute',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisationStates = ['active', 'disabled'] as const;
export type OrganisationState = (typeof organisationStates)[number];

/**
 * The Amtlicher Gemeindeschlüssel (AGS): eight digits, the first two the Land (01 Schleswig-Holstein
 * … 16 Thüringen), then Regierungsbezirk (one digit), Kreis (two) and Gemeinde (three).
 */
export function isMunicipalityKey(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const land = Number(value.slice(0, 2));
  return land >= 1 && land <= 16;
}

/**
 * Whether the key names a real district: its first five digits (Land, Regierungsbezirk, Kreis) are
 * one of the 400 Kreise (district-keys.ts). The municipality part is not checked: no list of the
 * ~10,800 Gemeinden ships with the application.
 */
export const isKnownMunicipalityKey = (value: string) =>
  isMunicipalityKey(value) && districtKeys.has(value.slice(0, 5));

/** The Land of a municipality key ("01" … "16"), or undefined for a malformed key. */
export const landOf = (ags: string): string | undefined => (isMunicipalityKey(ags) ? ags.slice(0, 2) : undefined);

export const landCodes = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
] as const;

/** A German postcode: five digits. */
export const isPostcode = (value: string) => /^\d{5}$/.test(value);

/** A website people can open: http or https with a host. */
export function isWebsite(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

// ---- the organisation's bank account and signatories ----

/** An IBAN as typed ("DE89 3704 0044 …", lower case, with spaces) in its electronic form. */
export const electronicIban = (typed: string) => electronicFormatIBAN(typed) ?? '';

/** Whether an IBAN, however typed, is valid: its length for the country and its check digits (ISO 13616, mod 97). */
export const isIban = (typed: string) => isValidIBAN(electronicIban(typed));

/** An IBAN in groups of four, as people read and compare it. */
export const groupedIban = (iban: string) => (iban ? (friendlyFormatIBAN(iban) ?? iban) : '');

export interface AccountInput {
  iban: string;
  bic: string;
  accountHolder: string;
  signatories: { name: string; role: string; row: number }[];
}

/**
 * The account grants are paid to: an IBAN whose check digits hold (ISO 13616, mod 97), a BIC
 * where one is given (needed for accounts outside the SEPA IBAN-only area is not decided here: it
 * is optional), the holder named when there is an IBAN; each signatory with name and office.
 */
export function accountIssues(input: AccountInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const iban = electronicIban(input.iban);
  if (input.iban && !isIban(iban)) issues.push(issue('iban', 'network:account.ibanInvalid'));
  if (input.bic && !isValidBIC(input.bic.replace(/\s+/g, '').toUpperCase()))
    issues.push(issue('bic', 'network:account.bicInvalid'));
  if (input.iban && !input.accountHolder) issues.push(issue('accountHolder', 'network:account.holderRequired'));
  for (const s of input.signatories) {
    if (!s.name) issues.push(issue(`signatory-${s.row}-name`, 'network:account.signatoryName'));
    if (!s.role) issues.push(issue(`signatory-${s.row}-role`, 'network:account.signatoryRole'));
  }
  return issues;
}

// ---- the directory entry ----

/** Legal forms, as codes (their names are in network:legalForms.*). */
export const legalForms = [
  'eV',
  'gGmbH',
  'GmbH',
  'gUG',
  'foundation',
  'publicBody',
  'cooperative',
  'GbR',
  'none',
  'other',
] as const;

/** What an organisation works on, as codes (network:fieldsOfWork.*). */
export const fieldsOfWork = [
  'education',
  'language',
  'labourMarket',
  'youth',
  'women',
  'health',
  'housing',
  'counselling',
  'culture',
  'sport',
  'politicalParticipation',
  'antiDiscrimination',
  'family',
  'elderly',
] as const;

/** Languages an organisation works in, as ISO 639-1 codes (network:languages.*). */
export const languageCodes = [
  'de',
  'en',
  'tr',
  'ar',
  'uk',
  'ru',
  'fa',
  'ku',
  'ps',
  'ti',
  'so',
  'fr',
  'pl',
  'ro',
  'bg',
  'sr',
  'hr',
  'bs',
  'sq',
  'it',
  'es',
  'pt',
  'el',
  'vi',
  'zh',
  'ur',
  'hi',
  'am',
  'ha',
  'sw',
] as const;

/** Upper bounds for the counts: above these a typo is likelier than the truth. */
export const countLimits = { staffCount: 100_000, volunteerCount: 100_000, partnerCapacity: 50 } as const;
export const descriptionMax = 2000;
export const communitiesMax = 500;

export interface DirectoryInput {
  legalForm: string;
  fieldsOfWork: readonly string[];
  languages: readonly string[];
  communities: string;
  description: string;
  /** null when not said */
  staffCount: number | null;
  volunteerCount: number | null;
  partnerCapacity: number | null;
}

/**
 * The directory entry: known codes only (legal form, fields of work, languages), counts whole and
 * between 0 and their limit, texts within their length. Each problem at its field.
 */
export function directoryIssues(input: DirectoryInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.legalForm && !(legalForms as readonly string[]).includes(input.legalForm))
    issues.push(issue('legalForm', 'common:validation.choose'));
  if (input.fieldsOfWork.some((f) => !(fieldsOfWork as readonly string[]).includes(f)))
    issues.push(issue('fieldsOfWork', 'network:validation.unknownChoice'));
  if (input.languages.some((l) => !(languageCodes as readonly string[]).includes(l)))
    issues.push(issue('languages', 'network:validation.unknownChoice'));
  for (const name of ['staffCount', 'volunteerCount', 'partnerCapacity'] as const) {
    const n = input[name];
    if (n === null) continue;
    if (!Number.isInteger(n) || n < 0 || n > countLimits[name])
      issues.push(issue(name, 'network:validation.count', { max: countLimits[name] }));
  }
  if (input.description.length > descriptionMax)
    issues.push(issue('description', 'network:validation.tooLong', { max: descriptionMax }));
  if (input.communities.length > communitiesMax)
    issues.push(issue('communities', 'network:validation.tooLong', { max: communitiesMax }));
  return issues;
}

/** An unknown district gets its own message at the field (the key's form is checked before). */
export function municipalityKeyIssues(municipalityKey: string): FieldIssue[] {
  return municipalityKey && isMunicipalityKey(municipalityKey) && !isKnownMunicipalityKey(municipalityKey)
    ? [issue('municipalityKey', 'network:validation.municipalityKeyUnknown')]
    : [];
}
