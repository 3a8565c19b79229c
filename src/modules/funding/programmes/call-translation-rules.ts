// Translations of a call's texts (title, body, eligibility questions and stop texts, required
// documents' labels and hints) into the carriers' languages. Pure: which fields a call has, the state of a
// translation, and what a reader in a language sees. German is the source; a field without a
// translation is shown in German, marked as such by the view (lang="de").
import { createHash } from 'node:crypto';
import type { TranslatedField } from '../schema';
import type { Call } from '../types';

/** The languages an officer may translate a call into (German is the source). */
export const translationLocales = ['en', 'tr', 'ar', 'uk', 'ru'] as const;
export type TranslationLocale = (typeof translationLocales)[number];
export const isTranslationLocale = (v: unknown): v is TranslationLocale =>
  typeof v === 'string' && (translationLocales as readonly string[]).includes(v);

export type CallTextKind = 'title' | 'text' | 'question' | 'stopText' | 'document' | 'documentHint';

/** One German text of a call that may be translated; `name` is its key in the form and in storage. */
export interface CallSourceField {
  name: string;
  kind: CallTextKind;
  /** the question's or document's place in the call, from 1 (for the labels) */
  n?: number;
  source: string;
}

type CallTexts = Pick<Call, 'title' | 'text' | 'eligibility' | 'requiredDocuments'>;

/** The call's texts that can be translated, in the order the call shows them; empty German is left out. */
export function callSourceFields(call: CallTexts): CallSourceField[] {
  const fields: CallSourceField[] = [{ name: 'title', kind: 'title', source: call.title }];
  if (call.text.trim()) fields.push({ name: 'text', kind: 'text', source: call.text });
  call.eligibility.forEach((q, i) => {
    fields.push({ name: `question-${q.id}`, kind: 'question', n: i + 1, source: q.question });
    if (q.stopText.trim()) fields.push({ name: `stopText-${q.id}`, kind: 'stopText', n: i + 1, source: q.stopText });
  });
  call.requiredDocuments.forEach((d, i) => {
    fields.push({ name: `document-${d.id}`, kind: 'document', n: i + 1, source: d.label });
    if (d.hint?.trim()) fields.push({ name: `documentHint-${d.id}`, kind: 'documentHint', n: i + 1, source: d.hint });
  });
  return fields.filter((f) => f.source.trim() !== '');
}

/** The most a translated field may hold: the body like the German body, the rest like a long line. */
export const maxTranslationLength = (kind: CallTextKind) => (kind === 'text' ? 20_000 : kind === 'title' ? 300 : 2_000);

/** The hash of a German text a translation was made from. */
export const sourceHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export type FieldState = 'missing' | 'current' | 'outdated';
export type TranslationState = 'none' | 'complete' | 'partial' | 'outdated';

/** A field's state: not translated, translated from today's German, or from a German since changed. */
export function fieldState(field: CallSourceField, stored: Record<string, TranslatedField> | undefined): FieldState {
  const t = stored?.[field.name];
  if (!t?.text) return 'missing';
  return t.source === sourceHash(field.source) ? 'current' : 'outdated';
}

/**
 * The state of a translation as the officer sees it: none (nothing translated), outdated (some
 * translated text was made from German that has changed since), complete (every text translated),
 * otherwise partial. Outdated wins: it is the one that asks for work on texts carriers already read.
 */
export function translationState(
  call: CallTexts,
  stored: Record<string, TranslatedField> | undefined,
): TranslationState {
  const states = callSourceFields(call).map((f) => fieldState(f, stored));
  if (states.every((s) => s === 'missing')) return 'none';
  if (states.includes('outdated')) return 'outdated';
  return states.includes('missing') ? 'partial' : 'complete';
}

/**
 * What a save stores: the non-empty translations of the call's current fields, each with the hash
 * of the German beside it in the form. A field whose text is unchanged keeps the hash it had, so
 * saving another field does not mark an outdated one as current; a field the officer changed, or
 * confirmed by saving it again after the German changed, takes today's hash.
 */
export function fieldsToStore(
  call: CallTexts,
  submitted: Record<string, string>,
  before: Record<string, TranslatedField> | undefined,
  confirmed: readonly string[] = [],
): Record<string, TranslatedField> {
  const out: Record<string, TranslatedField> = {};
  for (const f of callSourceFields(call)) {
    const text = (submitted[f.name] ?? '').trim();
    if (!text) continue;
    const old = before?.[f.name];
    const keep = old && old.text === text && !confirmed.includes(f.name);
    out[f.name] = { text, source: keep ? old.source : sourceHash(f.source) };
  }
  return out;
}

/** A text with the language it is written in. */
export interface Shown {
  text: string;
  lang: string;
}

/** The call's texts as a reader in one language sees them. */
export interface ShownCall {
  title: Shown;
  text: Shown;
  question: (id: string) => Shown;
  stopText: (id: string) => Shown;
  document: (id: string) => Shown;
  documentHint: (id: string) => Shown;
}

/**
 * The one place that decides what a reader in `lang` sees of a call: the translation into `lang`
 * where it has the field (outdated or not: the officer is told, the reader keeps the translation
 * until it is redone), otherwise the German.
 */
export function shownCall(
  call: CallTexts,
  translation: { locale: string; fields: Record<string, TranslatedField> } | undefined,
  lang: string,
): ShownCall {
  const fields = translation && translation.locale === lang ? translation.fields : {};
  const pick = (name: string, german: string): Shown => {
    const t = fields[name]?.text;
    return t ? { text: t, lang } : { text: german, lang: 'de' };
  };
  const question = new Map(call.eligibility.map((q) => [q.id, q]));
  const document = new Map(call.requiredDocuments.map((d) => [d.id, d]));
  return {
    title: pick('title', call.title),
    text: pick('text', call.text),
    question: (id) => pick(`question-${id}`, question.get(id)?.question ?? ''),
    stopText: (id) => pick(`stopText-${id}`, question.get(id)?.stopText ?? ''),
    document: (id) => pick(`document-${id}`, document.get(id)?.label ?? ''),
    documentHint: (id) => pick(`documentHint-${id}`, document.get(id)?.hint ?? ''),
  };
}

/** The German of a call, as a reader sees a call that has no translation into their language. */
export const germanCall = (call: CallTexts): ShownCall => shownCall(call, undefined, 'de');
