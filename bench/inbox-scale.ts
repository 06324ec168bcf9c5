import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { loadSessionUser } from '../packages/api/src/auth/sessions.ts';
import { createDb, type Database, migrateDb } from '../packages/api/src/db/client.ts';
import { sops, users } from '../packages/api/src/db/schema.ts';
import {
  buildChainDoc,
  callTrpc,
  createScratchDb,
  createSessionCookie,
  openDeps,
  type SeededStore,
  seedStore,
} from '../packages/api/src/reliability/fixtures.ts';
import { startServerProcess } from '../packages/api/src/reliability/processes.ts';
import { searchCases } from '../packages/api/src/services/case-search.ts';
import { listInbox } from '../packages/api/src/services/inbox.ts';
import { evaluate } from '../packages/api/src/services/reports.ts';
import { emit, note, PG_ADMIN_URL, percentile, QUICK } from './lib.ts';

/*
 * Inbox and evaluation at scale: 1,000,000 tasks over 100,000 cases (10 steps each, the last one
 * open), 40 positions, 5,000 users, each case with a case file (name, NIK, address), generated
 * with generate_series into a dedicated database. `--quick` generates a tenth; `--size N` N tasks
 * (a multiple of 10: 10000, 100000, 1000000 for the growth table). `--keep` keeps the generated
 * database (`alur_bench_inbox_<N>`) and reuses it on the next run with `--keep` at that size, so
 * the 1M-task data is generated once. Plans go to bench/out/inbox-plans.txt.
 */
const STEPS = 10;
const TASKS = sizeArg() ?? (QUICK ? 100_000 : 1_000_000);
const CASES = TASKS / STEPS;
const KEEP = process.argv.includes('--keep');
const POSITIONS = 40;
const USERS = 5_000;
const SAMPLES = QUICK ? 50 : 200;
/** Calls before measuring, not counted: caches filled, JIT warm (the server process is new). */
const WARMUP = 20;
/**
 * Calls a newly started server answers before its figures are taken: its CPU per request falls from
 * ~2.3 ms to ~1.0 ms over its first ~1,000 requests (V8 optimising; BENCHMARKS.md, #16 h-sess), and
 * a server in use is past that. What the first requests after a start cost is reported beside, as
 * `inbox.api.p95_ms.fresh` (the figure as measured before 2026-12-02 11:10 UTC).
 */
const SERVER_WARMUP = QUICK ? 300 : 1_000;
const FIRST = ['Sari', 'Budi', 'Siti', 'Agus', 'Dewi', 'Joko', 'Rina', 'Eko', 'Wati', 'Hadi'];
const LAST = ['Wulandari', 'Santoso', 'Hartono', 'Lestari', 'Saputra', 'Rahayu', 'Pratama', 'Kusuma'];

/** `--size N`: the number of tasks, a multiple of 10 between 1,000 and 10,000,000. */
function sizeArg(): number | null {
  const at = process.argv.indexOf('--size');
  if (at < 0) return null;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 1_000 || n > 10_000_000 || n % STEPS !== 0) {
    throw new Error(
      `--size ${process.argv[at + 1]}: a number of tasks, a multiple of ${STEPS} from 1000 to 10000000`,
    );
  }
  return n;
}

/**
 * A tRPC query over one kept-alive HTTP connection (node:http), as a browser keeps its connection
 * open: status and parsed JSON. Lighter on the client's CPU than `fetch` (undici), which on two
 * shared cores otherwise adds its own ~0.5–1 ms to each measured request (BENCHMARKS.md, #16).
 */
function keepAliveQuery(base: string, cookie: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const call = (path: string, input: unknown) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const url = `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
      const req = request(url, { agent, headers: { cookie, 'x-alur-csrf': '1' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  return { call, close: () => agent.destroy() };
}

/** Runs `call` SAMPLES times one after another; the wall time of each, in ms. */
async function sample(call: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * The benchmark's database: a new scratch one (dropped at the end), or with `--keep` the kept one
 * of this size, reused when a previous run finished generating it (the `bench_inbox_ready` table).
 */
async function openBenchDb(): Promise<{ url: string; reused: boolean; drop(): Promise<void> }> {
  if (!KEEP) {
    const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_bench_inbox');
    return { url: scratch.url, reused: false, drop: () => scratch.drop() };
  }
  const name = `alur_bench_inbox_${TASKS}`;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists) {
      const kept = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const [ready] = await kept`select to_regclass('bench_inbox_ready') is not null as ok`;
      await kept.end({ timeout: 5 });
      if (ready?.ok) return { url: url.toString(), reused: true, drop: async () => {} };
      // An interrupted generation: start over.
      await admin.unsafe(`drop database ${name} with (force)`);
    }
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return { url: url.toString(), reused: false, drop: async () => {} };
}

/** An already generated database: migrated to the current schema, its agency and SOP found. */
async function openKeptStore(database: Database): Promise<SeededStore> {
  await migrateDb(database);
  const deps = await openDeps(database);
  const [sop] = await database.db.select({ id: sops.id, agencyId: sops.agencyId }).from(sops).limit(1);
  return {
    deps,
    agencyId: sop!.agencyId,
    sopId: sop!.id,
    async userId(username) {
      const [u] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
      return u!.id;
    },
    async close() {
      await deps.bus.close();
      await database.close();
    },
  };
}

/** Positions, users, cases with their case files and ten tasks each, then VACUUM ANALYZE. */
async function generate(store: SeededStore) {
  const q = store.deps.database.query.bind(store.deps.database);
  const t0 = performance.now();
  const [version] = await q<{ id: string }>(sql`select id from sop_versions limit 1`);
  const ctx = { agency: store.agencyId, sop: store.sopId, version: version!.id };
  await q(sql`insert into positions (agency_id, key, name, supervisor_key)
    select ${ctx.agency}, 'p' || g, 'Jabatan ' || g, 'kadis' from generate_series(1, ${POSITIONS}) g`);
  await q(sql`insert into users (agency_id, username, display_name, password_hash, permissions)
    select ${ctx.agency}, 'u' || g, 'Pengguna ' || g, 'x', '{staff}' from generate_series(1, ${USERS}) g`);
  await q(sql`insert into user_positions (user_id, agency_id, position_key)
    select id, agency_id, 'p' || (1 + (substr(username, 2)::int % ${POSITIONS})) from users where username ~ '^u[0-9]+$'`);
  // Each case's file: a name (one case in ten shares each first name), a NIK and an address.
  await q(sql`insert into cases (id, agency_id, sop_id, version_id, number, title, status, engine_state,
                                 started_by, started_at, data)
    select gen_random_uuid(), ${ctx.agency}, ${ctx.sop}, ${ctx.version}, 'B/' || g, 'Kasus ' || g, 'active',
           '{"joins":{},"tokens":{}}', (select id from users where username = 'kasi'),
           now() - (g % 365) * interval '1 day',
           jsonb_build_object(
             'nama_pemohon', (${sql.raw(`array['${FIRST.join("','")}']`)})[1 + (g % ${FIRST.length})]
               || ' ' || (${sql.raw(`array['${LAST.join("','")}']`)})[1 + (g / 7 % ${LAST.length})] || ' ' || g,
             'nik', '3328' || lpad(g::text, 12, '0'),
             'alamat', 'Jl. Melati ' || g || ', Slawi')
    from generate_series(1, ${CASES}) g`);
  // Ten tasks per case, a few hours apart; the last is open on position p((n % 40) + 1).
  await q(sql`insert into tasks (id, case_id, agency_id, sop_id, node_id, kind, position_key, status, attempt,
                                 token, created_at, due_at, completed_at, working_minutes)
    select gen_random_uuid(), c.id, c.agency_id, c.sop_id, 'a' || s, 'activity',
           'p' || (1 + (abs(hashtext(c.id::text)) + s) % ${POSITIONS}),
           case when s = ${STEPS} then 'open' else 'completed' end, 1, 'root',
           c.started_at + s * interval '3 hours', c.started_at + s * interval '3 hours' + interval '1 hour',
           case when s = ${STEPS} then null else c.started_at + s * interval '3 hours' + (s * 13 % 120) * interval '1 minute' end,
           case when s = ${STEPS} then null else s * 13 % 120 end
    from cases c, generate_series(1, ${STEPS}) s where c.number like 'B/%'`);
  // A steady state: autovacuum has run, so the visibility map allows index-only scans.
  await q(sql`vacuum analyze`);
  await q(sql`create table bench_inbox_ready (generated_at timestamptz not null default now())`);
  await q(sql`insert into bench_inbox_ready default values`);
  note(
    `generated ${TASKS} tasks (${CASES} cases with case files) in ${Math.round(performance.now() - t0)} ms`,
  );
}

async function main() {
  const target = await openBenchDb();
  const database = await createDb({ kind: 'postgres', url: target.url, max: 4 });
  const store = target.reused
    ? await openKeptStore(database)
    : await seedStore(database, buildChainDoc(STEPS));
  const q = store.deps.database.query.bind(store.deps.database);
  try {
    if (target.reused)
      note(`reusing the kept database of ${TASKS} tasks (${new URL(target.url).pathname.slice(1)})`);
    else await generate(store);
    const ctx = { agency: store.agencyId };
    const db = store.deps.database.db;
    const [u] = (await q(sql`select id from users where username = 'u7'`)) as { id: string }[];
    const user = await loadSessionUser(db, u!.id);
    const now = new Date();
    // The screen's request (the first page, INBOX_PAGE rows) gives the figures; 200 rows, the
    // page size before paging, is reported beside them.
    const variants = [
      { suffix: '', input: {} },
      { suffix: '.limit200', input: { limit: 200 } },
    ];
    for (const { suffix, input } of variants) {
      // Steady state: the first calls fill the document and calendar caches and warm the JIT.
      for (let i = 0; i < WARMUP; i++) await listInbox(db, user, input, now);
      const inbox = await listInbox(db, user, input, now);
      note(
        `inbox of ${user.positions.join(',')}: ${inbox.tasks.length} rows (next page at ${inbox.nextCursor}), counts ${JSON.stringify(inbox.countsByPosition)}`,
      );
      const dbTimes = await sample(() => listInbox(db, user, input, now));
      emit(`inbox.db.p95_ms${suffix}`, percentile(dbTimes, 95), 'ms', {
        p50: percentile(dbTimes, 50),
        rows: inbox.tasks.length,
        samples: SAMPLES,
        warmup: WARMUP,
        tasks: TASKS,
      });
    }

    const server = await startServerProcess({ env: { DATABASE_URL: target.url } });
    const cookie = await createSessionCookie(store.deps.database, u!.id);
    const client = keepAliveQuery(server.base, cookie);
    try {
      // The figures: a kept-alive node:http connection; `.fetch` beside them: the same calls
      // through fetch (undici), as the figures were measured before (#16).
      const clients = [
        { tag: '', query: (input: unknown) => client.call('task.inbox', input) },
        {
          tag: '.fetch',
          query: (input: unknown) => callTrpc(server.base, cookie, 'task.inbox', input, 'query'),
        },
      ];
      const first = async () => {
        const answer = await client.call('task.inbox', {});
        if (answer.status !== 200) throw new Error(`task.inbox answered ${answer.status}`);
      };
      for (let i = 0; i < WARMUP; i++) await first();
      const fresh = await sample(first);
      emit('inbox.api.p95_ms.fresh', percentile(fresh, 95), 'ms', {
        p50: percentile(fresh, 50),
        samples: SAMPLES,
        warmup: WARMUP,
        tasks: TASKS,
        client: 'node:http keep-alive',
      });
      for (let i = 0; i < SERVER_WARMUP; i++) {
        const answer = await client.call('task.inbox', variants[i % variants.length]!.input);
        if (answer.status !== 200) throw new Error(`task.inbox answered ${answer.status}`);
      }
      for (const { tag, query } of clients) {
        for (const { suffix, input } of variants) {
          const call = async () => {
            const answer = await query(input);
            if (answer.status !== 200) throw new Error(`task.inbox answered ${answer.status}`);
          };
          for (let i = 0; i < WARMUP; i++) await call();
          const apiTimes = await sample(call);
          emit(`inbox.api.p95_ms${suffix}${tag}`, percentile(apiTimes, 95), 'ms', {
            p50: percentile(apiTimes, 50),
            samples: SAMPLES,
            warmup: WARMUP,
            serverWarmup: SERVER_WARMUP,
            tasks: TASKS,
            client: tag ? 'fetch' : 'node:http keep-alive',
          });
        }
      }
    } finally {
      client.close();
      await server.stop();
    }

    const leader = await loadSessionUser(db, await store.userId('kadis'));
    const evalTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      await evaluate(db, leader, {}, now);
      evalTimes.push(performance.now() - s);
    }
    emit('report.evaluation_ms', percentile(evalTimes, 50), 'ms', {
      runs: 3,
      max: Math.max(...evalTimes),
      tasks: TASKS,
    });

    // case.search: a mix of exact-NIK, name-word, number and name+number queries, as a leader
    // (whole agency) and as staff (own cases).
    const queries = (i: number) => {
      const n = 1 + ((i * 7919) % CASES);
      return [
        `3328${String(n).padStart(12, '0')}`,
        FIRST[i % FIRST.length]!,
        `B/${n}`,
        `${LAST[i % LAST.length]} ${n}`,
      ][i % 4]!;
    };
    for (const [suffix, who] of [
      ['', leader],
      ['.staff', user],
    ] as const) {
      for (let i = 0; i < WARMUP; i++) await searchCases(db, who, { q: queries(i) });
      let hits = 0;
      let i = 0;
      const times = await sample(async () => {
        hits += (await searchCases(db, who, { q: queries(WARMUP + i++) })).length;
      });
      emit(`case.search.p95_ms${suffix}`, percentile(times, 95), 'ms', {
        p50: percentile(times, 50),
        samples: SAMPLES,
        cases: CASES,
        meanHits: Math.round((hits / SAMPLES) * 10) / 10,
      });
    }

    const positions = sql.join(
      user.positions.map((p) => sql`${p}`),
      sql`, `,
    );
    const plans = [
      [
        'case.search (frequent name word, leader: the newest-cases walk)',
        sql`explain (analyze, buffers) select cases.id from (select * from cases where agency_id = ${ctx.agency}
          order by started_at desc limit 2000) as cases
        where cases.agency_id = ${ctx.agency} and (cases.number = 'sari' or cases.search @@ to_tsquery('simple', 'sari:*'))
        order by cases.started_at desc limit 20`,
      ],
      [
        'case.search (NIK, leader: the word index)',
        sql`explain (analyze, buffers) select cases.id from (select * from cases where agency_id = ${ctx.agency}
          and (number = '3328000000000777' or search @@ to_tsquery('simple', '3328000000000777:*')) offset 0) as cases
        order by cases.started_at desc limit 20`,
      ],
      [
        'listInbox (rows)',
        sql`explain (analyze, buffers) select t.id, t.case_id, t.node_id, t.due_at, c.number, c.title, c.version_id, s.name, u.display_name
        from tasks t join cases c on c.id = t.case_id join sops s on s.id = t.sop_id left join users u on u.id = t.claimed_by
        where t.agency_id = ${ctx.agency} and t.position_key in (${positions}) and t.status in ('open', 'claimed')
        order by t.due_at asc nulls last, t.created_at asc, t.id asc limit 51`,
      ],
      [
        'listInbox (counts)',
        sql`explain (analyze, buffers) select position_key, count(*)::int from tasks
        where agency_id = ${ctx.agency} and position_key in (${positions}) and status in ('open', 'claimed') group by position_key`,
      ],
      [
        'evaluate (counts per step)',
        sql`explain (analyze, buffers) select sop_id, node_id, position_key,
          count(*) filter (where status = 'completed'),
          count(*) filter (where status in ('open', 'claimed'))
        from tasks where agency_id = ${ctx.agency} and created_at >= ${new Date(now.getTime() - 365 * 86_400_000).toISOString()}
          and created_at <= ${now.toISOString()} group by sop_id, node_id, position_key`,
      ],
      [
        'evaluate (working-minute histogram per step)',
        sql`explain (analyze, buffers) select sop_id, node_id, position_key, working_minutes, count(*)
        from tasks where agency_id = ${ctx.agency} and created_at >= ${new Date(now.getTime() - 365 * 86_400_000).toISOString()}
          and created_at <= ${now.toISOString()} and status = 'completed' and working_minutes is not null
        group by sop_id, node_id, position_key, working_minutes`,
      ],
    ] as const;
    let text = `# Plans at ${TASKS} tasks (${new Date().toISOString()})\n`;
    for (const [title, statement] of plans) {
      const rows = (await q(statement)) as { 'QUERY PLAN': string }[];
      text += `\n## ${title}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`;
    }
    // The plans are kept beside the figures (bench/out is not in the repository).
    mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./out/inbox-plans.txt', import.meta.url), text);
  } finally {
    await store.close();
    await target.drop();
  }
}

main().catch((error) => {
  note(String(error?.stack ?? error) + String(error?.cause ?? ''));
  process.exit(1);
});
