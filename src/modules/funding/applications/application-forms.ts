// Reads each application section's form into content. Drafts may be incomplete, so only
// malformed entries are errors here; what is missing is reported by application-checks.ts.
import { str } from '../../../core/http/form';
import { collectRows } from '../../../core/http/rows';
import { parseEuro } from '../../../core/money/money';
import { isCalendarDate } from '../../../core/time/calendar';
import type { FieldErrors } from '../../../core/ui/context';
import { parseFields } from '../programmes/fields-of-action';
import type { ApplicationContent, Partner, StoredPlan } from '../schema';
import { budgetYears, expenseLines } from './financing-plan';

type Body = Record<string, unknown>;
export type SectionResult = { ok: true; change: Partial<ApplicationContent> } | { ok: false; errors: FieldErrors };

const limits: Record<string, number> = {
  title: 200,
  acronym: 30,
  summary: 3000,
  goals: 5000,
  targetGroups: 2000,
  region: 200,
  municipalityKey: 8,
};

export function parseProject(body: unknown): SectionResult {
  const b = (body ?? {}) as Body;
  const errors: FieldErrors = {};
  const v = Object.fromEntries(
    ['title', 'acronym', 'summary', 'goals', 'targetGroups', 'region', 'municipalityKey', 'startDate', 'endDate'].map(
      (k) => [k, str(b[k])],
    ),
  ) as Record<string, string>;
  for (const [k, max] of Object.entries(limits)) if ((v[k] ?? '').length > max) errors[k] = 'common:validation.tooLong';
  for (const k of ['startDate', 'endDate'])
    if (v[k] && !isCalendarDate(v[k] as string)) errors[k] = 'common:validation.date';
  if (v.municipalityKey && !/^\d{8}$/.test(v.municipalityKey)) errors.municipalityKey = 'funding:check.municipalityKey';
  const fields = parseFields(b.fieldsOfAction);
  if (!fields) errors.fieldsOfAction = 'common:validation.choose';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, change: { ...(v as Partial<ApplicationContent>), fieldsOfAction: fields } };
}

export function parsePartners(body: unknown): SectionResult {
  const b = (body ?? {}) as Body;
  const errors: FieldErrors = {};
  const partners: Partner[] = [];
  const rows = collectRows(b, 'partner', ['name', 'isMigrantOrganisation', 'role', 'tasks', 'share'] as const);
  rows.forEach((r, i) => {
    const share = r.share ? parseEuro(r.share.replace('%', '')) : 0;
    // the rows are optional; a partner row that is partly filled asks for its name
    if (!r.name) errors[`partner-${i}-name`] = 'funding:validation.rowIncomplete';
    else if (share === undefined || share < 0 || share > 10000)
      errors[`partner-${i}-share`] = 'funding:validation.percent';
    else
      partners.push({
        name: r.name.slice(0, 200),
        isMigrantOrganisation: r.isMigrantOrganisation === 'on',
        role: r.role.slice(0, 200),
        tasks: r.tasks.slice(0, 3000),
        budgetShareBp: share,
      });
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, change: { partners, cooperationForm: str(b.cooperationForm) } };
}

export function parseWorkplan(body: unknown): SectionResult {
  const errors: FieldErrors = {};
  const milestones: ApplicationContent['milestones'] = [];
  collectRows(body, 'milestone', ['title', 'due'] as const).forEach((r, i) => {
    if (!r.title) errors[`milestone-${i}-title`] = 'funding:validation.rowIncomplete';
    else if (!isCalendarDate(r.due)) errors[`milestone-${i}-due`] = 'common:validation.date';
    else milestones.push({ title: r.title.slice(0, 300), due: r.due });
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  milestones.sort((a, c) => a.due.localeCompare(c.due));
  return { ok: true, change: { milestones } };
}

/** The plan grid: one field per line and budget year; empty fields count as zero. */
export function parsePlan(body: unknown, content: ApplicationContent): SectionResult {
  const b = (body ?? {}) as Body;
  const errors: FieldErrors = {};
  const years =
    isCalendarDate(content.startDate) && isCalendarDate(content.endDate)
      ? budgetYears(content.startDate, content.endDate)
      : [];
  const amount = (name: string): number => {
    const raw = str(b[name]);
    if (raw === '') return 0;
    const cents = parseEuro(raw);
    if (cents === undefined || cents < 0) {
      errors[name] = 'funding:validation.money';
      return 0;
    }
    return cents;
  };
  const plan: StoredPlan = { expenses: [], ownFunds: [], thirdPartyFunds: [], grant: [] };
  const source = str(b.thirdSource).slice(0, 300);
  for (const year of years) {
    for (const line of expenseLines) {
      const c = amount(`exp-${line}-${year}`);
      if (c) plan.expenses.push({ line, year, amountCents: c });
    }
    const own = amount(`own-${year}`);
    if (own) plan.ownFunds.push({ year, amountCents: own });
    const third = amount(`third-${year}`);
    if (third) plan.thirdPartyFunds.push({ year, amountCents: third, source });
    const grant = amount(`grant-${year}`);
    if (grant) plan.grant.push({ year, amountCents: grant });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, change: { plan } };
}

export function parseDeclarations(body: unknown): SectionResult {
  const b = (body ?? {}) as Body;
  return {
    ok: true,
    change: {
      declarations: {
        truthful: str(b.truthful) === 'on',
        noDoubleFunding: str(b.noDoubleFunding) === 'on',
        privacy: str(b.privacy) === 'on',
      },
    },
  };
}
