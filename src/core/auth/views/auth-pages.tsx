import { languages } from '../../i18n/i18n';
import {
  CheckboxField,
  ErrorSummary,
  Form,
  MessagePage,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
} from '../../ui/components';
import { type FieldErrors, href, roleLabel, type ViewContext } from '../../ui/context';
import { NewPasswordFields } from './password-fields';

type Values = Record<string, string | undefined>;

export function SignInPage({
  ctx,
  values = {},
  errors,
  next,
  refusal,
}: {
  ctx: ViewContext;
  values?: Values;
  errors?: FieldErrors;
  next?: string;
  /** why a right password did not sign in, or why the second step has to start again (a key) */
  refusal?: 'auth:signIn.disabled' | 'auth:twoFactor.stepExpired';
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:signIn.title')}</h1>
      {refusal && (
        <Notice
          kind={refusal === 'auth:signIn.disabled' ? 'danger' : 'warning'}
          title={t(`${refusal}Title`)}
          role="alert"
        >
          <p class="kern-body">{t(refusal)}</p>
        </Notice>
      )}
      <ErrorSummary ctx={ctx} errors={errors} />
      {/* shown after every failed attempt alike, so it tells nothing about the address */}
      {errors?.password?.key === 'auth:signIn.wrongCredentials' && (
        <p class="kern-body" id="sign-in-confirm-hint">
          {t('auth:signIn.confirmHint')}
        </p>
      )}
      <Form ctx={ctx} action={href(ctx, '/sign-in')}>
        {next && <input type="hidden" name="next" value={next} />}
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          autocomplete="username"
          required
          label={t('auth:field.email')}
          value={values.email}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          label={t('auth:field.password')}
          errors={errors}
        />
        <SubmitButton label={t('auth:signIn.submit')} />
      </Form>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={href(ctx, '/password-reset')}>
            {t('auth:signIn.forgot')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={href(ctx, '/register')}>
            {t('auth:signIn.register')}
          </a>
        </li>
      </ul>
    </div>
  );
}

export function ResetRequestPage({
  ctx,
  values = {},
  errors,
  sent,
}: {
  ctx: ViewContext;
  values?: Values;
  errors?: FieldErrors;
  sent?: boolean;
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:reset.title')}</h1>
      {sent ? (
        <Notice kind="info" title={t('auth:reset.sentTitle')} role="status">
          <p class="kern-body">{t('auth:reset.sentText')}</p>
        </Notice>
      ) : (
        <>
          <p class="kern-body">{t('auth:reset.intro')}</p>
          <ErrorSummary ctx={ctx} errors={errors} />
          <Form ctx={ctx} action={href(ctx, '/password-reset')}>
            <TextField
              ctx={ctx}
              name="email"
              type="email"
              autocomplete="email"
              required
              label={t('auth:field.email')}
              value={values.email}
              errors={errors}
            />
            <SubmitButton label={t('auth:reset.submit')} />
          </Form>
        </>
      )}
    </div>
  );
}

export function NewPasswordPage({ ctx, token, errors }: { ctx: ViewContext; token: string; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:newPassword.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, `/password-reset/${token}`)}>
        <NewPasswordFields ctx={ctx} errors={errors} />
        <SubmitButton label={t('auth:newPassword.submit')} />
      </Form>
    </div>
  );
}

export function InvalidLinkPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <MessagePage
      title={t('auth:link.invalidTitle')}
      text={t('auth:link.invalidText')}
      link={{ href: href(ctx, '/password-reset'), label: t('auth:reset.title') }}
    />
  );
}

export function ConfirmEmailPage({ ctx, token }: { ctx: ViewContext; token: string }) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:confirm.title')}</h1>
      <p class="kern-body">{t('auth:confirm.text')}</p>
      <Form ctx={ctx} action={href(ctx, `/confirm-email/${token}`)}>
        <SubmitButton label={t('auth:confirm.submit')} />
      </Form>
    </div>
  );
}

const languageChoices = (ctx: ViewContext) =>
  languages.map((l) => ({ value: l, label: ctx.t(`common:language.${l}`) }));

export function RegisterPage({
  ctx,
  values = {},
  errors,
  sent,
}: {
  ctx: ViewContext;
  values?: Values;
  errors?: FieldErrors;
  /** the request was taken: the same answer whether or not the address had an account */
  sent?: boolean;
}) {
  const { t } = ctx;
  if (sent)
    return (
      <div class="kern-stack prose">
        <h1 class="kern-heading-large">{t('auth:register.title')}</h1>
        <Notice kind="info" title={t('auth:register.sentTitle')} role="status">
          <p class="kern-body">{t('auth:register.sentText')}</p>
        </Notice>
        <p class="kern-body">{t('auth:register.sentNext')}</p>
        <p>
          <a class="kern-link" href={href(ctx, '/sign-in')}>
            {t('auth:signIn.title')}
          </a>
        </p>
      </div>
    );
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:register.title')}</h1>
      <p class="kern-body">{t('auth:register.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, '/register')}>
        <TextField
          ctx={ctx}
          name="name"
          autocomplete="name"
          required
          label={t('auth:field.name')}
          hint={t('auth:register.nameHint')}
          value={values.name}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          autocomplete="email"
          required
          label={t('auth:field.email')}
          value={values.email}
          errors={errors}
        />
        <NewPasswordFields ctx={ctx} errors={errors} labelKey="auth:field.password" />
        <CheckboxField
          ctx={ctx}
          name="consent"
          required
          checked={values.consent === 'on'}
          errors={errors}
          label={t('auth:register.consent')}
          hint={t('auth:register.consentHint')}
        />
        <p class="kern-body">
          <a class="kern-link" href={href(ctx, '/privacy')}>
            {t('common:footer.privacy')}
          </a>
        </p>
        <SubmitButton label={t('auth:register.submit')} />
      </Form>
    </div>
  );
}

export function AccountPage({
  ctx,
  values,
  errors,
  confirmed,
  deleteError,
}: {
  ctx: ViewContext;
  values: Values;
  errors?: FieldErrors;
  confirmed: boolean;
  /** why erasing the account was refused (a translation key) */
  deleteError?: string;
}) {
  const { t, user } = ctx;
  const deleteErrors = deleteError ? { deletePassword: { key: deleteError } } : undefined;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:account.title')}</h1>
      {!confirmed && (
        <Notice kind="warning" title={t('auth:account.unconfirmed')}>
          <Form ctx={ctx} action={href(ctx, '/account/confirmation')}>
            <SubmitButton kind="secondary" label={t('auth:account.resend')} />
          </Form>
        </Notice>
      )}
      {/* the address isolated (FSI … PDI), as on the security page, so it reads right in Arabic too */}
      <p class="kern-body">{t('auth:account.signedInAs', { email: `\u2068${user?.email ?? ''}\u2069` })}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, '/account')}>
        <TextField
          ctx={ctx}
          name="name"
          autocomplete="name"
          required
          label={t('auth:field.name')}
          value={values.name}
          errors={errors}
        />
        <SelectField
          ctx={ctx}
          name="language"
          required
          label={t('auth:field.language')}
          hint={t('auth:account.languageHint')}
          value={values.language}
          choices={languageChoices(ctx)}
          errors={errors}
        />
        <SubmitButton label={t('common:form.save')} />
      </Form>
      <h2 class="kern-heading-medium">{t('auth:account.securityTitle')}</h2>
      <p class="kern-body">{t('auth:account.securityText')}</p>
      <p>
        <a class="kern-link" href={href(ctx, '/account/security')}>
          {t('auth:account.securityLink')}
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('auth:account.rolesTitle')}</h2>
      {user && user.roles.length > 0 ? (
        <ul class="kern-list">
          {[...new Set(user.roles.map((r) => r.role))].map((role) => (
            <li>{roleLabel(ctx, role)}</li>
          ))}
        </ul>
      ) : (
        <p class="kern-body">{t('auth:account.noRoles')}</p>
      )}
      <h2 class="kern-heading-medium">{t('auth:account.dataTitle')}</h2>
      <p class="kern-body">{t('auth:account.dataText')}</p>
      <p>
        <a class="kern-link" href={href(ctx, '/account/my-data.zip')} download="my-data.zip">
          {t('auth:account.download')}
        </a>
        {' · '}
        <a class="kern-link" href={href(ctx, '/account/my-data.json')} download="my-data.json">
          {t('auth:account.downloadJson')}
        </a>
      </p>
      <h2 class="kern-heading-medium" id="delete-title">
        {t('auth:account.deleteTitle')}
      </h2>
      <p class="kern-body">{t('auth:account.deleteText')}</p>
      <ErrorSummary ctx={ctx} errors={deleteErrors} />
      <Form ctx={ctx} action={href(ctx, '/account/delete')}>
        <TextField
          ctx={ctx}
          name="deletePassword"
          type="password"
          autocomplete="current-password"
          required
          label={t('auth:account.deletePassword')}
          errors={deleteErrors}
        />
        <SubmitButton kind="secondary" label={t('auth:account.deleteSubmit')} />
      </Form>
    </div>
  );
}

export function SetupPage({
  ctx,
  token,
  values = {},
  errors,
}: {
  ctx: ViewContext;
  token: string;
  values?: Values;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:setup.title')}</h1>
      <p class="kern-body">{t('auth:setup.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, '/setup')}>
        <input type="hidden" name="token" value={token} />
        <TextField
          ctx={ctx}
          name="name"
          autocomplete="name"
          required
          label={t('auth:field.name')}
          value={values.name}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          autocomplete="email"
          required
          label={t('auth:field.email')}
          value={values.email}
          errors={errors}
        />
        <NewPasswordFields ctx={ctx} errors={errors} labelKey="auth:field.password" />
        <CheckboxField
          ctx={ctx}
          name="demo"
          checked={values.demo === 'on'}
          label={t('auth:setup.demo')}
          hint={t('auth:setup.demoHint')}
        />
        <SubmitButton label={t('auth:setup.submit')} />
      </Form>
    </div>
  );
}

export function DemoAccountsPage({
  ctx,
  accounts,
}: {
  ctx: ViewContext;
  accounts: { email: string; password: string; role: string }[];
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('auth:setup.doneTitle')}</h1>
      {accounts.length > 0 && (
        <>
          <Notice kind="warning" title={t('auth:setup.demoAccountsTitle')}>
            <p class="kern-body">{t('auth:setup.demoAccountsText')}</p>
          </Notice>
          {/* on a phone each account stacks (app.css .stacked-table), so the password is not cut off
              where the notice asks to note it; each value then says what it is (hidden from screen
              readers, which have the column headers). Addresses and passwords read left to right. */}
          <div class="kern-table-responsive stacked-table">
            <table class="kern-table">
              <caption class="kern-title">{t('auth:setup.demoAccountsTitle')}</caption>
              <thead class="kern-table__head">
                <tr class="kern-table__row">
                  <th scope="col" class="kern-table__header">
                    {t('common:field.role')}
                  </th>
                  <th scope="col" class="kern-table__header">
                    {t('auth:field.email')}
                  </th>
                  <th scope="col" class="kern-table__header">
                    {t('auth:field.password')}
                  </th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                {accounts.map((a) => (
                  <tr class="kern-table__row">
                    <th scope="row" class="kern-table__cell">
                      {roleLabel(ctx, a.role)}
                    </th>
                    <td class="kern-table__cell">
                      <span class="stacked-label" aria-hidden="true">
                        {t('auth:field.email')}:{' '}
                      </span>
                      <span dir="ltr">{a.email}</span>
                    </td>
                    <td class="kern-table__cell">
                      <span class="stacked-label" aria-hidden="true">
                        {t('auth:field.password')}:{' '}
                      </span>
                      <code dir="ltr">{a.password}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p>
        <a class="kern-link" href={href(ctx, '/')}>
          {t('common:error.home')}
        </a>
      </p>
    </div>
  );
}
