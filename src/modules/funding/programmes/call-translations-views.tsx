// The officer's translations of a call: the five languages with their state, and one language's
// form with each German text beside its translation field.
import {
  CheckboxField,
  DataTable,
  ErrorSummary,
  Form,
  Notice,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { berlinDateTime } from '../format';
import type { TranslatedField } from '../schema';
import type { Call } from '../types';
import {
  type CallSourceField,
  callSourceFields,
  fieldState,
  maxTranslationLength,
  type TranslationLocale,
  translationLocales,
  translationState,
} from './call-translation-rules';
import type { CallTranslation } from './call-translations.store';

const stateBadge = { none: 'info', complete: 'success', partial: 'warning', outdated: 'danger' } as const;

export function CallTranslationsPage(p: { ctx: ViewContext; call: Call; translations: Map<string, CallTranslation> }) {
  const { ctx, call } = p;
  const { t, lang } = ctx;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:callTranslations.title')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{call.title}</Written>
        </p>
      </hgroup>
      <p class="kern-body">{t('funding:callTranslations.intro')}</p>
      <DataTable
        caption={t('funding:callTranslations.languages')}
        empty=""
        rows={[...translationLocales]}
        columns={[
          {
            header: t('funding:callTranslations.language'),
            cell: (l) => (
              <a class="kern-link" href={href(ctx, `/funding/calls/${call.id}/translations/${l}`)}>
                {t(`funding:callTranslations.lang.${l}`)}
              </a>
            ),
          },
          {
            header: t('funding:callTranslations.state'),
            cell: (l) => {
              const s = translationState(call, p.translations.get(l)?.fields);
              return (
                <span class={`kern-badge kern-badge--${stateBadge[s]}`}>
                  <span class="kern-label">{t(`funding:callTranslations.states.${s}`)}</span>
                </span>
              );
            },
          },
          {
            header: t('funding:callTranslations.updatedAt'),
            cell: (l) => {
              const tr = p.translations.get(l);
              return tr ? berlinDateTime(lang, tr.updatedAt) : '–';
            },
          },
        ]}
      />
      <p>
        <a class="kern-link" href={href(ctx, `/funding/programmes/${call.programmeId}`)}>
          {t('funding:callTranslations.back')}
        </a>
      </p>
    </div>
  );
}

function fieldLabel(ctx: ViewContext, f: CallSourceField) {
  return ctx.t(`funding:callTranslations.field.${f.kind}`, { n: f.n ?? 1 });
}

export function CallTranslationForm(p: {
  ctx: ViewContext;
  call: Call;
  locale: TranslationLocale;
  stored?: Record<string, TranslatedField>;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
}) {
  const { ctx, call, locale, errors } = p;
  const { t } = ctx;
  const fields = callSourceFields(call);
  const language = t(`funding:callTranslations.lang.${locale}`);
  const value = (name: string) => (p.values ? p.values[name] : p.stored?.[name]?.text) ?? '';
  const outdated = fields.filter((f) => fieldState(f, p.stored) === 'outdated');
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:callTranslations.formTitle', { language })}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{call.title}</Written>
        </p>
      </hgroup>
      <p class="kern-body">{t('funding:callTranslations.formIntro')}</p>
      {outdated.length > 0 && (
        <Notice kind="warning" title={t('funding:callTranslations.outdatedTitle', { count: outdated.length })}>
          <p class="kern-body">{t('funding:callTranslations.outdatedText')}</p>
        </Notice>
      )}
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={href(ctx, `/funding/calls/${call.id}/translations/${locale}`)}>
        {fields.map((f) => {
          const label = fieldLabel(ctx, f);
          const state = fieldState(f, p.stored);
          return (
            <section class="kern-stack row-group" aria-labelledby={`h-${f.name}`}>
              <h2 class="kern-heading-small" id={`h-${f.name}`}>
                {label}
                {state === 'outdated' && (
                  <>
                    {' '}
                    <span class="kern-badge kern-badge--danger">
                      <span class="kern-label">{t('funding:callTranslations.states.outdated')}</span>
                    </span>
                  </>
                )}
              </h2>
              <div class="kern-stack">
                <p class="kern-label">{t('funding:callTranslations.german')}</p>
                <Written ctx={ctx} block class="kern-body pre-line">
                  {f.source}
                </Written>
              </div>
              <TextField
                ctx={ctx}
                name={f.name}
                label={t('funding:callTranslations.translationOf', { field: label, language })}
                value={value(f.name)}
                errors={errors}
                inputLang={locale}
                multiline={f.kind === 'text' || f.kind === 'stopText'}
                rows={f.kind === 'text' ? 14 : 3}
                hint={
                  f.kind === 'text'
                    ? t('funding:callTranslations.markdownHint', { max: maxTranslationLength(f.kind) })
                    : undefined
                }
              />
              {state === 'outdated' && (
                <CheckboxField
                  ctx={ctx}
                  name={`confirm-${f.name}`}
                  checked={p.values?.[`confirm-${f.name}`] === 'on'}
                  label={t('funding:callTranslations.confirm')}
                  hint={t('funding:callTranslations.confirmHint')}
                />
              )}
            </section>
          );
        })}
        <SubmitButton label={t('common:form.save')} />
      </Form>
      <p>
        <a class="kern-link" href={href(ctx, `/funding/calls/${call.id}/translations`)}>
          {t('funding:callTranslations.backToLanguages')}
        </a>
      </p>
    </div>
  );
}
