#!/usr/bin/env node
// Browser tests: starts one Alur server (embedded PGlite in a fresh temp dir, demo data) on a free
// loopback port, runs the vitest suite in e2e/ against it, and always stops the server.
// It builds nothing: CI builds the apps before this step (`npm run build`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from './lib/chromium.mjs';
import { startTestServer } from './lib/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function runVitest(baseUrl, extraArgs) {
  return new Promise((resolve) => {
    const vitest = spawn(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', 'e2e', ...extraArgs],
      { cwd: root, env: { ...process.env, ALUR_E2E_BASE_URL: baseUrl }, stdio: 'inherit' },
    );
    vitest.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const missing = ['runtime', 'designer'].filter(
    (app) => !existsSync(join(root, 'apps', app, 'dist', 'index.html')),
  );
  if (missing.length > 0) {
    console.error(`e2e: build the apps first (npm run build); missing apps/${missing.join(', apps/')}/dist`);
    return 1;
  }
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`e2e: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
    return 1;
  }
  mkdirSync(join(root, 'artifacts/e2e'), { recursive: true });
  let server;
  try {
    server = await startTestServer({ log: (line) => process.stdout.write(`[server] ${line}\n`) });
    return await runVitest(server.baseUrl, process.argv.slice(2));
  } catch (error) {
    console.error(`e2e: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    await server?.stop();
  }
}

process.exitCode = await main();
