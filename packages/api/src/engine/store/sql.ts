import { cases, tasks } from '../../db/schema.ts';
import { type ColumnKey, columnName, selectListOf } from './columns.ts';

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

/**
 * The task columns for a command on task $1: whole for the tasks it can act on (open, claimed, or
 * $1 itself), only id, node and status for the finished rest, whose other columns come back null.
 * A case's history grows by a task per step; the finished ones only count attempts (see
 * `earlierVisits`), so the server need not format and the driver parse their timestamps and ids.
 */
const KEPT_FOR_FINISHED = new Set<string>(['id', 'nodeId', 'status']);
const LIVE_TASK_COLUMNS = TASK_READ.map((k) => {
  const name = columnName(tasks, k);
  if (KEPT_FOR_FINISHED.has(k)) return name === k ? name : `${name} as "${k}"`;
  return `case when status in ('open', 'claimed') or id = $1::uuid then ${name} end as "${k}"`;
}).join(', ');

const caseOfTask = '(select case_id from tasks where id = $1::uuid and agency_id = $2::uuid)';

/** $1 task id, $2 agency id: the task's case, locked. */
export const LOCK_CASE_OF_TASK = `select ${CASE_COLUMNS} from cases
  where id = ${caseOfTask} and agency_id = $2::uuid for update`;

/**
 * $1 task id, $2 agency id: every task of the task's case, the finished ones other than $1 as id,
 * node and status only (`LIVE_TASK_COLUMNS`). Sent after the lock on the same
 * connection, it runs once the lock is held and reads the tasks as the last command left them.
 * (One statement with the tasks in a subquery would read them in the snapshot taken before the
 * lock wait, missing the command that held the lock.)
 */
export const TASKS_OF_CASE_OF_TASK = `select ${LIVE_TASK_COLUMNS} from tasks
  where case_id = ${caseOfTask} order by created_at, id`;

/** $1 case id, $2 agency id: the case, locked (a command on the case itself, e.g. cancel). */
export const LOCK_CASE = `select ${CASE_COLUMNS} from cases where id = $1::uuid and agency_id = $2::uuid for update`;

/** $1 case id: every task of the case. */
export const TASKS_OF_CASE = `select ${TASK_COLUMNS} from tasks where case_id = $1::uuid order by created_at, id`;

/** $1 version id. */
export const VERSION_DOCUMENT = 'select document from sop_versions where id = $1::uuid';
