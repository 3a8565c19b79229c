// Accounts and their roles. Every change is audited in the same transaction. Times come from the
// app's clock (`now`, AppDeps.now): token lifetimes, confirmations and updates are decided and
// recorded by it, so tests can move past a link's lifetime.
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Actor, identifiersInAudit, pseudonymiseAudit, recordAudit } from '../audit/audit';
import type { Db } from '../db/client';
import { deleteMailsTo } from '../mail/mail';
import { systemClock } from '../time/clock';
import type { CurrentUser } from '../ui/context';
import { hashPassword } from './passwords';
import { rateLimits, recoveryCodes, roleAssignments, sessions, setupTokens, users, userTokens } from './schema';
import { hashToken, newToken } from './tokens';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface NewUser {
  email: string;
  name: string;
  language?: string;
  confirmed?: boolean;
  /** the password, or its hash when it was hashed earlier (registration hashes in the request) */
  password?: string;
  passwordHash?: string;
  /** when the account is made, by the app's clock (the system clock when not given: scripts and tests) */
  now?: Date;
}

export class EmailTakenError extends Error {}

export async function createUser(db: Db, actor: Actor, u: NewUser): Promise<string> {
  const email = normaliseEmail(u.email);
  if (u.passwordHash === undefined && u.password === undefined) throw new Error('a new account needs a password');
  const passwordHash = u.passwordHash ?? (await hashPassword(u.password as string));
  const now = u.now ?? systemClock();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new EmailTakenError(email);
    const [row] = await tx
      .insert(users)
      .values({
        email,
        name: u.name.trim(),
        passwordHash,
        language: u.language ?? 'de',
        emailConfirmedAt: u.confirmed ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    if (!row) throw new Error('user insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'user.created',
      subjectKind: 'user',
      subjectId: row.id,
      after: { email, name: u.name.trim(), language: u.language ?? 'de' },
    });
    return row.id;
  });
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row;
}

export async function findUserById(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function loadCurrentUser(db: Db, id: string): Promise<CurrentUser | null> {
  const user = await findUserById(db, id);
  // a disabled account has no live session: the next request after disabling is anonymous
  if (!user || user.disabledAt) return null;
  const roles = await db
    .select({ role: roleAssignments.role, scopeKind: roleAssignments.scopeKind, scopeId: roleAssignments.scopeId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, id));
  return { id: user.id, email: user.email, name: user.name, language: user.language, roles };
}

export async function grantRole(db: Db, actor: Actor, userId: string, role: string, scopeKind = '', scopeId = '') {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(roleAssignments)
      .values({ userId, role, scopeKind, scopeId })
      .onConflictDoNothing()
      .returning({ id: roleAssignments.id });
    if (inserted.length)
      await recordAudit(tx, actor, {
        action: 'role.granted',
        subjectKind: 'user',
        subjectId: userId,
        after: { role, scopeKind, scopeId },
      });
  });
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(roleAssignments).where(eq(roleAssignments.role, 'admin'));
  return row?.n ?? 0;
}

export async function updateAccount(
  db: Db,
  actor: Actor,
  userId: string,
  change: { name: string; language: string },
  now: Date,
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: users.name, language: users.language })
      .from(users)
      .where(eq(users.id, userId));
    await tx
      .update(users)
      .set({ name: change.name.trim(), language: change.language, updatedAt: now })
      .where(eq(users.id, userId));
    await recordAudit(tx, actor, {
      action: 'user.updated',
      subjectKind: 'user',
      subjectId: userId,
      before,
      after: change,
    });
  });
}

export async function listUsers(db: Db) {
  return db.select({ id: users.id, email: users.email, name: users.name }).from(users).orderBy(asc(users.email));
}

// ---- one-time tokens sent by mail, and the step between password and second factor ----

export type TokenPurpose = 'reset' | 'confirm' | 'emailChange' | 'invitation' | 'signInSecondFactor' | 'totpEnrol';
const lifetimes: Record<TokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  confirm: 7 * 24 * 60 * 60 * 1000,
  emailChange: 24 * 60 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
  signInSecondFactor: 5 * 60 * 1000,
  totpEnrol: 15 * 60 * 1000,
};

export async function issueUserToken(
  db: Db,
  userId: string,
  purpose: TokenPurpose,
  opts: { payload?: string; now?: Date } = {},
): Promise<string> {
  const { token, hash } = newToken();
  // core passes the app's clock; the system clock is for scripts and tests that set up a link
  const now = opts.now ?? systemClock();
  await db.insert(userTokens).values({
    tokenHash: hash,
    userId,
    purpose,
    payload: opts.payload ?? null,
    expiresAt: new Date(now.getTime() + lifetimes[purpose]),
    createdAt: now,
  });
  return token;
}

const liveToken = (token: string, purpose: TokenPurpose, now: Date) =>
  and(
    eq(userTokens.tokenHash, hashToken(token)),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, now),
  );

/** A still-valid token's user and payload, without using it up. */
export async function peekUserTokenRow(db: Db, token: string, purpose: TokenPurpose, now: Date) {
  const [row] = await db
    .select({ userId: userTokens.userId, payload: userTokens.payload })
    .from(userTokens)
    .where(liveToken(token, purpose, now));
  return row;
}

/** The user a still-valid token belongs to, without using it up. */
export async function peekUserToken(db: Db, token: string, purpose: TokenPurpose, now: Date) {
  return (await peekUserTokenRow(db, token, purpose, now))?.userId;
}

/** Marks the token used; returns its user and payload only for the first caller (atomic). */
export async function consumeUserTokenRow(db: Db, token: string, purpose: TokenPurpose, now: Date) {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(liveToken(token, purpose, now))
    .returning({ userId: userTokens.userId, payload: userTokens.payload });
  return row;
}

/** Marks the token used; returns its user only for the first caller (atomic). */
export async function consumeUserToken(
  db: Db,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string | undefined> {
  return (await consumeUserTokenRow(db, token, purpose, now))?.userId;
}

/** Ends every open token of one purpose for the person (e.g. the other reset links once one is used). */
export async function retireUserTokens(db: Db, userId: string, purpose: TokenPurpose, now: Date) {
  await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
}

export async function setPassword(db: Db, actor: Actor, userId: string, password: string, now: Date) {
  const passwordHash = await hashPassword(password);
  await db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
  await recordAudit(db, actor, { action: 'user.passwordChanged', subjectKind: 'user', subjectId: userId });
}

export interface AccountOwner {
  id: string;
  email: string;
  name: string;
  language: string;
}

/**
 * Sets a new password through a reset link, in one transaction: the link is used up and so are
 * all other open reset links of the account, every session ends, and the link (which reached the
 * mailbox) confirms the address. `alsoInside` runs in the same transaction, e.g. to queue the mail
 * that tells the owner. Undefined when the link was not valid (or someone was faster).
 */
export async function resetPasswordWithToken(
  db: Db,
  token: string,
  passwordHash: string,
  ip: string | undefined,
  alsoInside: (tx: Db, owner: AccountOwner) => Promise<void>,
  now: Date,
): Promise<AccountOwner | undefined> {
  return db.transaction(async (tx) => {
    const used = await consumeUserTokenRow(tx, token, 'reset', now);
    if (!used) return undefined;
    const userId = used.userId;
    await retireUserTokens(tx, userId, 'reset', now);
    const [owner] = await tx
      .update(users)
      .set({
        passwordHash,
        updatedAt: now,
        emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(users.id, userId))
      .returning({ id: users.id, email: users.email, name: users.name, language: users.language });
    if (!owner) return undefined;
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(
      tx,
      { id: userId, label: 'password-reset', ip },
      { action: 'user.passwordChanged', subjectKind: 'user', subjectId: userId, after: { via: 'resetLink' } },
    );
    await alsoInside(tx, owner);
    return owner;
  });
}

export async function confirmEmail(db: Db, actor: Actor, userId: string, now: Date) {
  await db.update(users).set({ emailConfirmedAt: now }).where(eq(users.id, userId));
  await recordAudit(db, actor, { action: 'user.emailConfirmed', subjectKind: 'user', subjectId: userId });
}

// ---- setup tokens: the first administrator ----

export async function issueSetupToken(db: Db): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(setupTokens).values({ tokenHash: hash });
  return token;
}

export async function isSetupTokenValid(db: Db, token: string): Promise<boolean> {
  if ((await countAdmins(db)) > 0) return false;
  const [row] = await db
    .select({ h: setupTokens.tokenHash })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, hashToken(token)), isNull(setupTokens.usedAt)));
  return Boolean(row);
}

/** Uses the token and retires all others; false when it was not valid (or someone was faster). */
export async function useSetupToken(db: Db, token: string, now: Date): Promise<boolean> {
  const used = await db
    .update(setupTokens)
    .set({ usedAt: now })
    .where(and(eq(setupTokens.tokenHash, hashToken(token)), isNull(setupTokens.usedAt)))
    .returning({ h: setupTokens.tokenHash });
  if (used.length === 0) return false;
  await db.update(setupTokens).set({ usedAt: now }).where(isNull(setupTokens.usedAt));
  return true;
}

export const userCount = async (db: Db) => (await db.select({ n: sql<number>`count(*)::int` }).from(users))[0]?.n ?? 0;

/** Where to send mail meant for administrators (e.g. accessibility feedback). */
export async function listAdminContacts(db: Db) {
  return db
    .select({ email: users.email, language: users.language })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(eq(roleAssignments.role, 'admin'));
}

/** People holding a role (optionally in one scope), e.g. all reviewers, or one organisation's staff. */
export async function listUsersWithRole(db: Db, role: string, scopeKind?: string, scopeId?: string) {
  const conds = [eq(roleAssignments.role, role)];
  if (scopeKind !== undefined) conds.push(eq(roleAssignments.scopeKind, scopeKind));
  if (scopeId !== undefined) conds.push(eq(roleAssignments.scopeId, scopeId));
  return db
    .selectDistinct({ id: users.id, email: users.email, name: users.name, language: users.language })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(...conds))
    .orderBy(asc(users.name));
}

/**
 * Erases an account: every module removes what it keeps about the person, then the account loses
 * its roles, sessions and tokens and keeps only an id with no name, address or password, so that
 * decisions and payments others rely on still point somewhere. Refused for the last administrator.
 */
export async function eraseAccount(
  db: Db,
  actor: Actor,
  userId: string,
  erasers: ((db: Db, userId: string, now: Date) => Promise<void>)[],
  now: Date,
): Promise<'erased' | 'lastAdmin'> {
  return db.transaction(async (tx) => {
    const admin = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, 'admin')));
    if (admin.length > 0 && (await countAdmins(tx)) <= 1) return 'lastAdmin';
    for (const erase of erasers) await erase(tx, userId, now);
    // every name and address the person had: now, earlier ones the log remembers, one still pending
    const [current] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    const earlier = await identifiersInAudit(tx, userId);
    const pending = await tx
      .select({ payload: userTokens.payload })
      .from(userTokens)
      .where(and(eq(userTokens.userId, userId), isNotNull(userTokens.payload)));
    const names = [...earlier.names, ...(current?.name ? [current.name] : [])];
    const addresses = [
      ...earlier.addresses,
      ...(current ? [current.email] : []),
      ...pending.flatMap((p) => (p.payload?.includes('@') ? [p.payload] : [])),
    ].map(normaliseEmail);
    const pseudonym = `erased-${userId.slice(0, 8)}`;
    await pseudonymiseAudit(tx, userId, { names, addresses }, pseudonym);
    await deleteMailsTo(tx, addresses);
    const limitKeys = [...new Set(addresses)].flatMap((a) => [`signin:account:${a}`, `reset:account:${a}`]);
    if (limitKeys.length) await tx.delete(rateLimits).where(inArray(rateLimits.key, limitKeys));
    await tx.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
    await tx.delete(userTokens).where(eq(userTokens.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx
      .update(users)
      .set({
        email: `erased-${userId}@invalid`,
        name: '',
        passwordHash: '!',
        emailConfirmedAt: null,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    // the person erasing themselves is named by the pseudonym here too, without an IP
    const self = actor.id === userId;
    await recordAudit(tx, self ? { id: userId, label: pseudonym, ip: null } : actor, {
      action: 'account.erased',
      subjectKind: 'user',
      subjectId: userId,
    });
    return 'erased';
  });
}
