import { type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

/**
 * Hand-written SQL for the engine's hot path. Drizzle builds and maps a query on every call; for the
 * few statements a task completion runs, constant SQL text with positional parameters is prepared
 * once per connection by the driver and its rows are mapped by the caller, which halves the
 * server's CPU per completion (see BENCHMARKS.md).
 *
 * Parameters are plain strings, numbers, booleans or null: JSON travels as text and is cast in SQL
 * (`$1::text::jsonb`), so both drivers send the same values.
 */
export type Row = Record<string, unknown>;

/** Runs one statement and resolves to its rows. Statements issued without awaiting are pipelined. */
export type Query = <T extends Row = Row>(text: string, params?: readonly unknown[]) => Promise<T[]>;

/** A statement to run later (the writes a command sends together with COMMIT). */
export interface Statement {
  text: string;
  params: readonly unknown[];
}

/**
 * The work of a pipelined transaction: reads through `q` (sent at once, in order, on the
 * transaction's connection), then the writes to send together with COMMIT.
 */
export type PipelinedWork<T> = (q: Query) => Promise<{ value: T; writes: Statement[] }>;

/**
 * A `Query` inside a drizzle transaction (or on the pool), for callers already holding one.
 * Builds the statement from the same text and parameters, so one set of SQL serves both paths.
 */
export function queryOf(db: Db | Tx): Query {
  return async <T extends Row>(text: string, params: readonly unknown[] = []) => {
    const result = (await db.execute(toSql(text, params))) as unknown as T[] | { rows: T[] };
    return Array.isArray(result) ? result : result.rows;
  };
}

/**
 * A `Query` straight on the pool's driver, for a hot read outside any transaction: on PostgreSQL a
 * named statement per connection (prepared on first use, then one round trip per call, no
 * describe), on PGlite the engine's own query. Timestamps arrive as text from both drivers (the
 * parsers drizzle sets on postgres-js; `PGLITE_PARSERS` on PGlite). Anything else (a transaction
 * handle) goes through drizzle (`queryOf`).
 */
export function preparedQuery(db: Db | Tx): Query {
  const client = (db as { $client?: unknown }).$client as
    | { unsafe?: PostgresUnsafe; query?: PgliteQuery }
    | undefined;
  if (typeof client?.unsafe === 'function') {
    const unsafe = client.unsafe.bind(client);
    return async <T extends Row>(text: string, params: readonly unknown[] = []) =>
      (await unsafe(text, params, { prepare: true })) as unknown as T[];
  }
  if (typeof client?.query === 'function') {
    const query = client.query.bind(client);
    return async <T extends Row>(text: string, params: readonly unknown[] = []) =>
      (await query(text, params, { parsers: PGLITE_TEXT_TIMESTAMPS })).rows as T[];
  }
  return queryOf(db);
}
type PostgresUnsafe = (
  text: string,
  params: readonly unknown[],
  options: { prepare: boolean },
) => Promise<unknown>;
type PgliteQuery = (
  text: string,
  params: readonly unknown[],
  options: { parsers: Record<number, (v: string) => unknown> },
) => Promise<{ rows: unknown[] }>;
/** Timestamps stay text, as drizzle reads them. */
const PGLITE_TEXT_TIMESTAMPS = { 1114: (v: string) => v, 1184: (v: string) => v };

/** Runs statements one after another through `q` (inside a transaction the caller holds). */
export async function runStatements(q: Query, statements: readonly Statement[]): Promise<void> {
  for (const s of statements) await q(s.text, s.params);
}

const PLACEHOLDER = /\$(\d+)/g;

function toSql(text: string, params: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${params[Number(m[1]) - 1] ?? null}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** A database error raised on purpose by `alur_expect_rows` (migration 0003). */
export const EXPECTATION_FAILED = 'AL409';

/** The SQLSTATE of a driver error, whichever driver raised it. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
