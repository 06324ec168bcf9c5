/**
 * The engine's statements, written by hand: they run on every task command, so they are constant
 * text (prepared once per connection) with positional parameters. JSON parameters are sent as text
 * and cast (`::text::jsonb`), so both drivers pass the same values.
 */

const CASE_COLUMNS = 'id, agency_id, sop_id, version_id, status, engine_state, completed_at';
const TASK_COLUMNS =
  'id, node_id, kind, position_key, status, attempt, token, claimed_by, created_at, due_at, completed_at, completed_by, outcome, note';

/** A case row as the engine reads it. */
export interface CaseRow extends Record<string, unknown> {
  id: string;
  agency_id: string;
  sop_id: string;
  version_id: string;
  status: 'active' | 'completed' | 'cancelled';
  engine_state: unknown;
  completed_at: string | Date | null;
}

/** A task row as the engine reads it (timestamps as the driver gives them). */
export interface TaskRow extends Record<string, unknown> {
  id: string;
  node_id: string;
  kind: 'activity' | 'decision';
  position_key: string;
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  attempt: number;
  token: string;
  claimed_by: string | null;
  created_at: string | Date;
  due_at: string | Date | null;
  completed_at: string | Date | null;
  completed_by: string | null;
  outcome: 'ya' | 'tidak' | null;
  note: string | null;
}

const caseOfTask = '(select case_id from tasks where id = $1::uuid and agency_id = $2::uuid)';

/** $1 task id, $2 agency id: the task's case, locked. */
export const LOCK_CASE_OF_TASK = `select ${CASE_COLUMNS} from cases
  where id = ${caseOfTask} and agency_id = $2::uuid for update`;

/**
 * $1 task id, $2 agency id: every task of the task's case. Sent after the lock on the same
 * connection, it runs once the lock is held and reads the tasks as the last command left them.
 * (One statement with the tasks in a subquery would read them in the snapshot taken before the
 * lock wait, missing the command that held the lock.)
 */
export const TASKS_OF_CASE_OF_TASK = `select ${TASK_COLUMNS} from tasks
  where case_id = ${caseOfTask} order by created_at, id`;

/** $1 case id: every task of the case. */
export const TASKS_OF_CASE = `select ${TASK_COLUMNS} from tasks where case_id = $1::uuid order by created_at, id`;

/** $1 version id. */
export const VERSION_DOCUMENT = 'select document from sop_versions where id = $1::uuid';

/**
 * All the writes of one command in one statement:
 * $1 case, $2 agency, $3 sop, $4 actor, $5 now, $6 whether to update the case row, $7 its status,
 * $8 its engine state (JSON), $9 task updates (JSON array, each guarded by the status it was read
 * in), $10 new tasks (JSON array; each also gets its "task.arrived" notification), $11 audit events
 * (JSON array, inserted in order), $12 how many rows the guarded updates must change. (The live
 * inboxes learn of the change after COMMIT, through the event bus.)
 *
 * The sub-statements share one snapshot, and foreign keys are checked at the end of the statement,
 * so a notification may name a task inserted beside it. `alur_expect_rows` (migration 0003) fails
 * the statement, and so the transaction, when a guarded update missed its row.
 */
export const WRITE_EFFECTS = `with
  kase as (
    update cases set
      status = $7::text,
      engine_state = $8::text::jsonb,
      completed_at = case when status = 'active' and $7::text <> 'active' then $5::text::timestamptz
                          else completed_at end,
      revision = revision + 1
    where id = $1::uuid and $6::boolean
    returning id),
  changed as (
    update tasks t set
      status = x.status, claimed_by = x.claimed_by, completed_at = x.completed_at,
      completed_by = x.completed_by, outcome = x.outcome, note = x.note,
      working_minutes = x.working_minutes
    from jsonb_to_recordset($9::text::jsonb) as x(id uuid, previous text, status text, claimed_by uuid,
      completed_at timestamptz, completed_by uuid, outcome text, note text, working_minutes int)
    where t.id = x.id and t.case_id = $1::uuid and t.status = x.previous
    returning t.id),
  created as (
    insert into tasks (id, case_id, agency_id, sop_id, node_id, kind, position_key, status, attempt,
      token, created_at, due_at)
    select x.id, $1::uuid, $2::uuid, $3::uuid, x.node_id, x.kind, x.position_key, 'open', x.attempt,
      x.token, $5::text::timestamptz, x.due_at
    from jsonb_to_recordset($10::text::jsonb) as x(id uuid, node_id text, kind text, position_key text,
      attempt int, token text, due_at timestamptz)
    returning id, node_id, position_key, attempt),
  arrived as (
    insert into notifications (agency_id, position_key, kind, task_id, case_id, data)
    select $2::uuid, c.position_key, 'task.arrived', c.id, $1::uuid,
      jsonb_build_object('nodeId', c.node_id, 'attempt', c.attempt)
    from created c
    on conflict do nothing),
  audited as (
    insert into audit_events (agency_id, actor_id, action, sop_id, case_id, task_id, node_id, data, at)
    select $2::uuid, $4::uuid, e.v->>'action', $3::uuid, $1::uuid, (e.v->>'taskId')::uuid,
      e.v->>'nodeId', e.v->'data', $5::text::timestamptz
    from jsonb_array_elements($11::text::jsonb) with ordinality as e(v, n)
    order by e.n)
select alur_expect_rows((select count(*) from kase) + (select count(*) from changed), $12::bigint,
  'TASK_CHANGED')`;
