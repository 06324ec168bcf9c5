import type { AppRouter } from '@alur/api/router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ErrorMessage } from '../app/feedback.tsx';
import { usePositionName } from '../app/positions.ts';
import { RemainingTime } from '../app/Remaining.tsx';
import { Link } from '../app/router.tsx';
import { useMe } from '../app/session.tsx';

export type InboxTask = inferRouterOutputs<AppRouter>['task']['inbox']['tasks'][number];

/** One task of the inbox: what, which case, time left, who holds it, and claim/release. */
export function InboxRow({ task, now }: { task: InboxTask; now: Date }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const positionName = usePositionName();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
  const claim = useMutation(trpc.task.claim.mutationOptions({ onSettled: refresh }));
  const release = useMutation(trpc.task.release.mutationOptions({ onSettled: refresh }));
  const mine = task.claimedBy === me.id;
  const busy = claim.isPending || release.isPending;
  const overdue = task.dueAt !== null && new Date(task.dueAt) < now;
  return (
    <li className={`inbox-row${overdue ? ' is-overdue' : ''}`} data-testid="inbox-row" data-task-id={task.id}>
      <div className="inbox-main">
        <Link
          to={`/tasks/${task.id}`}
          className="inbox-title"
          data-testid="inbox-open"
          id={`task-title-${task.id}`}
        >
          {task.kind === 'decision' && <span className="tag tag-decision">{t('inbox.decision')}</span>}
          {task.kegiatan || t('inbox.activity')}
        </Link>
        <div className="inbox-meta">
          <span>{t('inbox.caseNumber', { number: task.caseNumber })}</span>
          <span className="case-title">{task.caseTitle}</span>
          <span className="muted">{task.sopName}</span>
          <span className="tag">{positionName(task.positionKey)}</span>
          {task.attempt > 1 && <span className="muted">{t('inbox.attempt', { n: task.attempt })}</span>}
        </div>
        {task.sentBack && (
          <span className="sent-back small" data-testid="inbox-sent-back">
            {task.sentBack.note ? t('task.sentBack', { note: task.sentBack.note }) : t('task.sentBackNoNote')}
          </span>
        )}
      </div>
      <div className="inbox-side">
        <RemainingTime dueAt={task.dueAt} now={now} workingMinutes={task.remainingWorkingMinutes} />
        <span className="claim-state" data-testid="claim-state">
          {task.claimedBy
            ? mine
              ? t('inbox.claimedByYou')
              : t('inbox.claimedBy', { name: task.claimedByName ?? '?' })
            : t('inbox.unclaimed')}
        </span>
        <div className="row-actions">
          {!task.claimedBy && (
            <button
              type="button"
              className="btn"
              data-testid="claim"
              aria-describedby={`task-title-${task.id}`}
              disabled={busy}
              onClick={() => claim.mutate({ taskId: task.id, idempotencyKey: crypto.randomUUID() })}
            >
              {t('inbox.claim')}
            </button>
          )}
          {mine && (
            <button
              type="button"
              className="btn btn-quiet"
              data-testid="release"
              aria-describedby={`task-title-${task.id}`}
              disabled={busy}
              onClick={() => release.mutate({ taskId: task.id, idempotencyKey: crypto.randomUUID() })}
            >
              {t('inbox.release')}
            </button>
          )}
        </div>
        {(claim.error || release.error) && <ErrorMessage error={claim.error ?? release.error} />}
      </div>
    </li>
  );
}
