import type { Db, Tx } from '../db/client.ts';
import { type PipelinedWork, type Query, queryOf, type Statement } from '../db/raw.ts';

/**
 * Idempotency keys: the first request with a key to commit stores its answer, and every retry with
 * the same key gets that answer back instead of acting again. A concurrent retry waits on the
 * key's row (INSERT … ON CONFLICT blocks until the first transaction ends), then reads the answer.
 */

/** $1 user, $2 key, $3 procedure: claims the key; no row back = someone already holds it. */
const CLAIM_KEY = `insert into idempotency_keys (user_id, key, procedure, response)
  values ($1::uuid, $2::text, $3::text, '{}'::jsonb) on conflict do nothing returning key`;
/** $1 user, $2 key. */
const STORED_RESPONSE = 'select response from idempotency_keys where user_id = $1::uuid and key = $2::text';
/** $1 user, $2 key, $3 the answer (JSON). */
const STORE_RESPONSE =
  'update idempotency_keys set response = $3::text::jsonb where user_id = $1::uuid and key = $2::text';

async function storedResponse<T>(q: Query, userId: string, key: string): Promise<T> {
  const [stored] = await q<{ response: T }>(STORED_RESPONSE, [userId, key]);
  return stored!.response;
}

/** Runs `work` in one drizzle transaction, once per key. */
export async function withIdempotency<T>(
  db: Db,
  userId: string,
  key: string | undefined,
  procedure: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!key) return db.transaction(work);
  return db.transaction(async (tx) => {
    const q = queryOf(tx);
    const claimed = await q(CLAIM_KEY, [userId, key, procedure]);
    if (claimed.length === 0) return storedResponse<T>(q, userId, key);
    const result = await work(tx);
    await q(STORE_RESPONSE, [userId, key, JSON.stringify(result)]);
    return result;
  });
}

/**
 * The same for a pipelined transaction (`Database.transact`): the claim travels with the work's
 * first reads, and the answer is stored by a statement sent with COMMIT. When the key was already
 * used, the work's outcome (typically "this task is already completed") is dropped and the stored
 * answer returned.
 */
export function idempotent<T>(
  userId: string,
  key: string | undefined,
  procedure: string,
  work: PipelinedWork<T>,
): PipelinedWork<T> {
  if (!key) return work;
  return async (q) => {
    const claim = q(CLAIM_KEY, [userId, key, procedure]);
    const planned = work(q);
    // Mark the work's failure as handled now: it may settle before the claim does.
    planned.catch(() => {});
    if ((await claim).length === 0) {
      await planned.catch(() => {});
      return { value: await storedResponse<T>(q, userId, key), writes: [] };
    }
    const { value, writes } = await planned;
    return {
      value,
      writes: [...writes, { text: STORE_RESPONSE, params: [userId, key, JSON.stringify(value)] }],
    };
  };
}

/**
 * $1 user, $2 key, $3 procedure: claims the key, or fails the transaction (AL409) when it is
 * already held, for work that sends its writes without waiting for the claim's answer.
 */
const CLAIM_KEY_OR_FAIL = `with claimed as (${CLAIM_KEY})
  select alur_expect_rows((select count(*) from claimed), 1, 'IDEMPOTENCY_KEY_USED')`;

/**
 * Pipelined work that reads nothing (a command planned from the case cache): its answer and writes
 * are known before the transaction starts, so the key's claim goes with them, first, and a key
 * already used fails the whole transaction (SQLSTATE AL409); the caller then runs the work with
 * `idempotent`, which returns the stored answer.
 */
export function idempotentWrites<T>(
  userId: string,
  key: string | undefined,
  procedure: string,
  planned: { value: T; writes: Statement[] },
): PipelinedWork<T> {
  const { value, writes } = planned;
  if (!key) return async () => planned;
  return async () => ({
    value,
    writes: [
      { text: CLAIM_KEY_OR_FAIL, params: [userId, key, procedure] },
      ...writes,
      { text: STORE_RESPONSE, params: [userId, key, JSON.stringify(value)] },
    ],
  });
}
