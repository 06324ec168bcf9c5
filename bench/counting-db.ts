import { createDb, type Database } from '../packages/api/src/db/client.ts';

/**
 * The same PostgreSQL `Database` as the server opens, plus a count of the statements it sends
 * (postgres-js `debug` hook), so a benchmark can report statements per completion.
 */
export async function createCountingDb(
  url: string,
  max: number,
): Promise<{ database: Database; statements(): number }> {
  let statements = 0;
  const database = await createDb({
    kind: 'postgres',
    url,
    max,
    onStatement: () => {
      statements++;
    },
  });
  return { database, statements: () => statements };
}
