// The carrier's forms: the eligibility questions that open a draft, and each section of the draft,
// read with the one form reader (ADR 0010). Drafts may be incomplete, so a section refuses only
// what is malformed; what is missing is reported by application-rules.ts.
import { z } from 'zod';
import { checkbox, choice, date, euro, type FormResult, readForm, str, text } from '../../../core/http/form';
import { contactEmail } from '../partner-confirmations/partner-confirmation-rules';
import { fieldsOfAction } from '../programmes/fields-of-action';
import { percent, rowText } from '../programmes/programme-forms';
import type { ApplicationContent, Call, Partner, StoredPlan } from '../types';
import { projectYears, type Section } from './application-rules';
import { expenseLines } from './financing-plan';

/** A section's form read into the part of the content it changes. */
export type SectionForm = FormResult<Partial<ApplicationContent>>;

function mapped<T, U>(form: FormResult<T>, to: (data: T) => U): FormResult<U> {
  return form.ok ? { ok: true, data: to(form.data), values: form.values } : form;
}

// ---- opening a draft ----

/** The answers to a call's eligibility questions ("q-<id>": yes or no) and the applying organisation. */
export function readEligibility(body: unknown, call: Call, organisationIds: readonly [string, ...string[]]) {
  const yesNo = choice(['yes', 'no']);
  const schema = z.object({
    organisationId: choice(organisationIds),
    ...Object.fromEntries(call.eligibility.map((q) => [`q-${q.id}`, yesNo])),
  });
  return mapped(readForm(schema, body), (d) => {
    const answers = d as Record<string, string>;
    return {
      organisationId: answers.organisationId as string,
      answers: Object.fromEntries(call.eligibility.map((q) => [q.id, answers[`q-${q.id}`] as 'yes' | 'no'])),
    };
  });
}

// ---- the sections ----

export const projectSchema = z.object({
  title: text({ max: 200, optional: true }),
  acronym: text({ max: 30, optional: true }),
  summary: text({ max: 3000, optional: true }),
  goals: text({ max: 5000, optional: true }),
  targetGroups: text({ max: 2000, optional: true }),
  region: text({ max: 200, optional: true }),
  municipalityKey: z.string().refine((v) => v === '' || /^\d{8}$/.test(v), 'funding:check.municipalityKey'),
  startDate: date({ optional: true }),
  endDate: date({ optional: true }),
  fieldsOfAction: z.array(choice(fieldsOfAction)),
});

export function readProject(body: unknown): SectionForm {
  return mapped(readForm(projectSchema, body, { lists: ['fieldsOfAction'] }), (d) => ({
    ...d,
    // in the list's order, each once
    fieldsOfAction: fieldsOfAction.filter((f) => d.fieldsOfAction.includes(f)),
  }));
}

/** The partner rows ("partner-<row>-<field>"), shared with a change of partners on a grant. */
export const partnerFields = ['name', 'isMigrantOrganisation', 'role', 'tasks', 'share'] as const;
export const partnerRows = z.array(
  z.object({
    row: z.number(),
    // the rows are optional; a partner row that is partly filled asks for its name
    name: rowText(200),
    isMigrantOrganisation: checkbox(),
    role: text({ max: 200, optional: true }),
    tasks: text({ max: 3000, optional: true }),
    share: percent({ optional: true }),
  }),
);

export const toPartners = (rows: z.infer<typeof partnerRows>): Partner[] =>
  rows.map((r) => ({
    name: r.name,
    isMigrantOrganisation: r.isMigrantOrganisation,
    role: r.role,
    tasks: r.tasks,
    budgetShareBp: r.share,
  }));

/**
 * An application's partner rows also name the partner's contact person, who confirms the partner's
 * part by a mailed link (partner-confirmations/): a name and an e-mail address.
 */
export const applicationPartnerFields = [...partnerFields, 'contactName', 'contactEmail'] as const;
export const applicationPartnerRows = z.array(
  partnerRows.element.extend({ contactName: text({ max: 200, optional: true }), contactEmail }),
);

export const partnersSchema = z.object({
  cooperationForm: text({ max: 50, optional: true }),
  partner: applicationPartnerRows,
});

export function readPartners(body: unknown): SectionForm {
  return mapped(readForm(partnersSchema, body, { rows: { partner: applicationPartnerFields } }), (d) => ({
    cooperationForm: d.cooperationForm,
    // a contact only where one is given: a partner without one is asked to confirm nothing yet
    partners: toPartners(d.partner).map((p, i) => {
      const { contactName = '', contactEmail = '' } = d.partner[i] ?? {};
      return contactName || contactEmail ? { ...p, contactName, contactEmail } : p;
    }),
  }));
}

export const workplanSchema = z.object({
  milestone: z.array(z.object({ row: z.number(), title: rowText(300), due: date() })),
});

export function readWorkplan(body: unknown): SectionForm {
  return mapped(readForm(workplanSchema, body, { rows: { milestone: ['title', 'due'] } }), (d) => ({
    milestones: d.milestone.map((m) => ({ title: m.title, due: m.due })).sort((a, c) => a.due.localeCompare(c.due)),
  }));
}

/**
 * The plan grid: one row per budget year ("plan-<row>-year" says which, hidden), one field per
 * expense line and source of money; an empty field counts as zero.
 */
export const planFields = ['year', ...expenseLines, 'own', 'third', 'grant'] as const;
const cell = euro({ optional: true, key: 'funding:validation.money' });
export const planSchema = z.object({
  thirdSource: text({ max: 300, optional: true }),
  plan: z.array(
    z.object({
      row: z.number(),
      year: z.string(),
      ...(Object.fromEntries([...expenseLines, 'own', 'third', 'grant'].map((f) => [f, cell])) as Record<
        (typeof expenseLines)[number] | 'own' | 'third' | 'grant',
        typeof cell
      >),
    }),
  ),
});

export function readPlan(body: unknown, content: ApplicationContent): SectionForm {
  const years = projectYears(content);
  return mapped(readForm(planSchema, body, { rows: { plan: planFields } }), (d) => {
    const plan: StoredPlan = { expenses: [], ownFunds: [], thirdPartyFunds: [], grant: [] };
    // a row of a year the project no longer has (its dates changed meanwhile) says nothing
    for (const r of d.plan.filter((r) => years.includes(Number(r.year)))) {
      const year = Number(r.year);
      for (const line of expenseLines) if (r[line]) plan.expenses.push({ line, year, amountCents: r[line] });
      if (r.own) plan.ownFunds.push({ year, amountCents: r.own });
      if (r.third) plan.thirdPartyFunds.push({ year, amountCents: r.third, source: d.thirdSource });
      if (r.grant) plan.grant.push({ year, amountCents: r.grant });
    }
    return { plan };
  });
}

/** What the carrier declares; the partners' consent is each partner's own, on its confirmation page. */
export const declarationsSchema = z.object({ truthful: checkbox(), noDoubleFunding: checkbox() });

export function readDeclarations(body: unknown): SectionForm {
  return mapped(readForm(declarationsSchema, body), (declarations) => ({ declarations }));
}

/** The form reader of each section with a form of fields (documents are uploads). */
export const sectionForms: Partial<Record<Section, (body: unknown, content: ApplicationContent) => SectionForm>> = {
  project: readProject,
  partners: readPartners,
  workplan: readWorkplan,
  plan: readPlan,
  declarations: readDeclarations,
};

/** What was typed, to show a failed section again: fields sent more than once (checkboxes) joined by commas. */
export function typedValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.map(str).join(',') : str(v),
    ]),
  );
}

// ---- withdrawing ----

/** The carrier's withdrawal: a reason (optional, shown to the officer) and the confirmation. */
export const withdrawForm = z.object({
  reason: text({ max: 2000, optional: true }),
  confirmed: checkbox(),
});
