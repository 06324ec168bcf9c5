import type { AppRouter } from '@alur/api/router';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';

/** The API path of the Alur server that also serves this app. */
export const API_URL = import.meta.env.VITE_ALUR_API_URL ?? '/api/trpc';

/**
 * The typed tRPC client. Every request carries `x-alur-csrf: 1`: the server refuses mutations
 * without it, since a cross-site page cannot send a custom header without a preflight.
 */
export function createApiClient(url = API_URL) {
  return createTRPCClient<AppRouter>({
    links: [
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

/** The server's error code (`DRAFT_CONFLICT`, `VALIDATION_FAILED` …) and bilingual message. */
export function readApiError(err: unknown): { code: string | null; message: { id: string; en: string } } {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as { appCode?: string; messageEn?: string; code?: string };
    return {
      code: data.appCode ?? data.code ?? null,
      message: { id: err.message, en: data.messageEn ?? err.message },
    };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { code: null, message: { id: text, en: text } };
}
