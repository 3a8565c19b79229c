// Queries for organisations; other modules use these through ../network/index.ts.
import { asc, eq, inArray } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../core/audit/audit';
import type { Db } from '../../core/db/client';
import type { CurrentUser } from '../../core/ui/context';
import { organisations } from './schema';

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = Omit<typeof organisations.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function createOrganisation(db: Db, actor: Actor, o: NewOrganisation): Promise<string> {
  const [row] = await db
    .insert(organisations)
    .values({ ...o, isMigrantOrganisation: o.kind === 'migrantOrganisation' || Boolean(o.isMigrantOrganisation) })
    .returning({ id: organisations.id });
  if (!row) throw new Error('organisation insert returned nothing');
  await recordAudit(db, actor, {
    action: 'organisation.created',
    subjectKind: 'organisation',
    subjectId: row.id,
    after: o,
  });
  return row.id;
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function getOrganisations(db: Db, ids: string[]): Promise<Organisation[]> {
  if (ids.length === 0) return [];
  return db.select().from(organisations).where(inArray(organisations.id, ids));
}

export async function listOrganisations(db: Db): Promise<Organisation[]> {
  return db.select().from(organisations).orderBy(asc(organisations.name));
}

/** Ids of the organisations a person works for (carrier staff). */
export function organisationIdsOf(user: CurrentUser | null): string[] {
  if (!user) return [];
  return user.roles.filter((r) => r.role === 'carrierStaff' && r.scopeKind === 'organisation').map((r) => r.scopeId);
}
