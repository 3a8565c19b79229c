// Row types shared by rules and views, without pulling the stores into pure code.
import type { applications, calls, programmes } from './schema';

export type Programme = typeof programmes.$inferSelect;
export type Call = typeof calls.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type { ApplicationContent, Milestone, Partner, StoredPlan } from './schema';
