// Registration and password-reset requests are answered before anyone looks the address up: the
// request hashes what it must and queues one job of the same kind for a known and an unknown
// address, so neither the answer, its cookies, its database writes nor its timing tell whether an
// account exists. The job decides: a new account and its confirmation mail, or a note to the owner
// that someone tried to register with their address; a reset link, or nothing.
import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit';
import type { Config } from '../config/config';
import type { Db } from '../db/client';
import { enqueueJob } from '../jobs/jobs';
import { jobs } from '../jobs/schema';
import { sendMail } from '../mail/mail';
import type { AppDeps } from '../modules';
import { hashPassword } from './passwords';
import { createUser, findUserByEmail, grantRole, issueUserToken, normaliseEmail } from './users';

export const REGISTER_JOB = 'accounts.register';
export const RESET_JOB = 'accounts.passwordReset';

const registration = z.object({
  ref: z.string(),
  email: z.string(),
  name: z.string(),
  passwordHash: z.string(),
  language: z.string(),
  ip: z.string().nullable(),
});
const resetRequest = z.object({ ref: z.string(), email: z.string(), language: z.string(), ip: z.string().nullable() });

/** The request's part of registering: the same work whether or not the address has an account. */
export async function requestRegistration(
  db: Db,
  r: { email: string; name: string; password: string; language: string; ip: string | null },
): Promise<void> {
  const payload: z.infer<typeof registration> = {
    ref: randomUUID(),
    email: normaliseEmail(r.email),
    name: r.name.trim(),
    passwordHash: await hashPassword(r.password),
    language: r.language,
    ip: r.ip,
  };
  await enqueueJob(db, REGISTER_JOB, payload);
}

/** The request's part of a password reset: the same work whether or not the address has an account. */
export async function requestPasswordReset(
  db: Db,
  r: { email: string; language: string; ip: string | null },
): Promise<void> {
  const payload: z.infer<typeof resetRequest> = {
    ref: randomUUID(),
    email: normaliseEmail(r.email),
    language: r.language,
    ip: r.ip,
  };
  await enqueueJob(db, RESET_JOB, payload);
}

// A done request keeps no address, name or password hash in the jobs table.
async function forgetRequest(db: Db, kind: string, ref: string) {
  await db
    .update(jobs)
    .set({ payload: {} })
    .where(and(eq(jobs.kind, kind), sql`${jobs.payload}->>'ref' = ${ref}`));
}

/** Requests that never finished (their attempts ran out) are forgotten after a day as well. */
export async function forgetStaleRequests(db: Db, now: Date) {
  await db
    .update(jobs)
    .set({ payload: {} })
    .where(
      and(
        sql`${jobs.kind} in (${REGISTER_JOB}, ${RESET_JOB})`,
        lt(jobs.createdAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)),
        sql`${jobs.payload} <> '{}'::jsonb`,
      ),
    );
}

const link = (config: Config, lang: string, path: string) => `${config.baseUrl}/${lang}${path}`;

export async function handleRegistration(payload: unknown, deps: AppDeps): Promise<void> {
  const parsed = registration.safeParse(payload);
  if (!parsed.success) return; // already forgotten: nothing left to do
  const r = parsed.data;
  const { db, config } = deps;
  await db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, r.email);
    if (existing) {
      // the owner hears of it, in their own language; the person registering learns nothing
      await sendMail(tx, config, {
        to: existing.email,
        template: 'registrationAttempt',
        language: existing.language,
        vars: {
          name: existing.name,
          signInLink: link(config, existing.language, '/sign-in'),
          resetLink: link(config, existing.language, '/password-reset'),
        },
      });
      await recordAudit(
        tx,
        { id: null, label: r.email, ip: r.ip },
        { action: 'auth.registrationForExistingAccount', subjectKind: 'user', subjectId: existing.id },
      );
      return;
    }
    const actor = { id: null, label: r.email, ip: r.ip };
    const userId = await createUser(tx, actor, {
      email: r.email,
      name: r.name,
      passwordHash: r.passwordHash,
      language: r.language,
      now: deps.now(),
    });
    await grantRole(tx, { id: userId, label: r.email, ip: r.ip }, userId, 'participant');
    await recordAudit(
      tx,
      { id: userId, label: r.email, ip: r.ip },
      {
        action: 'consent.given',
        subjectKind: 'user',
        subjectId: userId,
        after: { purpose: 'account', privacyNotice: `/${r.language}/privacy` },
      },
    );
    const token = await issueUserToken(tx, userId, 'confirm', { now: deps.now() });
    await sendMail(tx, config, {
      to: r.email,
      template: 'confirmEmail',
      language: r.language,
      vars: { name: r.name, link: link(config, r.language, `/confirm-email/${token}`) },
    });
  });
  await forgetRequest(db, REGISTER_JOB, r.ref);
}

export async function handlePasswordReset(payload: unknown, deps: AppDeps): Promise<void> {
  const parsed = resetRequest.safeParse(payload);
  if (!parsed.success) return;
  const r = parsed.data;
  const { db, config } = deps;
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, r.email);
    if (!user) return;
    const token = await issueUserToken(tx, user.id, 'reset', { now: deps.now() });
    await sendMail(tx, config, {
      to: user.email,
      template: 'passwordReset',
      language: r.language,
      vars: { name: user.name, link: link(config, r.language, `/password-reset/${token}`) },
    });
    await recordAudit(
      tx,
      { id: null, label: r.email, ip: r.ip },
      { action: 'auth.resetRequested', subjectKind: 'user', subjectId: user.id },
    );
  });
  await forgetRequest(db, RESET_JOB, r.ref);
}
