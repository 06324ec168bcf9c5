import { validateSop } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { findOpenTasks } from './case-state.ts';
import { decide } from './decide.ts';
import { buildDoc } from './testing/build-doc.ts';
import {
  actor,
  createTestContext,
  expectError,
  expectOk,
  openNodeIds,
  openTaskAt,
} from './testing/harness.ts';
import type { CaseState } from './types.ts';

/*
 *  Adoption home visit: Kasi and Peksos visit at the same time, Kabid decides afterwards.
 *
 *  staf:   (s) ─▶ [terima] ─▶ <F>─────────────┐
 *  kasi:                       ├─▶ [visit kasi] ─────────▶ <J> ─▶ <layak?> ─ya─▶ (x)
 *  peksos:                     └─▶ [visit peksos] ─▶ [laporan] ─┘      │
 *                                       ▲                              │ tidak
 *                                       └──────────────────────────────┘
 *  (the "tidak" loops from after the join back into the peksos branch only)
 */
const visits = buildDoc({
  lanes: { staf: 'position:staf', kasi: 'position:kasi', peksos: 'position:peksos', kabid: 'position:kabid' },
  nodes: {
    s: 'start@staf',
    terima: 'activity@staf',
    f: 'fork@staf',
    visitKasi: 'activity@kasi 1 hari',
    visitPeksos: 'activity@peksos 1 hari',
    laporan: 'activity@peksos',
    j: 'join@kabid',
    layak: 'decision@kabid',
    x: 'end@kabid',
  },
  flows: [
    's > terima > f',
    'f > visitKasi > j',
    'f > visitPeksos > laporan > j',
    'j > layak',
    'layak:ya > x',
    'layak:tidak > visitPeksos',
  ],
});

const staf = actor('u-staf', 'staf');
const kasi = actor('u-kasi', 'kasi');
const peksos = actor('u-peksos', 'peksos');
const kabid = actor('u-kabid', 'kabid');
const ctx = createTestContext();

function complete(
  state: CaseState,
  nodeId: string,
  who = [staf, kasi, peksos, kabid],
  outcome?: 'ya' | 'tidak',
) {
  const task = openTaskAt(state, nodeId);
  const by = who.find((a) => a.positions.includes(task.positionKey))!;
  return expectOk(decide(state, { type: 'task.complete', actor: by, taskId: task.id, outcome }, visits, ctx))
    .next;
}

function atFork(): CaseState {
  const state = expectOk(
    decide(null, { type: 'case.start', actor: staf, title: 'Adopsi' }, visits, ctx),
  ).next;
  return complete(state, 'terima');
}

describe('decide › fork and join', () => {
  it('a fork opens one task per branch, each with its own child token of root', () => {
    const state = atFork();
    expect(openNodeIds(state)).toEqual(['visitKasi', 'visitPeksos']);
    const [a, b] = findOpenTasks(state);
    expect(a!.token).not.toBe(b!.token);
    expect(state.tokens[a!.token]).toEqual({ parent: 'root', forkNodeId: 'f' });
    expect(state.tokens[b!.token]).toEqual({ parent: 'root', forkNodeId: 'f' });
  });

  it.each([
    ['kasi first', ['visitKasi', 'visitPeksos', 'laporan']],
    ['peksos first', ['visitPeksos', 'laporan', 'visitKasi']],
    ['interleaved', ['visitPeksos', 'visitKasi', 'laporan']],
  ])('the join waits for both branches (%s)', (_name, order) => {
    let state = atFork();
    for (const [i, nodeId] of order.entries()) {
      state = complete(state, nodeId);
      if (i < order.length - 1) expect(openNodeIds(state)).not.toContain('layak');
    }
    expect(openNodeIds(state)).toEqual(['layak']);
    expect(openTaskAt(state, 'layak').token).toBe('root');
    // The branches are over: only root is live and no join waits.
    expect(Object.keys(state.tokens)).toEqual(['root']);
    expect(state.joins).toEqual({});
    state = complete(state, 'layak', undefined, 'ya');
    expect(state.status).toBe('completed');
  });

  it('records a branch waiting at the join under join|parent', () => {
    const state = complete(atFork(), 'visitKasi');
    const kasiToken = state.tasks.find((t) => t.nodeId === 'visitKasi')!.token;
    expect(state.joins).toEqual({ 'j|root': [kasiToken] });
  });

  it('a "tidak" from after the join back into one branch redoes only that branch, then passes the join', () => {
    let state = atFork();
    for (const nodeId of ['visitKasi', 'visitPeksos', 'laporan']) state = complete(state, nodeId);
    state = complete(state, 'layak', undefined, 'tidak');
    expect(openNodeIds(state)).toEqual(['visitPeksos']);
    expect(openTaskAt(state, 'visitPeksos')).toMatchObject({ attempt: 2, token: 'root' });
    state = complete(complete(state, 'visitPeksos'), 'laporan');
    expect(openTaskAt(state, 'layak').attempt).toBe(2);
    state = complete(state, 'layak', undefined, 'ya');
    expect(state.status).toBe('completed');
  });

  it('cancelling a forked case cancels both branches and clears the tokens', () => {
    const state = atFork();
    const r = expectOk(decide(state, { type: 'case.cancel', actor: kabid, reason: 'batal' }, visits, ctx));
    expect(
      r.next.tasks
        .filter((t) => t.status === 'cancelled')
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(['visitKasi', 'visitPeksos']);
    expect(r.next.tokens).toEqual({});
  });
});

/*
 *  staf: (s) ─▶ <F> ─┬─▶ [a] ─▶ <J> ─▶ (x)
 *                    └─▶ [b] ─▶ (x2)      ← a branch escaping to an end: invalid, never a crash
 */
const escaping = buildDoc({
  lanes: { staf: 'position:staf' },
  nodes: {
    s: 'start@staf',
    f: 'fork@staf',
    a: 'activity@staf',
    b: 'activity@staf',
    j: 'join@staf',
    x: 'end@staf',
    x2: 'end@staf',
  },
  flows: ['s > f > a > j > x', 'f > b > x2'],
});

/*
 *  staf: (s) ─▶ <F> ─┬─▶ <J> ─▶ <F> …   a cycle of forks and joins without any work step
 */
const spinning = buildDoc({
  lanes: { staf: 'position:staf' },
  nodes: { s: 'start@staf', f: 'fork@staf', j: 'join@staf', x: 'end@staf' },
  flows: ['s > f > j > f', 'f > j'],
});

describe('decide › documents that validation forbids', () => {
  it('an end reached inside a branch is DOCUMENT_INVALID', () => {
    const c = createTestContext();
    const state = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'x' }, escaping, c)).next;
    const b = openTaskAt(state, 'b');
    const r = decide(state, { type: 'task.complete', actor: staf, taskId: b.id }, escaping, c);
    expect(expectError(r)).toBe('DOCUMENT_INVALID');
    expect(!r.ok && r.error.message.en).toContain('before its join');
    // The other branch meets a join that (for the same reason) closes no fork.
    const a = openTaskAt(state, 'a');
    expect(
      expectError(decide(state, { type: 'task.complete', actor: staf, taskId: a.id }, escaping, c)),
    ).toBe('DOCUMENT_INVALID');
  });

  it('a cycle without work steps is refused instead of looping forever', () => {
    const r = decide(null, { type: 'case.start', actor: staf, title: 'x' }, spinning, createTestContext());
    expect(expectError(r)).toBe('DOCUMENT_INVALID');
  });
});

/*
 *  A "tidak" inside branch 1 returns to before the fork: the parallel block is redone inside
 *  that branch (a nested level), and the case continues once everything met at the join.
 *
 *  staf: (s) ─▶ [siapkan] ─▶ <F> ─┬─▶ [a] ─▶ <ok?> ─ya─▶ <J> ─▶ (x)
 *                  ▲              └─▶ [b] ─────────────┘
 *                  └──────── tidak ───────────┘
 */
const redoBlock = buildDoc({
  lanes: { staf: 'position:staf' },
  nodes: {
    s: 'start@staf',
    siapkan: 'activity@staf',
    f: 'fork@staf',
    a: 'activity@staf',
    ok: 'decision@staf',
    b: 'activity@staf',
    j: 'join@staf',
    x: 'end@staf',
  },
  flows: ['s > siapkan > f > a > ok', 'ok:ya > j > x', 'ok:tidak > siapkan', 'f > b > j'],
});

describe('decide › a branch looping back before its own fork', () => {
  it('is a document validation accepts (and so the engine must run it)', () => {
    expect(validateSop(redoBlock).filter((i) => i.severity === 'error')).toEqual([]);
    expect(validateSop(visits).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('redoes the block as a nested level and completes after both levels joined', () => {
    const c = createTestContext();
    const run = (state: CaseState, nodeId: string, outcome?: 'ya' | 'tidak') =>
      expectOk(
        decide(
          state,
          { type: 'task.complete', actor: staf, taskId: openTaskAt(state, nodeId).id, outcome },
          redoBlock,
          c,
        ),
      ).next;
    let state = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'x' }, redoBlock, c)).next;
    state = run(run(run(state, 'siapkan'), 'b'), 'a');
    state = run(state, 'ok', 'tidak');
    const branchToken = openTaskAt(state, 'siapkan').token;
    expect(state.tokens[branchToken]).toEqual({ parent: 'root', forkNodeId: 'f' });
    state = run(state, 'siapkan');
    expect(openNodeIds(state)).toEqual(['a', 'b']);
    expect(findOpenTasks(state).every((t) => state.tokens[t.token]?.parent === branchToken)).toBe(true);
    state = run(run(run(state, 'a'), 'ok', 'ya'), 'b');
    expect(state.status).toBe('completed');
    expect(state.tasks.map((t) => `${t.nodeId}#${t.attempt}`)).toEqual([
      'siapkan#1',
      'a#1',
      'b#1',
      'ok#1',
      'siapkan#2',
      'a#2',
      'b#2',
      'ok#2',
    ]);
  });
});
