import type { Statement } from '../../db/raw.ts';
import type { EngineEffect } from '../core/types.ts';
import type { CaseChanges } from './case-writer.ts';
import { compileNamed } from './columns.ts';

/**
 * Notifications that follow the work, written after the case writer's statement in the same
 * transaction (so they see its rows): a finished task's notifications are marked done, a step
 * sent back by a "tidak" gets the decision's note on its "arrived" notification (what the inbox
 * and the task page show), and whoever started a case hears when it ends.
 */
const FOLLOW_WORK = compileNamed<{
  caseId: string;
  actorId: string | null;
  at: string;
  doneTaskIds: string;
  sentBack: string;
  endKind: string | null;
}>(`with
  settled as (
    update notifications set done_at = $at::text::timestamptz
    where task_id in (select value::uuid from jsonb_array_elements_text($doneTaskIds::text::jsonb))
      and done_at is null),
  annotated as (
    update notifications n set data = n.data || jsonb_build_object('sentBack', x.sent_back)
    from jsonb_to_recordset($sentBack::text::jsonb) as x(task_id uuid, sent_back jsonb)
    where n.task_id = x.task_id and n.kind = 'task.arrived'),
  ended as (
    insert into notifications (agency_id, user_id, kind, case_id, data)
    select c.agency_id, c.started_by, $endKind::text, c.id, jsonb_build_object('endedBy', $actorId::text)
    from cases c
    where c.id = $caseId::uuid and $endKind::text is not null
      -- Cancelling one's own case needs no message to oneself.
      and not ($endKind::text = 'case.cancelled' and c.started_by = $actorId::uuid))
select 1`);

/** The statement that makes a command's notifications follow its work; none when nothing to do. */
export function notificationWriteStatements(
  changes: CaseChanges,
  effects: readonly EngineEffect[],
): Statement[] {
  const doneTaskIds = changes.taskUpdates
    .filter((t) => t.status === 'completed' || t.status === 'cancelled')
    .map((t) => t.id);
  const sentBack = effects.flatMap((e) =>
    e.type === 'task.created' && e.sentBack ? [{ task_id: e.task.id, sent_back: e.sentBack }] : [],
  );
  const status = changes.caseUpdate?.status ?? changes.newCase?.status ?? 'active';
  const endKind =
    status === 'completed' ? 'case.completed' : status === 'cancelled' ? 'case.cancelled' : null;
  if (doneTaskIds.length === 0 && sentBack.length === 0 && !endKind) return [];
  return [
    {
      text: FOLLOW_WORK.text,
      params: FOLLOW_WORK.bind({
        caseId: changes.caseId,
        actorId: changes.actorId,
        at: changes.at,
        doneTaskIds: JSON.stringify(doneTaskIds),
        sentBack: JSON.stringify(sentBack),
        endKind,
      }),
    },
  ];
}
