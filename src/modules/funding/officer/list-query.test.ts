// The officer's search box: a whole case number jumps to its application only when nothing else
// could be meant (one hit, first page, no other filter).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactCaseNumberHit, readApplicationQuery } from './list-query';

const rows = [
  { id: 'a', caseNumber: 'MO-2026-0001' },
  { id: 'b', caseNumber: 'MO-2026-0010' },
  { id: 'c', caseNumber: null },
];

test('a whole case number, in any case and with spaces around it, opens its application', () => {
  assert.equal(exactCaseNumberHit(readApplicationQuery({ q: ' mo-2026-0001 ' }), rows), 'a');
});

test('a part of a number, another filter or a later page lists instead', () => {
  assert.equal(exactCaseNumberHit(readApplicationQuery({ q: 'MO-2026-00' }), rows), undefined);
  assert.equal(exactCaseNumberHit(readApplicationQuery({ q: 'MO-2026-0001', status: 'approved' }), rows), undefined);
  assert.equal(exactCaseNumberHit(readApplicationQuery({ q: 'MO-2026-0001', page: '2' }), rows), undefined);
  assert.equal(exactCaseNumberHit(readApplicationQuery({ q: '' }), rows), undefined);
});
