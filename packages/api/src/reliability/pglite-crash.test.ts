import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../db/client.ts';
import { findStoreViolations } from './consistency.ts';
import { REPO_ROOT } from './processes.ts';

const LONG = process.env.ALUR_LONG === '1';
if (!LONG) {
  console.info(
    '[reliability/pglite-crash] not run: creating a file-backed PGlite data dir costs ~5 s of initdb ' +
      'in WASM plus the writer; run it with ALUR_LONG=1 (see docs/reliability.md).',
  );
}
const WRITER = fileURLToPath(new URL('./pglite-writer.ts', import.meta.url));

describe.runIf(LONG)('kill -9 of a process writing to the embedded PGlite store', () => {
  it('reopens the data dir with every reported commit present and every case consistent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alur-pglite-crash-'));
    const dataDir = join(dir, 'data');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
        cwd: REPO_ROOT,
        env: { ...process.env, ALUR_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const reported = await new Promise<number>((resolve, reject) => {
        let last = 0;
        const timer = setTimeout(() => reject(new Error('writer reported no commits in 90 s')), 90_000);
        child.stdout!.on('data', (d) => {
          const all = String(d).match(/COMMITTED (\d+)/g);
          if (all) last = Number(all.at(-1)!.split(' ')[1]);
          // Mid-stream, not at a quiet moment: the next transaction is already under way.
          if (last >= 150) {
            clearTimeout(timer);
            child.kill('SIGKILL');
            resolve(last);
          }
        });
        child.once('exit', () => resolve(last));
      });
      await new Promise((r) =>
        child.exitCode === null && child.signalCode === null ? child.once('exit', r) : r(null),
      );
      expect(reported).toBeGreaterThanOrEqual(150);

      const reopened = await createDb({ kind: 'pglite', dataDir });
      try {
        const [row] = await reopened.query<{ completed: number; events: number }>(sql`
          select (select count(*)::int from tasks where status = 'completed') as completed,
                 (select count(*)::int from audit_events where action = 'task.completed') as events`);
        // What the writer saw committed is there; at most the one in flight may have landed too.
        expect(row!.completed).toBeGreaterThanOrEqual(reported);
        expect(row!.completed).toBeLessThanOrEqual(reported + 1);
        expect(row!.events).toBe(row!.completed);
        expect(await findStoreViolations(reopened)).toEqual([]);
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
