// The store's configuration, read from the environment. Kept apart from client.ts (which loads
// drizzle and the schema) so the server's entry can read it and start opening the store before
// the rest of the server's modules have loaded (head-start.ts).

export type DbConfig =
  | {
      kind: 'postgres';
      url: string;
      max?: number;
      /** Called once per statement sent (the benchmarks count round trips with it). */
      onStatement?: () => void;
    }
  /**
   * `dataDir` undefined = in memory (tests). `sharedBuffersMb`: PostgreSQL's buffer cache inside
   * PGlite's WASM heap (PGlite's default is 128 MB; `ALUR_PGLITE_SHARED_BUFFERS_MB`).
   */
  | {
      kind: 'pglite';
      dataDir?: string;
      loadDataDir?: Blob | File;
      sharedBuffersMb?: number;
      /**
       * Demo mode: a fresh data directory starts from the prepared demo (demo agency, users, SOPs
       * and their history; see scripts/make-pglite-template.ts) when it is current.
       */
      demo?: boolean;
    };

/** Chooses the store from the environment: DATABASE_URL → PostgreSQL, else embedded PGlite. */
export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  const buffers = Number(env.ALUR_PGLITE_SHARED_BUFFERS_MB ?? DEFAULT_PGLITE_SHARED_BUFFERS_MB);
  if (!Number.isInteger(buffers) || buffers < 1) {
    throw new Error(
      `ALUR_PGLITE_SHARED_BUFFERS_MB="${env.ALUR_PGLITE_SHARED_BUFFERS_MB}" tidak sah: harus bilangan bulat ≥ 1 (must be a whole number ≥ 1).`,
    );
  }
  return {
    kind: 'pglite',
    dataDir: env.ALUR_DATA_DIR ?? 'data',
    sharedBuffersMb: buffers,
    demo: env.ALUR_DEMO === '1' && env.ALUR_DEMO_HISTORY !== '0',
  };
}

/**
 * The embedded store's buffer cache. An office's database is small and the OS caches its files
 * as well: 16 MB instead of PGlite's 128 MB keeps about 100 MB out of an idle server.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS_MB = 16;

/**
 * PostgreSQL settings for embedded PGlite, after PGlite's own start parameters. PostgreSQL's
 * default 128 MB buffer pool lives in the WASM memory and is set up on every start (about two
 * thirds of PGlite's start-up CPU); one office's database is small and the OS page cache still
 * holds its files, so 16 MB is enough. PGlite is one backend, so fewer connection slots (10 still
 * leave the lock table thousands of entries, as it is sized with the autovacuum and WAL sender
 * slots too). Here, not in client.ts, because the server's entry opens the store with them before
 * client.ts is loaded (head-start.ts).
 */
export function pgliteSettings(config: { sharedBuffersMb?: number }): string[] {
  return [
    '-c',
    'max_connections=10',
    '-c',
    `shared_buffers=${config.sharedBuffersMb ?? DEFAULT_PGLITE_SHARED_BUFFERS_MB}MB`,
  ];
}
