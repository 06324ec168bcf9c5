import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '@alur/schema';
import { LANE_WIDTH, NODE_SIZE } from '@alur/schema/core';
import { describe, expect, it } from 'vitest';
import { applyCommand } from './commands.ts';
import { createSampleDocument } from './fixtures.ts';
import { toFlowElements } from './flow-elements.ts';
import { layoutDocument } from './layout.ts';
import {
  type Box,
  drawRoundedPolyline,
  isBackEdge,
  LOOP_GAP,
  LOOP_SPACING,
  routeLoop,
} from './loop-route.ts';

import { EMPTY_SELECTION } from './selection.ts';

/** A demo SOP as the seeds hold it (the repository's `seeds/`). */
function loadSeed(name: string) {
  const text = readFileSync(join(import.meta.dirname, `../../../../seeds/${name}.json`), 'utf8');
  const parsed = parseDocument(JSON.parse(text));
  if (!parsed.ok) throw new Error(`seed ${name}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.document;
}

const box = (type: Box['type'], lane: number, y: number): Box => ({
  type,
  x: lane * LANE_WIDTH + (LANE_WIDTH - NODE_SIZE[type].width) / 2,
  y,
  ...NODE_SIZE[type],
});

/** The points of an orthogonal path's straight runs: every "L x y" and the start. */
function corners(path: string): { x: number; y: number }[] {
  return [...path.matchAll(/[ML] (-?[\d.]+) (-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

describe('routeLoop', () => {
  it('sends a "tidak" back up beside the symbols, not over the downward arrows', () => {
    const decision = box('decision', 1, 800);
    const target = box('activity', 2, 680);
    expect(isBackEdge(decision, target)).toBe(true);
    expect(isBackEdge(target, decision)).toBe(false);
    const route = routeLoop(decision, target, 0);
    const points = corners(route.path);
    // Out of the decision's right corner …
    expect(points[0]).toEqual({ x: decision.x + decision.width, y: decision.y + decision.height / 2 });
    // … up a run right of both symbols (downward arrows run through the lanes' centre lines) …
    const runX = target.x + target.width + LOOP_GAP;
    expect(route.runX).toBe(runX);
    // The "tidak" label sits on the way out of the decision, clear of the run and the target.
    expect(route.labelY).toBe(points[0]!.y);
    expect(route.labelX).toBeGreaterThan(points[0]!.x);
    expect(route.labelX).toBeLessThan(runX);
    for (const p of points.slice(1, -1))
      expect(p.x === runX || p.y === points[0]!.y || p.y === points.at(-1)!.y).toBe(true);
    expect(runX).toBeLessThan(3 * LANE_WIDTH);
    expect(runX).toBeGreaterThan(2 * LANE_WIDTH + LANE_WIDTH / 2 + NODE_SIZE.activity.width / 2);
    // … into the target's right side, a quarter of the way down.
    expect(points.at(-1)).toEqual({ x: target.x + target.width, y: target.y + target.height / 4 });
  });

  it("keeps a loop into a decision apart from that decision's own tidak leaving it", () => {
    const d6 = box('decision', 1, 800);
    const d7 = box('decision', 0, 920);
    const into = corners(routeLoop(d7, d6, 0).path).at(-1)!;
    const out = corners(routeLoop(d6, box('activity', 2, 680), 0).path)[0]!;
    expect(into).not.toEqual(out);
    expect(into.y).toBeLessThan(out.y);
  });

  it('gives each loop in the same gutter its own run', () => {
    const a = routeLoop(box('decision', 1, 800), box('activity', 1, 400), 0);
    const b = routeLoop(box('decision', 1, 900), box('activity', 1, 200), 1);
    expect(b.runX - a.runX).toBe(LOOP_SPACING);
  });

  it('rounds the corners of an orthogonal path', () => {
    expect(
      drawRoundedPolyline(
        [
          { x: 0, y: 0 },
          { x: 20, y: 0 },
          { x: 20, y: -20 },
        ],
        5,
      ),
    ).toBe('M 0 0 L 15 0 Q 20 0 20 -5 L 20 -20');
  });
});

describe('back edges on the canvas', () => {
  it("draws LAKIP's two tidak loops on separate runs beside the lanes' centre lines", () => {
    const doc = loadSeed('tegal-lakip');
    const { edges, routes } = toFlowElements(doc, EMPTY_SELECTION);
    expect([...routes.keys()].sort()).toEqual(['e-r6-tidak', 'e-r7-tidak']);
    const runs = [...routes.values()].map((r) => r.runX);
    expect(new Set(runs).size).toBe(2);
    // Every other arrow is drawn as a downward step between the lanes' centre lines.
    for (const e of edges.filter((x) => !routes.has(x.id))) expect(e.type).toBe('sop');
    const centres = doc.lanes.map((_, i) => i * LANE_WIDTH + LANE_WIDTH / 2);
    for (const x of runs) expect(centres).not.toContain(x);
  });
});

describe('after Rapikan', () => {
  it('routes the sample SOP\'s "tidak" beside the lanes, clear of the downward arrows', () => {
    const sample = createSampleDocument();
    const doc = applyCommand(sample, layoutDocument(sample));
    const { nodes, routes } = toFlowElements(doc, EMPTY_SELECTION);
    const route = routes.get('e4');
    expect(route).toBeDefined();
    // Downward arrows run through the lanes' centre lines; the loop's run is right of every symbol
    // it passes (a1 and d1) and still inside the drawing.
    const { runX } = route!;
    for (const id of ['a1', 'd1']) {
      const n = nodes.find((x) => x.id === id)!;
      expect(runX).toBeGreaterThan(n.position.x + n.width!);
    }
    expect(runX).toBeLessThan(doc.lanes.length * LANE_WIDTH);
    expect([...routes.keys()]).toEqual(['e4']);
  });
});
