import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import {
  buildChainDoc,
  callTrpc,
  createScratchDb,
  createSessionCookie,
  seedPostgres,
  startCases,
} from '../packages/api/src/reliability/fixtures.ts';
import { startServerProcess } from '../packages/api/src/reliability/processes.ts';
import { emit, note, PG_ADMIN_URL } from './lib.ts';

/*
 * Soak (not in CI): `node --import tsx bench/soak.ts --minutes 10`. Mixed load on one server
 * process over loopback for N minutes (default 2, at most 120): completions, inbox reads, case
 * starts, 8 requests in flight. Samples the server's RSS every 5 s and counts errors; prints whether
 * memory stayed flat (last third's median within 20% of the second third's, after warm-up).
 */
const at = process.argv.indexOf('--minutes');
const MINUTES = Math.min(120, Math.max(0.2, Number(at >= 0 ? process.argv[at + 1] : 2)));

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function main() {
  const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_soak');
  const store = await seedPostgres(scratch.url, buildChainDoc(40), 4);
  const server = await startServerProcess({ env: { DATABASE_URL: scratch.url } });
  try {
    await startCases(store, 8);
    const cookie = await createSessionCookie(store.deps.database, await store.userId('kasi'));
    const samples: number[] = [];
    let errors = 0;
    let requests = 0;
    const end = Date.now() + MINUTES * 60_000;
    const sampler = setInterval(() => samples.push(rssMb(server.child.pid!)), 5_000);
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        while (Date.now() < end) {
          const [task] = await store.deps.database.query<{ id: string }>(
            sql`select id from tasks where status = 'open' order by random() limit 1`,
          );
          const calls = [
            callTrpc(server.base, cookie, 'task.inbox', {}, 'query'),
            task ? callTrpc(server.base, cookie, 'task.complete', { taskId: task.id }) : null,
            w === 0
              ? callTrpc(server.base, cookie, 'case.start', { sopId: store.sopId, title: 'Soak' })
              : null,
          ].filter(Boolean);
          for (const answer of await Promise.all(calls)) {
            requests++;
            // 409 is a lost race between workers on the same random task: expected, not an error.
            if (answer!.status !== 200 && answer!.status !== 409) errors++;
          }
        }
      }),
    );
    clearInterval(sampler);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const middle = median(samples.slice(third, 2 * third));
    const last = median(samples.slice(-third));
    const flat = last <= middle * 1.2;
    emit('soak.requests', requests, 'requests', { minutes: MINUTES });
    emit('soak.errors', errors, 'errors');
    emit('soak.rss_mb_start', samples[0] ?? Number.NaN, 'MB');
    emit('soak.rss_mb_end', samples.at(-1) ?? Number.NaN, 'MB');
    note(`RSS samples (MB): ${samples.map((s) => Math.round(s)).join(' ')}`);
    note(
      flat
        ? `memory stayed flat (${Math.round(middle)} → ${Math.round(last)} MB)`
        : `memory grew: ${Math.round(middle)} → ${Math.round(last)} MB`,
    );
    if (!flat || errors > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await store.close();
    await scratch.drop();
  }
}

main().catch((error) => {
  note(String(error?.stack ?? error));
  process.exit(1);
});
