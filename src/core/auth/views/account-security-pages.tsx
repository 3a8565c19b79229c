// The account's security page (password, address, sessions, second factor) and the pages behind
// the links that confirm or stop a change of address. Data in, HTML out.
import { dateFormat } from '../../i18n/formats';
import {
  type Column,
  DataTable,
  ErrorSummary,
  Form,
  MessagePage,
  Notice,
  SubmitButton,
  TextField,
} from '../../ui/components';
import { type FieldErrors, href, type ViewContext } from '../../ui/context';
import type { LiveSession } from '../sessions';
import { NewPasswordFields } from './password-fields';

/** What a redirect after a successful action may report on the security page. */
export const securityNotices = ['passwordChanged', 'emailRequested', 'sessionEnded', 'othersEnded'] as const;
export type SecurityNotice = (typeof securityNotices)[number];

/** An address inside a translated sentence, isolated so that it reads right in Arabic too. */
const isolated = (text: string) => `\u2068${text}\u2069`;

const when = (ctx: ViewContext, d: Date) =>
  dateFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(d);

export interface SecurityPageProps {
  ctx: ViewContext;
  email: string;
  sessions: LiveSession[];
  /** staff may add a second factor; null when the person is not staff */
  twoFactor: { enabledAt: Date | null } | null;
  passwordErrors?: FieldErrors;
  emailErrors?: FieldErrors;
  emailValues?: { newEmail?: string };
  done?: SecurityNotice;
}

export function SecurityPage(p: SecurityPageProps) {
  const { ctx } = p;
  const { t } = ctx;
  const others = p.sessions.filter((s) => !s.current).length;
  const columns: Column<LiveSession>[] = [
    {
      header: t('auth:security.sessions.device'),
      cell: (s) => (
        <>
          <span id={`session-${s.handle}`}>{s.deviceLabel || t('auth:security.sessions.unknownDevice')}</span>
          {s.current && <strong class="session-current"> ({t('auth:security.sessions.thisDevice')})</strong>}
        </>
      ),
    },
    // on a phone the rows stack (app.css) and the column headers are hidden, so each date says
    // what it is; screen readers get the headers as before, not the label twice
    {
      header: t('auth:security.sessions.signedInAt'),
      cell: (s) => (
        <>
          <span class="stacked-label" aria-hidden="true">
            {t('auth:security.sessions.signedInAt')}:{' '}
          </span>
          {when(ctx, s.createdAt)}
        </>
      ),
    },
    {
      header: t('auth:security.sessions.lastActive'),
      cell: (s) => (
        <>
          <span class="stacked-label" aria-hidden="true">
            {t('auth:security.sessions.lastActive')}:{' '}
          </span>
          {when(ctx, s.lastSeenAt)}
        </>
      ),
    },
    {
      header: t('auth:security.sessions.action'),
      cell: (s) => (
        <Form ctx={ctx} action={href(ctx, `/account/security/sessions/${s.handle}/sign-out`)}>
          <button type="submit" class="kern-btn kern-btn--tertiary" aria-describedby={`session-${s.handle}`}>
            <span class="kern-label">{t('auth:security.sessions.signOut')}</span>
          </button>
        </Form>
      ),
    },
  ];
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:security.title')}</h1>
      {p.done && <Notice kind="success" title={t(`auth:security.done.${p.done}`)} role="status" />}
      <ErrorSummary ctx={ctx} errors={p.passwordErrors ?? p.emailErrors} />
      <p>
        <a class="kern-link" href={href(ctx, '/account')}>
          {t('auth:security.back')}
        </a>
      </p>

      <h2 class="kern-heading-medium">{t('auth:security.password.title')}</h2>
      <p class="kern-body">{t('auth:security.password.text')}</p>
      <Form ctx={ctx} action={href(ctx, '/account/security/password')}>
        <TextField
          ctx={ctx}
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          required
          label={t('auth:security.password.current')}
          errors={p.passwordErrors}
        />
        <NewPasswordFields ctx={ctx} errors={p.passwordErrors} />
        <SubmitButton label={t('auth:security.password.submit')} />
      </Form>

      <h2 class="kern-heading-medium">{t('auth:security.email.title')}</h2>
      <p class="kern-body">{t('auth:security.email.current', { email: isolated(p.email) })}</p>
      <p class="kern-body">{t('auth:security.email.text')}</p>
      <Form ctx={ctx} action={href(ctx, '/account/security/email')}>
        <TextField
          ctx={ctx}
          name="newEmail"
          type="email"
          autocomplete="email"
          required
          label={t('auth:security.email.new')}
          value={p.emailValues?.newEmail}
          errors={p.emailErrors}
        />
        <TextField
          ctx={ctx}
          name="emailPassword"
          type="password"
          autocomplete="current-password"
          required
          label={t('auth:security.email.password')}
          errors={p.emailErrors}
        />
        <SubmitButton label={t('auth:security.email.submit')} />
      </Form>

      <h2 class="kern-heading-medium">{t('auth:security.sessions.title')}</h2>
      <p class="kern-body">{t('auth:security.sessions.text')}</p>
      <div class="stacked-table">
        <DataTable
          caption={t('auth:security.sessions.caption')}
          columns={columns}
          rows={p.sessions}
          empty={t('auth:security.sessions.empty')}
        />
      </div>
      <div class="kern-stack">
        {others > 0 && (
          <Form ctx={ctx} action={href(ctx, '/account/security/sessions/sign-out-others')}>
            <SubmitButton kind="secondary" label={t('auth:security.sessions.signOutOthers')} />
          </Form>
        )}
        <Form ctx={ctx} action={href(ctx, '/account/security/sessions/sign-out-all')}>
          <SubmitButton kind="secondary" label={t('auth:security.sessions.signOutAll')} />
        </Form>
      </div>

      {p.twoFactor && (
        <>
          <h2 class="kern-heading-medium">{t('auth:security.twoFactor.title')}</h2>
          <p class="kern-body">{t('auth:security.twoFactor.text')}</p>
          <p class="kern-body" id="two-factor-state">
            {p.twoFactor.enabledAt
              ? t('auth:security.twoFactor.on', { date: when(ctx, p.twoFactor.enabledAt) })
              : t('auth:security.twoFactor.off')}
          </p>
          <p>
            <a class="kern-link" href={href(ctx, '/account/two-factor')}>
              {p.twoFactor.enabledAt ? t('auth:security.twoFactor.manage') : t('auth:security.twoFactor.setUp')}
            </a>
          </p>
        </>
      )}
    </div>
  );
}

export function EmailChangeConfirmPage({ ctx, token, email }: { ctx: ViewContext; token: string; email: string }) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:security.change.confirmTitle')}</h1>
      <p class="kern-body">{t('auth:security.change.confirmText', { email: isolated(email) })}</p>
      <Form ctx={ctx} action={href(ctx, `/confirm-email-change/${token}`)}>
        <SubmitButton label={t('auth:security.change.confirmSubmit')} />
      </Form>
    </div>
  );
}

export function EmailChangeResultPage({
  ctx,
  result,
  email,
}: {
  ctx: ViewContext;
  result: 'changed' | 'taken' | 'cancelled';
  email?: string;
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t(`auth:security.change.${result}Title`)}</h1>
      <p class="kern-body">{t(`auth:security.change.${result}Text`, { email: isolated(email ?? '') })}</p>
      <p>
        <a class="kern-link" href={href(ctx, result === 'cancelled' ? '/account/security' : '/account')}>
          {result === 'cancelled' ? t('auth:security.change.toSecurity') : t('auth:security.change.toAccount')}
        </a>
      </p>
    </div>
  );
}

export function EmailChangeCancelPage({ ctx, token }: { ctx: ViewContext; token: string }) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:security.change.cancelTitle')}</h1>
      <p class="kern-body">{t('auth:security.change.cancelText')}</p>
      <Form ctx={ctx} action={href(ctx, `/cancel-email-change/${token}`)}>
        <SubmitButton label={t('auth:security.change.cancelSubmit')} />
      </Form>
    </div>
  );
}

export function EmailChangeInvalidPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <MessagePage
      title={t('auth:security.change.invalidTitle')}
      text={t('auth:security.change.invalidText')}
      link={{ href: href(ctx, '/account/security'), label: t('auth:security.change.toSecurity') }}
    />
  );
}
