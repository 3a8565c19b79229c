// The administration's organisation pages: list, form (new and edit), and one organisation with
// the people who hold a role in it. Data in, HTML out.
import type { AccountState } from '../../core/auth/accounts-admin';
import { dateFormat } from '../../core/i18n/formats';
import {
  CheckboxField,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Notice,
  Pagination,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../core/ui/components';
import { type FieldErrors, href, listPageHref, roleLabel, type ViewContext } from '../../core/ui/context';
import { organisationKinds, organisationStates } from './organisation-rules';
import type { Organisation } from './organisations.store';

const kindText = (ctx: ViewContext, kind: string) =>
  (organisationKinds as readonly string[]).includes(kind) ? ctx.t(`network:kinds.${kind}`) : kind;

function Done({ ctx, done }: { ctx: ViewContext; done?: string }) {
  return done ? <Notice kind="success" role="status" title={ctx.t(`network:organisations.done.${done}`)} /> : null;
}

export interface OrganisationFilterValues {
  q: string;
  kind: string;
  state: string;
}

export function OrganisationListPage(p: {
  ctx: ViewContext;
  rows: Organisation[];
  filter: OrganisationFilterValues;
  page: number;
  pageCount: number;
  total: number;
  errors?: FieldErrors;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const pageHref = (page: number) => listPageHref(ctx, '/admin/organisations', p.filter, page);
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('network:organisations.title')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p class="button-row">
        <a class="kern-btn kern-btn--primary" href={href(ctx, '/admin/organisations/new')}>
          <span class="kern-label">{t('network:organisations.new')}</span>
        </a>
      </p>
      <form
        method="get"
        action={href(ctx, '/admin/organisations')}
        class="filter-form"
        aria-label={t('network:organisations.filter')}
      >
        <TextField
          ctx={ctx}
          name="q"
          type="search"
          label={t('network:organisations.search')}
          hint={t('network:organisations.searchHint')}
          value={p.filter.q}
          errors={p.errors}
        />
        <SelectField
          ctx={ctx}
          name="kind"
          label={t('network:field.kind')}
          placeholder={t('network:organisations.allKinds')}
          choices={organisationKinds.map((k) => ({ value: k, label: kindText(ctx, k) }))}
          value={p.filter.kind}
          errors={p.errors}
        />
        <SelectField
          ctx={ctx}
          name="state"
          label={t('network:organisations.state')}
          placeholder={t('network:organisations.allStates')}
          choices={organisationStates.map((s) => ({ value: s, label: t(`network:organisations.states.${s}`) }))}
          value={p.filter.state}
          errors={p.errors}
        />
        <div>
          <SubmitButton kind="secondary" label={t('network:organisations.apply')} />
        </div>
      </form>
      <p class="kern-body">{t('network:organisations.count', { count: p.total })}</p>
      <DataTable
        caption={t('network:organisations.title')}
        empty={t('network:organisations.empty')}
        rows={p.rows}
        columns={[
          {
            header: t('network:field.name'),
            cell: (o) => (
              <a class="kern-link" href={href(ctx, `/admin/organisations/${o.id}`)}>
                <Written ctx={ctx}>{o.name}</Written>
              </a>
            ),
          },
          { header: t('network:field.kind'), cell: (o) => kindText(ctx, o.kind) },
          { header: t('network:field.city'), cell: (o) => o.city || '–' },
          {
            header: t('network:organisations.state'),
            cell: (o) => t(`network:organisations.states.${o.disabledAt ? 'disabled' : 'active'}`),
          },
        ]}
      />
      <Pagination ctx={ctx} page={p.page} pageCount={p.pageCount} hrefFor={pageHref} />
    </div>
  );
}

export type OrganisationFormValues = Partial<Record<keyof Organisation, string>> & { isMigrantOrganisation?: string };

/** The values of a stored organisation as the form shows them. */
export const formValuesOf = (o: Organisation): OrganisationFormValues => ({
  name: o.name,
  kind: o.kind,
  isMigrantOrganisation: o.isMigrantOrganisation ? 'on' : '',
  street: o.street,
  postcode: o.postcode,
  city: o.city,
  municipalityKey: o.municipalityKey,
  email: o.email,
  website: o.website,
});

export function OrganisationFormPage(p: {
  ctx: ViewContext;
  /** the organisation being edited; a new one when absent */
  organisation?: Organisation;
  values: OrganisationFormValues;
  errors?: FieldErrors;
}) {
  const { ctx, values: v, errors } = p;
  const { t } = ctx;
  const title = p.organisation
    ? t('network:organisations.editTitle', { name: p.organisation.name })
    : t('network:organisations.new');
  const action = p.organisation ? `/admin/organisations/${p.organisation.id}/edit` : '/admin/organisations/new';
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, action)}>
        <TextField ctx={ctx} name="name" required label={t('network:field.name')} value={v.name} errors={errors} />
        <SelectField
          ctx={ctx}
          name="kind"
          required
          label={t('network:field.kind')}
          choices={organisationKinds.map((k) => ({ value: k, label: kindText(ctx, k) }))}
          value={v.kind ?? 'carrier'}
          errors={errors}
        />
        <CheckboxField
          ctx={ctx}
          name="isMigrantOrganisation"
          label={t('network:field.isMigrantOrganisation')}
          hint={t('network:field.isMigrantOrganisationHint')}
          checked={v.isMigrantOrganisation === 'on'}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="street"
          autocomplete="street-address"
          label={t('network:field.street')}
          value={v.street}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="postcode"
          autocomplete="postal-code"
          inputmode="numeric"
          label={t('network:field.postcode')}
          value={v.postcode}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="city"
          autocomplete="address-level2"
          label={t('network:field.city')}
          value={v.city}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="municipalityKey"
          inputmode="numeric"
          label={t('network:field.municipalityKey')}
          hint={t('network:field.municipalityKeyHint')}
          value={v.municipalityKey}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          autocomplete="off"
          label={t('network:field.email')}
          value={v.email}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="website"
          type="url"
          autocomplete="off"
          label={t('network:field.website')}
          hint={t('network:field.websiteHint')}
          value={v.website}
          errors={errors}
        />
        <SubmitButton label={t('common:form.save')} />
      </Form>
      <p>
        <a
          class="kern-link"
          href={href(ctx, p.organisation ? `/admin/organisations/${p.organisation.id}` : '/admin/organisations')}
        >
          {t('network:organisations.back')}
        </a>
      </p>
    </div>
  );
}

export interface OrganisationPerson {
  userId: string;
  name: string;
  email: string;
  state: AccountState;
  role: string;
}

export function OrganisationPage(p: {
  ctx: ViewContext;
  organisation: Organisation;
  people: OrganisationPerson[];
  done?: string;
}) {
  const { ctx, organisation: o } = p;
  const { t } = ctx;
  const base = `/admin/organisations/${o.id}`;
  const scope = encodeURIComponent(`organisation:${o.id}`);
  const address = [o.street, [o.postcode, o.city].filter(Boolean).join(' ')].filter(Boolean);
  const day = (d: Date) => dateFormat(ctx.lang, { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(d);
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">
        <Written ctx={ctx}>{o.name}</Written>
      </h1>
      <Done ctx={ctx} done={p.done} />
      <DefinitionList
        items={[
          { key: t('network:field.kind'), value: kindText(ctx, o.kind) },
          {
            key: t('network:field.isMigrantOrganisation'),
            value: o.isMigrantOrganisation ? t('network:organisations.yes') : t('network:organisations.no'),
          },
          {
            key: t('network:organisations.address'),
            value: address.length ? address.map((line) => <div>{line}</div>) : '–',
          },
          { key: t('network:field.municipalityKey'), value: o.municipalityKey || '–' },
          { key: t('network:field.email'), value: o.email || '–' },
          { key: t('network:field.website'), value: o.website || '–' },
          {
            key: t('network:directory.publicLegend'),
            value: o.publicSince
              ? t('network:directory.listedSince', { date: day(o.publicSince) })
              : t('network:directory.notListed'),
          },
          {
            key: t('network:organisations.state'),
            value: o.disabledAt
              ? t('network:organisations.disabledSince', { date: day(o.disabledAt) })
              : t('network:organisations.states.active'),
          },
        ]}
      />
      <p class="button-row">
        <a class="kern-btn kern-btn--secondary" href={href(ctx, `${base}/edit`)}>
          <span class="kern-label">{t('network:organisations.edit')}</span>
        </a>
        <a class="kern-btn kern-btn--secondary" href={href(ctx, `${base}/directory`)}>
          <span class="kern-label">{t('network:directory.editLink')}</span>
        </a>
      </p>

      <section class="kern-stack" aria-labelledby="people-title">
        <h2 class="kern-heading-medium" id="people-title">
          {t('network:people.title')}
        </h2>
        <DataTable
          caption={t('network:people.caption', { name: o.name })}
          empty={t('network:people.empty')}
          rows={p.people}
          columns={[
            {
              header: t('admin:people.name'),
              cell: (r) => (
                <a class="kern-link" href={href(ctx, `/admin/people/${r.userId}`)}>
                  {r.name || r.email}
                </a>
              ),
            },
            { header: t('admin:people.email'), cell: (r) => r.email },
            { header: t('common:field.role'), cell: (r) => roleLabel(ctx, r.role) },
            { header: t('admin:people.state'), cell: (r) => t(`admin:people.states.${r.state}`) },
          ]}
        />
        {o.disabledAt ? (
          <p class="kern-body">{t('network:people.disabledNote')}</p>
        ) : (
          <p class="button-row">
            <a
              class="kern-btn kern-btn--secondary"
              href={href(ctx, `/admin/people/grant?role=carrierStaff&scope=${scope}`)}
            >
              <span class="kern-label">{t('network:people.grant')}</span>
            </a>
            <a
              class="kern-btn kern-btn--secondary"
              href={href(ctx, `/admin/people/new?role=carrierStaff&scope=${scope}`)}
            >
              <span class="kern-label">{t('network:people.invite')}</span>
            </a>
          </p>
        )}
      </section>

      <section class="kern-stack" aria-labelledby="disable-title">
        <h2 class="kern-heading-medium" id="disable-title">
          {t('network:organisations.state')}
        </h2>
        <p class="kern-body">
          {t(o.disabledAt ? 'network:organisations.enableText' : 'network:organisations.disableText')}
        </p>
        <Form ctx={ctx} action={href(ctx, `${base}/${o.disabledAt ? 'enable' : 'disable'}`)} class="inline-form">
          <SubmitButton
            kind="secondary"
            label={t(o.disabledAt ? 'network:organisations.enable' : 'network:organisations.disable')}
          />
        </Form>
      </section>
      <p>
        <a class="kern-link" href={href(ctx, '/admin/organisations')}>
          {t('network:organisations.back')}
        </a>
      </p>
    </div>
  );
}
