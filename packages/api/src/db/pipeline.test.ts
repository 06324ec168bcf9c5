import { connect, createServer, type Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { createPipelinePool, type PipelinePool, pipelineConnection } from './pipeline.ts';
import { EXPECTATION_FAILED, preparedQuery, type Query, sqlState } from './raw.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

/*
 * The engine's transactions on PostgreSQL (pipeline.ts): BEGIN with the first reads, COMMIT with
 * the writes, one Sync. What the engine relies on: the lock of the first round trip lasts to
 * COMMIT, a refused statement or a throwing work saves nothing and leaves the connection usable,
 * a cut connection fails only its transaction, and rows read as from the other driver.
 */
describe('the engine connections’ settings', () => {
  it('reads DATABASE_URL as libpq and postgres-js do', () => {
    const base = 'postgres://alur:rahasia@db.example:6543/alur';
    expect(pipelineConnection(base)).toMatchObject({
      host: 'db.example',
      port: 6543,
      user: 'alur',
      password: 'rahasia',
      database: 'alur',
    });
    expect(pipelineConnection(base).ssl).toBeFalsy();
    // Encrypted, certificate not checked: what the server's other connections do with this URL.
    expect(pipelineConnection(`${base}?sslmode=require`).ssl).toMatchObject({ rejectUnauthorized: false });
    const verified = pipelineConnection(`${base}?sslmode=verify-full`).ssl;
    expect(verified).toBeTruthy();
    expect(verified).not.toMatchObject({ rejectUnauthorized: false });
    expect(pipelineConnection(`${base}?sslmode=disable`).ssl).toBe(false);
    expect(pipelineConnection('postgres://alur@/alur?host=/var/run/postgresql')).toMatchObject({
      host: '/var/run/postgresql',
      database: 'alur',
    });
  });
});

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.info('[db/pipeline] not run: it needs PostgreSQL. Set DATABASE_URL to run it.');
}

describe.runIf(Boolean(adminUrl))('engine transactions on PostgreSQL', () => {
  let testDb: TestDatabase;
  let sql: postgres.Sql;
  /** One connection, so each test also shows that the connection is clean for the next one. */
  let pool: PipelinePool;
  let statements = 0;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    sql = postgres(testDb.url!, { max: 2, onnotice: () => {} });
    await sql`create table counters (id int primary key, n int not null check (n < 100))`;
    await sql`insert into counters values (1, 0), (2, 0)`;
    pool = createPipelinePool(testDb.url!, { max: 1, onStatement: () => statements++ });
  });
  afterAll(async () => {
    await pool?.close();
    await sql?.end();
    await testDb?.drop();
  });

  const counter = async (id: number) => (await sql`select n from counters where id = ${id}`)[0]!.n as number;
  const bump = (id: number, by = 1) => ({
    text: 'update counters set n = n + $2::int where id = $1::int',
    params: [id, by],
  });
  const lock = (q: Query, id: number) =>
    q<{ n: number }>('select n from counters where id = $1::int for update', [id]);

  it('commits the reads and writes of one transaction together, BEGIN and COMMIT included', async () => {
    const before = await counter(1);
    const sent = statements;
    const value = await pool.transact(async (q) => {
      const [row] = await lock(q, 1);
      return { value: row!.n, writes: [bump(1), bump(1)] };
    });
    expect(value).toBe(before);
    expect(await counter(1)).toBe(before + 2);
    // BEGIN, the read, two writes, COMMIT.
    expect(statements - sent).toBe(5);
  });

  it('holds the lock taken in the first round trip until COMMIT', async () => {
    const start = await counter(2);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const order: string[] = [];
    const other = createPipelinePool(testDb.url!, { max: 1 });
    try {
      const first = pool.transact(async (q) => {
        await lock(q, 2);
        order.push('first locked');
        await gate;
        return { value: null, writes: [bump(2, 10)] };
      });
      await new Promise((r) => setTimeout(r, 50));
      const second = other.transact(async (q) => {
        const [row] = await lock(q, 2);
        order.push(`second read ${row!.n - start}`);
        return { value: null, writes: [bump(2)] };
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(order).toEqual(['first locked']);
      release();
      await Promise.all([first, second]);
    } finally {
      await other.close();
    }
    // The second saw the first's committed write, read under the lock it waited for.
    expect(order).toEqual(['first locked', 'second read 10']);
    expect(await counter(2)).toBe(start + 11);
  });

  it('saves nothing when the work throws, even what its statements wrote', async () => {
    const before = await counter(1);
    const refusal = new Error('refused by the engine');
    await expect(
      pool.transact(async (q) => {
        await q('update counters set n = n + 5 where id = 1');
        await lock(q, 1);
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(await counter(1)).toBe(before);
    // The same connection works afterwards.
    await pool.transact(async () => ({ value: null, writes: [bump(1)] }));
    expect(await counter(1)).toBe(before + 1);
  });

  it('sends the writes of work that reads nothing alone, as one transaction: all of them or none', async () => {
    const before = await counter(1);
    const sent = statements;
    await pool.transact(async () => ({ value: null, writes: [bump(1), bump(2)] }));
    // No BEGIN or COMMIT: the two writes and Sync are one implicit transaction.
    expect(statements - sent).toBe(2);
    expect(await counter(1)).toBe(before + 1);
    const failing = pool.transact(async () => ({
      value: null,
      writes: [bump(1), { text: 'select alur_expect_rows(0, 1, $1::text)', params: ['counter'] }, bump(1)],
    }));
    expect(sqlState(await failing.catch((e: unknown) => e))).toBe(EXPECTATION_FAILED);
    expect(await counter(1)).toBe(before + 1);
    // The connection is clean for the next transaction; a refused check constraint fails it too.
    const tooMuch = pool.transact(async () => ({ value: null, writes: [bump(1), bump(2, 1000)] }));
    await expect(tooMuch).rejects.toMatchObject({ code: '23514' });
    expect(await counter(1)).toBe(before + 1);
  });

  it('fails with the refused write’s own error, saves none of the writes, and rolls the connection back', async () => {
    const before = await counter(1);
    const failing = pool.transact(async (q) => {
      await lock(q, 1);
      return {
        value: null,
        writes: [
          bump(1),
          // The engine's stale-command guard (migration 0003) raises AL409.
          { text: 'select alur_expect_rows(0, 1, $1::text)', params: ['counter'] },
          bump(1),
        ],
      };
    });
    const error = await failing.catch((e: unknown) => e);
    expect(sqlState(error)).toBe(EXPECTATION_FAILED);
    expect(await counter(1)).toBe(before);
    await pool.transact(async () => ({ value: null, writes: [bump(1)] }));
    expect(await counter(1)).toBe(before + 1);
  });

  it('fails every later statement of the transaction with the first refusal', async () => {
    const before = await counter(1);
    const seen: unknown[] = [];
    const error = await pool
      .transact(async (q) => {
        const bad = q('select n from counters where id = $1::int and no_such_column', [1]);
        const later = q('select n from counters where id = 1');
        await Promise.allSettled([bad, later]).then((r) => seen.push(...r));
        // Work that catches the failure and goes on still saves nothing.
        return { value: null, writes: [bump(1)] };
      })
      .catch((e: unknown) => e);
    expect(sqlState(error)).toBe('42703');
    expect(seen.map((r) => (r as PromiseSettledResult<unknown>).status)).toEqual(['rejected', 'rejected']);
    expect(seen.map((r) => sqlState((r as PromiseRejectedResult).reason))).toEqual(['42703', '42703']);
    expect(await counter(1)).toBe(before);
    // The refused statement was not kept as prepared: sent again it is refused the same way.
    const again = await pool
      .transact(async (q) => ({
        value: await q('select n from counters where id = $1::int and no_such_column', [1]),
        writes: [],
      }))
      .catch((e: unknown) => e);
    expect(sqlState(again)).toBe('42703');
  });

  it('runs a statement again after it failed on execution', async () => {
    // New text with no result columns: prepared, then refused by the check constraint (n < 100).
    const capped = (by: number) => ({
      text: 'update counters set n = n + $2::int where id = $1::int and n >= 0',
      params: [1, by],
    });
    const error = await pool
      .transact(async () => ({ value: null, writes: [capped(1000)] }))
      .catch((e: unknown) => e);
    expect(sqlState(error)).toBe('23514');
    const before = await counter(1);
    await pool.transact(async () => ({ value: null, writes: [capped(1), bump(1)] }));
    expect(await counter(1)).toBe(before + 2);
  });

  it('refuses a parameter it cannot send as text, and saves nothing', async () => {
    const before = await counter(1);
    await expect(
      pool.transact(async (q) => {
        await q('update counters set n = n + 1 where id = 1');
        await q('select $1::jsonb', [{ a: 1 }]);
        return { value: null, writes: [] };
      }),
    ).rejects.toThrow(/unsupported SQL parameter/);
    expect(await counter(1)).toBe(before);
    // A write that cannot be sent: none of the writes is, and nothing is committed.
    await expect(
      pool.transact(async (q) => {
        await q('update counters set n = n + 1 where id = 1');
        return { value: null, writes: [bump(1), { text: 'select $1::jsonb', params: [{ a: 1 }] }] };
      }),
    ).rejects.toThrow(/unsupported SQL parameter/);
    expect(await counter(1)).toBe(before);
  });

  it('reads rows as the raw PostgreSQL path reads them', async () => {
    const text = `select '{"a":[1,"x"]}'::jsonb as j, '[1]'::json as js, true as b, 7::int4 as i, 8::int8 as big,
      1.5::float8 as f, 1.25::numeric as num, array['x', 'y'] as arr, gen_random_uuid() is not null as u,
      '2026-12-02 10:00:00+00'::timestamptz as ts, '2026-12-02'::date as d, null::text as nothing, 'teks' as t`;
    const piped = await pool.transact(async (q) => ({ value: await q(text), writes: [] }));
    const direct = await preparedQuery(testDb.database.db)(text);
    expect(piped).toEqual(direct);
    expect(piped[0]).toMatchObject({
      j: { a: [1, 'x'] },
      b: true,
      i: 7,
      big: '8',
      arr: ['x', 'y'],
      nothing: null,
    });
  });

  it('fails only the transaction whose connection was cut, and the pool opens a new one', async () => {
    const error = await pool
      .transact(async (q) => {
        const [{ pid }] = (await q<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
        await sql`select pg_terminate_backend(${pid})`;
        await new Promise((r) => setTimeout(r, 100));
        return { value: null, writes: [bump(1)] };
      })
      .catch((e: unknown) => e);
    // A cut connection means "come back later" to the API (503), not a bug (500).
    expect(isDatabaseUnavailable(error)).toBe(true);
    const before = await counter(1);
    await pool.transact(async (q) => {
      await lock(q, 1);
      return { value: null, writes: [bump(1)] };
    });
    expect(await counter(1)).toBe(before + 1);
  });

  it('tells onConnectionLost when a connection fails, in use or idle', async () => {
    let lost = 0;
    const watched = createPipelinePool(testDb.url!, { max: 1, onConnectionLost: () => lost++ });
    try {
      // In use: the transaction's own connection is cut.
      await watched
        .transact(async (q) => {
          const [{ pid }] = (await q<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
          await sql`select pg_terminate_backend(${pid})`;
          await new Promise((r) => setTimeout(r, 100));
          return { value: null, writes: [bump(1)] };
        })
        .catch(() => {});
      expect(lost).toBe(1);
      // Idle: the pool's connection is cut between transactions.
      const pid = await watched.transact(async (q) => {
        const [row] = await q<{ pid: number }>('select pg_backend_pid() as pid');
        return { value: row!.pid, writes: [] };
      });
      await sql`select pg_terminate_backend(${pid})`;
      await expect.poll(() => lost, { timeout: 2000 }).toBe(2);
    } finally {
      await watched.close();
    }
  });

  it('fails the transaction with "unavailable" when the network drops the connection', async () => {
    // A TCP relay to PostgreSQL that is cut mid-transaction: no error message from the server.
    const target = new URL(testDb.url!);
    const sockets: Socket[] = [];
    const relay = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      sockets.push(client, upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => {});
      upstream.on('error', () => {});
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const relayed = new URL(testDb.url!);
    relayed.hostname = '127.0.0.1';
    relayed.port = String((relay.address() as { port: number }).port);
    const cut = createPipelinePool(relayed.toString(), { max: 1 });
    try {
      const before = await counter(1);
      const error = await cut
        .transact(async (q) => {
          await lock(q, 1);
          for (const s of sockets.splice(0)) s.destroy();
          await new Promise((r) => setTimeout(r, 50));
          return { value: null, writes: [bump(1)] };
        })
        .catch((e: unknown) => e);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(await counter(1)).toBe(before);
      // The pool opens a new connection through the relay.
      await cut.transact(async (q) => {
        await lock(q, 1);
        return { value: null, writes: [bump(1)] };
      });
      expect(await counter(1)).toBe(before + 1);
    } finally {
      await cut.close();
      for (const s of sockets) s.destroy();
      relay.close();
    }
  });
});
