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
export function run(
  cmd: string,
  args: string[],
  opts: { input?: string; timeoutMs?: number; onSpawn?: (pid: number) => void } = {},
) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
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

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; null once it has
 * gone. Used to charge PostgreSQL's backends by pid, so other work on the machine does not count.
 */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") "; utime and stime are the
    // 14th and 15th fields of the line, the 12th and 13th after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Follows the CPU time of a changing set of processes (PostgreSQL backends that come and go, a
 * pgbench client): `sample` reads each pid's CPU and keeps the last value seen, so a process that
 * exits still counts up to its last sample; `totalMs` is the growth since each was first seen
 * (`baseline` sets the starting values of processes that were already running).
 */
export function cpuTracker() {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  return {
    baseline(pids: number[]) {
      for (const pid of pids) {
        const ms = processCpuMs(pid);
        if (ms !== null) first.set(pid, ms);
      }
    },
    sample(pids: number[]) {
      for (const pid of pids) {
        const ms = processCpuMs(pid);
        if (ms === null) continue;
        if (!first.has(pid)) first.set(pid, 0);
        last.set(pid, ms);
      }
    },
    totalMs() {
      let total = 0;
      for (const [pid, ms] of last) total += ms - (first.get(pid) ?? 0);
      return total;
    },
  };
}
