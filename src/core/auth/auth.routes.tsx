// Sign-in, sign-out, password reset, e-mail confirmation, registration, account settings, setup.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { recordAudit } from '../audit/audit';
import { loadDemo } from '../demo';
import { seeOther, sendHtml, viewContext } from '../http/context';
import { SESSION_COOKIE } from '../http/cookies';
import { renderError } from '../http/errors';
import { issue, readForm, str, toErrors } from '../http/form';
import { actorOf, requireUser } from '../http/guards';
import { sendMail } from '../mail/mail';
import type { AppDeps, RateLimits } from '../modules';
import type { FieldErrors } from '../ui/context';
import { renderPage } from '../ui/layout';
import { requestPasswordReset, requestRegistration } from './account-requests';
import { burnPasswordTime, hashPassword, verifyPassword } from './passwords';
import { clearLimit, hitLimit, isLimited } from './rate-limit';
import { secondFactorRoutes, startSecondStep } from './second-factor.routes';
import { beginSession, completeSignIn, endSession, rotateCsrf } from './session-start';
import {
  confirmEmail,
  consumeUserToken,
  createUser,
  eraseAccount,
  findUserByEmail,
  findUserById,
  grantRole,
  isSetupTokenValid,
  issueUserToken,
  peekUserToken,
  resetPasswordWithToken,
  updateAccount,
  useSetupToken,
} from './users';
import { emailField, languageField, nameField, withConfirmation } from './validation';
import {
  AccountPage,
  ConfirmEmailPage,
  DemoAccountsPage,
  InvalidLinkPage,
  NewPasswordPage,
  RegisterPage,
  ResetRequestPage,
  SetupPage,
  SignInPage,
} from './views/auth-pages';

const defaultLimits: RateLimits = {
  signInPerAccount: 5,
  signInPerIp: 30,
  resetPerAccount: 3,
  resetPerIp: 10,
  windowSeconds: 15 * 60,
};

const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'common:validation.required').max(200, 'common:validation.tooLong'),
});
const resetSchema = z.object({ email: emailField });
const newPasswordSchema = withConfirmation({});
const registerSchema = withConfirmation({
  name: nameField,
  email: emailField,
  consent: z.literal('on', 'auth:register.consentRequired'),
});
const accountSchema = z.object({ name: nameField, language: languageField });
const setupSchema = withConfirmation({ name: nameField, email: emailField, demo: z.string().optional() });

type Body = Record<string, unknown>;
const values = (body: unknown) => Object.fromEntries(Object.entries((body ?? {}) as Body).map(([k, v]) => [k, str(v)]));

async function tooMany(req: FastifyRequest, reply: FastifyReply, retryAfter: number) {
  reply.header('retry-after', String(retryAfter));
  return renderError(req, reply, 429);
}

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, config } = deps;
  const limits = { ...defaultLimits, ...deps.limits };
  secondFactorRoutes(app, deps, limits);
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    titleKey: string,
    body: (ctx: Awaited<ReturnType<typeof viewContext>>) => preact.ComponentChildren,
    status = 200,
  ) => {
    const ctx = await viewContext(req, reply);
    return sendHtml(reply, renderPage(ctx, ctx.t(titleKey), body(ctx)), status);
  };

  // ---- sign in / out ----
  app.get('/sign-in', async (req, reply) => {
    const next = str((req.query as Body).next);
    return page(req, reply, 'auth:signIn.title', (ctx) => <SignInPage ctx={ctx} next={next || undefined} />);
  });

  app.post('/sign-in', async (req, reply) => {
    const v = values(req.body);
    const form = readForm(signInSchema, req.body);
    if (!form.ok)
      return page(
        req,
        reply,
        'auth:signIn.title',
        (ctx) => <SignInPage ctx={ctx} values={v} errors={form.errors} next={v.next} />,
        400,
      );
    const email = form.data.email.toLowerCase();
    const ipLimit = await hitLimit(db, `signin:ip:${req.ip}`, limits.signInPerIp, limits.windowSeconds);
    if (!ipLimit.allowed) return tooMany(req, reply, ipLimit.retryAfterSeconds);
    const accountKey = `signin:account:${email}`;
    const accountLimit = await isLimited(db, accountKey, limits.signInPerAccount, limits.windowSeconds);
    if (!accountLimit.allowed) return tooMany(req, reply, accountLimit.retryAfterSeconds);

    const user = await findUserByEmail(db, email);
    let ok = false;
    if (user) ok = await verifyPassword(user.passwordHash, form.data.password);
    else await burnPasswordTime(form.data.password);
    // an address not yet confirmed gets the answer of a wrong password (with the hint every failed
    // attempt shows), so a registration made by someone else reveals nothing either
    const unconfirmed = Boolean(user && ok && !user.emailConfirmedAt);
    if (!user || !ok || unconfirmed) {
      await hitLimit(db, accountKey, limits.signInPerAccount, limits.windowSeconds);
      await recordAudit(
        db,
        { id: null, label: email, ip: req.ip },
        {
          action: 'auth.signInFailed',
          subjectKind: 'user',
          subjectId: user?.id,
          after: unconfirmed ? { reason: 'unconfirmed' } : undefined,
        },
      );
      return page(
        req,
        reply,
        'auth:signIn.title',
        (ctx) => (
          <SignInPage ctx={ctx} values={{ email: v.email }} errors={toErrors([wrongCredentials])} next={v.next} />
        ),
        400,
      );
    }
    if (user.disabledAt) {
      await recordAudit(
        db,
        { id: user.id, label: user.email, ip: req.ip },
        { action: 'auth.signInRefused', subjectKind: 'user', subjectId: user.id, after: { reason: 'disabled' } },
      );
      return page(
        req,
        reply,
        'auth:signIn.title',
        (ctx) => <SignInPage ctx={ctx} values={{ email: v.email }} next={v.next} refusal="auth:signIn.disabled" />,
        403,
      );
    }
    await clearLimit(db, accountKey);
    if (user.totpEnabledAt && user.totpSecret) return startSecondStep(deps, req, reply, user.id, v.next);
    // the language of the page signed in on wins; the account's stored language is left alone
    return completeSignIn(db, req, reply, user, {
      next: v.next,
      secureCookies: config.secureCookies,
      now: deps.now(),
    });
  });

  app.post('/sign-out', async (req, reply) => {
    if (req.sessionToken)
      await recordAudit(db, actorOf(req), { action: 'auth.signedOut', subjectKind: 'user', subjectId: req.user?.id });
    await endSession(db, req, reply);
    return seeOther(reply, `/${req.lang}/?notice=signedOut`);
  });

  // ---- password reset ----
  app.get('/password-reset', (req, reply) =>
    page(req, reply, 'auth:reset.title', (ctx) => <ResetRequestPage ctx={ctx} />),
  );

  app.post('/password-reset', async (req, reply) => {
    const v = values(req.body);
    const form = readForm(resetSchema, req.body);
    if (!form.ok)
      return page(
        req,
        reply,
        'auth:reset.title',
        (ctx) => <ResetRequestPage ctx={ctx} values={v} errors={form.errors} />,
        400,
      );
    const ipLimit = await hitLimit(db, `reset:ip:${req.ip}`, limits.resetPerIp, limits.windowSeconds);
    if (!ipLimit.allowed) return tooMany(req, reply, ipLimit.retryAfterSeconds);
    const email = form.data.email.toLowerCase();
    const accountLimit = await hitLimit(db, `reset:account:${email}`, limits.resetPerAccount, limits.windowSeconds);
    if (!accountLimit.allowed) return tooMany(req, reply, accountLimit.retryAfterSeconds);
    // the same work for a known and an unknown address: the job looks the account up and mails
    await requestPasswordReset(db, { email, language: req.lang, ip: req.ip });
    return page(req, reply, 'auth:reset.title', (ctx) => <ResetRequestPage ctx={ctx} sent />);
  });

  app.get<{ Params: { token: string } }>('/password-reset/:token', async (req, reply) => {
    const userId = await peekUserToken(db, req.params.token, 'reset', deps.now());
    if (!userId) return page(req, reply, 'auth:link.invalidTitle', (ctx) => <InvalidLinkPage ctx={ctx} />, 404);
    return page(req, reply, 'auth:newPassword.title', (ctx) => <NewPasswordPage ctx={ctx} token={req.params.token} />);
  });

  app.post<{ Params: { token: string } }>('/password-reset/:token', async (req, reply) => {
    const { token } = req.params;
    const form = readForm(newPasswordSchema, req.body);
    if (!form.ok) {
      if (!(await peekUserToken(db, token, 'reset', deps.now())))
        return page(req, reply, 'auth:link.invalidTitle', (ctx) => <InvalidLinkPage ctx={ctx} />, 404);
      return page(
        req,
        reply,
        'auth:newPassword.title',
        (ctx) => <NewPasswordPage ctx={ctx} token={token} errors={form.errors} />,
        400,
      );
    }
    const passwordHash = await hashPassword(form.data.password);
    // one transaction: the link and every other open reset link used up, sessions ended everywhere,
    // and the owner told by mail
    const owner = await resetPasswordWithToken(
      db,
      token,
      passwordHash,
      req.ip,
      (tx, o) =>
        sendMail(tx, config, {
          to: o.email,
          template: 'passwordChanged',
          language: o.language,
          vars: { name: o.name, resetLink: `${config.baseUrl}/${o.language}/password-reset` },
        }).then(() => undefined),
      deps.now(),
    );
    if (!owner) return page(req, reply, 'auth:link.invalidTitle', (ctx) => <InvalidLinkPage ctx={ctx} />, 404);
    if (req.user?.id === owner.id) await endSession(db, req, reply);
    return seeOther(reply, `/${req.lang}/sign-in?notice=passwordChanged`);
  });

  // ---- e-mail confirmation: GET shows a button, POST confirms (mail scanners only GET) ----
  app.get<{ Params: { token: string } }>('/confirm-email/:token', async (req, reply) => {
    if (!(await peekUserToken(db, req.params.token, 'confirm', deps.now())))
      return page(req, reply, 'auth:link.invalidTitle', (ctx) => <InvalidLinkPage ctx={ctx} />, 404);
    return page(req, reply, 'auth:confirm.title', (ctx) => <ConfirmEmailPage ctx={ctx} token={req.params.token} />);
  });

  app.post<{ Params: { token: string } }>('/confirm-email/:token', async (req, reply) => {
    const userId = await consumeUserToken(db, req.params.token, 'confirm', deps.now());
    if (!userId) return page(req, reply, 'auth:link.invalidTitle', (ctx) => <InvalidLinkPage ctx={ctx} />, 404);
    await confirmEmail(db, { id: userId, label: 'email-confirmation', ip: req.ip }, userId, deps.now());
    // a mailed link opens no session by itself: the person signs in with their password
    if (req.user?.id === userId) return seeOther(reply, `/${req.lang}/account?notice=emailConfirmed`);
    return seeOther(reply, `/${req.lang}/sign-in?notice=emailConfirmed`);
  });

  async function sendConfirmation(userId: string, lang: string) {
    const user = await findUserById(db, userId);
    if (!user) return;
    const token = await issueUserToken(db, user.id, 'confirm', { now: deps.now() });
    await sendMail(db, config, {
      to: user.email,
      template: 'confirmEmail',
      language: lang,
      vars: { name: user.name, link: `${config.baseUrl}/${lang}/confirm-email/${token}` },
    });
  }

  // ---- registration (participants) ----
  app.get('/register', (req, reply) => page(req, reply, 'auth:register.title', (ctx) => <RegisterPage ctx={ctx} />));

  app.post('/register', async (req, reply) => {
    const v = values(req.body);
    const form = readForm(registerSchema, req.body);
    const fail = (errors: FieldErrors) =>
      page(
        req,
        reply,
        'auth:register.title',
        (ctx) => (
          <RegisterPage ctx={ctx} values={{ name: v.name, email: v.email, consent: v.consent }} errors={errors} />
        ),
        400,
      );
    if (!form.ok) return fail(form.errors);
    const ipLimit = await hitLimit(db, `register:ip:${req.ip}`, limits.resetPerIp, limits.windowSeconds);
    if (!ipLimit.allowed) return tooMany(req, reply, ipLimit.retryAfterSeconds);
    // No lookup here: the password is hashed and one job queued whether or not the address has an
    // account, so page, status, cookies, writes and timing are the same. The job creates the
    // account and mails the confirmation link, or tells the owner someone tried their address.
    await requestRegistration(db, {
      email: form.data.email,
      name: form.data.name,
      password: form.data.password,
      language: req.lang,
      ip: req.ip,
    });
    return page(req, reply, 'auth:register.title', (ctx) => <RegisterPage ctx={ctx} sent />);
  });

  // ---- account settings ----
  app.get('/account', { preHandler: requireUser }, async (req, reply) => {
    const user = await findUserById(db, req.user!.id);
    return page(req, reply, 'auth:account.title', (ctx) => (
      <AccountPage
        ctx={ctx}
        values={{ name: user?.name, language: user?.language }}
        confirmed={Boolean(user?.emailConfirmedAt)}
      />
    ));
  });

  app.post('/account', { preHandler: requireUser }, async (req, reply) => {
    const form = readForm(accountSchema, req.body);
    if (!form.ok) {
      const user = await findUserById(db, req.user!.id);
      return page(
        req,
        reply,
        'auth:account.title',
        (ctx) => (
          <AccountPage
            ctx={ctx}
            values={values(req.body)}
            errors={form.errors}
            confirmed={Boolean(user?.emailConfirmedAt)}
          />
        ),
        400,
      );
    }
    await updateAccount(db, actorOf(req), req.user!.id, form.data, deps.now());
    return seeOther(reply, `/${form.data.language}/account?notice=saved`);
  });

  // ---- erasing one's account: the password confirms it is really the person ----
  app.post('/account/delete', { preHandler: requireUser }, async (req, reply) => {
    const userId = req.user!.id;
    const password = str((req.body as Body | undefined)?.deletePassword);
    const user = await findUserById(db, userId);
    const refuse = (key: string) =>
      page(
        req,
        reply,
        'auth:account.title',
        (ctx) => (
          <AccountPage
            ctx={ctx}
            values={{ name: user?.name, language: user?.language }}
            confirmed={Boolean(user?.emailConfirmedAt)}
            deleteError={key}
          />
        ),
        400,
      );
    const key = `erase:account:${userId}`;
    const limit = await isLimited(db, key, limits.signInPerAccount, limits.windowSeconds);
    if (!limit.allowed) return tooMany(req, reply, limit.retryAfterSeconds);
    if (!user || !password || !(await verifyPassword(user.passwordHash, password))) {
      await hitLimit(db, key, limits.signInPerAccount, limits.windowSeconds);
      return refuse(password ? 'auth:account.deleteWrongPassword' : 'common:validation.required');
    }
    const erasers = deps.modules.flatMap((m) => (m.personalData?.eraseFor ? [m.personalData.eraseFor] : []));
    if ((await eraseAccount(db, actorOf(req), userId, erasers, deps.now())) === 'lastAdmin')
      return refuse('auth:account.deleteLastAdmin');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    rotateCsrf(req, reply);
    return seeOther(reply, `/${req.lang}/?notice=accountDeleted`);
  });

  app.post('/account/confirmation', { preHandler: requireUser }, async (req, reply) => {
    const limit = await hitLimit(db, `confirm:account:${req.user!.id}`, limits.resetPerAccount, limits.windowSeconds);
    if (!limit.allowed) return tooMany(req, reply, limit.retryAfterSeconds);
    await sendConfirmation(req.user!.id, req.lang);
    return seeOther(reply, `/${req.lang}/account?notice=confirmationSent`);
  });

  /** Everything the modules keep about the person, one section per module. */
  async function personalArchive(userId: string): Promise<Record<string, unknown>> {
    const archive: Record<string, unknown> = { exportedAt: deps.now().toISOString() };
    for (const m of deps.modules) {
      const data = await m.personalData?.exportFor?.(db, userId);
      if (data !== undefined) archive[m.name] = data;
    }
    return archive;
  }

  app.get('/account/my-data.json', { preHandler: requireUser }, async (req, reply) => {
    const archive = await personalArchive(req.user!.id);
    await recordAudit(db, actorOf(req), { action: 'privacy.exported', subjectKind: 'user', subjectId: req.user!.id });
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="my-data.json"')
      .send(JSON.stringify(archive, null, 2));
  });

  // the same data with the files the person uploaded, as one ZIP: my-data.json and files/<module>/…
  app.get('/account/my-data.zip', { preHandler: requireUser }, async (req, reply) => {
    const userId = req.user!.id;
    const entries: Record<string, Uint8Array> = {
      'my-data.json': strToU8(JSON.stringify(await personalArchive(userId), null, 2)),
    };
    for (const m of deps.modules)
      for (const f of (await m.personalData?.filesFor?.(db, userId)) ?? [])
        entries[`files/${m.name}/${f.path.replace(/^\/+|\.\.(\/|$)/g, '')}`] = f.content;
    await recordAudit(db, actorOf(req), { action: 'privacy.exported', subjectKind: 'user', subjectId: userId });
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', 'attachment; filename="my-data.zip"')
      .send(Buffer.from(zipSync(entries, { level: 6 })));
  });

  // ---- first administrator ----
  app.get('/setup', async (req, reply) => {
    const token = str((req.query as Body).token);
    if (!token || !(await isSetupTokenValid(db, token))) return renderError(req, reply, 404);
    return page(req, reply, 'auth:setup.title', (ctx) => <SetupPage ctx={ctx} token={token} />);
  });

  app.post('/setup', async (req, reply) => {
    const v = values(req.body);
    const token = v.token ?? '';
    if (!token || !(await isSetupTokenValid(db, token))) return renderError(req, reply, 404);
    const form = readForm(setupSchema, req.body);
    if (!form.ok)
      return page(
        req,
        reply,
        'auth:setup.title',
        (ctx) => <SetupPage ctx={ctx} token={token} values={v} errors={form.errors} />,
        400,
      );
    if (!(await useSetupToken(db, token, deps.now()))) return renderError(req, reply, 404);
    const system = { id: null, label: 'setup', ip: req.ip };
    const userId = await createUser(db, system, { ...form.data, language: req.lang, confirmed: true, now: deps.now() });
    await grantRole(db, system, userId, 'admin');
    const accounts = form.data.demo === 'on' ? await loadDemo(deps) : [];
    // signed in from here on, with a fresh CSRF secret; the page below already belongs to the session
    await beginSession(db, req, reply, userId, config.secureCookies, deps.now());
    return page(req, reply, 'auth:setup.doneTitle', (ctx) => <DemoAccountsPage ctx={ctx} accounts={accounts} />);
  });
}

/** Told after every failed sign-in alike, whether the address has an account or not. */
const wrongCredentials = issue('password', 'auth:signIn.wrongCredentials');
