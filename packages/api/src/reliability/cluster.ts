import type { SopDocument } from '@alur/schema';
import { afterAll, beforeAll } from 'vitest';
import { createScratchDb, type ScratchDb, type SeededStore, seedPostgres } from './fixtures.ts';
import type { ServerProcess } from './processes.ts';

/**
 * DATABASE_URL, or undefined after saying why the reliability test `file` needs several
 * connections to one real PostgreSQL (PGlite is one connection in one process) and does not run.
 */
export function realPostgres(file: string, why: string): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url) console.info(`[reliability/${file}] not run: ${why} Set DATABASE_URL to run it.`);
  return url;
}

/** A scratch database seeded with one SOP, and the server processes a test starts on it. */
export interface SeededCluster {
  /** The scratch database's URL, for the servers' DATABASE_URL. */
  readonly url: string;
  readonly store: SeededStore;
  /** Server processes the test started; all are stopped after the file's tests. */
  servers: ServerProcess[];
}

/**
 * Call inside a `describe`: before its tests, a scratch database on the server of `adminUrl`
 * seeded with the demo agency and `doc` published; after them, the servers stopped, the store
 * closed and the database dropped.
 */
export function useSeededCluster(adminUrl: string | undefined, doc: () => SopDocument): SeededCluster {
  let scratch: ScratchDb | undefined;
  let store: SeededStore | undefined;
  const cluster: SeededCluster = {
    servers: [],
    get url() {
      if (!scratch) throw new Error('the scratch database is not created yet (use it in a hook or test)');
      return scratch.url;
    },
    get store() {
      if (!store) throw new Error('the store is not seeded yet (use it in a hook or test)');
      return store;
    },
  };
  beforeAll(async () => {
    scratch = await createScratchDb(adminUrl!);
    store = await seedPostgres(scratch.url, doc());
  });
  afterAll(async () => {
    await Promise.all(cluster.servers.map((s) => s.stop()));
    await store?.close();
    await scratch?.drop();
  });
  return cluster;
}
