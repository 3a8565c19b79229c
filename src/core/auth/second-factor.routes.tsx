// HTTP for the second factor: the step after the password (/sign-in/two-factor) and the account
// page that turns it on and off (/account/two-factor).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, recordAudit } from '../audit/audit';
import { sendHtml, viewContext } from '../http/context';
import { renderError } from '../http/errors';
import { issue, readForm, str, text, toErrors } from '../http/form';
import { actorOf, requireUser } from '../http/guards';
import { type MailRequest, sendMail } from '../mail/mail';
import type { AppDeps, RateLimits } from '../modules';
import type { FieldErrors } from '../ui/context';
import { renderPage } from '../ui/layout';
import { verifyPassword } from './passwords';
import { clearLimit, hitLimit, isLimited } from './rate-limit';
import {
  disableTotp,
  enableTotp,
  finishSignInStep,
  groupedSecret,
  matchTotp,
  openSignInStep,
  pendingEnrolment,
  qrSvg,
  recoveryCodesLeft,
  regenerateRecoveryCodes,
  startEnrolment,
  startSignInStep,
  totpUri,
  useSecondFactor,
} from './second-factor';
import { completeSignIn } from './session-start';
import { findUserById } from './users';
import { SignInPage } from './views/auth-pages';
import {
  RecoveryCodesPage,
  SecondFactorStepPage,
  TwoFactorEnrolPage,
  TwoFactorPage,
} from './views/second-factor-pages';

/** The cookie that carries the open second step of a sign-in (five minutes, httpOnly). */
export const STEP_COOKIE = 'signin_step';
const STEP_SECONDS = 5 * 60;

type Body = Record<string, unknown>;
type Page = (ctx: Awaited<ReturnType<typeof viewContext>>) => preact.ComponentChildren;

async function page(req: FastifyRequest, reply: FastifyReply, titleKey: string, body: Page, status = 200) {
  const ctx = await viewContext(req, reply);
  return sendHtml(reply, renderPage(ctx, ctx.t(titleKey), body(ctx)), status);
}

/**
 * After a right password for an account with the second factor on: no session yet, but a step
 * that lasts five minutes and works once; the browser is sent on to enter its code.
 */
export async function startSecondStep(
  deps: AppDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  next: string | undefined,
) {
  const token = await startSignInStep(deps.db, userId, next, deps.now());
  reply.setCookie(STEP_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: STEP_SECONDS,
  });
  return reply.redirect(`/${req.lang}/sign-in/two-factor`, 303);
}

export function secondFactorRoutes(app: FastifyInstance, deps: AppDeps, limits: RateLimits) {
  const isStaff = app.roles.isStaff;
  const { db, config } = deps;
  const limitKey = (userId: string) => `2fa:account:${userId}`;

  const stepExpired = (req: FastifyRequest, reply: FastifyReply, status: number) => {
    reply.clearCookie(STEP_COOKIE, { path: '/' });
    return page(
      req,
      reply,
      'auth:signIn.title',
      (ctx) => <SignInPage ctx={ctx} refusal="auth:twoFactor.stepExpired" />,
      status,
    );
  };

  const tooMany = (req: FastifyRequest, reply: FastifyReply, retryAfter: number) => {
    reply.header('retry-after', String(retryAfter));
    return renderError(req, reply, 429);
  };

  // the owner hears of every change to how their account is protected, in their own language
  // A change the person did not make is answered by a new password, which works without signing
  // in; a used recovery code by fresh codes on the two-factor page.
  const securityMail = (user: { email: string; name: string; language: string }, mail: Pick<MailRequest, 'template'>) =>
    sendMail(db, config, {
      to: user.email,
      template: mail.template,
      language: user.language,
      vars: {
        name: user.name,
        link: `${config.baseUrl}/${user.language}/${mail.template === 'recoveryCodeUsed' ? 'account/two-factor' : 'password-reset'}`,
      },
    });

  const auditFailure = (actor: Actor, userId: string) =>
    recordAudit(db, actor, { action: 'auth.secondFactorFailed', subjectKind: 'user', subjectId: userId });

  // ---- the second step of signing in ----

  app.get('/sign-in/two-factor', async (req, reply) => {
    const step = await openSignInStep(db, req.cookies[STEP_COOKIE] ?? '', deps.now());
    if (!step) return stepExpired(req, reply, 200);
    return page(req, reply, 'auth:twoFactor.stepTitle', (ctx) => <SecondFactorStepPage ctx={ctx} />);
  });

  app.post('/sign-in/two-factor', async (req, reply) => {
    const token = req.cookies[STEP_COOKIE] ?? '';
    const step = await openSignInStep(db, token, deps.now());
    if (!step) return stepExpired(req, reply, 400);
    const user = await findUserById(db, step.userId);
    if (!user?.totpEnabledAt || !user.totpSecret) return stepExpired(req, reply, 400);
    if (user.disabledAt)
      return page(
        req,
        reply,
        'auth:signIn.title',
        (ctx) => <SignInPage ctx={ctx} refusal="auth:signIn.disabled" />,
        403,
      );
    const limit = await isLimited(db, limitKey(user.id), limits.signInPerAccount, limits.windowSeconds);
    if (!limit.allowed) return tooMany(req, reply, limit.retryAfterSeconds);

    const body = (req.body ?? {}) as Body;
    const recovery = body.recoveryCode !== undefined;
    const field = recovery ? 'recoveryCode' : 'code';
    const refuse = (errors: FieldErrors) =>
      page(req, reply, 'auth:twoFactor.stepTitle', (ctx) => <SecondFactorStepPage ctx={ctx} errors={errors} />, 400);
    const form = readForm(z.object({ [field]: text({ max: 100 }) }), { [field]: body[field] });
    if (!form.ok) return refuse(form.errors);
    const actor = { id: user.id, label: user.email, ip: req.ip };
    const used = await useSecondFactor(
      db,
      actor,
      user,
      str(body[field]),
      recovery ? 'recoveryCode' : 'totp',
      deps.now(),
    );
    if (!used) {
      await hitLimit(db, limitKey(user.id), limits.signInPerAccount, limits.windowSeconds);
      await auditFailure(actor, user.id);
      return refuse(toErrors([wrongSecondFactor(field, recovery)]));
    }
    // the step works once: a second tab or a replayed request finds it gone
    const finished = await finishSignInStep(db, token, deps.now());
    if (!finished) return stepExpired(req, reply, 400);
    await clearLimit(db, limitKey(user.id));
    reply.clearCookie(STEP_COOKIE, { path: '/' });
    if (used === 'recoveryCode') await securityMail(user, { template: 'recoveryCodeUsed' });
    return completeSignIn(db, req, reply, user, {
      next: finished.next,
      secureCookies: config.secureCookies,
      secondFactor: used,
      now: deps.now(),
    });
  });

  // ---- the account page ----

  async function loadStatus(req: FastifyRequest) {
    const user = await findUserById(db, req.user!.id);
    if (!user) return undefined;
    return {
      user,
      status: {
        enabledAt: user.totpEnabledAt,
        codesLeft: user.totpEnabledAt ? await recoveryCodesLeft(db, user.id) : 0,
        staff: isStaff(req.user),
      },
    };
  }

  // staff may turn it on; anyone who has it on may always manage and turn it off
  const mayUse = (req: FastifyRequest, enabled: boolean) => enabled || isStaff(req.user);

  const statusPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { errors?: FieldErrors; notice?: 'auth:twoFactor.enrolExpired'; status?: number } = {},
  ) => {
    const s = await loadStatus(req);
    if (!s || !mayUse(req, Boolean(s.user.totpEnabledAt))) return renderError(req, reply, 403);
    return page(
      req,
      reply,
      'auth:twoFactor.title',
      (ctx) => <TwoFactorPage ctx={ctx} status={s.status} errors={opts.errors} notice={opts.notice} />,
      opts.status ?? 200,
    );
  };

  const enrolPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    enrolment: string,
    secret: string,
    errors?: FieldErrors,
  ) => {
    const ctx = await viewContext(req, reply);
    const qr = await qrSvg(totpUri(secret, ctx.t('common:site.name'), req.user!.email));
    return sendHtml(
      reply,
      renderPage(
        ctx,
        ctx.t('auth:twoFactor.enrolTitle'),
        <TwoFactorEnrolPage ctx={ctx} enrolment={enrolment} secret={groupedSecret(secret)} qr={qr} errors={errors} />,
      ),
      errors ? 400 : 200,
    );
  };

  app.get('/account/two-factor', { preHandler: requireUser }, (req, reply) => statusPage(req, reply));

  app.post('/account/two-factor/setup', { preHandler: requireUser }, async (req, reply) => {
    const s = await loadStatus(req);
    if (!s || !isStaff(req.user)) return renderError(req, reply, 403);
    if (s.user.totpEnabledAt) return reply.redirect(`/${req.lang}/account/two-factor`, 303);
    const { token, secret } = await startEnrolment(db, s.user.id, deps.now());
    return enrolPage(req, reply, token, secret);
  });

  app.post('/account/two-factor/enable', { preHandler: requireUser }, async (req, reply) => {
    if (!isStaff(req.user)) return renderError(req, reply, 403);
    const body = (req.body ?? {}) as Body;
    const enrolment = str(body.enrolment);
    const secret = enrolment ? await pendingEnrolment(db, req.user!.id, enrolment, deps.now()) : undefined;
    if (!secret) return statusPage(req, reply, { notice: 'auth:twoFactor.enrolExpired', status: 400 });
    const form = readForm(codeForm('code'), req.body);
    if (!form.ok) return enrolPage(req, reply, enrolment, secret, form.errors);
    const step = await matchTotp(secret, form.data.code!, null, deps.now());
    if (step === undefined)
      return enrolPage(req, reply, enrolment, secret, toErrors([wrongSecondFactor('code', false)]));
    const codes = await enableTotp(db, actorOf(req), req.user!.id, enrolment, step, deps.now());
    if (!codes) return statusPage(req, reply, { notice: 'auth:twoFactor.enrolExpired', status: 400 });
    const user = await findUserById(db, req.user!.id);
    if (user) await securityMail(user, { template: 'twoFactorEnabled' });
    return page(req, reply, 'auth:twoFactor.recoveryTitle', (ctx) => <RecoveryCodesPage ctx={ctx} codes={codes} />);
  });

  /** Checks the current code (or a recovery code) of the signed-in person, counting wrong ones. */
  async function confirmCode(req: FastifyRequest, reply: FastifyReply, field: string) {
    const user = await findUserById(db, req.user!.id);
    if (!user?.totpEnabledAt || !user.totpSecret) return { done: await statusPage(req, reply) };
    const limit = await isLimited(db, limitKey(user.id), limits.signInPerAccount, limits.windowSeconds);
    if (!limit.allowed) return { done: await tooMany(req, reply, limit.retryAfterSeconds) };
    const form = readForm(codeForm(field), { [field]: ((req.body ?? {}) as Body)[field] });
    if (!form.ok) return { user, errors: form.errors };
    const used = await useSecondFactor(db, actorOf(req), user, form.data[field]!, 'either', deps.now());
    if (!used) {
      await hitLimit(db, limitKey(user.id), limits.signInPerAccount, limits.windowSeconds);
      await auditFailure({ id: user.id, label: user.email, ip: req.ip }, user.id);
      return { user, errors: toErrors([wrongSecondFactor(field, false)]) };
    }
    await clearLimit(db, limitKey(user.id));
    return { user };
  }

  app.post('/account/two-factor/recovery-codes', { preHandler: requireUser }, async (req, reply) => {
    const r = await confirmCode(req, reply, 'regenerateCode');
    if ('done' in r) return r.done;
    if (r.errors) return statusPage(req, reply, { errors: r.errors, status: 400 });
    const codes = await regenerateRecoveryCodes(db, actorOf(req), r.user.id);
    return page(req, reply, 'auth:twoFactor.recoveryTitle', (ctx) => <RecoveryCodesPage ctx={ctx} codes={codes} />);
  });

  app.post('/account/two-factor/disable', { preHandler: requireUser }, async (req, reply) => {
    const user = await findUserById(db, req.user!.id);
    if (!user?.totpEnabledAt) return reply.redirect(`/${req.lang}/account/two-factor`, 303);
    // the password is checked first and counts against the same limit as a wrong code
    const limit = await isLimited(db, limitKey(user.id), limits.signInPerAccount, limits.windowSeconds);
    if (!limit.allowed) return tooMany(req, reply, limit.retryAfterSeconds);
    const form = readForm(disableForm, req.body);
    if (!form.ok) return statusPage(req, reply, { errors: form.errors, status: 400 });
    if (!(await verifyPassword(user.passwordHash, form.data.disablePassword))) {
      await hitLimit(db, limitKey(user.id), limits.signInPerAccount, limits.windowSeconds);
      return statusPage(req, reply, {
        errors: toErrors([issue('disablePassword', 'auth:twoFactor.wrongPassword')]),
        status: 400,
      });
    }
    const r = await confirmCode(req, reply, 'disableCode');
    if ('done' in r) return r.done;
    if (r.errors) return statusPage(req, reply, { errors: r.errors, status: 400 });
    await disableTotp(db, actorOf(req), user.id, deps.now());
    await securityMail(user, { template: 'twoFactorDisabled' });
    return reply.redirect(`/${req.lang}/account/two-factor?notice=saved`, 303);
  });
}

const codeForm = (field: string) => z.object({ [field]: text({ max: 100 }) });
const disableForm = z.object({ disablePassword: text({ max: 200 }), disableCode: text({ max: 100 }) });

/** The issue of a second factor that did not match: a wrong code, or a wrong or used recovery code. */
const wrongSecondFactor = (field: string, recovery: boolean) =>
  issue(field, recovery ? 'auth:twoFactor.wrongRecoveryCode' : 'auth:twoFactor.wrongCode');
