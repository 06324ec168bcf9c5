import { computeRowOrder, isStepNode, type NodeType, type SopDocument, type SopNode } from '@alur/schema';
import { findLaneIndexAt, LANE_HEADER_HEIGHT, NODE_SIZE } from '@alur/schema/core';
import type { Command } from './commands.ts';

// Lane and node geometry is shared with the runtime's case flowchart: `@alur/schema/core`.

/** Rows of "Rapikan" are fixed-height bands; lanes are at least this tall on the canvas. */
export const ROW_HEIGHT = 110;
export const MIN_LANE_HEIGHT = 600;

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

/**
 * The end of a drag: the nodes that moved since `before` (the drag's start) go back to their
 * lane's centre line; nodes the drag did not move keep their offset. Null when none needs it.
 */
export function createSnapCommand(before: SopDocument, after: SopDocument): Command | null {
  const was = new Map(before.nodes.map((n) => [n.id, n]));
  const commands: Command[] = [];
  for (const n of after.nodes) {
    const b = was.get(n.id);
    const moved =
      !b || b.laneId !== n.laneId || b.position.x !== n.position.x || b.position.y !== n.position.y;
    if (moved && n.position.x !== 0)
      commands.push({
        type: 'node.move',
        payload: { nodeId: n.id, laneId: n.laneId, position: { x: 0, y: n.position.y } },
      });
  }
  return commands.length ? { type: 'batch', payload: { commands } } : null;
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
