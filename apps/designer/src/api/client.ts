import type { AppRouter } from '@alur/api/router';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { bootLink } from './boot.ts';

/** The API path of the Alur server that also serves this app. */
export const API_URL = import.meta.env.VITE_ALUR_API_URL ?? '/api/trpc';

/**
 * The typed tRPC client. Every request carries `x-alur-csrf: 1`: the server refuses mutations
 * without it, since a cross-site page cannot send a custom header without a preflight. The first
 * calls of a page opened on an SOP are answered from the batch index.html asked for (boot.ts).
 */
export function createApiClient(url = API_URL) {
  return createTRPCClient<AppRouter>({
    links: [
      bootLink(),
      httpBatchLink({
        url,
        maxItems: 10,
        headers: () => ({ 'x-alur-csrf': '1' }),
        fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * Typed query options and keys (`useTRPC().sop.list.queryOptions()`), as in the runtime: no
 * hand-written query keys to drift from the procedures they cache.
 */
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();
