import type { SopDocumentInput } from '@alur/schema';

/** Builds a valid document with `nodeCount` symbols (Mulai and Selesai included) over `laneCount` lanes. */
export function generateSop(options?: { nodeCount?: number; laneCount?: number }): SopDocumentInput;

/** Where each symbol of a generated document is drawn, in canvas units. */
export function computeSymbolBoxes(
  document: SopDocumentInput,
): { id: string; x: number; y: number; width: number; height: number }[];
