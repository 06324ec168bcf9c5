import type { SopDocument } from '@alur/schema';
import type { DocumentDiff } from './diff-documents.ts';

export type DiffStatus = 'added' | 'removed' | 'changed';

/** How each element of a comparison is drawn, by element id (lanes by lane id). */
export interface DiffHighlight {
  nodes: Map<string, DiffStatus>;
  edges: Map<string, DiffStatus>;
  lanes: Map<string, DiffStatus>;
}

/** Prefix of the ids of arrows that exist only in the older document (drawn ghosted). */
export const GHOST_EDGE_PREFIX = 'ghost-';

/**
 * The document the canvas shows while comparing: the draft plus, ghosted, whatever the older
 * document had and the draft no longer has (removed lanes at the end, removed symbols where they
 * were, removed arrows between symbols still drawn), with the status of every element.
 */
export function buildComparisonView(
  draft: SopDocument,
  diff: DocumentDiff,
): { doc: SopDocument; highlight: DiffHighlight } {
  const highlight: DiffHighlight = { nodes: new Map(), edges: new Map(), lanes: new Map() };
  for (const l of diff.lanes.added) highlight.lanes.set(l.id, 'added');
  for (const l of diff.lanes.changed) highlight.lanes.set(l.id, 'changed');
  for (const l of diff.lanes.removed) highlight.lanes.set(l.id, 'removed');
  for (const n of diff.nodes.added) highlight.nodes.set(n.id, 'added');
  for (const n of diff.nodes.changed) highlight.nodes.set(n.id, 'changed');
  for (const n of diff.nodes.removed) highlight.nodes.set(n.id, 'removed');
  for (const e of diff.edges.added) highlight.edges.set(e.id, 'added');
  for (const r of diff.edges.relabelled) highlight.edges.set(r.after.id, 'changed');
  const lanes = [...draft.lanes, ...diff.lanes.removed];
  const nodes = [...draft.nodes, ...diff.nodes.removed];
  const drawn = new Set(nodes.map((n) => n.id));
  const ghostEdges = diff.edges.removed
    .filter((e) => drawn.has(e.source) && drawn.has(e.target))
    .map((e) => ({ ...e, id: `${GHOST_EDGE_PREFIX}${e.id}` }));
  for (const e of ghostEdges) highlight.edges.set(e.id, 'removed');
  return {
    doc: { ...draft, lanes, nodes, edges: [...draft.edges, ...ghostEdges], rowOrder: draft.rowOrder },
    highlight,
  };
}
