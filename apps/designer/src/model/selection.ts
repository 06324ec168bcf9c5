/** What is selected in one editor; session state only, never saved or undone. */
export interface Selection {
  nodeIds: string[];
  edgeIds: string[];
  laneId: string | null;
  /** The identity sheet is open in the inspector. */
  identity: boolean;
}

export const EMPTY_SELECTION: Selection = { nodeIds: [], edgeIds: [], laneId: null, identity: false };

/** A selection holding just one element of the given kind. */
export function selectOnly(kind: 'node' | 'edge' | 'lane' | 'document', id?: string): Selection {
  if (kind === 'node' && id) return { ...EMPTY_SELECTION, nodeIds: [id] };
  if (kind === 'edge' && id) return { ...EMPTY_SELECTION, edgeIds: [id] };
  if (kind === 'lane' && id) return { ...EMPTY_SELECTION, laneId: id };
  return { ...EMPTY_SELECTION, identity: true };
}
