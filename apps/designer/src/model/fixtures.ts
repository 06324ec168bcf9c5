import { createEmptyDocument, type NodeType, type SopDocument, type SopNode } from '@alur/schema';

/** A step node with defaults, for tests and the palette. */
export function createNode(id: string, type: NodeType, laneId: string, y = 100, kegiatan = ''): SopNode {
  return {
    id,
    type,
    laneId,
    kegiatan,
    keterangan: '',
    mutuBaku: { kelengkapan: [], waktu: null, output: '' },
    position: { x: 0, y },
    fields: [],
  };
}

/**
 * A small valid SOP used by tests:
 *
 *   staf:  (start) → [a1 terima berkas] ─────────────→ [a3 proses] → (end)
 *   kasi:                  ↓                      ya ↑
 *                       <d1 setuju?> ── tidak → back to a1
 */
export function createSampleDocument(): SopDocument {
  const doc = createEmptyDocument('Contoh');
  return {
    ...doc,
    lanes: [
      { id: 'l-staf', name: 'Staf', kind: 'position', positionKey: 'staf' },
      { id: 'l-kasi', name: 'Kasi', kind: 'position', positionKey: 'kasi' },
    ],
    nodes: [
      createNode('s', 'start', 'l-staf', 80),
      {
        ...createNode('a1', 'activity', 'l-staf', 190, 'Terima berkas'),
        mutuBaku: {
          kelengkapan: ['KTP'],
          waktu: { amount: 10, unit: 'menit', perItem: false },
          output: 'Berkas',
        },
      },
      {
        ...createNode('d1', 'decision', 'l-kasi', 300, 'Setuju?'),
        mutuBaku: { kelengkapan: [], waktu: { amount: 1, unit: 'jam', perItem: false }, output: '' },
      },
      createNode('a3', 'activity', 'l-staf', 410, 'Proses'),
      createNode('e', 'end', 'l-staf', 520),
    ],
    edges: [
      { id: 'e1', source: 's', target: 'a1' },
      { id: 'e2', source: 'a1', target: 'd1' },
      { id: 'e3', source: 'd1', target: 'a3', label: 'ya' },
      { id: 'e4', source: 'd1', target: 'a1', label: 'tidak' },
      { id: 'e5', source: 'a3', target: 'e' },
    ],
    rowOrder: ['a1', 'd1', 'a3'],
  };
}
