import { SCHEMA_VERSION, type SopDocument, sopDocumentSchema } from '../document.ts';
import { parseWaktuOrThrow } from '../waktu.ts';

/**
 * Builds a document from a sketch, so a test reads like its drawing:
 *   sketch({ lanes: ['kasi', 'kabid'], nodes: ['s start kasi', 'a activity kasi 2 hari', …],
 *            flows: ['s>a', 'd>a:tidak'] })
 * Node: "<id> <type> <lane> [waktu]"; flow: "<source>><target>[:label]".
 */
export function sketch(spec: { lanes: string[]; nodes: string[]; flows: string[] }): SopDocument {
  const nodes = spec.nodes.map((line, i) => {
    const [id, type, laneId, ...waktu] = line.split(/\s+/) as [string, string, string, ...string[]];
    return {
      id,
      type,
      laneId,
      kegiatan: type === 'activity' || type === 'decision' ? `Kegiatan ${id}` : '',
      mutuBaku: { kelengkapan: [], waktu: parseWaktuOrThrow(waktu.join(' ')), output: '' },
      position: { x: 0, y: i * 100 },
    };
  });
  return sopDocumentSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    identity: { nama: 'Uji' },
    lanes: spec.lanes.map((id) => ({ id, name: id.toUpperCase(), kind: 'position', positionKey: id })),
    nodes,
    edges: spec.flows.map((f, i) => {
      const [pair, label] = f.split(':') as [string, string | undefined];
      const [source, target] = pair.split('>') as [string, string];
      return { id: `e${i}`, source, target, ...(label ? { label } : {}) };
    }),
    rowOrder: nodes.filter((n) => n.type === 'activity' || n.type === 'decision').map((n) => n.id),
  });
}
