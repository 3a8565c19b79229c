// Activities: what the partners of a funded project do together (issue 10). This first step opens
// each approved grant's workspace with its partners and shows it to the carrier's staff; seminars,
// mentoring, consultations and events come with the following steps, in subject folders beside
// workspace/.
import type { ModuleManifest } from '../../core/modules';
import { activitiesPermissions } from './permissions';
import { openWorkspaceOnApproval } from './workspace/open-workspace';
import { workspaceRoutes } from './workspace/workspace.routes';

export const activitiesModule: ModuleManifest = {
  name: 'activities',
  locales: ['activities'],
  routes: (app, deps) => {
    workspaceRoutes(app, deps);
  },
  navigation: [{ path: '/projects', labelKey: 'activities:nav.projects', permission: 'project.list' }],
  permissions: activitiesPermissions,
  subscribers: [openWorkspaceOnApproval],
};
