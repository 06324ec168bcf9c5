import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root, where `node --import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SERVE = fileURLToPath(new URL('./serve-process.ts', import.meta.url));
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface ServerProcess {
  base: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stderr (for diagnosing a failed test). */
  stderr(): string;
  /** SIGKILL: no shutdown hook runs, open transactions are cut off mid-flight. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A port free on 127.0.0.1 right now (main.ts logs the port it was given, so 0 will not do). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a server process (`serve-process.ts` by default, or main.ts with `entry: 'main'`) and
 * resolves once it listens. Bounded: rejects after `timeoutMs`.
 */
export async function startServerProcess(options: {
  env: Record<string, string | undefined>;
  port?: number;
  entry?: 'serve' | 'main';
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const entry = options.entry === 'main' ? MAIN : SERVE;
  const wanted = options.port ?? (options.entry === 'main' ? await findFreePort() : 0);
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, PORT: String(wanted) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => {
    err = (err + String(d)).slice(-20_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.timeoutMs ?? 30_000} ms: ${err}`));
    }, options.timeoutMs ?? 30_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /ALUR_READY (\d+)|http:\/\/localhost:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1] ?? m[2]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${err}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    stderr: () => err,
    async kill9() {
      child.kill('SIGKILL');
      await waitForExit(child);
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await waitForExit(child);
      clearTimeout(timer);
    },
  };
}
