import type { SopDocument, SopEdge, SopNode, ValidationCode } from '@alur/schema';

/** Why a connection is refused; the codes are validateSop's, so the canvas and the panel agree. */
export interface ConnectionRefusal {
  code: ValidationCode | 'SELF_LOOP' | 'DUPLICATE_EDGE' | 'READ_ONLY' | 'NO_LANE' | 'OUTSIDE_LANES';
  message: { id: string; en: string };
}

type Endpoints = { source: string; target: string };

const refuse = (code: ConnectionRefusal['code'], id: string, en: string): ConnectionRefusal => ({
  code,
  message: { id, en },
});

/** How many exits a node of this type may have at most (validateSop's exit rules). */
export function findMaxExits(node: Pick<SopNode, 'type'>): number {
  switch (node.type) {
    case 'end':
      return 0;
    case 'decision':
      return 2;
    case 'fork':
      return Number.POSITIVE_INFINITY;
    default:
      return 1;
  }
}

/** How many entries a node of this type may have at most. */
export function findMaxEntries(node: Pick<SopNode, 'type'>): number {
  if (node.type === 'start') return 0;
  if (node.type === 'fork') return 1;
  return Number.POSITIVE_INFINITY;
}

/**
 * Checks whether an arrow source → target may be drawn, with the same rules as validateSop
 * (START_HAS_INCOMING, END_HAS_OUTGOING, STEP_EXITS, DECISION_EXITS, FORK_EXITS, JOIN_ENTRIES).
 * Returns null when allowed.
 */
export function checkConnection(
  doc: Pick<SopDocument, 'nodes' | 'edges'>,
  { source, target }: Endpoints,
): ConnectionRefusal | null {
  const src = doc.nodes.find((n) => n.id === source);
  const tgt = doc.nodes.find((n) => n.id === target);
  if (!src || !tgt)
    return refuse(
      'EDGE_ENDPOINT_MISSING',
      'Panah harus menyambung dua langkah.',
      'An arrow joins two steps.',
    );
  if (source === target)
    return refuse(
      'SELF_LOOP',
      'Panah tidak boleh kembali ke langkah yang sama.',
      'An arrow cannot loop to its own step.',
    );
  if (doc.edges.some((e) => e.source === source && e.target === target))
    return refuse('DUPLICATE_EDGE', 'Kedua langkah ini sudah tersambung.', 'These steps are already joined.');
  if (tgt.type === 'start')
    return refuse(
      'START_HAS_INCOMING',
      'Tidak boleh ada panah masuk ke Mulai.',
      'No arrow may enter the start.',
    );
  const exits = doc.edges.filter((e) => e.source === source).length;
  const entries = doc.edges.filter((e) => e.target === target).length;
  if (exits >= findMaxExits(src)) return refuseExit(src);
  if (entries >= findMaxEntries(tgt))
    return refuse(
      'FORK_EXITS',
      'Percabangan paralel hanya boleh punya satu panah masuk.',
      'A fork has exactly one incoming arrow.',
    );
  return null;
}

function refuseExit(src: SopNode): ConnectionRefusal {
  switch (src.type) {
    case 'end':
      return refuse(
        'END_HAS_OUTGOING',
        'Tidak boleh ada panah keluar dari Selesai.',
        'No arrow may leave an end.',
      );
    case 'start':
      return refuse(
        'START_EXITS',
        'Mulai hanya boleh punya satu panah keluar.',
        'The start has exactly one exit.',
      );
    case 'decision':
      return refuse(
        'DECISION_EXITS',
        'Keputusan sudah punya jalur "ya" dan "tidak".',
        'The decision already has its "ya" and "tidak" exits.',
      );
    case 'join':
      return refuse(
        'JOIN_ENTRIES',
        'Penggabungan hanya boleh punya satu panah keluar.',
        'A join has one exit.',
      );
    default:
      return refuse(
        'STEP_EXITS',
        'Kegiatan hanya boleh punya satu panah keluar; gunakan keputusan atau percabangan paralel.',
        'An activity has one exit; use a decision or a fork.',
      );
  }
}

/** The label a new exit of `source` gets: decisions take "ya" first, then "tidak". */
export function chooseExitLabel(
  doc: Pick<SopDocument, 'nodes' | 'edges'>,
  source: string,
): SopEdge['label'] | undefined {
  const src = doc.nodes.find((n) => n.id === source);
  if (src?.type !== 'decision') return undefined;
  const used = new Set(doc.edges.filter((e) => e.source === source).map((e) => e.label));
  return used.has('ya') ? 'tidak' : 'ya';
}

/** Why a symbol dropped on the canvas was not placed: no lane yet, or dropped beside the lanes. */
export function refuseDrop(doc: Pick<SopDocument, 'lanes'>): ConnectionRefusal {
  return doc.lanes.length === 0
    ? refuse(
        'NO_LANE',
        'Belum ada lajur. Tambahkan lajur dulu (tombol «Tambah lajur»), lalu letakkan simbol di lajurnya.',
        'There is no lane yet. Add a lane first («Add lane»), then drop the symbol in its lane.',
      )
    : refuse(
        'OUTSIDE_LANES',
        'Simbol harus diletakkan di dalam salah satu lajur.',
        'Drop the symbol inside one of the lanes.',
      );
}
