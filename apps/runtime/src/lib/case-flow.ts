import type { Lane, SopDocument, SopNode } from '@alur/schema';
import {
  computeLaneX,
  computeNodeOrigin,
  indexLanes,
  LANE_HEADER_HEIGHT,
  LANE_WIDTH,
  NODE_SIZE,
} from '@alur/schema/core';
import type { Edge, Node } from '@xyflow/react';
import type { CasePath } from './case-path.ts';

// Shorter than the designer's lanes: a case page shows the drawing beside its tables.
const MIN_LANE_HEIGHT = 400;

export type StepState = 'done' | 'current' | 'todo';
export type LaneData = { lane: Lane };
export type StepData = { node: SopNode; state: StepState };
export type CaseFlowNode = Node<LaneData, 'lane'> | Node<StepData, 'step'>;
/** A read-only drawing's nodes: lanes as columns, each step with what the page says of it. */
export type FlowNode<D> = Node<LaneData, 'lane'> | Node<{ node: SopNode } & D, 'step'>;

/** Read-only React Flow elements of a case: lanes as columns, the path taken and current steps marked. */
export function toCaseFlowElements(
  doc: SopDocument,
  path: CasePath,
): { nodes: CaseFlowNode[]; edges: Edge[] } {
  return toFlowElements(
    doc,
    (node) => ({
      state: path.current.has(node.id) ? 'current' : path.visited.has(node.id) ? 'done' : 'todo',
    }),
    (edgeId) => (path.takenEdges.has(edgeId) ? 'edge-taken' : 'edge-untaken'),
  );
}

/**
 * An SOP's drawing as read-only React Flow elements, laid out as the designer draws it; `decorate`
 * gives each step's data (a case's path state, an evaluation's figures), `edgeClass` each arrow's.
 */
export function toFlowElements<D extends object>(
  doc: SopDocument,
  decorate: (node: SopNode) => D,
  edgeClass: (edgeId: string) => string = () => '',
): { nodes: FlowNode<D>[]; edges: Edge[] } {
  const laneIndex = indexLanes(doc.lanes);
  // Documents drawn before the designer's convention (the seeds) start at y = 0, under the lane
  // headers: push the drawing down so nothing hides behind them.
  const top = Math.min(...doc.nodes.map((n) => n.position.y));
  const shiftY = Math.max(0, LANE_HEADER_HEIGHT + 16 - (Number.isFinite(top) ? top : 0));
  const bottom = Math.max(0, ...doc.nodes.map((n) => n.position.y + shiftY + NODE_SIZE[n.type].height));
  const height = Math.max(MIN_LANE_HEIGHT, bottom + 60);
  const lanes: FlowNode<D>[] = doc.lanes.map((lane, i) => ({
    id: `lane:${lane.id}`,
    type: 'lane',
    position: { x: computeLaneX(i), y: 0 },
    data: { lane },
    width: LANE_WIDTH,
    height,
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
  }));
  const steps: FlowNode<D>[] = doc.nodes
    .filter((n) => laneIndex.has(n.laneId))
    .map((node) => {
      const size = NODE_SIZE[node.type];
      return {
        id: node.id,
        type: 'step',
        position: computeNodeOrigin(
          { type: node.type, position: { x: node.position.x, y: node.position.y + shiftY } },
          laneIndex.get(node.laneId)!,
        ),
        data: { node, ...decorate(node) },
        width: size.width,
        height: size.height,
        draggable: false,
        selectable: false,
      };
    });
  const edges: Edge[] = doc.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: 'smoothstep',
    label: e.label,
    className: edgeClass(e.id),
  }));
  return { nodes: [...lanes, ...steps], edges };
}
