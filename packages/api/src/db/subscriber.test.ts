import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { createSubscriber } from './subscriber.ts';

/*
 * The LISTEN connection of a PostgreSQL server process: listeners learn when notifications may
 * have been missed (the connection closed) and when they are heard again (the session cache
 * relies on both). PGlite is in process and has no such connection.
 */
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.info('[db/subscriber] not run: it cuts a PostgreSQL connection. Set DATABASE_URL to run it.');
}

describe.runIf(Boolean(adminUrl))('the LISTEN connection', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('tells its listeners when it dropped and when it listens again', async () => {
    const subscriber = createSubscriber(postgres, testDb.url!);
    const heard: string[] = [];
    const states: string[] = [];
    const hooks = (name: string) => ({
      onUp: () => states.push(`${name} up`),
      onDown: () => states.push(`${name} down`),
    });
    // Two listeners join the channel at once: both hear, both are told when LISTEN holds.
    await Promise.all([
      subscriber.listen('alur_test', (p) => heard.push(`a ${p}`), hooks('a')),
      subscriber.listen('alur_test', (p) => heard.push(`b ${p}`), hooks('b')),
    ]);
    expect(states.sort()).toEqual(['a up', 'b up']);
    const notify = (payload: string) => testDb.database.query(sql`select pg_notify('alur_test', ${payload})`);
    await notify('one');
    await expect.poll(() => heard.sort()).toEqual(['a one', 'b one']);

    states.length = 0;
    await testDb.database.query(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query ilike 'listen %'`,
    );
    await expect.poll(() => states, { timeout: 10_000 }).toEqual(['a down', 'b down', 'a up', 'b up']);
    await notify('two');
    await expect.poll(() => heard.filter((h) => h.endsWith('two')).sort()).toEqual(['a two', 'b two']);
    await subscriber.close();
  });
});
