// The organisation directory: what an organisation says about itself (fields of work, languages,
// communities, counts, capacity, self-description) and whether it is listed publicly. Public reads
// select only the public columns, so an IBAN or a signatory never reaches a public page's data.
import { and, asc, count, eq, ilike, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../../core/audit/audit';
import type { Db } from '../../../core/db/client';
import type { FieldIssue } from '../../../core/http/form';
import { type DirectoryInput, directoryIssues } from '../organisation-rules';
import { organisations } from '../schema';

export interface DirectoryEntryInput extends DirectoryInput {
  /** the explicit opt-in to the public directory */
  listed: boolean;
}

const entryFields = [
  'legalForm',
  'fieldsOfWork',
  'languages',
  'communities',
  'description',
  'staffCount',
  'volunteerCount',
  'partnerCapacity',
  'publicSince',
] as const;

/**
 * Saves the directory entry: the rules are checked again in the transaction. Opting in sets
 * publicSince (kept when already listed), opting out clears it. The audit entry holds what changed.
 */
export async function updateDirectoryEntry(
  db: Db,
  actor: Actor,
  id: string,
  input: DirectoryEntryInput,
  now: Date,
): Promise<{ ok: true; changed: boolean } | { ok: false; issues: FieldIssue[] } | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!current) return undefined;
    const issues = directoryIssues(input);
    if (issues.length) return { ok: false as const, issues };
    const { listed, ...entry } = input;
    const next = {
      ...entry,
      fieldsOfWork: [...new Set(entry.fieldsOfWork)],
      languages: [...new Set(entry.languages)],
      publicSince: listed ? (current.publicSince ?? now) : null,
    };
    const same = (k: (typeof entryFields)[number]) =>
      k === 'publicSince'
        ? (current.publicSince?.getTime() ?? null) === (next.publicSince?.getTime() ?? null)
        : JSON.stringify(current[k]) === JSON.stringify(next[k]);
    const changed = entryFields.filter((k) => !same(k));
    if (changed.length === 0) return { ok: true as const, changed: false };
    await tx
      .update(organisations)
      .set({ ...next, updatedAt: now })
      .where(eq(organisations.id, id));
    await recordAudit(tx, actor, {
      action: 'organisation.directoryUpdated',
      subjectKind: 'organisation',
      subjectId: id,
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return { ok: true as const, changed: true };
  });
}

/** What the public directory shows of an organisation, and nothing more. */
const publicColumns = {
  id: organisations.id,
  name: organisations.name,
  kind: organisations.kind,
  isMigrantOrganisation: organisations.isMigrantOrganisation,
  legalForm: organisations.legalForm,
  city: organisations.city,
  municipalityKey: organisations.municipalityKey,
  email: organisations.email,
  website: organisations.website,
  fieldsOfWork: organisations.fieldsOfWork,
  languages: organisations.languages,
  communities: organisations.communities,
  staffCount: organisations.staffCount,
  volunteerCount: organisations.volunteerCount,
  partnerCapacity: organisations.partnerCapacity,
  description: organisations.description,
  publicSince: organisations.publicSince,
};
export type ListedOrganisation = {
  [K in keyof typeof publicColumns]: (typeof organisations.$inferSelect)[K];
};

/** Listed: opted in and not disabled by the administration. */
const listed = () => and(isNotNull(organisations.publicSince), isNull(organisations.disabledAt)) as SQL;

export interface DirectoryFilter {
  /** part of the name, city, communities or description */
  q?: string;
  kind?: string;
  field?: string;
  language?: string;
  /** "01" … "16": the municipality key's first two digits */
  land?: string;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const hasCode = (column: typeof organisations.fieldsOfWork | typeof organisations.languages, code: string) =>
  sql`${column} @> ${JSON.stringify([code])}::jsonb`;

export async function searchDirectory(
  db: Db,
  f: DirectoryFilter,
): Promise<{ rows: ListedOrganisation[]; total: number }> {
  const where: SQL[] = [listed()];
  if (f.q) {
    const p = `%${escapeLike(f.q)}%`;
    where.push(
      or(
        ilike(organisations.name, p),
        ilike(organisations.city, p),
        ilike(organisations.communities, p),
        ilike(organisations.description, p),
      ) as SQL,
    );
  }
  if (f.kind) where.push(eq(organisations.kind, f.kind));
  if (f.field) where.push(hasCode(organisations.fieldsOfWork, f.field));
  if (f.language) where.push(hasCode(organisations.languages, f.language));
  if (f.land) where.push(ilike(organisations.municipalityKey, `${escapeLike(f.land)}%`));
  const cond = and(...where);
  const [rows, total] = await Promise.all([
    db
      .select(publicColumns)
      .from(organisations)
      .where(cond)
      .orderBy(asc(organisations.name), asc(organisations.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(organisations).where(cond),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** One listed organisation's public profile; undefined when it is not listed (or does not exist). */
export async function getListedOrganisation(db: Db, id: string): Promise<ListedOrganisation | undefined> {
  const [row] = await db
    .select(publicColumns)
    .from(organisations)
    .where(and(eq(organisations.id, id), listed()));
  return row;
}

/**
 * The partner search's candidates: listed organisations of the other side. A migrant organisation
 * looks for established carriers (kind carrier, not themselves a migrant organisation); anyone else
 * for migrant organisations (the kind, or the flag on a carrier).
 */
export async function partnerCandidates(db: Db, seekerIsMigrant: boolean): Promise<ListedOrganisation[]> {
  const side = seekerIsMigrant
    ? and(eq(organisations.kind, 'carrier'), eq(organisations.isMigrantOrganisation, false))
    : eq(organisations.isMigrantOrganisation, true);
  return db.select(publicColumns).from(organisations).where(and(listed(), side)).orderBy(asc(organisations.name));
}
