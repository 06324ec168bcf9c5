import { LANE_WIDTH, NODE_SIZE } from '@alur/schema/core';
import { describe, expect, it } from 'vitest';
import { applyCommand } from './commands.ts';
import { createSampleDocument } from './fixtures.ts';
import { keepIfSame, LANE_NODE_PREFIX, toFlowElements } from './flow-elements.ts';
import { EMPTY_SELECTION } from './selection.ts';

describe('toFlowElements', () => {
  it('derives one lane column per lane and one node per step, centred in its lane', () => {
    const { nodes } = toFlowElements(createSampleDocument(), EMPTY_SELECTION);
    const lanes = nodes.filter((n) => n.type === 'lane');
    expect(lanes.map((n) => n.id)).toEqual([`${LANE_NODE_PREFIX}l-staf`, `${LANE_NODE_PREFIX}l-kasi`]);
    const d1 = nodes.find((n) => n.id === 'd1')!;
    expect(d1.position.x + NODE_SIZE.decision.width / 2).toBe(LANE_WIDTH * 1.5);
    expect(d1.data).toMatchObject({ row: 2 });
  });

  it('moves nodes with their lane when lanes are reordered', () => {
    const doc = applyCommand(createSampleDocument(), {
      type: 'lane.move',
      payload: { laneId: 'l-kasi', toIndex: 0 },
    });
    const d1 = toFlowElements(doc, EMPTY_SELECTION).nodes.find((n) => n.id === 'd1')!;
    expect(d1.position.x + NODE_SIZE.decision.width / 2).toBe(LANE_WIDTH / 2);
  });

  it('centres a node with a foreign absolute x (the seeds store 240 for lane 1), as the runtime does', () => {
    const doc = createSampleDocument();
    for (const x of [240, 900]) {
      const far = {
        ...doc,
        nodes: doc.nodes.map((n) => (n.id === 'd1' ? { ...n, position: { x, y: 300 } } : n)),
      };
      const d1 = toFlowElements(far, EMPTY_SELECTION).nodes.find((n) => n.id === 'd1')!;
      expect(d1.position.x + NODE_SIZE.decision.width / 2).toBe(LANE_WIDTH * 1.5);
    }
  });

  it('marks the selection and labels decision exits', () => {
    const { nodes, edges } = toFlowElements(createSampleDocument(), {
      ...EMPTY_SELECTION,
      nodeIds: ['a1'],
      edgeIds: ['e4'],
    });
    expect(nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['a1']);
    expect(edges.find((e) => e.id === 'e4')).toMatchObject({ selected: true, label: 'tidak' });
    expect(edges.find((e) => e.id === 'e1')!.label).toBeUndefined();
  });

  it('never leaks React Flow view state into the document', () => {
    const doc = createSampleDocument();
    const before = JSON.stringify(doc);
    toFlowElements(doc, { ...EMPTY_SELECTION, nodeIds: ['a1'] });
    expect(JSON.stringify(doc)).toBe(before);
    expect(Object.keys(doc.nodes[0]!)).not.toContain('measured');
  });
  it('colours a comparison: added, changed and removed elements carry their diff class', () => {
    const highlight = {
      nodes: new Map([
        ['a1', 'changed' as const],
        ['a3', 'removed' as const],
      ]),
      edges: new Map([['e3', 'added' as const]]),
      lanes: new Map([['l-kasi', 'added' as const]]),
    };
    const { nodes, edges } = toFlowElements(createSampleDocument(), EMPTY_SELECTION, highlight);
    expect(nodes.find((n) => n.id === 'a1')?.className).toBe('diff-changed');
    expect(nodes.find((n) => n.id === 'a3')?.className).toBe('diff-removed');
    expect(nodes.find((n) => n.id === 's')?.className).toBeUndefined();
    expect(nodes.find((n) => n.id === `${LANE_NODE_PREFIX}l-kasi`)?.className).toBe('diff-added');
    expect(edges.find((e) => e.id === 'e3')?.className).toBe('edge-ya diff-added');
    expect(edges.find((e) => e.id === 'e4')?.className).toBe('edge-tidak');
  });
});

describe('toFlowElements reuse', () => {
  it('keeps the elements of everything a move did not touch, and renews the moved one', () => {
    const doc = createSampleDocument();
    const before = toFlowElements(doc, EMPTY_SELECTION);
    const moving = doc.nodes.find((n) => n.type === 'activity')!;
    const after = toFlowElements(
      applyCommand(doc, {
        type: 'node.move',
        payload: { nodeId: moving.id, laneId: moving.laneId, position: { x: 10, y: moving.position.y + 5 } },
      }),
      EMPTY_SELECTION,
    );
    for (const element of after.nodes) {
      const old = before.nodes.find((n) => n.id === element.id)!;
      if (element.id === moving.id) expect(element).not.toBe(old);
      else if (!element.id.startsWith(LANE_NODE_PREFIX)) expect(element).toBe(old);
    }
    // Arrows away from the moved symbol keep their element; the loop back into it is re-routed.
    const touching = (e: { source: string; target: string }) =>
      e.source === moving.id || e.target === moving.id;
    expect(after.edges.filter((e) => !touching(e)).every((e) => before.edges.includes(e))).toBe(true);
    const loop = after.edges.find((e) => e.data?.route && e.target === moving.id)!;
    expect(loop.data!.route!.path).not.toBe(before.edges.find((e) => e.id === loop.id)!.data!.route!.path);
  });

  it('keeps the arrows of a move that changes none, and gives new ones when a loop is rerouted', () => {
    const doc = createSampleDocument();
    const before = toFlowElements(doc, EMPTY_SELECTION);
    // a3 has no back edge: moving it leaves every arrow's element, so the array is kept.
    const moved = applyCommand(doc, {
      type: 'node.move',
      payload: { nodeId: 'a3', laneId: 'l-staf', position: { x: 0, y: 420 } },
    });
    const after = toFlowElements(moved, EMPTY_SELECTION);
    expect(keepIfSame(before.edges, after.edges)).toBe(before.edges);
    expect(keepIfSame(before.nodes, after.nodes)).not.toBe(before.nodes);
    // d1's "tidak" loops back to a1: moving d1 reroutes it.
    const loopMoved = applyCommand(doc, {
      type: 'node.move',
      payload: { nodeId: 'd1', laneId: 'l-kasi', position: { x: 0, y: 500 } },
    });
    const rerouted = toFlowElements(loopMoved, EMPTY_SELECTION);
    expect(keepIfSame(before.edges, rerouted.edges)).not.toBe(before.edges);
  });
});
