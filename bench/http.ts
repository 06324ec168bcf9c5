import { sql } from 'drizzle-orm';
import {
  buildChainDoc,
  callTrpc,
  createScratchDb,
  createSessionCookie,
  seedPostgres,
  startCases,
} from '../packages/api/src/reliability/fixtures.ts';
import { type ServerProcess, startServerProcess } from '../packages/api/src/reliability/processes.ts';
import { emit, note, PG_ADMIN_URL, percentile, QUICK } from './lib.ts';

/*
 * HTTP: three server processes (packages/api/src/main.ts, as `npm start` runs it) on one
 * PostgreSQL database; a bounded client on loopback completes tasks through `task.complete`
 * with at most CONCURRENCY requests in flight, each client owning its cases.
 */
const SECONDS = QUICK ? 4 : 15;
const CONCURRENCY = 24;
const CHAIN = 40;

async function main() {
  const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_bench_http');
  const store = await seedPostgres(scratch.url, buildChainDoc(CHAIN), 4);
  const servers: ServerProcess[] = [];
  try {
    const cases = await startCases(store, CONCURRENCY * Math.ceil((SECONDS * 150) / CHAIN / CONCURRENCY + 1));
    const open = new Map(
      (
        await store.deps.database.query<{ case_id: string; id: string }>(
          sql`select case_id, id from tasks where status = 'open'`,
        )
      ).map((r) => [r.case_id, r.id]),
    );
    const kasi = await store.userId('kasi');
    const cookies = await Promise.all(
      Array.from({ length: CONCURRENCY }, () => createSessionCookie(store.deps.database, kasi)),
    );
    for (let i = 0; i < 3; i++) {
      servers.push(await startServerProcess({ entry: 'main', env: { DATABASE_URL: scratch.url } }));
    }
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const perClient = Math.floor(cases.length / CONCURRENCY);
    await Promise.all(
      cookies.map(async (cookie, c) => {
        for (const caseId of cases.slice(c * perClient, (c + 1) * perClient)) {
          let taskId = open.get(caseId);
          while (taskId && performance.now() < deadline) {
            const s = performance.now();
            const answer = await callTrpc(servers[c % 3]!.base, cookie, 'task.complete', { taskId });
            latencies.push(performance.now() - s);
            if (answer.status !== 200) {
              errors++;
              break;
            }
            taskId = answer.body.result.data.openTasks[0]?.id;
          }
          if (performance.now() >= deadline) return;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    emit('http.completions_per_s', (latencies.length - errors) / elapsed, 'completions/s', {
      processes: 3,
      concurrency: CONCURRENCY,
      errors,
    });
    emit('http.p50_ms', percentile(latencies, 50), 'ms');
    emit('http.p95_ms', percentile(latencies, 95), 'ms');
    emit('http.p99_ms', percentile(latencies, 99), 'ms');
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await store.close();
    await scratch.drop();
  }
}

main().catch((error) => {
  note(String(error?.stack ?? error));
  process.exit(1);
});
