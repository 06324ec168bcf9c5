import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toActor } from '../../auth/policy.ts';
import { loadSessionUser, type SessionUser } from '../../auth/sessions.ts';
import { buildChainDoc, type SeededStore, seedStore, startCases } from '../../reliability/fixtures.ts';
import { loadAgencyClock } from '../../services/calendar.ts';
import { actOnTask } from '../../services/task-commands.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';
import { caseWriteStatement } from './case-writer.ts';
import { planTaskCommand, rethrowLostRace } from './store.ts';

/*
 * The engine's IO layer on the store under test (PGlite, or PostgreSQL with DATABASE_URL): a
 * command's writes land together, in order, or not at all.
 */
let testDb: TestDatabase;
let store: SeededStore;
let kasi: SessionUser;

beforeAll(async () => {
  testDb = await createTestDatabase();
  store = await seedStore(testDb.database, buildChainDoc(3));
  kasi = await loadSessionUser(store.deps.database.db, await store.userId('kasi'));
});
afterAll(async () => {
  await store.deps.bus.close();
  await testDb.drop();
});

const q = <T>(statement: ReturnType<typeof sql>) => store.deps.database.query<T>(statement);

async function openTaskOf(caseId: string) {
  const [row] = await q<{ id: string; node_id: string }>(
    sql`select id, node_id from tasks where case_id = ${caseId} and status = 'open'`,
  );
  return row!;
}

async function caseFootprint(caseId: string) {
  const [counts] = await q<{
    tasks: number;
    completed: number;
    audit: number;
    notifications: number;
    revision: number;
  }>(sql`
    select (select count(*)::int from tasks where case_id = ${caseId}) as tasks,
           (select count(*)::int from tasks where case_id = ${caseId} and status = 'completed') as completed,
           (select count(*)::int from audit_events where case_id = ${caseId}) as audit,
           (select count(*)::int from notifications where case_id = ${caseId}) as notifications,
           (select revision from cases where id = ${caseId}) as revision`);
  return counts!;
}

describe('engine store', () => {
  it('writes a completion whole: the task closed with its working minutes, the next task, audit in order', async () => {
    const [caseId] = await startCases(store, 1);
    const first = await openTaskOf(caseId!);
    const before = await caseFootprint(caseId!);
    const answer = await actOnTask(store.deps, kasi, { taskId: first.id }, { type: 'task.complete' });
    expect(answer).toMatchObject({
      caseId,
      caseStatus: 'active',
      task: { id: first.id, status: 'completed' },
    });
    expect(answer.openTasks).toHaveLength(1);
    const next = await openTaskOf(caseId!);
    expect(next).toEqual({ id: answer.openTasks[0]!.id, node_id: 'a2' });

    const [closed] = await q<{ status: string; completed_by: string; working_minutes: number | null }>(
      sql`select status, completed_by, working_minutes from tasks where id = ${first.id}`,
    );
    expect(closed).toMatchObject({ status: 'completed', completed_by: kasi.id });
    expect(closed!.working_minutes).not.toBeNull();
    expect(await caseFootprint(caseId!)).toEqual({
      tasks: before.tasks + 1,
      completed: 1,
      audit: before.audit + 2,
      // The next task is its own "arrived" notification: no row of its own (migration 0010).
      notifications: before.notifications,
      revision: before.revision + 1,
    });
    const audit = await q<{ action: string; task_id: string; data: Record<string, unknown> }>(
      sql`select action, task_id, data from audit_events where case_id = ${caseId} order by id desc limit 2`,
    );
    // The events say who acted (the statement puts the actor back into data, see case-writer.ts),
    // and keep their null values.
    expect(audit.reverse()).toEqual([
      {
        action: 'task.completed',
        task_id: first.id,
        data: { userId: kasi.id, attempt: 1, note: null, implicitClaim: true },
      },
      {
        action: 'task.created',
        task_id: next.id,
        data: { userId: kasi.id, attempt: 1, positionKey: 'kasi', dueAt: expect.any(String) },
      },
    ]);
    // The new task's id is a version 7 UUID of its creation (time-ordered index inserts).
    const [arrived] = await q<{ id: string; created_at: string }>(
      sql`select id, created_at from tasks where id = ${next.id}`,
    );
    expect(arrived!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millis = Number.parseInt(arrived!.id.replace('-', '').slice(0, 12), 16);
    expect(millis).toBe(new Date(arrived!.created_at).getTime());
  });

  it('rolls the whole command back when a guarded write misses its row, and the connection stays usable', async () => {
    const [caseId] = await startCases(store, 1);
    const task = await openTaskOf(caseId!);
    const before = await caseFootprint(caseId!);
    const clock = await loadAgencyClock(store.deps.database.db, store.agencyId);
    const command = { type: 'task.complete' as const, actor: toActor(kasi), taskId: task.id };
    // The plan read the task as open; its write now claims it was read as claimed, as if another
    // command had changed it in between: the guard must refuse and nothing may land.
    const attempt = store.deps.database.transact(async (tx) => {
      const plan = await planTaskCommand(tx, {
        agencyId: store.agencyId,
        taskId: task.id,
        command,
        now: new Date(),
        clock,
      });
      const [update] = plan.changes.taskUpdates;
      expect(update).toMatchObject({ id: task.id, previous: 'open', status: 'completed' });
      const stale = { ...plan.changes, taskUpdates: [{ ...update!, previous: 'claimed' as const }] };
      return { value: plan, writes: [caseWriteStatement(stale)] };
    });
    await expect(attempt.catch(rethrowLostRace)).rejects.toMatchObject({
      kind: 'CONFLICT',
      code: 'TASK_CHANGED',
    });
    expect(await caseFootprint(caseId!)).toEqual(before);
    expect(await openTaskOf(caseId!)).toEqual(task);

    // Every pooled connection still works after the failed transaction.
    for (let i = 0; i < 12; i++) await q(sql`select 1`);
    const done = await actOnTask(store.deps, kasi, { taskId: task.id }, { type: 'task.complete' });
    expect(done.task.status).toBe('completed');
  });

  it('refuses a second completion of the same task without writing anything', async () => {
    const [caseId] = await startCases(store, 1);
    const task = await openTaskOf(caseId!);
    await actOnTask(store.deps, kasi, { taskId: task.id }, { type: 'task.complete' });
    const after = await caseFootprint(caseId!);
    await expect(
      actOnTask(store.deps, kasi, { taskId: task.id }, { type: 'task.complete' }),
    ).rejects.toMatchObject({
      kind: 'CONFLICT',
      code: 'TASK_NOT_OPEN',
    });
    expect(await caseFootprint(caseId!)).toEqual(after);
  });

  it('answers a retry with the same idempotency key with the first answer, and acts once', async () => {
    const [caseId] = await startCases(store, 1);
    const task = await openTaskOf(caseId!);
    const input = { taskId: task.id, idempotencyKey: `retry-${task.id}` };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => actOnTask(store.deps, kasi, input, { type: 'task.complete' })),
    );
    for (const a of answers) expect(a).toEqual(answers[0]);
    const footprint = await caseFootprint(caseId!);
    expect(footprint.completed).toBe(1);
    expect(footprint.tasks).toBe(2);
  });

  it('never commits a transaction whose work swallowed a failed statement', async () => {
    const [caseId] = await startCases(store, 1);
    const before = await caseFootprint(caseId!);
    const attempt = store.deps.database.transact(async (tx) => {
      await tx(`update cases set revision = revision + 100 where id = $1::uuid`, [caseId]);
      await tx('select 1 / 0').catch(() => {});
      return { value: 'saved?', writes: [] };
    });
    await expect(attempt).rejects.toThrow(/division by zero/);
    expect(await caseFootprint(caseId!)).toEqual(before);
  });

  it('answers a deadlock or serialization failure as the lost race it is: 409, try again', () => {
    for (const code of ['40P01', '40001']) {
      const error = Object.assign(new Error('deadlock detected'), { code });
      expect(() => rethrowLostRace(error)).toThrow(
        expect.objectContaining({ kind: 'CONFLICT', code: 'TASK_CHANGED' }),
      );
    }
    const other = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(() => rethrowLostRace(other)).toThrow(other);
  });
});
