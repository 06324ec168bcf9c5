import pg from 'pg';
import { parse as parseConnectionString, toClientConfig } from 'pg-connection-string';
import { serialize } from 'pg-protocol';
import type { PipelinedWork, Query, Row, Statement } from './raw.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

/*
 * The engine's transactions on PostgreSQL (`Database.transact`): BEGIN travels with the work's
 * first reads, COMMIT with its writes, and the whole transaction is one series of extended-query
 * messages closed by a single Sync. The first round trip ends with Flush, which makes the server
 * answer the reads at once without ending the series; the second ends with Sync. Work that reads
 * nothing (a command planned from the case cache) is one round trip: its writes and Sync alone,
 * which PostgreSQL runs as one implicit transaction (committed at Sync, or rolled back whole at
 * the first error), with no BEGIN or COMMIT to send, run and answer.
 *
 * postgres-js, which serves every other query, ends each statement with its own Sync: a completion
 * was four Syncs, so the server flushed four answers (four socket writes, and as many wake-ups of
 * this process) and the driver ran its full query cycle four times. Built on node-postgres's public
 * extension point for custom protocol flows (`Submittable`, as pg-cursor uses it), a completion
 * costs about a third of the Node CPU it did and less PostgreSQL CPU (BENCHMARKS.md, #16).
 *
 * Guarantees kept: it is one explicit transaction (BEGIN … COMMIT), so the row lock taken by the
 * first round trip is held until COMMIT; a failing statement aborts the transaction and every
 * later statement of it fails with that first error, and the connection is rolled back before it is
 * reused; work that throws ends it with ROLLBACK.
 */

/** A column of a statement's result: its name and how its text is read. */
interface Field {
  name: string;
  parse: (text: string) => unknown;
}

/** A statement prepared on one connection: its name, and its result's columns once described. */
interface Prepared {
  name: string;
  fields: Field[] | null;
  /** Bind and Execute of a statement without parameters (BEGIN, COMMIT), encoded once. */
  bound?: Buffer;
}

/** A statement sent and not yet answered. */
interface Pending {
  answered: Promise<Row[]>;
  prepared: Prepared | null;
  fields: Field[] | null;
  rows: Row[];
  tag: string;
  resolve(rows: Row[]): void;
  reject(error: unknown): void;
}

/**
 * Values arrive as text and are read as the other drivers read them: JSON parsed, booleans and
 * numbers (but int8 and numeric stay text, as with postgres-js), arrays as arrays; dates, times,
 * timestamps and intervals stay text, as drizzle reads them.
 */
const AS_TEXT = new Set([1082, 1083, 1114, 1184, 1186, 1266]);
const TEXT_ARRAYS_OF = new Set([1182, 1183, 1115, 1185, 1187, 1270]);
const asText = (text: string) => text;
const TEXT_ARRAY = 1009 as Parameters<typeof pg.types.getTypeParser>[0];

function parserFor(oid: number): (text: string) => unknown {
  if (AS_TEXT.has(oid)) return asText;
  if (TEXT_ARRAYS_OF.has(oid)) return pg.types.getTypeParser(TEXT_ARRAY, 'text');
  return pg.types.getTypeParser(oid, 'text');
}

/** The raw-SQL contract (raw.ts): parameters are strings, numbers, booleans or null. */
function toParam(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`unsupported SQL parameter of type ${typeof value}; send JSON as text`);
}

/** Named statements kept per connection; beyond this many, statements are sent unnamed. */
const MAX_PREPARED = 200;

/**
 * The statements prepared on one connection, by text. Names are never reused: a statement dropped
 * from the map after an error may still exist on the server (it parsed, then failed), so a new
 * one under its name would be refused as a duplicate.
 */
interface ConnectionStatements {
  byText: Map<string, Prepared>;
  named: number;
}
const statementsByConnection = new WeakMap<pg.Connection, ConnectionStatements>();

const EXECUTE = serialize.execute();
const FLUSH = serialize.flush();
const SYNC = serialize.sync();

const BEGIN: Statement = { text: 'begin', params: [] };
const COMMIT: Statement = { text: 'commit', params: [] };
const ROLLBACK: Statement = { text: 'rollback', params: [] };

/** One transaction of `PipelinedWork` on one connection; `pg.Client#query` submits it. */
class PipelinedTransaction<T> implements pg.Submittable {
  readonly done: Promise<T>;
  private settle!: { resolve(value: T): void; reject(error: unknown): void };
  private con!: pg.Connection;
  private statements!: ConnectionStatements;
  private readonly pending: Pending[] = [];
  /** The messages of the round trip being gathered: one socket write at the end of this tick. */
  private out: Buffer[] | null = null;
  private begun = false;
  private synced = false;
  /** The server ended the transaction (ReadyForQuery) or the connection failed. */
  private over = false;
  private failure: { error: unknown; connection: boolean } | null = null;
  private outcome: { value: T } | { error: unknown } | null = null;
  private commit: Pending | null = null;

  constructor(
    private readonly work: PipelinedWork<T>,
    private readonly onStatement?: () => void,
  ) {
    this.done = new Promise<T>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  /** Whether the connection must be discarded (it failed, or its state is unknown). */
  get broken(): boolean {
    return this.failure?.connection ?? false;
  }

  /**
   * Whether the server refused a statement: an explicit transaction then stays aborted after Sync
   * until ROLLBACK, which the client sends as its next query.
   */
  get aborted(): boolean {
    return this.failure !== null && !this.failure.connection;
  }

  submit(connection: pg.Connection): void {
    this.con = connection;
    let statements = statementsByConnection.get(connection);
    if (!statements) {
      statements = { byText: new Map(), named: 0 };
      statementsByConnection.set(connection, statements);
    }
    this.statements = statements;
    const q: Query = <R extends Row>(text: string, params: readonly unknown[] = []) =>
      this.send({ text, params }) as Promise<R[]>;
    let planned: ReturnType<PipelinedWork<T>>;
    try {
      planned = this.work(q);
    } catch (error) {
      planned = Promise.reject(error);
    }
    planned.then(
      (result) => this.finish(result),
      (error: unknown) => this.abandon(error),
    );
  }

  /** Sends one statement; its rows arrive with the round trip that carries it. */
  private send(statement: Statement): Promise<Row[]> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.synced) return Promise.reject(new Error('the transaction has already ended'));
    let values: (string | null)[];
    try {
      values = statement.params.map(toParam);
    } catch (error) {
      return Promise.reject(error);
    }
    this.begin();
    return this.enqueue(statement.text, values).answered;
  }

  /**
   * BEGIN, with the first statement sent: with the first reads, or with the writes and COMMIT
   * of work that reads nothing (one round trip, one socket write, for the whole transaction).
   */
  private begin(): void {
    if (this.begun) return;
    this.begun = true;
    // A failed BEGIN fails every later statement too; that is where it is reported.
    this.enqueue(BEGIN.text, []).answered.catch(() => {});
  }

  /** Adds a statement's messages to the round trip being gathered. */
  private enqueue(text: string, values: (string | null)[]): Pending {
    let out = this.out;
    if (!out) {
      out = this.out = [];
      process.nextTick(this.endRoundTrip);
    }
    const { byText } = this.statements;
    let prepared = byText.get(text) ?? null;
    let describe = false;
    if (!prepared) {
      describe = true;
      if (byText.size < MAX_PREPARED) {
        prepared = { name: `alur_tx_${this.statements.named++}`, fields: null };
        byText.set(text, prepared);
      }
      const name = prepared?.name ?? '';
      out.push(serialize.parse({ name, text, types: [] }), serialize.describe({ type: 'S', name }));
    }
    if (prepared && values.length === 0) {
      prepared.bound ??= Buffer.concat([serialize.bind({ statement: prepared.name, values }), EXECUTE]);
      out.push(prepared.bound);
    } else {
      out.push(serialize.bind({ statement: prepared?.name ?? '', values }), EXECUTE);
    }
    this.onStatement?.();
    const pending = {
      prepared,
      fields: describe ? null : prepared!.fields,
      rows: [],
      tag: '',
    } as unknown as Pending;
    pending.answered = new Promise<Row[]>((resolve, reject) => {
      pending.resolve = resolve;
      pending.reject = reject;
    });
    this.pending.push(pending);
    return pending;
  }

  private write(out: Buffer[]): void {
    const stream = this.con.stream;
    if (stream.writable) stream.write(out.length === 1 ? out[0]! : Buffer.concat(out));
  }

  /** Ends a round trip that leaves the transaction open: Flush makes the server answer it now. */
  private readonly endRoundTrip = (): void => {
    const out = this.out;
    this.out = null;
    if (!out || this.synced || this.failure) return;
    out.push(FLUSH);
    this.write(out);
  };

  /**
   * Ends the series with `statements` (all or nothing: their parameters are checked first) and
   * Sync, in the round trip being gathered; returns the last statement's answer.
   */
  private sync(statements: Statement[], explicit = true): Pending {
    const encoded = statements.map((s) => ({ text: s.text, values: s.params.map(toParam) }));
    if (explicit) this.begin();
    const sent = encoded.map((s) => this.enqueue(s.text, s.values));
    for (const p of sent) p.answered.catch(() => {});
    const out = this.out ?? [];
    this.out = null;
    out.push(SYNC);
    this.synced = true;
    this.write(out);
    return sent.at(-1)!;
  }

  private finish(result: Awaited<ReturnType<PipelinedWork<T>>>): void {
    if (this.failure) {
      this.conclude({ error: this.failure.error });
      return;
    }
    try {
      // Work that read nothing sends its writes alone with Sync: they run as one implicit
      // transaction, committed at Sync or rolled back whole at the first error, as BEGIN … COMMIT
      // would (one round trip either way; two statements fewer to send, run and answer).
      this.commit =
        !this.begun && result.writes.length > 0
          ? this.sync(result.writes, false)
          : this.sync([...result.writes, COMMIT]);
    } catch (error) {
      // A write that cannot be sent: none of them is, and the transaction is rolled back.
      this.abandon(error);
      return;
    }
    this.outcome = { value: result.value };
  }

  private abandon(error: unknown): void {
    if (this.failure) {
      this.conclude({ error });
    } else {
      this.sync([ROLLBACK]);
      this.outcome = { error };
    }
  }

  private conclude(outcome: { value: T } | { error: unknown }): void {
    this.outcome = outcome;
    if (this.over) this.report();
  }

  /** Settles once both the work and the server are done with the transaction. */
  private report(): void {
    const outcome = this.outcome;
    if (!outcome) return;
    if ('error' in outcome) {
      this.settle.reject(outcome.error);
    } else if (this.commit && this.begun && this.commit.tag !== 'COMMIT') {
      // A COMMIT answered "ROLLBACK" means the transaction had failed: nothing was saved.
      this.settle.reject(new Error(`transaction ended with ${this.commit.tag || 'no answer'}, not COMMIT`));
    } else {
      this.settle.resolve(outcome.value);
    }
  }

  handleRowDescription(message: { fields: { name: string; dataTypeID: number }[] }): void {
    const head = this.pending[0];
    if (!head) return;
    head.fields = message.fields.map((f) => ({ name: f.name, parse: parserFor(f.dataTypeID) }));
    if (head.prepared) head.prepared.fields = head.fields;
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    const head = this.pending[0];
    if (!head) return;
    const fields = head.fields ?? head.prepared?.fields ?? [];
    const row: Row = {};
    for (let i = 0; i < fields.length; i++) {
      const text = message.fields[i];
      row[fields[i]!.name] = text === null || text === undefined ? null : fields[i]!.parse(text);
    }
    head.rows.push(row);
  }

  handleCommandComplete(message: { text?: string }): void {
    const head = this.pending.shift();
    if (!head) return;
    // A statement with no result columns is described by NoData, which the client does not pass on.
    if (head.prepared && head.prepared.fields === null) head.prepared.fields = head.fields ?? [];
    head.tag = message.text?.split(' ')[0] ?? '';
    head.resolve(head.rows);
  }

  handleEmptyQuery(): void {
    this.handleCommandComplete({});
  }

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: pg.Connection & { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('COPY is not supported in an engine transaction');
  }

  handleCopyData(): void {}

  /**
   * An ErrorResponse: the server skips everything up to Sync and rolls the transaction back. Or the
   * connection failed. Either way every statement still waiting gets this error, and the client
   * no longer routes this transaction's messages (it queues the next query until ReadyForQuery).
   */
  handleError(received: unknown): void {
    const connection = !(received instanceof pg.DatabaseError);
    const error = connection ? connectionFailure(received) : received;
    this.failure ??= { error, connection };
    for (const p of this.pending.splice(0)) p.reject(error);
    // Statements that were never confirmed may not exist on the server.
    const { byText } = this.statements;
    for (const [text, p] of byText) if (p.fields === null) byText.delete(text);
    // What was being gathered would be skipped by the server anyway.
    this.out = null;
    if (!connection && !this.synced) {
      this.synced = true;
      this.write([SYNC]);
    }
    this.over = true;
    if (this.outcome && 'value' in this.outcome) this.outcome = { error };
    this.report();
  }

  handleReadyForQuery(): void {
    this.over = true;
    this.report();
  }
}

/**
 * node-postgres reports a connection that went away as a plain Error ("Connection terminated
 * unexpectedly"): give it the code postgres-js uses, so the API answers 503 (db/unavailable.ts).
 */
function connectionFailure(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && 'code' in error) return error;
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(`database connection failed: ${message}`, { cause: error }), {
    code: 'CONNECTION_CLOSED',
  });
}

export interface PipelinePool {
  transact<T>(work: PipelinedWork<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The connection settings of `url` as libpq (and postgres-js, which serves the other queries) reads
 * them: `sslmode=require` encrypts without checking the certificate, `verify-full` checks it.
 * node-postgres on its own would read `require` as `verify-full`, so the engine's connections could
 * fail where the server's other connections succeed.
 */
export function pipelineConnection(url: string): pg.ClientConfig {
  return toClientConfig(parseConnectionString(url, { useLibpqCompat: true }));
}

/** A pool of connections for `Database.transact` on PostgreSQL. */
export function createPipelinePool(
  url: string,
  options: {
    max: number;
    onStatement?: () => void;
    /**
     * Called when one of the pool's connections fails (in use or idle) or a new one cannot be
     * opened: the server restarted, failed over, or the network cut. Whatever this process
     * remembers of the database may since be older than the database itself (a failover to a
     * replica that had not received the last commits, a restored backup).
     */
    onConnectionLost?: () => void;
  },
): PipelinePool {
  // Idle connections stay open (as postgres-js keeps them) but do not keep a finished process alive.
  const pool = new pg.Pool({
    ...pipelineConnection(url),
    max: options.max,
    idleTimeoutMillis: 0,
    allowExitOnIdle: true,
  });
  // A connection that fails while idle is dropped by the pool; one that fails while in use fails
  // its transaction (handleError). Neither may throw as an unhandled 'error' event.
  const lost = () => options.onConnectionLost?.();
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', () => {}));
  return {
    async transact<T>(work: PipelinedWork<T>): Promise<T> {
      const client = await pool.connect().catch((error: unknown) => {
        lost();
        throw error;
      });
      const transaction = new PipelinedTransaction(work, options.onStatement);
      try {
        client.query(transaction);
        return await transaction.done;
      } catch (error) {
        // The server ended the connection (shut down, terminated it) or it was cut.
        if (transaction.broken || isDatabaseUnavailable(error)) lost();
        throw error;
      } finally {
        // The client queues the ROLLBACK until the server has answered the Sync sent on the error.
        const reusable =
          !transaction.broken &&
          (!transaction.aborted ||
            (await client.query('rollback').then(
              () => true,
              () => false,
            )));
        client.release(reusable ? undefined : true);
      }
    },
    close: () => pool.end(),
  };
}
