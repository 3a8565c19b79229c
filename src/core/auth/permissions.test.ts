import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModuleManifest } from '../modules';
import type { CurrentUser } from '../ui/context';
import { hasRole, makeCan } from './permissions';

const person = (roles: CurrentUser['roles']): CurrentUser => ({
  id: 'u1',
  email: 'a@b.de',
  name: 'A',
  language: 'de',
  roles,
});
const officerOf = (programme: string) =>
  person([{ role: 'programmeOfficer', scopeKind: 'programme', scopeId: programme }]);

const funding: ModuleManifest = {
  name: 'funding',
  permissions: {
    'programme.manage': (user, programme) => hasRole(user, 'programmeOfficer', 'programme', programme.id),
  },
};

test('a scoped role allows only its own scope', () => {
  const can = makeCan([funding]);
  assert.equal(can(officerOf('p1'), 'programme.manage', { id: 'p1' }), true);
  assert.equal(can(officerOf('p1'), 'programme.manage', { id: 'p2' }), false);
  assert.equal(can(null, 'programme.manage', { id: 'p1' }), false);
});

test('an action nobody declared is refused, even for administrators', () => {
  // the types let no undeclared action through; a name that comes as a string at run time still
  // finds no rule and is refused
  const can = makeCan([funding]) as (user: CurrentUser | null, action: string, resource?: unknown) => boolean;
  assert.equal(can(person([{ role: 'admin', scopeKind: '', scopeId: '' }]), 'made.up', {}), false);
  assert.equal(
    can(person([{ role: 'admin', scopeKind: '', scopeId: '' }]), 'account.edit'),
    false,
    'declared by no manifest given',
  );
});

test('two manifests declaring the same action is a start-up error', () => {
  assert.throws(() => makeCan([funding, { ...funding, name: 'copy' }]), /declared twice/);
});
