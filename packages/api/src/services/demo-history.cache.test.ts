import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '../auth/sessions.ts';
import { buildChainDoc, type SeededStore, seedStore, startCases } from '../reliability/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { shiftDemoHistory } from './demo-history.ts';
import { actOnTask } from './task-commands.ts';

/*
 * Moving the demo's history (shiftDemoHistory) rewrites the timestamps of cases and tasks outside
 * the engine's one writer. A process that moved a case before remembers it (the case cache,
 * engine/store/case-cache.ts) with the old times; the case's revision must go up with the move,
 * so that the next command reads the case again instead of answering (and computing working
 * minutes) from the times as they were.
 */
let testDb: TestDatabase;
let store: SeededStore;

beforeAll(async () => {
  testDb = await createTestDatabase();
  store = await seedStore(testDb.database, buildChainDoc(3));
});
afterAll(async () => {
  await store.deps.bus.close();
  await testDb.drop();
});

describe('moving the demo history', () => {
  it('makes a process read a case it remembers again: its answers carry the moved due dates', async () => {
    const kasi = await loadSessionUser(store.deps.database.db, await store.userId('kasi'));
    const [caseId] = await startCases(store, 1);
    const [first] = await store.deps.database.query<{ id: string }>(
      sql`select id from tasks where case_id = ${caseId} and status = 'open'`,
    );
    // This process moves the case on and remembers it, its next task due in an hour.
    const moved = await actOnTask(store.deps, kasi, { taskId: first!.id }, { type: 'task.complete' });
    const [next] = moved.openTasks;
    await shiftDemoHistory(store.deps.database, 2);
    const [row] = await store.deps.database.query<{ due_at: string }>(
      sql`select to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as due_at
        from tasks where id = ${next!.id}`,
    );
    expect(row!.due_at).not.toBe(next!.dueAt);
    const claimed = await actOnTask(store.deps, kasi, { taskId: next!.id }, { type: 'task.claim' });
    expect(claimed.openTasks).toEqual([expect.objectContaining({ id: next!.id, dueAt: row!.due_at })]);
  });
});
