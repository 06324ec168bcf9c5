import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import {
  callTrpc,
  createScratchDb,
  createSessionCookie,
  type ScratchDb,
  type SeededStore,
  seedPostgres,
} from '../reliability/fixtures.ts';
import { type ServerProcess, startServerProcess } from '../reliability/processes.ts';

/*
 * Two server processes on one PostgreSQL: an administrator changes the office hours through one,
 * and the other computes its next due date on the new hours at once (not up to a minute later,
 * when its cached calendar would have expired).
 *   kasi lane:  (s) → [a 1 hari] → (e)
 */
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 hari', e: 'end@kasi' },
  flows: ['s > a > e'],
});
const SUNDAYS_ONLY = {
  timeZone: 'Asia/Jakarta',
  hours: { 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: { start: '08:00', end: '12:00' } },
};

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.info(
    '[server/calendar-broadcast] not run: two server processes need one real PostgreSQL ' +
      '(PGlite is one connection in one process). Set DATABASE_URL to run it.',
  );
}

describe.runIf(Boolean(adminUrl))('a calendar change across two server processes', () => {
  let scratch: ScratchDb;
  let store: SeededStore;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchDb(adminUrl!);
    store = await seedPostgres(scratch.url, doc, 4);
    servers = await Promise.all([0, 1].map(() => startServerProcess({ env: { DATABASE_URL: scratch.url } })));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await store?.close();
    await scratch?.drop();
  });

  /** Starts a case through `server` as kasi; returns the ISO weekday (Asia/Jakarta) its task is due. */
  async function startAndReadDueWeekday(server: ServerProcess, cookie: string): Promise<number> {
    const started = await callTrpc(server.base, cookie, 'case.start', { sopId: store.sopId, title: 'Kasus' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const caseId = started.body.result.data.caseId as string;
    const [row] = await store.deps.database.query<{ dow: number }>(
      sql`select extract(isodow from due_at at time zone 'Asia/Jakarta')::int as dow from tasks where case_id = ${caseId}`,
    );
    return row!.dow;
  }

  it('the other process uses the new office hours for its next due date at once', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const kasi = await createSessionCookie(store.deps.database, await store.userId('kasi'));
    const admin = await createSessionCookie(store.deps.database, await store.userId('admin'));
    // B computes a due date now, so it holds the default calendar (Monday–Friday) in its cache.
    expect(await startAndReadDueWeekday(b, kasi)).toBeLessThan(6);

    const changed = await callTrpc(a.base, admin, 'admin.calendar.update', SUNDAYS_ONLY);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);

    // The NOTIFY reaches B within milliseconds; without it B would keep Monday–Friday for a minute.
    await expect.poll(() => startAndReadDueWeekday(b, kasi), { timeout: 10_000, interval: 100 }).toBe(7);
  });
});
