// Activities: what the partners of a funded project do together (issue 10). This first step opens
// each approved grant's workspace with its partners; seminars, mentoring, consultations and events
// come with the following steps, in subject folders beside workspace/.
import type { ModuleManifest } from '../../core/modules';
import { openWorkspaceOnApproval } from './workspace/open-workspace';

export const activitiesModule: ModuleManifest = {
  name: 'activities',
  subscribers: [openWorkspaceOnApproval],
};
