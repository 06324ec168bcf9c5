import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { buildDoc } from './testing/build-doc.ts';
import { actor, admin, createTestContext, expectError, expectOk, openTaskAt } from './testing/harness.ts';
import type { EngineCommand } from './types.ts';

/*
 *  staf: (s) ─▶ [periksa] ─▶ [arsip] ─▶ (x)
 */
const doc = buildDoc({
  lanes: { staf: 'position:staf' },
  nodes: { s: 'start@staf', periksa: 'activity@staf', arsip: 'activity@staf', x: 'end@staf' },
  flows: ['s > periksa > arsip > x'],
});
const ani = actor('ani', 'staf');
const budi = actor('budi', 'staf');
const kasi = actor('kasi', 'kasi');
const ctx = createTestContext();
const started = expectOk(decide(null, { type: 'case.start', actor: ani, title: 'x' }, doc, ctx)).next;
const taskId = openTaskAt(started, 'periksa').id;
const claimedByAni = expectOk(decide(started, { type: 'task.claim', actor: ani, taskId }, doc, ctx)).next;

const run = (state: typeof started, command: EngineCommand) => decide(state, command, doc, ctx);

describe('task permissions › claim', () => {
  it('claims an open task for a holder of its position', () => {
    const r = expectOk(run(started, { type: 'task.claim', actor: ani, taskId }));
    expect(r.next.tasks[0]).toMatchObject({ status: 'claimed', claimedBy: 'ani' });
    expect(r.effects).toEqual([
      expect.objectContaining({ type: 'task.updated', previousStatus: 'open' }),
      expect.objectContaining({ type: 'audit', action: 'task.claimed', taskId, data: { userId: 'ani' } }),
    ]);
  });
  it('refuses an actor without the position', () => {
    expect(expectError(run(started, { type: 'task.claim', actor: kasi, taskId }))).toBe('NOT_YOUR_POSITION');
  });
  it('refuses a task claimed by someone else', () => {
    expect(expectError(run(claimedByAni, { type: 'task.claim', actor: budi, taskId }))).toBe(
      'TASK_CLAIMED_BY_OTHER',
    );
  });
  it('claiming one’s own claimed task again changes nothing (a double tap)', () => {
    const r = expectOk(run(claimedByAni, { type: 'task.claim', actor: ani, taskId }));
    expect(r.effects).toEqual([]);
    expect(r.next).toEqual(claimedByAni);
  });
  it('refuses an unknown task', () => {
    expect(expectError(run(started, { type: 'task.claim', actor: ani, taskId: 'nope' }))).toBe(
      'TASK_NOT_FOUND',
    );
  });
});

describe('task permissions › release', () => {
  it('the claimer releases back to the inbox', () => {
    const r = expectOk(run(claimedByAni, { type: 'task.release', actor: ani, taskId }));
    expect(r.next.tasks[0]).toMatchObject({ status: 'open', claimedBy: null });
  });
  it('an admin may release anyone’s claim', () => {
    expectOk(run(claimedByAni, { type: 'task.release', actor: admin, taskId }));
  });
  it('another holder of the position may not', () => {
    expect(expectError(run(claimedByAni, { type: 'task.release', actor: budi, taskId }))).toBe(
      'TASK_CLAIMED_BY_OTHER',
    );
  });
  it('an unclaimed task has nothing to release', () => {
    expect(expectError(run(started, { type: 'task.release', actor: ani, taskId }))).toBe('TASK_NOT_CLAIMED');
  });
});

describe('task permissions › reassign', () => {
  it('the claimer hands the task to a colleague', () => {
    const r = expectOk(run(claimedByAni, { type: 'task.reassign', actor: ani, taskId, toUserId: 'budi' }));
    expect(r.next.tasks[0]).toMatchObject({ status: 'claimed', claimedBy: 'budi' });
    expect(r.effects).toContainEqual(
      expect.objectContaining({
        action: 'task.reassigned',
        data: { userId: 'ani', fromUserId: 'ani', toUserId: 'budi' },
      }),
    );
  });
  it('an admin assigns even an unclaimed task', () => {
    const r = expectOk(run(started, { type: 'task.reassign', actor: admin, taskId, toUserId: 'budi' }));
    expect(r.next.tasks[0]).toMatchObject({ status: 'claimed', claimedBy: 'budi' });
  });
  it('a non-claimer may not', () => {
    expect(
      expectError(run(claimedByAni, { type: 'task.reassign', actor: budi, taskId, toUserId: 'budi' })),
    ).toBe('TASK_CLAIMED_BY_OTHER');
    expect(expectError(run(started, { type: 'task.reassign', actor: budi, taskId, toUserId: 'budi' }))).toBe(
      'TASK_NOT_CLAIMED',
    );
  });
});

describe('task permissions › complete', () => {
  it('completing an unclaimed open task claims it implicitly', () => {
    const r = expectOk(run(started, { type: 'task.complete', actor: budi, taskId }));
    expect(r.next.tasks[0]).toMatchObject({ status: 'completed', claimedBy: 'budi', completedBy: 'budi' });
    expect(r.effects).toContainEqual(
      expect.objectContaining({
        action: 'task.completed',
        data: expect.objectContaining({ implicitClaim: true }),
      }),
    );
  });
  it('refuses a task claimed by someone else, and an actor without the position', () => {
    expect(expectError(run(claimedByAni, { type: 'task.complete', actor: budi, taskId }))).toBe(
      'TASK_CLAIMED_BY_OTHER',
    );
    expect(expectError(run(started, { type: 'task.complete', actor: kasi, taskId }))).toBe(
      'NOT_YOUR_POSITION',
    );
  });
  it('a completed task refuses every further command with TASK_NOT_OPEN', () => {
    const done = expectOk(run(claimedByAni, { type: 'task.complete', actor: ani, taskId })).next;
    for (const command of [
      { type: 'task.complete', actor: ani, taskId },
      { type: 'task.claim', actor: ani, taskId },
      { type: 'task.release', actor: ani, taskId },
      { type: 'task.reassign', actor: admin, taskId, toUserId: 'budi' },
    ] as const) {
      expect(expectError(run(done, command))).toBe('TASK_NOT_OPEN');
    }
  });
});
