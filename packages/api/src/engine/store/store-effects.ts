import type { Statement } from '../../db/raw.ts';
import type { AlurEvent } from '../../server/event-bus.ts';
import type { Actor, CaseState, EngineEffect, TaskState } from '../core/types.ts';
import { WRITE_EFFECTS } from './sql.ts';
import type { AgencyClock } from './store.ts';

export interface EffectScope {
  caseId: string;
  agencyId: string;
  sopId: string;
  actor: Actor;
  now: Date;
  clock: AgencyClock;
}

/** Whether the command changed the case row (every command but the start, which inserts it). */
export type CaseUpdate = { updateCase: true; next: CaseState } | { updateCase: false };

/**
 * The one statement that writes what `decide` produced (WRITE_EFFECTS): the case row, task updates
 * (each guarded by the status it had when loaded: a write that lost a race fails the statement),
 * new tasks with their "arrived" notifications and the audit events in order; and the event to
 * announce to the live inboxes of the positions touched once it has committed.
 */
export function effectsStatement(
  at: EffectScope,
  kase: CaseUpdate,
  effects: EngineEffect[],
  before: TaskState[],
): { write: Statement; event: AlurEvent } {
  const touched = new Set<string>();
  const statusBefore = new Map(before.map((t) => [t.id, t.status]));
  const updated: unknown[] = [];
  const created: unknown[] = [];
  const audits: unknown[] = [];
  for (const e of effects) {
    if (e.type === 'task.created') {
      const t = e.task;
      touched.add(t.positionKey);
      created.push({
        id: t.id,
        node_id: t.nodeId,
        kind: t.kind,
        position_key: t.positionKey,
        attempt: t.attempt,
        token: t.token,
        due_at: t.dueAt,
      });
    } else if (e.type === 'task.updated') {
      const t = e.task;
      touched.add(t.positionKey);
      updated.push({
        id: t.id,
        previous: statusBefore.get(t.id) ?? e.previousStatus,
        status: t.status,
        claimed_by: t.claimedBy,
        completed_at: t.completedAt,
        completed_by: t.completedBy,
        outcome: t.outcome,
        note: t.note,
        working_minutes:
          t.status === 'completed' && t.completedAt
            ? Math.round(at.clock.workingMinutesBetween(new Date(t.createdAt), new Date(t.completedAt)))
            : null,
      });
    } else if (e.type === 'audit') {
      audits.push({ action: e.action, taskId: e.taskId, nodeId: e.nodeId, data: e.data });
    }
  }
  const event: AlurEvent = {
    type: 'task.changed',
    agencyId: at.agencyId,
    positionKeys: [...touched],
    caseId: at.caseId,
  };
  const write: Statement = {
    text: WRITE_EFFECTS,
    params: [
      at.caseId,
      at.agencyId,
      at.sopId,
      at.actor.userId,
      at.now.toISOString(),
      kase.updateCase,
      kase.updateCase ? kase.next.status : null,
      kase.updateCase ? JSON.stringify({ joins: kase.next.joins, tokens: kase.next.tokens }) : null,
      JSON.stringify(updated),
      JSON.stringify(created),
      JSON.stringify(audits),
      updated.length + (kase.updateCase ? 1 : 0),
    ],
  };
  return { write, event };
}
