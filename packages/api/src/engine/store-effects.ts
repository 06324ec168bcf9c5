import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { auditEvents, notifications, tasks } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { AgencyClock, EngineIo } from './store.ts';
import type { Actor, EngineEffect, TaskState } from './types.ts';

export interface EffectScope {
  caseId: string;
  agencyId: string;
  sopId: string;
  actor: Actor;
  now: Date;
  clock: AgencyClock;
}

/**
 * Writes what `decide` produced, inside the caller's transaction: task updates (each guarded by
 * the status it had when loaded), then new tasks, their "arrived" notifications and the audit
 * events in one multi-row insert each, then one NOTIFY for the live inboxes. The statements are
 * sent together (pipelined on the transaction's connection, executed in this order, so the
 * notifications' foreign key finds its task); any failure rejects and rolls everything back.
 */
export async function writeEffects(
  io: EngineIo,
  tx: Tx,
  at: EffectScope,
  effects: EngineEffect[],
  before: TaskState[],
): Promise<void> {
  const touched = new Set<string>();
  const updates: Promise<void>[] = [];
  const statusBefore = new Map(before.map((t) => [t.id, t.status]));
  const created: (typeof tasks.$inferInsert)[] = [];
  const arrived: (typeof notifications.$inferInsert)[] = [];
  const audits: (typeof auditEvents.$inferInsert)[] = [];
  for (const e of effects) {
    if (e.type === 'task.created') {
      touched.add(e.task.positionKey);
      created.push({ ...e.task, caseId: at.caseId, agencyId: at.agencyId, sopId: at.sopId });
      arrived.push({
        agencyId: at.agencyId,
        positionKey: e.task.positionKey,
        kind: 'task.arrived',
        taskId: e.task.id,
        caseId: at.caseId,
        data: { nodeId: e.task.nodeId, attempt: e.task.attempt },
      });
    } else if (e.type === 'task.updated') {
      touched.add(e.task.positionKey);
      updates.push(updateTask(tx, e.task, statusBefore.get(e.task.id) ?? e.previousStatus, at.clock));
    } else if (e.type === 'audit') {
      audits.push({
        agencyId: at.agencyId,
        actorId: at.actor.userId,
        action: e.action,
        sopId: at.sopId,
        caseId: at.caseId,
        taskId: e.taskId,
        nodeId: e.nodeId,
        data: e.data,
        at: at.now.toISOString(),
      });
    }
  }
  const writes: Promise<unknown>[] = [...updates];
  if (created.length) writes.push(tx.insert(tasks).values(created).execute());
  if (arrived.length) writes.push(tx.insert(notifications).values(arrived).onConflictDoNothing().execute());
  if (audits.length) writes.push(tx.insert(auditEvents).values(audits).execute());
  writes.push(
    io.deps.bus.publish(tx, {
      type: 'task.changed',
      agencyId: at.agencyId,
      positionKeys: [...touched],
      caseId: at.caseId,
    }),
  );
  await Promise.all(writes);
}

/** Guarded by the previous status: a write that lost a race changes nothing and aborts. */
async function updateTask(tx: Tx, task: TaskState, previous: TaskState['status'], clock: AgencyClock) {
  const completed = task.status === 'completed' && task.completedAt;
  const updated = await tx
    .update(tasks)
    .set({
      status: task.status,
      claimedBy: task.claimedBy,
      completedAt: task.completedAt,
      completedBy: task.completedBy,
      outcome: task.outcome,
      note: task.note,
      workingMinutes: completed
        ? Math.round(clock.workingMinutesBetween(new Date(task.createdAt), new Date(task.completedAt!)))
        : null,
    })
    .where(and(eq(tasks.id, task.id), eq(tasks.status, previous)))
    .returning({ id: tasks.id });
  if (updated.length !== 1) {
    throw new AppError('CONFLICT', 'TASK_CHANGED', {
      id: 'Tugas ini baru saja diubah oleh orang lain. Muat ulang lalu coba lagi.',
      en: 'This task was just changed by someone else. Reload and try again.',
    });
  }
}
