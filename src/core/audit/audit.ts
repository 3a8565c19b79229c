// Writes and reads the audit log. Stores call `recordAudit` inside their own transaction, so a
// change and its audit entry are written together or not at all.
import { and, count, desc, eq, gte, ilike, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from './schema';

export interface Actor {
  id: string | null;
  label: string;
  ip?: string | null;
}

export const systemActor: Actor = { id: null, label: 'system' };

export interface AuditEntry {
  action: string;
  subjectKind: string;
  subjectId?: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.id,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    action: entry.action,
    subjectKind: entry.subjectKind,
    subjectId: entry.subjectId ?? '',
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  subjectKind?: string;
  subjectId?: string;
  from?: Date;
  until?: Date;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.actor) where.push(ilike(auditLog.actorLabel, `%${escapeLike(f.actor)}%`));
  if (f.action) where.push(ilike(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.subjectKind) where.push(eq(auditLog.subjectKind, f.subjectKind));
  if (f.subjectId) where.push(eq(auditLog.subjectId, f.subjectId));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.until) where.push(lt(auditLog.at, f.until));
  const cond = where.length ? and(...where) : undefined;
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.at))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(auditLog).where(cond),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
