#!/usr/bin/env node
// Browser tests: starts one Alur server (embedded PGlite in a fresh temp dir, demo data) on a free
// loopback port, runs the vitest suite in e2e/ against it, and always stops the server.
// It builds nothing: CI builds the apps before this step (`npm run build`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_TIMEOUT_MS = 180_000;

/** Asks the OS for a free port on the loopback interface. */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Polls /healthz until the server answers, the process dies, or the timeout passes. */
async function waitForHealth(baseUrl, server) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited early with code ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    // Poll interval while the server initialises PGlite and loads the demo data.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer /healthz within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

/** Starts the server process; its output goes to ours with a prefix so failures can be read in CI. */
function startServer(port, dataDir) {
  const env = { ...process.env, PORT: String(port), ALUR_DATA_DIR: dataDir, ALUR_DEMO: '1' };
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/api/src/main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => `[server] ${l}\n`)
      .join('');
  server.stdout.on('data', (c) => process.stdout.write(prefix(c)));
  server.stderr.on('data', (c) => process.stderr.write(prefix(c)));
  return server;
}

/** Stops the server: SIGTERM, then SIGKILL if it has not gone after a few seconds. */
async function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const gone = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(timer);
}

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
  if (!existsSync(process.env.ALUR_CHROMIUM ?? '/usr/bin/chromium')) {
    console.error('e2e: /usr/bin/chromium is missing (apt-get install -y chromium)');
    return 1;
  }
  mkdirSync(join(root, 'artifacts/e2e'), { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'alur-e2e-'));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const server = startServer(port, dataDir);
  const onSignal = () => void stopServer(server).finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await waitForHealth(baseUrl, server);
    console.log(`e2e: server ready at ${baseUrl} in ${Date.now() - started} ms`);
    return await runVitest(baseUrl, process.argv.slice(2));
  } catch (error) {
    console.error(`e2e: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
