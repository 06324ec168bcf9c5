import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { loadSessionUser, type SessionUser } from '../packages/api/src/auth/sessions.ts';
import { tasks } from '../packages/api/src/db/schema.ts';
import {
  buildChainDoc,
  createScratchDb,
  type SeededStore,
  seedStore,
  startCases,
} from '../packages/api/src/reliability/fixtures.ts';
import { actOnTask } from '../packages/api/src/services/task-commands.ts';
import { createCountingDb } from './counting-db.ts';
import { cpuTracker, dbName, emit, machineBusyMs, note, PG_ADMIN_URL, pgFlags, QUICK, run } from './lib.ts';

/*
 * engine.pg: task completions per second through the service layer the API uses (`actOnTask`:
 * a pipelined transaction with the case row FOR UPDATE and the case's tasks, the visibility
 * check, the pure `decide`, then the writes, NOTIFY and COMMIT together), against pgbench running
 * the bare SQL of one completion (update a task, insert the next, insert an audit event) on the
 * same server in the same run.
 */
const SECONDS = QUICK ? 3 : 10;
const CHAIN = 40;
const WORKER_COUNTS = [4, 16];
/** Set to a file name: a CPU profile of the Node side of the 4-worker run is written there. */
const CPU_PROFILE = process.env.ALUR_BENCH_CPU_PROF;

/*
 * PostgreSQL's CPU is charged by process: the backends connected to the database being measured
 * (found in pg_stat_activity through a separate monitoring connection), read from /proc. Other
 * work on the machine (other sessions' tests) does not count, unlike the machine-wide
 * `other_cpu_ms_per_completion`. WAL writer and checkpointer work is not charged to either side.
 */
const monitor = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });

async function backendPids(db: string): Promise<number[]> {
  const rows = await monitor<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = ${db} and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}

/** Runs `during` while sampling the CPU of `db`'s backends (and `extraPid()`, e.g. pgbench) every 50 ms. */
async function chargeCpu<T>(
  db: string,
  during: () => Promise<T>,
  extraPid: () => number | null = () => null,
): Promise<{ value: T; cpuMs: number }> {
  const tracker = cpuTracker();
  let pids = await backendPids(db);
  tracker.baseline(pids);
  let sampling = true;
  const sampler = (async () => {
    // The backends are looked up once a second (the pools keep their connections, so they do not
    // come and go) and read every 50 ms: a lookup is a query from this process, whose CPU is
    // charged to the completions, and one every 50 ms was ~3 % of it (CPU profile, #16).
    for (let n = 0; sampling; n++) {
      if (n > 0 && n % 20 === 0) pids = await backendPids(db);
      const extra = extraPid();
      tracker.sample([...pids, ...(extra === null ? [] : [extra])]);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    const value = await during();
    // Read at the end itself, not up to 50 ms before it.
    const extra = extraPid();
    tracker.sample([...(await backendPids(db)), ...(extra === null ? [] : [extra])]);
    return { value, cpuMs: tracker.totalMs() };
  } finally {
    sampling = false;
    await sampler;
  }
}

/**
 * Untimed completions before each measured run: JIT, prepared statements, pool connections. Node's
 * CPU per completion keeps falling for the first ~3,000 completions (V8 still optimising the
 * engine's and the driver's functions: BENCHMARKS.md, #16 "warm-up"), so the full run warms up for
 * 8 s and measures the steady state a running server is in.
 */
const WARMUP_SECONDS = QUICK ? 2 : 8;
/**
 * Completions per second the cases are sized for: above any rate seen here, so that no worker runs
 * out of cases before its time is up (sized for 400/s before 2026-12-02 and 1,500/s until the case
 * cache, after which the engine did ~3,000/s here).
 */
const SIZED_FOR_PER_S = 5000;

async function measureEngine(store: SeededStore, user: SessionUser, workers: number, counter: () => number) {
  // Each worker owns its cases, as each pgbench client picks its own rows: no lock waits between them.
  const perWorker = Math.ceil((SECONDS * SIZED_FOR_PER_S) / CHAIN / workers) + 2;
  const warmPerWorker = Math.ceil((WARMUP_SECONDS * SIZED_FOR_PER_S) / CHAIN / workers) + 1;
  const caseIds = await startCases(store, (perWorker + warmPerWorker) * workers);
  // Statistics for the rows just made, as autovacuum keeps them on a running server: without them
  // the plans of a completion's statements depend on whether autovacuum happened to run before the
  // measurement (PostgreSQL's CPU per completion differed by up to 2x between runs, #16).
  await store.deps.database.query(sql`analyze`);
  const db = store.deps.database.db;
  const openTask = new Map<string, string>();
  for (const t of await db.select({ id: tasks.id, caseId: tasks.caseId, status: tasks.status }).from(tasks)) {
    if (t.status === 'open') openTask.set(t.caseId, t.id);
  }
  /** Each worker completes its cases' tasks one after another until `seconds` have passed. */
  const drive = async (cases: string[], per: number, seconds: number) => {
    let completions = 0;
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (const caseId of cases.slice(w * per, (w + 1) * per)) {
          let taskId = openTask.get(caseId);
          while (taskId && performance.now() < deadline) {
            const r = await actOnTask(store.deps, user, { taskId }, { type: 'task.complete' });
            completions++;
            taskId = r.openTasks[0]?.id;
          }
          if (performance.now() >= deadline) return;
        }
        // Its cases were all done before the time was up: the run measured fewer workers at the end.
        note(
          `engine.pg: worker ${w} of ${workers} ran out of cases ${((deadline - performance.now()) / 1000).toFixed(1)} s early`,
        );
      }),
    );
    return completions;
  };
  await drive(caseIds.slice(perWorker * workers), warmPerWorker, WARMUP_SECONDS);
  const profiler = CPU_PROFILE && workers === 4 ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const before = counter();
  const cpuBefore = process.cpuUsage();
  const busyBefore = machineBusyMs();
  const started = performance.now();
  const pg = await chargeCpu(dbName(store.deps.database.url!), () =>
    drive(caseIds.slice(0, perWorker * workers), perWorker, SECONDS),
  );
  const completions = pg.value;
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeMs = (cpu.user + cpu.system) / 1000;
  const busyMs = machineBusyMs() - busyBefore;
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(CPU_PROFILE!, JSON.stringify(profile));
    profiler.disconnect();
    note(`CPU profile of the 4-worker run written to ${CPU_PROFILE}`);
  }
  return {
    pgCpuMs: pg.cpuMs / Math.max(1, completions),
    serverCpuMs: (busyMs - nodeMs) / Math.max(1, completions),
    perSecond: completions / elapsed,
    statements: (counter() - before) / Math.max(1, completions),
    cpuMs: nodeMs / Math.max(1, completions),
  };
}

const PGBENCH_SCRIPT = `\\set n random(1, :ncases)
BEGIN;
UPDATE tasks t SET status = 'completed', completed_at = now(), completed_by = b.started_by
  FROM bench_cases b
  WHERE b.n = :n AND t.status = 'open'
    AND t.id = (SELECT id FROM tasks WHERE case_id = b.id ORDER BY created_at DESC LIMIT 1);
INSERT INTO tasks (id, case_id, agency_id, sop_id, node_id, kind, position_key, status, attempt, token, created_at, due_at)
  SELECT gen_random_uuid(), b.id, b.agency_id, b.sop_id, 'a2', 'activity', 'kasi', 'open', 1, 't', now(), now() + interval '1 hour'
  FROM bench_cases b WHERE b.n = :n;
INSERT INTO audit_events (agency_id, action, case_id, node_id, data, at)
  SELECT b.agency_id, 'task.completed', b.id, 'a1', '{}', now() FROM bench_cases b WHERE b.n = :n;
COMMIT;
`;

/** Runs a pgbench script with `workers` clients for SECONDS on `url`'s database; its tps. */
async function pgbenchTps(
  url: string,
  workers: number,
  script: string,
  extra: string[] = [],
): Promise<{ tps: number; cpuMs: number }> {
  let pid: number | null = null;
  const charged = await chargeCpu(
    dbName(url),
    () =>
      run(
        'pgbench',
        [
          ...pgFlags(url),
          '-n',
          '-M',
          'prepared',
          '-c',
          String(workers),
          '-j',
          '2',
          '-T',
          String(SECONDS),
          ...extra,
          '-f',
          script,
          dbName(url),
        ],
        { onSpawn: (p) => (pid = p) },
      ),
    () => pid,
  );
  const m = /tps = ([\d.]+)/.exec(charged.value);
  if (!m) throw new Error(`no tps in pgbench output: ${charged.value}`);
  const tps = Number(m[1]);
  // pgbench's client and its backends together, per transaction.
  return { tps, cpuMs: charged.cpuMs / (tps * SECONDS) };
}

async function measurePgbench(
  url: string,
  workers: number,
): Promise<{ tps: number; cpuMs: number; processCpuMs: number }> {
  const script = join(tmpdir(), `alur-bench-${process.pid}.sql`);
  writeFileSync(script, PGBENCH_SCRIPT);
  const busyBefore = machineBusyMs();
  const { tps, cpuMs } = await pgbenchTps(url, workers, script, ['-D', 'ncases=1000']).finally(() =>
    rmSync(script, { force: true }),
  );
  // Machine-wide (pgbench, PostgreSQL and anything else running), and by process.
  return { tps, cpuMs: (machineBusyMs() - busyBefore) / (tps * SECONDS), processCpuMs: cpuMs };
}

/**
 * The shared bare baseline (../shared/bench-baseline: five prepared statements per completion —
 * lock the open task, close it, insert the next, insert an audit event, touch the case), on its
 * own freshly loaded database of the same server, with `workers` pgbench clients.
 */
const BASELINE_DIR = join(process.cwd(), '..', 'shared', 'bench-baseline');

async function measureSharedBaseline(workers: number): Promise<{ tps: number; cpuMs: number } | null> {
  if (!existsSync(join(BASELINE_DIR, 'complete_task.sql'))) {
    note(`shared baseline not found at ${BASELINE_DIR}: engine.pg.ratio.w${workers} not measured`);
    return null;
  }
  const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_bench_baseline');
  try {
    await run('psql', [
      ...pgFlags(scratch.url),
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      dbName(scratch.url),
      '-f',
      join(BASELINE_DIR, 'schema.sql'),
    ]);
    return await pgbenchTps(scratch.url, workers, join(BASELINE_DIR, 'complete_task.sql'));
  } finally {
    await scratch.drop();
  }
}

async function main() {
  const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_bench_engine');
  const counting = await createCountingDb(scratch.url, 16);
  const store = await seedStore(counting.database, buildChainDoc(CHAIN));
  try {
    const user = await loadSessionUser(store.deps.database.db, await store.userId('kasi'));
    await startCases(store, 1000);
    await store.deps.database.query(sql`
      create table bench_cases as
        select row_number() over (order by id)::int as n, id, agency_id, sop_id, started_by from cases`);
    await store.deps.database.query(sql`alter table bench_cases add primary key (n)`);
    const engine = new Map<number, Awaited<ReturnType<typeof measureEngine>>>();
    const baseline = new Map<number, Awaited<ReturnType<typeof measurePgbench>>>();
    type Shared = { tps: number; cpuMs: number };
    const shared = new Map<number, { before: Shared; after: Shared } | null>();
    for (const w of WORKER_COUNTS) {
      // The shared five-statement baseline right before and right after the engine's run.
      const before = await measureSharedBaseline(w);
      engine.set(w, await measureEngine(store, user, w, counting.statements));
      const after = await measureSharedBaseline(w);
      shared.set(w, before !== null && after !== null ? { before, after } : null);
      baseline.set(w, await measurePgbench(scratch.url, w));
    }
    let best = WORKER_COUNTS[0]!;
    for (const w of WORKER_COUNTS) {
      const e = engine.get(w)!;
      emit(`engine.pg.completions_per_s.w${w}`, e.perSecond, 'completions/s', { workers: w });
      emit(`engine.pg.sql_baseline_tps.w${w}`, baseline.get(w)!.tps, 'tps', { workers: w });
      emit(`engine.pg.statements_per_completion.w${w}`, e.statements, 'statements', { workers: w });
      emit(`engine.pg.node_cpu_ms_per_completion.w${w}`, e.cpuMs, 'ms', { workers: w });
      emit(`engine.pg.other_cpu_ms_per_completion.w${w}`, e.serverCpuMs, 'ms', { workers: w });
      emit(`engine.pg.pg_cpu_ms_per_completion.w${w}`, e.pgCpuMs, 'ms', { workers: w });
      const b = baseline.get(w)!;
      // Against the shared five-statement baseline (mean of the runs before and after).
      const five = shared.get(w);
      if (five) {
        const mean = (five.before.tps + five.after.tps) / 2;
        emit(`engine.pg.baseline5_tps.w${w}`, mean, 'tps', {
          workers: w,
          before: five.before.tps,
          after: five.after.tps,
        });
        emit(`engine.pg.ratio.w${w}`, e.perSecond / mean, 'ratio', {
          workers: w,
          baseline: 'shared five-statement',
        });
        emit(`engine.pg.baseline5_cpu_ms_per_tx.w${w}`, (five.before.cpuMs + five.after.cpuMs) / 2, 'ms', {
          workers: w,
        });
      }
      // Stricter: against this repository's three-statement bare transaction on the real tables.
      emit(`engine.pg.ratio_strict.w${w}`, e.perSecond / b.tps, 'ratio', { workers: w });
      emit(`engine.pg.sql_baseline_cpu_ms_per_tx.w${w}`, b.cpuMs, 'ms', { workers: w });
      // The bare transaction's CPU by process (pgbench and its backends), and a completion's
      // PostgreSQL and Node CPU against it (targets of #16: ≤ 1.5 and ≤ 0.5).
      emit(`engine.pg.bare_cpu_ms_per_tx.w${w}`, b.processCpuMs, 'ms', { workers: w });
      emit(`engine.pg.pg_cpu_ratio.w${w}`, e.pgCpuMs / b.processCpuMs, 'ratio', { workers: w });
      emit(`engine.pg.node_cpu_ratio.w${w}`, e.cpuMs / b.processCpuMs, 'ratio', { workers: w });
      if (e.perSecond > engine.get(best)!.perSecond) best = w;
    }
    emit('engine.pg.completions_per_s', engine.get(best)!.perSecond, 'completions/s', { workers: best });
    emit('engine.pg.sql_baseline_tps', baseline.get(best)!.tps, 'tps', { workers: best });
    emit('engine.pg.ratio_strict', engine.get(best)!.perSecond / baseline.get(best)!.tps, 'ratio', {
      workers: best,
    });
  } finally {
    await store.close();
    await scratch.drop();
    await monitor.end({ timeout: 5 });
  }
}

main().catch((error) => {
  note(String(error?.stack ?? error));
  process.exit(1);
});
