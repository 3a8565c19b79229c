import {
  CheckboxField,
  ChoiceGroup,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Message,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { berlinDateTime, euro, euroInput, percent, percentInput } from '../format';
import type { Dashboard } from '../grants/dashboard.store';
import { ProjectsTable } from '../grants/dashboard-views';
import { defaultCaseNumberPattern } from '../notices/case-number';
import { defaultBudgetLaw } from '../notices/notice-parts';
import type { OfficerCounts } from '../officer/officer.store';
import { OfficerToday } from '../officer/officer-views';
import { cooperationForms, decisionPeriods, financingTypes, scopes } from './programme-forms';
import type { Call, Programme } from './programmes.store';

type Values = Record<string, string | string[] | undefined>;
const v = (values: Values, k: string) => {
  const x = values[k];
  return Array.isArray(x) ? x[0] : x;
};

export function programmeValues(lang: string, p: Programme): Values {
  const values: Values = {
    title: p.title,
    goals: p.goals,
    financingType: p.financingType,
    maxShare: percentInput(lang, p.maxShareBp),
    minOwnShare: percentInput(lang, p.minOwnShareBp),
    maxGrantPerYear: euroInput(lang, p.maxGrantPerYearCents),
    fixedAmount: euroInput(lang, p.fixedAmountCents),
    maxDurationMonths: String(p.maxDurationMonths),
    scope: p.scope,
    requiresMigrantOrganisation: p.requiresMigrantOrganisation ? 'on' : undefined,
    cosignRequired: p.cosignRequired ? 'on' : undefined,
    decisionPeriod: p.decisionPeriod,
    cooperationForms: p.cooperationForms,
    caseCode: p.caseCode,
    caseNumberPattern: p.caseNumberPattern,
    guideline: p.guideline,
    budgetLaw: p.budgetLaw,
    legalRemedy: p.legalRemedy,
  };
  Object.entries(p.budgetPerYear).forEach(([year, cents], i) => {
    values[`budget-${i}-year`] = year;
    values[`budget-${i}-amount`] = euroInput(lang, cents);
  });
  return values;
}

export function FundingHome({
  ctx,
  programmes,
  projects,
  counts,
  page,
  unreadMessages = 0,
}: {
  ctx: ViewContext;
  programmes: Programme[];
  projects: Dashboard;
  counts: OfficerCounts;
  page: number;
  /** messages in the officer's threads they have not read (messages/) */
  unreadMessages?: number;
}) {
  const { t } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('funding:home.title')}</h1>
      {ctx.can('programme.create') && (
        <p>
          <a class="kern-btn kern-btn--primary" href={href(ctx, '/funding/programmes/new')}>
            <span class="kern-label">{t('funding:programme.new')}</span>
          </a>
        </p>
      )}
      <OfficerToday ctx={ctx} counts={counts} />
      {unreadMessages > 0 && (
        <p class="kern-body" data-count="unreadMessages">
          <a class="kern-link" href={href(ctx, '/funding/inbox')}>
            {t('funding:messages.inboxTitle')}:{' '}
            <strong>{t('funding:messages.unread', { count: unreadMessages })}</strong>
          </a>
        </p>
      )}
      <DataTable
        caption={t('funding:home.programmes')}
        empty={t('funding:home.noProgrammes')}
        rows={programmes}
        columns={[
          {
            header: t('funding:programme.title'),
            cell: (p) => (
              <a class="kern-link" href={href(ctx, `/funding/programmes/${p.id}`)}>
                <Written ctx={ctx}>{p.title}</Written>
              </a>
            ),
          },
          { header: t('funding:programme.financingType'), cell: (p) => t(`funding:financingType.${p.financingType}`) },
          { header: t('funding:programme.scope'), cell: (p) => t(`funding:scope.${p.scope}`) },
        ]}
      />
      <ProjectsTable ctx={ctx} dashboard={projects} showCarrier page={page} basePath="/funding" />
    </div>
  );
}

export function ProgrammeForm({
  ctx,
  action,
  values,
  errors,
  heading,
}: {
  ctx: ViewContext;
  action: string;
  values: Values;
  errors?: FieldErrors;
  heading: string;
}) {
  const { t } = ctx;
  const budgetRows = Math.max(3, Object.keys(values).filter((k) => /^budget-\d+-year$/.test(k)).length + 2);
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{heading}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={action}>
        <TextField
          ctx={ctx}
          name="title"
          required
          label={t('funding:programme.title')}
          value={v(values, 'title')}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="goals"
          multiline
          label={t('funding:programme.goals')}
          hint={t('funding:programme.goalsHint')}
          value={v(values, 'goals')}
          errors={errors}
        />
        <SelectField
          ctx={ctx}
          name="financingType"
          required
          label={t('funding:programme.financingType')}
          hint={t('funding:programme.financingTypeHint')}
          value={v(values, 'financingType')}
          errors={errors}
          choices={financingTypes.map((f) => ({ value: f, label: t(`funding:financingType.${f}`) }))}
        />
        <SelectField
          ctx={ctx}
          name="decisionPeriod"
          required
          label={t('funding:continuation.decisionPeriod')}
          hint={t('funding:continuation.decisionPeriodHint')}
          value={v(values, 'decisionPeriod') ?? 'whole'}
          errors={errors}
          choices={decisionPeriods.map((d) => ({ value: d, label: t(`funding:continuation.period.${d}`) }))}
        />
        <TextField
          ctx={ctx}
          name="maxShare"
          required
          inputmode="decimal"
          label={t('funding:programme.maxShare')}
          hint={t('funding:programme.percentHint')}
          value={v(values, 'maxShare')}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="minOwnShare"
          required
          inputmode="decimal"
          label={t('funding:programme.minOwnShare')}
          hint={t('funding:programme.percentHint')}
          value={v(values, 'minOwnShare')}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="maxGrantPerYear"
          required
          inputmode="decimal"
          label={t('funding:programme.maxGrantPerYear')}
          hint={t('funding:programme.euroHint')}
          value={v(values, 'maxGrantPerYear')}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="fixedAmount"
          inputmode="decimal"
          label={t('funding:programme.fixedAmount')}
          hint={t('funding:programme.fixedAmountHint')}
          value={v(values, 'fixedAmount')}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="maxDurationMonths"
          required
          inputmode="numeric"
          label={t('funding:programme.maxDurationMonths')}
          value={v(values, 'maxDurationMonths')}
          errors={errors}
        />
        <ChoiceGroup
          ctx={ctx}
          type="radio"
          name="scope"
          required
          label={t('funding:programme.scope')}
          value={v(values, 'scope')}
          errors={errors}
          choices={scopes.map((s) => ({ value: s, label: t(`funding:scope.${s}`) }))}
        />
        <ChoiceGroup
          ctx={ctx}
          type="checkbox"
          name="cooperationForms"
          required
          label={t('funding:programme.cooperationForms')}
          hint={t('funding:programme.cooperationFormsHint')}
          value={values.cooperationForms}
          errors={errors}
          choices={cooperationForms.map((c) => ({ value: c, label: t(`funding:cooperationForm.${c}`) }))}
        />
        <CheckboxField
          ctx={ctx}
          name="requiresMigrantOrganisation"
          checked={v(values, 'requiresMigrantOrganisation') === 'on'}
          label={t('funding:programme.requiresMigrantOrganisation')}
        />
        <CheckboxField
          ctx={ctx}
          name="cosignRequired"
          checked={v(values, 'cosignRequired') === 'on'}
          label={t('funding:programme.cosignRequired')}
        />
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('funding:programme.budgetPerYear')}</legend>
          <div class="kern-hint">{t('funding:programme.budgetHint')}</div>
          <div class="kern-fieldset__body row-group">
            {Array.from({ length: budgetRows }, (_, i) => (
              <div class="row">
                <TextField
                  ctx={ctx}
                  name={`budget-${i}-year`}
                  inputmode="numeric"
                  label={t('funding:programme.budgetYear', { n: i + 1 })}
                  value={v(values, `budget-${i}-year`)}
                  errors={errors}
                />
                <TextField
                  ctx={ctx}
                  name={`budget-${i}-amount`}
                  inputmode="decimal"
                  label={t('funding:programme.budgetAmount', { n: i + 1 })}
                  value={v(values, `budget-${i}-amount`)}
                  errors={errors}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('funding:notices.legend')}</legend>
          <div class="kern-fieldset__body row-group">
            <div class="row">
              <TextField
                ctx={ctx}
                name="caseCode"
                label={t('funding:notices.caseCode')}
                hint={t('funding:notices.caseCodeHint')}
                value={v(values, 'caseCode')}
                errors={errors}
              />
              <TextField
                ctx={ctx}
                name="caseNumberPattern"
                label={t('funding:notices.caseNumberPattern')}
                hint={t('funding:notices.caseNumberPatternHint')}
                value={v(values, 'caseNumberPattern') ?? defaultCaseNumberPattern}
                errors={errors}
              />
            </div>
            <TextField
              ctx={ctx}
              name="guideline"
              label={t('funding:notices.guideline')}
              hint={t('funding:notices.guidelineHint')}
              value={v(values, 'guideline')}
              errors={errors}
            />
            <TextField
              ctx={ctx}
              name="budgetLaw"
              label={t('funding:notices.budgetLaw')}
              hint={t('funding:notices.budgetLawHint')}
              value={v(values, 'budgetLaw') ?? defaultBudgetLaw}
              errors={errors}
            />
            <TextField
              ctx={ctx}
              name="legalRemedy"
              multiline
              rows={4}
              label={t('funding:notices.legalRemedy')}
              hint={t('funding:notices.legalRemedyHint')}
              value={v(values, 'legalRemedy')}
              errors={errors}
            />
          </div>
        </fieldset>
        <SubmitButton label={t('common:form.save')} />
      </Form>
    </div>
  );
}

export function ProgrammePage({
  ctx,
  programme,
  calls,
  outdated,
}: {
  ctx: ViewContext;
  programme: Programme;
  calls: Call[];
  /** per call, the languages whose translation is older than the German (call-translations.store) */
  outdated?: Map<string, string[]>;
}) {
  const { t, lang } = ctx;
  const p = programme;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">
        <Written ctx={ctx}>{p.title}</Written>
      </h1>
      {p.goals && (
        <p class="kern-body prose">
          <Written ctx={ctx}>{p.goals}</Written>
        </p>
      )}
      <DefinitionList
        items={[
          { key: t('funding:programme.financingType'), value: t(`funding:financingType.${p.financingType}`) },
          { key: t('funding:programme.maxShare'), value: percent(lang, p.maxShareBp) },
          { key: t('funding:programme.minOwnShare'), value: percent(lang, p.minOwnShareBp) },
          { key: t('funding:programme.maxGrantPerYear'), value: euro(lang, p.maxGrantPerYearCents) },
          ...(p.fixedAmountCents !== null
            ? [{ key: t('funding:programme.fixedAmount'), value: euro(lang, p.fixedAmountCents) }]
            : []),
          { key: t('funding:programme.maxDurationMonths'), value: String(p.maxDurationMonths) },
          { key: t('funding:programme.scope'), value: t(`funding:scope.${p.scope}`) },
          {
            key: t('funding:programme.cooperationForms'),
            value: p.cooperationForms.map((c) => t(`funding:cooperationForm.${c}`)).join(', '),
          },
          {
            key: t('funding:programme.requiresMigrantOrganisation'),
            value: p.requiresMigrantOrganisation ? t('funding:yes') : t('funding:no'),
          },
          {
            key: t('funding:programme.cosignRequired'),
            value: p.cosignRequired ? t('funding:yes') : t('funding:no'),
          },
          {
            key: t('funding:continuation.decisionPeriod'),
            value: t(`funding:continuation.period.${p.decisionPeriod}`),
          },
          { key: t('funding:notices.caseNumberPattern'), value: p.caseNumberPattern },
          { key: t('funding:notices.budgetLaw'), value: [p.guideline, p.budgetLaw].filter(Boolean).join(' · ') },
          {
            key: t('funding:programme.budgetPerYear'),
            value: Object.entries(p.budgetPerYear)
              .map(([y, c]) => `${y}: ${euro(lang, c)}`)
              .join(' · '),
          },
        ]}
      />
      <p class="button-row">
        <a class="kern-btn kern-btn--secondary" href={href(ctx, `/funding/programmes/${p.id}/edit`)}>
          <span class="kern-label">{t('funding:programme.edit')}</span>
        </a>
        <a class="kern-btn kern-btn--primary" href={href(ctx, `/funding/programmes/${p.id}/calls/new`)}>
          <span class="kern-label">{t('funding:call.new')}</span>
        </a>
      </p>
      <DataTable
        caption={t('funding:call.list')}
        empty={t('funding:call.none')}
        rows={calls}
        columns={[
          {
            header: t('funding:call.title'),
            cell: (c) => (
              <a class="kern-link" href={href(ctx, `/funding/calls/${c.id}/edit`)}>
                <Written ctx={ctx}>{c.title}</Written>
              </a>
            ),
          },
          { header: t('funding:call.opensAt'), cell: (c) => berlinDateTime(lang, c.opensAt) },
          { header: t('funding:call.closesAt'), cell: (c) => berlinDateTime(lang, c.closesAt) },
          {
            header: t('funding:call.status'),
            cell: (c) => (c.published ? t('funding:call.published') : t('funding:call.draft')),
          },
          {
            header: t('funding:callTranslations.title'),
            cell: (c) => (
              <>
                <a class="kern-link" href={href(ctx, `/funding/calls/${c.id}/translations`)}>
                  <Message
                    ctx={ctx}
                    k="funding:callTranslations.open"
                    parts={{ title: <Written ctx={ctx}>{c.title}</Written> }}
                  />
                </a>
                {outdated?.get(c.id)?.length ? (
                  <>
                    {' '}
                    <span class="kern-badge kern-badge--danger">
                      <span class="kern-label">
                        {t('funding:callTranslations.outdatedIn', {
                          languages: outdated
                            .get(c.id)
                            ?.map((l) => t(`funding:callTranslations.lang.${l}`))
                            .join(', '),
                        })}
                      </span>
                    </span>
                  </>
                ) : null}
              </>
            ),
          },
          {
            header: t('funding:ranking.title'),
            cell: (c) => (
              <a class="kern-link" href={href(ctx, `/funding/calls/${c.id}/ranking`)}>
                <Message ctx={ctx} k="funding:ranking.open" parts={{ title: <Written ctx={ctx}>{c.title}</Written> }} />
              </a>
            ),
          },
        ]}
      />
    </div>
  );
}
