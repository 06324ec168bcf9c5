import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../packages/api/src/reliability/processes.ts';
import { emit, note, QUICK } from './lib.ts';

/*
 * cli.validate_ms: one `alur validate seeds/tegal-lakip.json` through the real bin (the compiled
 * CLI, packages/api/bin/alur.mjs), from spawn to exit; the median of several runs after one
 * warm-up run (which rebuilds the bundle if a source changed). `node_ms` beside it is a bare
 * `node -e 0` measured the same way, the floor any Node CLI pays on this machine.
 */
/** CPU time of this process's finished children so far (cutime + cstime), in ms (USER_HZ = 100). */
function readChildrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** Wall time of one run from spawn to exit, and the CPU time the child used. */
function timeRun(args: string[]): { ms: number; cpuMs: number } {
  const cpuBefore = readChildrenCpuMs();
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, cpuMs: readChildrenCpuMs() - cpuBefore };
}

function main() {
  const runs = QUICK ? 5 : 15;
  const validate = [join(REPO_ROOT, 'packages/api/bin/alur.mjs'), 'validate', 'seeds/tegal-lakip.json'];
  timeRun(validate);
  const cli: { ms: number; cpuMs: number }[] = [];
  const bare: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    cli.push(timeRun(validate));
    bare.push(timeRun(['-e', '0']));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // cpu_ms: the CLI process's own CPU time, which a busy machine inflates less than wall time.
  emit('cli.validate_ms', median(cli.map((r) => r.ms)), 'ms', {
    runs,
    min: Math.round(Math.min(...cli.map((r) => r.ms))),
    cpu_ms: median(cli.map((r) => r.cpuMs)),
    node_ms: Math.round(median(bare.map((r) => r.ms))),
    node_cpu_ms: median(bare.map((r) => r.cpuMs)),
  });
}

try {
  main();
} catch (error) {
  note(String((error as Error)?.stack ?? error));
  process.exit(1);
}
