// Queries for organisations; other modules use these through ../network/index.ts. Every change is
// audited in its own transaction.
import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../core/audit/audit';
import type { Db } from '../../core/db/client';
import { inUuids, param, prepared } from '../../core/db/prepared';
import type { FieldIssue } from '../../core/http/form';
import type { CurrentUser } from '../../core/ui/context';
import { accountIssues, electronicIban, municipalityKeyIssues, type OrganisationState } from './organisation-rules';
import { organisations, type Signatory } from './schema';

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = Omit<typeof organisations.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'disabledAt'>;

/** The master data an administrator edits. */
export type OrganisationInput = Required<
  Pick<
    NewOrganisation,
    'name' | 'kind' | 'isMigrantOrganisation' | 'street' | 'postcode' | 'city' | 'municipalityKey' | 'email' | 'website'
  >
>;
const editable: (keyof OrganisationInput)[] = [
  'name',
  'kind',
  'isMigrantOrganisation',
  'street',
  'postcode',
  'city',
  'municipalityKey',
  'email',
  'website',
];

// a migrant organisation is one by definition, whatever the box said
const withFlag = <T extends Pick<NewOrganisation, 'kind' | 'isMigrantOrganisation'>>(o: T): T => ({
  ...o,
  isMigrantOrganisation: o.kind === 'migrantOrganisation' || Boolean(o.isMigrantOrganisation),
});

export async function createOrganisation(db: Db, actor: Actor, o: NewOrganisation): Promise<string> {
  const values = withFlag(o);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(organisations).values(values).returning({ id: organisations.id });
    if (!row) throw new Error('organisation insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'organisation.created',
      subjectKind: 'organisation',
      subjectId: row.id,
      after: values,
    });
    return row.id;
  });
}

/** Saves the master data; the audit entry holds the fields that changed, before and after. */
export async function updateOrganisation(
  db: Db,
  actor: Actor,
  id: string,
  input: OrganisationInput,
  now: Date,
): Promise<'updated' | 'unchanged' | 'notFound'> {
  const next = withFlag(input);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!current) return 'notFound';
    const changed = editable.filter((k) => current[k] !== next[k]);
    if (changed.length === 0) return 'unchanged';
    await tx
      .update(organisations)
      .set({ ...next, updatedAt: now })
      .where(eq(organisations.id, id));
    await recordAudit(tx, actor, {
      action: 'organisation.updated',
      subjectKind: 'organisation',
      subjectId: id,
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return 'updated';
  });
}

/** Disables (kept for the record, offered nowhere for new work) or enables again. */
export async function setOrganisationDisabled(
  db: Db,
  actor: Actor,
  id: string,
  disabled: boolean,
  now: Date,
): Promise<'done' | 'unchanged' | 'notFound'> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ disabledAt: organisations.disabledAt })
      .from(organisations)
      .where(eq(organisations.id, id))
      .for('update');
    if (!current) return 'notFound';
    if (Boolean(current.disabledAt) === disabled) return 'unchanged';
    await tx
      .update(organisations)
      .set({ disabledAt: disabled ? now : null, updatedAt: now })
      .where(eq(organisations.id, id));
    await recordAudit(tx, actor, {
      action: disabled ? 'organisation.disabled' : 'organisation.enabled',
      subjectKind: 'organisation',
      subjectId: id,
    });
    return 'done';
  });
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  const [row] = await prepared(db, 'network.organisation', (d) =>
    d
      .select()
      .from(organisations)
      .where(eq(organisations.id, param('id')))
      .prepare('network.organisation'),
  ).execute({ id });
  return row;
}

/**
 * Names by id, for other modules that show whose a row is (funding's dashboard, ranking and inbox)
 * without reading this module's tables: they fetch the names of the page's rows after their own query.
 */
export async function organisationNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await prepared(db, 'network.organisationNames', (d) =>
    d
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inUuids(organisations.id, 'ids'))
      .prepare('network.organisationNames'),
  ).execute({ ids: unique });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Ids of the organisations whose name contains `name` (any case) and/or whose municipality key lies
 * in the Land `landCode` (the key's first two digits, "01"…"16"), for other modules that filter their
 * own rows by carrier (funding's list of applications) without reading this module's tables.
 */
export async function organisationIdsMatching(db: Db, f: { name?: string; landCode?: string }): Promise<string[]> {
  const where: SQL[] = [];
  if (f.name) where.push(ilike(organisations.name, `%${escapeLike(f.name)}%`));
  if (f.landCode) where.push(ilike(organisations.municipalityKey, `${escapeLike(f.landCode)}%`));
  if (where.length === 0) return [];
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(...where));
  return rows.map((r) => r.id);
}

export async function getOrganisations(db: Db, ids: string[]): Promise<Organisation[]> {
  if (ids.length === 0) return [];
  return db.select().from(organisations).where(inArray(organisations.id, ids));
}

export async function listOrganisations(db: Db): Promise<Organisation[]> {
  return db.select().from(organisations).orderBy(asc(organisations.name));
}

export interface OrganisationFilter {
  /** part of the name or the city */
  q?: string;
  kind?: string;
  state?: OrganisationState;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchOrganisations(
  db: Db,
  f: OrganisationFilter,
): Promise<{ rows: Organisation[]; total: number }> {
  const where: SQL[] = [];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    where.push(or(ilike(organisations.name, pattern), ilike(organisations.city, pattern)) as SQL);
  }
  if (f.kind) where.push(eq(organisations.kind, f.kind));
  if (f.state)
    where.push(f.state === 'disabled' ? isNotNull(organisations.disabledAt) : isNull(organisations.disabledAt));
  const cond = where.length ? and(...where) : undefined;
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(cond)
      .orderBy(asc(organisations.name), asc(organisations.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(organisations).where(cond),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** Every organisation by name, for choosing the one a carrier's staff member works for. */
export async function listOrganisationScopes(db: Db) {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, disabledAt: organisations.disabledAt })
    .from(organisations)
    .orderBy(asc(organisations.name));
  return rows.map((r) => ({ id: r.id, name: r.name, disabled: r.disabledAt !== null }));
}

/** Ids of the organisations a person works for (carrier staff). */
export function organisationIdsOf(user: CurrentUser | null): string[] {
  if (!user) return [];
  return user.roles.filter((r) => r.role === 'carrierStaff' && r.scopeKind === 'organisation').map((r) => r.scopeId);
}

/** What the organisation's own staff keep: the address, the bank account and who may sign. */
export interface OwnOrganisationInput {
  street: string;
  postcode: string;
  city: string;
  municipalityKey: string;
  email: string;
  website: string;
  iban: string;
  bic: string;
  accountHolder: string;
  signatories: Signatory[];
}
const ownEditable = [
  'street',
  'postcode',
  'city',
  'municipalityKey',
  'email',
  'website',
  'iban',
  'bic',
  'accountHolder',
  'signatories',
] as const;

/**
 * Saves what the organisation's staff keep; the account's rules (accountIssues) are checked again
 * here, and the audit trail keeps what changed (the funder pays to this account).
 */
export async function updateOwnOrganisation(
  db: Db,
  actor: Actor,
  id: string,
  input: OwnOrganisationInput,
  now: Date,
): Promise<{ ok: true; changed: boolean } | { ok: false; issues: FieldIssue[] } | undefined> {
  const next = { ...input, iban: electronicIban(input.iban), bic: input.bic.replace(/\s+/g, '').toUpperCase() };
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!current) return undefined;
    const issues = [
      ...accountIssues({ ...next, signatories: next.signatories.map((s, row) => ({ ...s, row })) }),
      ...municipalityKeyIssues(next.municipalityKey),
    ];
    if (issues.length) return { ok: false as const, issues };
    const changed = ownEditable.filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]));
    if (changed.length === 0) return { ok: true as const, changed: false };
    await tx
      .update(organisations)
      .set({ ...next, updatedAt: now })
      .where(eq(organisations.id, id));
    await recordAudit(tx, actor, {
      action: 'organisation.updatedByStaff',
      subjectKind: 'organisation',
      subjectId: id,
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return { ok: true as const, changed: true };
  });
}
