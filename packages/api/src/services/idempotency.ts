import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema.ts';

/**
 * Runs `work` in one transaction. With a key, the first request to commit stores its answer and
 * every retry with the same key gets that answer back instead of acting again; a concurrent retry
 * waits on the key's row (INSERT … ON CONFLICT blocks until the first transaction ends).
 */
export async function withIdempotency<T>(
  db: Db,
  userId: string,
  key: string | undefined,
  procedure: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!key) return db.transaction(work);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId, key, procedure, response: {} })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [stored] = await tx
        .select({ response: idempotencyKeys.response })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      return stored!.response as T;
    }
    const result = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ response: result as object })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return result;
  });
}
