import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/raw.ts';
import { loginFailures, type Permission, sessions, userPositions, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { getDummyHash, verifyPassword } from './password.ts';
import type { SessionCache } from './session-cache.ts';

export const SESSION_COOKIE = 'alur_session';
export const SESSION_DAYS = 14;
/** Failed logins allowed per username (and per IP, ×4) in the window before refusing. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;

/** The signed-in user as every procedure sees it. */
export interface SessionUser {
  id: string;
  agencyId: string;
  username: string;
  displayName: string;
  permissions: Permission[];
  positions: string[];
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Verifies a username and password and opens a session. Failures are counted per username and per
 * IP in the database, so the limit holds across server processes.
 */
export async function login(
  db: Db,
  input: { username: string; password: string; ip: string; now: Date },
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const username = input.username.trim().toLowerCase();
  const since = new Date(input.now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const [byUser] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), gt(loginFailures.at, since)));
  const [byIp] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, input.ip), gt(loginFailures.at, since)));
  if ((byUser?.n ?? 0) >= LOGIN_MAX_FAILURES || (byIp?.n ?? 0) >= LOGIN_MAX_FAILURES * 4) {
    throw new AppError('TOO_MANY_REQUESTS', 'LOGIN_RATE_LIMITED', {
      id: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${LOGIN_WINDOW_MINUTES} menit.`,
      en: `Too many failed sign-in attempts. Try again in ${LOGIN_WINDOW_MINUTES} minutes.`,
    });
  }
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = ${username}`);
  const ok = row
    ? await verifyPassword(row.passwordHash, input.password)
    : await verifyPassword(await getDummyHash(), input.password);
  if (!row || !ok || !row.active) {
    await db.insert(loginFailures).values({ username, ip: input.ip, at: input.now.toISOString() });
    throw new AppError('UNAUTHORIZED', 'LOGIN_FAILED', {
      id: 'Nama pengguna atau kata sandi salah.',
      en: 'Wrong username or password.',
    });
  }
  await db.delete(loginFailures).where(eq(loginFailures.username, username));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + SESSION_DAYS * 86_400_000);
  await db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), userId: row.id, expiresAt: expiresAt.toISOString() });
  // Housekeeping: drop expired sessions and old failures.
  await db.delete(sessions).where(lt(sessions.expiresAt, input.now.toISOString()));
  await db.delete(loginFailures).where(lt(loginFailures.at, since));
  return { token, expiresAt, user: await loadSessionUser(db, row.id) };
}

/**
 * Ends a session (logout). This process's cache forgets it as soon as the row is gone; the
 * others when migration 0012's trigger tells them.
 */
export async function logout(db: Db, token: string, cache?: SessionCache): Promise<void> {
  const tokenHash = hashToken(token);
  try {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  } finally {
    cache?.forgetToken(tokenHash);
  }
}

/**
 * The session lookup every request runs: one statement for the session, its user and the held
 * positions aggregated, as constant SQL through the driver's prepared path (`preparedQuery`: on
 * PostgreSQL a named statement per connection, one round trip, no parse or planning per request).
 * Written by hand rather than built by drizzle, whose query object and row mapping were ≈ 5 % of
 * the server's CPU for a first inbox page (BENCHMARKS.md, #16). A database that cannot answer
 * throws the driver's error, mapped to 503 as any other statement's.
 */
const SESSION_USER_SQL = `select s.expires_at as "expiresAt", u.id, u.agency_id as "agencyId", u.username,
  u.display_name as "displayName", u.permissions, u.active,
  coalesce((select array_agg(p.position_key order by p.position_key) from user_positions p
    where p.user_id = u.id), '{}') as positions
from sessions s join users u on u.id = s.user_id
where s.token_hash = $1`;

interface SessionRow extends Record<string, unknown> {
  expiresAt: string;
  id: string;
  agencyId: string;
  username: string;
  displayName: string;
  permissions: Permission[];
  active: boolean;
  positions: string[];
}

/**
 * Resolves a session cookie to its user, or null when absent, expired or the user is inactive.
 * With `cache` (the server's), a session resolved lately is answered without the database (see
 * session-cache.ts for why that cannot outlive a revocation by more than a notification's way);
 * its expiry is still checked against `now`.
 */
export async function resolveSession(
  db: Db,
  token: string | undefined,
  now: Date,
  cache?: SessionCache,
): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const cached = cache?.get(tokenHash);
  if (cached) return cached.expiresAt > now.getTime() ? cached.user : null;
  const ticket = cache?.ticket();
  const [row] = await preparedQuery(db)<SessionRow>(SESSION_USER_SQL, [tokenHash]);
  if (!row?.active) return null;
  const expiresAt = Date.parse(row.expiresAt);
  if (expiresAt <= now.getTime()) return null;
  const user: SessionUser = {
    id: row.id,
    agencyId: row.agencyId,
    username: row.username,
    displayName: row.displayName,
    permissions: row.permissions,
    positions: row.positions,
  };
  if (cache && ticket !== undefined) cache.remember(ticket, tokenHash, user, expiresAt);
  return user;
}

/** Loads a user with their permissions and the position keys they hold. */
export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser> {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u) throw new AppError('UNAUTHORIZED', 'NO_USER', { id: 'Pengguna tidak ada.', en: 'No such user.' });
  const held = await db
    .select({ key: userPositions.positionKey })
    .from(userPositions)
    .where(eq(userPositions.userId, userId));
  return {
    id: u.id,
    agencyId: u.agencyId,
    username: u.username,
    displayName: u.displayName,
    permissions: u.permissions,
    positions: held.map((p) => p.key).sort(),
  };
}
