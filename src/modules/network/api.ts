// The network module's one importable surface (ADR 0009): other modules, core, the CLI, the
// manifests and the benchmarks import from here and nowhere else in this folder. Add an export only
// when code outside the module needs it; tests may still reach inside for assertions.
export { networkModule } from './index';
// the one-to-one pairing that maximises total fit: activities pairs mentors and mentees with it
export { type Assignment, compareAssignment, optimalAssignment } from './matching/matching-rules';
export { electronicIban, groupedIban, isIban } from './organisation-rules';
export {
  createOrganisation,
  getOrganisation,
  getOrganisations,
  type Organisation,
  organisationIdsMatching,
  organisationIdsOf,
  organisationNames,
  updateOwnOrganisation,
} from './organisations.store';
