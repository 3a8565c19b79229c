// Carrier-facing pages exist in all six languages (issue 9), so the words they are made of do too:
// every message of the German funding and common catalogs is in Turkish, Arabic, Ukrainian and
// Russian, a counted one with every plural form the language has. The test names what is missing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { localesDir } from '../src/core/i18n/i18n';

const carrierLanguages = ['tr', 'ar', 'uk', 'ru'] as const;
const pluralForm = /_(zero|one|two|few|many|other)$/;

function read(lang: string, ns: string): unknown {
  try {
    return JSON.parse(readFileSync(join(localesDir, lang, `${ns}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

function leaves(obj: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof obj !== 'object' || obj === null) {
    out.set(prefix, obj);
    return out;
  }
  for (const [k, v] of Object.entries(obj))
    for (const [p, x] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, x);
  return out;
}

/** The keys of `ns` that German has and `lang` lacks (or leaves empty); a counted key per missing plural form. */
function missingKeys(ns: string, lang: string): string[] {
  const german = leaves(read('de', ns));
  const own = leaves(read(lang, ns));
  const has = (key: string) => {
    const v = own.get(key);
    return typeof v === 'string' && v.trim() !== '';
  };
  const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
  const missing = new Set<string>();
  for (const key of german.keys()) {
    const m = pluralForm.exec(key);
    if (!m) {
      if (!has(key)) missing.add(key);
      continue;
    }
    const base = key.slice(0, m.index);
    for (const form of forms) if (!has(`${base}_${form}`)) missing.add(`${base}_${form}`);
  }
  return [...missing];
}

function report(ns: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const lang of carrierLanguages) {
    const missing = missingKeys(ns, lang);
    if (missing.length) out[`${lang}/${ns}.json (${missing.length} missing)`] = missing;
  }
  return out;
}

describe('the carrier’s words in every language', () => {
  test('every key of locales/de/common.json is in tr, ar, uk and ru', () => {
    assert.deepEqual(report('common'), {});
  });

  test('every key of locales/de/funding.json is in tr, ar, uk and ru', () => {
    assert.deepEqual(report('funding'), {});
  });

  test('the check finds a missing key and a missing plural form', () => {
    // the Arabic plural forms of a counted common message are all there, and a made-up language has none
    assert.deepEqual(
      missingKeys('common', 'ar').filter((k) => k.startsWith('form.errorSummary')),
      [],
    );
    const none = missingKeys('common', 'xx');
    assert.ok(none.includes('staffOnly.title'));
    assert.ok(none.includes('form.errorSummary_other'));
  });
});
