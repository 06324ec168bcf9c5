import { expect } from 'vitest';
import { findOpenTasks } from '../case-state.ts';
import type { Actor, CaseState, DecideResult, TaskState } from '../types.ts';

// Tests import the context from here too.
export { createTestContext, NOW } from './context.ts';

/** A user holding the given positions. */
export function actor(userId: string, ...positions: string[]): Actor {
  return { userId, positions };
}

export const admin: Actor = { userId: 'admin', positions: [], isAdmin: true };

/** Unwraps a successful result, failing the test with the refusal otherwise. */
export function expectOk(result: DecideResult): Extract<DecideResult, { ok: true }> {
  if (!result.ok) expect.fail(`expected ok, got ${result.error.code}: ${result.error.message.en}`);
  return result;
}

/** The refusal's code, failing the test when the command succeeded. */
export function expectError(result: DecideResult): string {
  if (result.ok) expect.fail('expected a refusal, got ok');
  return result.error.code;
}

/** The single open task at `nodeId` (fails when there is none or more than one). */
export function openTaskAt(state: CaseState, nodeId: string): TaskState {
  const tasks = findOpenTasks(state).filter((t) => t.nodeId === nodeId);
  expect(tasks.map((t) => t.nodeId)).toEqual([nodeId]);
  return tasks[0]!;
}

/** Node ids of the open tasks, sorted. */
export function openNodeIds(state: CaseState): string[] {
  return findOpenTasks(state)
    .map((t) => t.nodeId)
    .sort();
}
