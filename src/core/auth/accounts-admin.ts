// What administrators do with other people's accounts: find them, invite new people, disable and
// re-enable, grant and revoke roles, reset a lost second factor. Each change and its audit entry
// (and the mail it causes) are written in one transaction, so a refused or failed step writes nothing.
import { and, asc, count, eq, gt, ilike, inArray, isNotNull, isNull, ne, not, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../audit/audit';
import type { Config } from '../config/config';
import type { Db } from '../db/client';
import { sendMail } from '../mail/mail';
import { hashPassword } from './passwords';
import { recoveryCodes, roleAssignments, sessions, users, userTokens } from './schema';
import { hashToken, newToken } from './tokens';
import { normaliseEmail } from './users';

export const accountStates = ['active', 'invited', 'disabled'] as const;
export type AccountState = (typeof accountStates)[number];

/** An invitation link works for seven days and once. */
export const INVITATION_MS = 7 * 24 * 60 * 60 * 1000;
// the purpose users.ts names for invitation links (TokenPurpose)
const INVITE = 'invitation';
/** The password hash of an account nobody can sign in to with a password (as erasure leaves it). */
const NO_PASSWORD = '!';

// erased accounts keep only their id (see eraseAccount); the administration no longer lists them
const notErased = not(ilike(users.email, 'erased-%@invalid'));
const stateOf = sql<AccountState>`case when ${users.disabledAt} is not null then 'disabled' when ${users.passwordHash} = ${NO_PASSWORD} then 'invited' else 'active' end`;
const stateIs: Record<AccountState, SQL> = {
  disabled: isNotNull(users.disabledAt),
  invited: and(isNull(users.disabledAt), eq(users.passwordHash, NO_PASSWORD)) as SQL,
  active: and(isNull(users.disabledAt), ne(users.passwordHash, NO_PASSWORD)) as SQL,
};

export interface RoleGrant {
  id: string;
  role: string;
  scopeKind: string;
  scopeId: string;
}

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  language: string;
  state: AccountState;
  roles: RoleGrant[];
}

export interface AccountFilter {
  /** part of the name or the address */
  q?: string;
  role?: string;
  state?: AccountState;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

async function rolesOf(db: Db, userIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const byUser = new Map<string, RoleGrant[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({
      id: roleAssignments.id,
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      scopeKind: roleAssignments.scopeKind,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .where(inArray(roleAssignments.userId, userIds))
    .orderBy(asc(roleAssignments.role), asc(roleAssignments.scopeKind), asc(roleAssignments.createdAt));
  for (const { userId, ...r } of rows) {
    const list = byUser.get(userId) ?? [];
    list.push(r);
    byUser.set(userId, list);
  }
  return byUser;
}

export async function listAccounts(db: Db, f: AccountFilter): Promise<{ rows: AccountRow[]; total: number }> {
  const where: SQL[] = [notErased];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    where.push(or(ilike(users.name, pattern), ilike(users.email, pattern)) as SQL);
  }
  if (f.role)
    where.push(
      sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id} and ${roleAssignments.role} = ${f.role})`,
    );
  if (f.state) where.push(stateIs[f.state]);
  const cond = and(...where);
  const [found, total] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, name: users.name, language: users.language, state: stateOf })
      .from(users)
      .where(cond)
      .orderBy(asc(users.name), asc(users.email))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(users).where(cond),
  ]);
  const roles = await rolesOf(
    db,
    found.map((u) => u.id),
  );
  return { rows: found.map((u) => ({ ...u, roles: roles.get(u.id) ?? [] })), total: total[0]?.n ?? 0 };
}

export interface AccountDetail extends AccountRow {
  createdAt: Date;
  disabledAt: Date | null;
  emailConfirmedAt: Date | null;
  secondFactor: boolean;
  /** why this account may not be disabled now, if it may not */
  disableRefusal?: 'self' | 'lastAdmin';
  /** the administrator role of the last active administrator cannot be revoked */
  lastActiveAdmin: boolean;
}

/** Active administrators other than `exceptUserId` (not disabled, with a password of their own). */
async function otherActiveAdmins(db: Db, exceptUserId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.role, 'admin'), ne(users.id, exceptUserId), stateIs.active));
  return row?.n ?? 0;
}

/** Serialises changes that could leave the platform without an active administrator. */
async function lockAdmins(db: Db): Promise<void> {
  await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(eq(roleAssignments.role, 'admin'))
    .for('update');
}

export async function getAccount(db: Db, id: string, viewerId?: string): Promise<AccountDetail | undefined> {
  const [u] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      language: users.language,
      state: stateOf,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
      emailConfirmedAt: users.emailConfirmedAt,
      totpEnabledAt: users.totpEnabledAt,
      totpSecret: users.totpSecret,
    })
    .from(users)
    .where(and(eq(users.id, id), notErased));
  if (!u) return undefined;
  const roles = (await rolesOf(db, [id])).get(id) ?? [];
  const isAdmin = roles.some((r) => r.role === 'admin');
  const lastActiveAdmin = isAdmin && u.state === 'active' && (await otherActiveAdmins(db, id)) === 0;
  const { totpEnabledAt, totpSecret, ...rest } = u;
  return {
    ...rest,
    roles,
    secondFactor: Boolean(totpEnabledAt || totpSecret),
    lastActiveAdmin,
    disableRefusal: id === viewerId ? 'self' : lastActiveAdmin ? 'lastAdmin' : undefined,
  };
}

/** The id of a (not erased) account with this address. */
export async function findAccountIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, normaliseEmail(email)), notErased));
  return row?.id;
}

/** Everyone holding a role limited to one scope, e.g. the staff of one organisation. */
export async function listScopeHolders(db: Db, scopeKind: string, scopeId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      state: stateOf,
      role: roleAssignments.role,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.scopeKind, scopeKind), eq(roleAssignments.scopeId, scopeId), notErased))
    .orderBy(asc(users.name), asc(users.email), asc(roleAssignments.role));
}

// ---- invitations ----

export interface Invitation {
  email: string;
  name: string;
  language: string;
  /** an optional first role, already checked against its scope */
  role?: { role: string; scopeKind: string; scopeId: string };
}

async function mailInvitation(
  db: Db,
  config: Config,
  userId: string,
  to: { email: string; name: string; language: string },
  now: Date,
) {
  const { token, hash } = newToken();
  await db.insert(userTokens).values({
    tokenHash: hash,
    userId,
    purpose: INVITE,
    expiresAt: new Date(now.getTime() + INVITATION_MS),
    createdAt: now,
  });
  await sendMail(db, config, {
    to: to.email,
    template: 'invitation',
    language: to.language,
    vars: { name: to.name, link: `${config.baseUrl}/${to.language}/invitation/${token}` },
  });
}

/**
 * Creates an account without a usable password and mails the person a link to set one.
 * Administrators may learn that an address already has an account.
 */
export async function inviteAccount(
  db: Db,
  config: Config,
  actor: Actor,
  inv: Invitation,
  now: Date,
): Promise<{ ok: true; id: string } | { ok: false; reason: 'emailTaken' }> {
  const email = normaliseEmail(inv.email);
  const name = inv.name.trim();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) return { ok: false as const, reason: 'emailTaken' as const };
    // two administrators inviting the same address at once: the second finds it taken
    const [row] = await tx
      .insert(users)
      .values({ email, name, passwordHash: NO_PASSWORD, language: inv.language, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!row) return { ok: false as const, reason: 'emailTaken' as const };
    if (inv.role) await tx.insert(roleAssignments).values({ userId: row.id, ...inv.role, createdAt: now });
    await mailInvitation(tx, config, row.id, { email, name, language: inv.language }, now);
    await recordAudit(tx, actor, {
      action: 'user.invited',
      subjectKind: 'user',
      subjectId: row.id,
      after: { email, name, language: inv.language, ...(inv.role ? { role: inv.role } : {}) },
    });
    return { ok: true as const, id: row.id };
  });
}

/** A new invitation link for someone who has not accepted yet; the earlier links stop working. */
export async function resendInvitation(
  db: Db,
  config: Config,
  actor: Actor,
  userId: string,
  now: Date,
): Promise<'sent' | 'notInvited'> {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .select({ email: users.email, name: users.name, language: users.language })
      .from(users)
      .where(and(eq(users.id, userId), notErased, stateIs.invited))
      .for('update');
    if (!u) return 'notInvited';
    await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, INVITE), isNull(userTokens.usedAt)));
    await mailInvitation(tx, config, userId, u, now);
    await recordAudit(tx, actor, { action: 'user.invitationResent', subjectKind: 'user', subjectId: userId });
    return 'sent';
  });
}

const openInvitation = (token: string, now: Date) =>
  and(
    eq(userTokens.tokenHash, hashToken(token)),
    eq(userTokens.purpose, INVITE),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, now),
  );

/** Whom a still-open invitation link is for; undefined once used, expired, or the account is disabled. */
export async function peekInvitation(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(openInvitation(token, now), stateIs.invited, notErased));
  return row;
}

/**
 * Sets the invited person's password, confirms the address the link was mailed to and uses up
 * every invitation link of the account; undefined when the link no longer works.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  password: string,
  ip: string | null,
  now: Date,
): Promise<{ userId: string; email: string; language: string } | undefined> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ userId: users.id, email: users.email, language: users.language })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(and(openInvitation(token, now), stateIs.invited, notErased))
      .for('update');
    if (!row) return undefined;
    await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, row.userId), eq(userTokens.purpose, INVITE), isNull(userTokens.usedAt)));
    await tx.update(users).set({ passwordHash, emailConfirmedAt: now, updatedAt: now }).where(eq(users.id, row.userId));
    await recordAudit(
      tx,
      { id: row.userId, label: row.email, ip },
      { action: 'user.invitationAccepted', subjectKind: 'user', subjectId: row.userId },
    );
    return row;
  });
}

// ---- disabling ----

export type DisableResult = 'disabled' | 'self' | 'lastAdmin' | 'alreadyDisabled' | 'notFound';

/**
 * Disables an account: its sessions end at once and its open mailed links stop working. Nobody
 * disables themselves, and the last active administrator stays.
 */
export async function disableAccount(db: Db, actor: Actor, userId: string, now: Date): Promise<DisableResult> {
  if (userId === actor.id) return 'self';
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const [u] = await tx
      .select({ disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.id, userId), notErased))
      .for('update');
    if (!u) return 'notFound';
    if (u.disabledAt) return 'alreadyDisabled';
    const admin = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, 'admin')));
    if (admin.length > 0 && (await otherActiveAdmins(tx, userId)) === 0) return 'lastAdmin';
    await tx.update(users).set({ disabledAt: now, updatedAt: now }).where(eq(users.id, userId));
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    await tx.delete(userTokens).where(and(eq(userTokens.userId, userId), isNull(userTokens.usedAt)));
    await recordAudit(tx, actor, {
      action: 'user.disabled',
      subjectKind: 'user',
      subjectId: userId,
      after: { sessionsEnded: ended.length },
    });
    return 'disabled';
  });
}

export async function enableAccount(
  db: Db,
  actor: Actor,
  userId: string,
  now: Date,
): Promise<'enabled' | 'notDisabled'> {
  return db.transaction(async (tx) => {
    const done = await tx
      .update(users)
      .set({ disabledAt: null, updatedAt: now })
      .where(and(eq(users.id, userId), isNotNull(users.disabledAt), notErased))
      .returning({ id: users.id });
    if (done.length === 0) return 'notDisabled';
    await recordAudit(tx, actor, { action: 'user.enabled', subjectKind: 'user', subjectId: userId });
    return 'enabled';
  });
}

// ---- roles ----

export async function grantAccountRole(
  db: Db,
  actor: Actor,
  userId: string,
  grant: { role: string; scopeKind: string; scopeId: string },
): Promise<'granted' | 'exists'> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(roleAssignments)
      .values({ userId, ...grant })
      .onConflictDoNothing()
      .returning({ id: roleAssignments.id });
    if (inserted.length === 0) return 'exists';
    await recordAudit(tx, actor, { action: 'role.granted', subjectKind: 'user', subjectId: userId, after: grant });
    return 'granted';
  });
}

/** Revokes one role; the administrator role of the last active administrator stays. */
export async function revokeAccountRole(
  db: Db,
  actor: Actor,
  userId: string,
  assignmentId: string,
): Promise<'revoked' | 'lastAdmin' | 'notFound'> {
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const [r] = await tx
      .select({ role: roleAssignments.role, scopeKind: roleAssignments.scopeKind, scopeId: roleAssignments.scopeId })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)));
    if (!r) return 'notFound';
    if (r.role === 'admin' && (await otherActiveAdmins(tx, userId)) === 0) {
      const [self] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), stateIs.active));
      if (self) return 'lastAdmin';
    }
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    await recordAudit(tx, actor, { action: 'role.revoked', subjectKind: 'user', subjectId: userId, before: r });
    return 'revoked';
  });
}

// ---- second factor ----

/**
 * For someone who lost both their authenticator and their recovery codes: the second factor and
 * its codes are removed, so the next sign-in asks for the password only, and the person is told.
 */
export async function resetSecondFactor(
  db: Db,
  config: Config,
  actor: Actor,
  userId: string,
  now: Date,
): Promise<'reset' | 'notEnrolled'> {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .select({ email: users.email, name: users.name, language: users.language })
      .from(users)
      .where(
        and(eq(users.id, userId), notErased, or(isNotNull(users.totpSecret), isNotNull(users.totpEnabledAt)) as SQL),
      )
      .for('update');
    if (!u) return 'notEnrolled';
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now })
      .where(eq(users.id, userId));
    const codes = await tx
      .delete(recoveryCodes)
      .where(eq(recoveryCodes.userId, userId))
      .returning({ id: recoveryCodes.id });
    await sendMail(tx, config, {
      to: u.email,
      template: 'secondFactorReset',
      language: u.language,
      vars: { name: u.name, link: `${config.baseUrl}/${u.language}/sign-in` },
    });
    await recordAudit(tx, actor, {
      action: 'user.secondFactorReset',
      subjectKind: 'user',
      subjectId: userId,
      after: { recoveryCodesDeleted: codes.length },
    });
    return 'reset';
  });
}
