/** What the apps show of a failed API call: the server's code, its bilingual message, field issues. */
export interface ApiErrorInfo {
  /** The application code (`DRAFT_CONFLICT`, `VALIDATION_FAILED` …) or tRPC's code; null offline. */
  code: string | null;
  message: { id: string; en: string };
  issues: { path: string; message: string }[];
}

interface ErrorData {
  appCode?: string;
  code?: string;
  messageEn?: string;
  issues?: { path: string; message: string }[];
}

/**
 * Reads a tRPC client error (the server's `errorFormatter` puts `appCode`, `messageEn` and
 * `issues` into `data`) or any other thrown value. Recognises the error by its name rather than
 * by importing `@trpc/client`, so this package stays free of IO libraries.
 */
export function readApiError(err: unknown): ApiErrorInfo {
  if (err instanceof Error && err.name === 'TRPCClientError') {
    const data = ((err as { data?: ErrorData | null }).data ?? {}) as ErrorData;
    return {
      code: data.appCode ?? data.code ?? null,
      message: { id: err.message, en: data.messageEn ?? err.message },
      issues: data.issues ?? [],
    };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { code: null, message: { id: text, en: text }, issues: [] };
}
