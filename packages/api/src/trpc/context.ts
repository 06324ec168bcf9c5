import type { SessionUser } from '../auth/sessions.ts';
import type { Database, Db } from '../db/client.ts';
import type { EventBus } from '../server/event-bus.ts';
import type { FileService } from '../services/files/file-service.ts';

/** What the server hands every request: the store, the clock and the cross-process event bus. */
export interface AppDeps {
  database: Database;
  /** The clock; tests pass a fixed or stepping one. */
  now: () => Date;
  bus: EventBus;
  /** Secure cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Case file storage (ALUR_FILES); absent = bytes in the database, default upload limit. */
  files?: FileService;
}

export interface Context {
  deps: AppDeps;
  db: Db;
  user: SessionUser | null;
  sessionToken: string | undefined;
  ip: string;
  /**
   * True when the request proves it comes from our own pages: the custom header `x-alur-csrf`
   * (which a cross-site form cannot send without a preflight) and, if present, a same-origin
   * `Origin`/`Sec-Fetch-Site`.
   */
  csrfOk: boolean;
  setCookie: (cookie: string) => void;
}
