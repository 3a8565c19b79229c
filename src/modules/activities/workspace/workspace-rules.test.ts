import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eyeLevel } from './workspace-rules';

test('eye level: the migrant organisations’ budget share and number among the partners', () => {
  assert.deepEqual(
    eyeLevel([
      { isMigrantOrganisation: false, budgetShareBp: 5500 },
      { isMigrantOrganisation: true, budgetShareBp: 3000 },
      { isMigrantOrganisation: true, budgetShareBp: 1500 },
    ]),
    { migrantOrganisationShareBp: 4500, migrantOrganisations: 2, partners: 3 },
  );
  assert.deepEqual(eyeLevel([]), { migrantOrganisationShareBp: 0, migrantOrganisations: 0, partners: 0 });
});
