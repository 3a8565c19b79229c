// People in the administration: find accounts, invite new people, grant and revoke (scoped) roles,
// disable and re-enable accounts, reset a lost second factor; and the public invitation page on
// which an invited person sets their password.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import {
  acceptInvitation,
  accountStates,
  disableAccount,
  enableAccount,
  findAccountIdByEmail,
  getAccount,
  grantAccountRole,
  inviteAccount,
  listAccounts,
  peekInvitation,
  resendInvitation,
  resetSecondFactor,
  revokeAccountRole,
} from '../auth/accounts-admin';
import type { Roles } from '../auth/permissions';
import { emailField, languageField, nameField, withConfirmation } from '../auth/validation';
import { seeOther, sendHtml, viewContext } from '../http/context';
import { renderError } from '../http/errors';
import { formValues, issue, isUuid, readForm, str, toErrors } from '../http/form';
import { actorOf, requirePermission, staffLanguage } from '../http/guards';
import type { AppDeps } from '../modules';
import type { FieldErrors, ViewContext } from '../ui/context';
import { renderPage } from '../ui/layout';
import {
  GrantPage,
  InvitationInvalidPage,
  InvitationPage,
  PeopleListPage,
  PersonNewPage,
  PersonPage,
} from './people-views';
import { checkRoleScope, loadScopeOptions, type ScopeOptions } from './role-scopes';

const PAGE_SIZE = 50;
const MANAGE = 'admin.people.manage';

const scopeField = z.string().trim().max(200, 'common:validation.tooLong').optional().default('');

/** Role and scope as typed, checked together; the scope's message stands at the scope field. */
const withScope =
  (options: ScopeOptions[]) =>
  <T extends { role: string; scope: string }>(v: T, c: z.RefinementCtx) => {
    const { scope, ...rest } = v;
    if (rest.role === '') {
      if (scope !== '') c.addIssue({ code: 'custom', path: ['scope'], message: 'admin:scope.withoutRole' });
      return { ...rest, grant: undefined };
    }
    const checked = checkRoleScope(rest.role, scope, options);
    if (!checked.ok) {
      c.addIssue({ code: 'custom', path: ['scope'], message: checked.key });
      return z.NEVER;
    }
    return { ...rest, grant: { role: rest.role, scopeKind: checked.scopeKind, scopeId: checked.scopeId } };
  };

/** A role the manifests declare (roles come from the manifests, so the field is built with them). */
const roleField = (roles: Roles) =>
  z.string('common:validation.choose').refine((r) => roles.has(r), 'common:validation.choose');
/** A declared role, or none. */
const optionalRoleField = (roles: Roles) =>
  z
    .string('common:validation.choose')
    .refine((r) => r === '' || roles.has(r), 'common:validation.choose')
    .optional()
    .default('');

const listSchema = (roles: Roles) =>
  z.object({
    q: z.string().trim().max(200, 'common:validation.tooLong').optional().default(''),
    role: optionalRoleField(roles),
    state: z
      .enum(['', ...accountStates], 'common:validation.choose')
      .optional()
      .default(''),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  });
const inviteSchema = (options: ScopeOptions[], roles: Roles) =>
  z
    .object({
      name: nameField,
      email: emailField,
      language: languageField,
      role: optionalRoleField(roles),
      scope: scopeField,
    })
    .transform(withScope(options));
const grantSchema = (options: ScopeOptions[], roles: Roles) =>
  z.object({ role: roleField(roles), scope: scopeField }).transform(withScope(options));
const grantByEmailSchema = (options: ScopeOptions[], roles: Roles) =>
  z.object({ email: emailField, role: roleField(roles), scope: scopeField }).transform(withScope(options));
const invitationSchema = withConfirmation({});

/** Success messages a redirect may carry to a person's page (admin:people.done.*). */
const doneKeys = new Set(['invited', 'granted', 'revoked', 'disabled', 'enabled', 'resent', 'secondFactorReset']);

export function peopleRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, config } = deps;
  const staff = { preHandler: [staffLanguage, requirePermission(MANAGE)] };
  const scopes = () => loadScopeOptions(db, deps.modules);
  const roles = app.roles;
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    title: (ctx: ViewContext) => string,
    body: (ctx: ViewContext) => ComponentChildren,
    status = 200,
  ) => {
    const ctx = await viewContext(req, reply);
    return sendHtml(reply, renderPage(ctx, title(ctx), body(ctx)), status);
  };

  app.get('/admin/people', staff, async (req, reply) => {
    const shown = formValues(req.query);
    const filter = { q: shown.q ?? '', role: shown.role ?? '', state: shown.state ?? '' };
    const form = readForm(listSchema(roles), shown);
    const options = await scopes();
    const title = (ctx: ViewContext) => ctx.t('admin:people.title');
    if (!form.ok)
      return show(
        req,
        reply,
        title,
        (ctx) => (
          <PeopleListPage
            ctx={ctx}
            rows={[]}
            options={options}
            filter={filter}
            page={1}
            pageCount={0}
            total={0}
            errors={form.errors}
          />
        ),
        400,
      );
    const f = form.data;
    const { rows, total } = await listAccounts(db, {
      q: f.q || undefined,
      role: f.role || undefined,
      state: f.state || undefined,
      page: f.page,
      pageSize: PAGE_SIZE,
    });
    return show(req, reply, title, (ctx) => (
      <PeopleListPage
        ctx={ctx}
        rows={rows}
        options={options}
        filter={filter}
        page={f.page}
        pageCount={Math.ceil(total / PAGE_SIZE)}
        total={total}
      />
    ));
  });

  // ---- inviting someone new ----

  const newTitle = (ctx: ViewContext) => ctx.t('admin:invite.title');

  app.get('/admin/people/new', staff, async (req, reply) => {
    const q = formValues(req.query);
    const options = await scopes();
    return show(req, reply, newTitle, (ctx) => (
      <PersonNewPage ctx={ctx} options={options} values={{ role: q.role, scope: q.scope }} />
    ));
  });

  app.post('/admin/people/new', staff, async (req, reply) => {
    const options = await scopes();
    const values = formValues(req.body);
    const fail = (errors: FieldErrors) =>
      show(
        req,
        reply,
        newTitle,
        (ctx) => <PersonNewPage ctx={ctx} options={options} values={values} errors={errors} />,
        400,
      );
    const form = readForm(inviteSchema(options, roles), req.body);
    if (!form.ok) return fail(form.errors);
    const { name, email, language, grant } = form.data;
    const result = await inviteAccount(db, config, actorOf(req), { name, email, language, role: grant }, deps.now());
    if (!result.ok) return fail(toErrors([issue('email', 'admin:invite.emailTaken')]));
    return seeOther(reply, `/${req.lang}/admin/people/${result.id}?done=invited`);
  });

  // ---- a role for an existing account, found by its address ----

  const grantTitle = (ctx: ViewContext) => ctx.t('admin:grant.title');

  app.get('/admin/people/grant', staff, async (req, reply) => {
    const q = formValues(req.query);
    const options = await scopes();
    return show(req, reply, grantTitle, (ctx) => (
      <GrantPage ctx={ctx} options={options} values={{ role: q.role, scope: q.scope }} />
    ));
  });

  app.post('/admin/people/grant', staff, async (req, reply) => {
    const options = await scopes();
    const values = formValues(req.body);
    const fail = (errors: FieldErrors) =>
      show(
        req,
        reply,
        grantTitle,
        (ctx) => <GrantPage ctx={ctx} options={options} values={values} errors={errors} />,
        400,
      );
    const form = readForm(grantByEmailSchema(options, roles), req.body);
    if (!form.ok) return fail(form.errors);
    const userId = await findAccountIdByEmail(db, form.data.email);
    if (!userId) return fail(toErrors([issue('email', 'admin:grant.noAccount')]));
    if ((await grantAccountRole(db, actorOf(req), userId, form.data.grant!)) === 'exists')
      return fail(toErrors([issue('role', 'admin:grant.exists')]));
    return seeOther(reply, `/${req.lang}/admin/people/${userId}?done=granted`);
  });

  // ---- one person ----

  type Params = { id: string };
  const personPage = async (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; grant?: Record<string, string>; refused?: string; done?: string } = {},
    status = 200,
  ) => {
    const person = await getAccount(db, req.params.id, req.user?.id);
    if (!person) return renderError(req, reply, 404);
    const options = await scopes();
    return show(
      req,
      reply,
      () => person.name || person.email,
      (ctx) => <PersonPage ctx={ctx} person={person} options={options} {...extra} />,
      status,
    );
  };
  // every person route takes a UUID; anything else is no such person
  const known = async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    if (!isUuid(req.params.id)) return renderError(req, reply, 404);
  };
  const person = { preHandler: [...staff.preHandler, known] };

  app.get<{ Params: Params }>('/admin/people/:id', person, async (req, reply) => {
    const done = str((req.query as Record<string, unknown>).done);
    return personPage(req, reply, { done: doneKeys.has(done) ? done : undefined });
  });

  const after = (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, done: string) =>
    seeOther(reply, `/${req.lang}/admin/people/${req.params.id}?done=${done}`);
  const exists = async (id: string) => Boolean(await getAccount(db, id));

  app.post<{ Params: Params }>('/admin/people/:id/roles', person, async (req, reply) => {
    if (!(await exists(req.params.id))) return renderError(req, reply, 404);
    const options = await scopes();
    const form = readForm(grantSchema(options, roles), req.body);
    if (!form.ok) return personPage(req, reply, { errors: form.errors, grant: formValues(req.body) }, 400);
    if ((await grantAccountRole(db, actorOf(req), req.params.id, form.data.grant!)) === 'exists')
      return personPage(
        req,
        reply,
        { errors: toErrors([issue('role', 'admin:grant.exists')]), grant: formValues(req.body) },
        400,
      );
    return after(req, reply, 'granted');
  });

  app.post<{ Params: Params & { roleId: string } }>(
    '/admin/people/:id/roles/:roleId/revoke',
    person,
    async (req, reply) => {
      if (!isUuid(req.params.roleId)) return renderError(req, reply, 404);
      const result = await revokeAccountRole(db, actorOf(req), req.params.id, req.params.roleId);
      if (result === 'notFound') return renderError(req, reply, 404);
      if (result === 'lastAdmin') return personPage(req, reply, { refused: 'lastAdminRole' }, 409);
      return after(req, reply, 'revoked');
    },
  );

  app.post<{ Params: Params }>('/admin/people/:id/disable', person, async (req, reply) => {
    const result = await disableAccount(db, actorOf(req), req.params.id, deps.now());
    if (result === 'notFound') return renderError(req, reply, 404);
    if (result === 'self' || result === 'lastAdmin') return personPage(req, reply, { refused: result }, 409);
    // disabling twice (a second click) leaves it disabled, as asked
    return after(req, reply, 'disabled');
  });

  app.post<{ Params: Params }>('/admin/people/:id/enable', person, async (req, reply) => {
    if (!(await exists(req.params.id))) return renderError(req, reply, 404);
    await enableAccount(db, actorOf(req), req.params.id, deps.now());
    return after(req, reply, 'enabled');
  });

  app.post<{ Params: Params }>('/admin/people/:id/resend-invitation', person, async (req, reply) => {
    if (!(await exists(req.params.id))) return renderError(req, reply, 404);
    if ((await resendInvitation(db, config, actorOf(req), req.params.id, deps.now())) === 'notInvited')
      return personPage(req, reply, { refused: 'notInvited' }, 409);
    return after(req, reply, 'resent');
  });

  app.post<{ Params: Params }>('/admin/people/:id/reset-second-factor', person, async (req, reply) => {
    if (!(await exists(req.params.id))) return renderError(req, reply, 404);
    if ((await resetSecondFactor(db, config, actorOf(req), req.params.id, deps.now())) === 'notEnrolled')
      return personPage(req, reply, { refused: 'notEnrolled' }, 409);
    return after(req, reply, 'secondFactorReset');
  });

  // ---- the invited person sets their password (public; GET shows, POST acts, as scanners only GET) ----

  type TokenParams = { token: string };
  const invalid = (req: FastifyRequest, reply: FastifyReply) =>
    show(
      req,
      reply,
      (ctx) => ctx.t('auth:invitation.invalidTitle'),
      (ctx) => <InvitationInvalidPage ctx={ctx} />,
      404,
    );
  const invitationTitle = (ctx: ViewContext) => ctx.t('auth:invitation.title');

  app.get<{ Params: TokenParams }>('/invitation/:token', async (req, reply) => {
    const invitation = await peekInvitation(db, req.params.token, deps.now());
    if (!invitation) return invalid(req, reply);
    return show(req, reply, invitationTitle, (ctx) => (
      <InvitationPage ctx={ctx} token={req.params.token} email={invitation.email} />
    ));
  });

  app.post<{ Params: TokenParams }>('/invitation/:token', async (req, reply) => {
    const { token } = req.params;
    const form = readForm(invitationSchema, req.body);
    if (!form.ok) {
      const invitation = await peekInvitation(db, token, deps.now());
      if (!invitation) return invalid(req, reply);
      return show(
        req,
        reply,
        invitationTitle,
        (ctx) => <InvitationPage ctx={ctx} token={token} email={invitation.email} errors={form.errors} />,
        400,
      );
    }
    const accepted = await acceptInvitation(db, token, form.data.password, req.ip, deps.now());
    if (!accepted) return invalid(req, reply);
    // signing in is the sign-in page's job (second factor, session, language): the person uses the new password there
    return seeOther(reply, `/${req.lang}/sign-in?notice=invitationAccepted`);
  });
}
