import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { canMigrate, migrateCaseState } from './migrate-case.ts';
import { buildDoc } from './testing/build-doc.ts';
import { actor, admin, createTestContext, expectOk, openTaskAt } from './testing/harness.ts';

/*
 *  v1   staf: (s) ─▶ [terima] ─▶ [periksa] ─▶ (x)
 */
const v1 = buildDoc({
  lanes: { staf: 'position:staf' },
  nodes: { s: 'start@staf', terima: 'activity@staf', periksa: 'activity@staf', x: 'end@staf' },
  flows: ['s > terima > periksa > x'],
});
/*
 *  v2   staf: (s) ─▶ [terima] ─▶ [periksa] ─▶ (x)     periksa moved to the kasi lane,
 *  kasi:                  └─────────▶ ▲               a new step [arsip] after it
 */
const v2 = buildDoc({
  lanes: { staf: 'position:staf', kasi: 'position:kasi' },
  nodes: {
    s: 'start@staf',
    terima: 'activity@staf',
    periksa: 'activity@kasi',
    arsip: 'activity@staf',
    x: 'end@staf',
  },
  flows: ['s > terima > periksa > arsip > x'],
});
/*
 *  v3   staf: (s) ─▶ [terima] ─▶ [verifikasi] ─▶ (x)    periksa is gone
 */
const v3 = buildDoc({
  lanes: { staf: 'position:staf' },
  nodes: { s: 'start@staf', terima: 'activity@staf', verifikasi: 'activity@staf', x: 'end@staf' },
  flows: ['s > terima > verifikasi > x'],
});

const staf = actor('ani', 'staf');
const ctx = createTestContext();
const started = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'x' }, v1, ctx)).next;
const atPeriksa = expectOk(
  decide(started, { type: 'task.complete', actor: staf, taskId: openTaskAt(started, 'terima').id }, v1, ctx),
).next;

describe('case migration', () => {
  it('is allowed where every open step exists in the new version', () => {
    expect(canMigrate(atPeriksa, v1, v2)).toEqual({ ok: true });
    expect(canMigrate(atPeriksa, v1, v3)).toEqual({ ok: false, missingNodeIds: ['periksa'] });
    // Only open steps count: terima (done) is fine in v3, periksa is open.
    expect(canMigrate(started, v1, v3)).toEqual({ ok: true });
  });

  it('a step that changed kind counts as missing', () => {
    const asDecision = {
      ...v2,
      nodes: v2.nodes.map((n) => (n.id === 'periksa' ? { ...n, type: 'decision' as const } : n)),
    };
    expect(canMigrate(atPeriksa, v1, asDecision)).toEqual({ ok: false, missingNodeIds: ['periksa'] });
  });

  it('moves the open task to the new lane position and continues on the new version', () => {
    const r = migrateCaseState(atPeriksa, v1, v2, admin, { fromVersion: 1, toVersion: 2 });
    if (!r.ok) throw new Error('expected ok');
    const periksa = openTaskAt(r.next, 'periksa');
    expect(periksa).toMatchObject({
      positionKey: 'kasi',
      attempt: 1,
      id: openTaskAt(atPeriksa, 'periksa').id,
    });
    expect(r.effects).toEqual([
      expect.objectContaining({ type: 'task.updated', previousStatus: 'open' }),
      expect.objectContaining({
        type: 'audit',
        action: 'case.migrated',
        data: expect.objectContaining({ userId: 'admin', fromVersion: 1, toVersion: 2 }),
      }),
    ]);
    const kasi = actor('budi', 'kasi');
    const next = expectOk(
      decide(r.next, { type: 'task.complete', actor: kasi, taskId: periksa.id }, v2, ctx),
    ).next;
    expect(openTaskAt(next, 'arsip').attempt).toBe(1);
  });

  it('refuses with the missing steps and leaves the state alone', () => {
    const before = structuredClone(atPeriksa);
    expect(migrateCaseState(atPeriksa, v1, v3, admin)).toEqual({ ok: false, missingNodeIds: ['periksa'] });
    expect(atPeriksa).toEqual(before);
  });
});

/*
 *  staf: (s) ─▶ <F> ─┬─▶ [a] ─▶ <J> ─▶ (x)
 *                    └─▶ [b] ───┘
 */
const parallel = buildDoc({
  lanes: { staf: 'position:staf' },
  nodes: {
    s: 'start@staf',
    f: 'fork@staf',
    a: 'activity@staf',
    b: 'activity@staf',
    j: 'join@staf',
    x: 'end@staf',
  },
  flows: ['s > f > a > j > x', 'f > b > j'],
});
/*
 *  the same steps without the parallel block: (s) ─▶ [a] ─▶ [b] ─▶ (x)
 */
const serial = buildDoc({
  lanes: { staf: 'position:staf' },
  nodes: { s: 'start@staf', a: 'activity@staf', b: 'activity@staf', x: 'end@staf' },
  flows: ['s > a > b > x'],
});

describe('case migration › parallel branches', () => {
  it('a branch waiting at a join needs that join and its fork in the new version', () => {
    let state = expectOk(decide(null, { type: 'case.start', actor: staf, title: 'x' }, parallel, ctx)).next;
    state = expectOk(
      decide(state, { type: 'task.complete', actor: staf, taskId: openTaskAt(state, 'a').id }, parallel, ctx),
    ).next;
    expect(canMigrate(state, parallel, parallel)).toEqual({ ok: true });
    expect(canMigrate(state, parallel, serial)).toEqual({ ok: false, missingNodeIds: ['f', 'j'] });
  });
});
