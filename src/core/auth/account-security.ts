// What every person manages about their own account's security: the password (with the current
// one), the e-mail address (confirmed through a link to the new one, with a notice and a way back
// to the old one), and the state of the second factor. Each change is audited, and its mails are
// written to the outbox, in the same transaction.
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import { type Actor, recordAudit } from '../audit/audit';
import type { Config } from '../config/config';
import type { Db } from '../db/client';
import { type FieldIssue, issue } from '../http/form';
import { isLang } from '../i18n/i18n';
import { sendMail } from '../mail/mail';
import { hashPassword, verifyPassword } from './passwords';
import { users, userTokens } from './schema';
import { destroyOtherSessions } from './sessions';
import { hashToken, newToken } from './tokens';
import { normaliseEmail } from './users';

export const EMAIL_CHANGE_MS = 24 * 60 * 60 * 1000;
const CHANGE = 'emailChange';
const CANCEL = 'emailChangeCancel';

const mailLanguage = (language: string) => (isLang(language) ? language : 'de');

export async function securityOverview(db: Db, userId: string) {
  const [row] = await db
    .select({ email: users.email, totpEnabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export type PasswordChange = 'changed' | 'wrongPassword';

/**
 * Sets a new password once the current one is proven. Every other session ends (the one in use
 * stays), pending links for a change of address lapse, and a mail tells the owner.
 */
export async function changePassword(
  db: Db,
  config: Config,
  actor: Actor,
  p: { userId: string; currentPassword: string; newPassword: string; keepSessionToken: string },
  now: Date,
): Promise<PasswordChange> {
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user || !(await verifyPassword(user.passwordHash, p.currentPassword))) return 'wrongPassword';
  const passwordHash = await hashPassword(p.newPassword);
  const lang = mailLanguage(user.language);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, p.userId));
    const ended = await destroyOtherSessions(tx, p.userId, p.keepSessionToken);
    // a link waiting in a mailbox must not undo or outlive this change
    await retirePending(tx, p.userId, [CHANGE, CANCEL, 'reset'], now);
    await recordAudit(tx, actor, {
      action: 'user.passwordChanged',
      subjectKind: 'user',
      subjectId: p.userId,
      after: { otherSessionsEnded: ended },
    });
    await sendMail(tx, config, {
      to: user.email,
      template: 'securityPasswordChanged',
      language: lang,
      vars: { name: user.name, link: `${config.baseUrl}/${lang}/password-reset` },
    });
  });
  return 'changed';
}

export type EmailChangeRequest = 'requested' | 'wrongPassword' | 'sameAddress';

/** What a refused change says, at which field: a wrong password at the password field it was typed in. */
export function securityIssue(outcome: 'wrongPassword' | 'sameAddress', passwordField: string): FieldIssue {
  return outcome === 'wrongPassword'
    ? issue(passwordField, 'auth:security.password.wrong')
    : issue('newEmail', 'auth:security.email.same');
}

/**
 * Starts a change of address: a link to the new address confirms it, a notice to the old one says
 * how to stop it. If another account already has the new address, its holder gets a notice
 * instead of the link; the person asking sees the same answer either way, and confirming
 * refuses an address taken meanwhile.
 */
export async function requestEmailChange(
  db: Db,
  config: Config,
  actor: Actor,
  p: { userId: string; newEmail: string; password: string },
  now: Date,
): Promise<EmailChangeRequest> {
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user || !(await verifyPassword(user.passwordHash, p.password))) return 'wrongPassword';
  const newEmail = normaliseEmail(p.newEmail);
  if (newEmail === user.email) return 'sameAddress';
  const lang = mailLanguage(user.language);
  const change = newToken();
  const cancel = newToken();
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_MS);
  await db.transaction(async (tx) => {
    // only the latest request counts
    await retirePending(tx, p.userId, [CHANGE, CANCEL], now);
    await tx
      .insert(userTokens)
      .values({ tokenHash: cancel.hash, userId: p.userId, purpose: CANCEL, payload: null, expiresAt });
    await recordAudit(tx, actor, {
      action: 'user.emailChangeRequested',
      subjectKind: 'user',
      subjectId: p.userId,
      after: { email: newEmail },
    });
    // The person asking is answered the same either way, and their old address gets the same
    // notice. The holder of a taken address learns only that it was given, never by whom, and
    // gets nothing to confirm.
    const [holder] = await tx
      .select({ name: users.name, language: users.language })
      .from(users)
      .where(and(eq(users.email, newEmail), ne(users.id, p.userId)));
    if (holder) {
      const holderLang = mailLanguage(holder.language);
      await sendMail(tx, config, {
        to: newEmail,
        template: 'securityEmailInUse',
        language: holderLang,
        vars: { name: holder.name, link: `${config.baseUrl}/${holderLang}/account/security` },
      });
    } else {
      await tx
        .insert(userTokens)
        .values({ tokenHash: change.hash, userId: p.userId, purpose: CHANGE, payload: newEmail, expiresAt });
      await sendMail(tx, config, {
        to: newEmail,
        template: 'securityEmailChange',
        language: lang,
        vars: { name: user.name, link: `${config.baseUrl}/${lang}/confirm-email-change/${change.token}` },
      });
    }
    await sendMail(tx, config, {
      to: user.email,
      template: 'securityEmailChangeNotice',
      language: lang,
      vars: {
        name: user.name,
        email: newEmail,
        link: `${config.baseUrl}/${lang}/cancel-email-change/${cancel.token}`,
      },
    });
  });
  return 'requested';
}

async function retirePending(db: Db, userId: string, purposes: string[], now: Date) {
  await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), inArray(userTokens.purpose, purposes), isNull(userTokens.usedAt)));
}

const valid = (token: string, purpose: string, now: Date) =>
  and(
    eq(userTokens.tokenHash, hashToken(token)),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, now),
  );

/** The change a still-valid confirmation link stands for, without using it up. */
export async function peekEmailChange(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ userId: userTokens.userId, email: userTokens.payload })
    .from(userTokens)
    .where(valid(token, CHANGE, now));
  return row?.email ? { userId: row.userId, email: row.email } : undefined;
}

export type EmailChangeResult = { status: 'changed'; email: string } | { status: 'taken' } | { status: 'invalid' };

/**
 * Uses the confirmation link (once) and moves the account to the new address, which counts as
 * confirmed. If another account has the address by now, nothing changes and the person is told.
 */
export async function confirmEmailChange(
  db: Db,
  actor: Omit<Actor, 'id'>,
  token: string,
  now: Date,
): Promise<EmailChangeResult> {
  try {
    return await db.transaction(async (tx): Promise<EmailChangeResult> => {
      const [used] = await tx
        .update(userTokens)
        .set({ usedAt: now })
        .where(valid(token, CHANGE, now))
        .returning({ userId: userTokens.userId, email: userTokens.payload });
      if (!used?.email) return { status: 'invalid' };
      const email = used.email;
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, email), ne(users.id, used.userId)));
      if (taken) return { status: 'taken' };
      const [before] = await tx.select({ email: users.email }).from(users).where(eq(users.id, used.userId));
      if (!before) return { status: 'invalid' };
      await tx.update(users).set({ email, emailConfirmedAt: now, updatedAt: now }).where(eq(users.id, used.userId));
      // links sent to the old address (reset, confirmation) no longer reach the owner
      await retirePending(tx, used.userId, [CHANGE, CANCEL, 'confirm', 'reset'], now);
      await recordAudit(
        tx,
        { ...actor, id: used.userId },
        { action: 'user.emailChanged', subjectKind: 'user', subjectId: used.userId, before, after: { email } },
      );
      return { status: 'changed', email };
    });
  } catch (err) {
    // another account took the address between the check and the update (unique index)
    if ((err as { code?: string }).code === '23505' || /users_email_unique/.test(String(err)))
      return { status: 'taken' };
    throw err;
  }
}

/** Whether a link to stop a change of address still works. */
export async function isEmailChangeCancelValid(db: Db, token: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ userId: userTokens.userId })
    .from(userTokens)
    .where(valid(token, CANCEL, now));
  return Boolean(row);
}

/** Stops a pending change of address through the link sent to the old one; false when it no longer works. */
export async function cancelEmailChange(db: Db, actor: Omit<Actor, 'id'>, token: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(valid(token, CANCEL, now))
      .returning({ userId: userTokens.userId });
    if (!used) return false;
    await retirePending(tx, used.userId, [CHANGE, CANCEL], now);
    await recordAudit(
      tx,
      { ...actor, id: used.userId },
      { action: 'user.emailChangeCancelled', subjectKind: 'user', subjectId: used.userId },
    );
    return true;
  });
}
