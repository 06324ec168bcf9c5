import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { API_DIR } from '../package-dirs.ts';
import { type DbConfig, pgliteSettings } from './config.ts';
import { takeHeadStart } from './head-start.ts';
import { startDataDirPreparation } from './pglite-template.ts';
import { type PipelinedWork, type Query, type Row, runStatements } from './raw.ts';
import * as schema from './schema.ts';
import { createSubscriber, type ListenHooks } from './subscriber.ts';

export { type DbConfig, DEFAULT_PGLITE_SHARED_BUFFERS_MB, readDbConfig } from './config.ts';
export type { ListenHooks } from './subscriber.ts';

export type Schema = typeof schema;
/** Drizzle database over either driver; code above this module never knows which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, used exactly like `Db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  kind: DbConfig['kind'];
  /** The connection URL (PostgreSQL only). */
  url?: string;
  db: Db;
  /** Runs raw SQL and returns the rows, whichever driver is underneath. */
  query<T = Record<string, unknown>>(statement: SQL): Promise<T[]>;
  /**
   * Runs `work` in one transaction whose statements are pipelined: on PostgreSQL, BEGIN travels
   * with the first reads and COMMIT with the writes `work` returns, so a read-decide-write command
   * costs two round trips, and work that reads nothing one. Any failing statement rolls the whole
   * transaction back and rejects.
   */
  transact<T>(work: PipelinedWork<T>): Promise<T>;
  /**
   * Subscribes to NOTIFY on a channel; resolves once LISTEN is in force, with an unsubscribe
   * function. `hooks` learn when notifications may have been missed (the listening connection
   * closed) and when they are heard again; embedded PGlite is in process and never drops.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    hooks?: ListenHooks,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * Calls `listener` whenever one of the engine's connections to PostgreSQL fails (see
   * `createPipelinePool`'s `onConnectionLost`); returns the unsubscribe. Never on embedded PGlite.
   */
  onConnectionLost(listener: () => void): () => void;
  /** Set when this embedded store was created from the prepared demo: when its history ends. */
  demoPreparedAt?: Date;
}

const MIGRATIONS = `${API_DIR}drizzle`;

// Each store's driver is imported when a database of that kind is opened: a server on one never
// loads the other's (the PostgreSQL driver with its drizzle glue is ~50 ms of a PGlite start).

/** Opens the database; call `migrateDb` before use. */
export async function createDb(config: DbConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const [{ default: postgres }, { drizzle: drizzlePostgres }, { createPipelinePool }] = await Promise.all([
      import('postgres'),
      import('drizzle-orm/postgres-js'),
      import('./pipeline.ts'),
    ]);
    const onStatement = config.onStatement;
    const max = config.max ?? 10;
    const client = postgres(config.url, {
      max,
      onnotice: () => {},
      ...(onStatement ? { debug: () => onStatement() } : {}),
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    const subscriber = createSubscriber(postgres, config.url);
    // The engine's commands have their own connections (pipeline.ts): one Sync per transaction.
    const lostListeners = new Set<() => void>();
    const pipeline = createPipelinePool(config.url, {
      max,
      ...(onStatement ? { onStatement } : {}),
      onConnectionLost: () => {
        for (const listener of lostListeners) listener();
      },
    });
    return {
      kind: 'postgres',
      url: config.url,
      db,
      query: async <T>(statement: SQL) => (await db.execute(statement)) as unknown as T[],
      transact: (work) => pipeline.transact(work),
      listen: (channel, onPayload, hooks) => subscriber.listen(channel, onPayload, hooks),
      onConnectionLost: (listener) => {
        lostListeners.add(listener);
        return () => lostListeners.delete(listener);
      },
      close: async () => {
        await subscriber.close();
        await Promise.all([client.end({ timeout: 5 }), pipeline.close()]);
      },
    };
  }
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
  ]);
  // A fresh data directory starts as a copy of the prepared template when there is one (see
  // scripts/make-pglite-template.ts): copying it is much faster than initdb in WASM. The server's
  // entry may have begun that copy, compiled PGlite's WASM and opened the store while its modules
  // loaded (head-start.ts): then it is taken as it is, opened with the same start parameters.
  const { dataDir, loadDataDir } = config;
  const startParams = [...PGlite.defaultStartParams, ...pgliteSettings(config)];
  const head = dataDir !== undefined && !loadDataDir ? await takeHeadStart(dataDir) : null;
  const prepared = head
    ? head.prepared
    : dataDir !== undefined
      ? await startDataDirPreparation(dataDir, {
          demo: config.demo ?? false,
          template: !loadDataDir,
        }).finish()
      : { byInitdb: false, demoPreparedAt: null, copied: false };
  const pgliteWasmModule = head?.wasmModule;
  const demoPreparedAt = prepared.demoPreparedAt ?? undefined;
  const open = () =>
    new PGlite({
      dataDir: config.dataDir,
      loadDataDir: config.loadDataDir,
      ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
      startParams,
    });
  let client: PGlite;
  if (head?.client && sameParams(head.startParams, startParams)) {
    client = head.client;
  } else {
    await head?.client?.close();
    client = open();
    await client.waitReady;
  }
  if (prepared.byInitdb) {
    // Creating a data directory by initdb (no prepared template) grows the WASM heap by hundreds of
    // MB, and WASM memory never shrinks: reopen it (about a second) so the server does not carry it.
    await client.close();
    client = open();
    await client.waitReady;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    ...(demoPreparedAt ? { demoPreparedAt } : {}),
    query: async <T>(statement: SQL) => ((await db.execute(statement)) as unknown as { rows: T[] }).rows,
    transact: (work) => transactPglite(client, work),
    listen: async (channel, onPayload, hooks) => {
      const unsub = await client.listen(channel, onPayload);
      hooks?.onUp?.();
      return () => unsub();
    },
    // In process: its connection never fails on its own.
    onConnectionLost: () => () => {},
    close: () => client.close(),
  };
}

const sameParams = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((p, i) => p === b[i]);

/**
 * Remembers the first statement of a transaction that failed. A failed statement ends the
 * transaction in PostgreSQL, so even when the work caught the error and went on, nothing of it
 * may be committed or reported as done: `rethrow` throws that first failure.
 */
function firstFailure() {
  let first: { error: unknown } | null = null;
  return {
    watch<R>(statement: Promise<R>): Promise<R> {
      return statement.catch((error: unknown) => {
        first ??= { error };
        throw error;
      });
    },
    rethrow() {
      if (first) throw first.error;
    },
  };
}

/** Timestamps stay text, as drizzle reads them, so rows look the same from either driver. */
const PGLITE_PARSERS = { 1114: (v: string) => v, 1184: (v: string) => v };

async function transactPglite<T>(client: PGlite, work: PipelinedWork<T>): Promise<T> {
  return client.transaction(async (tx) => {
    const failure = firstFailure();
    const q: Query = async <R extends Row>(text: string, params: readonly unknown[] = []) =>
      (await failure.watch(tx.query<R>(text, params as unknown[], { parsers: PGLITE_PARSERS }))).rows;
    const planned = await work(q);
    failure.rethrow();
    await runStatements(q, planned.writes);
    return planned.value;
  });
}

/**
 * Applies the committed migrations. On PostgreSQL an advisory lock makes concurrent server
 * processes wait for the first one instead of racing.
 */
export async function migrateDb(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the migrator is typed per driver
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS });
    return;
  }
  const [{ default: postgres }, { migrate: migratePostgres }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js/migrator'),
  ]);
  // The lock is held by a dedicated connection while the pool runs the migration.
  const lock = postgres(database.url!, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(727274)`;
    // biome-ignore lint/suspicious/noExplicitAny: the migrator is typed per driver
    await migratePostgres(database.db as any, { migrationsFolder: MIGRATIONS });
  } finally {
    await lock`select pg_advisory_unlock(727274)`.catch(() => {});
    await lock.end({ timeout: 5 });
  }
}

export { schema };
