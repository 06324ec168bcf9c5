import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser, type SessionUser } from '../../auth/sessions.ts';
import { createDb, type Database } from '../../db/client.ts';
import { EXPECTATION_FAILED, type Query, sqlState } from '../../db/raw.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { realPostgres } from '../../reliability/cluster.ts';
import {
  createScratchDb,
  openDeps,
  type ScratchDb,
  type SeededStore,
  seedStore,
  startCases,
} from '../../reliability/fixtures.ts';
import { startCaseForUser } from '../../services/cases.ts';
import { actOnTask, type TaskAction } from '../../services/task-commands.ts';
import { forkJoinLoopDoc } from '../core/testing/fork-join-loop-doc.ts';
import { caseCacheOf } from './case-cache.ts';
import { readCaseOfTask } from './store.ts';

/*
 * The case cache under real concurrency (PostgreSQL only): two server processes (two `Database`
 * objects on one database, each with its own connections, case cache and event bus), each with
 * several workers claiming, releasing and completing the tasks of the SAME few cases, and now and
 * then the same keyed command sent through both at once (a client's retry landing on the other
 * process). Cached plans go stale all the time; the revision guard must make that harmless: no
 * task completed twice, every case's revision 1 + the commands that committed on it, every case
 * that ended ended once, and whatever a process remembers at a case's current revision is what
 * a fresh read under the lock finds.
 *
 * The case: `forkJoinLoopDoc` (a fork, its join, a "tidak" loop).
 */
const doc = forkJoinLoopDoc();

const adminUrl = realPostgres(
  'case-cache.pg',
  'two processes racing on the same cases need several connections to one real PostgreSQL.',
);

/** How long the workers run, and how many run in each process. */
const RUN_MS = 6_000;
const WORKERS = 4;
/** Cases in play at once: few, so both processes keep moving the same ones. */
const LIVE_CASES = 4;

/** One server process: its own `Database` (connections, case cache), bus and counters. */
interface ServerProc {
  deps: AppDeps;
  /** Transactions that committed without reading: commands planned from the cache. */
  cachedCommits: number;
  /** Transactions that read nothing and failed the revision (or key) guard: stale plans. */
  staleGuards: number;
}

/** A `Database` counting its transactions' reads; its case cache is its own (keyed by object). */
function counted(database: Database, proc: ServerProc): Database {
  return {
    ...database,
    transact: async (work) => {
      let reads = 0;
      try {
        const value = await database.transact((q) => {
          const counting: Query = (text, params) => {
            reads++;
            return q(text, params);
          };
          return work(counting);
        });
        if (reads === 0) proc.cachedCommits++;
        return value;
      } catch (error) {
        if (reads === 0 && sqlState(error) === EXPECTATION_FAILED) proc.staleGuards++;
        throw error;
      }
    },
  };
}

/** mulberry32: a failing run can be replayed from its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.runIf(Boolean(adminUrl))('the case cache, two processes racing on the same cases', () => {
  let scratch: ScratchDb;
  let store: SeededStore;
  let second: Database;
  const procs: ServerProc[] = [];
  let kasi: SessionUser;

  beforeAll(async () => {
    scratch = await createScratchDb(adminUrl!, 'alur_cache');
    store = await seedStore(await createDb({ kind: 'postgres', url: scratch.url, max: 8 }), doc);
    second = await createDb({ kind: 'postgres', url: scratch.url, max: 8 });
    kasi = await loadSessionUser(store.deps.database.db, await store.userId('kasi'));
    for (const [database, deps] of [
      [store.deps.database, store.deps],
      [second, await openDeps(second)],
    ] as const) {
      const proc = { cachedCommits: 0, staleGuards: 0 } as ServerProc;
      proc.deps = { ...deps, database: counted(database, proc) };
      procs.push(proc);
    }
  }, 60_000);
  afterAll(async () => {
    await procs[1]?.deps.bus.close();
    await second?.close();
    await store?.close();
    await scratch?.drop();
  });

  it('completes no task twice and keeps every revision, end and remembered case true', async () => {
    const seed = Number(process.env.ALUR_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    const live = await startCases(store, LIVE_CASES);
    const allCases = new Set(live);
    /** Commands that committed, per case (a keyed pair counts once: one commit at most). */
    const committed = new Map<string, number>();
    /** Answers that ended their case, per case. */
    const endings = new Map<string, number>();
    const unexpected: unknown[] = [];
    let keyedBoth = 0;
    const deadline = Date.now() + RUN_MS;

    const commitOf = (answer: Awaited<ReturnType<typeof actOnTask>>) => {
      committed.set(answer.caseId, (committed.get(answer.caseId) ?? 0) + 1);
      if (answer.caseStatus === 'completed') {
        endings.set(answer.caseId, (endings.get(answer.caseId) ?? 0) + 1);
        const at = live.indexOf(answer.caseId);
        if (at >= 0) live.splice(at, 1);
      }
    };
    // A refusal (the task moved on meanwhile) is the answer a user gets; anything else is not.
    const refused = (error: unknown) => {
      if (!(error instanceof AppError && error.kind === 'CONFLICT')) unexpected.push(error);
    };

    const worker = async (proc: ServerProc, other: ServerProc, w: number) => {
      let key = 0;
      while (Date.now() < deadline && unexpected.length === 0) {
        if (live.length < LIVE_CASES) {
          const { caseId } = await startCaseForUser(proc.deps, kasi, { sopId: store.sopId, title: 'Kasus' });
          live.push(caseId);
          allCases.add(caseId);
        }
        const caseId = live[Math.floor(next() * live.length)];
        if (!caseId) continue;
        // What the inbox showed a moment ago: by the time the command lands it may be stale.
        const open = await store.deps.database.query<{ id: string; node_id: string; status: string }>(
          sql`select id, node_id, status from tasks where case_id = ${caseId} and status in ('open', 'claimed')`,
        );
        const task = open[Math.floor(next() * open.length)];
        if (!task) continue;
        const roll = next();
        const action: TaskAction =
          roll < 0.25 && task.status === 'open'
            ? { type: 'task.claim' }
            : roll < 0.4 && task.status === 'claimed'
              ? { type: 'task.release' }
              : {
                  type: 'task.complete',
                  ...(task.node_id === 'layak' ? { outcome: next() < 0.3 ? 'tidak' : 'ya' } : {}),
                };
        if (next() < 0.1) {
          // A retry of one keyed request reaching both processes at once: one commit, one answer.
          const input = { taskId: task.id, idempotencyKey: `w${w}-${key++}-${seed}` };
          const answers = await Promise.allSettled([
            actOnTask(proc.deps, kasi, input, action),
            actOnTask(other.deps, kasi, input, action),
          ]);
          const ok = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
          for (const a of answers) if (a.status === 'rejected') refused(a.reason);
          if (ok.length === 2) {
            keyedBoth++;
            expect(ok[1]).toEqual(ok[0]);
          }
          if (ok[0]) commitOf(ok[0]);
        } else {
          await actOnTask(proc.deps, kasi, { taskId: task.id }, action).then(commitOf, refused);
        }
      }
    };
    const [one, two] = procs as [ServerProc, ServerProc];
    await Promise.all(
      Array.from({ length: WORKERS }, (_, w) => [worker(one, two, w), worker(two, one, WORKERS + w)]).flat(),
    );
    const seen = `seed ${seed}`;
    expect(unexpected, seen).toEqual([]);
    // The run did what it is for: plans from memory committed, and stale ones were caught.
    expect(one.cachedCommits + two.cachedCommits, seen).toBeGreaterThan(20);
    expect(one.staleGuards + two.staleGuards, seen).toBeGreaterThan(5);
    expect(keyedBoth, seen).toBeGreaterThan(0);

    const db = store.deps.database;
    // No task completed twice; every completed task has its one event (a decision's: decision.made).
    const twice = await db.query<{ task_id: string; n: number }>(sql`
      select task_id, count(*)::int as n from audit_events
      where action in ('task.completed', 'decision.made') group by task_id having count(*) > 1`);
    expect(twice, seen).toEqual([]);
    const [events] = await db.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action in ('task.completed', 'decision.made')`,
    );
    const [done] = await db.query<{ n: number }>(
      sql`select count(*)::int as n from tasks where status = 'completed'`,
    );
    expect(events!.n, seen).toBe(done!.n);
    expect(done!.n, seen).toBeGreaterThan(0);

    // A case starts at revision 1 and every committed command raises it by one.
    const rows = await db.query<{ id: string; revision: number; status: string; ends: number }>(sql`
      select c.id, c.revision, c.status,
        (select count(*)::int from audit_events a where a.case_id = c.id and a.action = 'case.completed') as ends
      from cases c`);
    expect(rows.map((r) => r.id).sort()).toEqual([...allCases].sort());
    for (const row of rows) {
      expect(row.revision, `${seen}, case ${row.id}`).toBe(1 + (committed.get(row.id) ?? 0));
      const ended = row.status === 'completed' ? 1 : 0;
      expect({ ends: row.ends, answers: endings.get(row.id) ?? 0 }, `${seen}, case ${row.id}`).toEqual({
        ends: ended,
        answers: ended,
      });
    }
    expect(
      rows.some((r) => r.status === 'completed'),
      seen,
    ).toBe(true);
    // No update was lost: a case still running has a task to do (a branch's arrival at the join
    // written over by a command planned on a case without it would leave none, forever).
    const stuck = await db.query<{ id: string }>(sql`
      select c.id from cases c where c.status = 'active'
        and not exists (select from tasks t where t.case_id = c.id and t.status in ('open', 'claimed'))`);
    expect(stuck, seen).toEqual([]);

    // What each process remembers: never ahead of the store, and at the store's revision exactly
    // what a fresh read under the lock finds (behind it, the guard sends the command to read).
    const liveTasks = await db.query<{ id: string }>(
      sql`select id from tasks where status in ('open', 'claimed')`,
    );
    let current = 0;
    for (const proc of procs) {
      const cache = caseCacheOf(proc.deps.database);
      for (const { id } of liveTasks) {
        const entry = cache.take(id, store.agencyId);
        if (!entry) continue;
        cache.put(entry);
        const fresh = await db.transact(async (q) => ({
          value: await readCaseOfTask(q, id, store.agencyId),
          writes: [],
        }));
        expect(fresh, seen).toBeDefined();
        expect(entry.row.revision, `${seen}, task ${id}`).toBeLessThanOrEqual(fresh!.row.revision);
        if (entry.row.revision === fresh!.row.revision) {
          current++;
          // As read fresh, but for the case file's values, which the cache does not keep.
          const { data: _, ...row } = fresh!.row;
          expect(entry, `${seen}, task ${id}`).toEqual({ ...fresh, row });
        }
      }
    }
    expect(current, seen).toBeGreaterThan(0);
  }, 30_000);
});
