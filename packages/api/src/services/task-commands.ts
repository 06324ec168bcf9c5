import type { EdgeLabel } from '@alur/schema';
import { canSeeTask, toActor } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { PipelinedWork } from '../db/raw.ts';
import type { AppDeps } from '../deps.ts';
import type { AlurEvent, EngineCommand, TaskStatus } from '../engine/core/types.ts';
import { planTaskCommand, rethrowLostRace } from '../engine/store/store.ts';
import { AppError } from '../errors.ts';
import { loadAgencyClock } from './calendar.ts';
import { completionAmendment } from './case-data.ts';
import { idempotent } from './idempotency.ts';

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
 * command's writes, the stored answer and COMMIT together.
 */
export async function actOnTask(
  deps: AppDeps,
  user: SessionUser,
  input: { taskId: string; idempotencyKey?: string },
  action: TaskAction,
) {
  // Cached per agency; loaded before the transaction so the embedded store never waits on itself.
  const clock = await loadAgencyClock(deps.database.db, user.agencyId);
  const now = deps.now();
  const { data, ...engineAction } = action.type === 'task.complete' ? action : { ...action, data: undefined };
  const command = { ...engineAction, actor: toActor(user), taskId: input.taskId } as EngineCommand;
  // A completion also writes its step's form into the case file (checked under the case's lock).
  const amend = action.type === 'task.complete' ? completionAmendment(data, now.getUTCFullYear()) : undefined;
  let changed: AlurEvent | null = null;
  const work: PipelinedWork<TaskActionResult> = async (q) => {
    const target =
      action.type === 'task.reassign'
        ? q(ACTIVE_HOLDER_OF_TASK_POSITION, [action.toUserId, user.agencyId, input.taskId])
        : null;
    const planning = planTaskCommand(q, {
      agencyId: user.agencyId,
      taskId: input.taskId,
      command,
      now,
      clock,
      canSee: (task) => canSeeTask(user, task.positionKey),
      amend,
    });
    planning.catch(() => {});
    if (target && (await target).length === 0) {
      // Planning first: a task the caller may not see stays "not found" whatever the target.
      await planning;
      throw new AppError('BAD_REQUEST', 'TARGET_NOT_IN_POSITION', {
        id: 'Pengguna tujuan tidak aktif atau tidak memegang jabatan tugas ini; pilih rekan sejabatan.',
        en: 'The target user is inactive or does not hold this task’s position; pick a colleague in it.',
      });
    }
    const { caseId, state, writes, event } = await planning;
    changed = event;
    const task = state.tasks.find((t) => t.id === input.taskId)!;
    const value = {
      caseId,
      caseStatus: state.status,
      task: { id: task.id, status: task.status, claimedBy: task.claimedBy, outcome: task.outcome },
      openTasks: state.tasks
        .filter((t) => t.status === 'open' || t.status === 'claimed')
        .map((t) => ({ id: t.id, nodeId: t.nodeId, positionKey: t.positionKey, dueAt: t.dueAt })),
    };
    return { value, writes };
  };
  const result = await deps.database
    .transact(idempotent(user.id, input.idempotencyKey, action.type, work))
    .catch(rethrowLostRace);
  // Committed: now the live inboxes may hear of it (a replayed answer announces nothing new, but
  // a spare refresh is harmless).
  if (changed) deps.bus.announce(changed);
  return result;
}

interface TaskActionResult {
  caseId: string;
  caseStatus: 'active' | 'completed' | 'cancelled';
  task: { id: string; status: TaskStatus; claimedBy: string | null; outcome: EdgeLabel | null };
  openTasks: { id: string; nodeId: string; positionKey: string; dueAt: string | null }[];
}
