export { createCaseState, findOpenTasks, isTaskOpen, ROOT_TOKEN } from './case-state.ts';
export { decide } from './decide.ts';
export {
  type CanMigrateResult,
  canMigrate,
  type MigrateCaseResult,
  migrateCaseState,
} from './migrate-case.ts';
export type * from './types.ts';
