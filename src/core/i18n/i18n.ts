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

/**
 * A translate function for one language. Keys without options are memoised: a page asks for
 * the same fifty labels on every request, and i18next's lookup is the costliest part of rendering.
 */
export function translator(lang: Lang): Translate {
  let t = translators.get(lang);
  if (t) return t;
  ensureReady();
  const fixed = instance.getFixedT(lang);
  const memo = new Map<string, string>();
  t = ((key: string | string[], options?: unknown) => {
    if (options !== undefined || typeof key !== 'string') return fixed(key as string, options as never);
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
