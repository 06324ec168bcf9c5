import { sql } from 'drizzle-orm';

/**
 * A LIMIT written into the statement's text rather than sent as a parameter, for a prepared
 * statement whose plan should be reused: given `limit $n`, PostgreSQL costs the generic plan for an
 * unknown row count and keeps planning each call anew. Only for a small set of values (a page
 * size), since each value is a statement of its own. drizzle's PostgreSQL dialect renders an SQL
 * object passed as the limit as it is (`limit ${limit}`).
 */
export function literalLimit(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`LIMIT must be a whole number ≥ 0, not ${n}`);
  return sql.raw(String(n)) as unknown as number;
}
