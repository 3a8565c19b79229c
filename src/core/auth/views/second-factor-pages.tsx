// The second factor: the step after the password at sign-in, and the account page that turns it
// on (QR code and key), shows the recovery codes once, renews them, and turns it off.
import { dateFormat } from '../../i18n/formats';
import { ErrorSummary, Form, Notice, SubmitButton, TextField } from '../../ui/components';
import { type FieldErrors, href, type ViewContext } from '../../ui/context';

export function SecondFactorStepPage({ ctx, errors }: { ctx: ViewContext; errors?: FieldErrors }) {
  const { t } = ctx;
  const recoveryFailed = Boolean(errors?.recoveryCode);
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:twoFactor.stepTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="kern-body">{t('auth:twoFactor.stepIntro')}</p>
      <Form ctx={ctx} action={href(ctx, '/sign-in/two-factor')}>
        <TextField
          ctx={ctx}
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          label={t('auth:twoFactor.codeLabel')}
          hint={t('auth:twoFactor.codeHint')}
          errors={errors}
        />
        <SubmitButton label={t('auth:twoFactor.stepSubmit')} />
      </Form>
      <details class="kern-stack" open={recoveryFailed}>
        <summary class="kern-link">{t('auth:twoFactor.useRecoveryCode')}</summary>
        <Form ctx={ctx} action={href(ctx, '/sign-in/two-factor')}>
          <TextField
            ctx={ctx}
            name="recoveryCode"
            autocomplete="off"
            required
            label={t('auth:twoFactor.recoveryCodeLabel')}
            hint={t('auth:twoFactor.recoveryCodeHint')}
            errors={errors}
          />
          <SubmitButton kind="secondary" label={t('auth:twoFactor.recoverySubmit')} />
        </Form>
      </details>
      <p>
        <a class="kern-link" href={href(ctx, '/sign-in')}>
          {t('auth:twoFactor.restart')}
        </a>
      </p>
    </div>
  );
}

export interface TwoFactorStatus {
  enabledAt: Date | null;
  codesLeft: number;
  staff: boolean;
}

export function TwoFactorPage({
  ctx,
  status,
  errors,
  notice,
}: {
  ctx: ViewContext;
  status: TwoFactorStatus;
  errors?: FieldErrors;
  /** a warning key, e.g. when an enrolment ran out */
  notice?: 'auth:twoFactor.enrolExpired';
}) {
  const { t, lang } = ctx;
  const regenerateErrors = errors?.regenerateCode ? { regenerateCode: errors.regenerateCode } : undefined;
  const disableErrors =
    errors?.disablePassword || errors?.disableCode
      ? Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith('disable')))
      : undefined;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:twoFactor.title')}</h1>
      {notice && (
        <Notice kind="warning" title={t(`${notice}Title`)} role="alert">
          <p class="kern-body">{t(notice)}</p>
        </Notice>
      )}
      <p class="kern-body">{t('auth:twoFactor.intro')}</p>
      {status.enabledAt ? (
        <>
          <Notice kind="success" title={t('auth:twoFactor.statusOnTitle')}>
            <p class="kern-body">
              {t('auth:twoFactor.statusOn', {
                date: dateFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(status.enabledAt),
              })}
            </p>
          </Notice>
          <h2 class="kern-heading-medium">{t('auth:twoFactor.regenerateTitle')}</h2>
          <p class="kern-body">{t('auth:twoFactor.codesLeft', { count: status.codesLeft })}</p>
          <p class="kern-body">{t('auth:twoFactor.regenerateText')}</p>
          <ErrorSummary ctx={ctx} errors={regenerateErrors} />
          <Form ctx={ctx} action={href(ctx, '/account/two-factor/recovery-codes')}>
            <TextField
              ctx={ctx}
              name="regenerateCode"
              autocomplete="one-time-code"
              required
              label={t('auth:twoFactor.codeLabel')}
              hint={t('auth:twoFactor.codeOrRecoveryHint')}
              errors={regenerateErrors}
            />
            <SubmitButton kind="secondary" label={t('auth:twoFactor.regenerateSubmit')} />
          </Form>
          <h2 class="kern-heading-medium">{t('auth:twoFactor.disableTitle')}</h2>
          <p class="kern-body">{t('auth:twoFactor.disableText')}</p>
          <ErrorSummary ctx={ctx} errors={disableErrors} />
          <Form ctx={ctx} action={href(ctx, '/account/two-factor/disable')}>
            <TextField
              ctx={ctx}
              name="disablePassword"
              type="password"
              autocomplete="current-password"
              required
              label={t('auth:field.password')}
              errors={disableErrors}
            />
            <TextField
              ctx={ctx}
              name="disableCode"
              autocomplete="one-time-code"
              required
              label={t('auth:twoFactor.codeLabel')}
              hint={t('auth:twoFactor.codeOrRecoveryHint')}
              errors={disableErrors}
            />
            <SubmitButton kind="secondary" label={t('auth:twoFactor.disableSubmit')} />
          </Form>
        </>
      ) : (
        <>
          <p class="kern-body">{t('auth:twoFactor.statusOff')}</p>
          {status.staff && <p class="kern-body">{t('auth:twoFactor.staffHint')}</p>}
          <Form ctx={ctx} action={href(ctx, '/account/two-factor/setup')}>
            <SubmitButton label={t('auth:twoFactor.setupSubmit')} />
          </Form>
        </>
      )}
      <p>
        <a class="kern-link" href={href(ctx, '/account/security')}>
          {t('auth:twoFactor.back')}
        </a>
      </p>
    </div>
  );
}

export function TwoFactorEnrolPage({
  ctx,
  enrolment,
  secret,
  qr,
  errors,
}: {
  ctx: ViewContext;
  /** the token under which the new secret waits for its first code */
  enrolment: string;
  /** the secret in groups of four */
  secret: string;
  /** the QR code as an SVG element made on the server from our own URI (no user input) */
  qr: string;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:twoFactor.enrolTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <ol class="kern-list kern-stack steps">
        <li>{t('auth:twoFactor.enrolStep1')}</li>
        <li>
          <p class="kern-body">{t('auth:twoFactor.enrolStep2')}</p>
          {/* an SVG the qrcode package drew from our own otpauth URI: no text from anyone in it */}
          <div
            class="totp-qr"
            role="img"
            aria-label={t('auth:twoFactor.qrLabel')}
            dangerouslySetInnerHTML={{ __html: qr }}
          />
          <p class="kern-body">{t('auth:twoFactor.manualKey')}</p>
          <p>
            <code class="totp-secret" dir="ltr">
              {secret}
            </code>
          </p>
        </li>
        <li>{t('auth:twoFactor.enrolStep3')}</li>
      </ol>
      <Form ctx={ctx} action={href(ctx, '/account/two-factor/enable')}>
        <input type="hidden" name="enrolment" value={enrolment} />
        <TextField
          ctx={ctx}
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          label={t('auth:twoFactor.codeLabel')}
          hint={t('auth:twoFactor.codeHint')}
          errors={errors}
        />
        <SubmitButton label={t('auth:twoFactor.enrolSubmit')} />
      </Form>
    </div>
  );
}

export function RecoveryCodesPage({ ctx, codes }: { ctx: ViewContext; codes: string[] }) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('auth:twoFactor.recoveryTitle')}</h1>
      <Notice kind="warning" title={t('auth:twoFactor.recoveryOnce')} role="status">
        <p class="kern-body">{t('auth:twoFactor.recoveryIntro')}</p>
      </Notice>
      <ul class="kern-list recovery-codes" dir="ltr">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="kern-link" href={href(ctx, '/account/two-factor')}>
          {t('auth:twoFactor.recoveryDone')}
        </a>
      </p>
    </div>
  );
}
