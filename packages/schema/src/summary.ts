import { formatWaktu } from './core/waktu-format.ts';
import type { SopDocument } from './document.ts';
import { buildGraph, computeRowOrder, type SopGraph, sumWaktu } from './graph.ts';

export interface SopSummaryRow {
  no: number;
  kegiatan: string;
  /** Name of the lane (pelaksana) the step sits in. */
  lane: string;
  kind: 'activity' | 'decision';
  waktu: string;
  /** For decisions: the row the exit leads to, or null when it leads to Selesai. */
  ya?: number | null;
  tidak?: number | null;
}

/** A schema-independent view of an SOP, as printed (`alur summary --json`). */
export interface SopSummary {
  name: string;
  lanes: string[];
  rows: SopSummaryRow[];
  totalWaktu: string;
}

/** Summarises a document as its printed table: lanes in order, rows 1..n, decision targets. */
export function summarizeDocument(doc: SopDocument): SopSummary {
  const graph = buildGraph(doc);
  const rows = computeRowOrder(doc);
  const numbers = new Map(rows.map((n, i) => [n.id, i + 1]));
  const laneName = new Map(doc.lanes.map((l) => [l.id, l.name]));
  return {
    name: doc.identity.nama,
    lanes: doc.lanes.map((l) => l.name),
    rows: rows.map((n, i) => {
      const row: SopSummaryRow = {
        no: i + 1,
        kegiatan: n.kegiatan,
        lane: laneName.get(n.laneId) ?? '',
        kind: n.type === 'decision' ? 'decision' : 'activity',
        waktu: formatWaktu(n.mutuBaku.waktu),
      };
      if (n.type === 'decision') {
        for (const e of graph.outgoing.get(n.id) ?? []) {
          if (e.label) row[e.label] = findNextRow(graph, e.target, numbers);
        }
      }
      return row;
    }),
    totalWaktu: sumWaktu(doc).text,
  };
}

/** The first step row reached from `id`, passing through forks, joins and the start. */
function findNextRow(graph: SopGraph, id: string, numbers: Map<string, number>): number | null {
  const seen = new Set<string>();
  let cur: string | undefined = id;
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    const no = numbers.get(cur);
    if (no !== undefined) return no;
    const outs: { target: string }[] = graph.outgoing.get(cur) ?? [];
    cur = outs
      .map((e) => e.target)
      .sort((a, b) => (numbers.get(a) ?? Infinity) - (numbers.get(b) ?? Infinity))[0];
  }
  return null;
}
