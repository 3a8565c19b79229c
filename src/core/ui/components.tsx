// Typed KERN UX patterns used on every page. Each field ties its hint and error to the control
// with aria-describedby, so screen readers read them where the user is.
import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { formatDate, numberFormat } from '../i18n/formats';
import { dirOf, isLang } from '../i18n/i18n';
import { formatEuro } from '../money/money';
import { type FieldErrors, FormRenderContext, type IssueParam, type ShownField, type ViewContext } from './context';

interface FieldBase {
  ctx: ViewContext;
  name: string;
  /** translation key or text already translated */
  label: string;
  /**
   * The label as shown where it holds text people wrote, marked with its language (<Written>, <Message>);
   * `label` stays the plain text the error summary names the field by.
   */
  shownLabel?: ComponentChildren;
  hint?: string;
  errors?: FieldErrors;
  required?: boolean;
  id?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ id, text }: { id: string; text?: string }) {
  return text ? (
    <div class="kern-hint" id={`${id}-hint`}>
      {text}
    </div>
  ) : null;
}

function ErrorText({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p class="kern-error" id={`${id}-error`}>
      <span class="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
      <span class="kern-body">{text}</span>
    </p>
  ) : null;
}

function OptionalMark({ ctx, required }: { ctx: ViewContext; required?: boolean }) {
  return required ? null : <span class="kern-label__optional"> {ctx.t('common:form.optional')}</span>;
}

function errorFor(ctx: ViewContext, errors: FieldErrors | undefined, name: string): string | undefined {
  const error = errors?.[name];
  return error ? issueText(ctx, error) : undefined;
}

/** A form issue in the reader's words: amounts and dates formatted for the language, keys translated. */
export function issueText(ctx: ViewContext, error: { key: string; params?: Record<string, IssueParam> }): string {
  if (!error.params) return ctx.t(error.key);
  const params: Record<string, string | number> = {};
  for (const [name, p] of Object.entries(error.params)) {
    if (typeof p !== 'object') params[name] = p;
    else if ('euro' in p) params[name] = formatEuro(p.euro, ctx.lang);
    else if ('percent' in p)
      params[name] = numberFormat(ctx.lang, { style: 'percent', maximumFractionDigits: 2 }).format(p.percent / 10000);
    else if ('date' in p) params[name] = formatDate(ctx.lang, p.date);
    else params[name] = ctx.t(p.key);
  }
  return ctx.t(error.key, params);
}

/** Tells this render's error summary which field a name stands for: its id and its label. */
export function useShownField(name: string, id: string, label: string, error: string | undefined) {
  const forms = useContext(FormRenderContext);
  if (!forms) return;
  const shown: ShownField = { id, label, failed: error !== undefined };
  const list = forms.fields.get(name);
  if (list) list.push(shown);
  else forms.fields.set(name, [shown]);
}

export interface TextFieldProps extends FieldBase {
  value?: string | number | null;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'tel' | 'url' | 'search';
  autocomplete?: string;
  inputmode?: 'decimal' | 'numeric' | 'text' | 'email' | 'tel' | 'url' | 'search';
  multiline?: boolean;
  rows?: number;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  /** the language of what is typed, when it is not the page's (a translation): marks the input, with its direction */
  inputLang?: string;
}

export function TextField(p: TextFieldProps) {
  const id = p.id ?? `f-${p.name}`;
  const error = errorFor(p.ctx, p.errors, p.name);
  useShownField(p.name, id, p.label, error);
  const cls = `kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`;
  const common = {
    id,
    name: p.name,
    class: cls,
    required: p.required,
    'aria-describedby': describedBy(id, p.hint, error),
    'aria-invalid': error ? ('true' as const) : undefined,
    autocomplete: p.autocomplete,
    lang: p.inputLang ? writtenLang(p.ctx, p.inputLang) : undefined,
    dir: p.inputLang ? writtenDir(p.ctx, p.inputLang) : undefined,
  };
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {p.shownLabel ?? p.label}
        <OptionalMark ctx={p.ctx} required={p.required} />
      </label>
      <Hint id={id} text={p.hint} />
      <ErrorText id={id} text={error} />
      {p.multiline ? (
        <textarea {...common} rows={p.rows ?? 6}>
          {p.value ?? ''}
        </textarea>
      ) : (
        <input
          {...({
            ...common,
            type: p.type ?? 'text',
            value: p.type === 'password' ? undefined : (p.value ?? undefined),
            inputMode: p.inputmode,
            min: p.min,
            max: p.max,
            step: p.step,
          } as Record<string, unknown>)}
        />
      )}
    </div>
  );
}

export const NumberField = (p: Omit<TextFieldProps, 'type'>) => (
  <TextField {...p} type="text" inputmode={p.inputmode ?? 'decimal'} />
);
export const DateField = (p: Omit<TextFieldProps, 'type'>) => <TextField {...p} type="date" />;

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export function SelectField(p: FieldBase & { value?: string; choices: Choice[]; placeholder?: string }) {
  const id = p.id ?? `f-${p.name}`;
  const error = errorFor(p.ctx, p.errors, p.name);
  useShownField(p.name, id, p.label, error);
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {p.shownLabel ?? p.label}
        <OptionalMark ctx={p.ctx} required={p.required} />
      </label>
      <Hint id={id} text={p.hint} />
      <ErrorText id={id} text={error} />
      <div class="kern-form-input__select-wrapper">
        <select
          id={id}
          name={p.name}
          class={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          required={p.required}
          aria-describedby={describedBy(id, p.hint, error)}
          aria-invalid={error ? 'true' : undefined}
        >
          {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
          {p.choices.map((c) => (
            <option value={c.value} selected={c.value === p.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A group of radio buttons or checkboxes in a fieldset whose legend is the question. */
export function ChoiceGroup(
  p: FieldBase & { type: 'radio' | 'checkbox'; choices: Choice[]; value?: string | string[] },
) {
  const id = p.id ?? `f-${p.name}`;
  const error = errorFor(p.ctx, p.errors, p.name);
  // the summary links to the first choice, so following the link puts the focus on a control
  useShownField(p.name, p.choices.length ? `${id}-0` : id, p.label, error);
  const selected = new Set(Array.isArray(p.value) ? p.value : p.value ? [p.value] : []);
  const kind = p.type === 'radio' ? 'radio' : 'checkbox';
  return (
    <fieldset
      class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
      id={id}
      aria-describedby={describedBy(id, p.hint, error)}
    >
      <legend class="kern-label">
        {p.shownLabel ?? p.label}
        <OptionalMark ctx={p.ctx} required={p.required} />
      </legend>
      <Hint id={id} text={p.hint} />
      <ErrorText id={id} text={error} />
      <div class="kern-fieldset__body">
        {p.choices.map((c, i) => (
          <div class={`kern-form-check${error ? ' kern-form-check--error' : ''}`}>
            <input
              class={`kern-form-check__${kind}`}
              type={p.type}
              id={`${id}-${i}`}
              name={p.name}
              value={c.value}
              checked={selected.has(c.value)}
              aria-describedby={c.hint ? `${id}-${i}-hint` : undefined}
            />
            <label class="kern-label" for={`${id}-${i}`}>
              {c.label}
            </label>
            {c.hint && (
              <div class="kern-hint" id={`${id}-${i}-hint`}>
                {c.hint}
              </div>
            )}
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A single checkbox such as a consent or a declaration. */
export function CheckboxField(p: FieldBase & { checked?: boolean; value?: string }) {
  const id = p.id ?? `f-${p.name}`;
  const error = errorFor(p.ctx, p.errors, p.name);
  useShownField(p.name, id, p.label, error);
  return (
    <div class={`kern-form-check${error ? ' kern-form-check--error' : ''}`}>
      <ErrorText id={id} text={error} />
      <input
        class={`kern-form-check__checkbox${error ? ' kern-form-check__checkbox--error' : ''}`}
        type="checkbox"
        id={id}
        name={p.name}
        value={p.value ?? 'on'}
        checked={p.checked}
        required={p.required}
        aria-describedby={describedBy(id, p.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
      <label class="kern-label" for={id}>
        {p.shownLabel ?? p.label}
      </label>
      <Hint id={id} text={p.hint} />
    </div>
  );
}

/** One line of an error summary: what it says and where it leads (if there is a place to fix it). */
export interface SummaryItem {
  href?: string;
  text: string;
}

/** The field a name stood for in the first pass: the one that showed the error, else the first. */
function shownField(known: Map<string, ShownField[]> | undefined, name: string): ShownField | undefined {
  const list = known?.get(name);
  return list?.find((f) => f.failed) ?? list?.[0];
}

/** Errors in the order their fields stand on the page (the first pass saw them in that order); others last. */
function inPageOrder<T>(entries: [string, T][], known: Map<string, ShownField[]> | undefined): [string, T][] {
  if (!known) return entries;
  const order = [...known.keys()];
  const at = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  return entries
    .map((e, i) => [e, i] as const)
    .sort((a, b) => at(a[0][0]) - at(b[0][0]) || a[1] - b[1])
    .map(([e]) => e);
}

/** "Name der Organisation: Bitte füllen Sie dieses Feld aus." – a question needs no colon, a sentence drops its full stop. */
export function namedMessage(ctx: ViewContext, label: string, message: string): string {
  const name = label.trim().replace(/\s*[:.]$/, '');
  return /[?؟]$/.test(name)
    ? ctx.t('common:form.summaryItemQuestion', { label: name, message })
    : ctx.t('common:form.summaryItem', { label: name, message });
}

/**
 * Lists every error at the top of a failed form, each a link to its field that names the field.
 * The first summary of a page takes the focus when the page loads (autofocus on a container with
 * tabindex -1 needs no script), and its page title starts with "Fehler: " (see renderPage).
 * `items` are for summaries whose links lead to other pages.
 */
export function ErrorSummary(p: { ctx: ViewContext; errors?: FieldErrors; items?: SummaryItem[]; title?: string }) {
  const { ctx } = p;
  const forms = useContext(FormRenderContext);
  const items =
    p.items ??
    inPageOrder(Object.entries(p.errors ?? {}), forms?.known).map(([name, key]): SummaryItem => {
      const field = shownField(forms?.known, name);
      const message = issueText(ctx, key);
      return field
        ? { href: `#${field.id}`, text: namedMessage(ctx, field.label, message) }
        : { href: `#f-${name}`, text: message };
    });
  if (items.length === 0) return null;
  const n = forms ? ++forms.summaries : 1;
  const titleId = n === 1 ? 'error-summary-title' : `error-summary-title-${n}`;
  return (
    <div
      class="kern-alert kern-alert--danger error-summary"
      role="alert"
      aria-labelledby={titleId}
      tabIndex={-1}
      autofocus={n === 1}
    >
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 class="kern-title" id={titleId}>
          {p.title ?? ctx.t('common:form.errorSummary', { count: items.length })}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {items.map((i) => (
            <li>
              {i.href ? (
                <a class="kern-link" href={i.href}>
                  {i.text}
                </a>
              ) : (
                i.text
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Notice(p: {
  kind: 'info' | 'success' | 'warning' | 'danger';
  title: string;
  children?: ComponentChildren;
  role?: 'status' | 'alert';
}) {
  return (
    <div class={`kern-alert kern-alert--${p.kind}`} role={p.role}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${p.kind}`} aria-hidden="true" />
        <span class="kern-title">{p.title}</span>
      </div>
      {p.children ? <div class="kern-alert__body">{p.children}</div> : null}
    </div>
  );
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
}

export function DataTable<Row>(p: { caption: string; columns: Column<Row>[]; rows: Row[]; empty: string }) {
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class="kern-title">{p.caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {p.columns.map((c) => (
              <th scope="col" class={`kern-table__header${c.numeric ? ' kern-table__header--numeric' : ''}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {p.rows.length === 0 ? (
            <tr class="kern-table__row">
              <td class="kern-table__cell" colSpan={p.columns.length}>
                {p.empty}
              </td>
            </tr>
          ) : (
            p.rows.map((row) => (
              <tr class="kern-table__row">
                {p.columns.map((c, i) =>
                  i === 0 ? (
                    <th scope="row" class="kern-table__cell">
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td class={`kern-table__cell${c.numeric ? ' kern-table__cell--numeric' : ''}`}>{c.cell(row)}</td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export function Pagination(p: {
  ctx: ViewContext;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (p.pageCount <= 1) return null;
  const { t } = p.ctx;
  return (
    <nav class="pagination" aria-label={t('common:pagination.label')}>
      <ul class="kern-list kern-list--horizontal">
        {p.page > 1 && (
          <li>
            <a class="kern-link" href={p.hrefFor(p.page - 1)} rel="prev">
              {t('common:pagination.previous')}
            </a>
          </li>
        )}
        <li aria-current="page">{t('common:pagination.status', { page: p.page, total: p.pageCount })}</li>
        {p.page < p.pageCount && (
          <li>
            <a class="kern-link" href={p.hrefFor(p.page + 1)} rel="next">
              {t('common:pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function DefinitionList({ items }: { items: { key: ComponentChildren; value: ComponentChildren }[] }) {
  return (
    <dl class="kern-description-list">
      {items.map((i) => (
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{i.key}</dt>
          <dd class="kern-description-list-item__value">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A POST form with the CSRF token every state-changing request needs. */
export function Form(p: {
  ctx: ViewContext;
  action: string;
  children: ComponentChildren;
  class?: string;
  enctype?: string;
  id?: string;
}) {
  return (
    <form method="post" action={p.action} class={p.class ?? 'kern-stack'} enctype={p.enctype} id={p.id} noValidate>
      <input type="hidden" name="_csrf" value={p.ctx.csrfToken} />
      {p.children}
    </form>
  );
}

export function SubmitButton({
  label,
  kind = 'primary',
}: {
  label: string;
  kind?: 'primary' | 'secondary' | 'tertiary';
}) {
  return (
    <button type="submit" class={`kern-btn kern-btn--${kind}`}>
      <span class="kern-label">{label}</span>
    </button>
  );
}

/**
 * Text that people wrote (titles, names, descriptions), in the language they wrote it in. Marked
 * with `lang` only where it differs from the page's, so screen readers switch voice and browsers
 * hyphenate it right (WCAG 3.1.2). The database keeps no language per text: content is written in
 * German, the platform's source language, so German is assumed unless a caller knows better (a
 * call's texts the officers translated pass the translation's language: funding's shownCall).
 */
export const writtenLang = (ctx: Pick<ViewContext, 'lang'>, lang = 'de'): string | undefined =>
  lang === ctx.lang ? undefined : lang;

/**
 * The direction to mark text in `lang` with on a page in ctx.lang: only where it differs (German on
 * an Arabic page reads left to right, so its punctuation and numbers stay in place).
 */
export const writtenDir = (ctx: Pick<ViewContext, 'lang'>, lang = 'de'): 'ltr' | 'rtl' | undefined => {
  if (!isLang(lang) || !isLang(ctx.lang)) return undefined;
  const dir = dirOf(lang);
  return dir === dirOf(ctx.lang) ? undefined : dir;
};

/** Text people wrote, marked with its language (and direction) where it differs from the page's (see writtenLang). */
export function Written(p: {
  ctx: Pick<ViewContext, 'lang'>;
  lang?: string;
  /** a block (div) for text with paragraphs or lists; otherwise an inline span */
  block?: boolean;
  class?: string;
  children: ComponentChildren;
}) {
  const lang = writtenLang(p.ctx, p.lang);
  if (!lang && !p.class) return <>{p.children}</>;
  const Tag = p.block ? 'div' : 'span';
  return (
    <Tag lang={lang} dir={lang ? writtenDir(p.ctx, lang) : undefined} class={p.class}>
      {p.children}
    </Tag>
  );
}

/**
 * A translated message with parts of the page in its placeholders, e.g. a title wrapped in
 * <Written>, which a plain string from t() could not carry. `values` are ordinary placeholders.
 */
export function Message(p: {
  ctx: Pick<ViewContext, 't'>;
  k: string;
  parts: Record<string, ComponentChildren>;
  values?: Record<string, unknown>;
}) {
  const names = Object.keys(p.parts);
  // private-use markers no translation contains; i18next leaves them as they are (escapeValue is off)
  const marked = Object.fromEntries(names.map((n, i) => [n, `\uE000${i}\uE001`]));
  const pieces = p.ctx.t(p.k, { ...p.values, ...marked }).split(/\uE000(\d+)\uE001/);
  return <>{pieces.map((piece, i) => (i % 2 === 1 ? p.parts[names[Number(piece)] ?? ''] : piece))}</>;
}

/** A page that only says something: a heading, a sentence or two, and where to go from here. */
export function MessagePage(p: { title: string; text: string; link?: { href: string; label: string } }) {
  return (
    <div class="kern-stack prose">
      <h1 class="kern-heading-large">{p.title}</h1>
      <p class="kern-body">{p.text}</p>
      {p.link && (
        <p>
          <a class="kern-link" href={p.link.href}>
            {p.link.label}
          </a>
        </p>
      )}
    </div>
  );
}
