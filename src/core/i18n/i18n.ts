// Catalogs live in locales/<lang>/<namespace>.json and are loaded once at start: the namespaces core
// owns, and those the manifests declare in `locales` (useModuleLocales). German is the source
// language; namespaces read by participants must exist in all six languages.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';

export const languages = ['de', 'en', 'tr', 'ar', 'uk', 'ru'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'de';
const rtl = new Set<Lang>(['ar']);

/** The namespaces core owns; every other one belongs to the manifest that declares it in `locales`. */
export const coreNamespaces = ['common', 'auth', 'mail', 'admin'];
/** Namespaces that participants and the public read: complete in every language. */
export const participantNamespaces = ['common', 'auth', 'mail'];
/**
 * Sections of every other namespace that everyone reads, so complete in every language too: menu
 * entries (`nav`), role names (`role`) and mail templates (`mail`, each with `subject` and `body`).
 */
export const everyLanguageSections = ['nav', 'role', 'mail'];
/** Namespaces for staff only: complete in German and English. */
export const staffLanguages: Lang[] = ['de', 'en'];

export const localesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../locales');

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The language of a page linked for a person (a mail's link): their own, German when theirs is not
 * one of the six. Participants' and carriers' pages exist in all six; staff pages in another
 * language than German or English say so and link to both (core/http/staff-language.tsx).
 */
export function pageLanguage(language: string | null | undefined): Lang {
  return isLang(language) ? language : defaultLang;
}

export function dirOf(lang: Lang): 'ltr' | 'rtl' {
  return rtl.has(lang) ? 'rtl' : 'ltr';
}

export type Translate = TFunction;

/**
 * The given namespaces' catalogs, by language and namespace. German is the source, so a namespace
 * without a German file is a mistake in the manifest that declares it; other languages may lack one.
 */
export function loadCatalogs(namespaces: readonly string[], dir = localesDir): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const ns of namespaces)
    if (!existsSync(join(dir, defaultLang, `${ns}.json`)))
      throw new Error(`The namespace "${ns}" has no German catalog (locales/${defaultLang}/${ns}.json)`);
  for (const lang of languages) {
    const own: Record<string, unknown> = {};
    resources[lang] = own;
    for (const ns of namespaces) {
      const file = join(dir, lang, `${ns}.json`);
      if (existsSync(file)) own[ns] = JSON.parse(readFileSync(file, 'utf8'));
    }
  }
  return resources;
}

let moduleNamespaces: string[] = [];
const translators = new Map<Lang, Translate>();

/**
 * Loads the namespaces the manifests declare (`locales: ['funding']`) beside core's. The app calls
 * it when it is built and the CLI before a command runs; until then only core's words are known.
 */
export function useModuleLocales(modules: readonly { name: string; locales?: string[] }[]) {
  const declared = [...new Set(modules.flatMap((m) => m.locales ?? []))];
  const taken = declared.filter((ns) => coreNamespaces.includes(ns));
  if (taken.length) throw new Error(`A module declares core's namespace ${taken.join(', ')}`);
  if (declared.join() === moduleNamespaces.join()) return;
  moduleNamespaces = declared;
  ready = false;
  translators.clear();
}

/** Every namespace loaded: core's, then the manifests'. */
export const loadedNamespaces = (): string[] => [...coreNamespaces, ...moduleNamespaces];

let instance = i18next.createInstance();
let ready = false;

function ensureReady() {
  if (ready) return;
  const namespaces = loadedNamespaces();
  const resources = loadCatalogs(namespaces);
  instance = i18next.createInstance();
  instance.init({
    initAsync: false,
    resources: resources as never,
    lng: defaultLang,
    // staff pages fall back to English, then German, rather than showing a raw key
    fallbackLng: { default: ['en', 'de'], en: ['de'], de: [] },
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // preact escapes on render
    returnNull: false,
  });
  ready = true;
}

// Option names i18next reads itself (plural, context, fallbacks …): a message with a placeholder
// of one of these names always goes through i18next.
const i18nextOptions = new Set([
  'count',
  'context',
  'ordinal',
  'defaultValue',
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keyPrefix',
  'replace',
  'interpolation',
  'postProcess',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'keySeparator',
  'nsSeparator',
  'skipInterpolation',
  'nest',
]);

/** A message cut at its placeholders (literal, name, literal, name, …, literal) and how many names it has. */
type Cut = { parts: string[]; names: number } | null;
const placeholderSplit = /\{\{\s*(\w+)\s*\}\}/;
// only `{{name}}` placeholders: no unescaped `{{- x}}`, no `{{x, format}}`, no `$t(…)` nesting
const plainMessage = /^(?:[^{}$]|\{\{\s*\w+\s*\}\})*$/;

function cut(message: unknown): Cut {
  if (typeof message !== 'string' || !plainMessage.test(message)) return null;
  const parts = message.split(placeholderSplit);
  const names = new Set(parts.filter((_, i) => i % 2 === 1));
  for (const name of names) if (i18nextOptions.has(name)) return null;
  return { parts, names: names.size };
}

/**
 * A translate function for one language. Keys without options are memoised: a page asks for the
 * same fifty labels on every request, and i18next's lookup is the costliest part of rendering.
 * A message whose placeholders are plain `{{name}}`, asked for with exactly those values as
 * strings or numbers, is filled here from the message i18next found once (with i18next's
 * defaults, skipOnVariables and escapeValue off, that is what i18next would write: each value
 * as it is, never read again for placeholders or nesting); anything else goes to i18next.
 */
export function translator(lang: Lang): Translate {
  let t = translators.get(lang);
  if (t) return t;
  ensureReady();
  const fixed = instance.getFixedT(lang);
  const memo = new Map<string, string>();
  const cuts = new Map<string, Cut>();
  t = ((key: string | string[], options?: unknown) => {
    if (typeof key !== 'string') return fixed(key as unknown as string, options as never);
    if (options !== undefined) {
      let c = cuts.get(key);
      if (c === undefined) {
        c = cut(fixed(key, { skipInterpolation: true } as never));
        cuts.set(key, c);
      }
      const filled = c && fill(c, options);
      return filled ?? fixed(key, options as never);
    }
    let value = memo.get(key);
    if (value === undefined) {
      value = fixed(key) as string;
      memo.set(key, value);
    }
    return value;
  }) as Translate;
  translators.set(lang, t);
  return t;
}

/** The message with the values in its placeholders, or null if the options are not just those values. */
function fill({ parts, names }: { parts: string[]; names: number }, options: unknown): string | null {
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype)
    return null;
  const values = options as Record<string, unknown>;
  let given = 0;
  for (const _name in values) given++;
  // an option the message does not name may be one i18next reads (count, context, lng …)
  if (given !== names) return null;
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    if (!Object.hasOwn(values, name)) return null;
    const v = values[name];
    if (typeof v !== 'string' && typeof v !== 'number') return null;
    out += String(v) + parts[i + 1];
  }
  return out;
}

/** Picks the best supported language from an Accept-Language header. */
export function negotiate(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.split('=')[1]) : 1 };
    })
    .filter((x) => x.tag && !Number.isNaN(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLang(base)) return base;
  }
  return undefined;
}
