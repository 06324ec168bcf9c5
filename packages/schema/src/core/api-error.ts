/** What the apps show of a failed API call: the server's code, its bilingual message, field issues. */
export interface ApiErrorInfo {
  /** The application code (`DRAFT_CONFLICT`, `VALIDATION_FAILED` …) or tRPC's code; null offline. */
  code: string | null;
  message: { id: string; en: string };
  issues: ApiIssue[];
}

/**
 * One problem with one input: `path` is the input's path (a form field's key for form data); form
 * issues (`INVALID_FORM_DATA`) also carry their stable `code` and the English message.
 */
export interface ApiIssue {
  path: string;
  message: string;
  messageEn?: string;
  code?: string;
}

interface ErrorData {
  appCode?: string;
  code?: string;
  messageEn?: string;
  issues?: unknown;
  details?: { issues?: unknown } | null;
}

/** Keeps the well-formed issues of an error's data (a server may put them in `details`). */
function readIssues(data: ErrorData): ApiIssue[] {
  const raw = Array.isArray(data.issues)
    ? data.issues
    : Array.isArray(data.details?.issues)
      ? data.details.issues
      : [];
  const issues: ApiIssue[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, message, messageEn, code } = item as Record<string, unknown>;
    if (typeof message !== 'string') continue;
    issues.push({
      path: typeof path === 'string' ? path : Array.isArray(path) ? path.map(String).join('.') : '',
      message,
      ...(typeof messageEn === 'string' ? { messageEn } : {}),
      ...(typeof code === 'string' ? { code } : {}),
    });
  }
  return issues;
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
      issues: readIssues(data),
    };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { code: null, message: { id: text, en: text }, issues: [] };
}
