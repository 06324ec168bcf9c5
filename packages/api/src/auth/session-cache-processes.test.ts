import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { useSeededCluster } from '../reliability/cluster.ts';
import { callTrpc, createSessionCookie } from '../reliability/fixtures.ts';
import { type ServerProcess, startServerProcess } from '../reliability/processes.ts';

/*
 * Two server processes on one PostgreSQL, each with its session cache. What an administrator (or
 * the user) does through process A takes effect in process B, which had the session cached, as
 * soon as the NOTIFY from migration 0012's triggers arrives: polled, within seconds at most.
 *   kasi lane:  (s) → [a] → (e)
 */
const doc = () =>
  buildDoc({
    lanes: { kasi: 'position:kasi' },
    nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', e: 'end@kasi' },
    flows: ['s > a > e'],
  });

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.info(
    '[auth/session-cache-processes] not run: two server processes need one real PostgreSQL ' +
      '(PGlite is one connection in one process). Set DATABASE_URL to run it.',
  );
}

const poll = { timeout: 10_000, interval: 25 };

describe.runIf(Boolean(adminUrl))('sessions cached in two server processes', () => {
  const cluster = useSeededCluster(adminUrl, doc);
  let a: ServerProcess;
  let b: ServerProcess;

  async function me(server: ServerProcess, cookie: string) {
    const answer = await callTrpc(server.base, cookie, 'auth.me', undefined, 'query');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.result.data as { username: string; positions: string[]; permissions: string[] } | null;
  }
  async function cookieFor(username: string) {
    return createSessionCookie(cluster.store.deps.database, await cluster.store.userId(username));
  }
  async function update(admin: string, input: Record<string, unknown>) {
    const answer = await callTrpc(a.base, admin, 'admin.users.update', input);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  beforeAll(async () => {
    const started = await Promise.all(
      [0, 1].map(() => startServerProcess({ env: { DATABASE_URL: cluster.url } })),
    );
    cluster.servers.push(...started);
    [a, b] = started as [ServerProcess, ServerProcess];
  }, 60_000);

  it('a logout through A ends the session in B', async () => {
    const kasi = await cookieFor('kasi');
    expect((await me(b, kasi))?.username).toBe('kasi');
    expect((await me(b, kasi))?.username).toBe('kasi');
    const out = await callTrpc(a.base, kasi, 'auth.logout', null);
    expect(out.status).toBe(200);
    await expect.poll(() => me(b, kasi), poll).toBeNull();
  });

  it('deactivating a user through A signs them out of B', async () => {
    const admin = await cookieFor('admin');
    const staf = await cookieFor('staf');
    expect((await me(b, staf))?.username).toBe('staf');
    await update(admin, { userId: await cluster.store.userId('staf'), active: false });
    await expect.poll(() => me(b, staf), poll).toBeNull();
  });

  it('removing a position and changing permissions through A show in B', async () => {
    const admin = await cookieFor('admin');
    const peksos = await cookieFor('peksos');
    const id = await cluster.store.userId('peksos');
    expect((await me(b, peksos))?.positions).toEqual(['peksos']);
    await update(admin, { userId: id, positions: [] });
    await expect.poll(async () => (await me(b, peksos))?.positions, poll).toEqual([]);
    await update(admin, { userId: id, permissions: ['staff', 'leader'] });
    await expect.poll(async () => (await me(b, peksos))?.permissions, poll).toEqual(['staff', 'leader']);
  });

  it('after the listening connections are cut, B listens again and revocations still arrive', async () => {
    const admin = await cookieFor('admin');
    const kabid = await cookieFor('kabid');
    expect((await me(b, kabid))?.username).toBe('kabid');
    const listeners = () =>
      cluster.store.deps.database.query<{ pid: number }>(
        sql`select pid from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`,
      );
    const cut = await listeners();
    // Each server process (and the test's own store) listens on one connection.
    expect(cut.length).toBeGreaterThanOrEqual(2);
    await cluster.store.deps.database.query(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`,
    );
    // A change made while B may not be listening: B reads it once it is back (the cache starts
    // empty), or at once if it never stopped reading from the database.
    await cluster.store.deps.database.query(
      sql`update users set display_name = 'Kabid (baru)' where username = 'kabid'`,
    );
    await expect
      .poll(async () => ((await me(b, kabid)) as { displayName?: string } | null)?.displayName, poll)
      .toBe('Kabid (baru)');
    await expect.poll(async () => (await listeners()).length, poll).toBe(cut.length);
    // Listening again: a deactivation through A reaches B's cache.
    expect((await me(b, kabid))?.username).toBe('kabid');
    await update(admin, { userId: await cluster.store.userId('kabid'), active: false });
    await expect.poll(() => me(b, kabid), poll).toBeNull();
  });
});
