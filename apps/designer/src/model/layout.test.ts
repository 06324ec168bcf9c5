import { computeRowOrder } from '@alur/schema';
import { findLaneIndexAt, LANE_WIDTH } from '@alur/schema/core';
import { describe, expect, it } from 'vitest';
import { applyCommand } from './commands.ts';
import { createNode, createSampleDocument } from './fixtures.ts';
import { layoutDocument, snapToLane } from './layout.ts';

describe('layoutDocument (Rapikan)', () => {
  it('puts rows top to bottom in row order, Mulai above and Selesai below, all centred', () => {
    const doc = createSampleDocument();
    // Scramble the drawing and reverse the table order.
    const scrambled = {
      ...doc,
      nodes: doc.nodes.map((n, i) => ({ ...n, position: { x: 37 - i * 10, y: 900 - i * 100 } })),
      rowOrder: ['a3', 'd1', 'a1'],
    };
    const laid = applyCommand(scrambled, layoutDocument(scrambled));
    const y = (id: string) => laid.nodes.find((n) => n.id === id)!.position.y;
    const centre = (id: string) => y(id) + (id === 'd1' ? 50 : 32);
    expect(y('s')).toBeLessThan(y('a3'));
    expect(centre('a3')).toBeLessThan(centre('d1'));
    expect(centre('d1')).toBeLessThan(centre('a1'));
    expect(y('a1')).toBeLessThan(y('e'));
    expect(laid.nodes.every((n) => n.position.x === 0)).toBe(true);
    expect(computeRowOrder(laid).map((n) => n.id)).toEqual(['a3', 'd1', 'a1']);
  });

  it('places a fork between the row before it and the branches after it', () => {
    let doc = createSampleDocument();
    doc = applyCommand(doc, { type: 'node.add', payload: { node: createNode('f', 'fork', 'l-staf', 0) } });
    doc = applyCommand(doc, { type: 'edge.add', payload: { edge: { id: 'ef', source: 'f', target: 'a3' } } });
    doc = applyCommand(doc, { type: 'edge.remove', payload: { edgeId: 'e3' } });
    doc = applyCommand(doc, {
      type: 'edge.add',
      payload: { edge: { id: 'e3b', source: 'd1', target: 'f', label: 'ya' } },
    });
    const laid = applyCommand(doc, layoutDocument(doc));
    const y = (id: string) => laid.nodes.find((n) => n.id === id)!.position.y;
    expect(y('f')).toBeGreaterThan(y('d1'));
    expect(y('f')).toBeLessThan(y('a3'));
  });

  it('is idempotent: a laid-out document needs no further moves', () => {
    const doc = createSampleDocument();
    const laid = applyCommand(doc, layoutDocument(doc));
    const again = layoutDocument(laid);
    expect(again.type === 'batch' && again.payload.commands).toEqual([]);
  });
});

describe('lane geometry', () => {
  it('finds the lane under a point, clamped to the lanes that exist', () => {
    expect(findLaneIndexAt(-50, 3)).toBe(0);
    expect(findLaneIndexAt(LANE_WIDTH * 1.5, 3)).toBe(1);
    expect(findLaneIndexAt(LANE_WIDTH * 9, 3)).toBe(2);
    expect(findLaneIndexAt(10, 0)).toBe(-1);
  });

  it('snaps a dropped node to the centre of the lane under its centre', () => {
    const doc = createSampleDocument();
    const hit = snapToLane(doc, 'activity', { x: LANE_WIDTH + 5, y: 333.4 });
    expect(hit).toEqual({ laneId: 'l-kasi', position: { x: 0, y: 333 } });
    expect(snapToLane({ lanes: [] }, 'activity', { x: 0, y: 0 })).toBeNull();
  });
});
