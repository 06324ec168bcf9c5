import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { buildDoc } from './testing/build-doc.ts';
import { actor, createTestContext, expectError, expectOk, openTaskAt } from './testing/harness.ts';
import type { CaseState } from './types.ts';

/*
 *  staf:   (s) ──▶ [konsep] ◀──────────────── tidak ──┐
 *                     │                               │
 *  kasi:              └───────────▶ <setuju?> ─────────┘
 *                                       │ ya
 *  kabid:                               └──▶ [tanda tangan] ──▶ (x)
 */
const loop = buildDoc({
  lanes: { staf: 'position:staf', kasi: 'position:kasi', kabid: 'position:kabid' },
  nodes: {
    s: 'start@staf',
    konsep: 'activity@staf 1 hari',
    setuju: 'decision@kasi 30 menit',
    ttd: 'activity@kabid',
    x: 'end@kabid',
  },
  flows: ['s > konsep > setuju', 'setuju:ya > ttd > x', 'setuju:tidak > konsep'],
});

const staf = actor('u-staf', 'staf');
const kasi = actor('u-kasi', 'kasi');
const kabid = actor('u-kabid', 'kabid');

function startLoop(): { state: CaseState; ctx: ReturnType<typeof createTestContext> } {
  const ctx = createTestContext();
  let state = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'Surat' }, loop, ctx)).next;
  state = expectOk(
    decide(state, { type: 'task.complete', actor: staf, taskId: openTaskAt(state, 'konsep').id }, loop, ctx),
  ).next;
  return { state, ctx };
}

describe('decide › decision loop', () => {
  it('a "tidak" returns to the earlier step as a new attempt and keeps the history', () => {
    const { ctx, state: atDecision } = startLoop();
    const decision = openTaskAt(atDecision, 'setuju');
    const r = expectOk(
      decide(
        atDecision,
        {
          type: 'task.complete',
          actor: kasi,
          taskId: decision.id,
          outcome: 'tidak',
          note: 'perbaiki paragraf 2',
        },
        loop,
        ctx,
      ),
    );
    let state = r.next;
    const again = openTaskAt(state, 'konsep');
    expect(again.attempt).toBe(2);
    expect(state.tasks.map((t) => [t.nodeId, t.attempt, t.status, t.outcome])).toEqual([
      ['konsep', 1, 'completed', null],
      ['setuju', 1, 'completed', 'tidak'],
      ['konsep', 2, 'open', null],
    ]);
    expect(r.effects).toContainEqual(
      expect.objectContaining({
        type: 'audit',
        action: 'decision.made',
        data: expect.objectContaining({ userId: 'u-kasi', outcome: 'tidak', note: 'perbaiki paragraf 2' }),
      }),
    );
    state = expectOk(decide(state, { type: 'task.complete', actor: staf, taskId: again.id }, loop, ctx)).next;
    const second = openTaskAt(state, 'setuju');
    expect(second.attempt).toBe(2);
    state = expectOk(
      decide(state, { type: 'task.complete', actor: kasi, taskId: second.id, outcome: 'ya' }, loop, ctx),
    ).next;
    state = expectOk(
      decide(state, { type: 'task.complete', actor: kabid, taskId: openTaskAt(state, 'ttd').id }, loop, ctx),
    ).next;
    expect(state.status).toBe('completed');
    expect(state.tasks.map((t) => `${t.nodeId}#${t.attempt}`)).toEqual([
      'konsep#1',
      'setuju#1',
      'konsep#2',
      'setuju#2',
      'ttd#1',
    ]);
  });

  it('the step sent back by a "tidak" carries the decision and its note; a first visit does not', () => {
    const { ctx, state: atDecision } = startLoop();
    const decision = openTaskAt(atDecision, 'setuju');
    const cmd = { type: 'task.complete', actor: kasi, taskId: decision.id, outcome: 'tidak' } as const;
    const r = expectOk(decide(atDecision, { ...cmd, note: 'Lampirkan KK' }, loop, ctx));
    const again = openTaskAt(r.next, 'konsep');
    const sentBack = { taskId: decision.id, nodeId: 'setuju', note: 'Lampirkan KK', by: 'u-kasi' };
    expect(r.effects).toContainEqual({ type: 'task.created', task: again, sentBack });
    expect(r.effects).toContainEqual(
      expect.objectContaining({ action: 'task.created', data: expect.objectContaining({ sentBack }) }),
    );
    // Completing the reworked step reaches the decision again, but no "tidak" sent it there.
    const next = expectOk(
      decide(r.next, { type: 'task.complete', actor: staf, taskId: again.id }, loop, ctx),
    );
    const created = next.effects.filter((e) => e.type === 'task.created');
    expect(created).toHaveLength(1);
    expect(created[0]).not.toHaveProperty('sentBack');
  });

  it('a decision needs ya or tidak; an activity refuses one', () => {
    const { ctx, state } = startLoop();
    const decision = openTaskAt(state, 'setuju');
    expect(
      expectError(decide(state, { type: 'task.complete', actor: kasi, taskId: decision.id }, loop, ctx)),
    ).toBe('OUTCOME_REQUIRED');
    const next = expectOk(
      decide(state, { type: 'task.complete', actor: kasi, taskId: decision.id, outcome: 'tidak' }, loop, ctx),
    ).next;
    const activity = openTaskAt(next, 'konsep');
    const r = decide(
      next,
      { type: 'task.complete', actor: staf, taskId: activity.id, outcome: 'ya' },
      loop,
      ctx,
    );
    expect(expectError(r)).toBe('OUTCOME_NOT_ALLOWED');
    expect(!r.ok && r.error.message.en).toContain('outcome');
  });

  it('completing the same task twice is refused with TASK_NOT_OPEN', () => {
    const { ctx, state } = startLoop();
    const decision = openTaskAt(state, 'setuju');
    const cmd = { type: 'task.complete', actor: kasi, taskId: decision.id, outcome: 'ya' } as const;
    const once = expectOk(decide(state, cmd, loop, ctx)).next;
    const twice = decide(once, cmd, loop, ctx);
    expect(expectError(twice)).toBe('TASK_NOT_OPEN');
    expect(!twice.ok && twice.error.message.id).toContain('sudah selesai');
  });
  it('numbers attempts the same when the store left the finished tasks out and counted them instead', () => {
    const { ctx, state: atDecision } = startLoop();
    const decision = openTaskAt(atDecision, 'setuju');
    const command = { type: 'task.complete', actor: kasi, taskId: decision.id, outcome: 'tidak' } as const;
    const whole = expectOk(decide(atDecision, command, loop, ctx)).next;
    // What the store reads for this command: the decision task, and the finished "konsep" counted.
    const lean: CaseState = { ...atDecision, tasks: [decision], earlierVisits: { konsep: 1 } };
    const leanNext = expectOk(decide(lean, command, loop, ctx)).next;
    expect(openTaskAt(whole, 'konsep').attempt).toBe(2);
    expect(openTaskAt(leanNext, 'konsep').attempt).toBe(2);
    // The counts are the caller's: decide does not change the state it was given.
    expect(lean.earlierVisits).toEqual({ konsep: 1 });
  });
});
