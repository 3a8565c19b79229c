// Owns organisations (carriers, migrant organisations, municipalities, councils as bodies) and
// which people work for them. Other modules read organisations only through the functions below.
// This first part serves funding; partnerships and matching come with the network issue.
import type { ModuleManifest } from '../../core/modules';

export {
  createOrganisation,
  getOrganisation,
  getOrganisations,
  listOrganisations,
  type Organisation,
  organisationIdsOf,
} from './organisations.store';

export const networkModule: ModuleManifest = {
  name: 'network',
};
