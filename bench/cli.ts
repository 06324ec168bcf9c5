import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../packages/api/src/reliability/processes.ts';
import { emit, note, QUICK } from './lib.ts';

/*
 * cli.validate_ms: one `alur validate seeds/tegal-lakip.json` through the real bin (the compiled
 * CLI, packages/api/bin/alur.mjs), from spawn to exit; the median of several runs after one
 * warm-up run (which rebuilds the bundle if a source changed). `node_ms` beside it is a bare
 * `node -e 0` measured the same way, the floor any Node CLI pays on this machine.
 */
function timeRun(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function main() {
  const runs = QUICK ? 5 : 15;
  const validate = [join(REPO_ROOT, 'packages/api/bin/alur.mjs'), 'validate', 'seeds/tegal-lakip.json'];
  timeRun(validate);
  const cli: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    cli.push(timeRun(validate));
    bare.push(timeRun(['-e', '0']));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  emit('cli.validate_ms', median(cli), 'ms', {
    runs,
    min: Math.round(Math.min(...cli)),
    node_ms: Math.round(median(bare)),
  });
}

try {
  main();
} catch (error) {
  note(String((error as Error)?.stack ?? error));
  process.exit(1);
}
