// What makes an organisation's master data valid. Pure: no I/O, keys instead of texts.
import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { type FieldIssue, issue } from '../../core/http/form';

export const organisationKinds = ['carrier', 'migrantOrganisation', 'municipality', 'council', 'other'] as const;
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
