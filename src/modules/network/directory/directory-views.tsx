// The organisation directory: the entry form (the organisation's staff and the administration use
// the same one), the public list with its filters and the public profile. Data in, HTML out.
import { dateFormat, numberFormat } from '../../../core/i18n/formats';
import {
  CheckboxField,
  ChoiceGroup,
  DefinitionList,
  ErrorSummary,
  Form,
  Notice,
  Pagination,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, listPageHref, type ViewContext } from '../../../core/ui/context';
import { fieldsOfWork, landCodes, landOf, languageCodes, legalForms, organisationKinds } from '../organisation-rules';
import type { Organisation } from '../organisations.store';
import type { ListedOrganisation } from './directory.store';

/** A code's name ("network:fieldsOfWork.education"), or the code itself when it is not known. */
export function codeText(
  ctx: ViewContext,
  list: 'fieldsOfWork' | 'languages' | 'legalForms' | 'kinds' | 'lands',
  code: string,
) {
  const known: Record<typeof list, readonly string[]> = {
    fieldsOfWork,
    languages: languageCodes,
    legalForms,
    kinds: organisationKinds,
    lands: landCodes,
  };
  return known[list].includes(code) ? ctx.t(`network:${list}.${code}`) : code;
}

const sorted = (ctx: ViewContext, list: 'fieldsOfWork' | 'languages', codes: readonly string[]) =>
  codes
    .map((c) => ({ value: c, label: codeText(ctx, list, c) }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.lang));

// ---- the entry form ----

export interface DirectoryValues {
  legalForm?: string;
  fieldsOfWork: string[];
  languages: string[];
  communities?: string;
  description?: string;
  staffCount?: string;
  volunteerCount?: string;
  partnerCapacity?: string;
  listed?: string;
}

const countText = (n: number | null) => (n === null ? '' : String(n));

export const directoryValuesOf = (o: Organisation): DirectoryValues => ({
  legalForm: o.legalForm,
  fieldsOfWork: o.fieldsOfWork,
  languages: o.languages,
  communities: o.communities,
  description: o.description,
  staffCount: countText(o.staffCount),
  volunteerCount: countText(o.volunteerCount),
  partnerCapacity: countText(o.partnerCapacity),
  listed: o.publicSince ? 'on' : '',
});

export function DirectoryEntryPage(p: {
  ctx: ViewContext;
  organisation: Organisation;
  /** where the form is sent, without the language */
  action: string;
  back: string;
  values: DirectoryValues;
  errors?: FieldErrors;
  saved?: boolean;
}) {
  const { ctx, organisation: o, values: v, errors } = p;
  const { t } = ctx;
  const day = (d: Date) => dateFormat(ctx.lang, { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(d);
  const count = (name: 'staffCount' | 'volunteerCount' | 'partnerCapacity', hint: string) => (
    <TextField
      ctx={ctx}
      name={name}
      inputmode="numeric"
      label={t(`network:directory.${name}`)}
      hint={hint}
      value={v[name]}
      errors={errors}
    />
  );
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('network:directory.editTitle')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{o.name}</Written>
        </p>
      </hgroup>
      {p.saved && <Notice kind="success" role="status" title={t('network:directory.saved')} />}
      <p class="kern-body">
        {o.publicSince && !o.disabledAt
          ? t('network:directory.listedSince', { date: day(o.publicSince) })
          : t('network:directory.notListed')}
      </p>
      <p class="kern-body">{t('network:directory.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, p.action)} class="kern-stack">
        <SelectField
          ctx={ctx}
          name="legalForm"
          label={t('network:directory.legalForm')}
          placeholder={t('network:directory.notSaid')}
          choices={legalForms.map((f) => ({ value: f, label: codeText(ctx, 'legalForms', f) }))}
          value={v.legalForm}
          errors={errors}
        />
        <ChoiceGroup
          ctx={ctx}
          type="checkbox"
          name="fieldsOfWork"
          label={t('network:directory.fieldsOfWork')}
          choices={sorted(ctx, 'fieldsOfWork', fieldsOfWork)}
          value={v.fieldsOfWork}
          errors={errors}
        />
        <ChoiceGroup
          ctx={ctx}
          type="checkbox"
          name="languages"
          label={t('network:directory.languages')}
          hint={t('network:directory.languagesHint')}
          choices={sorted(ctx, 'languages', languageCodes)}
          value={v.languages}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="communities"
          label={t('network:directory.communities')}
          hint={t('network:directory.communitiesHint')}
          value={v.communities}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="description"
          multiline
          label={t('network:directory.description')}
          hint={t('network:directory.descriptionHint')}
          value={v.description}
          errors={errors}
        />
        {count('staffCount', t('network:directory.countHint'))}
        {count('volunteerCount', t('network:directory.countHint'))}
        {count('partnerCapacity', t('network:directory.partnerCapacityHint'))}
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('network:directory.publicLegend')}</legend>
          <div class="kern-fieldset__body kern-stack">
            <p class="kern-body" id="listed-what">
              {t('network:directory.publicWhat')}
            </p>
            <p class="kern-body">{t('network:directory.publicNever')}</p>
            <CheckboxField
              ctx={ctx}
              name="listed"
              label={t('network:directory.listed')}
              hint={t('network:directory.listedHint')}
              checked={v.listed === 'on'}
              errors={errors}
            />
          </div>
        </fieldset>
        <SubmitButton label={t('common:form.save')} />
      </Form>
      <p>
        <a class="kern-link" href={href(ctx, p.back)}>
          {t('network:directory.back')}
        </a>
      </p>
    </div>
  );
}

// ---- the public directory ----

export interface DirectoryFilterValues {
  q: string;
  kind: string;
  field: string;
  language: string;
  land: string;
}

/** The public kinds: what a visitor may filter by (every kind an organisation can have). */
const kindChoices = (ctx: ViewContext) =>
  organisationKinds.map((k) => ({ value: k, label: codeText(ctx, 'kinds', k) }));

function Codes({
  ctx,
  list,
  codes,
}: {
  ctx: ViewContext;
  list: 'fieldsOfWork' | 'languages';
  codes: readonly string[];
}) {
  return (
    <>
      {codes.length
        ? sorted(ctx, list, codes)
            .map((c) => c.label)
            .join(', ')
        : '–'}
    </>
  );
}

const place = (ctx: ViewContext, o: Pick<ListedOrganisation, 'city' | 'municipalityKey'>) => {
  const land = landOf(o.municipalityKey);
  return [o.city, land ? codeText(ctx, 'lands', land) : ''].filter(Boolean).join(', ') || '–';
};

export function PublicDirectoryPage(p: {
  ctx: ViewContext;
  rows: ListedOrganisation[];
  filter: DirectoryFilterValues;
  page: number;
  pageCount: number;
  total: number;
  errors?: FieldErrors;
}) {
  const { ctx, filter: f, errors } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('network:public.title')}</h1>
      <p class="kern-body prose">{t('network:public.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form
        method="get"
        action={href(ctx, '/organisations')}
        class="filter-form"
        aria-label={t('network:public.filter')}
      >
        <TextField
          ctx={ctx}
          name="q"
          type="search"
          label={t('network:public.search')}
          hint={t('network:public.searchHint')}
          value={f.q}
          errors={errors}
        />
        <SelectField
          ctx={ctx}
          name="kind"
          label={t('network:field.kind')}
          placeholder={t('network:organisations.allKinds')}
          choices={kindChoices(ctx)}
          value={f.kind}
          errors={errors}
        />
        <SelectField
          ctx={ctx}
          name="field"
          label={t('network:public.field')}
          placeholder={t('network:public.allFields')}
          choices={sorted(ctx, 'fieldsOfWork', fieldsOfWork)}
          value={f.field}
          errors={errors}
        />
        <SelectField
          ctx={ctx}
          name="language"
          label={t('network:public.language')}
          placeholder={t('network:public.allLanguages')}
          choices={sorted(ctx, 'languages', languageCodes)}
          value={f.language}
          errors={errors}
        />
        <SelectField
          ctx={ctx}
          name="land"
          label={t('network:public.land')}
          placeholder={t('network:public.allLands')}
          choices={landCodes.map((l) => ({ value: l, label: codeText(ctx, 'lands', l) }))}
          value={f.land}
          errors={errors}
        />
        <div>
          <SubmitButton kind="secondary" label={t('network:organisations.apply')} />
        </div>
      </form>
      <p class="kern-body" role="status">
        {t('network:organisations.count', { count: p.total })}
      </p>
      {p.rows.length === 0 ? (
        <p class="kern-body">{t('network:public.empty')}</p>
      ) : (
        <ul class="kern-list directory-list">
          {p.rows.map((o) => (
            <li class="kern-stack">
              <h2 class="kern-heading-small">
                <a class="kern-link" href={href(ctx, `/organisations/${o.id}`)}>
                  <Written ctx={ctx}>{o.name}</Written>
                </a>
              </h2>
              <p class="kern-body">
                {codeText(ctx, 'kinds', o.kind)} · {place(ctx, o)}
              </p>
              <p class="kern-body">
                {t('network:directory.fieldsOfWork')}: <Codes ctx={ctx} list="fieldsOfWork" codes={o.fieldsOfWork} />
              </p>
              <p class="kern-body">
                {t('network:directory.languagesShort')}: <Codes ctx={ctx} list="languages" codes={o.languages} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        ctx={ctx}
        page={p.page}
        pageCount={p.pageCount}
        hrefFor={(page) => listPageHref(ctx, '/organisations', f, page)}
      />
    </div>
  );
}

export function PublicProfilePage({ ctx, o }: { ctx: ViewContext; o: ListedOrganisation }) {
  const { t } = ctx;
  const n = (v: number | null) => (v === null ? t('network:directory.notSaid') : numberFormat(ctx.lang).format(v));
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">
          <Written ctx={ctx}>{o.name}</Written>
        </h1>
        <p class="kern-subline">
          {codeText(ctx, 'kinds', o.kind)} · {place(ctx, o)}
        </p>
      </hgroup>
      {o.description && (
        <Written ctx={ctx} block class="kern-body profile-description">
          {o.description.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
        </Written>
      )}
      <DefinitionList
        items={[
          {
            key: t('network:directory.legalForm'),
            value: o.legalForm ? codeText(ctx, 'legalForms', o.legalForm) : t('network:directory.notSaid'),
          },
          {
            key: t('network:directory.fieldsOfWork'),
            value: <Codes ctx={ctx} list="fieldsOfWork" codes={o.fieldsOfWork} />,
          },
          {
            key: t('network:directory.languagesShort'),
            value: <Codes ctx={ctx} list="languages" codes={o.languages} />,
          },
          {
            key: t('network:directory.communities'),
            value: o.communities ? <Written ctx={ctx}>{o.communities}</Written> : t('network:directory.notSaid'),
          },
          { key: t('network:directory.staffCount'), value: n(o.staffCount) },
          { key: t('network:directory.volunteerCount'), value: n(o.volunteerCount) },
          { key: t('network:public.capacity'), value: n(o.partnerCapacity) },
          {
            key: t('network:field.website'),
            value: o.website ? (
              <a class="kern-link" href={o.website} rel="noopener noreferrer">
                {o.website}
              </a>
            ) : (
              '–'
            ),
          },
          {
            key: t('network:field.email'),
            value: o.email ? (
              <a class="kern-link" href={`mailto:${o.email}`}>
                {o.email}
              </a>
            ) : (
              '–'
            ),
          },
        ]}
      />
      <p>
        <a class="kern-link" href={href(ctx, '/organisations')}>
          {t('network:public.back')}
        </a>
      </p>
    </div>
  );
}
