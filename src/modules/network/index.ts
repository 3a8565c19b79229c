// Owns organisations (carriers, migrant organisations, municipalities, councils as bodies) and
// which people work for them. Other modules read organisations only through the functions below.
// Declares the organisation scope of carrier staff.
import type { ModuleManifest } from '../../core/modules';
import { listOrganisationScopes } from './organisations.store';

export {
  createOrganisation,
  getOrganisation,
  getOrganisations,
  listOrganisationScopes,
  listOrganisations,
  type Organisation,
  organisationIdsOf,
  searchOrganisations,
  setOrganisationDisabled,
  updateOrganisation,
} from './organisations.store';

export const networkModule: ModuleManifest = {
  name: 'network',
  // a carrier's staff work for one organisation each (see organisationIdsOf)
  roleScopes: [{ kind: 'organisation', roles: ['carrierStaff'], list: listOrganisationScopes }],
};
