import { advanceFrom } from './advance.ts';
import { findOpenTasks, ROOT_TOKEN } from './case-state.ts';
import { type EngineFailure, failWith } from './errors.ts';
import { emitAudit, type Run, updateTask } from './run.ts';

/** Walks the root token from the start node to the first task(s). */
export function startCase(run: Run, title: string): EngineFailure | null {
  if (run.state.tasks.length > 0) {
    return failWith(
      'CASE_ALREADY_STARTED',
      'Kasus ini sudah dimulai sebelumnya.',
      'This case has already been started.',
    );
  }
  const starts = run.doc.nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1) {
    return failWith(
      'DOCUMENT_INVALID',
      `SOP harus punya tepat satu simbol Mulai (ada ${starts.length}).`,
      `The SOP must have exactly one start (found ${starts.length}).`,
    );
  }
  run.state.tokens = { [ROOT_TOKEN]: { parent: null, forkNodeId: null } };
  emitAudit(run, 'case.started', { nodeId: starts[0]!.id }, { title });
  return advanceFrom(run, starts[0]!, ROOT_TOKEN);
}

/** Cancels every open task and the case; no live tokens remain. */
export function cancelCase(run: Run, reason: string): EngineFailure | null {
  const cancelled: string[] = [];
  for (const task of findOpenTasks(run.state)) {
    updateTask(run, task.id, { status: 'cancelled' });
    cancelled.push(task.id);
  }
  run.state.status = 'cancelled';
  run.state.tokens = {};
  run.state.joins = {};
  run.effects.push({ type: 'case.cancelled' });
  // One audit event for the whole action; the cancelled tasks are in the task.updated effects.
  emitAudit(run, 'case.cancelled', {}, { reason, cancelledTaskIds: cancelled });
  return null;
}
