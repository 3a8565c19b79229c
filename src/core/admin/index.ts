// Owns no tables: the administration pages read the audit log, the outbox, the editable texts and
// the accounts through their owners' functions. The older admin.* permissions are declared by the
// accounts manifest; managing people is declared here, beside its pages.
import { hasRole } from '../auth/permissions';
import type { ModuleManifest } from '../modules';
import { adminRoutes } from './admin.routes';
import { peopleRoutes } from './people.routes';

export const adminModule: ModuleManifest = {
  name: 'admin',
  routes(app, deps) {
    adminRoutes(app, deps);
    peopleRoutes(app, deps);
  },
  permissions: {
    'admin.people.manage': (user) => hasRole(user, 'admin'),
  },
};
