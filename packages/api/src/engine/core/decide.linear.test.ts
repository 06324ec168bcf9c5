import { describe, expect, it } from 'vitest';
import { createCaseState, findOpenTasks } from './case-state.ts';
import { decide } from './decide.ts';
import { buildDoc } from './testing/build-doc.ts';
import { actor, createTestContext, expectError, expectOk, NOW, openTaskAt } from './testing/harness.ts';

/*
 *  lane:  masyarakat (external, recorded by staf) | staf          | kasi
 *
 *         (s) ──▶ [terima] ─────────────────────────▶ [periksa 1 jam] ──▶ [setujui 1 hari] ──▶ (x)
 *                 masyarakat                          staf                kasi
 */
const linear = buildDoc({
  lanes: { masyarakat: 'external:staf', staf: 'position:staf', kasi: 'position:kasi' },
  nodes: {
    s: 'start@masyarakat',
    terima: 'activity@masyarakat',
    periksa: 'activity@staf 1 jam',
    setujui: 'activity@kasi 1 hari',
    x: 'end@kasi',
  },
  flows: ['s > terima > periksa > setujui > x'],
});

const staf = actor('u-staf', 'staf');
const kasi = actor('u-kasi', 'kasi');

describe('decide › linear SOP', () => {
  it('starts on the first step, for the recording position of an external lane', () => {
    const ctx = createTestContext();
    const r = expectOk(
      decide(createCaseState('c1'), { type: 'case.start', actor: staf, title: 'Budi' }, linear, ctx),
    );
    const [task] = r.next.tasks;
    expect(r.next.status).toBe('active');
    expect(task).toMatchObject({
      nodeId: 'terima',
      kind: 'activity',
      positionKey: 'staf',
      status: 'open',
      attempt: 1,
      token: 'root',
      claimedBy: null,
      createdAt: NOW.toISOString(),
      dueAt: null,
    });
    expect(r.effects.map((e) => (e.type === 'audit' ? `audit:${e.action}` : e.type))).toEqual([
      'audit:case.started',
      'task.created',
      'audit:task.created',
    ]);
    const started = r.effects[0]!;
    expect(started.type === 'audit' && started.data).toEqual({ userId: 'u-staf', title: 'Budi' });
  });

  it('walks every step to the end and completes the case', () => {
    const ctx = createTestContext();
    let state = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'Budi' }, linear, ctx)).next;
    state = expectOk(
      decide(
        state,
        { type: 'task.complete', actor: staf, taskId: openTaskAt(state, 'terima').id },
        linear,
        ctx,
      ),
    ).next;
    const periksa = openTaskAt(state, 'periksa');
    // 1 jam of working time: the test calendar adds 60 minutes.
    expect(periksa.dueAt).toBe(new Date(NOW.getTime() + 60 * 60_000).toISOString());
    state = expectOk(
      decide(state, { type: 'task.complete', actor: staf, taskId: periksa.id, note: 'lengkap' }, linear, ctx),
    ).next;
    const setujui = openTaskAt(state, 'setujui');
    expect(setujui.positionKey).toBe('kasi');
    const last = expectOk(
      decide(state, { type: 'task.complete', actor: kasi, taskId: setujui.id }, linear, ctx),
    );
    expect(last.next.status).toBe('completed');
    expect(findOpenTasks(last.next)).toEqual([]);
    expect(last.next.tasks.map((t) => [t.nodeId, t.status, t.completedBy])).toEqual([
      ['terima', 'completed', 'u-staf'],
      ['periksa', 'completed', 'u-staf'],
      ['setujui', 'completed', 'u-kasi'],
    ]);
    expect(last.next.tasks[1]!.note).toBe('lengkap');
    expect(last.effects.some((e) => e.type === 'case.completed')).toBe(true);
    expect(last.effects.some((e) => e.type === 'audit' && e.action === 'case.completed')).toBe(true);
  });

  it('never changes the state it was given', () => {
    const ctx = createTestContext();
    const state = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'x' }, linear, ctx)).next;
    const before = structuredClone(state);
    expectOk(decide(state, { type: 'task.complete', actor: staf, taskId: state.tasks[0]!.id }, linear, ctx));
    expect(state).toEqual(before);
  });

  it('refuses commands on a missing, started, completed or cancelled case', () => {
    const ctx = createTestContext();
    expect(expectError(decide(null, { type: 'task.claim', actor: staf, taskId: 't' }, linear, ctx))).toBe(
      'CASE_NOT_FOUND',
    );
    const state = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'x' }, linear, ctx)).next;
    expect(expectError(decide(state, { type: 'case.start', actor: staf, title: 'x' }, linear, ctx))).toBe(
      'CASE_ALREADY_STARTED',
    );
    const cancelled = expectOk(
      decide(state, { type: 'case.cancel', actor: kasi, reason: 'ganda' }, linear, ctx),
    ).next;
    const r = decide(
      cancelled,
      { type: 'task.complete', actor: staf, taskId: state.tasks[0]!.id },
      linear,
      ctx,
    );
    expect(expectError(r)).toBe('CASE_NOT_ACTIVE');
    expect(!r.ok && r.error.message.id).toContain('dibatalkan');
  });

  it('cancels a case: every open task is cancelled, history stays', () => {
    const ctx = createTestContext();
    let state = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'x' }, linear, ctx)).next;
    state = expectOk(
      decide(state, { type: 'task.complete', actor: staf, taskId: state.tasks[0]!.id }, linear, ctx),
    ).next;
    const r = expectOk(
      decide(state, { type: 'case.cancel', actor: kasi, reason: 'ditarik pemohon' }, linear, ctx),
    );
    expect(r.next.status).toBe('cancelled');
    expect(r.next.tasks.map((t) => t.status)).toEqual(['completed', 'cancelled']);
    expect(r.effects.filter((e) => e.type === 'task.updated')).toHaveLength(1);
    expect(r.effects).toContainEqual({ type: 'case.cancelled' });
    expect(r.effects).toContainEqual(
      expect.objectContaining({
        type: 'audit',
        action: 'case.cancelled',
        data: expect.objectContaining({ reason: 'ditarik pemohon', userId: 'u-kasi' }),
      }),
    );
  });

  it('refuses to start a document without one start, or with an unbound lane, as DOCUMENT_INVALID', () => {
    const ctx = createTestContext();
    const noStart = { ...linear, nodes: linear.nodes.filter((n) => n.type !== 'start') };
    expect(expectError(decide(null, { type: 'case.start', actor: staf, title: 'x' }, noStart, ctx))).toBe(
      'DOCUMENT_INVALID',
    );
    const unbound = buildDoc({
      lanes: { l: 'unbound' },
      nodes: { s: 'start@l', a: 'activity@l', x: 'end@l' },
      flows: ['s > a > x'],
    });
    expect(expectError(decide(null, { type: 'case.start', actor: staf, title: 'x' }, unbound, ctx))).toBe(
      'DOCUMENT_INVALID',
    );
  });
});
