import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The full-size reliability runs (ALUR_LONG=1: 2,000 transitions across killed processes) get
    // room for a slow or busy machine; a hang still fails, later.
    testTimeout: process.env.ALUR_LONG === '1' ? 300_000 : 60_000,
    hookTimeout: 120_000,
    // Database-backed test files each create their own database; keep the 2-core CI unsaturated.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'api',
          exclude: [...configDefaults.exclude, 'src/reliability/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Each reliability file starts several server processes (3 × a pool of 10 connections,
        // plus its own store of 20) and some kill them: two at once pass PostgreSQL's
        // max_connections (100) and slow each other past their deadlines. They run after the
        // others, one file at a time.
        extends: true,
        test: {
          name: 'reliability',
          include: ['src/reliability/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
