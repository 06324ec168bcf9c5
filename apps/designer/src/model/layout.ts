import { computeRowOrder, isStepNode, type NodeType, type SopDocument, type SopNode } from '@alur/schema';
import type { Command } from './commands.ts';

/** Canvas geometry: lanes are fixed-width columns under a header, rows are fixed-height bands. */
export const LANE_WIDTH = 220;
export const LANE_HEADER_HEIGHT = 56;
export const ROW_HEIGHT = 110;
export const MIN_LANE_HEIGHT = 600;

/** Drawn size of each symbol; fixed so the canvas never waits for measurements. */
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
 * Absolute top-left of a node on the canvas. The stored `position.x` is the offset from the
 * lane's centre line (0 = centred), so reordering lanes carries their nodes along.
 */
export function computeNodeOrigin(node: Pick<SopNode, 'type' | 'position'>, laneIndex: number) {
  const size = NODE_SIZE[node.type];
  // Documents from elsewhere (seeds, imports) may carry absolute x values: keep nodes in their lane.
  const slack = (LANE_WIDTH - size.width) / 2;
  const offset = Math.max(-slack, Math.min(slack, node.position.x));
  return {
    x: computeLaneX(laneIndex) + slack + offset,
    y: node.position.y,
  };
}

/** The index of the lane under canvas x (clamped to the existing lanes), or -1 without lanes. */
export function findLaneIndexAt(x: number, laneCount: number): number {
  if (laneCount === 0) return -1;
  return Math.max(0, Math.min(laneCount - 1, Math.floor(x / LANE_WIDTH)));
}

/**
 * Where a node dropped or dragged with its top-left at `origin` lands: the lane under its centre,
 * snapped to that lane's centre line.
 */
export function snapToLane(
  doc: Pick<SopDocument, 'lanes'>,
  type: NodeType,
  origin: { x: number; y: number },
): { laneId: string; position: { x: number; y: number } } | null {
  const size = NODE_SIZE[type];
  const index = findLaneIndexAt(origin.x + size.width / 2, doc.lanes.length);
  if (index < 0) return null;
  const y = Math.max(LANE_HEADER_HEIGHT + 8, Math.round(origin.y));
  return { laneId: doc.lanes[index]!.id, position: { x: 0, y } };
}

/** Height of the lane columns: tall enough for the lowest node plus a spare row. */
export function computeLaneHeight(doc: Pick<SopDocument, 'nodes'>): number {
  const bottom = Math.max(0, ...doc.nodes.map((n) => n.position.y + NODE_SIZE[n.type].height));
  return Math.max(MIN_LANE_HEIGHT, bottom + ROW_HEIGHT * 2);
}

/** The top of band `row` (0 = the band of Mulai, 1.. = table rows). */
function computeRowY(row: number, type: NodeType): number {
  const size = NODE_SIZE[type];
  return LANE_HEADER_HEIGHT + 24 + row * ROW_HEIGHT + (ROW_HEIGHT - 24 - size.height) / 2;
}

/**
 * "Rapikan": lays the drawing out as the printed table — Mulai on top, steps one row each in row
 * order, forks/joins between the rows they connect, Selesai below the last row, every node centred
 * in its lane. Returns one batch, so the layout is a single undo step.
 */
export function layoutDocument(doc: SopDocument): Command {
  const rows = computeRowOrder(doc);
  const rowOf = new Map<string, number>(rows.map((n, i) => [n.id, i + 1]));
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const e of doc.edges) {
    incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e.target]);
  }
  const last = rows.length;
  const bandOf = (n: SopNode): number => {
    if (isStepNode(n)) return rowOf.get(n.id)!;
    if (n.type === 'start') return 0;
    if (n.type === 'end') {
      const before = (incoming.get(n.id) ?? []).map((id) => rowOf.get(id) ?? 0);
      return Math.max(last, ...before) + 1;
    }
    // Forks and joins sit half a row below the latest row that leads into them.
    const before = (incoming.get(n.id) ?? []).map((id) => rowOf.get(id) ?? 0);
    const after = (outgoing.get(n.id) ?? []).map((id) => rowOf.get(id) ?? last + 1);
    const top = before.length ? Math.max(...before) : Math.min(...after, last + 1) - 1;
    return top + 0.5;
  };
  const commands: Command[] = [];
  for (const n of doc.nodes) {
    const y = Math.round(computeRowY(bandOf(n), n.type));
    if (n.position.x !== 0 || n.position.y !== y)
      commands.push({
        type: 'node.move',
        payload: { nodeId: n.id, laneId: n.laneId, position: { x: 0, y } },
      });
  }
  return { type: 'batch', payload: { commands } };
}
