// Turns officers' programme and call forms into validated input for the store, with field errors.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FormResult } from '../../../core/http/form';
import { formValues, str } from '../../../core/http/form';
import { collectRows } from '../../../core/http/rows';
import { parseEuro } from '../../../core/money/money';
import { berlinDateTime } from '../../../core/time/calendar';
import type { FieldErrors } from '../../../core/ui/context';
import type { EligibilityQuestion, RequiredDocument, RubricCriterion } from '../schema';
import type { CallInput, ProgrammeInput } from './programmes.store';

export const financingTypes = ['share', 'deficit', 'fixed', 'full'] as const;
export const scopes = ['local', 'regional', 'overregional'] as const;
export const cooperationForms = ['mentoring', 'loose', 'tandem'] as const;

type Body = Record<string, unknown>;
const text = (max: number, required = true) => {
  const s = z.string().trim().max(max, 'common:validation.tooLong');
  return required ? s.min(1, 'common:validation.required') : s;
};
// A percentage with up to two decimals is a number of basis points: "90" → 9000, "7,5" → 750.
const percentBp = z
  .string()
  .trim()
  .min(1, 'common:validation.required')
  .transform((v, ctx) => {
    const bp = parseEuro(v.replace('%', ''));
    if (bp === undefined || bp < 0 || bp > 10000) {
      ctx.addIssue({ code: 'custom', message: 'funding:validation.percent' });
      return z.NEVER;
    }
    return bp;
  });
const euro = (required: boolean) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: 'common:validation.required' });
        return undefined;
      }
      const cents = parseEuro(v);
      if (cents === undefined || cents < 0) {
        ctx.addIssue({ code: 'custom', message: 'funding:validation.money' });
        return z.NEVER;
      }
      return cents;
    });

const programmeSchema = z
  .object({
    title: text(200),
    goals: text(5000, false),
    financingType: z.enum(financingTypes, 'common:validation.choose'),
    maxShare: percentBp,
    minOwnShare: percentBp,
    maxGrantPerYear: euro(true),
    fixedAmount: euro(false),
    maxDurationMonths: z.coerce
      .number('funding:validation.wholeNumber')
      .int('funding:validation.wholeNumber')
      .min(1, 'funding:validation.durationRange')
      .max(120, 'funding:validation.durationRange'),
    scope: z.enum(scopes, 'common:validation.choose'),
    requiresMigrantOrganisation: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.financingType === 'fixed' && v.fixedAmount === undefined)
      ctx.addIssue({ code: 'custom', path: ['fixedAmount'], message: 'funding:validation.fixedAmountNeeded' });
  });

export function parseProgrammeForm(body: unknown): FormResult<ProgrammeInput> {
  const b = (body ?? {}) as Body;
  const flat = formValues(b);
  const parsed = programmeSchema.safeParse(flat);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      errors[field] ??= issue.message.includes(':') ? issue.message : 'common:validation.invalid';
    }
  }
  const forms = ([] as unknown[]).concat(b.cooperationForms ?? []).map(String);
  if (forms.some((f) => !(cooperationForms as readonly string[]).includes(f)))
    errors.cooperationForms = 'common:validation.choose';
  const budgetPerYear: Record<string, number> = {};
  for (const [i, row] of collectRows(b, 'budget', ['year', 'amount'] as const).entries()) {
    const year = Number(row.year);
    const cents = parseEuro(row.amount);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) errors[`budget-${i}-year`] ??= 'funding:validation.year';
    else if (cents === undefined || cents < 0) errors[`budget-${i}-amount`] ??= 'funding:validation.money';
    else budgetPerYear[String(year)] = cents;
  }
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const v = parsed.data;
  return {
    ok: true,
    data: {
      title: v.title,
      goals: v.goals,
      financingType: v.financingType,
      maxShareBp: v.maxShare,
      minOwnShareBp: v.minOwnShare,
      maxGrantPerYearCents: v.maxGrantPerYear ?? 0,
      fixedAmountCents: v.fixedAmount ?? null,
      maxDurationMonths: v.maxDurationMonths,
      scope: v.scope,
      requiresMigrantOrganisation: v.requiresMigrantOrganisation === 'on',
      cooperationForms: forms,
      budgetPerYear,
    },
  };
}

const isoDate = z.iso.date('common:validation.date');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'funding:validation.time');
const optionalDate = z.union([z.literal(''), isoDate]);

const callSchema = z
  .object({
    title: text(200),
    text: text(20000, false),
    opensDate: isoDate,
    opensTime: time,
    closesDate: isoDate,
    closesTime: time,
    stages: z.enum(['1', '2'], 'common:validation.choose'),
    projectStartEarliest: optionalDate,
    projectEndLatest: optionalDate,
    blindReview: z.string().optional(),
    published: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (`${v.closesDate}T${v.closesTime}` <= `${v.opensDate}T${v.opensTime}`)
      ctx.addIssue({ code: 'custom', path: ['closesDate'], message: 'funding:validation.closesBeforeOpens' });
    if (v.projectStartEarliest && v.projectEndLatest && v.projectEndLatest <= v.projectStartEarliest)
      ctx.addIssue({ code: 'custom', path: ['projectEndLatest'], message: 'funding:validation.endBeforeStart' });
  });

export const eligibilityFields = ['id', 'question', 'stopText'] as const;
export const documentFields = ['id', 'label', 'types', 'maxMegabytes'] as const;
export const rubricFields = ['id', 'title', 'weight', 'a1', 'a2', 'a3', 'a4', 'a5'] as const;

/**
 * A row whose visible fields were all emptied is one the officer removed: its hidden id goes too,
 * so the row is dropped like a blank one. The rows themselves are optional (each field says
 * "freiwillig"); only a row that is partly filled asks for the rest.
 */
function withoutEmptiedRows(b: Body, group: string, fields: readonly string[]): Body {
  const out = { ...b };
  const pattern = new RegExp(`^${group}-(\\d{1,3})-id$`);
  for (const key of Object.keys(b)) {
    const i = pattern.exec(key)?.[1];
    if (i !== undefined && fields.every((f) => f === 'id' || !str(b[`${group}-${i}-${f}`]))) delete out[key];
  }
  return out;
}

export function parseCallForm(body: unknown, programmeId: string): FormResult<CallInput> {
  const b = (body ?? {}) as Body;
  const flat = formValues(b);
  const parsed = callSchema.safeParse(flat);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      errors[field] ??= issue.message.includes(':') ? issue.message : 'common:validation.invalid';
    }
  }
  const eligibility: EligibilityQuestion[] = [];
  collectRows(withoutEmptiedRows(b, 'eligibility', eligibilityFields), 'eligibility', eligibilityFields).forEach(
    (r, i) => {
      if (!r.question) errors[`eligibility-${i}-question`] ??= 'funding:validation.rowIncomplete';
      else if (!r.stopText) errors[`eligibility-${i}-stopText`] ??= 'funding:validation.rowIncomplete';
      else eligibility.push({ id: r.id || randomUUID(), question: r.question, stopText: r.stopText });
    },
  );
  const requiredDocuments: RequiredDocument[] = [];
  collectRows(withoutEmptiedRows(b, 'document', documentFields), 'document', documentFields).forEach((r, i) => {
    const types = r.types
      .split(/[\s,;]+/)
      .map((x) => x.replace(/^\./, '').toLowerCase())
      .filter(Boolean);
    const mb = Number(r.maxMegabytes.replace(',', '.'));
    if (!r.label) errors[`document-${i}-label`] ??= 'funding:validation.rowIncomplete';
    else if (types.length === 0 || types.some((x) => !/^[a-z0-9]{1,8}$/.test(x)))
      errors[`document-${i}-types`] ??= 'funding:validation.fileTypes';
    else if (!(mb > 0 && mb <= 50)) errors[`document-${i}-maxMegabytes`] ??= 'funding:validation.megabytes';
    else requiredDocuments.push({ id: r.id || randomUUID(), label: r.label, types, maxMegabytes: mb });
  });
  const rubric: RubricCriterion[] = [];
  collectRows(withoutEmptiedRows(b, 'criterion', rubricFields), 'criterion', rubricFields).forEach((r, i) => {
    const weight = Number(r.weight);
    const anchors = [r.a1, r.a2, r.a3, r.a4, r.a5] as [string, string, string, string, string];
    if (!r.title) errors[`criterion-${i}-title`] ??= 'funding:validation.rowIncomplete';
    else if (!Number.isInteger(weight) || weight < 1 || weight > 100)
      errors[`criterion-${i}-weight`] ??= 'funding:validation.weight';
    else if (anchors.some((a) => !a)) errors[`criterion-${i}-a1`] ??= 'funding:validation.anchors';
    else rubric.push({ id: r.id || randomUUID(), title: r.title, weight, anchors });
  });
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const v = parsed.data;
  return {
    ok: true,
    data: {
      programmeId,
      title: v.title,
      text: v.text,
      opensAt: berlinDateTime(v.opensDate, v.opensTime),
      closesAt: berlinDateTime(v.closesDate, v.closesTime),
      stages: Number(v.stages),
      projectStartEarliest: v.projectStartEarliest || null,
      projectEndLatest: v.projectEndLatest || null,
      blindReview: v.blindReview === 'on',
      published: v.published === 'on',
      eligibility,
      requiredDocuments,
      rubric,
    },
  };
}
