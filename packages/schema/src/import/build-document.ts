import { SCHEMA_VERSION, type SopDocumentInput, type SopEdge, type SopNode } from '../document.ts';
import { parseWaktu } from '../waktu.ts';
import type { AnalysedTable } from './analyse-rows.ts';
import type { IdentityInput } from './import-grid.ts';
import type { ImportGuess } from './import-result.ts';

/** Spacing of the laid-out flowchart: one column per lane, one band per row. */
/** Drawing of an imported table: centred in its lane (x = 0), one band per row below the headers. */
export const LAYOUT = { laneWidth: 240, rowHeight: 120, top: 80 } as const;

const MAX_TEXT = 20_000;
const clip = (s: string) => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);

/** Makes an id-safe slug ("Ka.DINAS" → "ka-dinas"), unique within `taken`. */
export function makeLaneId(name: string, k: number, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || `lajur-${k + 1}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * Splits a kelengkapan cell into items only where it clearly lists several: line breaks,
 * semicolons, bullets, or short comma-separated names. Otherwise it stays one item.
 */
export function splitKelengkapan(text: string): string[] {
  const t = text.replace(/^[-•]\s*/, '').trim();
  if (t === '') return [];
  const byMark = t
    .split(/\s*(?:;|\n|\s[-•]\s|\s(?=\d+[.)]\s))\s*/)
    .map((s) => s.replace(/^\d+[.)]\s*/, '').trim());
  if (byMark.filter(Boolean).length > 1) return byMark.filter(Boolean);
  if (/[()]/.test(t)) return [t];
  const byComma = t.split(/\s*,\s*/).filter(Boolean);
  if (byComma.length > 1 && byComma.every((p) => p.split(/\s+/).length <= 5)) return byComma;
  return [t];
}

/** Builds the document: start → rows in order → end, decisions with their ya/tidak exits, a layout. */
export function buildDocument(
  table: AnalysedTable,
  identity: IdentityInput,
  guesses: ImportGuess[],
): SopDocumentInput {
  const taken = new Set<string>();
  const laneIds = table.lanes.map((l, k) => makeLaneId(l.name, k, taken));
  const lanes = table.lanes.map((l, k) =>
    l.binding.kind === 'position'
      ? { id: laneIds[k]!, name: l.name, kind: 'position' as const, positionKey: l.binding.positionKey }
      : { id: laneIds[k]!, name: l.name, kind: 'external' as const, recordedBy: l.binding.recordedBy },
  );
  const stepId = (r: number) => `r${r + 1}`;
  const at = (_lane: number, band: number) => ({ x: 0, y: LAYOUT.top + band * LAYOUT.rowHeight });
  const steps = table.steps;
  const firstLane = steps[0]?.lane ?? 0;
  const lastLane = steps[steps.length - 1]?.lane ?? 0;
  const nodes: SopNode[] = [
    {
      id: 'start',
      type: 'start',
      laneId: laneIds[firstLane]!,
      kegiatan: '',
      mutuBaku: { kelengkapan: [], waktu: null, output: '' },
      keterangan: '',
      position: at(firstLane, 0),
      fields: [],
    },
  ];
  steps.forEach((s, r) => {
    const no = r + 1;
    const parsed = parseWaktu(s.row.waktu, `baris ${no}`);
    if (!parsed.ok) {
      guesses.push({
        kind: 'waktu-unparseable',
        row: no,
        line: s.row.line,
        message: {
          id: `${parsed.error.id} Waktu dikosongkan.`,
          en: `${parsed.error.en} Waktu is left empty.`,
        },
      });
    }
    const kelengkapan = splitKelengkapan(s.kelengkapan);
    if (kelengkapan.length > 1) {
      guesses.push({
        kind: 'kelengkapan-split',
        row: no,
        line: s.row.line,
        message: {
          id: `Baris ${no}: kelengkapan dipecah menjadi ${kelengkapan.length} butir.`,
          en: `Row ${no}: kelengkapan is split into ${kelengkapan.length} items.`,
        },
      });
    }
    nodes.push({
      id: stepId(r),
      type: s.decision ? 'decision' : 'activity',
      laneId: laneIds[s.lane]!,
      kegiatan: clip(s.kegiatan),
      mutuBaku: {
        kelengkapan: kelengkapan.map(clip),
        waktu: parsed.ok ? parsed.waktu : null,
        output: clip(s.row.output),
      },
      keterangan: clip(s.keterangan),
      position: at(s.lane, no),
      fields: [],
    });
  });
  nodes.push({
    id: 'end',
    type: 'end',
    laneId: laneIds[lastLane]!,
    kegiatan: '',
    mutuBaku: { kelengkapan: [], waktu: null, output: '' },
    keterangan: '',
    position: at(lastLane, steps.length + 1),
    fields: [],
  });
  const edges: SopEdge[] = [];
  const next = (r: number) => (r + 1 < steps.length ? stepId(r + 1) : 'end');
  if (steps.length > 0) edges.push({ id: 'e-start', source: 'start', target: stepId(0) });
  steps.forEach((s, r) => {
    const id = stepId(r);
    if (s.decision) {
      edges.push({ id: `e-${id}-ya`, source: id, target: next(r), label: 'ya' });
      edges.push({ id: `e-${id}-tidak`, source: id, target: stepId(s.tidakTarget ?? r), label: 'tidak' });
    } else {
      edges.push({ id: `e-${id}`, source: id, target: next(r) });
    }
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    identity: {
      nama: identity.nama,
      unit: { nama: identity.unitNama, alamat: '', bidang: identity.bidang },
      disahkanOleh: identity.disahkanOleh,
    },
    lanes,
    nodes,
    edges,
    rowOrder: steps.map((_, r) => stepId(r)),
  };
}
