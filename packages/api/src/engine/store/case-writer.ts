import type { Statement } from '../../db/raw.ts';
import { auditEvents, cases, tasks } from '../../db/schema.ts';
import { asText, type ColumnKey, compileNamed, type RowSet, rowSetOf } from './columns.ts';

/**
 * The one writer of a case's state: every change a start, a task command or a migration makes to
 * the case row, its tasks, their notifications and the audit log goes through
 * `caseWriteStatement`, as one statement.
 *
 * It runs on every task command, so it is constant text for each shape of changes (prepared once
 * per connection by the driver) with named parameters compiled to positions once. Row sets are
 * `VALUES` lists with a parameter per value (`rowSetOf`), cast to the column types of db/schema.ts.
 * The column names written here are checked against the schema by case-writer.test.ts.
 */

type CaseRow = typeof cases.$inferSelect;
type TaskRow = typeof tasks.$inferSelect;
type AuditRow = typeof auditEvents.$inferSelect;

const NEW_CASE = [
  'versionId',
  'number',
  'title',
  'status',
  'engineState',
  'startedBy',
  'data',
  'trackingCode',
] as const satisfies readonly ColumnKey<typeof cases>[];
const CASE_UPDATE = ['status', 'engineState', 'versionId', 'data'] as const satisfies readonly ColumnKey<
  typeof cases
>[];
const TASK_UPDATE = [
  'id',
  'status',
  'positionKey',
  'claimedBy',
  'completedAt',
  'completedBy',
  'outcome',
  'note',
  'workingMinutes',
] as const satisfies readonly ColumnKey<typeof tasks>[];
const NEW_TASK = [
  'id',
  'nodeId',
  'kind',
  'positionKey',
  'attempt',
  'token',
  'dueAt',
  'sentBack',
] as const satisfies readonly ColumnKey<typeof tasks>[];
const AUDIT = ['action', 'taskId', 'nodeId', 'data'] as const satisfies readonly ColumnKey<
  typeof auditEvents
>[];

/** The row of a case this command starts (the rest comes from the scope: ids, `at`). */
export type NewCase = Pick<CaseRow, (typeof NEW_CASE)[number]>;
/**
 * The case row after the command; `versionId` null keeps the version (every command but a
 * migration). `data` is a patch of the case file's values merged into the stored ones (a null
 * value removes its key); null changes nothing.
 */
export type CaseUpdate = Pick<CaseRow, 'status' | 'engineState'> & {
  versionId: string | null;
  data: Record<string, unknown> | null;
  /**
   * The revision the command was planned on: the row is updated only if it still has it (else
   * the statement fails, TASK_CHANGED). Null for a caller that holds the case's lock and read the
   * row under it (a migration, retention): whatever revision it has then.
   */
  revision: number | null;
};
/** A task row after the command, written only if its status is still `previous` (as it was read). */
export type TaskUpdate = Pick<TaskRow, (typeof TASK_UPDATE)[number]> & { previous: TaskRow['status'] };
/**
 * A task the command creates; it opens at `at`, and is its own "task arrived" notification
 * (services/notifications.ts). `sentBack` names the "tidak" decision that sent the case back to this
 * step (what the inbox shows), null on a first visit.
 */
export type NewTask = Pick<TaskRow, (typeof NEW_TASK)[number]>;
/** One audit event; they are appended in this order, at `at`, by `actorId`. */
export type AuditEntry = Pick<AuditRow, (typeof AUDIT)[number]>;

/** Everything one command changes in one case, by name. */
export interface CaseChanges {
  caseId: string;
  agencyId: string;
  sopId: string;
  /** Who acted (the audit events' actor); null for the system itself (retention). */
  actorId: string | null;
  /** When (ISO instant): the new tasks' creation, the audit events, a finished case's end. */
  at: string;
  /** Set when the command starts the case: its row is inserted. */
  newCase: NewCase | null;
  /** Set when the command changes an existing case row (its revision goes up by one). */
  caseUpdate: CaseUpdate | null;
  taskUpdates: TaskUpdate[];
  newTasks: NewTask[];
  audits: AuditEntry[];
}

const NEW_CASE_ROWS = rowSetOf(cases, NEW_CASE);
/**
 * The case update's row set for the columns it changes: `version_id` only in a migration, `data`
 * only with a patch of the case file (see `WriteShape.caseVersion`, `caseData`).
 */
const CASE_UPDATE_ROWS = new Map(
  [false, true].flatMap((version) =>
    [false, true].map((data) => [
      `${version}/${data}`,
      rowSetOf(
        cases,
        CASE_UPDATE.filter((k) => (k !== 'versionId' || version) && (k !== 'data' || data)),
      ),
    ]),
  ),
);
const caseUpdateRows = (version: boolean, data: boolean) => CASE_UPDATE_ROWS.get(`${version}/${data}`)!;
const TASK_UPDATE_ROWS = rowSetOf(tasks, TASK_UPDATE, { previous: 'previous text' });
const NEW_TASK_ROWS = rowSetOf(tasks, NEW_TASK);
/** `byActor`: the event's `data.userId` is the actor, left out of the JSON and put back by the statement. */
const AUDIT_ROWS = rowSetOf(auditEvents, AUDIT, { byActor: 'by_actor boolean' });
/** An audit row's cells, as `auditCells` writes them: `AUDIT`'s, then `byActor`. */
const AUDIT_CELLS = ['action', 'taskId', 'nodeId', 'data', 'byActor'];
if (AUDIT_ROWS.width !== AUDIT_CELLS.length || [...AUDIT, 'byActor'].join() !== AUDIT_CELLS.join()) {
  throw new Error('auditCells no longer writes the cells of AUDIT_ROWS');
}

/*
 * The sub-statements share one snapshot, and foreign keys are checked at the end of the statement,
 * so a task may name the case inserted beside it and a notification the task. `alur_expect_rows`
 * (migration 0003) fails the statement, and so the transaction, when a guarded update missed its
 * row: the server turns the pipelined COMMIT into a rollback and the API answers 409 TASK_CHANGED.
 *
 * The notifications follow the work in the same statement: a new task is its own "arrived"
 * notification (with the decision that sent the case back, `sent_back`, if one did; migration
 * 0010), a task-linked notification is done when its task is (both read in
 * services/notifications.ts), and the starter is told when the case ends (the case row goes from
 * active to ended; cancelling one's own case sends none).
 *
 * The statement is written for the shape of the changes (`WriteShape`): only the parts a command
 * needs, and each row set a `VALUES` list of its exact length. PostgreSQL runs these as generic
 * plans, made once per connection from the planner's estimates; a row set of unknown size (as
 * `jsonb_to_recordset` was, estimated at 100 rows) once made the plan built while the tables were
 * small join the tasks by scanning them whole, and keep doing so as they grew. With the rows
 * counted, an index lookup is the plan from a few pages on. A row set read by one part only is
 * that part's FROM item; one read twice (a case that ends: its row also tells the starter) is a
 * materialized CTE. Parts a command does not need (inserting a case, the starter's notification)
 * are neither planned nor opened: their tables' indexes are not locked and set up on every
 * completion. There are a few dozen shapes, each prepared once per connection.
 */
interface WriteShape {
  newCase: boolean;
  caseUpdate: boolean;
  /**
   * The case update moves the case to another version (a migration) / patches its case file. When
   * not, the statement leaves `version_id` and `data` out of its SET list: a trigger on `UPDATE OF
   * data` (cases_search_update, migration 0004) is then not considered at all, where otherwise
   * PostgreSQL reads and compiles its WHEN clause on every update (about 5 % of a completion's
   * backend CPU, BENCHMARKS.md #16 "PostgreSQL side").
   */
  caseVersion: boolean;
  caseData: boolean;
  /** The case ends with this command (the starter may be told). */
  ends: boolean;
  taskUpdates: number;
  newTasks: number;
  audits: number;
}

function writeCaseSql(shape: WriteShape): string {
  const parts: string[] = [];
  /** A row set as a FROM item `x`: its VALUES, or a materialized CTE `cte` when read twice. */
  const rowsFrom = (set: RowSet, param: string, rows: number, cte: string, readTwice: boolean) => {
    if (!readTwice) return set.values(param, rows);
    parts.push(`${cte} as materialized (select * from ${set.values(param, rows)})`);
    return `${cte} x`;
  };
  /** The guarded parts: each returns the rows it changed, and all of them must change. */
  const guarded: string[] = [];
  if (shape.newCase) {
    const from = rowsFrom(NEW_CASE_ROWS, 'newCase', 1, 'fresh_case', shape.ends);
    parts.push(`started as (
    insert into cases (id, agency_id, sop_id, version_id, number, title, status, engine_state,
      started_by, data, tracking_code, started_at, completed_at)
    select $caseId::uuid, $agencyId::uuid, $sopId::uuid, x.version_id, x.number, x.title, x.status,
      x.engine_state, x.started_by, coalesce(x.data, '{}'::jsonb), x.tracking_code, $at::text::timestamptz,
      case when x.status <> 'active' then $at::text::timestamptz end
    from ${from}
    returning id)`);
  }
  if (shape.caseUpdate) {
    const rows = caseUpdateRows(shape.caseVersion, shape.caseData);
    const from = rowsFrom(rows, 'caseUpdate', 1, 'case_update', shape.ends);
    // Only the columns the command may change: completed_at only when the case may end.
    const set = [
      'status = x.status',
      'engine_state = x.engine_state',
      ...(shape.caseVersion ? ['version_id = x.version_id'] : []),
      ...(shape.caseData ? ['data = jsonb_strip_nulls(c.data || x.data)'] : []),
      ...(shape.ends
        ? [
            `completed_at = case when c.status = 'active' and x.status <> 'active' then $at::text::timestamptz
                          else c.completed_at end`,
          ]
        : []),
      'revision = c.revision + 1',
    ];
    parts.push(`kase as (
    update cases c set
      ${set.join(',\n      ')}
    from ${from}
    where c.id = $caseId::uuid
      and ($expectedRevision::text::integer is null or c.revision = $expectedRevision::text::integer)
    returning c.id)`);
    guarded.push('kase');
  }
  if (shape.taskUpdates > 0) {
    const from = TASK_UPDATE_ROWS.values('taskUpdates', shape.taskUpdates);
    // By primary key, one lookup per row set row. The case check is written so that no index can
    // serve it: through tasks_case the planner would read every task of the case, a history that
    // grows by one task per step, to update one or two.
    parts.push(`changed as (
    update tasks t set
      status = x.status, position_key = x.position_key, claimed_by = x.claimed_by,
      completed_at = x.completed_at, completed_by = x.completed_by, outcome = x.outcome, note = x.note,
      working_minutes = x.working_minutes
    from ${from}
    where t.id = x.id and (t.case_id = $caseId::uuid) is true and t.status = x.previous
    returning t.id, t.status)`);
    guarded.push('changed');
  }
  if (shape.newTasks > 0) {
    const from = NEW_TASK_ROWS.values('newTasks', shape.newTasks);
    parts.push(`created as (
    insert into tasks (id, case_id, agency_id, sop_id, node_id, kind, position_key, status, attempt,
      token, created_at, due_at, sent_back)
    select x.id, $caseId::uuid, $agencyId::uuid, $sopId::uuid, x.node_id, x.kind, x.position_key, 'open',
      x.attempt, x.token, $at::text::timestamptz, x.due_at, x.sent_back
    from ${from})`);
  }
  if (shape.ends) {
    const enders = [
      ...(shape.newCase
        ? ["select x.started_by, x.status from fresh_case x where x.status <> 'active'"]
        : []),
      ...(shape.caseUpdate
        ? [
            `select c.started_by, x.status from cases c, case_update x
      where c.id = $caseId::uuid and c.status = 'active' and x.status <> 'active'`,
          ]
        : []),
    ];
    if (enders.length > 0) {
      parts.push(`ended as (
    insert into notifications (agency_id, user_id, kind, case_id, data)
    select $agencyId::uuid, e.started_by,
      case when e.status = 'completed' then 'case.completed' else 'case.cancelled' end,
      $caseId::uuid, jsonb_build_object('endedBy', $actorId::text)
    from (
      ${enders.join('\n      union all\n      ')}
    ) e
    where not (e.status = 'cancelled' and e.started_by = $actorId::uuid))`);
    }
  }
  if (shape.audits > 0) {
    // In list order, without a sort: a VALUES list read straight into an INSERT (no join, no
    // aggregate between them) is inserted row by row in the order written, each taking the next
    // id, on every PostgreSQL the project runs on (store.test.ts reads a completion's events back
    // by id). The sort by an ordinality column that said so explicitly cost ~2.5 % of a completion's
    // backend CPU (BENCHMARKS.md #16 "PostgreSQL side").
    parts.push(`audited as (
    insert into audit_events (agency_id, actor_id, action, sop_id, case_id, task_id, node_id, data, at)
    select $agencyId::uuid, $actorId::uuid, e.action, $sopId::uuid, $caseId::uuid, e.task_id, e.node_id,
      case when e.by_actor then jsonb_build_object('userId', $actorId::text) || e.data else e.data end,
      $at::text::timestamptz
    from ${AUDIT_ROWS.values('audits', shape.audits, { alias: 'e' })})`);
  }
  // One count over the guarded parts (one subplan where there were one per part).
  const changed =
    guarded.length === 0
      ? '0'
      : `(select count(*) from ${guarded.length === 1 ? guarded[0] : `(${guarded.map((g) => `select from ${g}`).join(' union all ')}) g`})`;
  const expect = `alur_expect_rows(${changed}, $expectedRows::bigint, 'TASK_CHANGED')`;
  return parts.length > 0 ? `with\n  ${parts.join(',\n  ')}\nselect ${expect}` : `select ${expect}`;
}

/**
 * The statement's parameters other than the row sets', in the order `caseWriteStatement` lists
 * their values; the row sets' are `$<set>_<row>_<column>` (`RowSet`), sets named in `SETS`.
 */
const SCOPE = ['caseId', 'agencyId', 'sopId', 'actorId', 'at', 'expectedRows', 'expectedRevision'] as const;
const SETS = ['newCase', 'caseUpdate', 'taskUpdates', 'newTasks', 'audits'] as const;

/**
 * A shape's statement with its named parameters resolved once: parameter `i` (`$<i + 1>`) is value
 * `index[i]` of source `source[i]`, 0 being the scope's values (`SCOPE` order) and `s + 1` the
 * cells of set `SETS[s]` (`RowSet.cells`). A command's parameters are then an array filled in
 * order: no parameter name is built or looked up per command. (Until 2026-12-02 every command
 * built an object keyed `<set>_<row>_<column>` and read it back by name: about a quarter of the
 * CPU of planning a completion, mostly hashing those fresh strings.)
 */
interface WriteStatement {
  text: string;
  source: Uint8Array;
  index: Uint32Array;
}

function compileWrite(shape: WriteShape): WriteStatement {
  const { text, names } = compileNamed(writeCaseSql(shape));
  const widths = [
    NEW_CASE_ROWS.width,
    caseUpdateRows(shape.caseVersion, shape.caseData).width,
    TASK_UPDATE_ROWS.width,
    NEW_TASK_ROWS.width,
    AUDIT_ROWS.width,
  ];
  const source = new Uint8Array(names.length);
  const index = new Uint32Array(names.length);
  names.forEach((name, i) => {
    const scoped = (SCOPE as readonly string[]).indexOf(name);
    if (scoped >= 0) {
      index[i] = scoped;
      return;
    }
    const [, set, row, column] = /^([A-Za-z]+)_(\d+)_(\d+)$/.exec(name) ?? [];
    const s = (SETS as readonly (string | undefined)[]).indexOf(set);
    if (s < 0) throw new Error(`parameter ${name} unknown`);
    source[i] = s + 1;
    index[i] = Number(row) * widths[s]! + Number(column);
  });
  return { text, source, index };
}

const statements = new Map<number | string, WriteStatement>();

/**
 * The statement of a shape, by a key that packs the shape into a small integer (five flags, then
 * three counts of 8 bits each): JSON.stringify of the shape cost about 1.4 us per command, the
 * integer nothing. A shape with a count over 255 (a migration of a big case) is keyed by its JSON.
 */
function writeStatementOf(shape: WriteShape): WriteStatement {
  const { taskUpdates: t, newTasks: n, audits: a } = shape;
  const key =
    t < 256 && n < 256 && a < 256
      ? (shape.newCase ? 1 : 0) |
        (shape.caseUpdate ? 2 : 0) |
        (shape.caseVersion ? 4 : 0) |
        (shape.caseData ? 8 : 0) |
        (shape.ends ? 16 : 0) |
        (t << 5) |
        (n << 13) |
        (a << 21)
      : JSON.stringify(shape);
  let statement = statements.get(key);
  if (!statement) {
    statement = compileWrite(shape);
    statements.set(key, statement);
  }
  return statement;
}

/** The statement's text with every part (one row in each set), for tests that compare it with the schema. */
export const CASE_WRITE_SQL = writeStatementOf({
  newCase: true,
  caseUpdate: true,
  caseVersion: true,
  caseData: true,
  ends: true,
  taskUpdates: 1,
  newTasks: 1,
  audits: 1,
}).text;

/** A uuid as PostgreSQL prints it, so `$actorId::text` gives back the very same string. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An audit event whose `data.userId` is the actor, without it and marked (the statement puts it back). */
function byActor(audit: AuditEntry, actorId: string | null): AuditEntry & { byActor?: true } {
  const data = audit.data as Record<string, unknown> | null;
  if (!data || actorId === null || data.userId !== actorId || !CANONICAL_UUID.test(actorId)) return audit;
  const { userId: _, ...rest } = data;
  return { ...audit, data: rest, byActor: true };
}

const NO_CELLS: (string | null)[] = [];

/**
 * `AUDIT_ROWS.cells(audits.map((a) => byActor(a, actorId)))` without copying the events: the data
 * of an event the engine writes starts with the actor (`emitAudit`), so its JSON starts with
 * `{"userId":"<actor>"`, and the JSON of the rest is that text without it. Other events go through
 * `byActor` (the actor's id later in the data, or not there). The copies (an object rest and a
 * spread per event) cost about 2 us of a completion's ~40 us of planning.
 */
function auditCells(audits: readonly AuditEntry[], actorId: string | null): (string | null)[] {
  const prefix = actorId !== null && CANONICAL_UUID.test(actorId) ? `{"userId":"${actorId}"` : null;
  const out: (string | null)[] = new Array(audits.length * AUDIT_CELLS.length);
  let i = 0;
  for (const audit of audits) {
    let data = asText(audit.data);
    let marked = false;
    if (prefix !== null && data?.startsWith(prefix)) {
      const next = data.charCodeAt(prefix.length);
      // `,` after the actor: more keys follow; `}`: the actor was all.
      if (next === 44 || next === 125) {
        data = next === 44 ? `{${data.slice(prefix.length + 1)}` : '{}';
        marked = true;
      }
    }
    const other = marked ? audit : byActor(audit, actorId);
    if (other !== audit) {
      for (const cell of AUDIT_ROWS.cells([other])) out[i++] = cell;
      continue;
    }
    out[i++] = asText(audit.action);
    out[i++] = asText(audit.taskId);
    out[i++] = asText(audit.nodeId);
    out[i++] = data;
    out[i++] = marked ? 'true' : null;
  }
  return out;
}

/** The one statement that writes a command's changes to a case (see the module comment). */
export function caseWriteStatement(changes: CaseChanges): Statement {
  const { newCase, caseUpdate, taskUpdates, newTasks, audits, actorId } = changes;
  const caseVersion = caseUpdate !== null && caseUpdate.versionId !== null;
  const caseData = caseUpdate !== null && caseUpdate.data !== null;
  const { text, source, index } = writeStatementOf({
    newCase: newCase !== null,
    caseUpdate: caseUpdate !== null,
    caseVersion,
    caseData,
    ends:
      (newCase !== null && newCase.status !== 'active') ||
      (caseUpdate !== null && caseUpdate.status !== 'active'),
    taskUpdates: taskUpdates.length,
    newTasks: newTasks.length,
    audits: audits.length,
  });
  const sources: readonly (readonly unknown[])[] = [
    [
      changes.caseId,
      changes.agencyId,
      changes.sopId,
      actorId,
      changes.at,
      // Every guarded row must change: the case row and each task update.
      taskUpdates.length + (caseUpdate ? 1 : 0),
      caseUpdate?.revision ?? null,
    ],
    newCase ? NEW_CASE_ROWS.cells([newCase]) : NO_CELLS,
    caseUpdate ? caseUpdateRows(caseVersion, caseData).cells([caseUpdate]) : NO_CELLS,
    taskUpdates.length > 0 ? TASK_UPDATE_ROWS.cells(taskUpdates) : NO_CELLS,
    newTasks.length > 0 ? NEW_TASK_ROWS.cells(newTasks) : NO_CELLS,
    audits.length > 0 ? auditCells(audits, actorId) : NO_CELLS,
  ];
  const params: unknown[] = new Array(source.length);
  for (let i = 0; i < source.length; i++) params[i] = sources[source[i]!]![index[i]!];
  return { text, params };
}
