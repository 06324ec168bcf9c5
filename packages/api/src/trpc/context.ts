import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';

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
