import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseCodeOf, caseNumberPatternIssues, defaultCaseNumberPattern, formatCaseNumber } from './case-number';

test('the default pattern gives programme code, year and a four-digit number', () => {
  assert.equal(
    formatCaseNumber(defaultCaseNumberPattern, { programme: 'MIP', year: 2026, number: 7 }),
    'MIP-2026-0007',
  );
  assert.equal(
    formatCaseNumber(defaultCaseNumberPattern, { programme: 'MIP', year: 2026, number: 12345 }),
    'MIP-2026-12345',
  );
});

test('other patterns: an unpadded number, literal text, the year anywhere', () => {
  assert.equal(formatCaseNumber('Z 3 – {year}/{number}', { programme: 'X', year: 2027, number: 3 }), 'Z 3 – 2027/3');
  assert.equal(
    formatCaseNumber('{number:2}.{programme}.{year}', { programme: 'AB', year: 2026, number: 1 }),
    '01.AB.2026',
  );
});

test('the code is the one given, else the initials of the title', () => {
  assert.equal(caseCodeOf({ caseCode: ' IQ ', title: 'egal' }), 'IQ');
  assert.equal(caseCodeOf({ caseCode: '', title: 'Modellprojekte Integration vor Ort' }), 'MIVO');
  assert.equal(caseCodeOf({ caseCode: '', title: 'Über-regionale Ämter' }), 'URA');
  assert.equal(caseCodeOf({ caseCode: '', title: '–' }), 'FP');
});

test('a pattern needs the number once and the year, and nothing unknown', () => {
  assert.deepEqual(caseNumberPatternIssues(defaultCaseNumberPattern), []);
  assert.deepEqual(caseNumberPatternIssues('{year}/{number}'), []);
  assert.equal(caseNumberPatternIssues('{programme}-{year}')[0]?.key, 'funding:notices.patternNumber');
  assert.equal(caseNumberPatternIssues('{number}-{number}-{year}')[0]?.key, 'funding:notices.patternNumber');
  assert.equal(caseNumberPatternIssues('{programme}-{number}')[0]?.key, 'funding:notices.patternYear');
  assert.equal(caseNumberPatternIssues('{foo}-{year}-{number}')[0]?.key, 'funding:notices.patternInvalid');
  assert.equal(caseNumberPatternIssues(`${'x'.repeat(61)}{year}{number}`)[0]?.key, 'funding:notices.patternInvalid');
});

test('every number gives a different case number (same programme and year)', () => {
  const seen = new Set<string>();
  for (let n = 1; n <= 20000; n++)
    seen.add(formatCaseNumber('{programme}{year}{number:4}', { programme: 'A', year: 2026, number: n }));
  assert.equal(seen.size, 20000);
});
