import type { SopDocument } from '@alur/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser, type SessionUser } from '../../auth/sessions.ts';
import type { Database } from '../../db/client.ts';
import type { Query } from '../../db/raw.ts';
import type { AppDeps } from '../../deps.ts';
import { type SeededStore, seedStore, startCases } from '../../reliability/fixtures.ts';
import { cancelCaseForUser } from '../../services/case-cancel.ts';
import { startCaseForUser } from '../../services/cases.ts';
import { actOnTask, type TaskAction } from '../../services/task-commands.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';
import { forkJoinLoopDoc } from '../core/testing/fork-join-loop-doc.ts';
import { caseCacheOf } from './case-cache.ts';
import { type CaseAsRead, readCaseOfTask } from './store.ts';

/*
 * The case cache (case-cache.ts) on the store under test (PGlite, or PostgreSQL with
 * DATABASE_URL): a case as the process remembers it is exactly what a fresh read under the lock
 * finds, a command planned from it costs no read, and a case changed meanwhile elsewhere (another
 * server process: here another `Database` object, with its own cache) is read again, so no task
 * is completed twice and no refusal rests on what was stale.
 *
 * The case: `forkJoinLoopDoc` (a fork, its join, a "tidak" loop).
 */
const base = forkJoinLoopDoc();
/** "terima" has a form: a note on the case file. */
const doc: SopDocument = {
  ...base,
  dataFields: [{ key: 'catatan', label: 'Catatan penerimaan', type: 'longtext' }],
  nodes: base.nodes.map((n) =>
    n.id === 'terima' ? { ...n, fields: [{ key: 'catatan', mode: 'edit' }] } : n,
  ),
};

let testDb: TestDatabase;
let store: SeededStore;
let kasi: SessionUser;

beforeAll(async () => {
  testDb = await createTestDatabase();
  store = await seedStore(testDb.database, doc);
  kasi = await loadSessionUser(store.deps.database.db, await store.userId('kasi'));
});
afterAll(async () => {
  await store.deps.bus.close();
  await testDb.drop();
});

/**
 * The store as another server process sees it: the same database through another `Database`
 * object, so with a cache of its own; `reads` counts the statements its transactions read with.
 */
function processOf(database: Database): { deps: AppDeps; reads: () => number } {
  let reads = 0;
  const other: Database = {
    ...database,
    transact: (work) =>
      database.transact((q) => {
        const counted: Query = (text, params) => {
          reads++;
          return q(text, params);
        };
        return work(counted);
      }),
  };
  return { deps: { ...store.deps, database: other }, reads: () => reads };
}

/** What a fresh read under the case's lock finds for the command on `taskId`. */
async function freshRead(taskId: string) {
  return store.deps.database.transact(async (q) => ({
    value: await readCaseOfTask(q, taskId, store.agencyId),
    writes: [],
  }));
}

/** The one open task of a case just started. */
async function openTaskOf(caseId: string): Promise<{ id: string }> {
  const [task] = await store.deps.database.query<{ id: string }>(
    sql`select id from tasks where case_id = ${caseId} and status = 'open'`,
  );
  return task!;
}

/** What the cache keeps of a case read fresh: everything but the case file's values. */
function withoutData(read: CaseAsRead | undefined) {
  if (!read) return read;
  const { data: _, ...row } = read.row;
  return { ...read, row };
}

/** The case the process remembers for `taskId`, put back as it was. */
function remembered(database: Database, taskId: string) {
  const cache = caseCacheOf(database);
  const entry = cache.take(taskId, store.agencyId);
  if (entry) cache.put(entry);
  return entry;
}

/** A small deterministic generator (mulberry32), so a failing walk can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const completedTimes = async (taskId: string) =>
  (
    await store.deps.database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where task_id = ${taskId} and action = 'task.completed'`,
    )
  )[0]!.n;

describe('the case cache', () => {
  it('remembers a case as a fresh read under the lock finds it, through forks, joins, loops, claims', async () => {
    const one = processOf(store.deps.database);
    const [caseId] = await startCases(store, 1);
    const first = await openTaskOf(caseId!);
    const next = random(16);
    let open = [{ id: first.id, nodeId: 'terima', claimed: false }];
    let noes = 0;
    let commands = 0;
    let planned = 0;
    while (open.length > 0 && commands < 60) {
      const task = open[Math.floor(next() * open.length)]!;
      const roll = next();
      const action: TaskAction =
        roll < 0.2 && !task.claimed
          ? { type: 'task.claim' }
          : roll < 0.3 && task.claimed
            ? { type: 'task.release' }
            : {
                type: 'task.complete',
                ...(task.nodeId === 'layak' ? { outcome: noes < 2 && next() < 0.6 ? 'tidak' : 'ya' } : {}),
              };
      if (action.type === 'task.complete' && action.outcome === 'tidak') noes++;
      const cachedBefore = remembered(one.deps.database, task.id) !== undefined;
      const readsBefore = one.reads();
      const answer = await actOnTask(one.deps, kasi, { taskId: task.id }, action);
      commands++;
      if (cachedBefore && !(action.type === 'task.complete' && task.nodeId === 'terima')) {
        // Planned from the cache: no statement read anything.
        expect(one.reads()).toBe(readsBefore);
        planned++;
      } else if (cachedBefore) {
        // A completion whose form checks the case file's values: read (the cache keeps none).
        expect(one.reads()).toBeGreaterThan(readsBefore);
      }
      open = answer.openTasks.map((t) => ({
        id: t.id,
        nodeId: t.nodeId,
        claimed:
          answer.task.id === t.id
            ? answer.task.status === 'claimed'
            : (open.find((o) => o.id === t.id)?.claimed ?? false),
      }));
      for (const t of open) {
        const cached = remembered(one.deps.database, t.id);
        expect(cached, `case remembered after command ${commands} (${action.type})`).toBeDefined();
        expect(cached).toEqual(withoutData(await freshRead(t.id)));
      }
    }
    expect(open).toEqual([]);
    // The walk went through both branches of the fork, the join, and at least one "tidak".
    expect(noes).toBeGreaterThan(0);
    expect(planned).toBeGreaterThan(commands / 2);
    const [ended] = await store.deps.database.query<{ status: string }>(
      sql`select status from cases where id = ${caseId}`,
    );
    expect(ended!.status).toBe('completed');
  });

  it('remembers a case it just started: the first task is what a fresh read finds, a claim of it reads nothing', async () => {
    const one = processOf(store.deps.database);
    const { caseId } = await startCaseForUser(one.deps, kasi, { sopId: store.sopId, title: 'Baru' });
    const first = await openTaskOf(caseId!);
    const cached = remembered(one.deps.database, first.id);
    expect(cached).toBeDefined();
    expect(cached).toEqual(withoutData(await freshRead(first.id)));
    const readsBefore = one.reads();
    const answer = await actOnTask(one.deps, kasi, { taskId: first.id }, { type: 'task.claim' });
    expect(one.reads()).toBe(readsBefore);
    expect(answer.task).toMatchObject({ status: 'claimed', claimedBy: kasi.id });
  });

  it('keeps no case file values: a completion whose form checks them reads the case', async () => {
    const one = processOf(store.deps.database);
    const { caseId } = await startCaseForUser(one.deps, kasi, { sopId: store.sopId, title: 'Formulir' });
    const first = await openTaskOf(caseId!);
    const cached = remembered(one.deps.database, first.id);
    expect(cached).toBeDefined();
    expect(Object.keys(cached!.row)).not.toContain('data');
    const readsBefore = one.reads();
    const answer = await actOnTask(
      one.deps,
      kasi,
      { taskId: first.id },
      { type: 'task.complete', data: { catatan: 'Berkas diterima lengkap' } },
    );
    expect(one.reads()).toBeGreaterThan(readsBefore);
    const [row] = await store.deps.database.query<{ data: Record<string, unknown> }>(
      sql`select data from cases where id = ${caseId}`,
    );
    expect(row!.data).toEqual({ catatan: 'Berkas diterima lengkap' });
    // Remembered again as it is now, its case file's values left out.
    const next = answer.openTasks[0]!.id;
    expect(remembered(one.deps.database, next)).toEqual(withoutData(await freshRead(next)));
  });

  it('forgets a case it cancelled', async () => {
    const one = processOf(store.deps.database);
    const { caseId } = await startCaseForUser(one.deps, kasi, { sopId: store.sopId, title: 'Batal' });
    const first = await openTaskOf(caseId);
    expect(remembered(one.deps.database, first.id)).toBeDefined();
    await cancelCaseForUser(one.deps, kasi, { caseId, reason: 'Pemohon menarik permohonan' });
    expect(remembered(one.deps.database, first.id)).toBeUndefined();
  });

  it('reads a case again that another process changed since: the command lands on what is there now', async () => {
    const a = processOf(store.deps.database);
    const b = processOf(store.deps.database);
    const [caseId] = await startCases(store, 1);
    const first = await openTaskOf(caseId!);
    // A moves the case on and remembers it; B then claims the next task.
    const moved = await actOnTask(a.deps, kasi, { taskId: first.id }, { type: 'task.complete' });
    const [berkas, lapangan] = moved.openTasks;
    expect(remembered(a.deps.database, berkas!.id)).toBeDefined();
    await actOnTask(b.deps, kasi, { taskId: berkas!.id }, { type: 'task.claim' });
    // A completes the other branch from its stale memory: the guard sends it back to read.
    const readsBefore = a.reads();
    const done = await actOnTask(a.deps, kasi, { taskId: lapangan!.id }, { type: 'task.complete' });
    expect(a.reads()).toBeGreaterThan(readsBefore);
    expect(done.openTasks).toEqual([expect.objectContaining({ id: berkas!.id, nodeId: 'berkas' })]);
    // B's claim was not lost: the case as A remembers it now is the case as it is.
    const now = remembered(a.deps.database, berkas!.id);
    expect(now?.state.tasks.find((t) => t.id === berkas!.id)?.status).toBe('claimed');
    expect(now).toEqual(withoutData(await freshRead(berkas!.id)));
  });

  it('never completes a task twice when another process completed it since', async () => {
    const a = processOf(store.deps.database);
    const b = processOf(store.deps.database);
    const [caseId] = await startCases(store, 1);
    const first = await openTaskOf(caseId!);
    const moved = await actOnTask(a.deps, kasi, { taskId: first.id }, { type: 'task.complete' });
    const berkas = moved.openTasks.find((t) => t.nodeId === 'berkas')!;
    await actOnTask(b.deps, kasi, { taskId: berkas.id }, { type: 'task.complete' });
    // A still remembers "berkas" as open; what it answers is what a fresh read says.
    expect(remembered(a.deps.database, berkas.id)).toBeDefined();
    await expect(
      actOnTask(a.deps, kasi, { taskId: berkas.id }, { type: 'task.complete' }),
    ).rejects.toMatchObject({
      kind: 'CONFLICT',
    });
    expect(await completedTimes(berkas.id)).toBe(1);
  });

  it('answers a repeated key from the cache path with the stored answer, writing nothing again', async () => {
    const a = processOf(store.deps.database);
    const [caseId] = await startCases(store, 1);
    const first = await openTaskOf(caseId!);
    const moved = await actOnTask(a.deps, kasi, { taskId: first.id }, { type: 'task.complete' });
    const berkas = moved.openTasks.find((t) => t.nodeId === 'berkas')!;
    const readsBefore = a.reads();
    const input = { taskId: berkas.id, idempotencyKey: `k-${berkas.id}` };
    const answer = await actOnTask(a.deps, kasi, input, { type: 'task.complete' });
    // The key's claim travelled with the writes: still no read.
    expect(a.reads()).toBe(readsBefore);
    const [revision] = await store.deps.database.query<{ revision: number }>(
      sql`select revision from cases where id = ${caseId}`,
    );
    expect(await actOnTask(a.deps, kasi, input, { type: 'task.complete' })).toEqual(answer);
    expect(await completedTimes(berkas.id)).toBe(1);
    const [after] = await store.deps.database.query<{ revision: number }>(
      sql`select revision from cases where id = ${caseId}`,
    );
    expect(after!.revision).toBe(revision!.revision);
  });

  it.runIf(process.env.DATABASE_URL)(
    'forgets every case when a connection to the database fails',
    async () => {
      const one = processOf(store.deps.database);
      const { caseId } = await startCaseForUser(one.deps, kasi, { sopId: store.sopId, title: 'Putus' });
      const first = await openTaskOf(caseId);
      // The engine's pool holds an idle connection: make sure, then cut every other connection.
      await actOnTask(one.deps, kasi, { taskId: first.id }, { type: 'task.claim' });
      expect(remembered(one.deps.database, first.id)).toBeDefined();
      await store.deps.database.query(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
      );
      await expect.poll(() => remembered(one.deps.database, first.id), { timeout: 2000 }).toBeUndefined();
      // The next command reads the case again, and works.
      const answer = await actOnTask(one.deps, kasi, { taskId: first.id }, { type: 'task.release' });
      expect(answer.task.status).toBe('open');
    },
  );
});
