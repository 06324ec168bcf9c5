import { computeCriticalPath, isStepNode, type SopDocument } from '@alur/schema';
import type { AgencyClock } from '../../engine/core/types.ts';

/**
 * When a case started at `from` should be done: the SOP's waktu step after step along its straight
 * path (`computeCriticalPath`: a "tidak" that loops back is not taken; of parallel branches the
 * longest counts), each step's due date computed on the agency's working calendar from the one
 * before, as the engine does for a task. Null when no step sets a time.
 */
export function estimateDoneAt(
  document: SopDocument,
  from: Date,
  clock: Pick<AgencyClock, 'computeDueAt'>,
): Date | null {
  const nodes = new Map(document.nodes.map((n) => [n.id, n]));
  let at = from;
  let timed = false;
  for (const id of computeCriticalPath(document).nodeIds) {
    const node = nodes.get(id);
    if (!node || !isStepNode(node)) continue;
    const due = clock.computeDueAt(node.mutuBaku.waktu, at);
    if (due) {
      at = due;
      timed = true;
    }
  }
  return timed ? at : null;
}
