import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database, Db } from '../packages/api/src/db/client.ts';
import * as schema from '../packages/api/src/db/schema.ts';

/**
 * The same PostgreSQL `Database` as db/client.ts builds, plus a count of the statements it sends
 * (postgres-js `debug` hook), so a benchmark can report round trips per completion.
 */
export function createCountingDb(url: string, max: number): { database: Database; statements(): number } {
  let statements = 0;
  const client = postgres(url, {
    max,
    onnotice: () => {},
    debug: () => {
      statements++;
    },
  });
  const db = drizzle({ client, schema }) as unknown as Db;
  const database: Database = {
    kind: 'postgres',
    url,
    db,
    query: async <T>(statement: SQL) => (await db.execute(statement)) as unknown as T[],
    listen: async (channel, onPayload) => {
      const sub = await client.listen(channel, onPayload);
      return () => sub.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
  return { database, statements: () => statements };
}
