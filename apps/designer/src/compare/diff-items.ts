import type { SopDocument, SopNode } from '@alur/schema';
import { type DiffStatus, GHOST_EDGE_PREFIX } from './comparison-view.ts';
import type { DocumentDiff, LaneDiffField, NodeDiffField } from './diff-documents.ts';

/** One line of the comparison list; `elementId` is what the canvas shows (ghost ids included). */
export interface DiffItem {
  kind: 'lane' | 'node' | 'edge';
  status: DiffStatus;
  elementId: string;
  /** Kegiatan, lane name, or "from → to" for arrows. */
  label: string;
  fields: (NodeDiffField | LaneDiffField)[];
  /** For relabelled arrows: the label before and after ('' for none). */
  relabel?: { from: string; to: string };
}

function nameNode(node: SopNode | undefined): string {
  if (!node) return '?';
  return node.kegiatan || node.type;
}

/** Flattens a diff into the lines of the comparison list: lanes, then symbols, then arrows. */
export function listDiffItems(diff: DocumentDiff, a: SopDocument, b: SopDocument): DiffItem[] {
  const nodes = new Map([...a.nodes, ...b.nodes].map((n) => [n.id, n]));
  const edgeName = (source: string, target: string) =>
    `${nameNode(nodes.get(source))} → ${nameNode(nodes.get(target))}`;
  return [
    ...diff.lanes.added.map(
      (l) => ({ kind: 'lane', status: 'added', elementId: l.id, label: l.name, fields: [] }) as DiffItem,
    ),
    ...diff.lanes.removed.map(
      (l) => ({ kind: 'lane', status: 'removed', elementId: l.id, label: l.name, fields: [] }) as DiffItem,
    ),
    ...diff.lanes.changed.map(
      (c) =>
        ({
          kind: 'lane',
          status: 'changed',
          elementId: c.id,
          label: c.after.name,
          fields: c.fields,
        }) as DiffItem,
    ),
    ...diff.nodes.added.map(
      (n) => ({ kind: 'node', status: 'added', elementId: n.id, label: nameNode(n), fields: [] }) as DiffItem,
    ),
    ...diff.nodes.removed.map(
      (n) =>
        ({ kind: 'node', status: 'removed', elementId: n.id, label: nameNode(n), fields: [] }) as DiffItem,
    ),
    ...diff.nodes.changed.map(
      (c) =>
        ({
          kind: 'node',
          status: 'changed',
          elementId: c.id,
          label: nameNode(c.after),
          fields: c.fields,
        }) as DiffItem,
    ),
    ...diff.edges.added.map(
      (e) =>
        ({
          kind: 'edge',
          status: 'added',
          elementId: e.id,
          label: edgeName(e.source, e.target),
          fields: [],
        }) as DiffItem,
    ),
    ...diff.edges.removed.map(
      (e) =>
        ({
          kind: 'edge',
          status: 'removed',
          elementId: `${GHOST_EDGE_PREFIX}${e.id}`,
          label: edgeName(e.source, e.target),
          fields: [],
        }) as DiffItem,
    ),
    ...diff.edges.relabelled.map(
      (r) =>
        ({
          kind: 'edge',
          status: 'changed',
          elementId: r.after.id,
          label: edgeName(r.after.source, r.after.target),
          fields: [],
          relabel: { from: r.before.label ?? '', to: r.after.label ?? '' },
        }) as DiffItem,
    ),
  ];
}
