// The one way a route reads a form (ADR 0010): a zod schema turns the submitted fields into typed
// data, repeating groups of rows arrive as arrays that remember their row numbers, and rules that
// need context (the grant, today, the programme's limits) run as pure functions over the data.
// Every failure is a keyed issue { field, key, params }; only the view translates it, in the
// reader's language. Schemas carry translation keys as their messages ('common:validation.required').
import { z } from 'zod';
import { parseEuro } from '../money/money';
import { isCalendarDate } from '../time/calendar';

/** What a message may say about the case: plain values, an amount, a share in basis points or a date (formatted by the view), or a key. */
export type IssueParam = string | number | { euro: number } | { percent: number } | { date: string } | { key: string };

/** One thing wrong with a form: which field, which message, and what the message names. */
export interface FieldIssue {
  /** the field's name in the form; a row's field is "<group>-<row>-<field>"; "_form" for the whole form */
  field: string;
  key: string;
  params?: Record<string, IssueParam>;
}

/** The first issue of each field, by field name: what the view shows beside the fields. */
export type FieldErrors = Record<string, Omit<FieldIssue, 'field'>>;

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** A row of a repeating group, with the number it had in the form so its errors find their fields. */
export type FormRow<F extends string> = Record<F, string> & { row: number };

export interface ReadOptions<T> {
  /** repeating groups: fields named "<group>-<row>-<field>" arrive as data[group], blank rows dropped */
  rows?: Record<string, readonly string[]>;
  /** fields that may repeat (checkbox groups): they arrive as lists of texts */
  lists?: readonly string[];
  /** rules that need more than the form: pure functions returning keyed issues (see the modules' *-rules.ts) */
  check?: (data: T) => FieldIssue[];
}

/** Reads a form body (or a query) into typed data, or into field errors. Nothing else validates a form. */
export function readForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  options: ReadOptions<z.infer<S>> = {},
): FormResult<z.infer<S>> {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const values = formValues(raw);
  const bad = badFields(raw);
  if (bad.length)
    return { ok: false, errors: toErrors(bad.map((field) => ({ field, key: badCharactersKey }))), values };
  const input: Record<string, unknown> = {};
  const inRows = new Set<string>();
  for (const [group, fields] of Object.entries(options.rows ?? {})) {
    const rows = collectRows(raw, group, fields);
    input[group] = rows;
    for (const key of Object.keys(raw)) if (key.startsWith(`${group}-`)) inRows.add(key);
  }
  for (const [key, value] of Object.entries(raw)) {
    if (inRows.has(key) || key in input) continue;
    input[key] = options.lists?.includes(key) ? listOf(value) : str(value);
  }
  for (const key of options.lists ?? []) if (!(key in input)) input[key] = [];
  // a field the browser did not send (an empty select, an unticked box) reads as empty, not as missing
  if (schema instanceof z.ZodObject) for (const key of Object.keys(schema.shape)) if (!(key in input)) input[key] = '';
  const result = schema.safeParse(input);
  if (!result.success) return { ok: false, errors: toErrors(zodIssues(result.error, input)), values };
  const issues = options.check?.(result.data) ?? [];
  if (issues.length) return { ok: false, errors: toErrors(issues), values };
  return { ok: true, data: result.data, values };
}

/** Issues found later (by a store, re-checking in its transaction) as the errors a view shows. */
export function toErrors(issues: readonly FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, ...rest } of issues) if (!errors[field]) errors[field] = rest;
  return errors;
}

/** A failed form as the page shows it again: what was typed, and what is wrong. */
export function failedForm(body: unknown, issues: readonly FieldIssue[]) {
  return { values: formValues(body), errors: toErrors(issues) };
}

const translationKey = /^[a-z][\w-]*:[\w.-]+$/;

function zodIssues(error: z.ZodError, input: Record<string, unknown>): FieldIssue[] {
  return error.issues.map((issue) => {
    const [first, index, inner] = issue.path;
    let field = String(first ?? '_form');
    const group = input[field];
    if (Array.isArray(group) && typeof index === 'number' && inner !== undefined) {
      const row = group[index] as { row?: number } | undefined;
      field = row && typeof row.row === 'number' ? `${field}-${row.row}-${String(inner)}` : field;
    }
    const key = translationKey.test(issue.message) ? issue.message : 'common:validation.invalid';
    const params = (issue as { params?: Record<string, IssueParam> }).params;
    return params ? { field, key, params } : { field, key };
  });
}

// ---- fields: the building blocks of form schemas --------------------------------------------

const required = 'common:validation.required';

/** A text; empty is refused unless optional. Longer than max is refused with the limit named. */
export function text({ max = 500, optional = false }: { max?: number; optional?: boolean } = {}) {
  const base = z.string().max(max, 'common:validation.tooLong');
  return optional ? base : base.min(1, required);
}

/** One of the given values (a select or radio group). */
export const choice = <const T extends readonly [string, ...string[]]>(options: T) =>
  z.enum(options, 'common:validation.choose');

/** An amount in euros, typed the German or the English way, as integer cents. */
export function euro({ optional = false, min = 0, key = 'common:validation.money' } = {}) {
  return z.string().transform((s, ctx) => {
    if (s === '' && optional) return undefined;
    if (s === '') {
      ctx.addIssue({ code: 'custom', message: required });
      return z.NEVER;
    }
    const cents = parseEuro(s);
    if (cents === undefined || cents < min) {
      ctx.addIssue({ code: 'custom', message: key });
      return z.NEVER;
    }
    return cents;
  });
}

/** A calendar date as 'yyyy-mm-dd' (what <input type="date"> sends). */
export function date({ optional = false } = {}) {
  return z.string().refine((s) => (optional && s === '') || isCalendarDate(s), {
    message: 'common:validation.date',
  });
}

/** A whole number written in digits within [min, max]. */
export function wholeNumber({ min = 0, max = 2_147_483_647, key = 'common:validation.wholeNumber' } = {}) {
  return z.string().transform((s, ctx) => {
    const n = intParam(s, { min, max });
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', message: s === '' ? required : key, params: { min, max } });
      return z.NEVER;
    }
    return n;
  });
}

/** A checkbox: sent (with any value) means yes. */
export const checkbox = () =>
  z
    .string()
    .optional()
    .transform((s) => s !== undefined && s !== '');

/** An issue for a rule function to return. */
export const issue = (field: string, key: string, params?: Record<string, IssueParam>): FieldIssue =>
  params ? { field, key, params } : { field, key };

/** A field that may repeat (a checkbox group) as its non-empty, trimmed values. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(str).filter((v) => v !== '');
  const s = str(value);
  return s === '' ? [] : [s];
}

/** Rows of a repeating group (fields "<group>-<row>-<field>"), in row order; rows left all blank are dropped. */
export function collectRows<F extends string>(body: unknown, group: string, fields: readonly F[]): FormRow<F>[] {
  const b = (body ?? {}) as Record<string, unknown>;
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${group}-(\\d{1,3})-`);
  for (const key of Object.keys(b)) {
    const m = key.match(pattern);
    if (m) indexes.add(Number(m[1]));
  }
  return [...indexes]
    .sort((a, c) => a - c)
    .map((row) => {
      const cells = Object.fromEntries(fields.map((f) => [f, str(b[`${group}-${row}-${f}`])])) as Record<F, string>;
      return { ...cells, row };
    })
    .filter((r) => fields.some((f) => r[f] !== ''));
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
