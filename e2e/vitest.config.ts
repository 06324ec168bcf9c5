import { defineConfig } from 'vitest/config';

// Browser tests share one server and one machine with 2 cores: one file at a time, generous timeouts.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    retry: 0,
    reporters: ['default'],
  },
});
