// The officers' programme and call forms: what each field must hold (the schemas), read with the one
// form reader (ADR 0010). Rules across fields live in programme-rules.ts and call-rules.ts.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  checkbox,
  choice,
  date,
  euro,
  type FormResult,
  intParam,
  readForm,
  str,
  text,
  wholeNumber,
} from '../../../core/http/form';
import { parseEuro } from '../../../core/money/money';
import { berlinDateTime } from '../../../core/time/calendar';
import { withFederalDocuments } from '../applications/document-validity';
import { caseNumberPatternIssues, defaultCaseNumberPattern } from '../notices/case-number';
import { defaultBudgetLaw } from '../notices/notice-parts';
import { documentValidities, type RequiredDocument } from '../schema';
import { callFormIssues } from './call-rules';
import { programmeFormIssues } from './programme-rules';
import type { CallInput, ProgrammeInput } from './programmes.store';

export const financingTypes = ['share', 'deficit', 'fixed', 'full'] as const;
/** one grant decision for the whole project period, or one per budget year (continuations/) */
export const decisionPeriods = ['whole', 'yearly'] as const;
export type DecisionPeriod = (typeof decisionPeriods)[number];
export const scopes = ['local', 'regional', 'overregional'] as const;
export const cooperationForms = ['mentoring', 'loose', 'tandem'] as const;

const rowIncomplete = 'funding:validation.rowIncomplete';

/** A percentage with up to two decimals as basis points: "90" → 9000, "7,5" → 750. */
export const percent = ({ optional = false } = {}) =>
  z.string().transform((v, ctx) => {
    if (v === '' && optional) return 0;
    if (v === '') {
      ctx.addIssue({ code: 'custom', message: 'common:validation.required' });
      return z.NEVER;
    }
    const bp = parseEuro(v.replace('%', '').trim());
    if (bp === undefined || bp < 0 || bp > 10000) {
      ctx.addIssue({ code: 'custom', message: 'funding:validation.percent' });
      return z.NEVER;
    }
    return bp;
  });

/** A field of a repeating row: the rows are optional, so a partly filled row asks for what it lacks. */
export const rowText = (max: number) => z.string().max(max, 'common:validation.tooLong').min(1, rowIncomplete);

const money = (optional = false) => euro({ optional, key: 'funding:validation.money' });

export const programmeSchema = z.object({
  title: text({ max: 200 }),
  goals: text({ max: 5000, optional: true }),
  financingType: choice(financingTypes),
  maxShare: percent(),
  minOwnShare: percent(),
  maxGrantPerYear: money(),
  fixedAmount: money(true),
  maxDurationMonths: wholeNumber({ min: 1, max: 120, key: 'funding:validation.durationRange' }),
  scope: choice(scopes),
  requiresMigrantOrganisation: checkbox(),
  cosignRequired: checkbox(),
  // one decision for the whole period (the default, also when the field is not sent) or one per budget year
  decisionPeriod: z
    .union([z.literal(''), choice(decisionPeriods)], 'common:validation.choose')
    .transform((s): DecisionPeriod => (s === '' ? 'whole' : s)),
  cooperationForms: z.array(choice(cooperationForms)),
  caseCode: text({ max: 20, optional: true }),
  caseNumberPattern: text({ max: 60, optional: true }),
  guideline: text({ max: 500, optional: true }),
  budgetLaw: text({ max: 300, optional: true }),
  legalRemedy: text({ max: 3000, optional: true }),
  budget: z.array(
    z.object({
      row: z.number(),
      year: z.string().regex(/^(20\d\d|2100)$/, 'funding:validation.year'),
      amount: z.string().transform((v, ctx) => {
        const cents = parseEuro(v);
        if (cents === undefined || cents < 0) {
          ctx.addIssue({ code: 'custom', message: v === '' ? rowIncomplete : 'funding:validation.money' });
          return z.NEVER;
        }
        return cents;
      }),
    }),
  ),
});
export type ProgrammeForm = z.infer<typeof programmeSchema>;

export function readProgrammeForm(body: unknown): FormResult<ProgrammeInput> {
  const form = readForm(programmeSchema, body, {
    rows: { budget: ['year', 'amount'] },
    lists: ['cooperationForms'],
    check: (d) => [
      ...programmeFormIssues(d),
      ...(d.caseNumberPattern ? caseNumberPatternIssues(d.caseNumberPattern) : []),
    ],
  });
  if (!form.ok) return form;
  const v = form.data;
  return {
    ok: true,
    values: form.values,
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
      requiresMigrantOrganisation: v.requiresMigrantOrganisation,
      cosignRequired: v.cosignRequired,
      decisionPeriod: v.decisionPeriod,
      cooperationForms: v.cooperationForms,
      caseCode: v.caseCode.trim(),
      caseNumberPattern: v.caseNumberPattern.trim() || defaultCaseNumberPattern,
      guideline: v.guideline.trim(),
      budgetLaw: v.budgetLaw.trim() || defaultBudgetLaw,
      legalRemedy: v.legalRemedy.trim(),
      budgetPerYear: Object.fromEntries(v.budget.map((b) => [b.year, b.amount])),
    },
  };
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'funding:validation.time');

export const eligibilityFields = ['id', 'question', 'stopText'] as const;
export const documentFields = [
  'id',
  'label',
  'types',
  'maxMegabytes',
  'optional',
  'validity',
  'months',
  'hint',
] as const;
export const rubricFields = ['id', 'title', 'weight', 'a1', 'a2', 'a3', 'a4', 'a5'] as const;
const anchorFields = ['a1', 'a2', 'a3', 'a4', 'a5'] as const;

const fileTypes = z.string().transform((v, ctx) => {
  const types = v
    .split(/[\s,;]+/)
    .map((x) => x.replace(/^\./, '').toLowerCase())
    .filter(Boolean);
  if (types.length === 0 || types.some((x) => !/^[a-z0-9]{1,8}$/.test(x))) {
    ctx.addIssue({ code: 'custom', message: 'funding:validation.fileTypes' });
    return z.NEVER;
  }
  return types;
});

const megabytes = z.string().transform((v, ctx) => {
  const mb = Number(v.replace(',', '.'));
  if (!(mb > 0 && mb <= 50)) {
    ctx.addIssue({ code: 'custom', message: 'funding:validation.megabytes' });
    return z.NEVER;
  }
  return mb;
});

const weight = z.string().refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 100, {
  message: 'funding:validation.weight',
});

const anchor = z.string().max(2000, 'common:validation.tooLong');

export const callSchema = z.object({
  title: text({ max: 200 }),
  text: text({ max: 20000, optional: true }),
  opensDate: date(),
  opensTime: time,
  closesDate: date(),
  closesTime: time,
  stages: choice(['1', '2']),
  projectStartEarliest: date({ optional: true }),
  projectEndLatest: date({ optional: true }),
  blindReview: checkbox(),
  published: checkbox(),
  eligibility: z.array(z.object({ row: z.number(), id: z.string(), question: rowText(2000), stopText: rowText(2000) })),
  document: z.array(
    z
      .object({
        row: z.number(),
        id: z.string(),
        label: rowText(300),
        types: fileTypes,
        maxMegabytes: megabytes,
        optional: checkbox(),
        // '' for a document that counts as long as it exists
        validity: choice(['', ...documentValidities]),
        months: z.string(),
        hint: text({ max: 500, optional: true }),
      })
      .superRefine((r, ctx) => {
        if (r.validity === 'issuedWithin' && intParam(r.months, { min: 1, max: 36 }) === undefined)
          ctx.addIssue({ code: 'custom', path: ['months'], message: 'funding:documentValidity.monthsRange' });
      }),
  ),
  /** the one-click preset: the five documents of a formal application in federal practice (document-validity.ts) */
  federalDocuments: checkbox(),
  criterion: z.array(
    z
      .object({
        row: z.number(),
        id: z.string(),
        title: rowText(300),
        weight,
        a1: anchor,
        a2: anchor,
        a3: anchor,
        a4: anchor,
        a5: anchor,
      })
      .superRefine((r, ctx) => {
        // every score needs its description; the message stands at the first one missing
        const missing = anchorFields.find((a) => r[a] === '');
        if (missing) ctx.addIssue({ code: 'custom', path: [missing], message: 'funding:validation.anchors' });
      }),
  ),
});
export type CallForm = z.infer<typeof callSchema>;

/**
 * A row whose visible fields were all emptied is one the officer removed: its hidden id goes too,
 * so the row is dropped like a blank one. The rows themselves are optional (each field says
 * "freiwillig"); only a row that is partly filled asks for the rest.
 */
function withoutEmptiedRows(
  b: Record<string, unknown>,
  group: string,
  fields: readonly string[],
  /** choices that keep their value when the officer empties the row's texts (a select, a checkbox): they go with it */
  settings: readonly string[] = [],
) {
  const out = { ...b };
  const pattern = new RegExp(`^${group}-(\\d{1,3})-id$`);
  for (const key of Object.keys(b)) {
    const i = pattern.exec(key)?.[1];
    if (i === undefined) continue;
    const texts = fields.filter((f) => f !== 'id' && !settings.includes(f));
    if (texts.every((f) => !str(b[`${group}-${i}-${f}`]))) {
      delete out[key];
      for (const f of settings) delete out[`${group}-${i}-${f}`];
    }
  }
  return out;
}

/** A document row of the call form as the call keeps it: optional keys only where they say something. */
function toRequiredDocument(r: CallForm['document'][number]): RequiredDocument {
  return {
    id: r.id || randomUUID(),
    label: r.label,
    types: r.types,
    maxMegabytes: r.maxMegabytes,
    ...(r.optional ? { optional: true } : {}),
    ...(r.validity ? { validity: r.validity } : {}),
    ...(r.validity === 'issuedWithin' ? { maxAgeMonths: Number(r.months) } : {}),
    ...(r.hint.trim() ? { hint: r.hint.trim() } : {}),
  };
}

export function readCallForm(body: unknown, programmeId: string): FormResult<CallInput> {
  let b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  b = withoutEmptiedRows(b, 'eligibility', eligibilityFields);
  b = withoutEmptiedRows(b, 'document', documentFields, ['validity', 'optional']);
  b = withoutEmptiedRows(b, 'criterion', rubricFields);
  const form = readForm(callSchema, b, {
    rows: { eligibility: eligibilityFields, document: documentFields, criterion: rubricFields },
    check: callFormIssues,
  });
  if (!form.ok) return form;
  const v = form.data;
  return {
    ok: true,
    values: form.values,
    data: {
      programmeId,
      title: v.title,
      text: v.text,
      opensAt: berlinDateTime(v.opensDate, v.opensTime),
      closesAt: berlinDateTime(v.closesDate, v.closesTime),
      stages: Number(v.stages),
      projectStartEarliest: v.projectStartEarliest || null,
      projectEndLatest: v.projectEndLatest || null,
      blindReview: v.blindReview,
      published: v.published,
      eligibility: v.eligibility.map((r) => ({ id: r.id || randomUUID(), question: r.question, stopText: r.stopText })),
      requiredDocuments: v.federalDocuments
        ? withFederalDocuments(v.document.map(toRequiredDocument), randomUUID)
        : v.document.map(toRequiredDocument),
      rubric: v.criterion.map((r) => ({
        id: r.id || randomUUID(),
        title: r.title,
        weight: Number(r.weight),
        anchors: [r.a1, r.a2, r.a3, r.a4, r.a5],
      })),
    },
  };
}
