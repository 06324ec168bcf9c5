#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only engine-pg,http]`: runs each benchmark in bench/ in its own
// process, one after another (they would distort each other on two cores), and passes through
// their stdout: one JSON figure per line, {"name","value","unit",…}. Notes go to stderr.
// PostgreSQL: ALUR_BENCH_PG or DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test; each
// benchmark creates its own database there and drops it afterwards.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundleScript, ensureServerBuild } from '../packages/api/scripts/bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
const ALL = [
  'engine-pg',
  'engine-pglite',
  'http',
  'inbox-scale',
  'startup',
  'cli',
  'hostile',
  'designer',
  'files',
  'letters',
];
/**
 * The engine benchmarks drive the API's modules in their own process: they run compiled as the
 * server is (`bundleScript`: esbuild, the server's settings), since what they measure is the CPU of
 * the code the server runs. The rest run their TypeScript through tsx.
 */
const COMPILED = new Set(['engine-pg', 'engine-pglite']);
// The designer benchmark drives Chromium from plain JavaScript (bench/designer/run.mjs).
const entry = async (bench) => {
  if (bench === 'designer') return [join(root, 'bench', 'designer', 'run.mjs')];
  const source = join(root, 'bench', `${bench}.ts`);
  if (COMPILED.has(bench)) return [await bundleScript(source, `bench-${bench}`)];
  return ['--import', 'tsx', source];
};
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const chosen = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : ALL;
const unknown = chosen.filter((b) => !ALL.includes(b));
if (unknown.length) {
  console.error(
    `Benchmark tidak dikenal / unknown benchmark: ${unknown.join(', ')} (ada: ${ALL.join(', ')})`,
  );
  process.exit(2);
}
// Passed to every benchmark: `--quick`, `--keep` (keep a generated database for the next run) and
// `--size N` (inbox-scale: N tasks); a benchmark ignores what it does not use.
const pass = [];
if (args.includes('--quick')) pass.push('--quick');
if (args.includes('--keep')) pass.push('--keep');
const sizeAt = args.indexOf('--size');
if (sizeAt >= 0) pass.push('--size', args[sizeAt + 1] ?? '');
// startup, cli and designer run the compiled server and CLI, as users do.
if (chosen.some((b) => ['startup', 'cli', 'designer'].includes(b))) await ensureServerBuild();
let failed = 0;
for (const bench of chosen) {
  process.stderr.write(`[bench] ${bench}${pass.length ? ` (${pass.join(' ')})` : ''}\n`);
  const r = spawnSync(process.execPath, [...(await entry(bench)), ...pass], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 30 * 60_000,
  });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`[bench] ${bench} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exit(failed ? 1 : 0);
