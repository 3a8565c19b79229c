// Owns programmes and calls (./schema.ts); applications, reviews, decisions, grants and reports
// follow. Declares the officers' pages, the public call pages and who may manage which programme.
import type { ModuleManifest } from '../../core/modules';
import { applicationRoutes } from './applications/applications.routes';
import { calendarRoutes } from './calendar/calendar.routes';
import { changeRoutes } from './changes/changes.routes';
import { importReceiptsCommand } from './commands';
import { continuationRoutes } from './continuations/continuations.routes';
import { decisionRoutes } from './decisions/decisions.routes';
import { fundingDemo } from './demo';
import { grantRoutes } from './grants/grants.routes';
import { sendUnspentMoneyMails } from './grants/unspent-mail';
import { historyRoutes } from './history/history.routes';
import { messageRoutes } from './messages/messages.routes';
import { moneyBackRoutes } from './money-back/money-back.routes';
import { authorityRoutes } from './notices/authority.routes';
import { officerRoutes } from './officer/officer.routes';
import { partnerConfirmationRoutes } from './partner-confirmations/partner-confirmations.routes';
import { fundingPermissions } from './permissions';
import { fundingPersonalData } from './personal-data';
import { callTranslationRoutes } from './programmes/call-translations.routes';
import { programmeRoutes } from './programmes/programmes.routes';
import { listProgrammeScopes } from './programmes/programmes.store';
import { sendOverdueReportReminders } from './reports/overdue-reminders';
import { sendReportReminders } from './reports/reminders';
import { reportRoutes } from './reports/reports.routes';
import { reviewRoutes } from './reviews/reviews.routes';
import { fundingSubscribers } from './subscribers';
import { withdrawalRoutes } from './withdrawals/withdrawals.routes';

export const fundingModule: ModuleManifest = {
  name: 'funding',
  locales: ['funding'],
  roles: [
    // programme officers work for one programme each (see permissions.ts)
    { name: 'programmeOfficer', labelKey: 'funding:role.programmeOfficer', staff: true, scopeKind: 'programme' },
    { name: 'reviewer', labelKey: 'funding:role.reviewer', staff: true },
  ],
  roleScopes: [
    {
      kind: 'programme',
      labelKey: 'funding:roleScope.programme.name',
      neededKey: 'funding:roleScope.programme.needed',
      list: listProgrammeScopes,
    },
  ],
  routes(app, deps) {
    programmeRoutes(app, deps);
    callTranslationRoutes(app, deps);
    applicationRoutes(app, deps);
    reviewRoutes(app, deps);
    decisionRoutes(app, deps);
    grantRoutes(app, deps);
    changeRoutes(app, deps);
    reportRoutes(app, deps);
    moneyBackRoutes(app, deps);
    officerRoutes(app, deps);
    withdrawalRoutes(app, deps);
    authorityRoutes(app, deps);
    historyRoutes(app, deps);
    calendarRoutes(app, deps);
    messageRoutes(app, deps);
    partnerConfirmationRoutes(app, deps);
    continuationRoutes(app, deps);
  },
  permissions: fundingPermissions,
  personalData: fundingPersonalData,
  demo: fundingDemo,
  commands: [importReceiptsCommand],
  subscribers: fundingSubscribers,
  jobs: {
    'funding.reportReminders': async (_payload, deps) => {
      await sendReportReminders(deps);
    },
    'funding.unspentMoney': async (_payload, deps) => {
      await sendUnspentMoneyMails(deps);
    },
    'funding.overdueReports': async (_payload, deps) => {
      await sendOverdueReportReminders(deps);
    },
  },
  schedules: [
    { kind: 'funding.reportReminders', every: 'day' },
    { kind: 'funding.unspentMoney', every: 'day' },
    { kind: 'funding.overdueReports', every: 'day' },
  ],
  navigation: [
    { path: '/calls', labelKey: 'funding:nav.calls' },
    { path: '/applications', labelKey: 'funding:nav.applications', permission: 'funding.carrierArea' },
    { path: '/grants', labelKey: 'funding:nav.grants', permission: 'funding.carrierArea' },
    { path: '/reviews', labelKey: 'funding:nav.reviews', permission: 'funding.reviewerArea' },
    { path: '/funding', labelKey: 'funding:nav.funding', permission: 'funding.officerArea' },
    {
      path: '/funding/applications',
      labelKey: 'funding:officerTools.nav.applications',
      permission: 'funding.officerArea',
    },
    { path: '/funding/payments', labelKey: 'funding:officerTools.nav.payments', permission: 'funding.officerArea' },
    {
      path: '/funding/continuations',
      labelKey: 'funding:continuation.nav',
      permission: 'funding.officerArea',
    },
    { path: '/funding/calendar', labelKey: 'funding:history.calendar.nav', permission: 'funding.officerArea' },
    { path: '/funding/inbox', labelKey: 'funding:nav.inbox', permission: 'funding.officerArea' },
    { path: '/funding/money-back', labelKey: 'funding:nav.moneyBack', permission: 'baseRate.add' },
    { path: '/funding/authority', labelKey: 'funding:notices.nav', permission: 'authority.edit' },
  ],
};
