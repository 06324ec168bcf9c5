import type { NodeType } from '@alur/schema';

/** A symbol's drawn box in canvas units. */
export interface Box {
  type: NodeType;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A back edge's drawn route: its SVG path and where its label goes. */
export interface LoopRoute {
  path: string;
  /** x of the vertical run beside the symbols. */
  runX: number;
  labelX: number;
  labelY: number;
}

/** Distance from the symbols' right side to a loop's vertical run, and between loops sharing a gutter. */
export const LOOP_GAP = 12;
export const LOOP_SPACING = 8;
const CORNER = 5;
/** The horizontal run out of the source that is long enough to carry the label. */
const LABEL_ROOM = 48;

/**
 * An arrow is a back edge (a "tidak" sent back to an earlier row) when its target starts above its
 * source. Drawn like the others (out of the bottom, into the top) it would run back up over the
 * arrows of the rows in between.
 */
export function isBackEdge(source: Box, target: Box): boolean {
  return target.y < source.y;
}

/**
 * The route of a back edge, kept off the other arrows: out of the source's right side (a
 * decision's right corner), along a vertical run to the right of both symbols (`slot` steps further
 * right for each earlier loop in the same gutter), and into the target's right side a quarter of
 * the way down, so the loop into a decision never meets that decision's own "tidak" leaving from
 * its right corner. Downward arrows use the top and bottom and never touch these sides.
 */
export function routeLoop(source: Box, target: Box, slot: number): LoopRoute {
  const exit = {
    x: source.x + source.width,
    y: source.type === 'decision' ? source.y + source.height / 2 : source.y + (source.height * 3) / 4,
  };
  const entry = {
    x: target.type === 'decision' ? target.x + (target.width * 3) / 4 : target.x + target.width,
    y: target.y + target.height / 4,
  };
  const runX = Math.max(source.x + source.width, target.x + target.width) + LOOP_GAP + slot * LOOP_SPACING;
  const points = [exit, { x: runX, y: exit.y }, { x: runX, y: entry.y }, entry];
  // The label ("tidak") beside the source, on the way out, where there is room; else on the run.
  const roomOut = runX - exit.x >= LABEL_ROOM;
  return {
    path: drawRoundedPolyline(points, CORNER),
    runX,
    labelX: roomOut ? (exit.x + runX) / 2 : runX,
    labelY: roomOut ? exit.y : (exit.y + entry.y) / 2,
  };
}

/** An orthogonal polyline as an SVG path with its corners rounded by `radius`. */
export function drawRoundedPolyline(points: { x: number; y: number }[], radius: number): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M ${first.x} ${first.y}`;
  for (let i = 0; i < rest.length; i++) {
    const here = rest[i]!;
    const next = rest[i + 1];
    const prev = i === 0 ? first : rest[i - 1]!;
    if (!next) {
      d += ` L ${here.x} ${here.y}`;
      break;
    }
    const r = Math.min(radius, distance(prev, here) / 2, distance(here, next) / 2);
    const a = towards(here, prev, r);
    const b = towards(here, next, r);
    d += ` L ${a.x} ${a.y} Q ${here.x} ${here.y} ${b.x} ${b.y}`;
  }
  return d;
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
}

/** The point `r` from `from` in the direction of `to` (orthogonal segments). */
function towards(from: { x: number; y: number }, to: { x: number; y: number }, r: number) {
  return {
    x: from.x + Math.sign(to.x - from.x) * r,
    y: from.y + Math.sign(to.y - from.y) * r,
  };
}
