import {
  isStepNode,
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
/** An arrow; a back edge's route is not on it but in `FlowElements.routes`. */
export type FlowEdge = Edge<{ label?: string }>;

/** Prefix that keeps lane node ids apart from step node ids in React Flow. */
export const LANE_NODE_PREFIX = 'lane:';

/**
 * From this many symbols the canvas hands React Flow only the symbols and arrows near the view
 * (`canvas/flow-window.ts`) and puts only those in view into the page (React Flow's
 * `onlyRenderVisibleElements`); the rest are handed over and mounted as they scroll in. Below it every
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

/** The canvas's elements: React Flow's nodes and edges, and the routes of the loops among them. */
export interface FlowElements {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** The route of every back edge ("tidak" to an earlier row), by edge id; `SopEdge` draws it. */
  routes: Map<string, LoopRoute>;
}

/**
 * Derives React Flow's nodes and edges from the document and the selection. React Flow's objects
 * (with `measured`, `selected`, `dragging`) live only here and are never saved.
 */
export function toFlowElements(
  doc: SopDocument,
  selection: Selection,
  highlight: DiffHighlight | null = null,
): FlowElements {
  const nodes = toFlowNodes(doc, selection, highlight);
  return { nodes, edges: toFlowEdges(doc, selection, highlight), routes: routeLoops(doc, nodes) };
}

// Elements derived from document objects, keyed by those (immutable) objects: a command replaces
// only what it changes, so everything else keeps its element and is not re-rendered. Each entry
// holds what else the element shows, compared field by field (a drag derives 2,000 symbols per
// frame at the largest sizes measured).
const HANDLES = Object.fromEntries(NODE_TYPES.map((type) => [type, computeHandles(type)]));
type Shown = { lane: number; row: number | null; selected: boolean; className: string | undefined };
const stepCache = new WeakMap<SopNode, Shown & { element: StepFlowNode }>();
const laneCache = new WeakMap<
  Lane,
  { data: LaneNodeData; height: number; className: string | undefined; element: LaneFlowNode }
>();
const edgeCache = new WeakMap<
  SopEdge,
  { selected: boolean; status: string | undefined; element: FlowEdge }
>();
/** A step element's box and lane index, for routing the loops that touch it. */
const boxOf = new WeakMap<StepFlowNode, Box & { lane: number }>();
const routeCache = new WeakMap<
  SopEdge,
  { source: StepFlowNode; target: StepFlowNode; slot: number; route: LoopRoute }
>();

const diffClass = (status: string | undefined) => (status ? `diff-${status}` : undefined);

/** The lane columns and the symbols (not the arrows, which `toFlowEdges` derives on their own). */
export function toFlowNodes(
  doc: SopDocument,
  selection: Selection,
  highlight: DiffHighlight | null = null,
): FlowNode[] {
  const height = computeLaneHeight(doc);
  const laneIndex = indexLanes(doc.lanes);
  const rows = numberRowsOnce(doc);
  const selectedNodes = new Set(selection.nodeIds);
  const laneCount = doc.lanes.length;
  const lanes: LaneFlowNode[] = doc.lanes.map((lane, index) => {
    const selected = selection.laneId === lane.id;
    const className = diffClass(highlight?.lanes.get(lane.id));
    const cached = laneCache.get(lane);
    if (
      cached &&
      cached.data.index === index &&
      cached.data.laneCount === laneCount &&
      cached.data.selected === selected &&
      cached.height === height &&
      cached.className === className
    )
      return cached.element;
    const data = { lane, index, laneCount, selected };
    const element: LaneFlowNode = {
      id: `${LANE_NODE_PREFIX}${lane.id}`,
      type: 'lane',
      position: { x: computeLaneX(index), y: 0 },
      data,
      width: LANE_WIDTH,
      height,
      draggable: false,
      selectable: false,
      connectable: false,
      focusable: false,
      zIndex: -1,
      className,
    };
    laneCache.set(lane, { data, height, className, element });
    return element;
  });
  const steps: StepFlowNode[] = [];
  for (const node of doc.nodes) {
    const lane = laneIndex.get(node.laneId);
    if (lane === undefined) continue;
    const row = rows.get(node.id) ?? null;
    const selected = selectedNodes.has(node.id);
    const className = diffClass(highlight?.nodes.get(node.id));
    // Reuse the element when nothing it shows changed, so React Flow re-renders only the
    // nodes an edit touched (a drag moves one).
    const cached = stepCache.get(node);
    if (
      cached &&
      cached.lane === lane &&
      cached.row === row &&
      cached.selected === selected &&
      cached.className === className
    ) {
      steps.push(cached.element);
      continue;
    }
    const size = NODE_SIZE[node.type];
    const element: StepFlowNode = {
      id: node.id,
      type: node.type,
      position: computeNodeOrigin(node, lane),
      data: { node, row },
      width: size.width,
      height: size.height,
      handles: HANDLES[node.type],
      selected,
      className,
    };
    stepCache.set(node, { lane, row, selected, className, element });
    boxOf.set(element, {
      type: node.type,
      ...element.position,
      width: size.width,
      height: size.height,
      lane,
    });
    steps.push(element);
  }
  return [...lanes, ...steps];
}

/**
 * `numberRows`, remembered for the last document: the rows follow `rowOrder` and, for steps it
 * does not list, their height. A move of a listed step (every drag of a drawn SOP) changes
 * neither, so a drag numbers the rows once rather than per frame, and the inspector's row number
 * of a selected symbol costs nothing more.
 */
let lastRows: {
  rowOrder: string[];
  nodes: SopNode[];
  listed: Set<string>;
  rows: Map<string, number>;
} | null = null;
export function numberRowsOnce(doc: SopDocument): Map<string, number> {
  const last = lastRows;
  if (last && last.rowOrder === doc.rowOrder && last.nodes.length === doc.nodes.length) {
    let same = true;
    for (let i = 0; same && i < doc.nodes.length; i++) {
      const was = last.nodes[i]!;
      const now = doc.nodes[i]!;
      same =
        was === now ||
        (was.id === now.id && was.type === now.type && (last.listed.has(now.id) || !isStepNode(now)));
    }
    if (same) {
      lastRows = { ...last, nodes: doc.nodes };
      return last.rows;
    }
  }
  const rows = numberRows(doc);
  lastRows = { rowOrder: doc.rowOrder, nodes: doc.nodes, listed: new Set(doc.rowOrder), rows };
  return rows;
}

/**
 * The arrows. They carry no geometry (a loop's route is in `routeLoops`), so a drag, which only
 * moves symbols, keeps every arrow's element and the array: React Flow then does not re-index
 * 2,000 connections per frame.
 */
export function toFlowEdges(
  doc: Pick<SopDocument, 'edges'>,
  selection: Selection,
  highlight: DiffHighlight | null = null,
): FlowEdge[] {
  const selectedEdges = new Set(selection.edgeIds);
  return doc.edges.map((e) => {
    const selected = selectedEdges.has(e.id);
    const status = highlight?.edges.get(e.id);
    const cached = edgeCache.get(e);
    if (cached && cached.selected === selected && cached.status === status) return cached.element;
    const className =
      [e.label ? `edge-${e.label}` : '', diffClass(status) ?? ''].join(' ').trim() || undefined;
    const element: FlowEdge = {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'sop',
      label: e.label,
      data: e.label ? { label: e.label } : {},
      selected,
      className,
      markerEnd: { type: 'arrowclosed' as MarkerType, width: 18, height: 18 },
    };
    edgeCache.set(e, { selected, status, element });
    return element;
  });
}

/**
 * The routes of the back edges among `nodes` (from `toFlowNodes`). Loops sharing a gutter (the
 * lane right of whose symbols they run) get their own slot. A route whose two symbols and slot are
 * unchanged is the same object as before, so only the loops a move touches are drawn again.
 */
export function routeLoops(doc: Pick<SopDocument, 'edges'>, nodes: FlowNode[]): Map<string, LoopRoute> {
  const steps = new Map<string, StepFlowNode>();
  for (const n of nodes) if (n.type !== 'lane') steps.set(n.id, n as StepFlowNode);
  const slotsUsed = new Map<number, number>();
  const routes = new Map<string, LoopRoute>();
  for (const e of doc.edges) {
    const source = steps.get(e.source);
    const target = steps.get(e.target);
    if (!source || !target) continue;
    const from = boxOf.get(source)!;
    const to = boxOf.get(target)!;
    if (!isBackEdge(from, to)) continue;
    const gutter = Math.max(from.lane, to.lane);
    const slot = slotsUsed.get(gutter) ?? 0;
    slotsUsed.set(gutter, slot + 1);
    const cached = routeCache.get(e);
    if (cached && cached.source === source && cached.target === target && cached.slot === slot) {
      routes.set(e.id, cached.route);
      continue;
    }
    const route = routeLoop(from, to, slot);
    routeCache.set(e, { source, target, slot, route });
    routes.set(e.id, route);
  }
  return routes;
}
