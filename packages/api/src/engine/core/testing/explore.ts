import type { SopDocument } from '@alur/schema';
import type { CaseState } from '../types.ts';
import { boundedTidak, type WalkResult, walkCase } from './walk.ts';

export interface Exploration {
  walks: (WalkResult & { tidakAt: string[]; order: 'first' | 'last' })[];
  /** Step node ids completed in some walk, and `decision:ya` / `decision:tidak` taken. */
  covered: Set<string>;
}

/**
 * Walks a document to its end again and again until every decision outcome it can reach has been
 * taken: each walk answers "tidak" (at most twice) at a chosen set of decisions and "ya" elsewhere,
 * and every decision met whose "tidak" is still untried seeds a new set. Each set is walked twice,
 * working parallel branches first-to-last and last-to-first.
 */
export function exploreEveryOutcome(
  doc: SopDocument,
  options: { maxWalks?: number; onState?: (s: CaseState) => void } = {},
): Exploration {
  const maxWalks = options.maxWalks ?? 400;
  const walks: Exploration['walks'] = [];
  const covered = new Set<string>();
  const queue: string[][] = [[]];
  const tried = new Set<string>(['']);
  while (queue.length > 0 && walks.length < maxWalks) {
    const tidakAt = queue.shift()!;
    for (const order of ['first', 'last'] as const) {
      const policy = {
        pickTask: order === 'first' ? () => 0 : (n: number) => n - 1,
        decideOutcome: boundedTidak(2, new Set(tidakAt)),
      };
      const walk = walkCase(doc, policy, options.onState ? { onState: options.onState } : {});
      walks.push({ ...walk, tidakAt, order });
      for (const step of walk.trail) covered.add(step);
      for (const step of walk.trail) {
        const [nodeId, outcome] = step.split(':');
        if (outcome !== 'ya' || covered.has(`${nodeId}:tidak`)) continue;
        const next = [...tidakAt, nodeId!].sort();
        const key = next.join(',');
        if (!tried.has(key)) {
          tried.add(key);
          queue.push(next);
        }
      }
    }
  }
  return { walks, covered };
}
