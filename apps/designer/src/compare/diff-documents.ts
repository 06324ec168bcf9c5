import type { Lane, SopDocument, SopEdge, SopNode } from '@alur/schema';

/** The node fields a comparison reports; layout (position) is not a change of the procedure. */
export const NODE_DIFF_FIELDS = [
  'kegiatan',
  'lane',
  'type',
  'waktu',
  'kelengkapan',
  'output',
  'keterangan',
] as const;
export type NodeDiffField = (typeof NODE_DIFF_FIELDS)[number];
export type LaneDiffField = 'name' | 'binding';

export interface NodeChange {
  id: string;
  before: SopNode;
  after: SopNode;
  fields: NodeDiffField[];
}
export interface EdgeRelabel {
  before: SopEdge;
  after: SopEdge;
}
export interface LaneChange {
  id: string;
  before: Lane;
  after: Lane;
  fields: LaneDiffField[];
}

/** What changed from document `a` (the older, e.g. a published version) to `b` (the draft). */
export interface DocumentDiff {
  nodes: { added: SopNode[]; removed: SopNode[]; changed: NodeChange[] };
  edges: { added: SopEdge[]; removed: SopEdge[]; relabelled: EdgeRelabel[] };
  lanes: { added: Lane[]; removed: Lane[]; changed: LaneChange[] };
}

/** Serialises with sorted keys, so equal values compare equal whatever their key order. */
function toStableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)),
        )
      : v,
  );
}

function readNodeField(node: SopNode, field: NodeDiffField): unknown {
  switch (field) {
    case 'lane':
      return node.laneId;
    case 'waktu':
      return node.mutuBaku.waktu;
    case 'kelengkapan':
      return node.mutuBaku.kelengkapan;
    case 'output':
      return node.mutuBaku.output;
    default:
      return node[field];
  }
}

function readLaneBinding(lane: Lane): string {
  if (lane.kind === 'position') return `position:${lane.positionKey}`;
  if (lane.kind === 'external') return `external:${lane.recordedBy}`;
  return 'unbound';
}

/** An arrow is identified by its ends: redrawing the same arrow is no change. */
function keyEdge(e: SopEdge): string {
  return `${e.source}\u2192${e.target}`;
}

function diffById<T extends { id: string }>(a: T[], b: T[]) {
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  return {
    added: b.filter((x) => !before.has(x.id)),
    removed: a.filter((x) => !after.has(x.id)),
    kept: b.filter((x) => before.has(x.id)).map((x) => [before.get(x.id)!, x] as const),
  };
}

/**
 * Compares two documents: nodes and lanes by id, arrows by their ends. Nodes report which of
 * Kegiatan, lane, type, waktu, kelengkapan, output and keterangan changed; positions are ignored.
 */
export function diffDocuments(a: SopDocument, b: SopDocument): DocumentDiff {
  const nodes = diffById(a.nodes, b.nodes);
  const changedNodes: NodeChange[] = [];
  for (const [before, after] of nodes.kept) {
    const fields = NODE_DIFF_FIELDS.filter(
      (f) => toStableJson(readNodeField(before, f)) !== toStableJson(readNodeField(after, f)),
    );
    if (fields.length > 0) changedNodes.push({ id: after.id, before, after, fields });
  }
  const lanes = diffById(a.lanes, b.lanes);
  const changedLanes: LaneChange[] = [];
  for (const [before, after] of lanes.kept) {
    const fields: LaneDiffField[] = [];
    if (before.name !== after.name) fields.push('name');
    if (readLaneBinding(before) !== readLaneBinding(after)) fields.push('binding');
    if (fields.length > 0) changedLanes.push({ id: after.id, before, after, fields });
  }
  const edgesBefore = new Map(a.edges.map((e) => [keyEdge(e), e]));
  const edgesAfter = new Map(b.edges.map((e) => [keyEdge(e), e]));
  const relabelled: EdgeRelabel[] = [];
  for (const [key, after] of edgesAfter) {
    const before = edgesBefore.get(key);
    if (before && (before.label ?? null) !== (after.label ?? null)) relabelled.push({ before, after });
  }
  return {
    nodes: { added: nodes.added, removed: nodes.removed, changed: changedNodes },
    edges: {
      added: [...edgesAfter].filter(([k]) => !edgesBefore.has(k)).map(([, e]) => e),
      removed: [...edgesBefore].filter(([k]) => !edgesAfter.has(k)).map(([, e]) => e),
      relabelled,
    },
    lanes: { added: lanes.added, removed: lanes.removed, changed: changedLanes },
  };
}

/** Whether the two documents differ in anything a comparison reports. */
export function isEmptyDiff(d: DocumentDiff): boolean {
  return [d.nodes, d.edges, d.lanes].every((group) =>
    Object.values(group).every((list: unknown[]) => list.length === 0),
  );
}
