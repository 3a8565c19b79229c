import { renderMarkdown } from '../../../core/content/pages';
import {
  CheckboxField,
  ChoiceGroup,
  DataTable,
  DefinitionList,
  ErrorSummary,
  Form,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { berlinDate, berlinDateTime, berlinParts, percent } from '../format';
import type { RubricCriterion } from '../schema';
import type { Shown, ShownCall } from './call-translation-rules';
import type { Call, Programme } from './programmes.store';

type Values = Record<string, string | undefined>;

export function callValues(c: Call): Values {
  const opens = berlinParts(c.opensAt);
  const closes = berlinParts(c.closesAt);
  const values: Values = {
    title: c.title,
    text: c.text,
    opensDate: opens.date,
    opensTime: opens.time,
    closesDate: closes.date,
    closesTime: closes.time,
    stages: String(c.stages),
    projectStartEarliest: c.projectStartEarliest ?? '',
    projectEndLatest: c.projectEndLatest ?? '',
    blindReview: c.blindReview ? 'on' : undefined,
    published: c.published ? 'on' : undefined,
  };
  c.eligibility.forEach((q, i) => {
    Object.assign(values, {
      [`eligibility-${i}-id`]: q.id,
      [`eligibility-${i}-question`]: q.question,
      [`eligibility-${i}-stopText`]: q.stopText,
    });
  });
  c.requiredDocuments.forEach((d, i) => {
    Object.assign(values, {
      [`document-${i}-id`]: d.id,
      [`document-${i}-label`]: d.label,
      [`document-${i}-types`]: d.types.join(', '),
      [`document-${i}-maxMegabytes`]: String(d.maxMegabytes),
      [`document-${i}-optional`]: d.optional ? 'on' : undefined,
      [`document-${i}-validity`]: d.validity ?? '',
      [`document-${i}-months`]: d.maxAgeMonths ? String(d.maxAgeMonths) : '',
      [`document-${i}-hint`]: d.hint ?? '',
    });
  });
  c.rubric.forEach((r, i) => {
    Object.assign(values, {
      [`criterion-${i}-id`]: r.id,
      [`criterion-${i}-title`]: r.title,
      [`criterion-${i}-weight`]: String(r.weight),
    });
    r.anchors.forEach((a, j) => {
      values[`criterion-${i}-a${j + 1}`] = a;
    });
  });
  return values;
}

const countRows = (values: Values, group: string) =>
  Math.max(
    2,
    new Set(
      Object.keys(values)
        .filter((k) => k.startsWith(`${group}-`))
        .map((k) => k.split('-')[1]),
    ).size + 1,
  );

export function CallForm(p: {
  ctx: ViewContext;
  action: string;
  heading: string;
  values: Values;
  errors?: FieldErrors;
  /** the stored rubric, when submitted scores lock it: shown, not editable */
  lockedRubric?: readonly RubricCriterion[];
}) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField ctx={ctx} name={name} label={label} value={values[name]} errors={errors} {...extra} />
  );
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{p.heading}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={p.action}>
        {field('title', t('funding:call.title'), { required: true })}
        {field('text', t('funding:call.text'), { multiline: true, rows: 10, hint: t('funding:call.textHint') })}
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('funding:call.period')}</legend>
          <div class="kern-hint">{t('funding:call.periodHint')}</div>
          <div class="kern-fieldset__body row-group">
            <div class="row">
              {field('opensDate', t('funding:call.opensDate'), { type: 'date', required: true })}
              {field('opensTime', t('funding:call.opensTime'), { required: true, hint: t('funding:call.timeHint') })}
            </div>
            <div class="row">
              {field('closesDate', t('funding:call.closesDate'), { type: 'date', required: true })}
              {field('closesTime', t('funding:call.closesTime'), { required: true, hint: t('funding:call.timeHint') })}
            </div>
          </div>
        </fieldset>
        <ChoiceGroup
          ctx={ctx}
          type="radio"
          name="stages"
          required
          label={t('funding:call.stages')}
          value={values.stages}
          errors={errors}
          choices={[
            { value: '1', label: t('funding:call.oneStage') },
            { value: '2', label: t('funding:call.twoStage'), hint: t('funding:call.twoStageHint') },
          ]}
        />
        {field('projectStartEarliest', t('funding:call.projectStartEarliest'), { type: 'date' })}
        {field('projectEndLatest', t('funding:call.projectEndLatest'), { type: 'date' })}
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('funding:call.eligibility')}</legend>
          <div class="kern-hint">{t('funding:call.eligibilityHint')}</div>
          {Array.from({ length: countRows(values, 'eligibility') }, (_, i) => (
            <div class="row-group">
              <input type="hidden" name={`eligibility-${i}-id`} value={values[`eligibility-${i}-id`] ?? ''} />
              {field(`eligibility-${i}-question`, t('funding:call.question', { n: i + 1 }))}
              {field(`eligibility-${i}-stopText`, t('funding:call.stopText', { n: i + 1 }))}
            </div>
          ))}
        </fieldset>
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('funding:call.documents')}</legend>
          {Array.from({ length: countRows(values, 'document') }, (_, i) => (
            <div class="row-group">
              <div class="row">
                <input type="hidden" name={`document-${i}-id`} value={values[`document-${i}-id`] ?? ''} />
                {field(`document-${i}-label`, t('funding:call.documentLabel', { n: i + 1 }))}
                {field(`document-${i}-types`, t('funding:call.documentTypes', { n: i + 1 }), {
                  hint: t('funding:call.documentTypesHint'),
                })}
                {field(`document-${i}-maxMegabytes`, t('funding:call.documentSize', { n: i + 1 }), {
                  inputmode: 'decimal',
                })}
              </div>
              <div class="row">
                <SelectField
                  ctx={ctx}
                  name={`document-${i}-validity`}
                  label={t('funding:documentValidity.kind', { n: i + 1 })}
                  value={values[`document-${i}-validity`] ?? ''}
                  errors={errors}
                  choices={[
                    { value: '', label: t('funding:documentValidity.kindNone') },
                    { value: 'validUntil', label: t('funding:documentValidity.kindValidUntil') },
                    { value: 'issuedWithin', label: t('funding:documentValidity.kindIssuedWithin') },
                  ]}
                />
                {field(`document-${i}-months`, t('funding:documentValidity.months', { n: i + 1 }), {
                  inputmode: 'numeric',
                  hint: t('funding:documentValidity.monthsHint'),
                })}
              </div>
              {field(`document-${i}-hint`, t('funding:documentValidity.hint', { n: i + 1 }))}
              <CheckboxField
                ctx={ctx}
                name={`document-${i}-optional`}
                checked={values[`document-${i}-optional`] === 'on'}
                label={t('funding:documentValidity.optional', { n: i + 1 })}
              />
            </div>
          ))}
          <CheckboxField
            ctx={ctx}
            name="federalDocuments"
            checked={values.federalDocuments === 'on'}
            label={t('funding:documentValidity.preset')}
            hint={t('funding:documentValidity.presetHint')}
          />
        </fieldset>
        {p.lockedRubric ? (
          <section class="kern-stack" id="f-rubric" tabIndex={-1} aria-labelledby="rubric-title">
            <h2 class="kern-heading-small" id="rubric-title">
              {t('funding:call.rubric')}
            </h2>
            <Notice kind="info" title={t('funding:call.rubricLockedTitle')}>
              <p class="kern-body">{t('funding:call.rubricLockedText')}</p>
            </Notice>
            <DataTable
              caption={t('funding:call.rubric')}
              empty={t('funding:call.noRubric')}
              rows={[...p.lockedRubric]}
              columns={[
                { header: t('funding:call.criterionShort'), cell: (r) => <Written ctx={ctx}>{r.title}</Written> },
                { header: t('funding:call.weightShort'), cell: (r) => String(r.weight), numeric: true },
                {
                  header: t('funding:call.anchorsShort'),
                  cell: (r) => (
                    <ol class="kern-list kern-list--numbered">
                      {r.anchors.map((a) => (
                        <li>
                          <Written ctx={ctx}>{a}</Written>
                        </li>
                      ))}
                    </ol>
                  ),
                },
              ]}
            />
          </section>
        ) : (
          <fieldset class="kern-fieldset">
            <legend class="kern-label">{t('funding:call.rubric')}</legend>
            <div class="kern-hint">{t('funding:call.rubricHint')}</div>
            {Array.from({ length: countRows(values, 'criterion') }, (_, i) => (
              <div class="row-group">
                <input type="hidden" name={`criterion-${i}-id`} value={values[`criterion-${i}-id`] ?? ''} />
                {field(`criterion-${i}-title`, t('funding:call.criterion', { n: i + 1 }))}
                {field(`criterion-${i}-weight`, t('funding:call.weight', { n: i + 1 }), { inputmode: 'numeric' })}
                {[1, 2, 3, 4, 5].map((s) =>
                  field(`criterion-${i}-a${s}`, t('funding:call.anchor', { n: i + 1, score: s })),
                )}
              </div>
            ))}
          </fieldset>
        )}
        <CheckboxField
          ctx={ctx}
          name="blindReview"
          checked={values.blindReview === 'on'}
          label={t('funding:call.blindReview')}
          hint={t('funding:call.blindReviewHint')}
        />
        <CheckboxField
          ctx={ctx}
          name="published"
          checked={values.published === 'on'}
          label={t('funding:call.publish')}
          hint={t('funding:call.publishHint')}
        />
        <SubmitButton label={t('common:form.save')} />
      </Form>
    </div>
  );
}

// A call's text is read far more often than it changes: its HTML is kept by the text itself, so an
// edited text is simply another key (Markdown rendering was a tenth of the public call page's time).
const renderedTexts = new Map<string, string>();
function callTextHtml(text: string): string {
  let html = renderedTexts.get(text);
  if (html === undefined) {
    html = renderMarkdown(text);
    if (renderedTexts.size >= 200) renderedTexts.delete(renderedTexts.keys().next().value as string);
    renderedTexts.set(text, html);
  }
  return html;
}

export interface OpenCall {
  call: Call;
  programmeTitle: string;
  scope: string;
}

/** A text of a call in the language it is shown in (a translation, or the German), marked where it is not the page's. */
export function CallText({ ctx, shown, block }: { ctx: ViewContext; shown: Shown; block?: boolean }) {
  return (
    <Written ctx={ctx} lang={shown.lang} block={block}>
      {shown.text}
    </Written>
  );
}

export function PublicCallList({
  ctx,
  calls,
  titles,
}: {
  ctx: ViewContext;
  calls: OpenCall[];
  /** the calls' titles in the reader's language where translated (shownTitlesFor) */
  titles: Map<string, Shown>;
}) {
  const { t, lang } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('funding:public.title')}</h1>
      <p class="kern-body prose">{t('funding:public.intro')}</p>
      {calls.length === 0 ? (
        <Notice kind="info" title={t('funding:public.none')} />
      ) : (
        <ul class="cards">
          {calls.map(({ call, programmeTitle, scope }) => (
            <li class="kern-card">
              <div class="kern-card__container">
                <div class="kern-card__header">
                  <h2 class="kern-title">
                    <a class="kern-link" href={href(ctx, `/calls/${call.id}`)}>
                      <CallText ctx={ctx} shown={titles.get(call.id) ?? { text: call.title, lang: 'de' }} />
                    </a>
                  </h2>
                </div>
                <div class="kern-card__body">
                  <p class="kern-body">
                    <Written ctx={ctx}>{programmeTitle}</Written>
                  </p>
                  <p class="kern-body">{t('funding:public.deadline', { date: berlinDateTime(lang, call.closesAt) })}</p>
                  <p class="kern-body kern-body--small">{t(`funding:scope.${scope}`)}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function PublicCallPage({
  ctx,
  call,
  shown,
  programme,
  open,
}: {
  ctx: ViewContext;
  call: Call;
  /** the call's texts in the reader's language where translated (shownCallFor) */
  shown: ShownCall;
  programme: Programme;
  open: boolean;
}) {
  const { t, lang } = ctx;
  return (
    <article class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">
          <CallText ctx={ctx} shown={shown.title} />
        </h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{programme.title}</Written>
        </p>
      </hgroup>
      {!open && <Notice kind="warning" title={t('funding:public.closed')} />}
      {/* carriers' staff apply; someone signed out is led to sign in first; other roles cannot apply */}
      {open && (!ctx.user || ctx.can('funding.carrierArea')) && (
        <p>
          <a class="kern-btn kern-btn--primary" href={href(ctx, `/calls/${call.id}/apply`)}>
            <span class="kern-label">{t('funding:apply.title')}</span>
          </a>
        </p>
      )}
      <DefinitionList
        items={[
          { key: t('funding:call.opensAt'), value: berlinDateTime(lang, call.opensAt) },
          { key: t('funding:call.closesAt'), value: berlinDateTime(lang, call.closesAt) },
          {
            key: t('funding:call.stages'),
            value: call.stages === 2 ? t('funding:call.twoStage') : t('funding:call.oneStage'),
          },
          ...(call.projectStartEarliest
            ? [{ key: t('funding:call.projectStartEarliest'), value: berlinDate(lang, call.projectStartEarliest) }]
            : []),
          ...(call.projectEndLatest
            ? [{ key: t('funding:call.projectEndLatest'), value: berlinDate(lang, call.projectEndLatest) }]
            : []),
          { key: t('funding:programme.financingType'), value: t(`funding:financingType.${programme.financingType}`) },
          { key: t('funding:programme.maxShare'), value: percent(lang, programme.maxShareBp) },
          { key: t('funding:programme.minOwnShare'), value: percent(lang, programme.minOwnShareBp) },
          { key: t('funding:programme.maxDurationMonths'), value: String(programme.maxDurationMonths) },
          // a programme that asks for no particular form of cooperation says nothing about it
          ...(programme.cooperationForms.length > 0
            ? [
                {
                  key: t('funding:programme.cooperationForms'),
                  // joined as the reader's language joins a list (the Arabic comma in Arabic)
                  value: new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(
                    programme.cooperationForms.map((c) => t(`funding:cooperationForm.${c}`)),
                  ),
                },
              ]
            : []),
        ]}
      />
      {/* Markdown rendered with raw HTML disabled; in German unless the officers translated it (see Written) */}
      <Written ctx={ctx} lang={shown.text.lang} block>
        <div class="kern-body content-body" dangerouslySetInnerHTML={{ __html: callTextHtml(shown.text.text) }} />
      </Written>
      {call.eligibility.length > 0 && (
        <section class="kern-stack" aria-labelledby="eligibility-title">
          <h2 class="kern-heading-medium" id="eligibility-title">
            {t('funding:call.eligibility')}
          </h2>
          <ul class="kern-list kern-list--bullet">
            {call.eligibility.map((q) => (
              <li>
                <CallText ctx={ctx} shown={shown.question(q.id)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {call.requiredDocuments.length > 0 && (
        <DataTable
          caption={t('funding:call.documents')}
          empty=""
          rows={call.requiredDocuments}
          columns={[
            {
              header: t('funding:call.documentLabelShort'),
              cell: (d) => (
                <>
                  <CallText ctx={ctx} shown={shown.document(d.id)} />
                  {d.optional && ` ${t('common:form.optional')}`}
                </>
              ),
            },
            { header: t('funding:call.documentTypesShort'), cell: (d) => d.types.join(', ') },
            {
              header: t('funding:documentValidity.validityShort'),
              cell: (d) =>
                d.validity === 'validUntil'
                  ? t('funding:documentValidity.publicValidUntil')
                  : d.validity === 'issuedWithin'
                    ? t('funding:documentValidity.publicIssuedWithin', { count: d.maxAgeMonths ?? 0 })
                    : '–',
            },
            {
              header: t('funding:call.documentSizeShort'),
              cell: (d) => t('funding:call.megabytes', { n: d.maxMegabytes }),
              numeric: true,
            },
          ]}
        />
      )}
      {call.rubric.length > 0 && (
        <DataTable
          caption={t('funding:call.rubric')}
          empty=""
          rows={call.rubric}
          columns={[
            { header: t('funding:call.criterionShort'), cell: (r) => <Written ctx={ctx}>{r.title}</Written> },
            { header: t('funding:call.weightShort'), cell: (r) => String(r.weight), numeric: true },
          ]}
        />
      )}
    </article>
  );
}
