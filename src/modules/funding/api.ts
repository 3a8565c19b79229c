// The funding module's one importable surface (ADR 0009): other modules, core, the CLI, the
// manifests and the benchmarks import from here and nowhere else in this folder. Add an export only
// when code outside the module needs it; tests may still reach inside for assertions.

export type {
  ApplicationDecided,
  ApplicationSubmitted,
  FundingEvent,
  GrantApproved,
} from './events';
export { grantWorkspaceSeed } from './grants/grants.store';
export { fundingModule } from './index';
export { createCall, createProgramme } from './programmes/programmes.store';
