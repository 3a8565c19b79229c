// Who may do what in funding. Administrators create programmes; programme officers manage only
// the programmes they are assigned to (role programmeOfficer on programme:<id>). Each action names
// what it is asked about (FundingPermissions), so a route passing the wrong thing does not compile
// (ADR 0012).
import { hasRole } from '../../core/auth/permissions';
import type { PermissionRules } from '../../core/modules';
import type { CurrentUser } from '../../core/ui/context';

/** An application as the rules see it: whose it is and which programme it was made to. */
export interface ApplicationResource {
  application: { organisationId: string };
  programme: { id: string };
}

/** A programme as the rules see it. */
export interface ProgrammeResource {
  id: string;
}

/** A grant as the rules see it: whose it is and which programme funds it. */
export interface GrantResource {
  grant: { organisationId: string };
  programme: { id: string };
}

/** Funding's actions and what each is asked about (undefined: an area, asked without a resource). */
export interface FundingPermissions {
  'funding.carrierArea': undefined;
  'funding.reviewerArea': undefined;
  'funding.officerArea': undefined;
  'application.view': ApplicationResource;
  'application.edit': ApplicationResource;
  'programme.create': undefined;
  'programme.manage': ProgrammeResource;
  /** a grant's reclaims, repayments and interest notices */
  'moneyBack.view': GrantResource;
  'moneyBack.record': GrantResource;
  /** withdrawing (or retracting) the grant's issued decision: the programme's officers */
  'decision.withdraw': GrantResource;
  /** the table of base rates (§ 247 BGB): officers and administrators add a new half year */
  'baseRate.add': undefined;
  /** the funder's account the carriers pay back to */
  'paymentAccount.edit': undefined;
  /** the issuing authority the notices name (letterhead, contact, where to lodge an objection) */
  'authority.edit': undefined;
}

declare module '../../core/modules' {
  interface PermissionResources extends FundingPermissions {}
}

export function officerProgrammeIds(user: CurrentUser | null): string[] | undefined {
  if (hasRole(user, 'admin')) return undefined; // all
  return (user?.roles ?? [])
    .filter((r) => r.role === 'programmeOfficer' && r.scopeKind === 'programme')
    .map((r) => r.scopeId);
}

const isCarrierOf = (user: CurrentUser | null, organisationId: string) =>
  hasRole(user, 'carrierStaff', 'organisation', organisationId);
const isOfficerOf = (user: CurrentUser | null, programmeId: string) =>
  hasRole(user, 'admin') || hasRole(user, 'programmeOfficer', 'programme', programmeId);

export const fundingPermissions: PermissionRules<keyof FundingPermissions> = {
  'funding.carrierArea': (user) => hasRole(user, 'carrierStaff'),
  'funding.reviewerArea': (user) => hasRole(user, 'reviewer'),
  // a carrier sees its own applications; officers those of their programmes
  'application.view': (user, { application, programme }) =>
    isCarrierOf(user, application.organisationId) || isOfficerOf(user, programme.id),
  // only the carrier's staff fill in and submit
  'application.edit': (user, { application }) => isCarrierOf(user, application.organisationId),
  'funding.officerArea': (user) => hasRole(user, 'admin') || hasRole(user, 'programmeOfficer'),
  'programme.create': (user) => hasRole(user, 'admin'),
  'programme.manage': (user, programme) => isOfficerOf(user, programme.id),
  // the carrier sees what it owes and where to pay; the programme's officers record and issue
  'moneyBack.view': (user, { grant, programme }) =>
    isCarrierOf(user, grant.organisationId) || isOfficerOf(user, programme.id),
  'moneyBack.record': (user, { programme }) => isOfficerOf(user, programme.id),
  'decision.withdraw': (user, { programme }) => isOfficerOf(user, programme.id),
  'baseRate.add': (user) => hasRole(user, 'admin') || hasRole(user, 'programmeOfficer'),
  'paymentAccount.edit': (user) => hasRole(user, 'admin'),
  'authority.edit': (user) => hasRole(user, 'admin'),
};
