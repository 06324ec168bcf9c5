import type { Actor, AgencyClock, AlurEvent, CaseState, EngineEffect, TaskState } from '../core/types.ts';
import type { CaseChanges, NewTask, TaskUpdate } from './case-writer.ts';

/** What every write of one command shares: the case, who acts, when, on which calendar. */
export interface ChangeScope {
  caseId: string;
  agencyId: string;
  sopId: string;
  actor: Actor;
  now: Date;
  clock: AgencyClock;
}

/** How the case row changes: a start inserts it; every other command updates it. */
export type CaseRowChange =
  | {
      next: CaseState;
      start: {
        versionId: string;
        number: string;
        title: string;
        data: Record<string, unknown>;
        trackingCode: string;
      };
    }
  | {
      next: CaseState;
      start?: undefined;
      versionId?: string;
      data?: Record<string, unknown> | null;
      /** The revision the command was planned on (`CaseUpdate.revision`); absent under the caller's lock. */
      revision?: number;
    };

/**
 * Turns what the core decided (the next state and its effects) into the writer's named changes,
 * and the event to announce to the live inboxes of every position touched once it has committed.
 * `before` is the tasks as read under the lock: each update is guarded by the status read there.
 */
export function toCaseChanges(
  scope: ChangeScope,
  row: CaseRowChange,
  effects: readonly EngineEffect[],
  before: readonly TaskState[],
  eventType: AlurEvent['type'] = 'task.changed',
): { changes: CaseChanges; event: AlurEvent } {
  // A command touches a task or two, of a case with a few live ones: arrays, not a Set and a Map.
  const touched: string[] = [];
  const touch = (positionKey: string) => {
    if (!touched.includes(positionKey)) touched.push(positionKey);
  };
  const at = scope.now.toISOString();
  const taskUpdates: TaskUpdate[] = [];
  const newTasks: NewTask[] = [];
  const audits: CaseChanges['audits'] = [];
  for (const e of effects) {
    if (e.type === 'task.created') {
      const t = e.task;
      touch(t.positionKey);
      newTasks.push({
        id: t.id,
        nodeId: t.nodeId,
        kind: t.kind,
        positionKey: t.positionKey,
        attempt: t.attempt,
        token: t.token,
        dueAt: t.dueAt,
        sentBack: e.sentBack ?? null,
      });
    } else if (e.type === 'task.updated') {
      const t = e.task;
      const was = before.find((b) => b.id === t.id);
      touch(t.positionKey);
      // A task that moved (migration) leaves its old position's inbox too.
      if (was) touch(was.positionKey);
      taskUpdates.push({
        id: t.id,
        previous: was?.status ?? e.previousStatus,
        status: t.status,
        positionKey: t.positionKey,
        claimedBy: t.claimedBy,
        completedAt: t.completedAt,
        completedBy: t.completedBy,
        outcome: t.outcome,
        note: t.note,
        workingMinutes:
          t.status === 'completed' && t.completedAt
            ? Math.round(
                scope.clock.workingMinutesBetween(
                  new Date(t.createdAt),
                  // Completed by this command, at `now`: no need to parse it back.
                  t.completedAt === at ? scope.now : new Date(t.completedAt),
                ),
              )
            : null,
      });
    } else if (e.type === 'audit') {
      audits.push({ action: e.action, taskId: e.taskId, nodeId: e.nodeId, data: e.data });
    }
  }
  const engineState = { joins: row.next.joins, tokens: row.next.tokens };
  const changes: CaseChanges = {
    caseId: scope.caseId,
    agencyId: scope.agencyId,
    sopId: scope.sopId,
    actorId: scope.actor.userId,
    at,
    newCase: row.start
      ? { ...row.start, status: row.next.status, engineState, startedBy: scope.actor.userId }
      : null,
    caseUpdate: row.start
      ? null
      : {
          status: row.next.status,
          engineState,
          versionId: row.versionId ?? null,
          data: row.data ?? null,
          revision: row.revision ?? null,
        },
    taskUpdates,
    newTasks,
    audits,
  };
  const event: AlurEvent = {
    type: eventType,
    agencyId: scope.agencyId,
    positionKeys: touched,
    caseId: scope.caseId,
  };
  return { changes, event };
}
