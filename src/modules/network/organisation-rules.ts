// What makes an organisation's master data valid. Pure: no I/O, keys instead of texts.

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
