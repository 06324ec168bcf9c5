#!/usr/bin/env node
// Interleaved A/B first starts of two or more builds of the server, for a shared machine where one
// wall-clock run means little (#16). Each build is a directory laid out like packages/api, inside
// packages/ so that the repository root and node_modules are found as from packages/api:
//
//   mkdir -p packages/alt-A/dist && cp packages/api/dist/*.js packages/alt-A/dist/
//   ln -s ../api/drizzle packages/alt-A/drizzle
//   for f in pglite-template pglite-template.stamp pglite-demo-template pglite-demo-template.stamp; do
//     ln -s ../../api/dist/$f packages/alt-A/dist/$f; done
//
// (`dist/` is ignored by git and by the linter.) Then, after changing and rebuilding packages/api:
//
//   node bench/startup-ab.mjs [--rounds 8] [--reopen] alt-A api ['api@--node-flag'] ['api%ENV=value']
//
// Each round starts every build once on an empty data dir (demo mode, as bench/startup.ts does:
// spawn to the first 200 from /healthz), in alternating order; `--reopen` restarts each on its
// now existing dir too. Per start: wall ms; the process's CPU (user and system, all threads) and
// the main thread's, from /proc at that moment; minor page faults; the load average.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [value] = args.splice(i, name === '--reopen' ? 1 : 2).slice(1);
  return value ?? true;
};
const rounds = Number(flag('--rounds') ?? 8);
const reopen = flag('--reopen') === true;
const builds = args;
if (builds.length === 0) {
  console.error('usage: node bench/startup-ab.mjs [--rounds N] [--reopen] build… (see the header)');
  process.exit(2);
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** user, system (ms) and minor faults of a process or one of its threads, from /proc (USER_HZ = 100). */
function readStat(path) {
  const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) * 10, sys: Number(fields[12]) * 10, minflt: Number(fields[7]) };
}

async function start(build, dataDir) {
  const [spec, envs] = build.split('%');
  const [name, nodeFlags] = spec.split('@');
  const env = { ...process.env, PORT: String(await freePort()), ALUR_DATA_DIR: dataDir, ALUR_DEMO: '1' };
  delete env.DATABASE_URL;
  for (const pair of envs ? envs.split(',') : []) {
    const [k, v] = pair.split('=');
    env[k] = v;
  }
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [...(nodeFlags ? nodeFlags.split(' ') : []), join(ROOT, 'packages', name, 'dist/main.js')],
    { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
        if (res.status === 200) {
          const ms = Math.round(performance.now() - t0);
          const all = readStat(`/proc/${child.pid}/stat`);
          const main = readStat(`/proc/${child.pid}/task/${child.pid}/stat`);
          return {
            ms,
            cpu: all.user + all.sys,
            sys: all.sys,
            minflt: all.minflt,
            main: main.user + main.sys,
          };
        }
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 120_000) throw new Error(`${build}: no healthy /healthz within 120 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const results = Object.fromEntries(builds.map((b) => [b, { first: [], again: [] }]));
const show = (r) => `${r.ms} ms, cpu ${r.cpu} (sys ${r.sys}, main thread ${r.main}), minflt ${r.minflt}`;
for (let round = 0; round < rounds; round++) {
  for (const build of round % 2 ? [...builds].reverse() : builds) {
    const dir = mkdtempSync(join(tmpdir(), 'alur-startup-ab-'));
    try {
      const first = await start(build, join(dir, 'data'));
      results[build].first.push(first);
      let line = `${round} ${build}: ${show(first)}`;
      if (reopen) {
        const again = await start(build, join(dir, 'data'));
        results[build].again.push(again);
        line += ` | reopen ${show(again)}`;
      }
      console.log(`${line} | load ${loadavg()[0].toFixed(2)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const build of builds) {
  for (const kind of reopen ? ['first', 'again'] : ['first']) {
    const runs = results[build][kind];
    console.log(
      `${build} ${kind === 'first' ? 'first start' : 'reopen'}: median ${median(runs.map((r) => r.ms))} ms,` +
        ` cpu ${median(runs.map((r) => r.cpu))}, main thread ${median(runs.map((r) => r.main))};` +
        ` all ${runs.map((r) => r.ms).join(', ')}`,
    );
  }
}
