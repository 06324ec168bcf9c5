import { describe, expect, it } from 'vitest';
import type { FlowEdge, FlowNode } from '../model/flow-elements.ts';
import type { LoopRoute } from '../model/loop-route.ts';
import {
  computeViewRect,
  computeWindowArea,
  containsRect,
  selectWindow,
  WINDOW_MARGIN,
} from './flow-window.ts';

const lane = (id: string, x: number): FlowNode => ({
  id: `lane:${id}`,
  type: 'lane',
  position: { x, y: 0 },
  width: 220,
  height: 10_000,
  data: { lane: { id, name: id, kind: 'unbound' }, index: 0, laneCount: 2, selected: false },
});
const step = (id: string, x: number, y: number): FlowNode =>
  ({
    id,
    type: 'activity',
    position: { x, y },
    width: 160,
    height: 60,
    data: { node: { id }, row: null },
  }) as unknown as FlowNode;
const arrow = (id: string, source: string, target: string): FlowEdge => ({ id, source, target, type: 'sop' });

// Two lanes, ten symbols down the left one every 1,000 units, and arrows:
//
//   a0 (y 0) ──e01──► a1 (y 1000)          area: y 900–2100
//   a1 ──e12──► a2 (y 2000)
//   a5 (y 5000) ◄──loop── a8 (y 8000)        (a loop far below the area)
//   a0 ──long──► a9 (y 9000)                 (passes through the area)
//   b (lane 2, y 5000), selected
const nodes = [
  lane('l1', 0),
  lane('l2', 220),
  ...Array.from({ length: 10 }, (_, i) => step(`a${i}`, 30, i * 1000)),
  step('b', 250, 5000),
];
const edges = [
  arrow('e01', 'a0', 'a1'),
  arrow('e12', 'a1', 'a2'),
  arrow('loop', 'a8', 'a5'),
  arrow('long', 'a0', 'a9'),
  arrow('e34', 'a3', 'a4'),
];
const area = { x: 0, y: 900, width: 440, height: 1200 };
const none = { nodeIds: [], edgeIds: [] };
const ids = (elements: { id: string }[]) => elements.map((e) => e.id);

describe('selectWindow', () => {
  it('hands over the lanes, the symbols in the area and both ends of the arrows that cross it', () => {
    const shown = selectWindow(nodes, edges, new Map(), area, none);
    expect(ids(shown.nodes)).toEqual(['lane:l1', 'lane:l2', 'a0', 'a1', 'a2', 'a9']);
    expect(ids(shown.edges)).toEqual(['e01', 'e12', 'long']);
  });

  it('keeps what is selected, wherever it is, with the ends of a selected arrow', () => {
    const shown = selectWindow(nodes, edges, new Map(), area, { nodeIds: ['b'], edgeIds: ['e34'] });
    expect(ids(shown.nodes)).toEqual(['lane:l1', 'lane:l2', 'a0', 'a1', 'a2', 'a3', 'a4', 'a9', 'b']);
    expect(ids(shown.edges)).toEqual(['e01', 'e12', 'long', 'e34']);
  });

  it("counts a loop's run beside its symbols as part of it", () => {
    // A loop from a8 back up to a5 runs at x 600, right of lane 2: an area there, level with
    // the symbols' rows but right of them, still shows it.
    const right = { x: 560, y: 6000, width: 100, height: 100 };
    const route: LoopRoute = { path: '', runX: 600, labelX: 600, labelY: 6000 };
    expect(ids(selectWindow(nodes, edges, new Map(), right, none).edges)).toEqual([]);
    const shown = selectWindow(nodes, edges, new Map([['loop', route]]), right, none);
    expect(ids(shown.edges)).toEqual(['loop']);
    expect(ids(shown.nodes)).toEqual(['lane:l1', 'lane:l2', 'a5', 'a8']);
  });
});

describe('the window area', () => {
  it('is the view with a margin on every side, and moves only once the view leaves it', () => {
    const view = computeViewRect({ x: -100, y: -2000, zoom: 0.5 }, { width: 800, height: 600 });
    expect(view).toEqual({ x: 200, y: 4000, width: 1600, height: 1200 });
    const area = computeWindowArea(view);
    expect(area).toEqual({
      x: 200 - 1600 * WINDOW_MARGIN,
      y: 4000 - 1200 * WINDOW_MARGIN,
      width: 1600 * (1 + 2 * WINDOW_MARGIN),
      height: 1200 * (1 + 2 * WINDOW_MARGIN),
    });
    expect(containsRect(area, { ...view, y: view.y + 1200 * WINDOW_MARGIN })).toBe(true);
    expect(containsRect(area, { ...view, y: view.y + 1200 * WINDOW_MARGIN + 1 })).toBe(false);
  });
});
