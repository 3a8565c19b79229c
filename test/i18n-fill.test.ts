// The translate function fills plain messages itself; what it writes must be what i18next writes,
// for every message of every catalog, with values that look like placeholders, nesting or
// replacement patterns, and with options i18next reads itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languages, loadCatalogs, loadedNamespaces, translator, useModuleLocales } from '../src/core/i18n/i18n';
import { manifests } from '../src/manifests';

useModuleLocales(manifests);

/** Every message key of a catalog ("ns:a.b.c") with its text. */
function* messages(ns: string, tree: unknown, prefix = ''): Generator<[string, string]> {
  if (typeof tree === 'string') yield [`${ns}:${prefix}`, tree];
  else if (tree && typeof tree === 'object')
    for (const [k, v] of Object.entries(tree)) yield* messages(ns, v, prefix ? `${prefix}.${k}` : k);
}

/** Options i18next gets as they are: an object without Object.prototype is never filled by translator. */
const throughI18next = (o: Record<string, unknown>) => Object.assign(Object.create(null), o);

const odd = ['$&', "$1 $' $`", '{{title}}', '$t(common:site.name)', '<b>"&"</b>', 'ä – ü', 42, 0.5, 0];

test('filled messages read exactly as i18next fills them, in every language', () => {
  const catalogs = loadCatalogs(loadedNamespaces());
  let compared = 0;
  for (const lang of languages) {
    const t = translator(lang);
    for (const [ns, tree] of Object.entries(catalogs[lang] ?? {})) {
      for (const [key, text] of messages(ns, tree)) {
        const names = [...new Set([...text.matchAll(/\{\{-?\s*(\w+)/g)].map((m) => m[1] as string))];
        for (const [i, value] of odd.entries()) {
          const options = Object.fromEntries(names.map((n, j) => [n, odd[(i + j) % odd.length] ?? value]));
          assert.equal(t(key, options), t(key, throughI18next(options)), `${lang} ${key} ${JSON.stringify(options)}`);
          compared++;
        }
        // a value missing, one too many, or one of i18next's own options: the same as i18next too
        const first = names[0];
        if (first) {
          const missing = Object.fromEntries(names.slice(1).map((n) => [n, 'x']));
          assert.equal(t(key, missing), t(key, throughI18next(missing)), `${lang} ${key} missing`);
        }
        for (const extra of [{ count: 2 }, { lng: 'en' }, { defaultValue: 'd' }, { context: 'x' }]) {
          const options = { ...Object.fromEntries(names.map((n) => [n, 'v'])), ...extra };
          assert.equal(t(key, options), t(key, throughI18next(options)), `${lang} ${key} ${JSON.stringify(extra)}`);
        }
      }
    }
  }
  assert.ok(compared > 1000, `compared ${compared}`);
});

test('a message asked for with its values is filled in, one without options comes from the memo', () => {
  const t = translator('de');
  assert.equal(t('common:form.errorTitle', { title: 'Antrag' }), 'Fehler: Antrag');
  assert.equal(t('common:form.errorTitle', { title: '{{title}}' }), 'Fehler: {{title}}');
  assert.equal(t('no:such.key', { x: 1 }), 'such.key');
});
