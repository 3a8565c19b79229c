import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  callSourceFields,
  fieldState,
  fieldsToStore,
  germanCall,
  shownCall,
  sourceHash,
  translationState,
} from './call-translation-rules';

const call = {
  title: 'Gemeinsam vor Ort',
  text: '## Worum es geht\n\nKooperationen.',
  eligibility: [
    { id: 'nonprofit', question: 'Gemeinnützig?', stopText: 'Nur gemeinnützige Träger.' },
    { id: 'partner', question: 'Mit Partner?', stopText: '' },
  ],
  requiredDocuments: [{ id: 'statute', label: 'Satzung', types: ['pdf'], maxMegabytes: 5 }],
};

describe('the texts of a call that can be translated', () => {
  test('a document’s hint for the carrier is a text of its own, shown translated where it is', () => {
    const withHint = {
      ...call,
      requiredDocuments: [{ ...call.requiredDocuments[0]!, hint: 'Die aktuell gültige Fassung.' }],
    };
    assert.deepEqual(
      callSourceFields(withHint)
        .slice(-2)
        .map((f) => [f.name, f.kind, f.n]),
      [
        ['document-statute', 'document', 1],
        ['documentHint-statute', 'documentHint', 1],
      ],
    );
    const tr = { locale: 'tr', fields: { 'documentHint-statute': { text: 'Geçerli sürüm.', source: 'x' } } };
    assert.deepEqual(shownCall(withHint, tr, 'tr').documentHint('statute'), { text: 'Geçerli sürüm.', lang: 'tr' });
    assert.deepEqual(shownCall(withHint, tr, 'uk').documentHint('statute'), {
      text: 'Die aktuell gültige Fassung.',
      lang: 'de',
    });
  });

  test('title, body, questions with their stop texts and document labels, in the order shown; empty German left out', () => {
    assert.deepEqual(
      callSourceFields(call).map((f) => [f.name, f.kind, f.n]),
      [
        ['title', 'title', undefined],
        ['text', 'text', undefined],
        ['question-nonprofit', 'question', 1],
        ['stopText-nonprofit', 'stopText', 1],
        ['question-partner', 'question', 2],
        ['document-statute', 'document', 1],
      ],
    );
    assert.deepEqual(
      callSourceFields({ ...call, text: '  ', eligibility: [], requiredDocuments: [] }).map((f) => f.name),
      ['title'],
    );
  });
});

describe('what a save stores', () => {
  test('only the non-empty texts of fields the call has, each with the hash of its German', () => {
    const stored = fieldsToStore(call, { title: ' Yerinde Birlikte ', text: '', 'question-gone': 'x' }, undefined);
    assert.deepEqual(stored, { title: { text: 'Yerinde Birlikte', source: sourceHash('Gemeinsam vor Ort') } });
  });

  test('an unchanged text keeps the hash it had (still outdated) unless the officer confirms it', () => {
    const before = { title: { text: 'Yerinde Birlikte', source: sourceHash('Alter Titel') } };
    const kept = fieldsToStore(call, { title: 'Yerinde Birlikte' }, before);
    assert.equal(kept.title?.source, sourceHash('Alter Titel'));
    const confirmed = fieldsToStore(call, { title: 'Yerinde Birlikte' }, before, ['title']);
    assert.equal(confirmed.title?.source, sourceHash('Gemeinsam vor Ort'));
    const changed = fieldsToStore(call, { title: 'Yerinde Birlikte 2' }, before);
    assert.equal(changed.title?.source, sourceHash('Gemeinsam vor Ort'));
  });
});

describe('the state of a translation', () => {
  const all = fieldsToStore(
    call,
    Object.fromEntries(callSourceFields(call).map((f) => [f.name, `tr: ${f.source}`])),
    undefined,
  );

  test('none, partial, complete', () => {
    assert.equal(translationState(call, undefined), 'none');
    assert.equal(translationState(call, {}), 'none');
    assert.equal(translationState(call, { title: all.title! }), 'partial');
    assert.equal(translationState(call, all), 'complete');
  });

  test('outdated once the German of a translated field changed, even if others are missing', () => {
    const changed = { ...call, title: 'Gemeinsam vor Ort 2027' };
    assert.equal(fieldState(callSourceFields(changed)[0]!, all), 'outdated');
    assert.equal(translationState(changed, all), 'outdated');
    assert.equal(translationState(changed, { title: all.title! }), 'outdated');
  });

  test('a field the call gained is missing: the translation is partial again', () => {
    const more = {
      ...call,
      requiredDocuments: [
        ...call.requiredDocuments,
        { id: 'budget', label: 'Haushaltsplan', types: ['pdf'], maxMegabytes: 5 },
      ],
    };
    assert.equal(translationState(more, all), 'partial');
  });
});

describe('what a reader sees', () => {
  const tr = {
    locale: 'tr',
    fields: {
      title: { text: 'Yerinde Birlikte', source: sourceHash('Gemeinsam vor Ort') },
      'question-nonprofit': { text: 'Kamu yararına mı?', source: 'outdated-hash' },
    },
  };

  test('the translation into the reader’s language where there is one, outdated or not', () => {
    const shown = shownCall(call, tr, 'tr');
    assert.deepEqual(shown.title, { text: 'Yerinde Birlikte', lang: 'tr' });
    assert.deepEqual(shown.question('nonprofit'), { text: 'Kamu yararına mı?', lang: 'tr' });
  });

  test('otherwise the German, marked as German', () => {
    const shown = shownCall(call, tr, 'tr');
    assert.deepEqual(shown.text, { text: call.text, lang: 'de' });
    assert.deepEqual(shown.stopText('nonprofit'), { text: 'Nur gemeinnützige Träger.', lang: 'de' });
    assert.deepEqual(shown.document('statute'), { text: 'Satzung', lang: 'de' });
  });

  test('a translation into another language is never shown', () => {
    assert.deepEqual(shownCall(call, tr, 'uk').title, { text: 'Gemeinsam vor Ort', lang: 'de' });
    assert.deepEqual(germanCall(call).title, { text: 'Gemeinsam vor Ort', lang: 'de' });
  });
});
