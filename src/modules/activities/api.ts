// The activities module's one importable surface (ADR 0009).
export { activitiesModule } from './index';
export { workspaceOfGrant } from './workspace/workspace.store';
