import {
  type Lane,
  NODE_TYPES,
  numberRows,
  type SopDocument,
  type SopEdge,
  type SopNode,
} from '@alur/schema';
import { computeLaneX, computeNodeOrigin, indexLanes, LANE_WIDTH, NODE_SIZE } from '@alur/schema/core';
import type { Edge, MarkerType, Node } from '@xyflow/react';
import { computeHandles } from '../canvas/handle-geometry.ts';
import type { DiffHighlight } from '../compare/comparison-view.ts';
import { computeLaneHeight } from './layout.ts';
import { type Box, isBackEdge, type LoopRoute, routeLoop } from './loop-route.ts';
import type { Selection } from './selection.ts';

export type LaneNodeData = { lane: Lane; index: number; laneCount: number; selected: boolean };
export type StepNodeData = { node: SopNode; row: number | null };
export type LaneFlowNode = Node<LaneNodeData, 'lane'>;
export type StepFlowNode = Node<StepNodeData, SopNode['type']>;
export type FlowNode = LaneFlowNode | StepFlowNode;
/** `route` is set on a back edge ("tidak" to an earlier row), drawn by `SopEdge` along it. */
export type FlowEdge = Edge<{ label?: string; route?: LoopRoute }>;

/** Prefix that keeps lane node ids apart from step node ids in React Flow. */
export const LANE_NODE_PREFIX = 'lane:';

/**
 * From this many symbols the canvas puts only the symbols and arrows in view into the page (React
 * Flow's `onlyRenderVisibleElements`); the rest are mounted as they scroll in. Below it every
 * symbol stays in the page, so the browser's find-in-page and the Tab order reach all of them and
 * panning mounts nothing. Real SOPs have tens of rows; a generated 2,000-symbol one takes 15 s to
 * open with every symbol mounted (BENCHMARKS.md, "Designer at 2,000 symbols").
 */
export const CULL_FROM_SYMBOLS = 500;

/**
 * `next`, or `previous` when it holds the very same elements in the same order. React Flow
 * re-indexes every node (or every edge's connections) whenever the array it gets is a new one; a
 * drag that changes no arrow then leaves the edges alone.
 */
export function keepIfSame<T>(previous: T[] | undefined, next: T[]): T[] {
  if (!previous || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

/**
 * Derives React Flow's nodes and edges from the document and the selection. React Flow's objects
 * (with `measured`, `selected`, `dragging`) live only here and are never saved.
 */
// Elements derived from document objects, keyed by those (immutable) objects: a command replaces
// only what it changes, so everything else keeps its element and is not re-rendered.
const HANDLES = Object.fromEntries(NODE_TYPES.map((type) => [type, computeHandles(type)]));
const stepCache = new WeakMap<SopNode, { signature: string; element: StepFlowNode }>();
const edgeCache = new WeakMap<SopEdge, { signature: string; element: FlowEdge }>();

export function toFlowElements(
  doc: SopDocument,
  selection: Selection,
  highlight: DiffHighlight | null = null,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const diffClass = (status: string | undefined) => (status ? `diff-${status}` : undefined);
  const height = computeLaneHeight(doc);
  const laneIndex = indexLanes(doc.lanes);
  const rows = numberRows(doc);
  const selectedNodes = new Set(selection.nodeIds);
  const selectedEdges = new Set(selection.edgeIds);
  const lanes: LaneFlowNode[] = doc.lanes.map((lane, index) => ({
    id: `${LANE_NODE_PREFIX}${lane.id}`,
    type: 'lane',
    position: { x: computeLaneX(index), y: 0 },
    data: { lane, index, laneCount: doc.lanes.length, selected: selection.laneId === lane.id },
    width: LANE_WIDTH,
    height,
    draggable: false,
    selectable: false,
    connectable: false,
    focusable: false,
    zIndex: -1,
    className: diffClass(highlight?.lanes.get(lane.id)),
  }));
  const steps: StepFlowNode[] = doc.nodes
    .filter((n) => laneIndex.has(n.laneId))
    .map((node) => {
      const lane = laneIndex.get(node.laneId)!;
      const row = rows.get(node.id) ?? null;
      const selected = selectedNodes.has(node.id);
      const className = diffClass(highlight?.nodes.get(node.id));
      // Reuse the element when nothing it shows changed, so React Flow re-renders only the
      // nodes an edit touched (a drag on a 300-symbol canvas moves one).
      const signature = `${lane}|${row}|${selected}|${className}`;
      const cached = stepCache.get(node);
      if (cached?.signature === signature) return cached.element;
      const element: StepFlowNode = {
        id: node.id,
        type: node.type,
        position: computeNodeOrigin(node, lane),
        data: { node, row },
        width: NODE_SIZE[node.type].width,
        height: NODE_SIZE[node.type].height,
        handles: HANDLES[node.type],
        selected,
        className,
      };
      stepCache.set(node, { signature, element });
      return element;
    });
  const boxes = new Map<string, Box & { lane: number }>(
    steps.map((n) => [
      n.id,
      {
        type: n.data.node.type,
        x: n.position.x,
        y: n.position.y,
        width: n.width!,
        height: n.height!,
        lane: laneIndex.get(n.data.node.laneId)!,
      },
    ]),
  );
  // Back edges sharing a gutter (the lane right of whose symbols they run) get their own slot.
  const slotsUsed = new Map<number, number>();
  const edges: FlowEdge[] = doc.edges.map((e) => {
    const selected = selectedEdges.has(e.id);
    const className =
      [e.label ? `edge-${e.label}` : '', diffClass(highlight?.edges.get(e.id)) ?? ''].join(' ').trim() ||
      undefined;
    const source = boxes.get(e.source);
    const target = boxes.get(e.target);
    let route: LoopRoute | undefined;
    if (source && target && isBackEdge(source, target)) {
      const gutter = Math.max(source.lane, target.lane);
      const slot = slotsUsed.get(gutter) ?? 0;
      slotsUsed.set(gutter, slot + 1);
      route = routeLoop(source, target, slot);
    }
    const signature = `${selected}|${className}|${route?.path ?? ''}`;
    const cached = edgeCache.get(e);
    if (cached?.signature === signature) return cached.element;
    const element: FlowEdge = {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'sop',
      label: e.label,
      data: { ...(e.label ? { label: e.label } : {}), ...(route ? { route } : {}) },
      selected,
      className,
      markerEnd: { type: 'arrowclosed' as MarkerType, width: 18, height: 18 },
    };
    edgeCache.set(e, { signature, element });
    return element;
  });
  return { nodes: [...lanes, ...steps], edges };
}
