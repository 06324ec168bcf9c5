import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { queryOf } from '../db/raw.ts';
import { type NotificationKind, toIsoInstant } from '../db/schema.ts';

/**
 * Notifications are addressed to positions (a task arrived or is late) or to one user (a case they
 * started has ended); each user keeps their own read marks.
 *
 * A task is its own "task arrived" notification (since migration 0010): every task of the user's
 * positions, read from `tasks` through `tasks_position_created`, with its read marks in
 * `task_reads`; its id is the task's. The other kinds are rows of `notifications` (read marks in
 * `notification_reads`). A notification about a task is done once the task is completed or
 * cancelled: a task finished meanwhile no longer calls for attention.
 */

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  positionKey: string | null;
  taskId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  caseTitle: string | null;
  data: unknown;
  createdAt: string;
  doneAt: string | null;
  read: boolean;
  done: boolean;
}

/** When a task's work ended: completed, or its case cancelled; null while it is open. */
const taskDoneAt = (t: string, c: string) =>
  `case when ${t}.status = 'completed' then ${t}.completed_at when ${t}.status = 'cancelled' then ${c}.completed_at end`;

/** Positional parameters for a statement built as text: `p(value)` is `$n`. */
function parameters() {
  const values: unknown[] = [];
  const p = (value: unknown) => `$${values.push(value)}`;
  /** `column in ($n, …)`, or `false` for an empty list. */
  const oneOf = (column: string, list: readonly unknown[]) =>
    list.length ? `${column} in (${list.map(p).join(', ')})` : 'false';
  return { values, p, oneOf };
}

/** Newest notifications for the user's positions, with their own read state. */
export async function listNotifications(db: Db, user: SessionUser, limit = 50): Promise<NotificationItem[]> {
  const n = Math.max(1, Math.min(limit, 200));
  const { values, p, oneOf } = parameters();
  const [agency, me] = [p(user.agencyId), p(user.id)];
  const rows = await queryOf(db)<{
    id: string;
    kind: NotificationKind;
    position_key: string | null;
    task_id: string | null;
    case_id: string | null;
    case_number: string | null;
    case_title: string | null;
    data: unknown;
    created_at: string | Date;
    done_at: string | Date | null;
    read_at: string | Date | null;
  }>(
    `select u.*, c.number as case_number, c.title as case_title from (
      (select n.id, n.kind, n.position_key, n.task_id, n.case_id, n.data, n.created_at,
         ${taskDoneAt('t', 'tc')} as done_at, r.read_at
       from notifications n
       left join tasks t on t.id = n.task_id
       left join cases tc on tc.id = t.case_id
       left join notification_reads r on r.notification_id = n.id and r.user_id = ${me}
       where n.agency_id = ${agency} and (n.user_id = ${me} or ${oneOf('n.position_key', user.positions)})
       order by n.created_at desc limit ${n})
      union all
      (select t.id, 'task.arrived', t.position_key, t.id, t.case_id,
         jsonb_build_object('nodeId', t.node_id, 'attempt', t.attempt)
           || case when t.sent_back is null then '{}'::jsonb else jsonb_build_object('sentBack', t.sent_back) end,
         t.created_at, ${taskDoneAt('t', 'tc')}, r.read_at
       from tasks t
       join cases tc on tc.id = t.case_id
       left join task_reads r on r.task_id = t.id and r.user_id = ${me}
       where t.agency_id = ${agency} and ${oneOf('t.position_key', user.positions)}
       order by t.created_at desc limit ${n})
    ) u
    left join cases c on c.id = u.case_id
    order by u.created_at desc, u.id desc
    limit ${n}`,
    values,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    positionKey: r.position_key,
    taskId: r.task_id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.case_title,
    data: r.data,
    createdAt: toIsoInstant(r.created_at),
    doneAt: r.done_at === null ? null : toIsoInstant(r.done_at),
    read: r.read_at !== null,
    done: r.done_at !== null,
  }));
}

/**
 * Unread notifications whose work is still to do. The arrivals among them are the open tasks of
 * the user's positions (the inbox's index, `tasks_inbox`) the user has not marked read.
 */
export async function countUnread(db: Db, user: SessionUser) {
  const { values, p, oneOf } = parameters();
  const [agency, me] = [p(user.agencyId), p(user.id)];
  const [row] = await queryOf(db)<{ n: number | string }>(
    `select (
       select count(*) from notifications n
       left join tasks t on t.id = n.task_id
       where n.agency_id = ${agency} and (n.user_id = ${me} or ${oneOf('n.position_key', user.positions)})
         and (t.id is null or t.status in ('open', 'claimed'))
         and not exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = ${me})
     ) + (
       select count(*) from tasks t
       where t.agency_id = ${agency} and ${oneOf('t.position_key', user.positions)}
         and t.status in ('open', 'claimed')
         and not exists (select 1 from task_reads r where r.task_id = t.id and r.user_id = ${me})
     ) as n`,
    values,
  );
  return { count: Number(row?.n ?? 0) };
}

/**
 * Marks the given notifications (or all of the user's) as read for this user; ids addressed to
 * someone else are ignored. "All" marks every notification row and, of the arrivals, the open
 * tasks and the newest 200 (as many as the list shows): not a position's whole history.
 */
export async function markRead(db: Db, user: SessionUser, ids: string[] | undefined, now: Date) {
  const { values, p, oneOf } = parameters();
  const [agency, me, at] = [p(user.agencyId), p(user.id), p(now.toISOString())];
  const chosen = ids ? `and ${oneOf('x.id', ids)}` : '';
  const held = oneOf('x.position_key', user.positions);
  const arrivals = ids
    ? chosen
    : `and (x.status in ('open', 'claimed') or x.id in (
        select id from tasks y where y.agency_id = ${agency} and ${oneOf('y.position_key', user.positions)}
        order by y.created_at desc limit 200))`;
  const [row] = await queryOf(db)<{ n: number | string }>(
    `with
      notes as (
        insert into notification_reads (notification_id, user_id, read_at)
        select x.id, ${me}, ${at}::timestamptz from notifications x
        where x.agency_id = ${agency} and (x.user_id = ${me} or ${held}) ${chosen}
        on conflict do nothing
        returning 1),
      arrived as (
        insert into task_reads (task_id, user_id, read_at)
        select x.id, ${me}, ${at}::timestamptz from tasks x
        where x.agency_id = ${agency} and ${held} ${arrivals}
        on conflict do nothing
        returning 1)
    select (select count(*) from notes) + (select count(*) from arrived) as n`,
    values,
  );
  return { marked: Number(row?.n ?? 0) };
}
