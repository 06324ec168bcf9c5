import type { EdgeLabel } from '@alur/schema';
import { canSeeTask, toActor } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { EXPECTATION_FAILED, type PipelinedWork, sqlState } from '../db/raw.ts';
import type { AppDeps } from '../deps.ts';
import type { EngineCommand, TaskState, TaskStatus } from '../engine/core/types.ts';
import { type CaseCache, caseCacheOf } from '../engine/store/case-cache.ts';
import {
  type CommandPlan,
  planCachedTaskCommand,
  planTaskCommand,
  rethrowLostRace,
} from '../engine/store/store.ts';
import { AppError } from '../errors.ts';
import { cachedAgencyClock, loadAgencyClock } from './calendar.ts';
import { completionAmendment } from './case-data.ts';
import { idempotent, idempotentWrites } from './idempotency.ts';

/** What a user asks of a task (the engine command without its actor and task id). */
export type TaskAction =
  | { type: 'task.claim' }
  | { type: 'task.release' }
  | { type: 'task.reassign'; toUserId: string }
  | { type: 'task.complete'; outcome?: EdgeLabel; note?: string; data?: Record<string, unknown> };

/**
 * $1 target user, $2 agency, $3 task: the target is active and holds the task's position (else
 * they could neither see nor complete the task they were handed).
 */
const ACTIVE_HOLDER_OF_TASK_POSITION = `select u.id from users u
  join user_positions up on up.user_id = u.id and up.agency_id = u.agency_id
  where u.id = $1::uuid and u.agency_id = $2::uuid and u.active
    and up.position_key = (select position_key from tasks where id = $3::uuid and agency_id = $2::uuid)`;

/**
 * Runs a task command in one transaction, once per idempotency key. On PostgreSQL it costs two
 * round trips: BEGIN, the key's claim, the case lock and the case's tasks together; then the
 * command's writes, the stored answer and COMMIT together. When this process made the case's last
 * change (the next step of a case it moved on, `CaseCache`), it costs one: the command is planned
 * from that and its writes, guarded by the case's revision, go alone with Sync (one implicit
 * transaction); a case that changed meanwhile fails the guard, and the command runs again the
 * two-trip way.
 */
export async function actOnTask(
  deps: AppDeps,
  user: SessionUser,
  input: { taskId: string; idempotencyKey?: string },
  action: TaskAction,
) {
  // Cached per agency; loaded before the transaction so the embedded store never waits on itself.
  const clock = cachedAgencyClock(user.agencyId) ?? (await loadAgencyClock(deps.database.db, user.agencyId));
  const now = deps.now();
  const { data, ...engineAction } = action.type === 'task.complete' ? action : { ...action, data: undefined };
  const command = { ...engineAction, actor: toActor(user), taskId: input.taskId } as EngineCommand;
  const planInput = {
    agencyId: user.agencyId,
    taskId: input.taskId,
    command,
    now,
    clock,
    canSee: (task: TaskState) => canSeeTask(user, task.positionKey),
    // A completion also writes its step's form into the case file (checked under the case's lock).
    amend: action.type === 'task.complete' ? completionAmendment(data, now.getUTCFullYear()) : undefined,
  };
  const cache = caseCacheOf(deps.database);
  // A reassignment reads its target user anyway: it takes the two-trip way.
  const cached = action.type === 'task.reassign' ? undefined : cache.take(input.taskId, user.agencyId);
  if (cached) {
    let sent = false;
    try {
      const plan = await planCachedTaskCommand(cached, planInput);
      sent = true;
      const result = await deps.database.transact(
        idempotentWrites(user.id, input.idempotencyKey, action.type, {
          value: answerOf(plan, input.taskId),
          writes: plan.writes,
        }),
      );
      return committed(deps, cache, plan, result);
    } catch (error) {
      // Refused on what this process remembered, or the case (or the key) changed since: the
      // command runs again on a fresh read. Anything else after sending (the connection) is final.
      if (sent && sqlState(error) !== EXPECTATION_FAILED) throw error;
    }
  }
  let planned: CommandPlan | null = null;
  let answer: TaskActionResult | null = null;
  const work: PipelinedWork<TaskActionResult> = async (q) => {
    const target =
      action.type === 'task.reassign'
        ? q(ACTIVE_HOLDER_OF_TASK_POSITION, [action.toUserId, user.agencyId, input.taskId])
        : null;
    const planning = planTaskCommand(q, planInput);
    planning.catch(() => {});
    if (target && (await target).length === 0) {
      // Planning first: a task the caller may not see stays "not found" whatever the target.
      await planning;
      throw new AppError('BAD_REQUEST', 'TARGET_NOT_IN_POSITION', {
        id: 'Pengguna tujuan tidak aktif atau tidak memegang jabatan tugas ini; pilih rekan sejabatan.',
        en: 'The target user is inactive or does not hold this task’s position; pick a colleague in it.',
      });
    }
    planned = await planning;
    answer = answerOf(planned, input.taskId);
    return { value: answer, writes: planned.writes };
  };
  const result = await deps.database
    .transact(idempotent(user.id, input.idempotencyKey, action.type, work))
    .catch(rethrowLostRace);
  // The work's own answer came back: its writes committed. (Another is the stored answer of an
  // earlier request with the key: nothing was written now.)
  const plan = planned as CommandPlan | null;
  return plan && result === answer ? committed(deps, cache, plan, result) : result;
}

/** What `actOnTask` answers: the case's status, the task, the case's open tasks. */
function answerOf(plan: CommandPlan, taskId: string): TaskActionResult {
  const { state } = plan;
  const task = state.tasks.find((t) => t.id === taskId)!;
  return {
    caseId: plan.caseId,
    caseStatus: state.status,
    task: { id: task.id, status: task.status, claimedBy: task.claimedBy, outcome: task.outcome },
    openTasks: state.tasks
      .filter((t) => t.status === 'open' || t.status === 'claimed')
      .map((t) => ({ id: t.id, nodeId: t.nodeId, positionKey: t.positionKey, dueAt: t.dueAt })),
  };
}

/**
 * After COMMIT: the process remembers the case as the command left it, and the live inboxes may
 * hear of the change.
 */
function committed<T>(deps: AppDeps, cache: CaseCache, plan: CommandPlan, result: T): T {
  if (plan.after) cache.put(plan.after);
  deps.bus.announce(plan.event);
  return result;
}

interface TaskActionResult {
  caseId: string;
  caseStatus: 'active' | 'completed' | 'cancelled';
  task: { id: string; status: TaskStatus; claimedBy: string | null; outcome: EdgeLabel | null };
  openTasks: { id: string; nodeId: string; positionKey: string; dueAt: string | null }[];
}
