import type { SopDocument } from '@alur/schema';
import { cancelCase, startCase } from './case-commands.ts';
import { createCaseState } from './case-state.ts';
import { type EngineFailure, failWith } from './errors.ts';
import { createRun } from './run.ts';
import { claimTask, completeTask, reassignTask, releaseTask } from './task-commands.ts';
import type { CaseState, Decide, DecideResult, EngineCommand, EngineContext } from './types.ts';

// The persistence layer creates a case's state next to the command it runs.
export { createCaseState, findOpenTasks } from './case-state.ts';

/**
 * The engine's pure core: (state, command, document, context) → next state + effects, or a refusal
 * as data. Never mutates its inputs, never reads a clock (time is `ctx.now`), never throws for a
 * user's mistake. The caller persists `next` and `effects` in one transaction.
 */
export const decide: Decide = (state, command, document, ctx) => {
  const current = state ?? (command.type === 'case.start' ? createCaseState(ctx.newId()) : null);
  if (!current) {
    return failWith('CASE_NOT_FOUND', 'Kasus tidak ditemukan.', 'The case was not found.');
  }
  if (current.status !== 'active') {
    const statusId = current.status === 'completed' ? 'sudah selesai' : 'sudah dibatalkan';
    return failWith(
      'CASE_NOT_ACTIVE',
      `Kasus ini ${statusId}; tidak ada lagi yang dapat dikerjakan.`,
      `This case is ${current.status}; nothing more can be done on it.`,
    );
  }
  return applyCommand(current, command, document, ctx);
};

function applyCommand(
  state: CaseState,
  command: EngineCommand,
  document: SopDocument,
  ctx: EngineContext,
): DecideResult {
  const run = createRun(state, document, ctx, command.actor);
  let failure: EngineFailure | null;
  switch (command.type) {
    case 'case.start':
      failure = startCase(run, command.title);
      break;
    case 'task.claim':
      failure = claimTask(run, command.taskId);
      break;
    case 'task.release':
      failure = releaseTask(run, command.taskId);
      break;
    case 'task.reassign':
      failure = reassignTask(run, command.taskId, command.toUserId);
      break;
    case 'task.complete':
      failure = completeTask(run, command.taskId, command.outcome, command.note);
      break;
    case 'case.cancel':
      failure = cancelCase(run, command.reason);
      break;
  }
  return failure ?? { ok: true, next: run.state, effects: run.effects };
}
