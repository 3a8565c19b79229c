import { z } from 'zod';
import { languages } from '../i18n/i18n';

export const emailField = z
  .string()
  .trim()
  .min(1, 'common:validation.required')
  .max(254, 'common:validation.tooLong')
  .pipe(z.email('common:validation.email'));

export const nameField = z.string().trim().min(1, 'common:validation.required').max(200, 'common:validation.tooLong');

// an empty field is asked for like any required one; a short one is told the length
export const newPasswordField = z
  .string()
  .min(1, 'common:validation.required')
  .min(12, 'auth:password.tooShort')
  .max(200, 'common:validation.tooLong');

export const languageField = z.enum(languages, 'common:validation.choose');

/** A new password typed twice; a mismatch is reported on the second field. */
export function withConfirmation<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, password: newPasswordField, passwordConfirm: z.string() })
    .refine((v) => (v as { password: string }).password === (v as { passwordConfirm: string }).passwordConfirm, {
      path: ['passwordConfirm'],
      message: 'auth:password.mismatch',
    });
}
