import { normalizeName } from './cells.ts';

/** The position keys the importer binds internal lanes to (the agency's usual role catalogue). */
export const IMPORT_POSITION_KEYS = ['kadis', 'sekdin', 'kabid', 'kasi', 'staf', 'peksos'] as const;
export type ImportPositionKey = (typeof IMPORT_POSITION_KEYS)[number];

// Ways a position is written in lane headers and in Kegiatan text, longest first within a key.
const POSITION_ALIASES: Record<ImportPositionKey, string[]> = {
  kadis: ['kepala dinas', 'ka dinas', 'kadinsos', 'kadis'],
  sekdin: ['sekretaris dinas', 'sekretaris', 'sekdin', 'sekidin'],
  kabid: ['kepala bidang', 'kabid', 'kabis'],
  kasi: [
    'kepala seksi',
    'kepala sub bagian',
    'kepala subbagian',
    'ka sub bag',
    'kasubbag',
    'kasubag',
    'kasie',
    'kasia',
    'kasi',
  ],
  peksos: ['pekerja sosial', 'peksos'],
  staf: ['staf', 'staff', 'pelaksana', 'petugas'],
};

// A position named in the text whose lane is missing may be done by the related position's lane.
const RELATED: Partial<Record<ImportPositionKey, ImportPositionKey>> = { peksos: 'staf', staf: 'peksos' };

/** A lane as bound by the importer. */
export type LaneBinding =
  | { kind: 'position'; positionKey: ImportPositionKey }
  | { kind: 'external'; recordedBy: ImportPositionKey };

/** Binds a lane header name to a position key, or marks it as an outside party recorded by Staf. */
export function bindLaneName(name: string): { binding: LaneBinding; fuzzy: boolean } {
  const n = normalizeName(name);
  // "Staf/Peksos" binds to its first part; "Dinas Sosial" as a whole is an outside party.
  const head = n.split('/')[0] ?? '';
  for (const key of IMPORT_POSITION_KEYS) {
    for (const alias of POSITION_ALIASES[key]) {
      if (head === alias || head.startsWith(`${alias} `))
        return { binding: { kind: 'position', positionKey: key }, fuzzy: false };
    }
  }
  const first = head.split(' ')[0] ?? '';
  if (first.length >= 4) {
    for (const key of IMPORT_POSITION_KEYS) {
      if (
        POSITION_ALIASES[key].some((a) => !a.includes(' ') && a.length >= 4 && editDistance(first, a) === 1)
      ) {
        return { binding: { kind: 'position', positionKey: key }, fuzzy: true };
      }
    }
  }
  return { binding: { kind: 'external', recordedBy: 'staf' }, fuzzy: false };
}

/** Levenshtein distance, for typos such as "Kabis" or "Sekidin" in headers. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export interface LaneRef {
  name: string;
  binding: LaneBinding;
}

/** Phrases that name a lane in free text: its aliases if bound to a position, else its own name. */
function collectPhrases(lane: LaneRef): string[] {
  if (lane.binding.kind === 'position') return POSITION_ALIASES[lane.binding.positionKey];
  const n = normalizeName(lane.name);
  const parts = n
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p.length >= 3);
  return [...new Set([n.replace(/\//g, ' '), ...(parts.length > 1 ? parts : [])])].filter(
    (p) => p.length >= 3,
  );
}

// Words after which a named party is the object (receiver, source) rather than the one acting.
const OBJECT_MARKERS = new Set([
  'kepada',
  'ke',
  'dari',
  'untuk',
  'pada',
  'dengan',
  'bersama',
  'melalui',
  'di',
  'oleh',
  'dan',
]);

interface PhraseHit {
  lane: number;
  start: number;
  end: number;
  after: string;
}

/** Every place in `text` where a lane is named, longest match winning over the ones it contains. */
function findLaneHits(text: string, lanes: LaneRef[]): PhraseHit[] {
  const n = ` ${normalizeName(text).replace(/\//g, ' / ')} `;
  const hits: PhraseHit[] = [];
  lanes.forEach((lane, i) => {
    for (const phrase of collectPhrases(lane)) {
      let from = 0;
      for (;;) {
        const at = n.indexOf(` ${phrase} `, from);
        if (at < 0) break;
        const before = n.slice(0, at).trim().split(' ').pop() ?? '';
        hits.push({ lane: i, start: at + 1, end: at + 1 + phrase.length, after: before });
        from = at + 1;
      }
    }
  });
  return hits.filter(
    (h) =>
      !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
}

/**
 * Finds the lane of whoever acts in a Kegiatan: the first lane named near the start of the text
 * that is not the object of "kepada", "ke", "dari" …, or the agent after "oleh". `strong` when
 * the name opens the sentence ("Kabid … menerima", "Jika menyetujui Kabid …"), which outranks
 * a Mulai/Selesai mark; a name further in is only a hint.
 */
export function findActorLane(text: string, lanes: LaneRef[]): { lane: number; strong: boolean } | null {
  const hits = findLaneHits(text, lanes).sort((a, b) => a.start - b.start);
  const subject = hits.find((h) => h.start <= 60 && !OBJECT_MARKERS.has(h.after));
  if (subject) return { lane: subject.lane, strong: subject.start <= 20 };
  const agent = hits.find((h) => h.after === 'oleh' && h.start <= 120);
  return agent ? { lane: agent.lane, strong: false } : null;
}

/** The lane named first in a phrase such as "Kepala Seksi Perencanaan untuk diperbaiki". */
export function findNamedLane(phrase: string, lanes: LaneRef[]): number | null {
  const hits = findLaneHits(phrase, lanes).sort((a, b) => a.start - b.start);
  if (hits[0]) return hits[0].lane;
  // "dikembalikan kepada peksos" in a table whose lane is Staf: the related position does it.
  for (const key of IMPORT_POSITION_KEYS) {
    const related = RELATED[key];
    if (!related) continue;
    const named = POSITION_ALIASES[key].some((a) => ` ${normalizeName(phrase)} `.includes(` ${a} `));
    if (!named) continue;
    const idx = lanes.findIndex((l) => l.binding.kind === 'position' && l.binding.positionKey === related);
    if (idx >= 0) return idx;
  }
  return null;
}
