import type { NodeType, SopNode } from '@alur/schema';
import { createId } from '../model/ids.ts';

/** A new symbol of the given type in a lane, with an empty Mutu Baku. */
export function createStepNode(type: NodeType, laneId: string, y: number): SopNode {
  return {
    id: createId(type),
    type,
    laneId,
    kegiatan: '',
    keterangan: '',
    mutuBaku: { kelengkapan: [], waktu: null, output: '' },
    position: { x: 0, y },
    fields: [],
  };
}
