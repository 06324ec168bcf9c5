import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { realPostgres, useSeededCluster } from './cluster.ts';
import { buildChainDoc, startCases } from './fixtures.ts';
import { startServerProcess } from './processes.ts';

const adminUrl = realPostgres(
  'sweeper',
  'three sweeping processes need one real PostgreSQL (SKIP LOCKED across connections).',
);
const OVERDUE = 1000;

describe.runIf(Boolean(adminUrl))('overdue sweeper in 3 processes', () => {
  const cluster = useSeededCluster(adminUrl, () => buildChainDoc(3));

  beforeAll(async () => {
    const [caseId] = await startCases(cluster.store, 1);
    // 999 more open tasks on the case, all due an hour ago (one per node id, so each is distinct).
    await cluster.store.deps.database.query(sql`
      insert into tasks (id, case_id, agency_id, sop_id, node_id, kind, position_key, status, attempt,
                         token, created_at, due_at)
      select gen_random_uuid(), c.id, c.agency_id, c.sop_id, 'x' || g, 'activity', 'staf', 'open', 1,
             't' || g, now() - interval '2 hours', now() - interval '1 hour'
      from cases c, generate_series(1, ${OVERDUE - 1}) g where c.id = ${caseId}`);
    await cluster.store.deps.database.query(sql`update tasks set due_at = now() - interval '1 hour'`);
  });

  it(`${OVERDUE} tasks falling overdue give exactly ${OVERDUE} notifications`, async () => {
    // Batches of 500 every 50 ms from three processes started together: they overlap on purpose.
    cluster.servers = await Promise.all(
      [0, 1, 2].map(() => startServerProcess({ env: { DATABASE_URL: cluster.url, ALUR_SWEEP_MS: '50' } })),
    );
    const deadline = Date.now() + 20_000;
    let left = OVERDUE;
    while (left > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await cluster.store.deps.database.query<{ left: number }>(
        sql`select count(*)::int as left from tasks where overdue_at is null`,
      );
      left = row!.left;
    }
    // A few more sweeps in every process: a repeat would show up as a second notification.
    await new Promise((r) => setTimeout(r, 500));
    const [counts] = await cluster.store.deps.database.query<{
      notes: number;
      tasks: number;
      audits: number;
    }>(sql`
      select (select count(*)::int from notifications where kind = 'task.overdue') as notes,
             (select count(distinct task_id)::int from notifications where kind = 'task.overdue') as tasks,
             (select count(*)::int from audit_events where action = 'task.escalated') as audits`);
    expect(counts).toEqual({ notes: OVERDUE, tasks: OVERDUE, audits: OVERDUE });
    const [staf] = await cluster.store.deps.database.query<{ n: number }>(
      sql`select count(*)::int as n from notifications where kind = 'task.overdue' and position_key = 'kasi'`,
    );
    expect(staf!.n, 'staf escalates to its supervisor kasi').toBe(OVERDUE - 1);
  });
});
