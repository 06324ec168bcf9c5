import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** `--quick`: a short run (seconds per figure instead of tens of seconds). */
export const QUICK = process.argv.includes('--quick');
export const PG_ADMIN_URL =
  process.env.ALUR_BENCH_PG ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Prints one figure as a JSON line: `{"name","value","unit", …extra}`. */
export function emit(name: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
  console.log(JSON.stringify({ name, value: rounded, unit, ...extra }));
}

/** Notes for humans go to stderr so stdout stays one JSON figure per line. */
export function note(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs a command to completion and returns its stdout; rejects on a non-zero exit or timeout. */
export function run(cmd: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`));
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Connection flags for psql/pgbench from a postgres:// URL. */
export function pgFlags(url: string): string[] {
  const u = new URL(url);
  return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
}
export function dbName(url: string): string {
  return new URL(url).pathname.slice(1);
}

/**
 * Busy CPU time of the whole machine so far, in ms (Linux /proc/stat; USER_HZ = 100). The
 * difference over a run, less the benchmark's own `process.cpuUsage()`, is what PostgreSQL (and
 * any other process) spent: the benchmarks use it to split the cost of a completion.
 */
export function machineBusyMs(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [, user, nice, system, , , irq, softirq, steal] = cpu!.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10;
}
