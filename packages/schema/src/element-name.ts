import { isStepNode, type Lane, type SopDocument, type SopNode } from './document.ts';
import { numberRows } from './graph.ts';

/** A name a person reads, in Indonesian and English. */
export interface ElementName {
  id: string;
  en: string;
}

/** Longest piece of Kegiatan quoted in a name; longer text is cut at a word boundary. */
const QUOTE_MAX = 40;

// Row numbers are asked for once per rule and step; remember them per document object.
const rowCache = new WeakMap<Pick<SopDocument, 'nodes' | 'rowOrder'>, Map<string, number>>();

function findRow(doc: Pick<SopDocument, 'nodes' | 'rowOrder'>, nodeId: string): number | undefined {
  let rows = rowCache.get(doc);
  if (!rows) {
    rows = numberRows(doc);
    rowCache.set(doc, rows);
  }
  return rows.get(nodeId);
}

/** Kegiatan text shortened for a message: whole words, at most ~40 characters, "…" when cut. */
export function shortenKegiatan(text: string, max = QUOTE_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

function nameLaneOf(doc: Pick<SopDocument, 'lanes'>, laneId: string): ElementName | null {
  const lane = doc.lanes.find((l) => l.id === laneId);
  return lane?.name.trim() ? { id: lane.name.trim(), en: lane.name.trim() } : null;
}

/**
 * How a person recognises a node: "Langkah 3 «Memeriksa berkas…»" for a step (its printed row
 * number and text), "Simbol Mulai", "Simbol Selesai (lajur Kabid)" and the like for the others.
 * Never the node's internal id: people do not see ids, they see rows and text.
 */
export function nameNode(doc: Pick<SopDocument, 'nodes' | 'rowOrder' | 'lanes'>, node: SopNode): ElementName {
  const lane = nameLaneOf(doc, node.laneId);
  const inLane = lane ? { id: ` (lajur ${lane.id})`, en: ` (lane ${lane.en})` } : { id: '', en: '' };
  if (isStepNode(node)) {
    const row = findRow(doc, node.id);
    const text = shortenKegiatan(node.kegiatan);
    const base = row ? { id: `Langkah ${row}`, en: `Step ${row}` } : { id: 'Langkah', en: 'Step' };
    return text
      ? { id: `${base.id} «${text}»`, en: `${base.en} «${text}»` }
      : { id: `${base.id} tanpa kegiatan${inLane.id}`, en: `${base.en} without Kegiatan${inLane.en}` };
  }
  const kind = {
    start: { id: 'Simbol Mulai', en: 'The start (Mulai)' },
    end: { id: 'Simbol Selesai', en: 'The end (Selesai)' },
    fork: { id: 'Percabangan paralel', en: 'The fork' },
    join: { id: 'Penggabungan paralel', en: 'The join' },
  }[node.type as 'start' | 'end' | 'fork' | 'join'];
  return { id: `${kind.id}${inLane.id}`, en: `${kind.en}${inLane.en}` };
}

/** How a person recognises a lane: «Kasi», or its column number when it has no name yet. */
export function nameLane(doc: Pick<SopDocument, 'lanes'>, lane: Lane): ElementName {
  if (lane.name.trim()) return { id: `Lajur «${lane.name.trim()}»`, en: `Lane «${lane.name.trim()}»` };
  const column = doc.lanes.indexOf(lane) + 1;
  return column > 0
    ? { id: `Lajur ke-${column} (tanpa nama)`, en: `Lane ${column} (unnamed)` }
    : { id: 'Lajur tanpa nama', en: 'An unnamed lane' };
}

/**
 * A validation message about one element: its readable name, then what is wrong with it. Every
 * rule that speaks about a node or lane goes through here, so no message ever shows an id.
 */
export function describeIssue(
  subject: ElementName,
  detail: ElementName,
): { subject: ElementName; detail: ElementName; message: ElementName } {
  return {
    subject,
    detail,
    message: { id: `${subject.id}: ${detail.id}`, en: `${subject.en}: ${detail.en}` },
  };
}
