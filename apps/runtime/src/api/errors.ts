import { TRPCClientError } from '@trpc/client';

export interface ApiErrorInfo {
  code: string | null;
  /** Indonesian message from the server (or the network error). */
  message: string;
  messageEn: string;
  issues: { path: string; message: string }[];
  /** The procedure does not exist on this server yet. */
  missingProcedure: boolean;
}

/** Reads a tRPC error into the fields the screens show: code, bilingual message, field issues. */
export function readApiError(err: unknown): ApiErrorInfo {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as {
      appCode?: string;
      code?: string;
      messageEn?: string;
      issues?: { path: string; message: string }[];
    };
    return {
      code: data.appCode ?? data.code ?? null,
      message: err.message,
      messageEn: data.messageEn ?? err.message,
      issues: data.issues ?? [],
      missingProcedure: data.code === 'NOT_FOUND' && /no procedure|-procedure on path/i.test(err.message),
    };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { code: null, message: text, messageEn: text, issues: [], missingProcedure: false };
}
