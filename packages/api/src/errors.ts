/** Domain errors: a stable code, the HTTP-ish category and an Indonesian + English message. */
export type AppErrorKind =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    readonly code: string,
    readonly messages: { id: string; en: string },
    readonly details?: Record<string, unknown>,
  ) {
    super(messages.id);
    this.name = 'AppError';
  }
}

/** Shorthand for the common "not found, or not yours" answer (never reveals which). */
export function notFound(what: string, whatEn = what): AppError {
  return new AppError('NOT_FOUND', 'NOT_FOUND', {
    id: `${what} tidak ditemukan.`,
    en: `${whatEn} not found.`,
  });
}
