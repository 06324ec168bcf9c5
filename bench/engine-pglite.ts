import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { loadSessionUser } from '../packages/api/src/auth/sessions.ts';
import { createDb } from '../packages/api/src/db/client.ts';
import { buildChainDoc, seedStore, startCases } from '../packages/api/src/reliability/fixtures.ts';
import { actOnTask } from '../packages/api/src/services/task-commands.ts';
import { emit, note, QUICK } from './lib.ts';

/*
 * engine.pglite: completions per second through `actOnTask` on embedded PGlite (one connection,
 * so one worker), against a bare loop on the same PGlite instance running the equivalent SQL
 * transaction (update a task, insert the next, insert an audit event).
 */
const SECONDS = QUICK ? 3 : 10;
const CHAIN = 40;

async function main() {
  const store = await seedStore(await createDb({ kind: 'pglite' }), buildChainDoc(CHAIN));
  try {
    const user = await loadSessionUser(store.deps.database.db, await store.userId('kasi'));
    const caseIds = await startCases(store, Math.ceil((SECONDS * 150) / CHAIN) + 2);
    const open = new Map(
      (
        await store.deps.database.query<{ case_id: string; id: string }>(
          sql`select case_id, id from tasks where status = 'open'`,
        )
      ).map((r) => [r.case_id, r.id]),
    );
    let completions = 0;
    let deadline = performance.now() + SECONDS * 1000;
    let started = performance.now();
    for (const caseId of caseIds) {
      let taskId = open.get(caseId);
      while (taskId && performance.now() < deadline) {
        const r = await actOnTask(store.deps, user, { taskId }, { type: 'task.complete' });
        completions++;
        taskId = r.openTasks[0]?.id;
      }
      if (performance.now() >= deadline) break;
    }
    const engine = completions / ((performance.now() - started) / 1000);

    // biome-ignore lint/suspicious/noExplicitAny: the PGlite client behind drizzle
    const client = (store.deps.database.db as any).$client as PGlite;
    const ids = caseIds.slice();
    let bare = 0;
    deadline = performance.now() + SECONDS * 1000;
    started = performance.now();
    while (performance.now() < deadline) {
      const caseId = ids[bare % ids.length]!;
      await client.transaction(async (tx) => {
        await tx.query(
          // The case's newest task is its open one: found through tasks_case, as pgbench does.
          `update tasks set status = 'completed', completed_at = now()
           where status = 'open'
             and id = (select id from tasks where case_id = $1 order by created_at desc limit 1)`,
          [caseId],
        );
        await tx.query(
          `insert into tasks (id, case_id, agency_id, sop_id, node_id, kind, position_key, status, attempt, token,
                              created_at, due_at)
           select gen_random_uuid(), id, agency_id, sop_id, 'a2', 'activity', 'kasi', 'open', 1, 't', now(),
                  now() + interval '1 hour' from cases where id = $1`,
          [caseId],
        );
        await tx.query(
          `insert into audit_events (agency_id, action, case_id, node_id, data, at)
           select agency_id, 'task.completed', id, 'a1', '{}', now() from cases where id = $1`,
          [caseId],
        );
      });
      bare++;
    }
    const baseline = bare / ((performance.now() - started) / 1000);
    emit('engine.pglite.completions_per_s', engine, 'completions/s', { workers: 1 });
    emit('engine.pglite.sql_baseline_tps', baseline, 'tps');
    emit('engine.pglite.ratio', engine / baseline, 'ratio');
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  note(String(error?.stack ?? error));
  process.exit(1);
});
