// Opening and reading a project's workspace. Opening happens once per grant, however often the
// event is delivered: the grant's unique index makes a second delivery a no-op.
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../core/db/client';
import { projectPartners, projects } from '../schema';

export interface WorkspaceSeed {
  grantId: string;
  applicationId: string;
  programmeId: string;
  organisationId: string;
  title: string;
  startDate: string;
  endDate: string;
  partners: { name: string; isMigrantOrganisation: boolean; role: string; tasks: string; budgetShareBp: number }[];
}

/** Opens the workspace of `seed`'s grant in `tx`; answers its id, or undefined when it was open already. */
export async function openWorkspace(tx: Db, seed: WorkspaceSeed, now: Date): Promise<string | undefined> {
  const [opened] = await tx
    .insert(projects)
    .values({
      grantId: seed.grantId,
      applicationId: seed.applicationId,
      programmeId: seed.programmeId,
      organisationId: seed.organisationId,
      title: seed.title,
      startDate: seed.startDate,
      endDate: seed.endDate,
      openedAt: now,
    })
    .onConflictDoNothing({ target: projects.grantId })
    .returning({ id: projects.id });
  if (!opened) return undefined;
  if (seed.partners.length > 0)
    await tx
      .insert(projectPartners)
      .values(seed.partners.map((p, i) => ({ ...p, projectId: opened.id, position: i + 1 })));
  return opened.id;
}

/** The workspace of a grant with its partners in the grant's order, or undefined. */
export async function workspaceOfGrant(db: Db, grantId: string) {
  const [project] = await db.select().from(projects).where(eq(projects.grantId, grantId));
  return project && withPartners(db, project);
}

/** The workspaces of these organisations' projects, the latest start first. */
export async function workspacesOf(db: Db, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .select()
    .from(projects)
    .where(inArray(projects.organisationId, organisationIds))
    .orderBy(desc(projects.startDate), asc(projects.title));
}

/** One workspace by its id, with its partners, or undefined. */
export async function getWorkspace(db: Db, id: string) {
  const [project] = await db.select().from(projects).where(eq(projects.id, id));
  return project && withPartners(db, project);
}

async function withPartners(db: Db, project: typeof projects.$inferSelect) {
  const partners = await db
    .select()
    .from(projectPartners)
    .where(eq(projectPartners.projectId, project.id))
    .orderBy(asc(projectPartners.position));
  return { project, partners };
}
