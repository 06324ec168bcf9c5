import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { toActor } from '../packages/api/src/auth/policy.ts';
import { loadSessionUser } from '../packages/api/src/auth/sessions.ts';
import { createDb } from '../packages/api/src/db/client.ts';
import { queryOf } from '../packages/api/src/db/raw.ts';
import { tasks } from '../packages/api/src/db/schema.ts';
import type { EngineCommand } from '../packages/api/src/engine/core/types.ts';
import { planTaskCommand } from '../packages/api/src/engine/store/store.ts';
import {
  buildChainDoc,
  createScratchDb,
  seedStore,
  startCases,
} from '../packages/api/src/reliability/fixtures.ts';
import { loadAgencyClock } from '../packages/api/src/services/calendar.ts';
import { note, PG_ADMIN_URL } from './lib.ts';

/*
 * `node --import tsx bench/engine-explain.ts [out.txt]`: where PostgreSQL's time goes in one task
 * completion, without pg_stat_statements (it needs shared_preload_libraries). The same setup as
 * engine-pg (a 40-step chain, 1,000 cases), a warm-up of 1,000 completions, then 200 completions
 * whose every statement runs under EXPLAIN (ANALYZE, BUFFERS, WAL): the sums per statement
 * (execution time, trigger time, buffers, WAL records) and the last plan of each.
 */
const WARMUP = 1000;
const MEASURED = 200;

interface Sum {
  n: number;
  execMs: number;
  triggers: Map<string, { ms: number; calls: number }>;
  hit: number;
  dirtied: number;
  walRecords: number;
  walBytes: number;
  lastPlan: string;
}

const out = process.argv[2] ?? 'bench/out/engine-explain.txt';

async function main() {
  const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_bench_explain');
  const database = await createDb({ kind: 'postgres', url: scratch.url, max: 4 });
  const store = await seedStore(database, buildChainDoc(40));
  try {
    const user = await loadSessionUser(database.db, await store.userId('kasi'));
    const caseIds = await startCases(store, 1000);
    const open = new Map<string, string>();
    for (const t of await database.db.select().from(tasks)) if (t.status === 'open') open.set(t.caseId, t.id);
    const sums = new Map<string, Sum>();
    let done = 0;
    const label = (text: string) => {
      const t = text.replace(/\s+/g, ' ').trim();
      if (t.includes('alur_expect_rows')) return 'write (case writer)';
      if (t.includes('alur_case_tasks')) return 'lock the case of the task, with its tasks';
      if (t.includes('for update')) return 'lock the case';
      return t.slice(0, 60);
    };
    while (done < WARMUP + MEASURED) {
      for (const caseId of caseIds) {
        if (done >= WARMUP + MEASURED) break;
        const taskId = open.get(caseId)!;
        const measuring = done >= WARMUP;
        const clock = await loadAgencyClock(database.db, user.agencyId);
        const next = await database.db.transaction(async (tx) => {
          const q = queryOf(tx);
          const explain = async (text: string, params: readonly unknown[], write: boolean) => {
            if (done === WARMUP + MEASURED - 1) {
              // The last completion: its plans as text, for the reader.
              const rows = await q<{ 'QUERY PLAN': string }>(
                `explain (analyze, buffers, wal, costs off) ${text}`,
                params,
              );
              const s = sums.get(label(text));
              if (s) s.lastPlan = rows.map((r) => r['QUERY PLAN']).join('\n');
              return write ? [] : q(text, params);
            }
            const [row] = await q<{ 'QUERY PLAN': unknown }>(
              `explain (analyze, buffers, wal, format json) ${text}`,
              params,
            );
            const [plan] = row!['QUERY PLAN'] as {
              Plan: Record<string, number>;
              'Execution Time': number;
              Triggers?: { 'Trigger Name': string; Relation?: string; Time: number; Calls: number }[];
            }[];
            const s = sums.get(label(text)) ?? {
              n: 0,
              execMs: 0,
              triggers: new Map(),
              hit: 0,
              dirtied: 0,
              walRecords: 0,
              walBytes: 0,
              lastPlan: '',
            };
            s.n++;
            s.execMs += plan!['Execution Time'];
            // Top node only: data-modifying CTEs that nothing reads run after it (see the text plan).
            s.hit += plan!.Plan['Shared Hit Blocks'] ?? 0;
            s.dirtied += plan!.Plan['Shared Dirtied Blocks'] ?? 0;
            s.walRecords += plan!.Plan['WAL Records'] ?? 0;
            s.walBytes += plan!.Plan['WAL Bytes'] ?? 0;
            for (const t of plan!.Triggers ?? []) {
              const k = `${t['Trigger Name']} on ${t.Relation ?? '?'}`;
              const agg = s.triggers.get(k) ?? { ms: 0, calls: 0 };
              agg.ms += t.Time;
              agg.calls += t.Calls;
              s.triggers.set(k, agg);
            }
            sums.set(label(text), s);
            if (write) return [];
            return q(text, params);
          };
          const traced = measuring
            ? <T extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) =>
                explain(text, params, false) as Promise<T[]>
            : q;
          const command = { type: 'task.complete', actor: toActor(user), taskId } as EngineCommand;
          const plan = await planTaskCommand(traced, {
            agencyId: user.agencyId,
            taskId,
            command,
            now: new Date(),
            clock,
          });
          for (const w of plan.writes) {
            if (measuring) {
              await explain(w.text, w.params, true);
            } else await q(w.text, w.params);
          }
          return plan.state.tasks.find((t) => t.status === 'open')?.id;
        });
        done++;
        if (next) open.set(caseId, next);
      }
    }
    const lines: string[] = [`${MEASURED} completions after ${WARMUP} warm-up; sums per statement:`];
    for (const [k, s] of sums) {
      lines.push(
        `\n## ${k}: ${s.n} runs, ${(s.execMs / s.n).toFixed(3)} ms each (execution), shared hit ${(s.hit / s.n).toFixed(1)}, dirtied ${(s.dirtied / s.n).toFixed(2)}, WAL ${(s.walRecords / s.n).toFixed(1)} records / ${(s.walBytes / s.n).toFixed(0)} bytes`,
      );
      for (const [t, agg] of s.triggers)
        lines.push(`   trigger ${t}: ${(agg.ms / s.n).toFixed(3)} ms, ${(agg.calls / s.n).toFixed(2)} calls`);
      lines.push('', s.lastPlan);
    }
    const text = lines.join('\n');
    console.log(text);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${text}\n`);
    note(`written to ${out}`);
  } finally {
    await store.close();
    await scratch.drop();
  }
}

main().catch((error) => {
  note(String(error?.stack ?? error));
  process.exit(1);
});
