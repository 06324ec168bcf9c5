import { isStepNode, type SopDocument } from '@alur/schema';
import { findOpenTasks } from '../case-state.ts';
import type { CaseState, EngineEffect } from '../types.ts';

/**
 * The engine's invariants for one state, returned as readable violations (empty = all hold):
 * at most one open task per live token and none on a dead token; every task is a step node of
 * its kind; attempts of a node run 1, 2, 3 … in creation order; an active case always has work
 * open (it can never get stuck); a finished case has no open task and no live token.
 */
export function findInvariantViolations(doc: SopDocument, state: CaseState): string[] {
  const violations: string[] = [];
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const open = findOpenTasks(state);
  const perToken = new Map<string, number>();
  for (const t of open) perToken.set(t.token, (perToken.get(t.token) ?? 0) + 1);
  for (const [token, count] of perToken) {
    if (count > 1) violations.push(`token ${token} has ${count} open tasks`);
    if (!state.tokens[token]) violations.push(`open task on dead token ${token}`);
  }
  const attempts = new Map<string, number>();
  for (const t of state.tasks) {
    const node = nodes.get(t.nodeId);
    if (!node || !isStepNode(node)) violations.push(`task ${t.id} is on non-step node ${t.nodeId}`);
    else if (node.type !== t.kind) violations.push(`task ${t.id} has kind ${t.kind} on a ${node.type}`);
    const expected = (attempts.get(t.nodeId) ?? 0) + 1;
    if (t.attempt !== expected)
      violations.push(`task ${t.id} at ${t.nodeId} has attempt ${t.attempt}, expected ${expected}`);
    attempts.set(t.nodeId, expected);
    if (t.status === 'claimed' && !t.claimedBy) violations.push(`claimed task ${t.id} has no claimer`);
    if (t.status === 'open' && t.claimedBy) violations.push(`open task ${t.id} has a claimer`);
  }
  if (state.status === 'active' && open.length === 0) violations.push('active case has no open task (stuck)');
  if (state.status !== 'active') {
    if (open.length > 0) violations.push(`${state.status} case still has ${open.length} open tasks`);
    if (Object.keys(state.tokens).length > 0) violations.push(`${state.status} case still has live tokens`);
  }
  return violations;
}

/** Every task row change between `before` and `after` must be announced by exactly one effect. */
export function findUnannouncedChanges(
  before: CaseState,
  after: CaseState,
  effects: EngineEffect[],
): string[] {
  const violations: string[] = [];
  const old = new Map(before.tasks.map((t) => [t.id, t]));
  const created = new Set(effects.flatMap((e) => (e.type === 'task.created' ? [e.task.id] : [])));
  const updated = effects.flatMap((e) => (e.type === 'task.updated' ? [e.task.id] : []));
  for (const t of after.tasks) {
    const prev = old.get(t.id);
    if (!prev) {
      if (!created.has(t.id)) violations.push(`task ${t.id} created without task.created`);
    } else if (JSON.stringify(prev) !== JSON.stringify(t)) {
      if (updated.filter((id) => id === t.id).length !== 1)
        violations.push(`task ${t.id} changed without one task.updated`);
    }
  }
  if (after.tasks.length < before.tasks.length) violations.push('tasks were deleted');
  if (effects.filter((e) => e.type === 'audit').length === 0 && effects.length > 0)
    violations.push('no audit effect');
  return violations;
}
