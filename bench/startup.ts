import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, REPO_ROOT } from '../packages/api/src/reliability/processes.ts';
import { emit, note, QUICK } from './lib.ts';

/*
 * startup.ms: what `npm start` runs when the apps are built (the compiled server, node
 * packages/api/dist/main.js, embedded PGlite, demo mode) on an empty data dir, from spawn to the
 * first 200 from /healthz. Also the restart on the now existing dir (startup.reopen_ms).
 * scripts/bench.mjs builds the bundle and the PGlite template first.
 */
async function timeStartup(dataDir: string): Promise<number> {
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ALUR_DATA_DIR: dataDir,
    ALUR_DEMO: '1',
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'packages/api/dist/main.js')], {
    cwd: REPO_ROOT,
    env,
    stdio: 'ignore',
  });
  try {
    while (performance.now() - started < 120_000) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no healthy /healthz within 120 s');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main() {
  const runs = QUICK ? 1 : 3;
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'alur-startup-'));
    try {
      cold.push(await timeStartup(join(dir, 'data')));
      warm.push(await timeStartup(join(dir, 'data')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  emit('startup.ms', median(cold), 'ms', { runs, store: 'pglite', demo: true, all: cold.map(Math.round) });
  emit('startup.reopen_ms', median(warm), 'ms', { runs, all: warm.map(Math.round) });
}

main().catch((error) => {
  note(String(error?.stack ?? error));
  process.exit(1);
});
