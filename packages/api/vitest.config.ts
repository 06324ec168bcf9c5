import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Database-backed test files each create their own database; keep the 2-core CI unsaturated.
    maxWorkers: 2,
  },
});
