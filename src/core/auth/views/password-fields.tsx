import { TextField } from '../../ui/components';
import type { FieldErrors, ViewContext } from '../../ui/context';

/** A new password typed twice (setup, registration, reset, invitation, the security page). */
export function NewPasswordFields({
  ctx,
  errors,
  labelKey = 'auth:field.newPassword',
}: {
  ctx: ViewContext;
  errors?: FieldErrors;
  labelKey?: 'auth:field.newPassword' | 'auth:field.password';
}) {
  const { t } = ctx;
  return (
    <>
      <TextField
        ctx={ctx}
        name="password"
        type="password"
        autocomplete="new-password"
        required
        label={t(labelKey)}
        hint={t('auth:password.hint')}
        errors={errors}
      />
      <TextField
        ctx={ctx}
        name="passwordConfirm"
        type="password"
        autocomplete="new-password"
        required
        label={t('auth:field.passwordConfirm')}
        errors={errors}
      />
    </>
  );
}
