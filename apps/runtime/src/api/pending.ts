import type { AppRouter } from '@alur/api/router';
import { queryOptions } from '@tanstack/react-query';
import { createTRPCUntypedClient } from '@trpc/client';
import { createLinks } from './trpc.ts';

/** Untyped client for procedures not yet in `AppRouter` (see pending-types.ts). */
const untyped = createTRPCUntypedClient<AppRouter>({ links: createLinks() });

/** Query options for a procedure by path; the caller states the output type. */
export function pendingQueryOptions<T>(path: string, input?: unknown) {
  return queryOptions({
    queryKey: ['pending', path, input ?? null],
    queryFn: () => untyped.query(path, input) as Promise<T>,
  });
}

/** Query key prefix of a pending procedure, for invalidation. */
export function pendingKey(path: string) {
  return ['pending', path];
}

/** Runs a pending mutation by path. */
export function callPendingMutation<T>(path: string, input?: unknown): Promise<T> {
  return untyped.mutation(path, input) as Promise<T>;
}
