import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser, type SessionUser } from '../../auth/sessions.ts';
import { type SeededStore, seedStore, startCases } from '../../reliability/fixtures.ts';
import { actOnTask } from '../../services/task-commands.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';
import { buildDoc } from '../core/testing/build-doc.ts';

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
