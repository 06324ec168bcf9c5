import type { SopDocument } from '@alur/schema';
import { eq } from 'drizzle-orm';
import { createSessionCache } from '../auth/session-cache.ts';
import { loadSessionUser } from '../auth/sessions.ts';
import { users } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { createEventBus } from '../events/event-bus.ts';
import { loadDemoData } from '../services/demo.ts';
import type { Context } from '../trpc/context.ts';
import { createCaller } from '../trpc/root.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/** A test clock: starts at `start`, moves only when told. */
export function createTestClock(start = '2026-11-23T01:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(iso: string) {
      t = new Date(iso).getTime();
    },
  };
}

export interface TestApp {
  deps: AppDeps;
  testDb: TestDatabase;
  clock: ReturnType<typeof createTestClock>;
  /**
   * A tRPC caller acting as a demo user (by username), with a valid CSRF header; `signal` is the
   * request's abort signal (what a closed connection fires), for subscriptions.
   */
  as(username: string, options?: { signal?: AbortSignal }): Promise<ReturnType<typeof createCaller>>;
  anonymous(): ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

/** A migrated database with the demo agency and the given SOPs published. */
export async function createTestApp(seeds: { slug: string; document: SopDocument }[] = []): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const clock = createTestClock();
  // The session cache as the server has it, so HTTP tests see what a request sees.
  const [bus, sessions] = await Promise.all([
    createEventBus(testDb.database),
    createSessionCache(testDb.database),
  ]);
  const deps: AppDeps = { database: testDb.database, bus, sessions, now: clock.now, secureCookies: false };
  await loadDemoData(testDb.database.db, seeds, clock.now());
  const context = (user: Context['user']): Context => ({
    deps,
    db: testDb.database.db,
    user,
    sessionToken: undefined,
    ip: '127.0.0.1',
    csrfOk: true,
    setCookie: () => {},
  });
  return {
    deps,
    testDb,
    clock,
    async as(username, options) {
      const [row] = await testDb.database.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, username));
      if (!row) throw new Error(`no user ${username}`);
      return createCaller(context(await loadSessionUser(testDb.database.db, row.id)), options);
    },
    anonymous: () => createCaller(context(null)),
    async close() {
      await bus.close();
      await sessions.close();
      await testDb.drop();
    },
  };
}
