/**
 * A row-level view of a document for hand corrections: lanes by name, rows in table order with
 * their lane, decision exits by row number and parallel blocks. `draftToDocument` rebuilds the
 * graph with the importer's id scheme (start, r1…rn, end) so the seeds stay comparable.
 */
import {
  LAYOUT,
  type Lane,
  makeLaneId,
  type SopDocument,
  type SopEdge,
  type SopNode,
  sopDocumentSchema,
} from '../../packages/schema/src/index.ts';

export interface DraftRow {
  node: SopNode;
  lane: string;
  /** Decision exits as row numbers (null = Selesai); absent for activities. */
  ya?: number | null;
  tidak?: number;
}

export interface SeedDraft {
  doc: SopDocument;
  lanes: Lane[];
  rows: DraftRow[];
  /** Rows done at the same time: [first, last] inclusive, forked after first-1, joined before last+1. */
  parallel: [number, number][];
}

/** Reads a document made by the importer into a draft. */
export function documentToDraft(doc: SopDocument): SeedDraft {
  const laneName = new Map(doc.lanes.map((l) => [l.id, l.name]));
  const no = new Map(doc.rowOrder.map((id, i) => [id, i + 1]));
  const rows = doc.rowOrder.map((id) => {
    const node = doc.nodes.find((n) => n.id === id)!;
    const row: DraftRow = { node, lane: laneName.get(node.laneId)! };
    if (node.type === 'decision') {
      for (const e of doc.edges.filter((x) => x.source === id)) {
        if (e.label === 'ya') row.ya = no.get(e.target) ?? null;
        if (e.label === 'tidak') row.tidak = no.get(e.target)!;
      }
    }
    return row;
  });
  return { doc, lanes: doc.lanes.map((l) => ({ ...l })), rows, parallel: [] };
}

/** Rebuilds the document from a draft: start → rows → end, decisions, fork/join blocks, layout. */
export function draftToDocument(d: SeedDraft): SopDocument {
  const taken = new Set<string>();
  const lanes = d.lanes.map((l, k) => ({ ...l, id: makeLaneId(l.name, k, taken) }));
  const laneIndex = new Map(lanes.map((l, k) => [l.name, k]));
  const laneOf = (name: string) => {
    const k = laneIndex.get(name);
    if (k === undefined) throw new Error(`unknown lane "${name}"`);
    return k;
  };
  // x is the offset from the lane's centre line (0 = centred), as the designer stores it.
  const at = (_lane: number, band: number) => ({ x: 0, y: LAYOUT.top + band * LAYOUT.rowHeight });
  const id = (no: number | null) => (no === null || no > d.rows.length ? 'end' : `r${no}`);
  const blank = {
    kegiatan: '',
    mutuBaku: { kelengkapan: [], waktu: null, output: '' },
    keterangan: '',
    fields: [],
  };
  const first = laneOf(d.rows[0]!.lane);
  const last = laneOf(d.rows[d.rows.length - 1]!.lane);
  const nodes: SopNode[] = [
    { ...blank, id: 'start', type: 'start', laneId: lanes[first]!.id, position: at(first, 0) },
  ];
  const edges: SopEdge[] = [{ id: 'e-start', source: 'start', target: 'r1' }];
  // Where a row's arrow goes: into a fork when the next rows run in parallel, into a join when
  // the row ends a parallel branch.
  const entry = new Map<number, string>();
  const exitOf = new Map<number, string>();
  d.parallel.forEach(([a, b], k) => {
    const fork = `fork${k + 1}`;
    const join = `join${k + 1}`;
    const fl = laneOf(d.rows[a - 1]!.lane);
    const jl = laneOf(d.rows[Math.min(b, d.rows.length - 1)]!.lane);
    nodes.push({ ...blank, id: fork, type: 'fork', laneId: lanes[fl]!.id, position: at(fl, a - 0.5) });
    nodes.push({ ...blank, id: join, type: 'join', laneId: lanes[jl]!.id, position: at(jl, b + 0.5) });
    entry.set(a, fork);
    for (let r = a; r <= b; r++) {
      edges.push({ id: `e-${fork}-r${r}`, source: fork, target: `r${r}` });
      exitOf.set(r, join);
    }
    edges.push({ id: `e-${join}`, source: join, target: id(b + 1) });
  });
  const target = (no: number | null) => (no !== null && entry.has(no) ? entry.get(no)! : id(no));
  d.rows.forEach((row, i) => {
    const no = i + 1;
    const lane = laneOf(row.lane);
    const isDecision = row.tidak !== undefined;
    nodes.push({
      ...row.node,
      id: `r${no}`,
      type: isDecision ? 'decision' : 'activity',
      laneId: lanes[lane]!.id,
      position: at(lane, no),
    });
    if (isDecision) {
      const ya = row.ya === undefined ? no + 1 : row.ya;
      edges.push({ id: `e-r${no}-ya`, source: `r${no}`, target: target(ya), label: 'ya' });
      edges.push({ id: `e-r${no}-tidak`, source: `r${no}`, target: target(row.tidak!), label: 'tidak' });
    } else {
      edges.push({ id: `e-r${no}`, source: `r${no}`, target: exitOf.get(no) ?? target(no + 1) });
    }
  });
  nodes.push({
    ...blank,
    id: 'end',
    type: 'end',
    laneId: lanes[last]!.id,
    position: at(last, d.rows.length + 1),
  });
  return sopDocumentSchema.parse({
    ...d.doc,
    lanes,
    nodes,
    edges,
    rowOrder: d.rows.map((_, i) => `r${i + 1}`),
  });
}
