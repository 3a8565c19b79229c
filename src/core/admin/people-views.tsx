// The administration's pages about people: the list, a person's page with roles and account
// actions, the invitation form, granting a role to an existing account, and the public page on
// which an invited person sets their password. Data in, HTML out.

import type { ComponentChildren } from 'preact';
import type { AccountDetail, AccountRow, AccountState, RoleGrant } from '../auth/accounts-admin';
import { accountStates } from '../auth/accounts-admin';
import { NewPasswordFields } from '../auth/views/password-fields';
import { dateFormat } from '../i18n/formats';
import { languages } from '../i18n/i18n';
import {
  type Choice,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Message,
  MessagePage,
  Notice,
  Pagination,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../ui/components';
import { type FieldErrors, href, listPageHref, roleLabel, type ViewContext } from '../ui/context';
import { type ScopeOptions, scopeName } from './role-scopes';

const day = (ctx: ViewContext, d: Date | null) =>
  d ? dateFormat(ctx.lang, { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(d) : '–';

const roleChoices = (ctx: ViewContext): Choice[] => ctx.roles.map((r) => ({ value: r.name, label: ctx.t(r.labelKey) }));

/** The scopes offered for a new role: every one that is not disabled, named with its kind. */
const scopeChoices = (ctx: ViewContext, options: ScopeOptions[]): Choice[] =>
  options.flatMap((o) =>
    o.scopes
      .filter((s) => !s.disabled)
      .map((s) => ({ value: `${o.kind}:${s.id}`, label: `${s.name} (${ctx.t(o.labelKey)})` })),
  );

/**
 * "Programmreferat – Förderprogramm: Starthilfe", or the role alone when it applies platform-wide.
 * The scope's name was written by people (in German), so other pages mark its language.
 */
export function roleText(
  ctx: ViewContext,
  options: ScopeOptions[],
  r: Pick<RoleGrant, 'role' | 'scopeKind' | 'scopeId'>,
): ComponentChildren {
  const role = roleLabel(ctx, r.role);
  if (!r.scopeKind) return role;
  const declared = options.find((o) => o.kind === r.scopeKind);
  const kind = declared ? ctx.t(declared.labelKey) : r.scopeKind;
  const name = scopeName(options, r.scopeKind, r.scopeId);
  return (
    <Message
      ctx={ctx}
      k="admin:people.roleInScope"
      values={{ role, kind }}
      parts={{ scope: name === undefined ? r.scopeId : <Written ctx={ctx}>{name}</Written> }}
    />
  );
}

const stateText = (ctx: ViewContext, s: AccountState) => ctx.t(`admin:people.states.${s}`);

/** The success message after an action, by the key a redirect carried. */
function Done({ ctx, done }: { ctx: ViewContext; done?: string }) {
  return done ? <Notice kind="success" role="status" title={ctx.t(`admin:people.done.${done}`)} /> : null;
}

/** "Mitarbeit bei einem Träger (Organisation), Programmreferat (Förderprogramm)": the roles limited to a scope. */
const scopedRoles = (ctx: ViewContext, options: ScopeOptions[]) =>
  options.flatMap((o) => o.roles.map((role) => `${roleLabel(ctx, role)} (${ctx.t(o.labelKey)})`)).join(', ');

function ScopeField(p: { ctx: ViewContext; options: ScopeOptions[]; value?: string; errors?: FieldErrors }) {
  const { ctx } = p;
  return (
    <SelectField
      ctx={ctx}
      name="scope"
      label={ctx.t('admin:scope.label')}
      hint={ctx.t('admin:scope.hint', { roles: scopedRoles(ctx, p.options) })}
      placeholder={ctx.t('admin:scope.none')}
      choices={scopeChoices(ctx, p.options)}
      value={p.value}
      errors={p.errors}
    />
  );
}

export interface PeopleFilter {
  q: string;
  role: string;
  state: string;
}

export function PeopleListPage(p: {
  ctx: ViewContext;
  rows: AccountRow[];
  options: ScopeOptions[];
  filter: PeopleFilter;
  page: number;
  pageCount: number;
  total: number;
  errors?: FieldErrors;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const pageHref = (page: number) => listPageHref(ctx, '/admin/people', p.filter, page);
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('admin:people.title')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p class="button-row">
        <a class="kern-btn kern-btn--primary" href={href(ctx, '/admin/people/new')}>
          <span class="kern-label">{t('admin:people.invite')}</span>
        </a>
        <a class="kern-btn kern-btn--secondary" href={href(ctx, '/admin/people/grant')}>
          <span class="kern-label">{t('admin:grant.title')}</span>
        </a>
      </p>
      <form method="get" action={href(ctx, '/admin/people')} class="filter-form" aria-label={t('admin:people.filter')}>
        <TextField
          ctx={ctx}
          name="q"
          type="search"
          label={t('admin:people.search')}
          hint={t('admin:people.searchHint')}
          value={p.filter.q}
          errors={p.errors}
        />
        <SelectField
          ctx={ctx}
          name="role"
          label={t('common:field.role')}
          placeholder={t('admin:people.allRoles')}
          choices={roleChoices(ctx)}
          value={p.filter.role}
          errors={p.errors}
        />
        <SelectField
          ctx={ctx}
          name="state"
          label={t('admin:people.state')}
          placeholder={t('admin:people.allStates')}
          choices={accountStates.map((s) => ({ value: s, label: stateText(ctx, s) }))}
          value={p.filter.state}
          errors={p.errors}
        />
        <div>
          <SubmitButton kind="secondary" label={t('admin:people.apply')} />
        </div>
      </form>
      <p class="kern-body">{t('admin:people.count', { count: p.total })}</p>
      <DataTable
        caption={t('admin:people.title')}
        empty={t('admin:people.empty')}
        rows={p.rows}
        columns={[
          {
            header: t('admin:people.name'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/admin/people/${r.id}`)}>
                {r.name || r.email}
              </a>
            ),
          },
          { header: t('admin:people.email'), cell: (r) => r.email },
          {
            header: t('admin:people.roles'),
            cell: (r) =>
              r.roles.length === 0 ? (
                '–'
              ) : (
                <ul class="kern-list">
                  {r.roles.map((g) => (
                    <li>{roleText(ctx, p.options, g)}</li>
                  ))}
                </ul>
              ),
          },
          { header: t('admin:people.state'), cell: (r) => stateText(ctx, r.state) },
        ]}
      />
      <Pagination ctx={ctx} page={p.page} pageCount={p.pageCount} hrefFor={pageHref} />
    </div>
  );
}

export interface InviteValues {
  name?: string;
  email?: string;
  language?: string;
  role?: string;
  scope?: string;
}

export function PersonNewPage(p: {
  ctx: ViewContext;
  options: ScopeOptions[];
  values: InviteValues;
  errors?: FieldErrors;
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('admin:invite.title')}</h1>
      <p class="kern-body">{t('admin:invite.intro')}</p>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={href(ctx, '/admin/people/new')}>
        <TextField
          ctx={ctx}
          name="name"
          required
          autocomplete="off"
          label={t('admin:people.name')}
          value={p.values.name}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          required
          autocomplete="off"
          label={t('admin:people.email')}
          hint={t('admin:invite.emailHint')}
          value={p.values.email}
          errors={p.errors}
        />
        <SelectField
          ctx={ctx}
          name="language"
          required
          label={t('admin:people.language')}
          hint={t('admin:invite.languageHint')}
          choices={languages.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
          value={p.values.language ?? 'de'}
          errors={p.errors}
        />
        <SelectField
          ctx={ctx}
          name="role"
          label={t('admin:invite.role')}
          placeholder={t('admin:invite.noRole')}
          choices={roleChoices(ctx)}
          value={p.values.role}
          errors={p.errors}
        />
        <ScopeField ctx={ctx} options={p.options} value={p.values.scope} errors={p.errors} />
        <SubmitButton label={t('admin:invite.submit')} />
      </Form>
    </div>
  );
}

export interface GrantValues {
  email?: string;
  role?: string;
  scope?: string;
}

/** A role for an account that exists already, found by its address (the link from an organisation). */
export function GrantPage(p: { ctx: ViewContext; options: ScopeOptions[]; values: GrantValues; errors?: FieldErrors }) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('admin:grant.title')}</h1>
      <p class="kern-body">{t('admin:grant.intro')}</p>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={href(ctx, '/admin/people/grant')}>
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          required
          autocomplete="off"
          label={t('admin:people.email')}
          value={p.values.email}
          errors={p.errors}
        />
        <SelectField
          ctx={ctx}
          name="role"
          required
          label={t('common:field.role')}
          placeholder={t('admin:grant.chooseRole')}
          choices={roleChoices(ctx)}
          value={p.values.role}
          errors={p.errors}
        />
        <ScopeField ctx={ctx} options={p.options} value={p.values.scope} errors={p.errors} />
        <SubmitButton label={t('admin:grant.submit')} />
      </Form>
      <p>
        <a class="kern-link" href={href(ctx, '/admin/people/new')}>
          {t('admin:grant.inviteInstead')}
        </a>
      </p>
    </div>
  );
}

/** A form with one button that acts on the person (disable, re-enable, resend, reset). */
function ActionButton(p: { ctx: ViewContext; action: string; label: string; kind?: 'primary' | 'secondary' }) {
  return (
    <Form ctx={p.ctx} action={p.action} class="inline-form">
      <SubmitButton kind={p.kind ?? 'secondary'} label={p.label} />
    </Form>
  );
}

export function PersonPage(p: {
  ctx: ViewContext;
  person: AccountDetail;
  options: ScopeOptions[];
  grant?: GrantValues;
  errors?: FieldErrors;
  /** an action that was refused, as a key of admin:people.refused */
  refused?: string;
  done?: string;
}) {
  const { ctx, person } = p;
  const { t } = ctx;
  const base = `/admin/people/${person.id}`;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{person.name || person.email}</h1>
      <Done ctx={ctx} done={p.done} />
      {p.refused && <Notice kind="danger" role="alert" title={t(`admin:people.refused.${p.refused}`)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <DefinitionList
        items={[
          { key: t('admin:people.email'), value: person.email },
          { key: t('admin:people.language'), value: t(`common:language.${person.language}`) },
          { key: t('admin:people.state'), value: stateText(ctx, person.state) },
          { key: t('admin:people.created'), value: day(ctx, person.createdAt) },
          ...(person.disabledAt ? [{ key: t('admin:people.disabledAt'), value: day(ctx, person.disabledAt) }] : []),
          {
            key: t('admin:people.emailConfirmed'),
            value: person.emailConfirmedAt ? day(ctx, person.emailConfirmedAt) : t('admin:people.no'),
          },
          {
            key: t('admin:people.secondFactor'),
            value: person.secondFactor ? t('admin:people.secondFactorOn') : t('admin:people.secondFactorOff'),
          },
        ]}
      />

      <section class="kern-stack" aria-labelledby="roles-title">
        <h2 class="kern-heading-medium" id="roles-title">
          {t('admin:people.roles')}
        </h2>
        <DataTable
          caption={t('admin:people.rolesOf', { name: person.name || person.email })}
          empty={t('admin:people.noRoles')}
          rows={person.roles}
          columns={[
            { header: t('common:field.role'), cell: (r) => roleText(ctx, p.options, r) },
            {
              header: t('admin:people.actions'),
              cell: (r) =>
                r.role === 'admin' && person.lastActiveAdmin ? (
                  t('admin:people.lastAdminRole')
                ) : (
                  <Form ctx={ctx} action={href(ctx, `${base}/roles/${r.id}/revoke`)} class="inline-form">
                    <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small">
                      <span class="kern-label">
                        {t('admin:people.revoke')}
                        <span class="kern-sr-only"> {roleText(ctx, p.options, r)}</span>
                      </span>
                    </button>
                  </Form>
                ),
            },
          ]}
        />
      </section>

      <section class="kern-stack" aria-labelledby="grant-title">
        <h2 class="kern-heading-medium" id="grant-title">
          {t('admin:people.grantTitle')}
        </h2>
        <Form ctx={ctx} action={href(ctx, `${base}/roles`)}>
          <SelectField
            ctx={ctx}
            name="role"
            required
            label={t('common:field.role')}
            placeholder={t('admin:grant.chooseRole')}
            choices={roleChoices(ctx)}
            value={p.grant?.role}
            errors={p.errors}
          />
          <ScopeField ctx={ctx} options={p.options} value={p.grant?.scope} errors={p.errors} />
          <SubmitButton kind="secondary" label={t('admin:grant.submit')} />
        </Form>
      </section>

      <section class="kern-stack" aria-labelledby="account-title">
        <h2 class="kern-heading-medium" id="account-title">
          {t('admin:people.accountTitle')}
        </h2>
        {person.state === 'invited' && (
          <div class="kern-stack">
            <p class="kern-body">{t('admin:people.resendText')}</p>
            <ActionButton ctx={ctx} action={href(ctx, `${base}/resend-invitation`)} label={t('admin:people.resend')} />
          </div>
        )}
        {person.secondFactor && (
          <div class="kern-stack">
            <p class="kern-body">{t('admin:people.resetSecondFactorText')}</p>
            <ActionButton
              ctx={ctx}
              action={href(ctx, `${base}/reset-second-factor`)}
              label={t('admin:people.resetSecondFactor')}
            />
          </div>
        )}
        {person.state === 'disabled' ? (
          <div class="kern-stack">
            <p class="kern-body">{t('admin:people.enableText')}</p>
            <ActionButton ctx={ctx} action={href(ctx, `${base}/enable`)} label={t('admin:people.enable')} />
          </div>
        ) : person.disableRefusal ? (
          <p class="kern-body">{t(`admin:people.refused.${person.disableRefusal}`)}</p>
        ) : (
          <div class="kern-stack">
            <p class="kern-body">{t('admin:people.disableText')}</p>
            <ActionButton ctx={ctx} action={href(ctx, `${base}/disable`)} label={t('admin:people.disable')} />
          </div>
        )}
      </section>
      <p>
        <a class="kern-link" href={href(ctx, '/admin/people')}>
          {t('admin:people.back')}
        </a>
      </p>
    </div>
  );
}

// ---- the invited person's page (public, in every language) ----

export function InvitationPage(p: { ctx: ViewContext; token: string; email: string; errors?: FieldErrors }) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:invitation.title')}</h1>
      <p class="kern-body">{t('auth:invitation.intro')}</p>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <DefinitionList items={[{ key: t('auth:field.email'), value: p.email }]} />
      <Form ctx={ctx} action={href(ctx, `/invitation/${p.token}`)}>
        <NewPasswordFields ctx={ctx} errors={p.errors} />
        <SubmitButton label={t('auth:invitation.submit')} />
      </Form>
    </div>
  );
}

export function InvitationInvalidPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <MessagePage
      title={t('auth:invitation.invalidTitle')}
      text={t('auth:invitation.invalidText')}
      link={{ href: href(ctx, '/sign-in'), label: t('auth:signIn.title') }}
    />
  );
}
