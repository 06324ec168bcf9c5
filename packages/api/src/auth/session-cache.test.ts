import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, ListenHooks } from '../db/client.ts';
import { createHttpClient, serveOnLoopback } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createSessionCache, SESSION_CHANNEL } from './session-cache.ts';
import { login, resolveSession } from './sessions.ts';

/*
 * One server (PGlite, or PostgreSQL with DATABASE_URL) with its session cache: a signed-in user's
 * requests are answered from the cache, and every way a session is revoked still takes effect.
 * Across two processes: session-cache-processes.test.ts.
 */
let app: TestApp;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  app = await createTestApp();
  ({ base, close } = await serveOnLoopback(app.deps));
});
afterAll(async () => {
  await close();
  await app.close();
});

async function signedIn(username: string) {
  const c = createHttpClient(base);
  await c.client.auth.login.mutate({ username, password: 'alur-demo' });
  // Resolved, and held: the next request may be answered from the cache. (A read that an
  // announcement overtook, e.g. the expired-session sweep of another login, is not kept: ask again.)
  await expect
    .poll(async () => {
      expect((await c.client.auth.me.query())?.username).toBe(username);
      return app.deps.sessions!.size;
    }, poll)
    .toBeGreaterThan(0);
  return c.client;
}

async function userId(username: string): Promise<string> {
  const [row] = await app.testDb.database.query<{ id: string }>(
    sql`select id from users where username = ${username}`,
  );
  return row!.id;
}

const poll = { timeout: 5_000, interval: 20 };

describe('the session cache in one server', () => {
  it('a logout takes effect at once, with the session cached', async () => {
    const client = await signedIn('kasi');
    await client.auth.logout.mutate();
    expect(await client.auth.me.query()).toBeNull();
  });

  it('deactivating a user signs them out', async () => {
    const staf = await signedIn('staf');
    const admin = await app.as('admin');
    await admin.admin.users.update({ userId: await userId('staf'), active: false });
    await expect.poll(() => staf.auth.me.query(), poll).toBeNull();
    await admin.admin.users.update({ userId: await userId('staf'), active: true });
  });

  it('removing a position and changing permissions show on the next requests', async () => {
    const peksos = await signedIn('peksos');
    const admin = await app.as('admin');
    const id = await userId('peksos');
    await admin.admin.users.update({ userId: id, positions: [] });
    await expect.poll(async () => (await peksos.auth.me.query())?.positions, poll).toEqual([]);
    await admin.admin.users.update({ userId: id, permissions: ['staff', 'leader'] });
    await expect
      .poll(async () => (await peksos.auth.me.query())?.permissions, poll)
      .toEqual(['staff', 'leader']);
  });

  it('a session deleted in the database by hand ends', async () => {
    const kabid = await signedIn('kabid');
    await app.testDb.database.query(sql`delete from sessions where user_id = ${await userId('kabid')}`);
    await expect.poll(() => kabid.auth.me.query(), poll).toBeNull();
  });

  it('a cached session still expires on the request clock', async () => {
    const sekdin = await signedIn('sekdin');
    app.clock.advance(15 * 86_400_000);
    expect(await sekdin.auth.me.query()).toBeNull();
  });
});

/**
 * The test database with its listening connection under the test's control: `down()` is what a
 * dropped connection looks like (announcements lost, `onDown`), `up()` its return.
 */
function controlledListen(database: Database) {
  let connected = true;
  const hooks: ListenHooks[] = [];
  const wrapped: Database = {
    ...database,
    async listen(channel, onPayload, h = {}) {
      hooks.push(h);
      return database.listen(channel, (p) => connected && onPayload(p), h);
    },
  };
  return {
    database: wrapped,
    down() {
      connected = false;
      for (const h of hooks) h.onDown?.();
    },
    up() {
      connected = true;
      for (const h of hooks) h.onUp?.();
    },
    /** Announcements are lost, though nobody noticed (a silently broken connection). */
    deaf() {
      connected = false;
    },
  };
}

describe('the session cache when announcements may be missed', () => {
  async function signIn(username: string) {
    const { token } = await login(app.testDb.database.db, {
      username,
      password: 'alur-demo',
      ip: '10.0.0.1',
      now: app.clock.now(),
    });
    return token;
  }
  const rename = (name: string) =>
    app.testDb.database.query(sql`update users set display_name = ${name} where username = 'kadis'`);
  const resolve = (token: string, cache: Awaited<ReturnType<typeof createSessionCache>>) =>
    resolveSession(app.testDb.database.db, token, app.clock.now(), cache);
  /** Resolves until the cache holds the session (a read an announcement overtook is not kept). */
  const resolveUntilHeld = (token: string, cache: Awaited<ReturnType<typeof createSessionCache>>) =>
    expect
      .poll(async () => {
        await resolve(token, cache);
        return cache.size;
      }, poll)
      .toBe(1);

  it('is not used while the listener is down, and starts empty when it is back', async () => {
    const listen = controlledListen(app.testDb.database);
    const cache = await createSessionCache(listen.database);
    const token = await signIn('kadis');
    await resolveUntilHeld(token, cache);

    listen.down();
    await rename('Kadis (while down)');
    expect((await resolve(token, cache))?.displayName).toBe('Kadis (while down)');
    expect(cache.size).toBe(0);

    listen.up();
    await rename('Kadis (back)');
    expect((await resolve(token, cache))?.displayName).toBe('Kadis (back)');
    await resolveUntilHeld(token, cache);
    await cache.close();
  });

  it('keeps an entry no longer than its TTL when an announcement is lost', async () => {
    let t = 0;
    const listen = controlledListen(app.testDb.database);
    const cache = await createSessionCache(listen.database, { ttlMs: 30_000, clock: () => t });
    const token = await signIn('kadis');
    await resolveUntilHeld(token, cache);
    listen.deaf();
    await rename('Kadis (lost)');
    t = 30_001;
    expect((await resolve(token, cache))?.displayName).toBe('Kadis (lost)');
    await cache.close();
  });

  it('does not keep a session read before an announcement that arrived during the read', async () => {
    const cache = await createSessionCache(app.testDb.database);
    const token = await signIn('kadis');
    const user = (await resolveSession(app.testDb.database.db, token, app.clock.now()))!;
    const ticket = cache.ticket();
    // The announcement for this user lands while the read is on its way back.
    await app.testDb.database.query(sql`select pg_notify(${SESSION_CHANNEL}, ${user.id})`);
    await expect.poll(() => cache.ticket() !== ticket, poll).toBe(true);
    cache.remember(ticket, 'some-token-hash', user, Date.now() + 60_000);
    expect(cache.size).toBe(0);
    await cache.close();
  });
});
