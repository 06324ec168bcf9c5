import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The full-size reliability runs (ALUR_LONG=1: 2,000 transitions across killed processes) get
    // room for a slow or busy machine; a hang still fails, later.
    testTimeout: process.env.ALUR_LONG === '1' ? 300_000 : 60_000,
    hookTimeout: 120_000,
    // Database-backed test files each create their own database; keep the 2-core CI unsaturated.
    maxWorkers: 2,
  },
});
