// Each partner confirms its own part of an application (Partnerbestätigung) through a link mailed to
// its contact person, instead of the carrier declaring it for them. Pure: what a partner's part is
// (as its page shows it), its sha-256, where a partner stands, what blocks a request, a link or a
// submission. The store checks the same rules again in its transaction.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type FieldIssue, issue } from '../../../core/http/form';
import type { ApplicationContent, ConfirmedPart, Partner } from '../schema';

/** How long a mailed link may be used. */
export const LINK_DAYS = 30;

export const linkExpiry = (requestedAt: Date): Date => new Date(requestedAt.getTime() + LINK_DAYS * 24 * 3600 * 1000);

/** The facts of the application that every partner's part shows besides the partner's own row. */
export interface PartContext {
  carrier: string;
  content: Pick<ApplicationContent, 'title' | 'startDate' | 'endDate' | 'plan'>;
}

/** The plan's total expenses over all years, in cents. */
export const totalExpensesCents = (c: Pick<ApplicationContent, 'plan'>) =>
  c.plan.expenses.reduce((s, e) => s + e.amountCents, 0);

/** What the partner's page shows as its part: the project, its period, the partner's row and what its share means. */
export function partOf(p: Partner, ctx: PartContext): ConfirmedPart {
  return {
    carrier: ctx.carrier,
    title: ctx.content.title,
    startDate: ctx.content.startDate,
    endDate: ctx.content.endDate,
    name: p.name,
    isMigrantOrganisation: p.isMigrantOrganisation,
    role: p.role,
    tasks: p.tasks,
    budgetShareBp: p.budgetShareBp,
    amountCents: Math.round((totalExpensesCents(ctx.content) * p.budgetShareBp) / 10000),
  };
}

const partKeys = [
  'carrier',
  'title',
  'startDate',
  'endDate',
  'name',
  'isMigrantOrganisation',
  'role',
  'tasks',
  'budgetShareBp',
  'amountCents',
] as const satisfies readonly (keyof ConfirmedPart)[];

/** The sha-256 (hex) of a part, over its fields in a fixed order: the same part always gives the same hash. */
export function partSha256(part: ConfirmedPart): string {
  const canonical = JSON.stringify(partKeys.map((k) => [k, part[k]]));
  return createHash('sha256').update(canonical).digest('hex');
}

/** A stored request with what became of it (schema partnerConfirmations), as far as the rules need it. */
export interface ConfirmationRow {
  partnerIndex: number;
  status: 'pending' | 'confirmed' | 'declined' | 'superseded';
  partSha256: string | null;
  requestedAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  /** the address the link was mailed to */
  contactEmail?: string;
}

const address = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Whether a request still belongs to the partner now in its row: the row's contact is the one the
 * link was mailed to. After the rows were reordered, or the contact changed, an open link would
 * show another partner's part to someone it was not meant for; it is refused then.
 */
export const linkStillFor = (row: { contactEmail?: string }, partner: Pick<Partner, 'contactEmail'> | undefined) =>
  partner !== undefined && address(row.contactEmail) === address(partner.contactEmail);

export type PartnerStateKind = 'missing' | 'requested' | 'expired' | 'confirmed' | 'declined' | 'outdated';

/** Where one partner stands: the row it stands on (none while nothing was asked). */
export interface PartnerState<R extends ConfirmationRow = ConfirmationRow> {
  kind: PartnerStateKind;
  row?: R;
}

const newest = <R extends ConfirmationRow>(rows: R[], at: (r: R) => Date) =>
  rows.reduce<R | undefined>((best, r) => (!best || at(r) > at(best) ? r : best), undefined);

/**
 * Where the partner in row `index` stands, its part hashed as `currentSha256`. A confirmation of
 * exactly this part counts wherever it was asked (the rows may have been reordered since); a later
 * change of the part (name, role, tasks, share, the project's title, period or total) leaves any
 * earlier answer outdated. An open request newer than the last answer stands until it expires.
 */
export function partnerState<R extends ConfirmationRow>(
  index: number,
  currentSha256: string,
  rows: readonly R[],
  now: Date,
  /** the partner's contact now: an open request mailed to another address is not this partner's */
  contactEmail?: string,
): PartnerState<R> {
  const current = newest(
    rows.filter((r) => r.status === 'confirmed' && r.partSha256 === currentSha256),
    (r) => r.decidedAt ?? r.requestedAt,
  );
  if (current) return { kind: 'confirmed', row: current };
  const own = rows.filter(
    (r) =>
      r.partnerIndex === index &&
      (r.status !== 'pending' ||
        contactEmail === undefined ||
        r.contactEmail === undefined ||
        address(r.contactEmail) === address(contactEmail)),
  );
  const answered = newest(
    own.filter((r) => r.status === 'confirmed' || r.status === 'declined'),
    (r) => r.decidedAt ?? r.requestedAt,
  );
  const open = newest(
    own.filter((r) => r.status === 'pending'),
    (r) => r.requestedAt,
  );
  if (open && (!answered || open.requestedAt > (answered.decidedAt ?? answered.requestedAt)))
    return { kind: now < open.expiresAt ? 'requested' : 'expired', row: open };
  if (answered)
    return {
      kind: answered.partSha256 === currentSha256 && answered.status === 'declined' ? 'declined' : 'outdated',
      row: answered,
    };
  return { kind: 'missing' };
}

/** The states of all partners of the content, in row order. */
export function partnerStates<R extends ConfirmationRow>(
  content: Pick<ApplicationContent, 'partners' | 'title' | 'startDate' | 'endDate' | 'plan'>,
  carrier: string,
  rows: readonly R[],
  now: Date,
): PartnerState<R>[] {
  return content.partners.map((p, i) =>
    partnerState(i, partSha256(partOf(p, { carrier, content })), rows, now, p.contactEmail ?? ''),
  );
}

/** Whether an application of this stage asks its partners to confirm: a full application does, an outline does not. */
export const needsConfirmations = (stage: string) => stage === 'full';

/**
 * What blocks a submission: every partner of a full application has confirmed its current part.
 * Each issue stands on the partner's row ("partner-<row>-confirmation") of the partners page.
 */
export function confirmationIssues(
  stage: string,
  partners: readonly Pick<Partner, 'name'>[],
  states: readonly PartnerState[],
): FieldIssue[] {
  if (!needsConfirmations(stage)) return [];
  return partners.flatMap((p, i) => {
    const kind = states[i]?.kind ?? 'missing';
    return kind === 'confirmed'
      ? []
      : [issue(`partner-${i}-confirmation`, `funding:partnerConfirmation.check.${kind}`, { name: p.name })];
  });
}

/** A contact's address, as the partner rows take it: empty, or an e-mail address. */
export const contactEmail = z
  .string()
  .trim()
  .max(254, 'common:validation.tooLong')
  .refine((v) => v === '' || z.email().safeParse(v).success, 'common:validation.email');

/**
 * What blocks mailing the partners in rows `indices`: a partner without a contact (name and a valid
 * address, saved on the partners page), a partner whose current part is confirmed already, any
 * application that is no full application the carrier may still change, and a financing plan with
 * no expenses yet (a partner would confirm a share of 0 €).
 */
export function requestIssues(
  application: { stage: string; editable: boolean; planExpensesCents?: number },
  partners: readonly Partner[],
  indices: readonly number[],
  states: readonly PartnerState[],
): FieldIssue[] {
  if (!application.editable || !needsConfirmations(application.stage))
    return [issue('partner', 'funding:partnerConfirmation.check.notNow')];
  if (indices.length === 0) return [issue('partner', 'funding:partnerConfirmation.check.nothingToAsk')];
  if (application.planExpensesCents === 0) return [issue('partner', 'funding:partnerConfirmation.check.noPlan')];
  return indices.flatMap((i) => {
    const p = partners[i];
    if (!p) return [issue('partner', 'common:validation.choose')];
    if (!p.contactName?.trim())
      return [issue(`partner-${i}-contactName`, 'funding:partnerConfirmation.check.noContact', { name: p.name })];
    if (!p.contactEmail || !contactEmail.safeParse(p.contactEmail).success)
      return [issue(`partner-${i}-contactEmail`, 'funding:partnerConfirmation.check.noContact', { name: p.name })];
    if (states[i]?.kind === 'confirmed')
      return [
        issue(`partner-${i}-confirmation`, 'funding:partnerConfirmation.check.alreadyConfirmed', { name: p.name }),
      ];
    return [];
  });
}

/** The partners "all" asks: those with a contact whose current part is neither confirmed nor asked for. */
export function openPartners(partners: readonly Partner[], states: readonly PartnerState[]): number[] {
  return partners.flatMap((p, i) =>
    p.contactEmail && !['confirmed', 'requested'].includes(states[i]?.kind ?? 'missing') ? [i] : [],
  );
}

/** Why a link no longer opens: unknown (404), or answered, replaced by a newer one, expired (410). */
export type LinkProblem = 'unknown' | 'used' | 'superseded' | 'expired';

export function linkProblem(
  row: Pick<ConfirmationRow, 'status' | 'expiresAt'> | undefined,
  now: Date,
): LinkProblem | undefined {
  if (!row) return 'unknown';
  if (row.status === 'confirmed' || row.status === 'declined') return 'used';
  if (row.status === 'superseded') return 'superseded';
  if (now >= row.expiresAt) return 'expired';
  return undefined;
}

/** What the partner's answer must hold: the part it answers is the one the application holds now. */
export function decisionIssues(input: { shown: string }, currentSha256: string | undefined): FieldIssue[] {
  if (currentSha256 === undefined) return [issue('decision', 'funding:partnerConfirmation.check.partGone')];
  return input.shown === currentSha256 ? [] : [issue('decision', 'funding:partnerConfirmation.check.partChanged')];
}
