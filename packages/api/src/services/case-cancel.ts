import { assertMayCancelCase, loadVisibleCase, toActor } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { PipelinedWork } from '../db/raw.ts';
import type { AppDeps } from '../deps.ts';
import type { AlurEvent, CaseStatus } from '../engine/core/types.ts';
import { caseCacheOf } from '../engine/store/case-cache.ts';
import { planCaseCommand, rethrowLostRace } from '../engine/store/store.ts';
import { loadAgencyClock } from './calendar.ts';
import { idempotent } from './idempotency.ts';

interface CancelResult {
  caseId: string;
  caseStatus: CaseStatus;
  /** The tasks that were still open and are now cancelled (gone from every inbox). */
  cancelledTaskIds: string[];
}

/**
 * Cancels a case with a reason: its open tasks are cancelled (they leave the inboxes), the case
 * ends as `cancelled`, one audit event records who, when and why. Once per idempotency key.
 */
export async function cancelCaseForUser(
  deps: AppDeps,
  user: SessionUser,
  input: { caseId: string; reason: string; idempotencyKey?: string },
): Promise<CancelResult> {
  // Who may: see the case (else 404), then be its starter, a leader or an admin (else 403).
  const row = await loadVisibleCase(deps.database.db, user, input.caseId);
  assertMayCancelCase(user, row);
  const clock = await loadAgencyClock(deps.database.db, user.agencyId);
  const now = deps.now();
  let changed: AlurEvent | null = null;
  const work: PipelinedWork<CancelResult> = async (q) => {
    const plan = await planCaseCommand(q, {
      agencyId: user.agencyId,
      caseId: input.caseId,
      command: { type: 'case.cancel', actor: toActor(user), reason: input.reason },
      now,
      clock,
    });
    changed = { ...plan.event, type: 'case.changed' };
    const value = {
      caseId: plan.caseId,
      caseStatus: plan.state.status,
      cancelledTaskIds: plan.changes.taskUpdates.filter((t) => t.status === 'cancelled').map((t) => t.id),
    };
    return { value, writes: plan.writes };
  };
  const result = await deps.database
    .transact(idempotent(user.id, input.idempotencyKey, 'case.cancel', work))
    .catch(rethrowLostRace);
  // Committed: the inboxes that held the cancelled tasks hear of it, and this process forgets the
  // ended case (a command on one of its tasks would otherwise be planned from memory first).
  caseCacheOf(deps.database).forget(input.caseId);
  if (changed) deps.bus.announce(changed);
  return result;
}
