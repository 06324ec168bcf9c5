import type { EdgeLabel } from '@alur/schema';
import { advanceFrom } from './advance.ts';
import { type EngineFailure, failWith } from './errors.ts';
import { atTask, emitAudit, type Run, updateTask } from './run.ts';
import type { TaskState } from './types.ts';

/** Finds a task of the case that is still open (open or claimed). */
function findWorkableTask(run: Run, taskId: string): TaskState | EngineFailure {
  const task = run.state.tasks.find((t) => t.id === taskId);
  if (!task) {
    return failWith(
      'TASK_NOT_FOUND',
      `Tugas (taskId) "${taskId}" tidak ada pada kasus ini.`,
      `Task (taskId) "${taskId}" does not belong to this case.`,
    );
  }
  if (task.status !== 'open' && task.status !== 'claimed') {
    const statusId = task.status === 'completed' ? 'sudah selesai' : 'sudah dibatalkan';
    return failWith(
      'TASK_NOT_OPEN',
      `Tugas "${taskId}" ${statusId}; tidak dapat diubah lagi.`,
      `Task "${taskId}" is already ${task.status}; it cannot change any more.`,
    );
  }
  return task;
}

function failNotYourPosition(task: TaskState): EngineFailure {
  return failWith(
    'NOT_YOUR_POSITION',
    `Tugas ini untuk jabatan "${task.positionKey}", yang tidak Anda pegang.`,
    `This task belongs to position "${task.positionKey}", which you do not hold.`,
  );
}

function failClaimedByOther(task: TaskState): EngineFailure {
  return failWith(
    'TASK_CLAIMED_BY_OTHER',
    `Tugas ini sedang dikerjakan oleh pengguna lain (claimedBy: ${task.claimedBy}).`,
    `This task is claimed by another user (claimedBy: ${task.claimedBy}).`,
  );
}

const holdsPosition = (run: Run, task: TaskState) => run.actor.positions.includes(task.positionKey);

/** Takes an open task into the actor's hands. Claiming one's own claimed task changes nothing. */
export function claimTask(run: Run, taskId: string): EngineFailure | null {
  const task = findWorkableTask(run, taskId);
  if ('ok' in task) return task;
  if (!holdsPosition(run, task)) return failNotYourPosition(task);
  if (task.status === 'claimed') return task.claimedBy === run.actor.userId ? null : failClaimedByOther(task);
  updateTask(run, task.id, { status: 'claimed', claimedBy: run.actor.userId });
  emitAudit(run, 'task.claimed', atTask(task));
  return null;
}

/** Puts a claimed task back into the position's inbox: the claimer or an admin. */
export function releaseTask(run: Run, taskId: string): EngineFailure | null {
  const task = findWorkableTask(run, taskId);
  if ('ok' in task) return task;
  if (task.status !== 'claimed') {
    return failWith(
      'TASK_NOT_CLAIMED',
      'Tugas ini belum diambil siapa pun; tidak ada yang dilepas.',
      'Nobody has claimed this task; there is nothing to release.',
    );
  }
  if (task.claimedBy !== run.actor.userId && !run.actor.isAdmin) return failClaimedByOther(task);
  updateTask(run, task.id, { status: 'open', claimedBy: null });
  emitAudit(run, 'task.released', atTask(task), { previousClaimedBy: task.claimedBy });
  return null;
}

/**
 * Hands a task to another user: an admin (any open task) or the current claimer. Whether the new
 * user holds the task's position is checked by the caller, which knows the users; the core does not.
 */
export function reassignTask(run: Run, taskId: string, toUserId: string): EngineFailure | null {
  const task = findWorkableTask(run, taskId);
  if ('ok' in task) return task;
  if (!run.actor.isAdmin) {
    if (task.status !== 'claimed') {
      return failWith(
        'TASK_NOT_CLAIMED',
        'Hanya pengambil tugas atau admin yang dapat mengalihkan tugas; tugas ini belum diambil.',
        'Only the claimer or an admin may reassign a task; this task is not claimed.',
      );
    }
    if (task.claimedBy !== run.actor.userId) return failClaimedByOther(task);
  }
  if (task.status === 'claimed' && task.claimedBy === toUserId) return null;
  updateTask(run, task.id, { status: 'claimed', claimedBy: toUserId });
  emitAudit(run, 'task.reassigned', atTask(task), { fromUserId: task.claimedBy, toUserId });
  return null;
}

/**
 * Completes a task and moves its token on. An unclaimed open task may be completed directly by
 * anyone holding its position (an implicit claim: the phone user should not need two taps).
 * A second completion — a retry or a race lost in the store — meets TASK_NOT_OPEN.
 */
export function completeTask(
  run: Run,
  taskId: string,
  outcome?: EdgeLabel,
  note?: string,
): EngineFailure | null {
  const task = findWorkableTask(run, taskId);
  if ('ok' in task) return task;
  if (!holdsPosition(run, task)) return failNotYourPosition(task);
  if (task.status === 'claimed' && task.claimedBy !== run.actor.userId) return failClaimedByOther(task);
  if (task.kind === 'decision' && outcome !== 'ya' && outcome !== 'tidak') {
    return failWith(
      'OUTCOME_REQUIRED',
      'Keputusan harus diisi "ya" atau "tidak" (outcome).',
      'A decision must be completed with "ya" or "tidak" (outcome).',
    );
  }
  if (task.kind === 'activity' && outcome !== undefined) {
    return failWith(
      'OUTCOME_NOT_ALLOWED',
      'Kegiatan biasa tidak memiliki hasil ya/tidak (outcome); kosongkan.',
      'An activity has no ya/tidak result (outcome); leave it empty.',
    );
  }
  const done = updateTask(run, task.id, {
    status: 'completed',
    claimedBy: task.claimedBy ?? run.actor.userId,
    completedAt: run.ctx.now.toISOString(),
    completedBy: run.actor.userId,
    outcome: outcome ?? null,
    note: note ?? null,
  });
  const what = { attempt: done.attempt, note: done.note, implicitClaim: task.status === 'open' };
  if (done.kind === 'decision') emitAudit(run, 'decision.made', atTask(done), { ...what, outcome });
  else emitAudit(run, 'task.completed', atTask(done), what);
  const node = run.graph.nodes.get(done.nodeId);
  if (!node) {
    return failWith(
      'DOCUMENT_INVALID',
      `Langkah "${done.nodeId}" tidak ada pada versi SOP kasus ini.`,
      `Step "${done.nodeId}" does not exist in this case's SOP version.`,
    );
  }
  if (outcome === 'tidak') {
    run.sentBack = { taskId: done.id, nodeId: done.nodeId, note: done.note, by: run.actor.userId };
  }
  return advanceFrom(run, node, done.token, outcome);
}
