import type { SopDocument, SopEdge, SopNode } from '@alur/schema';
import type { Command } from './commands.ts';

/** Copied nodes and the edges running between them. */
export interface ClipboardContent {
  nodes: SopNode[];
  edges: SopEdge[];
}

/** Copies the given nodes and the edges whose both ends are among them. */
export function copySelection(doc: SopDocument, nodeIds: string[]): ClipboardContent {
  const ids = new Set(nodeIds);
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/**
 * One batch adding the copied elements under fresh ids (from `createId`), shifted down by `dy`.
 * Nodes whose lane no longer exists go to the first lane.
 */
export function createPasteCommand(
  doc: SopDocument,
  clip: ClipboardContent,
  createId: (prefix: string) => string,
  dy = 40,
): { command: Command; nodeIds: string[] } {
  const lanes = new Set(doc.lanes.map((l) => l.id));
  const fallback = doc.lanes[0]?.id;
  const idMap = new Map(clip.nodes.map((n) => [n.id, createId(n.type)]));
  const commands: Command[] = [];
  for (const n of clip.nodes) {
    const laneId = lanes.has(n.laneId) ? n.laneId : fallback;
    if (!laneId) continue;
    const node = { ...n, id: idMap.get(n.id)!, laneId, position: { x: n.position.x, y: n.position.y + dy } };
    commands.push({ type: 'node.add', payload: { node } });
  }
  for (const e of clip.edges) {
    const edge: SopEdge = {
      id: createId('edge'),
      source: idMap.get(e.source)!,
      target: idMap.get(e.target)!,
    };
    if (e.label) edge.label = e.label;
    commands.push({ type: 'edge.add', payload: { edge } });
  }
  return { command: { type: 'batch', payload: { commands } }, nodeIds: [...idMap.values()] };
}
