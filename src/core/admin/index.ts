// Owns no tables: the administration pages read the audit log, the outbox and the editable texts
// through their owners' functions. Permissions are declared by the accounts manifest.
import type { ModuleManifest } from '../modules';
import { adminRoutes } from './admin.routes';

export const adminModule: ModuleManifest = { name: 'admin', routes: adminRoutes };
