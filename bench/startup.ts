import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
/** CPU time (user + system, all threads) a live process has used so far, in ms (USER_HZ = 100). */
function readProcessCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Time from spawn to the first healthy /healthz, and the CPU the server used to get there. */
async function timeStartup(dataDir: string): Promise<{ ms: number; cpuMs: number }> {
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
        if (res.status === 200)
          return { ms: performance.now() - started, cpuMs: readProcessCpuMs(child.pid!) };
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
  const cold: { ms: number; cpuMs: number }[] = [];
  const warm: { ms: number; cpuMs: number }[] = [];
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
  // cpu_ms: the server's own CPU time to that point (all its threads), which a busy machine
  // inflates far less than the wall-clock figure.
  emit('startup.ms', median(cold.map((r) => r.ms)), 'ms', {
    runs,
    store: 'pglite',
    demo: true,
    all: cold.map((r) => Math.round(r.ms)),
    cpu_ms: median(cold.map((r) => r.cpuMs)),
  });
  emit('startup.reopen_ms', median(warm.map((r) => r.ms)), 'ms', {
    runs,
    all: warm.map((r) => Math.round(r.ms)),
    cpu_ms: median(warm.map((r) => r.cpuMs)),
  });
}

main().catch((error) => {
  note(String(error?.stack ?? error));
  process.exit(1);
});
