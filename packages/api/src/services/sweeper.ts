import { and, inArray, sql } from 'drizzle-orm';
import { auditEvents, notifications, positions, tasks } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';

/**
 * One pass of the overdue sweeper: claims a batch of tasks past their due date with
 * `FOR UPDATE SKIP LOCKED` (so several processes split the work instead of repeating it), marks
 * them overdue and notifies the supervisor position once per task (a unique index on
 * (task, kind) makes a second notification impossible even if two passes raced).
 */
export async function sweepOverdue(deps: AppDeps, batchSize = 500): Promise<number> {
  const now = deps.now().toISOString();
  return deps.database.db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: tasks.id,
        agencyId: tasks.agencyId,
        positionKey: tasks.positionKey,
        caseId: tasks.caseId,
        nodeId: tasks.nodeId,
      })
      .from(tasks)
      .where(
        and(
          inArray(tasks.status, ['open', 'claimed']),
          sql`${tasks.overdueAt} is null`,
          sql`${tasks.dueAt} is not null`,
          sql`${tasks.dueAt} < ${now}`,
        ),
      )
      .orderBy(tasks.dueAt)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (due.length === 0) return 0;
    await tx
      .update(tasks)
      .set({ overdueAt: now })
      .where(
        inArray(
          tasks.id,
          due.map((t) => t.id),
        ),
      );
    const catalogue = await tx
      .select({ agencyId: positions.agencyId, key: positions.key, supervisorKey: positions.supervisorKey })
      .from(positions)
      .where(inArray(positions.agencyId, [...new Set(due.map((t) => t.agencyId))]));
    const supervisorOf = new Map(catalogue.map((p) => [`${p.agencyId}|${p.key}`, p.supervisorKey]));
    const touched = new Map<string, Set<string>>();
    for (const t of due) {
      // The head of the agency has no supervisor: the position itself is told.
      const to = supervisorOf.get(`${t.agencyId}|${t.positionKey}`) ?? t.positionKey;
      await tx
        .insert(notifications)
        .values({
          agencyId: t.agencyId,
          positionKey: to,
          kind: 'task.overdue',
          taskId: t.id,
          caseId: t.caseId,
          data: { positionKey: t.positionKey, nodeId: t.nodeId },
          createdAt: now,
        })
        .onConflictDoNothing();
      await tx.insert(auditEvents).values({
        agencyId: t.agencyId,
        actorId: null,
        action: 'task.escalated',
        caseId: t.caseId,
        taskId: t.id,
        nodeId: t.nodeId,
        data: { notified: to },
        at: now,
      });
      const set = touched.get(t.agencyId) ?? new Set<string>();
      set.add(to).add(t.positionKey);
      touched.set(t.agencyId, set);
    }
    for (const [agencyId, keys] of touched) {
      await deps.bus.publish(tx, { type: 'notification.created', agencyId, positionKeys: [...keys] });
    }
    return due.length;
  });
}

/** Runs the sweeper every `intervalMs` in this process; returns a stop function. */
export function startSweeper(
  deps: AppDeps,
  intervalMs = 30_000,
  firstAfter?: Promise<unknown>,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = (async () => {
      try {
        while (!stopped && (await sweepOverdue(deps)) > 0) {
          // keep going while full batches come back
        }
      } catch (error) {
        console.error('[sweeper]', error);
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  if (firstAfter) firstAfter.then(tick, () => {});
  else tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
