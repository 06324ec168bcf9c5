import type { SopDocument } from '@alur/schema';
import { LANE_WIDTH } from '@alur/schema/core';
import { describe, expect, it } from 'vitest';
import { toCaseFlowElements } from './case-flow.ts';
import { computeCasePath } from './case-path.ts';

//  lane Kasi        lane Staf
//  s ─► a (x=+10)
//        └────────► b ─► e
const doc = {
  lanes: [
    { id: 'k', name: 'Kasi', kind: 'position', positionKey: 'kasi' },
    { id: 's', name: 'Staf', kind: 'position', positionKey: 'staf' },
  ],
  nodes: [
    { id: 'start', type: 'start', laneId: 'k', position: { x: 0, y: 80 } },
    { id: 'a', type: 'activity', laneId: 'k', position: { x: 10, y: 160 } },
    { id: 'b', type: 'activity', laneId: 's', position: { x: 0, y: 270 } },
    { id: 'end', type: 'end', laneId: 's', position: { x: 0, y: 380 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'a' },
    { id: 'e2', source: 'a', target: 'b' },
    { id: 'e3', source: 'b', target: 'end' },
  ],
} as unknown as SopDocument;

describe('toCaseFlowElements', () => {
  const path = computeCasePath(
    doc,
    [
      { nodeId: 'a', status: 'completed', outcome: null },
      { nodeId: 'b', status: 'claimed', outcome: null },
    ],
    false,
  );
  const { nodes, edges } = toCaseFlowElements(doc, path);

  it('draws each lane as a column and centres nodes in their lane plus the stored offset', () => {
    expect(nodes.filter((n) => n.type === 'lane').map((n) => n.position.x)).toEqual([0, LANE_WIDTH]);
    const a = nodes.find((n) => n.id === 'a')!;
    expect(a.position).toEqual({ x: (LANE_WIDTH - 170) / 2 + 10, y: 160 });
    const b = nodes.find((n) => n.id === 'b')!;
    expect(b.position.x).toBe(LANE_WIDTH + (LANE_WIDTH - 170) / 2);
  });

  it('centres nodes stored with absolute x and moves a drawing that starts under the headers', () => {
    const legacy = {
      ...doc,
      nodes: [
        { id: 'start', type: 'start', laneId: 'k', position: { x: 0, y: 0 } },
        { id: 'b', type: 'activity', laneId: 's', position: { x: 240, y: 120 } },
      ],
      edges: [],
    } as unknown as SopDocument;
    const out = toCaseFlowElements(legacy, computeCasePath(legacy, [], false)).nodes;
    const b = out.find((n) => n.id === 'b')!;
    expect(b.position.x).toBe(LANE_WIDTH + (LANE_WIDTH - 170) / 2);
    expect(out.find((n) => n.id === 'start')!.position.y).toBeGreaterThanOrEqual(56);
    expect(b.position.y - out.find((n) => n.id === 'start')!.position.y).toBe(120);
  });

  it('marks passed, current and untouched steps and edges', () => {
    const state = (id: string) => (nodes.find((n) => n.id === id)!.data as { state: string }).state;
    expect([state('start'), state('a'), state('b'), state('end')]).toEqual([
      'done',
      'done',
      'current',
      'todo',
    ]);
    expect(edges.map((e) => e.className)).toEqual(['edge-taken', 'edge-taken', 'edge-untaken']);
  });
});
