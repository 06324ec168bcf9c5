import { AppError, type AppErrorKind } from '../../errors.ts';

/** An upload or download refused with an HTTP status, a stable code and Indonesian + English text. */
export class FileRequestRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: { id: string; en: string },
  ) {
    super(messages.id);
    this.name = 'FileRequestRefused';
  }
}

const STATUS_OF: Record<AppErrorKind, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
  SERVICE_UNAVAILABLE: 503,
};

/** The refusal for a domain error, or null for anything else (an unexpected failure). */
export function toFileRefusal(error: unknown): FileRequestRefused | null {
  if (error instanceof FileRequestRefused) return error;
  if (error instanceof AppError)
    return new FileRequestRefused(STATUS_OF[error.kind], error.code, error.messages);
  return null;
}

/** Shorthand for a refusal. */
export function refuse(status: number, code: string, id: string, en: string): FileRequestRefused {
  return new FileRequestRefused(status, code, { id, en });
}
