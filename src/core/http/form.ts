// Turns a submitted form into typed data or into field errors keyed by field name.
// Schemas carry translation keys as their messages, e.g. 'common:validation.required'.
import type { z } from 'zod';
import type { FieldErrors } from '../ui/context';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const input = typeof body === 'object' && body !== null ? body : {};
  const errors: FieldErrors = {};
  for (const field of badFields(input)) errors[field] = badCharactersKey;
  if (Object.keys(errors).length) return { ok: false, errors };
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (errors[field]) continue;
    errors[field] = issue.message.includes(':') ? issue.message : 'common:validation.invalid';
  }
  return { ok: false, errors };
}

// Characters no person types and no store keeps: NUL (PostgreSQL text refuses it), the other C0
// controls but tab and line breaks (XML 1.0, and so every export and feed, cannot carry them),
// U+FFFE/U+FFFF, and UTF-16 surrogates without their partner (no UTF-8 encoding exists for them).
const badCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The message of a field that holds such characters. */
export const badCharactersKey = 'common:validation.badCharacters';

export const hasBadCharacters = (value: string) => badCharacters.test(value);

/** Where the first bad character is, or -1. */
export const badCharacterAt = (value: string) => value.search(badCharacters);

/** The text with each bad character shown as U+FFFD, for naming a field on an error page. */
export const shownText = (value: string) => value.replace(new RegExp(badCharacters.source, 'g'), '\uFFFD');

/**
 * The names of the fields (top-level keys) of a form, query or JSON body whose name or value,
 * at any depth, holds a bad character.
 */
export function badFields(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return [];
  const bad = (v: unknown, depth: number): boolean => {
    if (typeof v === 'string') return hasBadCharacters(v);
    if (typeof v !== 'object' || v === null || depth > 8) return false;
    return Object.entries(v).some(([k, x]) => hasBadCharacters(k) || bad(x, depth + 1));
  };
  return Object.entries(input)
    .filter(([k, v]) => hasBadCharacters(k) || bad(v, 0))
    .map(([k]) => k);
}

/** A form value as one trimmed string (forms may repeat a field; the first wins). */
export function str(value: unknown): string {
  if (Array.isArray(value)) return str(value[0]);
  return typeof value === 'string' ? value.trim() : '';
}

/** The `page` query parameter as a page number from 1, whatever was typed into the address. */
export const pageParam = (query: unknown) =>
  Math.max(1, Math.min(100_000, Number.parseInt(str((query as Record<string, unknown> | undefined)?.page), 10) || 1));

/**
 * A whole number from the address or a form, e.g. an application's version, or undefined unless it
 * is written in digits and lies within [min, max] (by default what PostgreSQL's integer holds).
 */
export function intParam(value: unknown, { min = 1, max = 2_147_483_647 } = {}): number | undefined {
  const s = str(value);
  if (!/^\d{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/** Whether a URL segment is a UUID, before it goes near a uuid column (which would refuse it). */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A form body as one trimmed string per field. */
export const formValues = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, str(v)]));
