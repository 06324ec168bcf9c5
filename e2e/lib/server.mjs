// One Alur server for browser tests and the designer benchmark: embedded PGlite in a fresh temp
// dir, demo data, a free loopback port. Shared by e2e/run.mjs and bench/designer/run.mjs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePath, ensureBundle } from '../../packages/api/scripts/bundle.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
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

/**
 * Starts the compiled server, as `npm start` runs it (the browser tests check what users get); its
 * output goes to ours with a prefix so failures can be read in CI.
 */
function spawnServer(port, dataDir, log, demo) {
  const env = { ...process.env, PORT: String(port), ALUR_DATA_DIR: dataDir, ALUR_DEMO: demo ? '1' : '0' };
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, [bundlePath('main')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line) log(line);
  };
  server.stdout.on('data', forward);
  server.stderr.on('data', forward);
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

/**
 * Starts the server (in demo mode unless `demo: false`) and waits for /healthz. Returns its base URL and `stop()`, which ends the process
 * and removes the data dir; Ctrl+C or SIGTERM of this process stops it too.
 */
export async function startTestServer({ log = () => {}, demo = true } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'alur-e2e-'));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  // `npm run build` made the bundle; a source edited since is bundled again (about a second).
  await ensureBundle();
  const server = spawnServer(port, dataDir, log, demo);
  const stop = async () => {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`ready at ${baseUrl} in ${Date.now() - started} ms`);
  return { baseUrl, stop };
}
