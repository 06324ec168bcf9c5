import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { serveOnLoopback } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

describe('which database failures mean "come back later"', () => {
  it('knows the driver errors of a full or unreachable server, also wrapped by drizzle', () => {
    const tooMany = Object.assign(new Error('sorry, too many clients already'), { code: '53300' });
    expect(isDatabaseUnavailable(tooMany)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: tooMany }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('starting'), { code: '57P03' }))).toBe(true);
  });

  it('leaves every other failure an internal error', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('bug'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

/*
 * A real PostgreSQL that refuses new connections: a role with CONNECTION LIMIT 0 gets the same
 * SQLSTATE 53300 as a server whose max_connections are all taken by other processes' pools.
 */
const adminUrl = process.env.DATABASE_URL;
describe.runIf(adminUrl)('a PostgreSQL server out of connection slots', () => {
  const role = `alur_full_${randomBytes(4).toString('hex')}`;
  let app: TestApp;
  let admin: ReturnType<typeof postgres>;
  let refused: Database;
  let server: { base: string; close(): Promise<void> };

  beforeAll(async () => {
    app = await createTestApp();
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${role} login connection limit 0`);
    const url = new URL(app.testDb.url!);
    url.username = role;
    refused = await createDb({ kind: 'postgres', url: url.toString(), max: 2 });
    server = await serveOnLoopback({ ...app.deps, database: refused });
  });
  afterAll(async () => {
    await server.close();
    await refused.close();
    await app.close();
    await admin.unsafe(`drop role if exists ${role}`);
    await admin.end({ timeout: 5 });
  });

  it('answers a signed-in request with 503 and Retry-After, not 500', async () => {
    const res = await fetch(`${server.base}/api/trpc/task.inbox?input=${encodeURIComponent('{}')}`, {
      headers: { cookie: 'alur_session=any-token' },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { error: { message: string; data: { appCode: string } } };
    expect(body.error.data.appCode).toBe('DATABASE_UNAVAILABLE');
    expect(body.error.message).toMatch(/Basis data sedang penuh/);
  });

  it('answers a login (a mutation) the same way', async () => {
    const res = await fetch(`${server.base}/api/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
      body: JSON.stringify({ username: 'kasi', password: 'alur-demo' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it("refuses a case command (the engine's own connections) as unavailable too", async () => {
    const error = await refused
      .transact(async (q) => ({ value: await q('select 1'), writes: [] }))
      .catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('reports /healthz unavailable with Retry-After, and healthy again once slots free up', async () => {
    const full = await fetch(`${server.base}/healthz`);
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('5');
    await admin.unsafe(`alter role ${role} connection limit -1`);
    const again = await fetch(`${server.base}/healthz`);
    expect(again.status).toBe(200);
  });
});
