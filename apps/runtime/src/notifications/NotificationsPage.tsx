import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ErrorMessage, Loading, QueryError } from '../app/feedback.tsx';
import { useFormat } from '../app/format.ts';
import { Link } from '../app/router.tsx';

/**
 * In-app notifications (task arrived or overdue, a case one started ended), newest first, with
 * mark-as-read; those whose task is already finished are marked done.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const list = useQuery(trpc.notification.list.queryOptions({ limit: 100 }));
  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() }),
    }),
  );
  const unread = (list.data ?? []).filter((n) => !n.read);
  return (
    <main id="main" className="page" tabIndex={-1}>
      <div className="page-head">
        <h1>{t('notifications.title')}</h1>
        {unread.length > 0 && (
          <button
            type="button"
            className="btn"
            data-testid="mark-all-read"
            disabled={markRead.isPending}
            onClick={() => markRead.mutate({})}
          >
            {t('notifications.markAll')}
          </button>
        )}
      </div>
      {markRead.error && <ErrorMessage error={markRead.error} />}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="empty">{t('notifications.empty')}</p>
      ) : (
        <ul className="notification-list" data-testid="notification-list">
          {list.data.map((n) => {
            const data = (n.data ?? {}) as { kegiatan?: string; sentBack?: { note: string | null } };
            const caseNumber = n.caseNumber ?? '';
            const caseTitle = n.caseTitle ?? '';
            return (
              <li
                key={n.id}
                className={`${n.read ? 'is-read' : 'is-unread'}${n.done ? ' is-done' : ''}`}
                data-testid="notification"
                data-done={n.done || undefined}
              >
                <div>
                  <strong className={n.kind === 'task.overdue' ? 'overdue' : undefined}>
                    {t(`notifications.${n.kind}`, { defaultValue: t('notifications.other') })}
                  </strong>
                  {!n.read && <span className="sr-only"> — {t('notifications.unread')}</span>}
                  {n.done && <span className="tag tag-status-completed">{t('notifications.done')}</span>}
                  {data.kegiatan && <div>{data.kegiatan}</div>}
                  {data.sentBack && (
                    <div className="sent-back small">
                      {data.sentBack.note
                        ? t('task.sentBack', { note: data.sentBack.note })
                        : t('task.sentBackNoNote')}
                    </div>
                  )}
                  {(caseNumber || caseTitle) && (
                    <div className="muted small">
                      {caseNumber} {caseTitle}
                    </div>
                  )}
                  <time className="muted small" dateTime={n.createdAt}>
                    {fmt.dateTime(n.createdAt)}
                  </time>
                </div>
                <div className="row-actions">
                  {n.taskId && (
                    <Link
                      to={`/tasks/${n.taskId}`}
                      className="btn"
                      onClick={() => !n.read && markRead.mutate({ ids: [n.id] })}
                    >
                      {t('notifications.openTask')}
                    </Link>
                  )}
                  {!n.taskId && n.caseId && (
                    <Link to={`/cases/${n.caseId}`} className="btn">
                      {t('notifications.openCase')}
                    </Link>
                  )}
                  {!n.read && (
                    <button
                      type="button"
                      className="btn btn-quiet"
                      onClick={() => markRead.mutate({ ids: [n.id] })}
                    >
                      {t('notifications.markRead')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
