// The account's security page: change password, change e-mail address (with the links that
// confirm or stop it), see and end one's sessions, and the state of the second factor for staff.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/audit';
import { SESSION_COOKIE } from '../http/cookies';
import { renderError } from '../http/errors';
import { formValues, readForm, str, toErrors } from '../http/form';
import { actorOf, requireUser } from '../http/guards';
import { sendPage } from '../http/page';
import type { AppDeps } from '../modules';
import type { FieldErrors } from '../ui/context';
import {
  cancelEmailChange,
  changePassword,
  confirmEmailChange,
  isEmailChangeCancelValid,
  peekEmailChange,
  requestEmailChange,
  securityIssue,
  securityOverview,
} from './account-security';
import { verifyPassword } from './passwords';
import { hitLimit, isLimited } from './rate-limit';
import {
  destroyOtherSessions,
  destroySessionByHandle,
  destroyUserSessions,
  isSessionHandle,
  listLiveSessions,
  sessionHandle,
} from './sessions';
import { hashToken } from './tokens';
import { findUserById } from './users';
import { emailField, withConfirmation } from './validation';
import {
  EmailChangeCancelPage,
  EmailChangeConfirmPage,
  EmailChangeInvalidPage,
  EmailChangeResultPage,
  type SecurityNotice,
  SecurityPage,
  securityNotices,
} from './views/account-security-pages';

const currentPassword = z.string().min(1, 'common:validation.required').max(200, 'common:validation.tooLong');
const passwordSchema = withConfirmation({ currentPassword });
const emailSchema = z.object({ newEmail: emailField, emailPassword: currentPassword });

type Params = { Params: { token: string } };
type HandleParams = { Params: { handle: string } };

export function accountSecurityRoutes(app: FastifyInstance, deps: AppDeps) {
  const isStaff = app.roles.isStaff;
  const { db, config } = deps;
  const perAccount = deps.limits?.signInPerAccount ?? 5;
  const windowSeconds = deps.limits?.windowSeconds ?? 15 * 60;
  const signedIn = { preHandler: requireUser };

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: {
      passwordErrors?: FieldErrors;
      emailErrors?: FieldErrors;
      emailValues?: { newEmail?: string };
      done?: SecurityNotice;
    } = {},
    status = 200,
  ) {
    const user = req.user!;
    const [overview, sessions] = await Promise.all([
      securityOverview(db, user.id),
      listLiveSessions(db, user.id, req.sessionToken, deps.now()),
    ]);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('auth:security.title'),
      (ctx) => (
        <SecurityPage
          ctx={ctx}
          email={overview?.email ?? user.email}
          sessions={sessions}
          twoFactor={isStaff(user) ? { enabledAt: overview?.totpEnabledAt ?? null } : null}
          {...extra}
        />
      ),
      status,
    );
  }

  /** Each wrong current password counts, so it cannot be guessed here instead of at sign-in; once
   *  over the limit not even the right one is checked. Right ones do not count: a person who changes
   *  the password and then the address is not locked out. */
  const limitKey = (req: FastifyRequest) => `security:account:${req.user!.id}`;
  const countWrongPassword = (req: FastifyRequest) => hitLimit(db, limitKey(req), perAccount, windowSeconds);
  async function limited(req: FastifyRequest, reply: FastifyReply) {
    const limit = await isLimited(db, limitKey(req), perAccount, windowSeconds);
    if (limit.allowed) return false;
    reply.header('retry-after', String(limit.retryAfterSeconds));
    await renderError(req, reply, 429);
    return true;
  }

  const done = (req: FastifyRequest, reply: FastifyReply, notice: SecurityNotice) =>
    reply.redirect(`/${req.lang}/account/security?done=${notice}`, 303);

  app.get('/account/security', signedIn, async (req, reply) => {
    const notice = str((req.query as Record<string, unknown>).done);
    return show(req, reply, {
      done: (securityNotices as readonly string[]).includes(notice) ? (notice as SecurityNotice) : undefined,
    });
  });

  app.post('/account/security/password', signedIn, async (req, reply) => {
    const form = readForm(passwordSchema, req.body);
    if (!form.ok) {
      // a wrong current password is reported beside the new password's problems (too short, the
      // repeat differs), so one more try fixes both; it counts toward the limit like any other
      const passwordErrors = { ...form.errors };
      const given = formValues(req.body).currentPassword;
      if (given && !passwordErrors.currentPassword) {
        if (await limited(req, reply)) return reply;
        const user = await findUserById(db, req.user!.id);
        if (!user || !(await verifyPassword(user.passwordHash, given))) {
          await countWrongPassword(req);
          Object.assign(passwordErrors, toErrors([securityIssue('wrongPassword', 'currentPassword')]));
        }
      }
      return show(req, reply, { passwordErrors }, 400);
    }
    if (await limited(req, reply)) return reply;
    const result = await changePassword(
      db,
      config,
      actorOf(req),
      {
        userId: req.user!.id,
        currentPassword: form.data.currentPassword,
        newPassword: form.data.password,
        keepSessionToken: req.sessionToken ?? '',
      },
      deps.now(),
    );
    if (result === 'wrongPassword') {
      await countWrongPassword(req);
      return show(req, reply, { passwordErrors: toErrors([securityIssue(result, 'currentPassword')]) }, 400);
    }
    return done(req, reply, 'passwordChanged');
  });

  app.post('/account/security/email', signedIn, async (req, reply) => {
    const v = formValues(req.body);
    const form = readForm(emailSchema, req.body);
    if (!form.ok) return show(req, reply, { emailErrors: form.errors, emailValues: { newEmail: v.newEmail } }, 400);
    if (await limited(req, reply)) return reply;
    const result = await requestEmailChange(
      db,
      config,
      actorOf(req),
      {
        userId: req.user!.id,
        newEmail: form.data.newEmail,
        password: form.data.emailPassword,
      },
      deps.now(),
    );
    if (result !== 'requested') {
      if (result === 'wrongPassword') await countWrongPassword(req);
      const errors = toErrors([securityIssue(result, 'emailPassword')]);
      return show(req, reply, { emailErrors: errors, emailValues: { newEmail: v.newEmail } }, 400);
    }
    // the same answer whether or not another account has the new address
    return done(req, reply, 'emailRequested');
  });

  // ---- sessions: only one's own; another person's session is simply not found ----
  app.post<HandleParams>('/account/security/sessions/:handle/sign-out', signedIn, async (req, reply) => {
    const { handle } = req.params;
    if (!isSessionHandle(handle)) return renderError(req, reply, 404);
    const userId = req.user!.id;
    const current = req.sessionToken ? sessionHandle(hashToken(req.sessionToken)) === handle : false;
    if (!(await destroySessionByHandle(db, userId, handle))) return renderError(req, reply, 404);
    await recordAudit(db, actorOf(req), { action: 'auth.sessionEnded', subjectKind: 'user', subjectId: userId });
    if (current) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect(`/${req.lang}/sign-in?notice=signedOut`, 303);
    }
    return done(req, reply, 'sessionEnded');
  });

  app.post('/account/security/sessions/sign-out-others', signedIn, async (req, reply) => {
    const userId = req.user!.id;
    const ended = req.sessionToken ? await destroyOtherSessions(db, userId, req.sessionToken) : 0;
    await recordAudit(db, actorOf(req), {
      action: 'auth.otherSessionsEnded',
      subjectKind: 'user',
      subjectId: userId,
      after: { ended },
    });
    return done(req, reply, 'othersEnded');
  });

  app.post('/account/security/sessions/sign-out-all', signedIn, async (req, reply) => {
    const userId = req.user!.id;
    await destroyUserSessions(db, userId);
    await recordAudit(db, actorOf(req), { action: 'auth.signedOutEverywhere', subjectKind: 'user', subjectId: userId });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`/${req.lang}/sign-in?notice=signedOut`, 303);
  });

  // ---- links from the mails: GET shows a button, POST acts (mail scanners only GET) ----
  const invalid = (req: FastifyRequest, reply: FastifyReply) =>
    sendPage(
      req,
      reply,
      (ctx) => ctx.t('auth:security.change.invalidTitle'),
      (ctx) => <EmailChangeInvalidPage ctx={ctx} />,
      404,
    );
  const linkActor = (req: FastifyRequest, label: string) => ({ label, ip: req.ip });

  app.get<Params>('/confirm-email-change/:token', async (req, reply) => {
    const change = await peekEmailChange(db, req.params.token, deps.now());
    if (!change) return invalid(req, reply);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('auth:security.change.confirmTitle'),
      (ctx) => <EmailChangeConfirmPage ctx={ctx} token={req.params.token} email={change.email} />,
    );
  });

  app.post<Params>('/confirm-email-change/:token', async (req, reply) => {
    const result = await confirmEmailChange(db, linkActor(req, 'email-change'), req.params.token, deps.now());
    if (result.status === 'invalid') return invalid(req, reply);
    const kind = result.status === 'changed' ? 'changed' : 'taken';
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t(`auth:security.change.${kind}Title`),
      (ctx) => (
        <EmailChangeResultPage ctx={ctx} result={kind} email={result.status === 'changed' ? result.email : ''} />
      ),
      kind === 'changed' ? 200 : 409,
    );
  });

  app.get<Params>('/cancel-email-change/:token', async (req, reply) => {
    if (!(await isEmailChangeCancelValid(db, req.params.token, deps.now()))) return invalid(req, reply);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('auth:security.change.cancelTitle'),
      (ctx) => <EmailChangeCancelPage ctx={ctx} token={req.params.token} />,
    );
  });

  app.post<Params>('/cancel-email-change/:token', async (req, reply) => {
    if (!(await cancelEmailChange(db, linkActor(req, 'email-change-cancel'), req.params.token, deps.now())))
      return invalid(req, reply);
    return sendPage(
      req,
      reply,
      (ctx) => ctx.t('auth:security.change.cancelledTitle'),
      (ctx) => <EmailChangeResultPage ctx={ctx} result="cancelled" />,
    );
  });
}
