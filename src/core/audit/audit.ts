// Writes and reads the audit log. Stores call `recordAudit` inside their own transaction, so a
// change and its audit entry are written together or not at all.
import { and, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
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

// ---- erasure: the log keeps what happened, not who the erased person was ----

export interface PersonalIdentifiers {
  names: string[];
  addresses: string[];
}

const entriesOf = (userId: string) => or(eq(auditLog.actorId, userId), eq(auditLog.subjectId, userId));

/** Names and addresses a person had, as far as the log remembers them (earlier ones included). */
export async function identifiersInAudit(db: Db, userId: string): Promise<PersonalIdentifiers> {
  const rows = await db
    .select({
      actorId: auditLog.actorId,
      actorLabel: auditLog.actorLabel,
      subjectKind: auditLog.subjectKind,
      subjectId: auditLog.subjectId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(entriesOf(userId));
  const names = new Set<string>();
  const addresses = new Set<string>();
  for (const r of rows) {
    // actors are labelled with their address; anonymous requests about the account with the one typed
    if ((r.actorId === userId || r.actorId === null) && r.actorLabel.includes('@')) addresses.add(r.actorLabel);
    if (r.subjectKind !== 'user' || r.subjectId !== userId) continue;
    for (const values of [r.before, r.after]) {
      if (!values || typeof values !== 'object') continue;
      const v = values as Record<string, unknown>;
      if (typeof v.name === 'string') names.add(v.name);
      if (typeof v.email === 'string') addresses.add(v.email);
    }
  }
  return { names: [...names], addresses: [...addresses] };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every occurrence of the identifiers in the strings of a JSON value. */
function scrub(value: unknown, patterns: RegExp[], exact: Set<string>, pseudonym: string): unknown {
  if (typeof value === 'string') {
    if (exact.has(value.trim().toLowerCase())) return pseudonym;
    return patterns.reduce((s, p) => s.replace(p, pseudonym), value);
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, patterns, exact, pseudonym));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, patterns, exact, pseudonym)]));
  return value;
}

/**
 * Pseudonymises the entries a person acted in or was the subject of: their own actor label becomes
 * the pseudonym, the IP of their requests is dropped, and each name or address of theirs inside
 * before/after is replaced. Id, action, time and everything else stay, so the log still says what
 * happened. Other people acting on them (an administrator) keep their own label.
 */
export async function pseudonymiseAudit(
  db: Db,
  userId: string,
  identifiers: PersonalIdentifiers,
  pseudonym: string,
): Promise<void> {
  const all = [...identifiers.names, ...identifiers.addresses]
    .map((s) => s.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  // a very short name ("Jo") is replaced only where it is the whole value, not inside other words
  const patterns = all.filter((s) => s.length >= 3).map((s) => new RegExp(escapeRegExp(s), 'giu'));
  const exact = new Set(all.map((s) => s.toLowerCase()));
  const addresses = identifiers.addresses.map((a) => a.trim().toLowerCase()).filter(Boolean);
  // anonymous requests about the account (failed sign-ins, resets), also under an earlier address
  const anonymous = and(
    isNull(auditLog.actorId),
    or(
      eq(auditLog.subjectId, userId),
      addresses.length ? inArray(sql`lower(${auditLog.actorLabel})`, addresses) : sql`false`,
    ),
  );
  await db.update(auditLog).set({ actorLabel: pseudonym, ip: null }).where(eq(auditLog.actorId, userId));
  await db.update(auditLog).set({ ip: null }).where(anonymous);
  const rows = await db
    .select()
    .from(auditLog)
    .where(or(anonymous, and(entriesOf(userId), or(isNotNull(auditLog.before), isNotNull(auditLog.after)))));
  for (const r of rows) {
    const label = r.actorId !== null ? r.actorLabel : String(scrub(r.actorLabel, patterns, exact, pseudonym));
    const before = r.before === null ? null : scrub(r.before, patterns, exact, pseudonym);
    const after = r.after === null ? null : scrub(r.after, patterns, exact, pseudonym);
    if (
      label === r.actorLabel &&
      JSON.stringify(before) === JSON.stringify(r.before) &&
      JSON.stringify(after) === JSON.stringify(r.after)
    )
      continue;
    await db.update(auditLog).set({ actorLabel: label, before, after }).where(eq(auditLog.id, r.id));
  }
}
