/** Small edits used by the hand corrections of corrections.ts; each names what it changes. */
import type { Identity, Lane } from '../../packages/schema/src/index.ts';
import type { SeedDraft } from './seed-draft.ts';

const rowOf = (d: SeedDraft, no: number) => {
  const row = d.rows[no - 1];
  if (!row) throw new Error(`no row ${no}`);
  return row;
};

/** Puts rows in a lane (by the lane's name). */
export function setLane(d: SeedDraft, laneName: string, ...rows: number[]) {
  if (!d.lanes.some((l) => l.name === laneName)) throw new Error(`unknown lane ${laneName}`);
  for (const no of rows) rowOf(d, no).lane = laneName;
}

/** Makes a row a decision with its tidak exit (and ya exit; default the next row). */
export function setDecision(d: SeedDraft, no: number, tidak: number, ya?: number | null) {
  const row = rowOf(d, no);
  row.tidak = tidak;
  if (ya !== undefined) row.ya = ya;
  else delete row.ya;
}

/** Renames a lane everywhere (fixes typos of the printed header). */
export function renameLane(d: SeedDraft, from: string, to: string) {
  const lane = d.lanes.find((l) => l.name === from);
  if (!lane) throw new Error(`unknown lane ${from}`);
  lane.name = to;
  for (const r of d.rows) if (r.lane === from) r.lane = to;
}

/** Replaces the lanes of a table, mapping rows through `rowLanes` (row number → lane name). */
export function replaceLanes(d: SeedDraft, lanes: Lane[], rowLanes: string[]) {
  d.lanes = lanes.map((l) => ({ ...l }));
  rowLanes.forEach((name, i) => {
    setLane(d, name, i + 1);
  });
}

/** Binds a lane to a position, or makes it an outside party recorded by a position. */
export function bindLane(d: SeedDraft, name: string, positionKey: string, external = false) {
  const k = d.lanes.findIndex((l) => l.name === name);
  if (k < 0) throw new Error(`unknown lane ${name}`);
  const id = d.lanes[k]!.id;
  d.lanes[k] = external
    ? { id, name, kind: 'external', recordedBy: positionKey }
    : { id, name, kind: 'position', positionKey };
}

/** Patches the identity sheet. */
export function patchIdentity(d: SeedDraft, patch: Partial<Identity>) {
  d.doc = { ...d.doc, identity: { ...d.doc.identity, ...patch } };
}

/** Patches the text of one row. */
export function patchRow(
  d: SeedDraft,
  no: number,
  patch: { kegiatan?: string; kelengkapan?: string[]; output?: string; keterangan?: string },
) {
  const node = rowOf(d, no).node;
  if (patch.kegiatan !== undefined) node.kegiatan = patch.kegiatan;
  if (patch.keterangan !== undefined) node.keterangan = patch.keterangan;
  if (patch.kelengkapan !== undefined) node.mutuBaku = { ...node.mutuBaku, kelengkapan: patch.kelengkapan };
  if (patch.output !== undefined) node.mutuBaku = { ...node.mutuBaku, output: patch.output };
}
