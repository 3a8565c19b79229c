// "Meine Organisation": the address, the bank account grants are paid to, and who may sign. The
// name and kind are shown, not edited (the administration decides them).
import { ErrorSummary, Form, SubmitButton, TextField, Written } from '../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../core/ui/context';
import { groupedIban } from './organisation-rules';
import type { Organisation } from './organisations.store';

type Values = Record<string, string | undefined>;

export function ownValuesOf(o: Organisation): Values {
  const v: Values = {
    street: o.street,
    postcode: o.postcode,
    city: o.city,
    municipalityKey: o.municipalityKey,
    email: o.email,
    website: o.website,
    iban: groupedIban(o.iban),
    bic: o.bic,
    accountHolder: o.accountHolder,
  };
  o.signatories.forEach((s, i) => {
    v[`signatory-${i}-name`] = s.name;
    v[`signatory-${i}-role`] = s.role;
  });
  return v;
}

export function MyOrganisationsPage({ ctx, organisations }: { ctx: ViewContext; organisations: Organisation[] }) {
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{t('network:own.listTitle')}</h1>
      <ul class="kern-list">
        {organisations.map((o) => (
          <li>
            <a class="kern-link" href={href(ctx, `/organisation/${o.id}`)}>
              <Written ctx={ctx}>{o.name}</Written>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function MyOrganisationPage(p: {
  ctx: ViewContext;
  organisation: Organisation;
  values: Values;
  errors?: FieldErrors;
}) {
  const { ctx, organisation: o, values: v, errors } = p;
  const { t } = ctx;
  const field = (name: string, extra: Record<string, unknown> = {}) => (
    <TextField ctx={ctx} name={name} label={t(`network:field.${name}`)} value={v[name]} errors={errors} {...extra} />
  );
  const signatoryRows = Object.keys(v).filter((k) => /^signatory-\d+-name$/.test(k)).length + 1;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">
          <Written ctx={ctx}>{o.name}</Written>
        </h1>
        <p class="kern-subline">{t('network:own.subline', { kind: t(`network:kinds.${o.kind}`) })}</p>
      </hgroup>
      <p class="kern-body">{t('network:own.intro')}</p>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={href(ctx, `/organisation/${o.id}/directory`)}>
            {t('network:directory.editLink')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={href(ctx, `/organisation/partners?for=${o.id}`)}>
            {t('network:partners.title')}
          </a>
        </li>
      </ul>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, `/organisation/${o.id}`)} class="kern-stack">
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('network:own.address')}</legend>
          <div class="kern-fieldset__body kern-stack">
            {field('street', { autocomplete: 'street-address' })}
            {field('postcode', { autocomplete: 'postal-code', inputmode: 'numeric' })}
            {field('city', { autocomplete: 'address-level2' })}
            {field('municipalityKey', { inputmode: 'numeric', hint: t('network:field.municipalityKeyHint') })}
            {field('email', { type: 'email', autocomplete: 'email' })}
            {field('website', { type: 'url', hint: t('network:field.websiteHint') })}
          </div>
        </fieldset>
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('network:account.legend')}</legend>
          <p class="kern-hint">{t('network:account.hint')}</p>
          <TextField
            ctx={ctx}
            name="iban"
            label={t('network:account.iban')}
            hint={t('network:account.ibanHint')}
            autocomplete="off"
            value={v.iban}
            errors={errors}
          />
          <TextField
            ctx={ctx}
            name="bic"
            label={t('network:account.bic')}
            autocomplete="off"
            value={v.bic}
            errors={errors}
          />
          <TextField
            ctx={ctx}
            name="accountHolder"
            label={t('network:account.holder')}
            value={v.accountHolder}
            errors={errors}
          />
        </fieldset>
        <h2 class="kern-heading-small">{t('network:account.signatories')}</h2>
        <p class="kern-hint">{t('network:account.signatoriesHint')}</p>
        {Array.from({ length: signatoryRows }, (_, i) => (
          <fieldset class="kern-fieldset row-group">
            <legend class="kern-label">{t('network:account.signatory', { n: i + 1 })}</legend>
            <div class="kern-fieldset__body kern-stack">
              <TextField
                ctx={ctx}
                name={`signatory-${i}-name`}
                label={t('network:account.signatoryNameLabel')}
                autocomplete="off"
                value={v[`signatory-${i}-name`]}
                errors={errors}
              />
              <TextField
                ctx={ctx}
                name={`signatory-${i}-role`}
                label={t('network:account.signatoryRoleLabel')}
                value={v[`signatory-${i}-role`]}
                errors={errors}
              />
            </div>
          </fieldset>
        ))}
        <SubmitButton label={t('common:form.save')} />
      </Form>
    </div>
  );
}
