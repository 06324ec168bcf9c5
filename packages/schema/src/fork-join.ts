import type { SopGraph } from './graph.ts';

export interface ForkJoinMatch {
  /** fork id → the join where all its branches meet. */
  joinOf: Map<string, string>;
  /** join id → the fork it closes. */
  forkOf: Map<string, string>;
  /** Forks whose branches do not all meet at one join (or escape to an end). */
  unbalancedForks: string[];
  /** Joins that close no fork. */
  unmatchedJoins: string[];
}

/**
 * Pairs every fork with its join: walking each branch forward (nested forks/joins counted as
 * depth), the first join met at depth 0 must be the same on every path of every branch.
 */
export function matchForksAndJoins(graph: SopGraph): ForkJoinMatch {
  const joinOf = new Map<string, string>();
  const forkOf = new Map<string, string>();
  const unbalancedForks: string[] = [];
  for (const fork of graph.nodes.values()) {
    if (fork.type !== 'fork') continue;
    const found = new Set<string>();
    let escapes = false;
    const seen = new Set<string>();
    const stack = (graph.outgoing.get(fork.id) ?? []).map((e) => ({ id: e.target, depth: 0 }));
    while (stack.length > 0) {
      const { id, depth } = stack.pop()!;
      const key = `${id}@${depth}`;
      if (seen.has(key) || depth > graph.nodes.size) continue;
      seen.add(key);
      const node = graph.nodes.get(id)!;
      let d = depth;
      if (node.type === 'join') {
        if (depth === 0) {
          found.add(id);
          continue;
        }
        d = depth - 1;
      } else if (node.type === 'fork') {
        if (id === fork.id) continue; // a loop back to this fork: not a way out
        d = depth + 1;
      } else if (node.type === 'end') {
        escapes = true;
        continue;
      }
      for (const e of graph.outgoing.get(id) ?? []) stack.push({ id: e.target, depth: d });
    }
    if (found.size === 1 && !escapes) {
      const join = [...found][0]!;
      joinOf.set(fork.id, join);
      if (forkOf.has(join)) unbalancedForks.push(fork.id);
      else forkOf.set(join, fork.id);
    } else {
      unbalancedForks.push(fork.id);
    }
  }
  const unmatchedJoins = [...graph.nodes.values()]
    .filter((n) => n.type === 'join' && !forkOf.has(n.id))
    .map((n) => n.id);
  return { joinOf, forkOf, unbalancedForks, unmatchedJoins };
}
