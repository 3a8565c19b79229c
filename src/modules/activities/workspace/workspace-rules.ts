// "Eye level" in a project, as far as the grant tells it: how much of the budget the migrant
// organisations among the partners spend, and how many of the partners they are. Pure.

export interface PartnerShare {
  isMigrantOrganisation: boolean;
  budgetShareBp: number;
}

export interface EyeLevel {
  /** migrant organisations' share of the project's budget, basis points */
  migrantOrganisationShareBp: number;
  migrantOrganisations: number;
  partners: number;
}

export function eyeLevel(partners: readonly PartnerShare[]): EyeLevel {
  const mos = partners.filter((p) => p.isMigrantOrganisation);
  return {
    migrantOrganisationShareBp: mos.reduce((sum, p) => sum + p.budgetShareBp, 0),
    migrantOrganisations: mos.length,
    partners: partners.length,
  };
}
