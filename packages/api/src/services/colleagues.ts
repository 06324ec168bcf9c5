import { and, asc, eq, ne } from 'drizzle-orm';
import { loadVisibleTask } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { userPositions, users } from '../db/schema.ts';

/**
 * Who a task can be handed to ("Alihkan"): the other active users holding the task's position,
 * by name. A task the user may not see is "not found".
 */
export async function listTaskColleagues(db: Db, user: SessionUser, taskId: string) {
  const task = await loadVisibleTask(db, user, taskId);
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(userPositions)
    .innerJoin(users, eq(users.id, userPositions.userId))
    .where(
      and(
        eq(userPositions.agencyId, task.agencyId),
        eq(userPositions.positionKey, task.positionKey),
        eq(users.active, true),
        ne(users.id, user.id),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id));
}
