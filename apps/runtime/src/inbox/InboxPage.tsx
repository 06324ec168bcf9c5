import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Loading, QueryError } from '../app/feedback.tsx';
import { usePositionName } from '../app/positions.ts';
import { navigate, useLocation } from '../app/router.tsx';
import { useMe } from '../app/session.tsx';
import { useNow } from '../app/useNow.ts';
import {
  buildInboxInput,
  formatFilterParams,
  type InboxFilterState,
  parseFilterParams,
} from '../lib/inbox-filter.ts';
import { InboxFilters } from './InboxFilters.tsx';
import { InboxRow } from './InboxRow.tsx';

/** The role inbox: open tasks of the user's positions, soonest due first, filters kept in the URL. */
export function InboxPage({ live }: { live: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const now = useNow();
  const { query } = useLocation();
  const queryString = query.toString();
  const filter = useMemo(() => parseFilterParams(new URLSearchParams(queryString)), [queryString]);
  // React Query hashes the input by value, so a new object with the same day keeps the same query.
  const input = buildInboxInput(filter, me.agency.timeZone, now);
  // Pages of 50 rows, "load more" for the next; every loaded page is refreshed every minute (for
  // the remaining working times) and on each live event.
  const inbox = useInfiniteQuery(
    trpc.task.inbox.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: 60_000,
    }),
  );
  const setFilter = (next: InboxFilterState) => navigate('/', formatFilterParams(next), true);
  const counts = inbox.data?.pages[0]?.countsByPosition ?? {};
  // Pages are offsets: a task that moved up between two page loads may come twice; show it once.
  const tasks = [
    ...new Map((inbox.data?.pages ?? []).flatMap((p) => p.tasks).map((x) => [x.id, x])).values(),
  ];
  const positionName = usePositionName();
  return (
    <main id="main" className="page" tabIndex={-1}>
      <div className="page-head">
        <h1>{t('inbox.title')}</h1>
        <span className={`live ${live ? 'is-live' : 'is-off'}`} role="status" data-testid="live-status">
          {live ? t('inbox.live') : t('inbox.reconnecting')}
        </span>
      </div>
      {me.positions.length > 0 && (
        <ul className="counts" aria-label={t('inbox.counts')} data-testid="position-counts">
          {me.positions.map((p) => (
            <li key={p}>
              <button
                type="button"
                className={`count-chip${filter.positionKey === p ? ' is-active' : ''}`}
                aria-pressed={filter.positionKey === p}
                data-testid={`count-${p}`}
                onClick={() => setFilter({ ...filter, positionKey: filter.positionKey === p ? '' : p })}
              >
                <span>{positionName(p)}</span> <strong>{counts[p] ?? 0}</strong>
              </button>
            </li>
          ))}
        </ul>
      )}
      <InboxFilters filter={filter} onChange={setFilter} />
      {me.positions.length === 0 ? (
        <p className="empty">{t('inbox.noPositions')}</p>
      ) : inbox.isPending ? (
        <Loading />
      ) : inbox.error ? (
        <QueryError error={inbox.error} onRetry={() => inbox.refetch()} />
      ) : tasks.length === 0 ? (
        <p className="empty" data-testid="inbox-empty">
          {t('inbox.empty')}
        </p>
      ) : (
        <>
          <ul className="inbox-list" data-testid="inbox-list">
            {tasks.map((task) => (
              <InboxRow key={task.id} task={task} now={now} />
            ))}
          </ul>
          {inbox.hasNextPage && (
            <p className="load-more">
              <button
                type="button"
                className="btn"
                data-testid="inbox-more"
                disabled={inbox.isFetchingNextPage}
                onClick={() => inbox.fetchNextPage()}
              >
                {inbox.isFetchingNextPage
                  ? t('inbox.loadingMore')
                  : t('inbox.loadMore', { shown: tasks.length })}
              </button>
            </p>
          )}
        </>
      )}
    </main>
  );
}
