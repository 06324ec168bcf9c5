import { formatWaktu } from './core/waktu-format.ts';
import { isStepNode, type SopDocument, type SopEdge, type SopNode } from './document.ts';
import {
  DEFAULT_NOMINAL_SCALE,
  type NominalScale,
  WAKTU_UNITS,
  type Waktu,
  type WaktuUnit,
  waktuToNominalMinutes,
} from './waktu.ts';

/** Adjacency of a document, built once and shared by the graph helpers. */
export interface SopGraph {
  nodes: Map<string, SopNode>;
  outgoing: Map<string, SopEdge[]>;
  incoming: Map<string, SopEdge[]>;
}

/** Builds adjacency lists; edges whose ends are missing are left out (validation reports them). */
export function buildGraph(doc: Pick<SopDocument, 'nodes' | 'edges'>): SopGraph {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, SopEdge[]>();
  const incoming = new Map<string, SopEdge[]>();
  for (const n of doc.nodes) {
    outgoing.set(n.id, []);
    incoming.set(n.id, []);
  }
  for (const e of doc.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    outgoing.get(e.source)!.push(e);
    incoming.get(e.target)!.push(e);
  }
  return { nodes, outgoing, incoming };
}

/** Every node reachable from `from` (following edges forward), including `from`. */
export function findReachable(graph: SopGraph, from: Iterable<string>): Set<string> {
  return walk(from, (id) => graph.outgoing.get(id)?.map((e) => e.target) ?? []);
}

/** Every node from which one of `to` can be reached, including those nodes. */
export function findReaching(graph: SopGraph, to: Iterable<string>): Set<string> {
  return walk(to, (id) => graph.incoming.get(id)?.map((e) => e.source) ?? []);
}

function walk(from: Iterable<string>, next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of next(id)) if (!seen.has(n)) stack.push(n);
  }
  return seen;
}

/**
 * The printed row order: `rowOrder` filtered to existing step nodes, then any step node it
 * misses, by vertical position. Rows are numbered 1..n in this order.
 */
export function computeRowOrder(doc: Pick<SopDocument, 'nodes' | 'rowOrder'>): SopNode[] {
  const steps = new Map(doc.nodes.filter(isStepNode).map((n) => [n.id, n]));
  const ordered: SopNode[] = [];
  for (const id of doc.rowOrder) {
    const n = steps.get(id);
    if (n) {
      ordered.push(n);
      steps.delete(id);
    }
  }
  const rest = [...steps.values()].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  return [...ordered, ...rest];
}

/** Row number (1-based) of every step node. */
export function numberRows(doc: Pick<SopDocument, 'nodes' | 'rowOrder'>): Map<string, number> {
  return new Map(computeRowOrder(doc).map((n, i) => [n.id, i + 1]));
}

export interface WaktuTotal {
  /** Sum per unit, minutes carried into hours; per-item rows count their per-item amount once. */
  byUnit: Partial<Record<WaktuUnit, number>>;
  /** Rows whose waktu is per item ("@5 menit"): the total holds for one item. */
  perItemRows: number;
  /** "5 hari 1 jam 40 menit" — largest unit first, as the printed table shows it. */
  text: string;
}

/** Total of Waktu as printed at the foot of the table: the sum of every row's waktu. */
export function sumWaktu(doc: Pick<SopDocument, 'nodes'>): WaktuTotal {
  const byUnit: Partial<Record<WaktuUnit, number>> = {};
  let perItemRows = 0;
  for (const n of doc.nodes) {
    const w = isStepNode(n) ? n.mutuBaku.waktu : null;
    if (!w) continue;
    if (w.perItem) perItemRows++;
    byUnit[w.unit] = round((byUnit[w.unit] ?? 0) + w.amount);
  }
  if ((byUnit.menit ?? 0) >= 60) {
    const hours = Math.floor(byUnit.menit! / 60);
    byUnit.jam = round((byUnit.jam ?? 0) + hours);
    byUnit.menit = round(byUnit.menit! - hours * 60);
    if (byUnit.menit === 0) delete byUnit.menit;
  }
  const parts = [...WAKTU_UNITS]
    .reverse()
    .filter((u) => (byUnit[u] ?? 0) > 0)
    .map((u) => formatWaktu({ amount: byUnit[u]!, unit: u, perItem: false }));
  return { byUnit, perItemRows, text: parts.join(' ') };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export interface CriticalPath {
  /** Nominal working minutes of the longest loop-free path from start to an end. */
  minutes: number;
  /** The nodes on that path, in order. */
  nodeIds: string[];
  /** The duration in the largest whole units ("2 hari 3 jam 10 menit"). */
  text: string;
}

/**
 * Critical-path duration: the longest loop-free path from the start to an end, weighting each
 * step by its waktu. Back edges (loops such as a "tidak" returning to an earlier row) are ignored;
 * parallel branches of a fork therefore contribute their longest branch.
 */
export function computeCriticalPath(
  doc: SopDocument,
  scale: NominalScale = DEFAULT_NOMINAL_SCALE,
): CriticalPath {
  const graph = buildGraph(doc);
  const start = doc.nodes.find((n) => n.type === 'start');
  if (!start) return { minutes: 0, nodeIds: [], text: '' };
  const weight = (id: string) => {
    const n = graph.nodes.get(id)!;
    return isStepNode(n) ? waktuToNominalMinutes(n.mutuBaku.waktu, scale) : 0;
  };
  // Iterative DFS giving a topological order of the DAG left after dropping back edges.
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const forward = new Map<string, string[]>();
  const stack: { id: string; i: number }[] = [{ id: start.id, i: 0 }];
  state.set(start.id, 1);
  forward.set(start.id, []);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const outs = graph.outgoing.get(top.id) ?? [];
    if (top.i < outs.length) {
      const t = outs[top.i++]!.target;
      const s = state.get(t);
      if (s === 1) continue; // back edge: a loop
      forward.get(top.id)!.push(t);
      if (s === undefined) {
        state.set(t, 1);
        forward.set(t, []);
        stack.push({ id: t, i: 0 });
      }
    } else {
      state.set(top.id, 2);
      order.push(top.id);
      stack.pop();
    }
  }
  order.reverse();
  const best = new Map<string, { minutes: number; prev: string | null }>();
  best.set(start.id, { minutes: weight(start.id), prev: null });
  for (const id of order) {
    const here = best.get(id);
    if (!here) continue;
    for (const t of forward.get(id)!) {
      const cand = here.minutes + weight(t);
      const cur = best.get(t);
      if (!cur || cand > cur.minutes) best.set(t, { minutes: cand, prev: id });
    }
  }
  let endId: string | null = null;
  for (const [id, b] of best) {
    if (graph.nodes.get(id)!.type !== 'end') continue;
    if (endId === null || b.minutes > best.get(endId)!.minutes) endId = id;
  }
  if (endId === null) return { minutes: 0, nodeIds: [], text: '' };
  const nodeIds: string[] = [];
  for (let id: string | null = endId; id !== null; id = best.get(id)!.prev) nodeIds.push(id);
  nodeIds.reverse();
  const minutes = round(best.get(endId)!.minutes);
  return { minutes, nodeIds, text: formatNominalMinutes(minutes, scale) };
}

/** Formats nominal working minutes as "2 hari 3 jam 10 menit". */
export function formatNominalMinutes(minutes: number, scale: NominalScale = DEFAULT_NOMINAL_SCALE): string {
  if (minutes <= 0) return '0 menit';
  const days = Math.floor(minutes / scale.minutesPerDay);
  let rest = minutes - days * scale.minutesPerDay;
  const hours = Math.floor(rest / 60);
  rest = round(rest - hours * 60);
  const parts: Waktu[] = [];
  if (days) parts.push({ amount: days, unit: 'hari', perItem: false });
  if (hours) parts.push({ amount: hours, unit: 'jam', perItem: false });
  if (rest) parts.push({ amount: rest, unit: 'menit', perItem: false });
  return parts.map(formatWaktu).join(' ');
}
