// Owns organisations (carriers, migrant organisations, municipalities, councils as bodies) and
// which people work for them. Other modules read organisations only through ./api.ts.
// Declares the administration's organisation pages and the organisation scope of carrier staff.
import type { ModuleManifest } from '../../core/modules';
import { networkDemo } from './demo';
import { directoryRoutes } from './directory/directory.routes';
import { partnerRoutes } from './matching/partners.routes';
import { myOrganisationRoutes } from './my-organisation.routes';
import { organisationRoutes } from './organisations.routes';
import { listOrganisationScopes } from './organisations.store';
import { networkPermissions } from './permissions';
import { networkPersonalData } from './personal-data';

export const networkModule: ModuleManifest = {
  name: 'network',
  routes: (app, deps) => {
    organisationRoutes(app, deps);
    myOrganisationRoutes(app, deps);
    directoryRoutes(app, deps);
    partnerRoutes(app, deps);
  },
  navigation: [
    { path: '/organisation', labelKey: 'network:nav.organisation', permission: 'organisation.ownArea' },
    // the public directory: only organisations that opted in
    { path: '/organisations', labelKey: 'network:nav.directory' },
  ],
  permissions: networkPermissions,
  personalData: networkPersonalData,
  demo: networkDemo,
  locales: ['network'],
  roles: [
    // a carrier's staff work for one organisation each (see organisationIdsOf)
    { name: 'carrierStaff', labelKey: 'network:role.carrierStaff', staff: true, scopeKind: 'organisation' },
  ],
  roleScopes: [
    {
      kind: 'organisation',
      labelKey: 'network:roleScope.organisation.name',
      neededKey: 'network:roleScope.organisation.needed',
      list: listOrganisationScopes,
    },
  ],
  adminPages: [
    {
      path: '/admin/organisations',
      titleKey: 'network:organisations.title',
      textKey: 'network:admin.homeText',
      permission: 'admin.organisations.manage',
    },
  ],
};
