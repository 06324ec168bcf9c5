import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { realPostgres, useSeededCluster } from './cluster.ts';
import { findStoreViolations } from './consistency.ts';
import { buildChainDoc, callTrpc, createSessionCookie, startCases, type TrpcAnswer } from './fixtures.ts';
import { startServerProcess } from './processes.ts';

const adminUrl = realPostgres(
  'crash',
  'killing a server process mid-load needs several processes on one real PostgreSQL (ALUR_LONG=1 for the full 2,000 transitions).',
);
const LONG = process.env.ALUR_LONG === '1';
const STEPS = 10;
const CASES = LONG ? 200 : 20; // × STEPS transitions: 2,000 with ALUR_LONG=1, else 200
const CLIENTS = 8;

describe.runIf(Boolean(adminUrl))('kill -9 of a server process during transitions', () => {
  const cluster = useSeededCluster(adminUrl, () => buildChainDoc(STEPS));
  let caseIds: string[] = [];
  let cookie = '';

  beforeAll(async () => {
    caseIds = await startCases(cluster.store, CASES);
    cookie = await createSessionCookie(cluster.store.deps.database, await cluster.store.userId('kasi'));
    for (let i = 0; i < 2; i++)
      cluster.servers.push(await startServerProcess({ env: { DATABASE_URL: cluster.url } }));
  });

  it(`loses, duplicates and half-applies nothing across ${CASES * STEPS} transitions`, async () => {
    const total = CASES * STEPS;
    const answers = new Map<string, TrpcAnswer>();
    let done = 0;
    let retries = 0;
    let killed = false;
    /** Sends one transition, retrying with the same key on other servers until one answers. */
    const send = async (key: string, taskId: string): Promise<TrpcAnswer> => {
      let last: unknown = null;
      for (let attempt = 0; attempt < 50; attempt++) {
        const server = cluster.servers[(attempt + key.length) % cluster.servers.length]!;
        try {
          const answer = await callTrpc(server.base, cookie, 'task.complete', {
            taskId,
            idempotencyKey: key,
          });
          if (answer.status < 500) return answer;
          last = answer;
        } catch (error) {
          // connection refused or reset: the process died under us
          last = String(error);
        }
        retries++;
        await new Promise((r) => setTimeout(r, 20));
      }
      const logs = cluster.servers.map((s) => s.stderr().slice(-2000)).join('\n---\n');
      throw new Error(`no server answered ${key}; last: ${JSON.stringify(last)}\n${logs}`);
    };
    const firstTask = new Map(
      (
        await cluster.store.deps.database.query<{ case_id: string; id: string }>(
          sql`select case_id, id from tasks where status = 'open'`,
        )
      ).map((r) => [r.case_id, r.id]),
    );
    const work = caseIds.map((id) => id);
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let caseId = work.shift(); caseId; caseId = work.shift()) {
          let taskId = firstTask.get(caseId);
          for (let step = 1; taskId; step++) {
            const key = `crash-${caseId}-${step}`;
            const answer = await send(key, taskId);
            expect(answer.status, JSON.stringify(answer.body)).toBe(200);
            answers.set(key, answer);
            taskId = answer.body.result.data.openTasks[0]?.id;
            done++;
            if (!killed && done >= total * 0.4) {
              killed = true;
              await cluster.servers[0]!.kill9();
              cluster.servers[0] = await startServerProcess({ env: { DATABASE_URL: cluster.url } });
            }
          }
        }
      }),
    );
    expect(killed).toBe(true);
    expect(answers.size).toBe(total);
    const [counts] = await cluster.store.deps.database.query<{
      completed: number;
      events: number;
      cases: number;
    }>(sql`
      select (select count(*)::int from tasks where status = 'completed') as completed,
             (select count(*)::int from audit_events where action = 'task.completed') as events,
             (select count(*)::int from cases where status = 'completed') as cases`);
    expect(counts).toEqual({ completed: total, events: total, cases: CASES });
    expect(await findStoreViolations(cluster.store.deps.database)).toEqual([]);
    // Every retry with the same key, on any process, gets the answer first given for it.
    for (const [key, first] of [...answers].slice(0, 200)) {
      const taskId = first.body.result.data.task.id;
      const again = await callTrpc(cluster.servers[1]!.base, cookie, 'task.complete', {
        taskId,
        idempotencyKey: key,
      });
      expect(again.body.result.data, key).toEqual(first.body.result.data);
    }
    console.info(`[reliability/crash] ${total} transitions, ${retries} retries after the kill`);
  });
});
