import {
  type DataField,
  type EdgeLabel,
  type FieldMode,
  type Identity,
  isStepNode,
  type Lane,
  type MutuBaku,
  type SopDocument,
  type SopEdge,
  type SopNode,
} from '@alur/schema';
import { type ConnectionRefusal, checkConnection } from './connection-rules.ts';
import {
  addDataField,
  type FieldPatch,
  moveDataField,
  removeDataField,
  setNodeFieldMode,
  updateDataField,
} from './field-commands.ts';

/** How a lane is bound: to a catalogue position, as an external party, or not yet. */
export type LaneBinding =
  | { kind: 'position'; positionKey: string }
  | { kind: 'external'; recordedBy: string }
  | { kind: 'unbound' };

export type NodePatch = Partial<Pick<SopNode, 'kegiatan' | 'keterangan' | 'type'>> & {
  mutuBaku?: Partial<MutuBaku>;
};

/** Every edit of the document; `noun.verb` ids as in diagram-js's CommandStack. */
export type Command =
  | { type: 'lane.add'; payload: { lane: Lane; index?: number } }
  | { type: 'lane.rename'; payload: { laneId: string; name: string } }
  | { type: 'lane.move'; payload: { laneId: string; toIndex: number } }
  | { type: 'lane.remove'; payload: { laneId: string } }
  | { type: 'lane.bind'; payload: { laneId: string; binding: LaneBinding } }
  | { type: 'node.add'; payload: { node: SopNode } }
  | { type: 'node.move'; payload: { nodeId: string; laneId: string; position: { x: number; y: number } } }
  | { type: 'node.update'; payload: { nodeId: string; patch: NodePatch } }
  | { type: 'node.remove'; payload: { nodeId: string } }
  | { type: 'edge.add'; payload: { edge: SopEdge } }
  | { type: 'edge.remove'; payload: { edgeId: string } }
  | { type: 'edge.relabel'; payload: { edgeId: string; label: EdgeLabel | null } }
  | { type: 'identity.update'; payload: { patch: Partial<Identity> } }
  | { type: 'rows.reorder'; payload: { rowOrder: string[] } }
  | { type: 'field.add'; payload: { field: DataField; index?: number } }
  | { type: 'field.update'; payload: { key: string; patch: FieldPatch } }
  | { type: 'field.move'; payload: { key: string; toIndex: number } }
  | { type: 'field.remove'; payload: { key: string } }
  | { type: 'node.setFieldMode'; payload: { nodeId: string; key: string; mode: FieldMode | null } }
  | { type: 'batch'; payload: { commands: Command[] } };

export type CommandType = Command['type'];

/** A command's outcome: the new document, or why the command is refused. */
export type CommandResult = { ok: true; doc: SopDocument } | { ok: false; refusal: ConnectionRefusal };

/**
 * Applies a command, or says why it is refused (a connection the rules forbid). A batch applies
 * all its commands or none: one refused command refuses the whole batch (a paste with one
 * forbidden arrow changes nothing), so the document never holds half an edit.
 */
export function tryCommand(doc: SopDocument, cmd: Command): CommandResult {
  if (cmd.type === 'batch') {
    let next = doc;
    for (const c of cmd.payload.commands) {
      const r = tryCommand(next, c);
      if (!r.ok) return r;
      next = r.doc;
    }
    return { ok: true, doc: next };
  }
  if (cmd.type === 'edge.add' && !hasId(doc, cmd.payload.edge.id)) {
    const refusal = checkConnection(doc, cmd.payload.edge);
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, doc: applySingle(doc, cmd) };
}

/**
 * Applies one command to a document and returns the new document. Pure: never mutates its input
 * and never dispatches another command. A command that does not apply (unknown id, refused
 * connection, a batch holding a refused command) returns the same document object, so callers
 * can tell "nothing happened".
 */
export function applyCommand(doc: SopDocument, cmd: Command): SopDocument {
  const r = tryCommand(doc, cmd);
  return r.ok ? r.doc : doc;
}

function applySingle(doc: SopDocument, cmd: Exclude<Command, { type: 'batch' }>): SopDocument {
  switch (cmd.type) {
    case 'lane.add':
      return addLane(doc, cmd.payload.lane, cmd.payload.index);
    case 'lane.rename':
      return updateLane(doc, cmd.payload.laneId, (l) => ({ ...l, name: cmd.payload.name }));
    case 'lane.move':
      return moveLane(doc, cmd.payload.laneId, cmd.payload.toIndex);
    case 'lane.remove':
      return removeLane(doc, cmd.payload.laneId);
    case 'lane.bind':
      return updateLane(doc, cmd.payload.laneId, (l) => bindLane(l, cmd.payload.binding));
    case 'node.add':
      return addNode(doc, cmd.payload.node);
    case 'node.move':
      return moveNode(doc, cmd.payload);
    case 'node.update':
      return updateNode(doc, cmd.payload.nodeId, cmd.payload.patch);
    case 'node.remove':
      return removeNodes(doc, new Set([cmd.payload.nodeId]));
    case 'edge.add':
      return addEdge(doc, cmd.payload.edge);
    case 'edge.remove':
      return doc.edges.some((e) => e.id === cmd.payload.edgeId)
        ? { ...doc, edges: doc.edges.filter((e) => e.id !== cmd.payload.edgeId) }
        : doc;
    case 'edge.relabel':
      return relabelEdge(doc, cmd.payload.edgeId, cmd.payload.label);
    case 'identity.update':
      return { ...doc, identity: { ...doc.identity, ...cmd.payload.patch } };
    case 'rows.reorder':
      return reorderRows(doc, cmd.payload.rowOrder);
    case 'field.add':
      return addDataField(doc, cmd.payload.field, cmd.payload.index);
    case 'field.update':
      return updateDataField(doc, cmd.payload.key, cmd.payload.patch);
    case 'field.move':
      return moveDataField(doc, cmd.payload.key, cmd.payload.toIndex);
    case 'field.remove':
      return removeDataField(doc, cmd.payload.key);
    case 'node.setFieldMode':
      return setNodeFieldMode(doc, cmd.payload.nodeId, cmd.payload.key, cmd.payload.mode);
  }
}

/** Applies commands in order; a convenience for tests and replays. */
export function applyCommands(doc: SopDocument, cmds: Command[]): SopDocument {
  return cmds.reduce(applyCommand, doc);
}

function hasId(doc: SopDocument, id: string): boolean {
  return (
    doc.lanes.some((l) => l.id === id) ||
    doc.nodes.some((n) => n.id === id) ||
    doc.edges.some((e) => e.id === id)
  );
}

function addLane(doc: SopDocument, lane: Lane, index = doc.lanes.length): SopDocument {
  if (hasId(doc, lane.id)) return doc;
  const lanes = [...doc.lanes];
  lanes.splice(Math.max(0, Math.min(index, lanes.length)), 0, lane);
  return { ...doc, lanes };
}

function updateLane(doc: SopDocument, laneId: string, update: (l: Lane) => Lane): SopDocument {
  if (!doc.lanes.some((l) => l.id === laneId)) return doc;
  return { ...doc, lanes: doc.lanes.map((l) => (l.id === laneId ? update(l) : l)) };
}

function bindLane(lane: Lane, binding: LaneBinding): Lane {
  const base = { id: lane.id, name: lane.name };
  if (binding.kind === 'position') return { ...base, kind: 'position', positionKey: binding.positionKey };
  if (binding.kind === 'external') return { ...base, kind: 'external', recordedBy: binding.recordedBy };
  return { ...base, kind: 'unbound' };
}

function moveLane(doc: SopDocument, laneId: string, toIndex: number): SopDocument {
  const from = doc.lanes.findIndex((l) => l.id === laneId);
  const to = Math.max(0, Math.min(Math.trunc(toIndex), doc.lanes.length - 1));
  if (from < 0 || from === to) return doc;
  const lanes = [...doc.lanes];
  const [lane] = lanes.splice(from, 1);
  lanes.splice(to, 0, lane!);
  return { ...doc, lanes };
}

function removeLane(doc: SopDocument, laneId: string): SopDocument {
  if (!doc.lanes.some((l) => l.id === laneId)) return doc;
  const inLane = new Set(doc.nodes.filter((n) => n.laneId === laneId).map((n) => n.id));
  const without = removeNodes(doc, inLane);
  return { ...without, lanes: doc.lanes.filter((l) => l.id !== laneId) };
}

function addNode(doc: SopDocument, node: SopNode): SopDocument {
  if (hasId(doc, node.id) || !doc.lanes.some((l) => l.id === node.laneId)) return doc;
  const nodes = [...doc.nodes, node];
  if (!isStepNode(node)) return { ...doc, nodes };
  // A new row goes where it sits vertically, so the printed table follows the drawing.
  const y = new Map(doc.nodes.map((n) => [n.id, n.position.y]));
  const at = doc.rowOrder.findIndex((id) => (y.get(id) ?? Number.NEGATIVE_INFINITY) > node.position.y);
  const rowOrder = [...doc.rowOrder];
  rowOrder.splice(at < 0 ? rowOrder.length : at, 0, node.id);
  return { ...doc, nodes, rowOrder };
}

function moveNode(doc: SopDocument, p: Extract<Command, { type: 'node.move' }>['payload']): SopDocument {
  const node = doc.nodes.find((n) => n.id === p.nodeId);
  if (!node || !doc.lanes.some((l) => l.id === p.laneId)) return doc;
  if (node.laneId === p.laneId && node.position.x === p.position.x && node.position.y === p.position.y)
    return doc;
  const moved = { ...node, laneId: p.laneId, position: { x: p.position.x, y: p.position.y } };
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === p.nodeId ? moved : n)) };
}

function updateNode(doc: SopDocument, nodeId: string, patch: NodePatch): SopDocument {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return doc;
  const { mutuBaku, ...rest } = patch;
  const updated: SopNode = { ...node, ...rest, mutuBaku: { ...node.mutuBaku, ...mutuBaku } };
  let next: SopDocument = { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? updated : n)) };
  // Changing the kind of a node keeps rowOrder to step nodes and labels to decisions.
  if (isStepNode(updated) && !doc.rowOrder.includes(nodeId))
    next = { ...next, rowOrder: [...next.rowOrder, nodeId] };
  if (!isStepNode(updated)) next = { ...next, rowOrder: next.rowOrder.filter((id) => id !== nodeId) };
  if (updated.type !== 'decision' && node.type === 'decision')
    next = {
      ...next,
      edges: next.edges.map((e) => (e.source === nodeId && e.label ? { ...e, label: undefined } : e)),
    };
  return next;
}

function removeNodes(doc: SopDocument, ids: Set<string>): SopDocument {
  if (ids.size === 0 || !doc.nodes.some((n) => ids.has(n.id))) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !ids.has(n.id)),
    edges: doc.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)),
    rowOrder: doc.rowOrder.filter((id) => !ids.has(id)),
  };
}

function addEdge(doc: SopDocument, edge: SopEdge): SopDocument {
  // Connection rules are checked by tryCommand, which reports the refusal.
  if (hasId(doc, edge.id)) return doc;
  const source = doc.nodes.find((n) => n.id === edge.source);
  const clean: SopEdge = { id: edge.id, source: edge.source, target: edge.target };
  if (source?.type === 'decision' && edge.label) clean.label = edge.label;
  return { ...doc, edges: [...doc.edges, clean] };
}

function relabelEdge(doc: SopDocument, edgeId: string, label: EdgeLabel | null): SopDocument {
  const edge = doc.edges.find((e) => e.id === edgeId);
  if (!edge || (edge.label ?? null) === label) return doc;
  const { label: _old, ...rest } = edge;
  const next: SopEdge = label ? { ...rest, label } : rest;
  return { ...doc, edges: doc.edges.map((e) => (e.id === edgeId ? next : e)) };
}

function reorderRows(doc: SopDocument, rowOrder: string[]): SopDocument {
  const steps = new Set(doc.nodes.filter(isStepNode).map((n) => n.id));
  const clean = [...new Set(rowOrder)].filter((id) => steps.has(id));
  if (clean.length === doc.rowOrder.length && clean.every((id, i) => doc.rowOrder[i] === id)) return doc;
  return { ...doc, rowOrder: clean };
}

/** A batch that swaps the ya/tidak labels of a decision's exits, as one undo step. */
export function createSwapLabelsCommand(doc: SopDocument, decisionId: string): Command {
  const exits = doc.edges.filter((e) => e.source === decisionId);
  return {
    type: 'batch',
    payload: {
      commands: exits.map((e) => ({
        type: 'edge.relabel' as const,
        payload: { edgeId: e.id, label: e.label === 'ya' ? ('tidak' as const) : ('ya' as const) },
      })),
    },
  };
}
