import type { AppRouter } from '@alur/api/router';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** The API path of the Alur server that also serves this app. */
export const API_URL = '/api/trpc';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Same-origin cookies plus `x-alur-csrf: 1`, which the server requires on every mutation. */
const sameOriginFetch: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'same-origin' });

/** Links shared by the typed client and the untyped one used for procedures not yet typed. */
export function createLinks() {
  return [
    splitLink<AppRouter>({
      condition: (op) => op.type === 'subscription',
      // SSE; the browser's EventSource reconnects by itself and sends the session cookie.
      true: httpSubscriptionLink({ url: API_URL, eventSourceOptions: { withCredentials: true } }),
      false: httpBatchLink({
        url: API_URL,
        maxItems: 10,
        headers: () => ({ 'x-alur-csrf': '1' }),
        fetch: sameOriginFetch,
      }),
    }),
  ];
}

export function createApiClient() {
  return createTRPCClient<AppRouter>({ links: createLinks() });
}
