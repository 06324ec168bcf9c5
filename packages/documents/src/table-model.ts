import {
  buildGraph,
  computeRowOrder,
  formatWaktu,
  type SopDocument,
  type SopGraph,
  type SopNode,
  sumWaktu,
} from '@alur/schema';

/** Where a row's flow goes: another row, or the Selesai terminator. */
export type FlowTarget = { kind: 'row'; row: number } | { kind: 'end' };

/** One exit of a printed row; `label` only on decision exits. */
export interface RowExit {
  label?: 'ya' | 'tidak';
  target: FlowTarget;
}

/** One printed row of the flowchart table (1-based `no`). */
export interface TableRow {
  no: number;
  node: SopNode;
  laneIndex: number;
  kind: 'activity' | 'decision';
  kegiatan: string;
  kelengkapan: string[];
  waktu: string;
  output: string;
  keterangan: string;
  /** The start event leads here: the "Mulai" terminator sits above the symbol. */
  starts: boolean;
  exits: RowExit[];
}

/** The printed flowchart table, shared by the PDF and DOCX renderers. */
export interface SopTable {
  lanes: string[];
  rows: TableRow[];
  totalWaktu: string;
  perItemRows: number;
}

/** Builds the printed table: rows in `computeRowOrder`, exits resolved to row numbers. */
export function buildSopTable(doc: SopDocument): SopTable {
  const graph = buildGraph(doc);
  const ordered = computeRowOrder(doc);
  const numbers = new Map(ordered.map((n, i) => [n.id, i + 1]));
  const laneIndex = new Map(doc.lanes.map((l, i) => [l.id, i]));
  const startTargets = new Set<number>();
  for (const s of doc.nodes.filter((n) => n.type === 'start')) {
    for (const t of findTargets(graph, s.id, numbers)) if (t.kind === 'row') startTargets.add(t.row);
  }
  const rows = ordered.map((node, i): TableRow => {
    const exits: RowExit[] = [];
    for (const e of graph.outgoing.get(node.id) ?? []) {
      for (const target of findTargets(graph, e.target, numbers)) {
        exits.push(node.type === 'decision' && e.label ? { label: e.label, target } : { target });
      }
    }
    return {
      no: i + 1,
      node,
      laneIndex: laneIndex.get(node.laneId) ?? 0,
      kind: node.type === 'decision' ? 'decision' : 'activity',
      kegiatan: node.kegiatan,
      kelengkapan: node.mutuBaku.kelengkapan,
      waktu: formatWaktu(node.mutuBaku.waktu),
      output: node.mutuBaku.output,
      keterangan: node.keterangan,
      starts: startTargets.has(i + 1),
      exits: dedupeExits(exits),
    };
  });
  const total = sumWaktu(doc);
  return {
    lanes: doc.lanes.map((l) => l.name),
    rows,
    totalWaktu: total.text,
    perItemRows: total.perItemRows,
  };
}

/**
 * The rows (or Selesai) reached from `id`, passing through start, fork and join nodes; a fork
 * fans out to every branch, so an activity before a fork gets one arrow per branch.
 */
function findTargets(graph: SopGraph, id: string, numbers: Map<string, number>): FlowTarget[] {
  const out: FlowTarget[] = [];
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    if (seen.has(cur)) continue;
    seen.add(cur);
    const no = numbers.get(cur);
    if (no !== undefined) {
      out.push({ kind: 'row', row: no });
      continue;
    }
    const node = graph.nodes.get(cur);
    if (node?.type === 'end') {
      out.push({ kind: 'end' });
      continue;
    }
    for (const e of [...(graph.outgoing.get(cur) ?? [])].reverse()) stack.push(e.target);
  }
  return out;
}

function dedupeExits(exits: RowExit[]): RowExit[] {
  const seen = new Set<string>();
  return exits.filter((x) => {
    const key = `${x.label ?? ''}:${x.target.kind === 'row' ? x.target.row : 'end'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Paper sizes in PDF points, landscape (width × height). */
export const PAPER_SIZES = {
  a4: { width: mm(297), height: mm(210) },
  f4: { width: mm(330), height: mm(215) },
} as const;
export type Paper = keyof typeof PAPER_SIZES;

function mm(x: number): number {
  return (x * 72) / 25.4;
}
