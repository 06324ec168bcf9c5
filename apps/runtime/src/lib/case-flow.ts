import type { Lane, NodeType, SopDocument, SopNode } from '@alur/schema';
import type { Edge, Node } from '@xyflow/react';
import type { CasePath } from './case-path.ts';

// The designer's canvas geometry (apps/designer/src/model/layout.ts), so a case's drawing looks
// the same as where it was designed: stored x is the offset from the lane's centre line.
export const LANE_WIDTH = 220;
export const LANE_HEADER_HEIGHT = 56;
const MIN_LANE_HEIGHT = 400;
export const NODE_SIZE: Record<NodeType, { width: number; height: number }> = {
  start: { width: 120, height: 40 },
  end: { width: 120, height: 40 },
  activity: { width: 170, height: 64 },
  decision: { width: 100, height: 100 },
  fork: { width: 120, height: 14 },
  join: { width: 120, height: 14 },
};

export type StepState = 'done' | 'current' | 'todo';
export type LaneData = { lane: Lane };
export type StepData = { node: SopNode; state: StepState };
export type CaseFlowNode = Node<LaneData, 'lane'> | Node<StepData, 'step'>;

/**
 * The node's offset from its lane's centre line. An offset wider than half a lane cannot be one:
 * it is an absolute x (seed documents store laneIndex × 240), so the node is centred instead.
 */
function readLaneOffset(node: SopNode): number {
  return Math.abs(node.position.x) < (LANE_WIDTH - NODE_SIZE[node.type].width) / 2 + 1 ? node.position.x : 0;
}

/** Read-only React Flow elements of a case: lanes as columns, the path taken and current steps marked. */
export function toCaseFlowElements(
  doc: SopDocument,
  path: CasePath,
): { nodes: CaseFlowNode[]; edges: Edge[] } {
  const laneIndex = new Map(doc.lanes.map((l, i) => [l.id, i]));
  // Documents drawn before the designer's convention (the seeds) start at y = 0, under the lane
  // headers: push the drawing down so nothing hides behind them.
  const top = Math.min(...doc.nodes.map((n) => n.position.y));
  const shiftY = Math.max(0, LANE_HEADER_HEIGHT + 16 - (Number.isFinite(top) ? top : 0));
  const bottom = Math.max(0, ...doc.nodes.map((n) => n.position.y + shiftY + NODE_SIZE[n.type].height));
  const height = Math.max(MIN_LANE_HEIGHT, bottom + 60);
  const lanes: CaseFlowNode[] = doc.lanes.map((lane, i) => ({
    id: `lane:${lane.id}`,
    type: 'lane',
    position: { x: i * LANE_WIDTH, y: 0 },
    data: { lane },
    width: LANE_WIDTH,
    height,
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
  }));
  const steps: CaseFlowNode[] = doc.nodes
    .filter((n) => laneIndex.has(n.laneId))
    .map((node) => {
      const size = NODE_SIZE[node.type];
      const state: StepState = path.current.has(node.id)
        ? 'current'
        : path.visited.has(node.id)
          ? 'done'
          : 'todo';
      return {
        id: node.id,
        type: 'step',
        position: {
          x: laneIndex.get(node.laneId)! * LANE_WIDTH + (LANE_WIDTH - size.width) / 2 + readLaneOffset(node),
          y: node.position.y + shiftY,
        },
        data: { node, state },
        width: size.width,
        height: size.height,
        draggable: false,
        selectable: false,
      };
    });
  const edges: Edge[] = doc.edges.map((e) => {
    const taken = path.takenEdges.has(e.id);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'smoothstep',
      label: e.label,
      className: taken ? 'edge-taken' : 'edge-untaken',
      data: { taken },
    };
  });
  return { nodes: [...lanes, ...steps], edges };
}
