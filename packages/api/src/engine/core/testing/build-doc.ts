import { parseWaktuOrThrow, SCHEMA_VERSION, type SopDocument, sopDocumentSchema } from '@alur/schema';

/** `'position:kasi'` or `'external:staf'` (an outside party recorded by that position). */
type LaneSpec = `position:${string}` | `external:${string}` | 'unbound';
/** `'activity@laneId'`, optionally with a waktu: `'activity@staf 2 hari'`. */
type NodeSpec = string;

export interface DocSpec {
  lanes: Record<string, LaneSpec>;
  nodes: Record<string, NodeSpec>;
  /** Chains such as `'s > a > d'`; a label follows the source: `'d:tidak > a'`. */
  flows: string[];
  /** Keys of `file` data fields (upload slots) the SOP defines; the label repeats the key. */
  fileFields?: string[];
}

/**
 * Builds a schema-valid SopDocument from a compact spec, so a test reads like its ASCII drawing.
 * Kegiatan defaults to "Kegiatan <id>"; rowOrder follows the order of `nodes`.
 */
export function buildDoc(spec: DocSpec): SopDocument {
  const lanes = Object.entries(spec.lanes).map(([id, lane]) => {
    const [kind, key] = lane.split(':') as [string, string | undefined];
    if (kind === 'position') return { id, name: id, kind, positionKey: key };
    if (kind === 'external') return { id, name: id, kind, recordedBy: key };
    return { id, name: id, kind: 'unbound' };
  });
  const nodes = Object.entries(spec.nodes).map(([id, text], i) => {
    const match = /^(\w+)@([\w-]+)\s*(.*)$/.exec(text);
    if (!match) throw new Error(`bad node spec "${text}"`);
    const [, type, laneId, waktu] = match as unknown as [string, string, string, string];
    return {
      id,
      type,
      laneId,
      kegiatan: type === 'activity' || type === 'decision' ? `Kegiatan ${id}` : '',
      mutuBaku: { kelengkapan: [], waktu: parseWaktuOrThrow(waktu), output: '' },
      position: { x: 0, y: i * 100 },
    };
  });
  const edges: { id: string; source: string; target: string; label?: string }[] = [];
  for (const flow of spec.flows) {
    const hops = flow.split('>').map((h) => h.trim());
    for (let i = 0; i + 1 < hops.length; i++) {
      const [source, label] = hops[i]!.split(':') as [string, string | undefined];
      const target = hops[i + 1]!.split(':')[0]!;
      edges.push({ id: `e${edges.length + 1}`, source, target, ...(label ? { label } : {}) });
    }
  }
  return sopDocumentSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    identity: { nama: 'SOP uji' },
    lanes,
    nodes,
    edges,
    rowOrder: nodes.filter((n) => n.type === 'activity' || n.type === 'decision').map((n) => n.id),
    dataFields: (spec.fileFields ?? []).map((key) => ({ key, label: key, type: 'file' })),
  });
}
