import { buildGraph, matchForksAndJoins, type SopDocument } from '@alur/schema';
import { cloneCaseState, findOpenTasks } from './case-state.ts';
import type { Actor, CaseState, EngineEffect, TaskState } from './types.ts';

export type CanMigrateResult = { ok: true } | { ok: false; missingNodeIds: string[] };

export type MigrateCaseResult =
  | { ok: true; next: CaseState; effects: EngineEffect[] }
  | { ok: false; missingNodeIds: string[] };

/**
 * Whether a running case may move from `fromDoc` to `toDoc` (DOMAIN §4): every place the case
 * stands must exist in the new version by node id — each open task's step (same kind, lane bound
 * to a position), each join where branches wait, and each fork of a live branch (closed by the
 * same join as before). Anything else is listed in `missingNodeIds`.
 */
export function canMigrate(state: CaseState, fromDoc: SopDocument, toDoc: SopDocument): CanMigrateResult {
  const to = buildGraph(toDoc);
  const joinsFrom = matchForksAndJoins(buildGraph(fromDoc)).joinOf;
  const joinsTo = matchForksAndJoins(to).joinOf;
  const missing = new Set<string>();
  for (const task of findOpenTasks(state)) {
    const node = to.nodes.get(task.nodeId);
    const lane = node && toDoc.lanes.find((l) => l.id === node.laneId);
    if (!node || node.type !== task.kind || !lane || lane.kind === 'unbound') missing.add(task.nodeId);
  }
  for (const key of Object.keys(state.joins)) {
    const joinId = key.slice(0, key.indexOf('|'));
    if (to.nodes.get(joinId)?.type !== 'join') missing.add(joinId);
  }
  for (const token of Object.values(state.tokens)) {
    const forkId = token.forkNodeId;
    if (forkId === null) continue;
    const stillSame = to.nodes.get(forkId)?.type === 'fork' && joinsTo.get(forkId) === joinsFrom.get(forkId);
    if (!stillSame) missing.add(forkId);
  }
  return missing.size === 0 ? { ok: true } : { ok: false, missingNodeIds: [...missing].sort() };
}

/**
 * Moves a running case to `toDoc`. Open tasks keep their id, attempt, claim and due date (the
 * deadline promised when the step was reached); only the position follows the new version's lane.
 * `details` (e.g. version numbers) is added to the audit event.
 */
export function migrateCaseState(
  state: CaseState,
  fromDoc: SopDocument,
  toDoc: SopDocument,
  actor: Actor,
  details: Record<string, unknown> = {},
): MigrateCaseResult {
  const check = canMigrate(state, fromDoc, toDoc);
  if (!check.ok) return check;
  const next = cloneCaseState(state);
  const effects: EngineEffect[] = [];
  const lanes = new Map(toDoc.lanes.map((l) => [l.id, l]));
  const nodes = new Map(toDoc.nodes.map((n) => [n.id, n]));
  const positionChanges: { taskId: string; from: string; to: string }[] = [];
  next.tasks = next.tasks.map((task): TaskState => {
    if (task.status !== 'open' && task.status !== 'claimed') return task;
    const lane = lanes.get(nodes.get(task.nodeId)!.laneId)!;
    const positionKey =
      lane.kind === 'position' ? lane.positionKey : lane.kind === 'external' ? lane.recordedBy : '';
    if (positionKey === task.positionKey) return task;
    const moved = { ...task, positionKey };
    positionChanges.push({ taskId: task.id, from: task.positionKey, to: positionKey });
    effects.push({ type: 'task.updated', task: { ...moved }, previousStatus: task.status });
    return moved;
  });
  effects.push({
    type: 'audit',
    action: 'case.migrated',
    taskId: null,
    nodeId: null,
    data: {
      userId: actor.userId,
      ...details,
      openTaskIds: findOpenTasks(next).map((t) => t.id),
      positionChanges,
    },
  });
  return { ok: true, next, effects };
}
