// The activities module's one importable surface (ADR 0009).
export { activitiesModule } from './index';
export type { ActivityCounts } from './seminars/seminar-counts';
export { projectActivityCounts } from './seminars/seminars.store';
export { workspaceOfGrant } from './workspace/workspace.store';
