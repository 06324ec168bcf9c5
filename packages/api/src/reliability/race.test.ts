import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../db/schema.ts';
import { realPostgres, useSeededCluster } from './cluster.ts';
import { findStoreViolations } from './consistency.ts';
import { buildChainDoc, callTrpc, createSessionCookie, startCases } from './fixtures.ts';
import { startServerProcess } from './processes.ts';

const adminUrl = realPostgres(
  'race',
  'racing completions need several server processes on one real PostgreSQL (PGlite is one connection in one process).',
);
// Full size under ALUR_LONG=1; the default keeps `npm test` within a few seconds.
const TASKS = process.env.ALUR_LONG === '1' ? 200 : 20;
const CLIENTS = 20;

describe.runIf(Boolean(adminUrl))('racing completions across 3 server processes', () => {
  const cluster = useSeededCluster(adminUrl, () => buildChainDoc(3));
  let taskIds: string[] = [];
  let cookies: string[] = [];

  beforeAll(async () => {
    await startCases(cluster.store, TASKS);
    taskIds = (
      await cluster.store.deps.database.db
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.nodeId, 'a1'), eq(tasks.status, 'open')))
    ).map((t) => t.id);
    const kasi = await cluster.store.userId('kasi');
    cookies = await Promise.all(
      Array.from({ length: CLIENTS }, () => createSessionCookie(cluster.store.deps.database, kasi)),
    );
    cluster.servers = await Promise.all(
      [0, 1, 2].map(() => startServerProcess({ env: { DATABASE_URL: cluster.url } })),
    );
  });

  it(`${CLIENTS} clients racing on each of ${TASKS} tasks: exactly one completion each, the rest 409`, async () => {
    expect(taskIds).toHaveLength(TASKS);
    const outcomes = new Map<string, number[]>();
    // Ten tasks at a time: 200 requests in flight, spread over the three processes.
    for (let i = 0; i < taskIds.length; i += 10) {
      await Promise.all(
        taskIds.slice(i, i + 10).map(async (taskId) => {
          const answers = await Promise.all(
            cookies.map((cookie, c) =>
              callTrpc(cluster.servers[c % 3]!.base, cookie, 'task.complete', { taskId }).then(
                (a) => a.status,
                (error: unknown) => {
                  // A reset connection: say what the server processes wrote before it.
                  const logs = cluster.servers.map((s, i) => `server ${i}:\n${s.stderr().slice(-2000)}`);
                  throw new Error(`${String(error)} (${errorCause(error)})\n${logs.join('\n---\n')}`);
                },
              ),
            ),
          );
          outcomes.set(taskId, answers);
        }),
      );
    }
    for (const [taskId, statuses] of outcomes) {
      expect(
        statuses.filter((s) => s === 200),
        `task ${taskId}`,
      ).toHaveLength(1);
      expect(
        statuses.filter((s) => s !== 200 && s !== 409),
        `task ${taskId}`,
      ).toEqual([]);
    }
    const [counts] = await cluster.store.deps.database.query<{
      done: number;
      next: number;
      events: number;
    }>(sql`
      select (select count(*)::int from tasks where node_id = 'a1' and status = 'completed') as done,
             (select count(*)::int from tasks where node_id = 'a2' and status = 'open') as next,
             (select count(*)::int from audit_events where action = 'task.completed') as events`);
    expect(counts).toEqual({ done: TASKS, next: TASKS, events: TASKS });
    expect(await findStoreViolations(cluster.store.deps.database)).toEqual([]);
  });
});

function errorCause(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error ? cause.message : String(cause);
}
