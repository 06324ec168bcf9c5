import { and, eq, inArray, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db, Tx } from '../db/client.ts';
import { auditEvents, type Permission, positions, sessions, userPositions, users } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

async function requirePositions(tx: Tx, agencyId: string, keys: string[]) {
  if (keys.length === 0) return;
  const found = await tx
    .select({ key: positions.key })
    .from(positions)
    .where(and(eq(positions.agencyId, agencyId), inArray(positions.key, keys)));
  const missing = keys.filter((k) => !found.some((f) => f.key === k));
  if (missing.length) {
    throw new AppError(
      'BAD_REQUEST',
      'UNKNOWN_POSITION',
      {
        id: `Jabatan tidak ada di katalog: ${missing.join(', ')}.`,
        en: `Unknown positions: ${missing.join(', ')}.`,
      },
      { field: 'positions', missing },
    );
  }
}

async function audit(tx: Tx, admin: SessionUser, action: string, data: Record<string, unknown>, now: Date) {
  await tx
    .insert(auditEvents)
    .values({ agencyId: admin.agencyId, actorId: admin.id, action, data, at: now.toISOString() });
}

/** Users of the admin's agency with their positions (never the password hash). */
export async function listUsers(db: Db, admin: SessionUser) {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      permissions: users.permissions,
      active: users.active,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.agencyId, admin.agencyId))
    .orderBy(users.username);
  const held = await db
    .select({ userId: userPositions.userId, key: userPositions.positionKey })
    .from(userPositions)
    .where(eq(userPositions.agencyId, admin.agencyId));
  return rows.map((u) => ({
    ...u,
    positions: held
      .filter((h) => h.userId === u.id)
      .map((h) => h.key)
      .sort(),
  }));
}

/** Creates a user in the admin's agency (or another agency, for the CLI). */
export async function createUser(
  db: Db,
  input: {
    agencyId: string;
    username: string;
    displayName: string;
    password: string;
    permissions: Permission[];
    positions: string[];
  },
  actor: SessionUser | null,
  now: Date,
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await requirePositions(tx, input.agencyId, input.positions);
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
    if (taken) {
      throw new AppError(
        'CONFLICT',
        'USERNAME_TAKEN',
        {
          id: `Nama pengguna "${input.username}" sudah dipakai.`,
          en: `Username "${input.username}" is taken.`,
        },
        { field: 'username' },
      );
    }
    const [row] = await tx
      .insert(users)
      .values({
        agencyId: input.agencyId,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        permissions: input.permissions,
      })
      .returning({ id: users.id });
    if (input.positions.length) {
      await tx
        .insert(userPositions)
        .values(
          input.positions.map((positionKey) => ({ userId: row!.id, agencyId: input.agencyId, positionKey })),
        );
    }
    if (actor) await audit(tx, actor, 'user.created', { userId: row!.id, username: input.username }, now);
    return { userId: row!.id };
  });
}

/** Updates a user's name, activity, permissions or positions; deactivation ends their sessions. */
export async function updateUser(
  db: Db,
  admin: SessionUser,
  input: {
    userId: string;
    displayName?: string;
    active?: boolean;
    permissions?: Permission[];
    positions?: string[];
  },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.agencyId, admin.agencyId)));
    if (!row) throw notFound('Pengguna', 'User');
    if (
      input.userId === admin.id &&
      (input.active === false || (input.permissions && !input.permissions.includes('admin')))
    ) {
      throw new AppError('BAD_REQUEST', 'SELF_LOCKOUT', {
        id: 'Anda tidak dapat menonaktifkan diri sendiri atau mencabut hak admin Anda sendiri.',
        en: 'You cannot deactivate yourself or remove your own admin permission.',
      });
    }
    const set: Partial<typeof users.$inferInsert> = {};
    if (input.displayName !== undefined) set.displayName = input.displayName;
    if (input.active !== undefined) set.active = input.active;
    if (input.permissions !== undefined) set.permissions = input.permissions;
    if (Object.keys(set).length) await tx.update(users).set(set).where(eq(users.id, input.userId));
    if (input.active === false) await tx.delete(sessions).where(eq(sessions.userId, input.userId));
    if (input.positions !== undefined) {
      await requirePositions(tx, admin.agencyId, input.positions);
      await tx.delete(userPositions).where(eq(userPositions.userId, input.userId));
      if (input.positions.length) {
        await tx.insert(userPositions).values(
          input.positions.map((positionKey) => ({
            userId: input.userId,
            agencyId: admin.agencyId,
            positionKey,
          })),
        );
      }
    }
    await audit(tx, admin, 'user.updated', { ...input }, now);
    return { ok: true as const };
  });
}

/** Sets a new password and ends the user's sessions. */
export async function resetPassword(
  db: Db,
  admin: SessionUser,
  input: { userId: string; password: string },
  now: Date,
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, input.userId), eq(users.agencyId, admin.agencyId)))
      .returning({ id: users.id });
    if (!updated.length) throw notFound('Pengguna', 'User');
    await tx.delete(sessions).where(eq(sessions.userId, input.userId));
    await audit(tx, admin, 'user.password_reset', { userId: input.userId }, now);
    return { ok: true as const };
  });
}

/** The agency's position catalogue. */
export function listPositions(db: Db, agencyId: string) {
  return db
    .select({ key: positions.key, name: positions.name, supervisorKey: positions.supervisorKey })
    .from(positions)
    .where(eq(positions.agencyId, agencyId))
    .orderBy(positions.key);
}

/** Adds or renames a position and sets its supervisor (no cycles of supervision). */
export async function upsertPosition(
  db: Db,
  admin: SessionUser,
  input: { key: string; name: string; supervisorKey: string | null },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const catalogue = await tx.select().from(positions).where(eq(positions.agencyId, admin.agencyId));
    if (input.supervisorKey) {
      const sup = new Map(catalogue.map((p) => [p.key, p.supervisorKey]));
      sup.set(input.key, input.supervisorKey);
      if (!sup.has(input.supervisorKey)) {
        throw new AppError(
          'BAD_REQUEST',
          'UNKNOWN_POSITION',
          {
            id: `Atasan "${input.supervisorKey}" tidak ada di katalog.`,
            en: `Supervisor "${input.supervisorKey}" is not in the catalogue.`,
          },
          { field: 'supervisorKey' },
        );
      }
      const seen = new Set<string>();
      for (let k: string | null | undefined = input.key; k; k = sup.get(k)) {
        if (seen.has(k)) {
          throw new AppError(
            'BAD_REQUEST',
            'SUPERVISOR_CYCLE',
            { id: 'Rantai atasan membentuk lingkaran.', en: 'The supervisor chain forms a cycle.' },
            { field: 'supervisorKey' },
          );
        }
        seen.add(k);
      }
    }
    await tx
      .insert(positions)
      .values({
        agencyId: admin.agencyId,
        key: input.key,
        name: input.name,
        supervisorKey: input.supervisorKey,
      })
      .onConflictDoUpdate({
        target: [positions.agencyId, positions.key],
        set: { name: input.name, supervisorKey: input.supervisorKey },
      });
    await audit(tx, admin, 'position.saved', input, now);
    return { ok: true as const };
  });
}

/** Removes a position nobody holds and nobody reports to. */
export async function removePosition(db: Db, admin: SessionUser, key: string, now: Date) {
  return db.transaction(async (tx) => {
    const [held] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(userPositions)
      .where(and(eq(userPositions.agencyId, admin.agencyId), eq(userPositions.positionKey, key)));
    const [reports] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(positions)
      .where(and(eq(positions.agencyId, admin.agencyId), eq(positions.supervisorKey, key)));
    if (Number(held?.n) > 0 || Number(reports?.n) > 0) {
      throw new AppError('CONFLICT', 'POSITION_IN_USE', {
        id: 'Jabatan masih dipegang pengguna atau menjadi atasan jabatan lain.',
        en: 'The position is still held by users or supervises another position.',
      });
    }
    const removed = await tx
      .delete(positions)
      .where(and(eq(positions.agencyId, admin.agencyId), eq(positions.key, key)))
      .returning({ key: positions.key });
    if (!removed.length) throw notFound('Jabatan', 'Position');
    await audit(tx, admin, 'position.removed', { key }, now);
    return { ok: true as const };
  });
}
