import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser, type SessionUser } from '../../auth/sessions.ts';
import { type SeededStore, seedStore, startCases } from '../../reliability/fixtures.ts';
import { actOnTask } from '../../services/task-commands.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';
import { buildDoc } from '../core/testing/build-doc.ts';
import { LIVE_TASK_FIELDS } from './sql.ts';
import { byCreatedThenId } from './store.ts';

/*
 * Two people finish the two branches of a fork at the same moment (on PostgreSQL, two connections
 * at once): both completions succeed, the second having waited for the case's lock and worked from
 * the case as the first left it, and every case moves on past the join exactly once.
 *
 *  kasi:  (s) ─▶ <F> ─▶ [cek berkas] ─▶ <J> ─▶ [rekap] ─▶ (e)
 *                 └───▶ [cek lapangan] ─┘
 */
const twoChecks = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: {
    s: 'start@kasi',
    f: 'fork@kasi',
    berkas: 'activity@kasi 1 jam',
    lapangan: 'activity@kasi 1 jam',
    j: 'join@kasi',
    rekap: 'activity@kasi 1 jam',
    e: 'end@kasi',
  },
  flows: ['s > f', 'f > berkas > j', 'f > lapangan > j', 'j > rekap > e'],
});

let testDb: TestDatabase;
let store: SeededStore;
let kasi: SessionUser;

beforeAll(async () => {
  testDb = await createTestDatabase();
  store = await seedStore(testDb.database, twoChecks);
  kasi = await loadSessionUser(store.deps.database.db, await store.userId('kasi'));
});
afterAll(async () => {
  await store.deps.bus.close();
  await testDb.drop();
});

describe('the tasks of a case as a command reads them', () => {
  it('come in created order, ties (tasks opened by one command) by id, as PostgreSQL orders them', async () => {
    const [caseId] = await startCases(store, 1);
    // The fork opened both branches in one statement: one created_at, two ids.
    const inSql = await store.deps.database.query<{ id: string }>(
      sql`select id from tasks where case_id = ${caseId} and status = 'open' order by created_at, id`,
    );
    expect(inSql).toHaveLength(2);
    for (const { id } of [...inSql].reverse()) {
      const answer = await actOnTask(store.deps, kasi, { taskId: id }, { type: 'task.claim' });
      expect(answer.openTasks.map((t) => t.id)).toEqual(inSql.map((t) => t.id));
      await actOnTask(store.deps, kasi, { taskId: id }, { type: 'task.release' });
    }
  });

  it('are sorted by the engine, which the read no longer does (migration 0013)', () => {
    const entry = (id: string, createdAt: string) => {
      const e: unknown[] = LIVE_TASK_FIELDS.map(() => null);
      e[LIVE_TASK_FIELDS.indexOf('id')] = id;
      e[LIVE_TASK_FIELDS.indexOf('createdAt')] = createdAt;
      return e;
    };
    const [a, b, c] = [
      entry('01a2f000-0000-7000-8000-00000000000b', '2026-12-02T10:00:00.000Z'),
      entry('01a2f000-0000-7000-8000-00000000000a', '2026-12-02T10:00:00.000Z'),
      entry('01a2f000-0000-7000-8000-000000000001', '2026-12-02T10:00:00.001Z'),
    ];
    expect([c, a, b].sort(byCreatedThenId)).toEqual([b, a, c]);
  });
});

describe('parallel branches finished at once', () => {
  it('joins every case once, both completions accepted', async () => {
    const caseIds = await startCases(store, 20);
    const open = async (caseId: string) =>
      store.deps.database.query<{ id: string; node_id: string }>(
        sql`select id, node_id from tasks where case_id = ${caseId} and status in ('open', 'claimed')
            order by node_id`,
      );
    await Promise.all(
      caseIds.map(async (caseId) => {
        const branches = await open(caseId);
        expect(branches.map((t) => t.node_id)).toEqual(['berkas', 'lapangan']);
        await Promise.all(
          branches.map((t) => actOnTask(store.deps, kasi, { taskId: t.id }, { type: 'task.complete' })),
        );
      }),
    );
    for (const caseId of caseIds) {
      expect((await open(caseId)).map((t) => t.node_id)).toEqual(['rekap']);
    }
  });
});
