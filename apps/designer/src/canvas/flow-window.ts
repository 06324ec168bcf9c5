import type { FlowEdge, FlowNode } from '../model/flow-elements.ts';
import type { LoopRoute } from '../model/loop-route.ts';
import type { Viewport } from './opening-viewport.ts';

/** A rectangle in canvas units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How far past the visible canvas, in screens, the window reaches on every side: panning by less
 * than that hands React Flow nothing new, and what it shows next is already in its store.
 */
export const WINDOW_MARGIN = 0.75;
/** Room around an arrow's two symbols for its bends and its label. */
const EDGE_PADDING = 40;

/** The part of the drawing the canvas shows at `viewport` on a canvas of `size` pixels. */
export function computeViewRect(viewport: Viewport, size: { width: number; height: number }): Rect {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: size.width / viewport.zoom,
    height: size.height / viewport.zoom,
  };
}

/** The view with `WINDOW_MARGIN` of itself added on every side. */
export function computeWindowArea(view: Rect): Rect {
  const dx = view.width * WINDOW_MARGIN;
  const dy = view.height * WINDOW_MARGIN;
  return { x: view.x - dx, y: view.y - dy, width: view.width + 2 * dx, height: view.height + 2 * dy };
}

/** Whether `inner` lies entirely inside `outer`. */
export function containsRect(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function overlaps(a: Rect, x: number, y: number, right: number, bottom: number): boolean {
  return x < a.x + a.width && right > a.x && y < a.y + a.height && bottom > a.y;
}

/**
 * The elements of a long SOP that React Flow is handed: every lane; every symbol whose box meets
 * `area`; every arrow whose extent (its two symbols, a loop's run beside them, room for bends and
 * label) meets it, with the symbols at both of its ends; and whatever is selected, wherever it is,
 * so a selection drags, moves by keyboard and is deleted whole. React Flow's per-element passes
 * (indexing, visibility, selection) then cost what the view holds instead of the whole drawing.
 * The order of `nodes` and `edges` is kept.
 */
export function selectWindow(
  nodes: FlowNode[],
  edges: FlowEdge[],
  routes: ReadonlyMap<string, LoopRoute>,
  area: Rect,
  selected: { nodeIds: readonly string[]; edgeIds: readonly string[] },
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const byId = new Map<string, FlowNode>();
  const shown = new Set<string>(selected.nodeIds);
  for (const n of nodes) {
    byId.set(n.id, n);
    const width = n.width ?? 0;
    const height = n.height ?? 0;
    if (
      n.type === 'lane' ||
      overlaps(area, n.position.x, n.position.y, n.position.x + width, n.position.y + height)
    )
      shown.add(n.id);
  }
  const selectedEdges = new Set(selected.edgeIds);
  const shownEdges: FlowEdge[] = [];
  for (const e of edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (!source || !target) continue;
    let keep = selectedEdges.has(e.id);
    if (!keep) {
      const x = Math.min(source.position.x, target.position.x) - EDGE_PADDING;
      const y = Math.min(source.position.y, target.position.y) - EDGE_PADDING;
      let right = Math.max(source.position.x + (source.width ?? 0), target.position.x + (target.width ?? 0));
      const bottom = Math.max(
        source.position.y + (source.height ?? 0),
        target.position.y + (target.height ?? 0),
      );
      const route = routes.get(e.id);
      if (route) right = Math.max(right, route.runX);
      keep = overlaps(area, x, y, right + EDGE_PADDING, bottom + EDGE_PADDING);
    }
    if (!keep) continue;
    shownEdges.push(e);
    shown.add(e.source);
    shown.add(e.target);
  }
  return { nodes: nodes.filter((n) => shown.has(n.id)), edges: shownEdges };
}
