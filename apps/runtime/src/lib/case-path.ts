import type { SopDocument } from '@alur/schema';

/** What the case page needs of each task attempt. */
export interface TaskTrace {
  nodeId: string;
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  outcome: 'ya' | 'tidak' | null;
}

export interface CasePath {
  /** Nodes the case has been through (or reached). */
  visited: Set<string>;
  /** Nodes with an open or claimed task now. */
  current: Set<string>;
  /** Edges the case has followed. */
  takenEdges: Set<string>;
}

/**
 * Marks the path a case took through its document: from Mulai, an edge counts as taken when its
 * source was passed (a completed attempt; for a decision, one with that exit's label) and its target
 * was reached (a task exists, or it is a fork/join, or Selesai of a completed case).
 */
export function computeCasePath(doc: SopDocument, tasks: TaskTrace[], caseCompleted: boolean): CasePath {
  const byNode = new Map<string, TaskTrace[]>();
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    byNode.set(t.nodeId, [...(byNode.get(t.nodeId) ?? []), t]);
  }
  const typeOf = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const visited = new Set(doc.nodes.filter((n) => n.type === 'start').map((n) => n.id));
  const current = new Set(
    tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => t.nodeId),
  );
  const takenEdges = new Set<string>();
  const passes = (source: string, label: string | undefined): boolean => {
    const type = typeOf.get(source);
    if (!visited.has(source)) return false;
    if (type === 'start' || type === 'fork' || type === 'join') return true;
    const done = (byNode.get(source) ?? []).filter((t) => t.status === 'completed');
    if (type === 'decision') return done.some((t) => t.outcome === label);
    return done.length > 0;
  };
  const reached = (target: string): boolean => {
    const type = typeOf.get(target);
    if (type === 'end') return caseCompleted;
    if (type === 'fork' || type === 'join') return true;
    return byNode.has(target);
  };
  // Fixpoint: each round can only add, so it ends after at most |edges| rounds.
  let changed = true;
  while (changed) {
    changed = false;
    for (const e of doc.edges) {
      if (takenEdges.has(e.id) || !passes(e.source, e.label) || !reached(e.target)) continue;
      takenEdges.add(e.id);
      visited.add(e.target);
      changed = true;
    }
  }
  return { visited, current, takenEdges };
}
