import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginFailures, type Permission, sessions, userPositions, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { getDummyHash, verifyPassword } from './password.ts';

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

/** Ends a session (logout). */
export async function logout(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/**
 * The session lookup every request runs: one statement for the session, its user and the held
 * positions aggregated. Built once per database and prepared (on PostgreSQL a named statement per
 * connection: one round trip, no parse or planning per request; drizzle's unnamed statements cost
 * two round trips, the first to describe the parameters).
 */
function buildSessionLookup(db: Db) {
  return db
    .select({
      expiresAt: sessions.expiresAt,
      id: users.id,
      agencyId: users.agencyId,
      username: users.username,
      displayName: users.displayName,
      permissions: users.permissions,
      active: users.active,
      positions: sql<
        string[]
      >`coalesce((select array_agg(${userPositions.positionKey} order by ${userPositions.positionKey}) from ${userPositions} where ${userPositions.userId} = ${users.id}), '{}')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('alur_session_user');
}
const sessionLookups = new WeakMap<Db, ReturnType<typeof buildSessionLookup>>();

/** Resolves a session cookie to its user, or null when absent, expired or the user is inactive. */
export async function resolveSession(
  db: Db,
  token: string | undefined,
  now: Date,
): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = buildSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ tokenHash: hashToken(token) });
  if (!row?.active || new Date(row.expiresAt) <= now) return null;
  return {
    id: row.id,
    agencyId: row.agencyId,
    username: row.username,
    displayName: row.displayName,
    permissions: row.permissions,
    positions: row.positions,
  };
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
