import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '../api/trpc.ts';

/**
 * Keeps the inbox, open tasks and the unread count fresh: refetches on every `task.onInboxChange`
 * event. The server sends a "ready" event on each (re)connection, and NOTIFY has no replay, so
 * refetching on it covers whatever happened while the stream was down.
 */
export function useLiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sub = useSubscription(
    trpc.task.onInboxChange.subscriptionOptions(undefined, {
      onData: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() });
      },
    }),
  );
  return { live: sub.status === 'pending', status: sub.status };
}
