import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type Database, migrateDb } from '../db/client.ts';

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database when DATABASE_URL is
 * set (dropped afterwards), else an in-memory PGlite restored from a migrated snapshot (initdb in
 * WASM takes seconds; restoring the snapshot takes a fraction of that).
 */
export interface TestDatabase {
  database: Database;
  /** Connection URL of the test database (PostgreSQL only), for tests that spawn servers. */
  url?: string;
  drop(): Promise<void>;
}

let snapshot: Promise<Blob> | undefined;

async function createPgliteSnapshot(): Promise<Blob> {
  const db = await createDb({ kind: 'pglite' });
  await migrateDb(db);
  // biome-ignore lint/suspicious/noExplicitAny: PGlite client behind drizzle
  const blob = (await (db.db as any).$client.dumpDataDir('none')) as Blob;
  await db.close();
  return blob;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    snapshot ??= createPgliteSnapshot();
    const database = await createDb({ kind: 'pglite', loadDataDir: await snapshot });
    return { database, drop: () => database.close() };
  }
  const name = `alur_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Ten connections per test database: two test files at once stay far below max_connections.
  const database = await createDb({ kind: 'postgres', url: url.toString(), max: 10 });
  await migrateDb(database);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
