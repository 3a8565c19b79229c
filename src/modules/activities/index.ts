// Activities: what the partners of a funded project do together (issue 10). This first step opens
// each approved grant's workspace with its partners and shows it to the carrier's staff; seminars/
// holds qualification seminars with public registration, waiting list, attendance and certificates.
// Mentoring, consultations and events follow in subject folders beside them.
import type { ModuleManifest } from '../../core/modules';
import { importParticipantsCommand } from './commands';
import { consultationRoutes } from './consultations/consultations.routes';
import { activitiesDemo } from './demo';
import { mentoringRoutes } from './mentoring/mentoring.routes';
import { activitiesPermissions } from './permissions';
import { activitiesPersonalData } from './personal-data';
import { moveUpMail, registrationMail } from './seminars/seminar-mails';
import { seminarRoutes } from './seminars/seminars.routes';
import { openWorkspaceOnApproval } from './workspace/open-workspace';
import { workspaceRoutes } from './workspace/workspace.routes';

export const activitiesModule: ModuleManifest = {
  name: 'activities',
  locales: ['activities'],
  routes: (app, deps) => {
    workspaceRoutes(app, deps);
    seminarRoutes(app, deps);
    consultationRoutes(app, deps);
    mentoringRoutes(app, deps);
  },
  navigation: [
    { path: '/projects', labelKey: 'activities:nav.projects', permission: 'project.list' },
    { path: '/seminars', labelKey: 'activities:nav.seminars' },
  ],
  permissions: activitiesPermissions,
  subscribers: [openWorkspaceOnApproval, registrationMail, moveUpMail],
  demo: activitiesDemo,
  personalData: activitiesPersonalData,
  commands: [importParticipantsCommand],
};
