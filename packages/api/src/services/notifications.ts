import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { cases, notificationReads, notifications } from '../db/schema.ts';

/**
 * Notifications are addressed to positions (a task arrived or is late) or to one user (a case they
 * started has ended); each user keeps their own read marks.
 */
function addressedToUser(user: SessionUser) {
  return and(
    eq(notifications.agencyId, user.agencyId),
    or(
      eq(notifications.userId, user.id),
      user.positions.length ? inArray(notifications.positionKey, user.positions) : sql`false`,
    ),
  );
}

/** Newest notifications for the user's positions, with their own read state. */
export async function listNotifications(db: Db, user: SessionUser, limit = 50) {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      positionKey: notifications.positionKey,
      taskId: notifications.taskId,
      caseId: notifications.caseId,
      caseNumber: cases.number,
      caseTitle: cases.title,
      data: notifications.data,
      createdAt: notifications.createdAt,
      doneAt: notifications.doneAt,
      readAt: notificationReads.readAt,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, user.id)),
    )
    .where(addressedToUser(user))
    .orderBy(desc(notifications.createdAt))
    .limit(Math.min(limit, 200));
  return rows.map(({ readAt, ...r }) => ({ ...r, read: readAt !== null, done: r.doneAt !== null }));
}

/** Unread notifications whose work is still to do: a task finished meanwhile no longer calls. */
export async function countUnread(db: Db, user: SessionUser) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, user.id)),
    )
    .where(and(addressedToUser(user), isNull(notificationReads.readAt), isNull(notifications.doneAt)));
  return { count: Number(row?.n ?? 0) };
}

/** Marks the given notifications (or all of the user's) as read for this user. */
export async function markRead(db: Db, user: SessionUser, ids: string[] | undefined, now: Date) {
  const visible = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(addressedToUser(user), ids ? inArray(notifications.id, ids) : undefined));
  if (visible.length === 0) return { marked: 0 };
  await db
    .insert(notificationReads)
    .values(visible.map((n) => ({ notificationId: n.id, userId: user.id, readAt: now.toISOString() })))
    .onConflictDoNothing();
  return { marked: visible.length };
}
