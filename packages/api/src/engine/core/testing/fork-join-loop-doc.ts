import type { SopDocument } from '@alur/schema';
import { buildDoc } from './build-doc.ts';

/**
 * A case with every path the engine store caches through: a fork and its join, a decision whose
 * "tidak" loops back to the first step (case-cache tests).
 *
 *  kasi:  (s) ─▶ [terima] ─▶ <F> ─▶ [berkas] ──▶ <J> ─▶ <layak?> ─ya─▶ [sk] ─▶ (e)
 *                             └───▶ [lapangan] ┘         └─tidak─▶ [terima]
 */
export function forkJoinLoopDoc(): SopDocument {
  return buildDoc({
    lanes: { kasi: 'position:kasi' },
    nodes: {
      s: 'start@kasi',
      terima: 'activity@kasi 1 jam',
      f: 'fork@kasi',
      berkas: 'activity@kasi 2 jam',
      lapangan: 'activity@kasi 1 hari',
      j: 'join@kasi',
      layak: 'decision@kasi 30 menit',
      sk: 'activity@kasi 1 jam',
      e: 'end@kasi',
    },
    flows: [
      's > terima > f',
      'f > berkas > j',
      'f > lapangan > j',
      'j > layak',
      'layak:ya > sk > e',
      'layak:tidak > terima',
    ],
  });
}
