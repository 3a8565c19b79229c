// Catalogs live in locales/<lang>/<namespace>.json and are loaded once at start.
// German is the source language; namespaces read by participants must exist in all six languages.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';

export const languages = ['de', 'en', 'tr', 'ar', 'uk', 'ru'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'de';
const rtl = new Set<Lang>(['ar']);

/** Namespaces that participants and the public read: complete in every language. */
export const participantNamespaces = ['common', 'auth', 'mail'];
/** Namespaces for staff only: complete in German and English. */
export const staffLanguages: Lang[] = ['de', 'en'];

export const localesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../locales');

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function dirOf(lang: Lang): 'ltr' | 'rtl' {
  return rtl.has(lang) ? 'rtl' : 'ltr';
}

export type Translate = TFunction;

export function loadCatalogs(dir = localesDir): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lang of languages) {
    resources[lang] = {};
    let files: string[] = [];
    try {
      files = readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const file of files) {
      resources[lang][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, lang, file), 'utf8'));
    }
  }
  return resources;
}

const instance = i18next.createInstance();
let ready = false;

function ensureReady() {
  if (ready) return;
  const resources = loadCatalogs();
  const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];
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

const translators = new Map<Lang, Translate>();

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
