import type { EdgeLabel, SopDocument } from '@alur/schema';
import { findOpenTasks } from '../case-state.ts';
import { decide } from '../decide.ts';
import type { Actor, CaseState, DecideResult, EngineCommand, EngineContext } from '../types.ts';
import { createTestContext } from './context.ts';

export interface WalkPolicy {
  /** Which open task to work next, given how many are open (parallel branches in any order). */
  pickTask: (openCount: number, step: number) => number;
  /** The outcome of a decision, given how many "tidak" it already received in this case. */
  decideOutcome: (nodeId: string, tidakSoFar: number) => EdgeLabel;
}

export interface WalkResult {
  /** The last state reached (null when the start itself was refused). */
  state: CaseState | null;
  steps: number;
  /** The first refusal met, if any (a walk should meet none). */
  error: Extract<DecideResult, { ok: false }>['error'] | null;
  /** `nodeId:outcome` of every decision taken and `nodeId` of every activity completed. */
  trail: string[];
}

/** An actor holding exactly the given position. */
const actorFor = (positionKey: string): Actor => ({ userId: `u-${positionKey}`, positions: [positionKey] });

/**
 * Starts a case and completes open tasks until the case ends or `maxSteps` commands ran; every
 * state is passed to `onState` (for invariant checks).
 */
export function walkCase(
  doc: SopDocument,
  policy: WalkPolicy,
  options: { maxSteps?: number; ctx?: EngineContext; onState?: (s: CaseState) => void } = {},
): WalkResult {
  const ctx = options.ctx ?? createTestContext();
  const maxSteps = options.maxSteps ?? 500;
  const trail: string[] = [];
  const tidak = new Map<string, number>();
  let result = decide(null, { type: 'case.start', actor: actorFor('staf'), title: 'walk' }, doc, ctx);
  let last: CaseState | null = null;
  let steps = 0;
  while (result.ok && result.next.status === 'active' && steps < maxSteps) {
    const state = result.next;
    last = state;
    options.onState?.(state);
    const open = findOpenTasks(state);
    const task = open[policy.pickTask(open.length, steps) % open.length]!;
    const outcome =
      task.kind === 'decision' ? policy.decideOutcome(task.nodeId, tidak.get(task.nodeId) ?? 0) : undefined;
    if (outcome === 'tidak') tidak.set(task.nodeId, (tidak.get(task.nodeId) ?? 0) + 1);
    trail.push(outcome ? `${task.nodeId}:${outcome}` : task.nodeId);
    const command: EngineCommand = {
      type: 'task.complete',
      actor: actorFor(task.positionKey),
      taskId: task.id,
      ...(outcome ? { outcome } : {}),
    };
    result = decide(state, command, doc, ctx);
    steps++;
  }
  if (!result.ok) return { state: last, steps, error: result.error, trail };
  options.onState?.(result.next);
  return { state: result.next, steps, error: null, trail };
}

/** "tidak" up to `limit` times per decision (only for decisions in `tidakAt`, or all), then "ya". */
export function boundedTidak(limit: number, tidakAt?: ReadonlySet<string>): WalkPolicy['decideOutcome'] {
  return (nodeId, tidakSoFar) => ((!tidakAt || tidakAt.has(nodeId)) && tidakSoFar < limit ? 'tidak' : 'ya');
}
