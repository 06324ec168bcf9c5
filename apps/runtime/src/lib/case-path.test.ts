import type { SopDocument } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { computeCasePath, type TaskTrace } from './case-path.ts';

/*
 *  s ─► a ─► d ──ya──► b ─► e
 *       ▲    │
 *       └─tidak
 */
const doc = {
  lanes: [{ id: 'l', name: 'Staf', kind: 'position', positionKey: 'staf' }],
  nodes: [
    { id: 's', type: 'start' },
    { id: 'a', type: 'activity' },
    { id: 'd', type: 'decision' },
    { id: 'b', type: 'activity' },
    { id: 'e', type: 'end' },
  ],
  edges: [
    { id: 'sa', source: 's', target: 'a' },
    { id: 'ad', source: 'a', target: 'd' },
    { id: 'dy', source: 'd', target: 'b', label: 'ya' },
    { id: 'dt', source: 'd', target: 'a', label: 'tidak' },
    { id: 'be', source: 'b', target: 'e' },
  ],
} as unknown as SopDocument;

const task = (nodeId: string, status: TaskTrace['status'], outcome: TaskTrace['outcome'] = null) => ({
  nodeId,
  status,
  outcome,
});

describe('computeCasePath', () => {
  it('marks only the first step as current right after the start', () => {
    const path = computeCasePath(doc, [task('a', 'open')], false);
    expect([...path.takenEdges]).toEqual(['sa']);
    expect([...path.current]).toEqual(['a']);
    expect(path.visited.has('d')).toBe(false);
  });

  it('follows the tidak loop back and leaves the ya exit untaken', () => {
    const path = computeCasePath(
      doc,
      [task('a', 'completed'), task('d', 'completed', 'tidak'), task('a', 'open')],
      false,
    );
    expect(path.takenEdges).toEqual(new Set(['sa', 'ad', 'dt']));
    expect(path.current).toEqual(new Set(['a']));
  });

  it('reaches Selesai only when the case is completed', () => {
    const tasks = [task('a', 'completed'), task('d', 'completed', 'ya'), task('b', 'completed')];
    expect(computeCasePath(doc, tasks, false).takenEdges.has('be')).toBe(false);
    const done = computeCasePath(doc, tasks, true);
    expect(done.takenEdges).toEqual(new Set(['sa', 'ad', 'dy', 'be']));
    expect(done.visited.has('e')).toBe(true);
  });

  it('ignores cancelled attempts', () => {
    const path = computeCasePath(doc, [task('a', 'cancelled')], false);
    expect(path.takenEdges.size).toBe(0);
    expect(path.current.size).toBe(0);
  });
});
