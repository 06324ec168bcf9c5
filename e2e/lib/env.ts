import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The server under test, set by e2e/run.mjs. */
export function readBaseUrl(): string {
  const url = process.env.ALUR_E2E_BASE_URL;
  if (!url) throw new Error('ALUR_E2E_BASE_URL is not set: run the suite with `npm run test:e2e`');
  return url.replace(/\/$/, '');
}

/** Where screenshots go (gitignored; CI keeps the folder as an artifact). */
export function resolveArtifactDir(): string {
  const dir = fileURLToPath(new URL('../../artifacts/e2e/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The demo users' password (packages/api/src/services/demo.ts). */
export const DEMO_PASSWORD = 'alur-demo';
