import type { NodeType, SopNode } from '../document.ts';

/**
 * The drawing's geometry, shared by the designer's canvas and the runtime's case flowchart so a
 * case looks the same as where it was designed: lanes are fixed-width columns under a header.
 */
export const LANE_WIDTH = 220;
export const LANE_HEADER_HEIGHT = 56;

/** Drawn size of each symbol; fixed so a canvas never waits for measurements. */
export const NODE_SIZE: Record<NodeType, { width: number; height: number }> = {
  start: { width: 120, height: 40 },
  end: { width: 120, height: 40 },
  activity: { width: 170, height: 64 },
  decision: { width: 100, height: 100 },
  fork: { width: 120, height: 14 },
  join: { width: 120, height: 14 },
};

/** Left edge of the lane at `index`. */
export function computeLaneX(index: number): number {
  return index * LANE_WIDTH;
}

/**
 * The node's drawn offset from its lane's centre line. The stored `position.x` is that offset
 * (0 = centred). An offset that would put the node's centre outside its lane cannot be one: it is
 * an absolute x from elsewhere (the seeds store laneIndex × 240), so the node is centred. An
 * offset inside the lane but past its edge (a drag towards the neighbour) keeps the node inside.
 */
export function readLaneOffset(node: Pick<SopNode, 'type' | 'position'>): number {
  const x = node.position.x;
  if (!Number.isFinite(x) || Math.abs(x) > LANE_WIDTH / 2) return 0;
  const slack = (LANE_WIDTH - NODE_SIZE[node.type].width) / 2;
  return Math.max(-slack, Math.min(slack, x));
}

/** Absolute top-left of a node drawn in the lane at `laneIndex`. */
export function computeNodeOrigin(
  node: Pick<SopNode, 'type' | 'position'>,
  laneIndex: number,
): { x: number; y: number } {
  const slack = (LANE_WIDTH - NODE_SIZE[node.type].width) / 2;
  return { x: computeLaneX(laneIndex) + slack + readLaneOffset(node), y: node.position.y };
}

/** The index of the lane under canvas x (clamped to the existing lanes), or -1 without lanes. */
export function findLaneIndexAt(x: number, laneCount: number): number {
  if (laneCount === 0) return -1;
  return Math.max(0, Math.min(laneCount - 1, Math.floor(x / LANE_WIDTH)));
}
