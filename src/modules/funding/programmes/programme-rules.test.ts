// A programme's settings that belong together.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programmeFormIssues } from './programme-rules';

test('a fixed-amount programme names its amount; other financing types need none', () => {
  assert.deepEqual(programmeFormIssues({ financingType: 'fixed' }), [
    { field: 'fixedAmount', key: 'funding:validation.fixedAmountNeeded' },
  ]);
  assert.deepEqual(programmeFormIssues({ financingType: 'fixed', fixedAmount: 0 }), []);
  assert.deepEqual(programmeFormIssues({ financingType: 'deficit' }), []);
});
