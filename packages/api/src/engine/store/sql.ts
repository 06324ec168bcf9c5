import { cases, tasks } from '../../db/schema.ts';
import { type ColumnKey, selectListOf } from './columns.ts';

/**
 * The engine's reads, written by hand: they run on every task command, so they are constant text
 * (prepared once per connection) with positional parameters. Their select lists come from the
 * drizzle schema and return rows keyed like drizzle's (`nodeId`), so the row types below are the
 * schema's row types; only timestamps differ (the raw drivers may give a Date or text).
 */

const CASE_READ = [
  'id',
  'agencyId',
  'sopId',
  'versionId',
  'status',
  'engineState',
  'completedAt',
  'startedBy',
  'data',
  'revision',
] as const satisfies readonly ColumnKey<typeof cases>[];
const TASK_READ = [
  'id',
  'nodeId',
  'kind',
  'positionKey',
  'status',
  'attempt',
  'token',
  'claimedBy',
  'createdAt',
  'dueAt',
  'completedAt',
  'completedBy',
  'outcome',
  'note',
] as const satisfies readonly ColumnKey<typeof tasks>[];

/** A row as a raw driver returns it: timestamp columns `S` may come as a Date or as text. */
type DriverRow<T, K extends keyof T, S extends K> = { [P in K]: P extends S ? T[P] | Date : T[P] };

/** A case row as the engine reads it. */
export type CaseRow = DriverRow<typeof cases.$inferSelect, (typeof CASE_READ)[number], 'completedAt'>;
/** A task row as the engine reads it. */
export type TaskRow = DriverRow<
  typeof tasks.$inferSelect,
  (typeof TASK_READ)[number],
  'createdAt' | 'dueAt' | 'completedAt'
>;

const CASE_COLUMNS = selectListOf(cases, CASE_READ);
const TASK_COLUMNS = selectListOf(tasks, TASK_READ);

const caseOfTask = '(select case_id from tasks where id = $1::uuid and agency_id = $2::uuid)';

/**
 * $1 task id, $2 agency id: the task's case, locked, with its tasks as one JSON value read after
 * the lock is held (`alur_case_tasks`, migration 0011: a volatile function reads in a snapshot taken
 * when it is called, so a command that held the lock is seen). `tasks.live`: the tasks a command
 * can act on (open, claimed, or $1 itself) as arrays in `LIVE_TASK_FIELDS` order, in no particular
 * order (the caller sorts them by creation; migration 0013);
 * `tasks.done`: the steps of the finished rest, which only count visits (`earlierVisits`). One
 * statement where there were two, and no per-row decoding of a history that grows by a task per step.
 */
export const LOCK_CASE_WITH_TASKS = `with locked as materialized (
    select ${CASE_COLUMNS} from cases where id = ${caseOfTask} and agency_id = $2::uuid for update)
  select locked.*, alur_case_tasks(locked.id, $1::uuid) as "tasks" from locked`;

/** The fields of a `tasks.live` entry of `LOCK_CASE_WITH_TASKS`, in order (timestamps as ISO text). */
export const LIVE_TASK_FIELDS = TASK_READ;

/** What `LOCK_CASE_WITH_TASKS` returns: the case row and its tasks. */
export type CaseWithTasksRow = CaseRow & { tasks: CaseTasks | string };
export interface CaseTasks {
  live: unknown[][];
  done: string[];
}

/** $1 case id, $2 agency id: the case, locked (a command on the case itself, e.g. cancel). */
export const LOCK_CASE = `select ${CASE_COLUMNS} from cases where id = $1::uuid and agency_id = $2::uuid for update`;

/** $1 case id: every task of the case. */
export const TASKS_OF_CASE = `select ${TASK_COLUMNS} from tasks where case_id = $1::uuid order by created_at, id`;

/** $1 version id. */
export const VERSION_DOCUMENT = 'select document from sop_versions where id = $1::uuid';
