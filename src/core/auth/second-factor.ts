// The optional second factor for staff: time-based one-time codes (TOTP, RFC 6238, 30-second steps,
// six digits, as every authenticator app expects) and ten single-use recovery codes. A code is
// accepted one step early or late (clock drift) and never twice: the last step used is kept.
import { createHash, randomInt } from 'node:crypto';
import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { type Actor, recordAudit } from '../audit/audit';
import type { Db } from '../db/client';
import { recoveryCodes, users } from './schema';
import { consumeUserTokenRow, issueUserToken, peekUserTokenRow } from './users';

export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
// no 0/o, 1/l/i: a code copied from paper should not be misread
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export const newTotpSecret = () => generateSecret();

/** What the authenticator app reads from the QR code. */
export const totpUri = (secret: string, issuer: string, account: string) =>
  generateURI({ issuer, label: account, secret });

/** The QR code as an SVG element, rendered on the server. */
export const qrSvg = (text: string) => QRCode.toString(text, { type: 'svg', width: 200, margin: 2 });

/** The secret in groups of four, for typing it in by hand. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** What a person typed, without spaces or dashes, lower case. */
export const normaliseCode = (input: string) => input.replace(/[\s-]+/g, '').toLowerCase();

export const looksLikeTotp = (input: string) => /^\d{6}$/.test(normaliseCode(input));

/**
 * The time step a code belongs to, when it matches the secret within one step of `now` and comes
 * after the last step used; undefined otherwise (also for anything that is not six digits).
 */
export async function matchTotp(
  secret: string,
  input: string,
  lastStep: number | null,
  now: Date,
): Promise<number | undefined> {
  const token = normaliseCode(input);
  if (!/^\d{6}$/.test(token)) return undefined;
  try {
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    return undefined;
  }
}

const hashCode = (code: string) => createHash('sha256').update(normaliseCode(code)).digest('hex');

/** Ten fresh recovery codes as shown once (xxxxx-xxxxx), and the hashes that are stored instead. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashCode) };
}

// ---- enrolment: a secret waits (15 minutes) until the person confirms it with a code ----

export async function startEnrolment(db: Db, userId: string, now: Date): Promise<{ token: string; secret: string }> {
  const secret = newTotpSecret();
  const token = await issueUserToken(db, userId, 'totpEnrol', { payload: secret, now });
  return { token, secret };
}

/** The secret waiting for confirmation under this token, if it is this person's and still valid. */
export async function pendingEnrolment(db: Db, userId: string, token: string, now: Date): Promise<string | undefined> {
  const row = await peekUserTokenRow(db, token, 'totpEnrol', now);
  return row && row.userId === userId && row.payload ? row.payload : undefined;
}

/**
 * Turns the second factor on with the confirmed secret and returns the recovery codes to show
 * once; undefined when the enrolment was already used or ran out.
 */
export async function enableTotp(
  db: Db,
  actor: Actor,
  userId: string,
  token: string,
  step: number,
  now: Date,
): Promise<string[] | undefined> {
  return db.transaction(async (tx) => {
    const row = await consumeUserTokenRow(tx, token, 'totpEnrol', now);
    if (!row || row.userId !== userId || !row.payload) return undefined;
    await tx
      .update(users)
      .set({ totpSecret: row.payload, totpEnabledAt: now, totpLastStep: step, updatedAt: now })
      .where(eq(users.id, userId));
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, actor, { action: 'auth.twoFactorEnabled', subjectKind: 'user', subjectId: userId });
    return codes;
  });
}

async function replaceRecoveryCodes(tx: Db, userId: string): Promise<string[]> {
  const { codes, hashes } = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  return codes;
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(db: Db, actor: Actor, userId: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, actor, { action: 'auth.recoveryCodesRenewed', subjectKind: 'user', subjectId: userId });
    return codes;
  });
}

export async function disableTotp(db: Db, actor: Actor, userId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now })
      .where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await recordAudit(tx, actor, { action: 'auth.twoFactorDisabled', subjectKind: 'user', subjectId: userId });
  });
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

// ---- using a factor ----

/** Records a matched step as used; false when this or a later step was used meanwhile (a replay). */
async function claimStep(db: Db, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length === 1;
}

/** Uses one recovery code of the person; false when it is not one of theirs or was used before. */
async function claimRecoveryCode(db: Db, actor: Actor, userId: string, input: string, now: Date): Promise<boolean> {
  const code = normaliseCode(input);
  if (!/^[a-z0-9]{10}$/.test(code)) return false;
  return db.transaction(async (tx) => {
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashCode(code)), isNull(recoveryCodes.usedAt)),
      )
      .returning({ id: recoveryCodes.id });
    if (used.length === 0) return false;
    await recordAudit(tx, actor, { action: 'auth.recoveryCodeUsed', subjectKind: 'user', subjectId: userId });
    return true;
  });
}

export type FactorUsed = 'totp' | 'recoveryCode';

/**
 * Checks a second factor of an account with TOTP on and uses it up: a current authenticator code,
 * one of the recovery codes, or (`either`) whichever the input looks like. Undefined when it does
 * not match, or was used before.
 */
export async function useSecondFactor(
  db: Db,
  actor: Actor,
  user: { id: string; totpSecret: string | null; totpLastStep: number | null },
  input: string,
  accept: FactorUsed | 'either',
  now: Date,
): Promise<FactorUsed | undefined> {
  if (!user.totpSecret) return undefined;
  const kind: FactorUsed = accept === 'either' ? (looksLikeTotp(input) ? 'totp' : 'recoveryCode') : accept;
  if (kind === 'totp') {
    const step = await matchTotp(user.totpSecret, input, user.totpLastStep, now);
    return step !== undefined && (await claimStep(db, user.id, step)) ? 'totp' : undefined;
  }
  return (await claimRecoveryCode(db, actor, user.id, input, now)) ? 'recoveryCode' : undefined;
}

// ---- the step between password and code at sign-in: five minutes, once ----

export async function startSignInStep(db: Db, userId: string, next: string | undefined, now: Date): Promise<string> {
  return issueUserToken(db, userId, 'signInSecondFactor', { payload: JSON.stringify({ next: next ?? '' }), now });
}

const stepPayload = (payload: string | null): { next?: string } => {
  try {
    const p = JSON.parse(payload ?? '{}') as { next?: unknown };
    return typeof p.next === 'string' && p.next ? { next: p.next } : {};
  } catch {
    return {};
  }
};

/** The person waiting for their second step under this token, if it is still open. */
export async function openSignInStep(db: Db, token: string, now: Date) {
  const row = await peekUserTokenRow(db, token, 'signInSecondFactor', now);
  return row ? { userId: row.userId, ...stepPayload(row.payload) } : undefined;
}

/** Ends the step (once): returns its person and where they wanted to go, or undefined. */
export async function finishSignInStep(db: Db, token: string, now: Date) {
  const row = await consumeUserTokenRow(db, token, 'signInSecondFactor', now);
  return row ? { userId: row.userId, ...stepPayload(row.payload) } : undefined;
}
