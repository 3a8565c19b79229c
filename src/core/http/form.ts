// Turns a submitted form into typed data or into field errors keyed by field name.
// Schemas carry translation keys as their messages, e.g. 'common:validation.required'.
import type { z } from 'zod';
import type { FieldErrors } from '../ui/context';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const input = typeof body === 'object' && body !== null ? body : {};
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (errors[field]) continue;
    errors[field] = issue.message.includes(':') ? issue.message : 'common:validation.invalid';
  }
  return { ok: false, errors };
}

/** A form value as one trimmed string (forms may repeat a field; the first wins). */
export function str(value: unknown): string {
  if (Array.isArray(value)) return str(value[0]);
  return typeof value === 'string' ? value.trim() : '';
}

/** The `page` query parameter as a page number from 1, whatever was typed into the address. */
export const pageParam = (query: unknown) =>
  Math.max(1, Math.min(100_000, Number.parseInt(str((query as Record<string, unknown> | undefined)?.page), 10) || 1));

/** Whether a URL segment is a UUID, before it goes near a uuid column (which would refuse it). */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A form body as one trimmed string per field. */
export const formValues = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, str(v)]));
