import type { SopDocument } from '@alur/schema';
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
    const loop = doc.edges.find((e) => after.routes.has(e.id) && e.target === moving.id)!;
    expect(after.routes.get(loop.id)!.path).not.toBe(before.routes.get(loop.id)!.path);
    // A loop away from the moved symbol keeps its very route (its arrow is not drawn again).
    for (const [id, route] of after.routes) if (id !== loop.id) expect(route).toBe(before.routes.get(id));
  });

  it('keeps every arrow through a move, and re-routes only the loop it touches', () => {
    const doc = createSampleDocument();
    const before = toFlowElements(doc, EMPTY_SELECTION);
    // a3 has no back edge: moving it leaves every arrow and every route.
    const moved = applyCommand(doc, {
      type: 'node.move',
      payload: { nodeId: 'a3', laneId: 'l-staf', position: { x: 0, y: 420 } },
    });
    const after = toFlowElements(moved, EMPTY_SELECTION);
    expect(keepIfSame(before.edges, after.edges)).toBe(before.edges);
    expect(keepIfSame(before.nodes, after.nodes)).not.toBe(before.nodes);
    expect(after.routes.get('e4')).toBe(before.routes.get('e4'));
    // d1's "tidak" loops back to a1: moving d1 reroutes it, and the arrows stay the same elements.
    const loopMoved = applyCommand(doc, {
      type: 'node.move',
      payload: { nodeId: 'd1', laneId: 'l-kasi', position: { x: 0, y: 500 } },
    });
    const rerouted = toFlowElements(loopMoved, EMPTY_SELECTION);
    expect(keepIfSame(before.edges, rerouted.edges)).toBe(before.edges);
    expect(rerouted.routes.get('e4')!.path).not.toBe(before.routes.get('e4')!.path);
  });

  it('numbers the rows again when a step the row order does not list moves above another', () => {
    const doc: SopDocument = { ...createSampleDocument(), rowOrder: [] };
    const rowOf = (d: SopDocument, id: string) =>
      (toFlowElements(d, EMPTY_SELECTION).nodes.find((n) => n.id === id)!.data as { row: number }).row;
    expect(rowOf(doc, 'a1')).toBe(1);
    const last = doc.nodes.filter((n) => n.type === 'activity').at(-1)!;
    const moved = applyCommand(doc, {
      type: 'node.move',
      payload: { nodeId: last.id, laneId: last.laneId, position: { x: 0, y: 0 } },
    });
    expect(rowOf(moved, last.id)).toBe(1);
    expect(rowOf(moved, 'a1')).toBe(2);
    // Listed in the row order, the same move leaves the numbers as they were.
    const listed = createSampleDocument();
    const movedListed = applyCommand(listed, {
      type: 'node.move',
      payload: { nodeId: last.id, laneId: last.laneId, position: { x: 0, y: 0 } },
    });
    expect(rowOf(movedListed, last.id)).toBe(rowOf(listed, last.id));
  });

  it('makes an arrow a loop, and back, as its symbols cross', () => {
    const doc = createSampleDocument();
    expect(toFlowElements(doc, EMPTY_SELECTION).routes.has('e1')).toBe(false);
    const e1 = doc.edges.find((e) => e.id === 'e1')!;
    const target = doc.nodes.find((n) => n.id === e1.target)!;
    // The source dragged below its target: the arrow now runs back up, beside the symbols.
    const crossed = applyCommand(doc, {
      type: 'node.move',
      payload: { nodeId: e1.source, laneId: target.laneId, position: { x: 0, y: target.position.y + 200 } },
    });
    expect(toFlowElements(crossed, EMPTY_SELECTION).routes.has('e1')).toBe(true);
  });
});
