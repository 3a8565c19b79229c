// Owns organisations (carriers, migrant organisations, municipalities, councils as bodies) and
// which people work for them. Other modules read organisations only through ./api.ts.
// Declares the administration's organisation pages and the organisation scope of carrier staff.
import { hasRole } from '../../core/auth/permissions';
import type { ModuleManifest } from '../../core/modules';
import { MANAGE_ORGANISATIONS, organisationRoutes } from './organisations.routes';
import { listOrganisationScopes } from './organisations.store';

export const networkModule: ModuleManifest = {
  name: 'network',
  routes: organisationRoutes,
  permissions: {
    [MANAGE_ORGANISATIONS]: (user) => hasRole(user, 'admin'),
  },
  // a carrier's staff work for one organisation each (see organisationIdsOf)
  roleScopes: [{ kind: 'organisation', roles: ['carrierStaff'], list: listOrganisationScopes }],
};
