import { AppError } from '../errors.ts';

/**
 * Failures that say "the database cannot take this request now" rather than "this request is
 * wrong": the server is out of connection slots (every process's pool together passed
 * `max_connections`), it is starting up or shutting down, or the connection could not be made or was
 * cut. A client should wait and retry, so these become 503 with `Retry-After`, not a bare 500.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '53300', // too_many_connections (also "remaining connection slots are reserved")
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
]);

/** Codes of postgres.js and of Node's sockets for a connection that failed or went away. */
const UNAVAILABLE_CLIENT_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
/** How long a client is told to wait: connection slots free up as other requests finish. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The code (SQLSTATE or client code) when `error`, or an error it wraps (drizzle wraps the
 * driver's), is one of the above; otherwise undefined.
 */
export function databaseUnavailableCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = codeOf(current);
    if (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_CLIENT_CODES.has(code))) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailableCode(error) !== undefined;
}

/** The answer a client gets instead: SERVICE_UNAVAILABLE with a wait in `details`. */
export function databaseUnavailableError(): AppError {
  return new AppError(
    'SERVICE_UNAVAILABLE',
    DATABASE_UNAVAILABLE,
    {
      id: `Basis data sedang penuh atau tidak dapat dihubungi; coba lagi dalam ${DATABASE_RETRY_AFTER_SECONDS} detik.`,
      en: `The database is busy or unreachable; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
    },
    { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
  );
}
