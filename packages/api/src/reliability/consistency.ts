import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { cases } from '../db/schema.ts';
import { findInvariantViolations } from '../engine/core/testing/invariants.ts';
import { loadCaseState, loadVersionDocument } from '../engine/store/store.ts';

/**
 * Checks every case in the store against the engine's invariants (one open task per live branch,
 * attempts in order, an active case never stuck) and the audit log against the task rows: each
 * task has exactly one `task.created` event and each completed task exactly one
 * `task.completed`/`decision.made` event; no event names a task that does not exist. Returns
 * readable violations (empty = consistent).
 */
export async function findStoreViolations(database: Database): Promise<string[]> {
  const db = database.db;
  const violations: string[] = [];
  const rows = await db.select().from(cases);
  for (const row of rows) {
    const state = await loadCaseState(db, row);
    const doc = await loadVersionDocument(db, row.versionId);
    for (const v of findInvariantViolations(doc, state)) violations.push(`case ${row.number}: ${v}`);
  }
  const audit = await database.query<{ problem: string; n: number }>(sql`
    with created as (
      select t.id, count(a.id) as n from tasks t
      left join audit_events a on a.task_id = t.id and a.action = 'task.created'
      group by t.id
    ), done as (
      select t.id, t.status, count(a.id) as n from tasks t
      left join audit_events a on a.task_id = t.id and a.action in ('task.completed', 'decision.made')
      group by t.id, t.status
    )
    select 'task with ' || n || ' task.created events' as problem, count(*)::int as n
      from created where n <> 1 group by n
    union all
    select 'completed task with ' || n || ' completion events', count(*)::int
      from done where status = 'completed' and n <> 1 group by n
    union all
    select 'unfinished task with a completion event', count(*)::int
      from done where status <> 'completed' and n > 0 having count(*) > 0
    union all
    select 'audit event naming a missing task', count(*)::int
      from audit_events a where a.task_id is not null
      and not exists (select 1 from tasks t where t.id = a.task_id) having count(*) > 0`);
  for (const a of audit) violations.push(`${a.problem}: ${a.n}`);
  return violations;
}
