import type { ComponentChildren } from 'preact';
import { pdfLanguage } from '../../../core/pdf/pdf';
import {
  CheckboxField,
  ChoiceGroup,
  DataTable,
  ErrorSummary,
  Form,
  issueText,
  Notice,
  namedMessage,
  SelectField,
  SubmitButton,
  TextField,
  useShownField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { berlinDate, berlinDateTime, euro, euroInput } from '../format';
import { germanCall, type Shown, type ShownCall } from '../programmes/call-translation-rules';
import { CallText } from '../programmes/calls-views';
import { fieldsOfAction } from '../programmes/fields-of-action';
import type { RequiredDocument } from '../schema';
import type { Application, ApplicationContent, Call, Partner, Programme } from '../types';
import { mayWithdraw, projectYears, rulesOf, type Section, type SectionIssue, sections } from './application-rules';
import type { DocumentMeta } from './applications.store';
import { type DocumentDates, dateField, givenDate, lastValidDay, needsDate } from './document-validity';
import { computeGrant, expenseLines, type FinancingPlan, totals } from './financing-plan';

type Values = Record<string, string | undefined>;

function StatusBadge({ ctx, status }: { ctx: ViewContext; status: string }) {
  const kind =
    status === 'approved'
      ? 'success'
      : status === 'rejected'
        ? 'danger'
        : status === 'draft' || status === 'returned'
          ? 'warning'
          : 'info';
  return (
    <span class={`kern-badge kern-badge--${kind}`}>
      <span class="kern-label">{ctx.t(`funding:status.${status}`)}</span>
    </span>
  );
}

/** A warning that the organisation already applied to this call, with links to those applications. */
function EarlierApplications({ ctx, earlier }: { ctx: ViewContext; earlier?: { id: string; title: string }[] }) {
  const { t } = ctx;
  if (!earlier?.length) return null;
  return (
    <Notice kind="warning" title={t('funding:withdraw.secondTitle', { count: earlier.length })}>
      <p class="kern-body">{t('funding:withdraw.secondText')}</p>
      <ul class="kern-list">
        {earlier.map((e) => (
          <li>
            <a class="kern-link" href={href(ctx, `/applications/${e.id}`)}>
              {e.title ? <Written ctx={ctx}>{e.title}</Written> : t('funding:application.untitled')}
            </a>
          </li>
        ))}
      </ul>
    </Notice>
  );
}

export function EligibilityPage(p: {
  ctx: ViewContext;
  call: Call;
  organisations: { id: string; name: string }[];
  values?: Values;
  errors?: FieldErrors;
  /** the call's texts in the reader's language where translated (shownCallFor); German otherwise */
  shown?: ShownCall;
  /** the ids of the questions answered "no": their stop texts are shown */
  stopped?: string[];
  /** the organisation's applications to this call that still count */
  earlier?: { id: string; title: string }[];
}) {
  const { ctx, call } = p;
  const { t } = ctx;
  const shown = p.shown ?? germanCall(call);
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:apply.title')}</h1>
        <p class="kern-subline">
          <CallText ctx={ctx} shown={shown.title} />
        </p>
      </hgroup>
      <EarlierApplications ctx={ctx} earlier={p.earlier} />
      {p.stopped ? (
        <Notice kind="warning" title={t('funding:apply.notEligible')}>
          <ul class="kern-list kern-list--bullet">
            {p.stopped.map((id) => (
              <li>
                <CallText ctx={ctx} shown={shown.stopText(id)} />
              </li>
            ))}
          </ul>
          <p class="kern-body">{t('funding:apply.notEligibleHelp')}</p>
        </Notice>
      ) : (
        <>
          <p class="kern-body">{t('funding:apply.intro')}</p>
          <ErrorSummary ctx={ctx} errors={p.errors} />
          <Form ctx={ctx} action={href(ctx, `/calls/${call.id}/apply`)}>
            {p.organisations.length > 1 ? (
              <SelectField
                ctx={ctx}
                name="organisationId"
                required
                label={t('funding:apply.organisation')}
                value={p.values?.organisationId}
                errors={p.errors}
                choices={p.organisations.map((o) => ({ value: o.id, label: o.name }))}
                placeholder=""
              />
            ) : (
              <input type="hidden" name="organisationId" value={p.organisations[0]?.id ?? ''} />
            )}
            {call.eligibility.map((q) => (
              <ChoiceGroup
                ctx={ctx}
                type="radio"
                name={`q-${q.id}`}
                required
                label={shown.question(q.id).text}
                shownLabel={<CallText ctx={ctx} shown={shown.question(q.id)} />}
                value={p.values?.[`q-${q.id}`]}
                errors={p.errors}
                choices={[
                  { value: 'yes', label: t('funding:yes') },
                  { value: 'no', label: t('funding:no') },
                ]}
              />
            ))}
            <SubmitButton label={t('funding:apply.start')} />
          </Form>
        </>
      )}
    </div>
  );
}

export function MyApplications({
  ctx,
  rows,
  titles,
}: {
  ctx: ViewContext;
  rows: { application: Application; callTitle: string; closesAt: Date }[];
  /** the calls' titles in the reader's language where translated (shownTitlesFor), by call id */
  titles?: Map<string, Shown>;
}) {
  const { t, lang } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('funding:mine.title')}</h1>
      <DataTable
        caption={t('funding:mine.title')}
        empty={t('funding:mine.none')}
        rows={rows}
        columns={[
          {
            header: t('funding:application.project'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/applications/${r.application.id}`)}>
                {r.application.content.title ? (
                  <Written ctx={ctx}>{r.application.content.title}</Written>
                ) : (
                  t('funding:application.untitled')
                )}
              </a>
            ),
          },
          {
            header: t('funding:call.title'),
            cell: (r) => (
              <CallText ctx={ctx} shown={titles?.get(r.application.callId) ?? { text: r.callTitle, lang: 'de' }} />
            ),
          },
          { header: t('funding:call.closesAt'), cell: (r) => berlinDateTime(lang, r.closesAt) },
          {
            header: t('funding:application.status'),
            cell: (r) => <StatusBadge ctx={ctx} status={r.application.status} />,
          },
        ]}
      />
    </div>
  );
}

export function ApplicationOverview(p: {
  ctx: ViewContext;
  application: Application;
  call: Call;
  programme: Programme;
  issues: SectionIssue[];
  versions: { version: number; submittedAt: Date }[];
  editable: boolean;
  showIssues: boolean;
  /** the grant an approval created */
  grantId?: string;
  /** whether the reader is the carrier, who may withdraw while nothing is decided */
  asCarrier?: boolean;
  /** a withdrawal that was refused, with what was typed */
  withdraw?: { values: Values; errors: FieldErrors };
  /** the carrier's other applications to this call that still count */
  earlier?: { id: string; title: string }[];
  /** the way to the application's messages, with what is new to the reader (messages/) */
  messages?: ComponentChildren;
  /** the call's texts in the reader's language where translated (shownCallFor); German otherwise */
  shown?: ShownCall;
  /** the uploaded documents, with the dates they count by */
  documents?: DocumentMeta[];
  /** documents that count today but not up to the deadline (document-validity.ts) */
  expiring?: { label: string; lastValid: string }[];
  /** the last Berlin day submissions are taken, for the warning */
  lastDay?: string;
  /** each partner's confirmation of its part (partner-confirmations/) */
  partnerConfirmations?: ComponentChildren;
}) {
  const { ctx, application: a, call } = p;
  const { t, lang } = ctx;
  const bySection = (s: Section) => p.issues.filter((i) => i.section === s);
  const visible = sections.filter((s) => a.stage === 'full' || (s !== 'documents' && s !== 'workplan'));
  const base = `/applications/${a.id}`;
  return (
    <div class="kern-stack">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">
          {a.content.title ? <Written ctx={ctx}>{a.content.title}</Written> : t('funding:application.untitled')}
        </h1>
        <p class="kern-subline">
          <CallText ctx={ctx} shown={(p.shown ?? germanCall(call)).title} /> ·{' '}
          {t(a.stage === 'outline' ? 'funding:application.outline' : 'funding:application.full')}
        </p>
      </hgroup>
      {p.messages}
      <p>
        <StatusBadge ctx={ctx} status={a.status} />{' '}
        {t('funding:application.deadline', { date: berlinDateTime(lang, call.closesAt) })}
      </p>
      <p>
        {t('funding:notices.caseNumber')}: {a.caseNumber ?? t('funding:notices.caseNumberNone')}
      </p>
      {a.status === 'rejected' && (
        <p>
          <a class="kern-link" href={href(ctx, `${base}/rejection.pdf`)} hreflang="de">
            {t('funding:notices.rejectionNotice')}
          </a>
        </p>
      )}
      {a.status === 'approved' && (
        <p>
          <a class="kern-link" href={href(ctx, `${base}/decision.pdf`)} hreflang="de">
            {t('funding:decision.pdf')}
          </a>
          {p.grantId && (
            <>
              {' · '}
              <a class="kern-link" href={href(ctx, `/grants/${p.grantId}`)}>
                {t('funding:grant.open')}
              </a>
            </>
          )}
        </p>
      )}
      {p.showIssues && (
        <ErrorSummary
          ctx={ctx}
          title={t('funding:application.cannotSubmit', { count: p.issues.length })}
          items={p.issues.map((i) => ({
            href: href(ctx, `${base}/${i.section}#f-${i.field}`),
            text: t('common:form.summaryItem', {
              label: t(`funding:section.${i.section}`),
              message: issueText(ctx, i),
            }),
          }))}
        />
      )}
      {p.expiring && p.expiring.length > 0 && (
        <Notice kind="warning" title={t('funding:documentValidity.expiringTitle', { count: p.expiring.length })}>
          <ul class="kern-list kern-list--bullet">
            {p.expiring.map((e) => (
              <li>
                {t('funding:documentValidity.expiring', {
                  label: e.label,
                  date: berlinDate(lang, e.lastValid),
                  deadline: berlinDate(lang, p.lastDay ?? e.lastValid),
                })}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <ol class="kern-task-list task-list">
        {visible.map((s) => {
          const n = bySection(s).length;
          return (
            <li class="kern-task-list__item">
              <span class="kern-task-list__title">
                <a class="kern-link" href={href(ctx, `${base}/${s}`)}>
                  {t(`funding:section.${s}`)}
                </a>
              </span>
              <span class="kern-task-list__status">
                <span class={`kern-badge kern-badge--${n ? 'warning' : 'success'}`}>
                  <span class="kern-label">
                    {n ? t('funding:application.openPoints', { count: n }) : t('funding:application.complete')}
                  </span>
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      {a.stage === 'full' && call.requiredDocuments.length > 0 && p.documents && (
        <UploadedDocuments ctx={ctx} application={a} call={call} documents={p.documents} />
      )}
      {p.partnerConfirmations}
      {p.editable && (
        <Form ctx={ctx} action={href(ctx, `${base}/submit`)}>
          <p class="kern-body">{t('funding:application.submitHint')}</p>
          <SubmitButton label={t('funding:application.submit')} />
        </Form>
      )}
      <EarlierApplications ctx={ctx} earlier={p.earlier} />
      {p.withdraw && !mayWithdraw(a) && (
        <ErrorSummary ctx={ctx} items={Object.values(p.withdraw.errors).map((e) => ({ text: issueText(ctx, e) }))} />
      )}
      {p.asCarrier && mayWithdraw(a) && (
        <Form ctx={ctx} action={href(ctx, `${base}/withdraw`)} class="kern-stack row-group">
          <h2 class="kern-heading-small">{t('funding:withdraw.title')}</h2>
          <ErrorSummary ctx={ctx} errors={p.withdraw?.errors} />
          <p class="kern-body">{t('funding:withdraw.text')}</p>
          <TextField
            ctx={ctx}
            name="reason"
            label={t('funding:withdraw.reason')}
            multiline
            rows={3}
            value={p.withdraw?.values.reason}
            errors={p.withdraw?.errors}
          />
          <CheckboxField
            ctx={ctx}
            name="confirmed"
            label={t('funding:withdraw.confirm')}
            required
            errors={p.withdraw?.errors}
          />
          <SubmitButton kind="secondary" label={t('funding:withdraw.submit')} />
        </Form>
      )}
      {p.versions.length > 0 && (
        <DataTable
          caption={t('funding:application.versions')}
          empty=""
          rows={p.versions}
          columns={[
            { header: t('funding:application.version'), cell: (v) => String(v.version) },
            { header: t('funding:application.submittedAt'), cell: (v) => berlinDateTime(lang, v.submittedAt) },
            {
              header: t('funding:application.pdf'),
              cell: (v) => (
                <a
                  class="kern-link"
                  href={href(ctx, `${base}/versions/${v.version}.pdf`)}
                  hreflang={pdfLanguage(ctx.lang)}
                >
                  {t('funding:application.downloadPdf', { n: v.version })}
                </a>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}

interface SectionProps {
  ctx: ViewContext;
  application: Application;
  values: Values;
  errors?: FieldErrors;
  editable: boolean;
}

function SectionShell(
  p: SectionProps & {
    section: Section;
    children: preact.ComponentChildren;
    enctype?: string;
    /** what stands below the section's form, with forms of its own (the partners' confirmations) */
    after?: ComponentChildren;
  },
) {
  const { ctx, application: a } = p;
  const { t } = ctx;
  const base = `/applications/${a.id}`;
  return (
    <div class="kern-stack prose-wide">
      <p>
        <a class="kern-link" href={href(ctx, base)}>
          {t('funding:application.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t(`funding:section.${p.section}`)}</h1>
      {!p.editable && <Notice kind="info" title={t('funding:application.frozen')} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.editable ? (
        <Form ctx={ctx} action={href(ctx, `${base}/${p.section}`)} enctype={p.enctype}>
          {p.children}
          <SubmitButton label={t('common:form.save')} />
        </Form>
      ) : (
        <fieldset disabled class="kern-stack frozen">
          {p.children}
        </fieldset>
      )}
      {p.after}
    </div>
  );
}

export const projectValues = (c: ApplicationContent): Values => ({
  title: c.title,
  acronym: c.acronym,
  summary: c.summary,
  goals: c.goals,
  targetGroups: c.targetGroups,
  region: c.region,
  municipalityKey: c.municipalityKey,
  startDate: c.startDate,
  endDate: c.endDate,
  fieldsOfAction: (c.fieldsOfAction ?? []).join(','),
});

export function ProjectSection(p: SectionProps) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  const f = (name: string, extra: Record<string, unknown> = {}) => (
    <TextField
      ctx={ctx}
      name={name}
      label={t(`funding:project.${name}`)}
      value={values[name]}
      errors={errors}
      {...extra}
    />
  );
  return (
    <SectionShell {...p} section="project">
      {f('title', { required: true })}
      {f('acronym')}
      {f('summary', { required: true, multiline: true, hint: t('funding:project.summaryHint') })}
      {f('goals', { required: true, multiline: true, hint: t('funding:project.goalsHint') })}
      {f('targetGroups', { required: true, multiline: true, rows: 3 })}
      <ChoiceGroup
        ctx={ctx}
        type="checkbox"
        name="fieldsOfAction"
        label={t('funding:project.fieldsOfAction')}
        hint={t('funding:project.fieldsOfActionHint')}
        value={values.fieldsOfAction?.split(',') ?? []}
        errors={errors}
        choices={fieldsOfAction.map((x) => ({ value: x, label: t(`funding:fieldOfAction.${x}`) }))}
      />
      {f('region', { required: true })}
      {f('municipalityKey', { inputmode: 'numeric', hint: t('funding:project.municipalityKeyHint') })}
      {f('startDate', { type: 'date', required: true })}
      {f('endDate', { type: 'date', required: true })}
    </SectionShell>
  );
}

export function partnerValues(partners: Partner[], lang: string): Values {
  const v: Values = {};
  partners.forEach((p, i) => {
    Object.assign(v, {
      [`partner-${i}-name`]: p.name,
      [`partner-${i}-isMigrantOrganisation`]: p.isMigrantOrganisation ? 'on' : undefined,
      [`partner-${i}-role`]: p.role,
      [`partner-${i}-tasks`]: p.tasks,
      [`partner-${i}-share`]: euroInput(lang, p.budgetShareBp).replace(/[.,]00$/, ''),
      [`partner-${i}-contactName`]: p.contactName ?? '',
      [`partner-${i}-contactEmail`]: p.contactEmail ?? '',
    });
  });
  return v;
}

export function PartnersSection(
  p: SectionProps & {
    programme: Programme;
    /** each saved partner's confirmation in its row, and the forms to ask below (a full application's) */
    confirmations?: { inRow: (i: number) => ComponentChildren; after: ComponentChildren };
  },
) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  return (
    <SectionShell {...p} section="partners" after={p.confirmations?.after}>
      {p.programme.cooperationForms.length > 0 && (
        <ChoiceGroup
          ctx={ctx}
          type="radio"
          name="cooperationForm"
          required
          label={t('funding:programme.cooperationForms')}
          value={values.cooperationForm}
          errors={errors}
          choices={p.programme.cooperationForms.map((c) => ({
            value: c,
            label: t(`funding:cooperationForm.${c}`),
            hint: t(`funding:cooperationFormHint.${c}`),
          }))}
        />
      )}
      {errors?.partners && (
        <p class="kern-error" id="f-partners">
          {issueText(ctx, errors.partners)}
        </p>
      )}
      <PartnerFields ctx={ctx} values={values} errors={errors} contact stateOf={p.confirmations?.inRow} />
    </SectionShell>
  );
}

/** Rows for the partners, with two empty rows to add more; also used for a change of partners. */
export function PartnerFields({
  ctx,
  values,
  errors,
  contact,
  stateOf,
}: {
  ctx: ViewContext;
  values: Values;
  errors?: FieldErrors;
  /** an application's rows name the partner's contact person, who confirms its part */
  contact?: boolean;
  /** what stands at the end of a saved partner's row: its confirmation */
  stateOf?: (i: number) => ComponentChildren;
}) {
  const { t } = ctx;
  const count = Object.keys(values).filter((k) => /^partner-\d+-name$/.test(k)).length + 2;
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="kern-fieldset row-group">
          <legend class="kern-label">{t('funding:partner.legend', { n: i + 1 })}</legend>
          <TextField
            ctx={ctx}
            name={`partner-${i}-name`}
            label={t('funding:partner.name')}
            value={values[`partner-${i}-name`]}
            errors={errors}
          />
          <CheckboxField
            ctx={ctx}
            name={`partner-${i}-isMigrantOrganisation`}
            checked={values[`partner-${i}-isMigrantOrganisation`] === 'on'}
            label={t('funding:partner.isMigrantOrganisation')}
          />
          <TextField
            ctx={ctx}
            name={`partner-${i}-role`}
            label={t('funding:partner.role')}
            value={values[`partner-${i}-role`]}
            errors={errors}
          />
          <TextField
            ctx={ctx}
            name={`partner-${i}-tasks`}
            multiline
            rows={3}
            label={t('funding:partner.tasks')}
            value={values[`partner-${i}-tasks`]}
            errors={errors}
          />
          <TextField
            ctx={ctx}
            name={`partner-${i}-share`}
            inputmode="decimal"
            label={t('funding:partner.share')}
            hint={t('funding:programme.percentHint')}
            value={values[`partner-${i}-share`]}
            errors={errors}
          />
          {contact && (
            <>
              <TextField
                ctx={ctx}
                name={`partner-${i}-contactName`}
                autocomplete="off"
                label={t('funding:partnerConfirmation.contactName')}
                value={values[`partner-${i}-contactName`]}
                errors={errors}
              />
              <TextField
                ctx={ctx}
                name={`partner-${i}-contactEmail`}
                type="email"
                autocomplete="off"
                label={t('funding:partnerConfirmation.contactEmail')}
                hint={t('funding:partnerConfirmation.contactEmailHint')}
                value={values[`partner-${i}-contactEmail`]}
                errors={errors}
              />
            </>
          )}
          {stateOf?.(i)}
        </fieldset>
      ))}
    </>
  );
}

export function milestoneValues(c: ApplicationContent): Values {
  const v: Values = {};
  c.milestones.forEach((m, i) => {
    v[`milestone-${i}-title`] = m.title;
    v[`milestone-${i}-due`] = m.due;
  });
  return v;
}

export function WorkplanSection(p: SectionProps) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  const count = Object.keys(values).filter((k) => /^milestone-\d+-title$/.test(k)).length + 2;
  return (
    <SectionShell {...p} section="workplan">
      <p class="kern-hint">{t('funding:workplan.hint')}</p>
      {errors?.milestones && (
        <p class="kern-error" id="f-milestones">
          {issueText(ctx, errors.milestones)}
        </p>
      )}
      {Array.from({ length: count }, (_, i) => (
        <div class="row row-group">
          <TextField
            ctx={ctx}
            name={`milestone-${i}-title`}
            label={t('funding:workplan.title', { n: i + 1 })}
            value={values[`milestone-${i}-title`]}
            errors={errors}
          />
          <TextField
            ctx={ctx}
            name={`milestone-${i}-due`}
            type="date"
            label={t('funding:workplan.due', { n: i + 1 })}
            value={values[`milestone-${i}-due`]}
            errors={errors}
          />
        </div>
      ))}
    </SectionShell>
  );
}

/** The plan grid's values: row i is the project's i-th budget year ("plan-<i>-<line>", "-own", "-third", "-grant"). */
export function planValues(c: ApplicationContent, lang: string): Values {
  const v: Values = {};
  const row = new Map(projectYears(c).map((year, i) => [year, i]));
  const put = (year: number, name: string, cents: number) => {
    const i = row.get(year);
    if (i !== undefined) v[`plan-${i}-${name}`] = euroInput(lang, cents);
  };
  for (const e of c.plan.expenses) put(e.year, e.line, e.amountCents);
  for (const o of c.plan.ownFunds) put(o.year, 'own', o.amountCents);
  for (const o of c.plan.thirdPartyFunds) {
    put(o.year, 'third', o.amountCents);
    v.thirdSource = o.source;
  }
  for (const g of c.plan.grant) put(g.year, 'grant', g.amountCents);
  return v;
}

const wholePlanFields = ['plan', 'expenses', 'ownFunds', 'grant', 'end'] as const;

/** One amount of the plan: labelled by its line and year, which the error summary names too. */
function PlanCell(p: { ctx: ViewContext; name: string; label: string; values: Values; errors?: FieldErrors }) {
  const { ctx, name, label, values, errors } = p;
  useShownField(name, `f-${name}`, label, errors?.[name] ? 'failed' : undefined);
  return (
    <td class="kern-table__cell kern-table__cell--numeric">
      <label class="kern-sr-only" for={`f-${name}`}>
        {label}
      </label>
      <input
        class={`kern-form-input__input money-input${errors?.[name] ? ' kern-form-input__input--error' : ''}`}
        id={`f-${name}`}
        name={name}
        inputMode="decimal"
        value={values[name] ?? ''}
        aria-invalid={errors?.[name] ? 'true' : undefined}
        aria-describedby={errors?.[name] ? `f-${name}-error` : undefined}
      />
      {errors?.[name] && (
        <span class="kern-error plan-cell-error" id={`f-${name}-error`}>
          {namedMessage(ctx, label, issueText(ctx, errors[name]))}
        </span>
      )}
    </td>
  );
}

export function PlanSection(p: SectionProps & { programme: Programme; content: ApplicationContent }) {
  const { ctx, values, errors, content } = p;
  const { t, lang } = ctx;
  const years = projectYears(content);
  if (years.length === 0)
    return (
      <SectionShell {...p} section="plan">
        <Notice kind="info" title={t('funding:check.datesFirst')} />
      </SectionShell>
    );
  const plan = content.plan as FinancingPlan;
  const sums = totals(plan);
  const suggested = new Map(computeGrant(plan, rulesOf(p.programme)).map((g) => [g.year, g.amountCents]));
  const cell = (name: string, label: string) => (
    <PlanCell ctx={ctx} name={name} label={label} values={values} errors={errors} />
  );
  const yearHeader = (y: number) => (
    <th scope="col" class="kern-table__header kern-table__header--numeric">
      {y}
    </th>
  );
  return (
    <SectionShell {...p} section="plan">
      <p class="kern-hint">
        {t('funding:plan.hint', { type: t(`funding:financingType.${p.programme.financingType}`) })}
      </p>
      {/* messages about the whole plan stand above its tables, where the summary's links lead */}
      {wholePlanFields.map((k) =>
        errors?.[k] ? (
          <p class="kern-error" id={`f-${k}`} tabindex={-1}>
            {issueText(ctx, errors[k])}
            {k === 'end' && (
              <>
                {' '}
                <a class="kern-link" href={href(ctx, `/applications/${p.application.id}/project#f-endDate`)}>
                  {t('funding:plan.changeDates')}
                </a>
              </>
            )}
          </p>
        ) : null,
      )}
      <div class="kern-table-responsive">
        <table class="kern-table plan-table">
          <caption class="kern-title">{t('funding:plan.expenses')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                {t('funding:plan.line')}
              </th>
              {years.map(yearHeader)}
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {expenseLines.map((line) => (
              <tr class="kern-table__row">
                <th scope="row" class="kern-table__cell">
                  {t(`funding:line.${line}`)}
                </th>
                {years.map((y, i) => cell(`plan-${i}-${line}`, `${t(`funding:line.${line}`)} ${y}`))}
              </tr>
            ))}
            <tr class="kern-table__row total-row">
              <th scope="row" class="kern-table__cell">
                {t('funding:plan.totalExpenses')}
              </th>
              {years.map((y) => (
                <td class="kern-table__cell kern-table__cell--numeric">
                  {euro(lang, sums.years.find((s) => s.year === y)?.expenses ?? 0)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <div class="kern-table-responsive">
        <table class="kern-table plan-table">
          <caption class="kern-title">{t('funding:plan.cover')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                {t('funding:plan.source')}
              </th>
              {years.map(yearHeader)}
            </tr>
          </thead>
          <tbody class="kern-table__body">
            <tr class="kern-table__row">
              <th scope="row" class="kern-table__cell">
                {t('funding:plan.ownFunds')}
              </th>
              {years.map((y, i) => cell(`plan-${i}-own`, `${t('funding:plan.ownFunds')} ${y}`))}
            </tr>
            <tr class="kern-table__row">
              <th scope="row" class="kern-table__cell">
                {t('funding:plan.thirdParty')}
              </th>
              {years.map((y, i) => cell(`plan-${i}-third`, `${t('funding:plan.thirdParty')} ${y}`))}
            </tr>
            <tr class="kern-table__row">
              <th scope="row" class="kern-table__cell">
                {t('funding:plan.grant')}
              </th>
              {years.map((y, i) => cell(`plan-${i}-grant`, `${t('funding:plan.grant')} ${y}`))}
            </tr>
            <tr class="kern-table__row total-row">
              <th scope="row" class="kern-table__cell">
                {t('funding:plan.suggestedGrant')}
              </th>
              {years.map((y) => (
                <td class="kern-table__cell kern-table__cell--numeric">{euro(lang, suggested.get(y) ?? 0)}</td>
              ))}
            </tr>
            <tr class="kern-table__row total-row">
              <th scope="row" class="kern-table__cell">
                {t('funding:plan.difference')}
              </th>
              {years.map((y) => (
                <td class="kern-table__cell kern-table__cell--numeric">
                  {euro(lang, sums.years.find((s) => s.year === y)?.difference ?? 0)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <TextField
        ctx={ctx}
        name="thirdSource"
        label={t('funding:plan.thirdSource')}
        value={values.thirdSource}
        errors={errors}
      />
      {years.map((y, i) => (
        <input type="hidden" name={`plan-${i}-year`} value={String(y)} />
      ))}
    </SectionShell>
  );
}

/** The dates typed with a failed upload, to show them again (an empty one shows the stored date). */
export function documentDateValues(required: readonly RequiredDocument[], fields: Record<string, string>): Values {
  return Object.fromEntries(
    required
      .filter((d) => needsDate(d) && fields[dateField(d)]?.trim())
      .map((d) => [dateField(d), fields[dateField(d)]]),
  );
}

/** What the carrier said about a document's validity: "gültig bis …" or "ausgestellt am … (gilt bis …)". */
export function validityText(ctx: ViewContext, d: RequiredDocument, dates: DocumentDates): string {
  const { t, lang } = ctx;
  const last = lastValidDay(d, dates);
  if (!needsDate(d)) return '';
  if (!last) return t('funding:documentValidity.noDate');
  return d.validity === 'validUntil'
    ? t('funding:documentValidity.shownValidUntil', { date: berlinDate(lang, last) })
    : t('funding:documentValidity.shownIssuedOn', {
        issued: berlinDate(lang, dates.issuedOn ?? ''),
        date: berlinDate(lang, last),
      });
}

/** The date a document's validity needs, typed beside its file (no `required`: the form also takes other files alone). */
function DocumentDateField(p: { ctx: ViewContext; d: RequiredDocument; values: Values; errors?: FieldErrors }) {
  const { ctx, d, errors } = p;
  const { t } = ctx;
  const name = dateField(d);
  const id = `f-${name}`;
  const label = t(`funding:documentValidity.dateLabel.${d.validity}`, { label: d.label });
  const error = errors?.[name] ? issueText(ctx, errors[name]) : undefined;
  useShownField(name, id, label, error);
  const hint =
    d.validity === 'issuedWithin'
      ? t('funding:documentValidity.dateHint.issuedWithin', { count: d.maxAgeMonths ?? 0 })
      : t('funding:documentValidity.dateHint.validUntil');
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {label}
      </label>
      <div class="kern-hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error && (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-icon kern-icon--danger" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      )}
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        type="date"
        id={id}
        name={name}
        value={p.values[name] ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
    </div>
  );
}

export function DocumentsSection(p: SectionProps & { call: Call; documents: DocumentMeta[]; shown?: ShownCall }) {
  const { ctx, errors, call } = p;
  const shown = p.shown ?? germanCall(call);
  const { t } = ctx;
  const base = `/applications/${p.application.id}`;
  return (
    <SectionShell {...p} section="documents" enctype="multipart/form-data">
      {call.requiredDocuments.map((d) => {
        const have = p.documents.find((x) => x.requiredDocumentId === d.id);
        const name = `document-${d.id}`;
        const values = { [dateField(d)]: have ? (givenDate(d, have) ?? '') : '', ...p.values };
        return (
          <div class="kern-stack row-group">
            <div class="kern-form-input">
              <label class="kern-label" for={`f-${name}`}>
                <CallText ctx={ctx} shown={shown.document(d.id)} />
                {d.optional && <span class="kern-label__optional"> {t('common:form.optional')}</span>}
              </label>
              <div class="kern-hint" id={`f-${name}-hint`}>
                {d.hint && (
                  <>
                    <CallText ctx={ctx} shown={shown.documentHint(d.id)} />{' '}
                  </>
                )}
                {t('funding:documents.allowed', { types: d.types.join(', '), size: d.maxMegabytes })}
                {have && (
                  <>
                    {' '}
                    <a class="kern-link" href={href(ctx, `${base}/documents/${have.id}`)}>
                      {t('funding:documents.current', { name: have.filename })}
                    </a>
                    {needsDate(d) && ` ${validityText(ctx, d, have)}`}
                  </>
                )}
              </div>
              {errors?.[name] && (
                <p class="kern-error" id={`f-${name}-error`}>
                  <span class="kern-icon kern-icon--danger" aria-hidden="true" />
                  <span class="kern-body">{issueText(ctx, errors[name])}</span>
                </p>
              )}
              <input
                class="kern-form-input__input"
                type="file"
                id={`f-${name}`}
                name={name}
                accept={d.types.map((x) => `.${x}`).join(',')}
                aria-describedby={`f-${name}-hint${errors?.[name] ? ` f-${name}-error` : ''}`}
              />
            </div>
            {needsDate(d) && <DocumentDateField ctx={ctx} d={d} values={values} errors={errors} />}
          </div>
        );
      })}
    </SectionShell>
  );
}

/** The uploaded documents with the dates they count by, on the application's page (carrier and officer). */
function UploadedDocuments(p: { ctx: ViewContext; application: Application; call: Call; documents: DocumentMeta[] }) {
  const { ctx, call } = p;
  const { t } = ctx;
  const rows = call.requiredDocuments.map((d) => ({ d, have: p.documents.find((x) => x.requiredDocumentId === d.id) }));
  return (
    <DataTable
      caption={t('funding:documentValidity.tableCaption')}
      empty=""
      rows={rows}
      columns={[
        { header: t('funding:call.documentLabelShort'), cell: (r) => <Written ctx={ctx}>{r.d.label}</Written> },
        {
          header: t('funding:documents.file'),
          cell: (r) =>
            r.have ? (
              <a class="kern-link" href={href(ctx, `/applications/${p.application.id}/documents/${r.have.id}`)}>
                {r.have.filename}
              </a>
            ) : (
              t(r.d.optional ? 'funding:documentValidity.notGivenOptional' : 'funding:documentValidity.notGiven')
            ),
        },
        {
          header: t('funding:documentValidity.validityShort'),
          cell: (r) => (r.have && needsDate(r.d) ? validityText(ctx, r.d, r.have) : '–'),
        },
      ]}
    />
  );
}

export function DeclarationsSection(p: SectionProps) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  return (
    <SectionShell {...p} section="declarations">
      {(['truthful', 'noDoubleFunding'] as const).map((k) => (
        <CheckboxField
          ctx={ctx}
          name={k}
          id={`f-${k}`}
          checked={values[k] === 'on'}
          label={t(`funding:declaration.${k}`)}
          errors={errors}
        />
      ))}
    </SectionShell>
  );
}
