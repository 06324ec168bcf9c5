import type { Database } from '../db/client.ts';
import type { SessionUser } from './sessions.ts';

/** The channel migration 0012's triggers announce session and user changes on. */
export const SESSION_CHANNEL = 'alur_sessions';
/** How long an entry may be used at most, a safety net under the notifications. */
export const SESSION_CACHE_TTL_MS = 30_000;
/** Sessions held at most; the oldest entry goes first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  userId: string;
  /** When the session expires (epoch ms); checked against each request's own clock. */
  expiresAt: number;
  user: SessionUser;
  /** When this process stored it, on the TTL clock. */
  storedAt: number;
}

/**
 * The sessions this process resolved lately, so that a request needs one round trip to the
 * database instead of two. Revocation stays the database's: the triggers of migration 0012 NOTIFY
 * the users whose sessions ended or whose user, permissions or positions changed, and every
 * process drops their entries when the notification arrives (milliseconds after the commit);
 * logout drops its own entry at once. While the listening connection is down the cache is not
 * used, and it starts empty when the connection is back (what was announced meanwhile is lost).
 */
export interface SessionCache {
  /** The session's user and expiry, or undefined: not held, older than the TTL, or cache off. */
  get(tokenHash: string): { user: SessionUser; expiresAt: number } | undefined;
  /**
   * Call before reading a session from the database, and hand the result to `remember`: an
   * announcement that arrives in between may concern what that read saw, so it is not kept.
   */
  ticket(): number;
  remember(ticket: number, tokenHash: string, user: SessionUser, expiresAt: number): void;
  /** Drops one session at once (logout, in the process that served it). */
  forgetToken(tokenHash: string): void;
  /** How many sessions are held (tests). */
  readonly size: number;
  close(): Promise<void>;
}

/** Starts listening for session changes; the cache is used once LISTEN is in force. */
export async function createSessionCache(
  database: Database,
  options: { ttlMs?: number; clock?: () => number } = {},
): Promise<SessionCache> {
  const ttlMs = options.ttlMs ?? SESSION_CACHE_TTL_MS;
  const clock = options.clock ?? (() => performance.now());
  const byToken = new Map<string, Entry>();
  const byUser = new Map<string, Set<string>>();
  // Bumped by every announcement and connection change: a read that began in an older epoch may
  // have seen what was just revoked.
  let epoch = 0;
  let live = false;

  function drop(tokenHash: string) {
    const entry = byToken.get(tokenHash);
    if (!entry) return;
    byToken.delete(tokenHash);
    const tokens = byUser.get(entry.userId);
    tokens?.delete(tokenHash);
    if (tokens?.size === 0) byUser.delete(entry.userId);
  }
  function forgetAll() {
    epoch++;
    byToken.clear();
    byUser.clear();
  }
  function forgetUsers(payload: string) {
    epoch++;
    if (payload === '*') return forgetAll();
    for (const userId of payload.split(',')) {
      for (const tokenHash of byUser.get(userId) ?? []) byToken.delete(tokenHash);
      byUser.delete(userId);
    }
  }

  const unlisten = await database.listen(SESSION_CHANNEL, forgetUsers, {
    onDown() {
      live = false;
      forgetAll();
    },
    onUp() {
      forgetAll();
      live = true;
    },
  });

  return {
    get(tokenHash) {
      if (!live) return undefined;
      const entry = byToken.get(tokenHash);
      if (!entry) return undefined;
      if (clock() - entry.storedAt > ttlMs) {
        drop(tokenHash);
        return undefined;
      }
      return entry;
    },
    ticket: () => epoch,
    remember(ticket, tokenHash, user, expiresAt) {
      if (!live || ticket !== epoch) return;
      if (!byToken.has(tokenHash) && byToken.size >= MAX_ENTRIES) {
        drop(byToken.keys().next().value as string);
      }
      drop(tokenHash);
      byToken.set(tokenHash, { userId: user.id, expiresAt, user, storedAt: clock() });
      const tokens = byUser.get(user.id) ?? new Set<string>();
      tokens.add(tokenHash);
      byUser.set(user.id, tokens);
    },
    forgetToken(tokenHash) {
      epoch++;
      drop(tokenHash);
    },
    get size() {
      return byToken.size;
    },
    async close() {
      live = false;
      forgetAll();
      await unlisten();
    },
  };
}
