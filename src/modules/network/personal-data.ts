// What network keeps about a person: nothing of its own beyond the organisations the person works
// for (their roles live in core). The archive names them, so "my data" says where one works.
import { and, eq, inArray } from 'drizzle-orm';
import { roleAssignments } from '../../core/auth/schema';
import type { PersonalData } from '../../core/modules';
import { organisations } from './schema';

export const networkPersonalData: PersonalData = {
  processingKey: 'network',
  retention: 'organisations are kept while they take part in projects; the person is listed through their role',
  async exportFor(db, userId) {
    const scopes = await db
      .select({ id: roleAssignments.scopeId, role: roleAssignments.role })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.scopeKind, 'organisation')));
    const ids = scopes.map((s) => s.id).filter((id): id is string => Boolean(id));
    if (ids.length === 0) return undefined;
    const rows = await db
      .select({
        id: organisations.id,
        name: organisations.name,
        street: organisations.street,
        postcode: organisations.postcode,
        city: organisations.city,
        email: organisations.email,
      })
      .from(organisations)
      .where(inArray(organisations.id, ids));
    return {
      organisationsIWorkFor: rows.map((o) => ({
        ...o,
        myRoles: scopes.filter((s) => s.id === o.id).map((s) => s.role),
      })),
    };
  },
};
