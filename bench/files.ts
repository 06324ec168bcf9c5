import { readFileSync } from 'node:fs';
import {
  buildChainDoc,
  createScratchDb,
  createSessionCookie,
  seedPostgres,
  startCases,
} from '../packages/api/src/reliability/fixtures.ts';
import { type ServerProcess, startServerProcess } from '../packages/api/src/reliability/processes.ts';
import { buildBulkyPng, buildPng } from '../packages/api/src/testing/file-fixtures.ts';
import { fetchWithCookie, uploadFile } from '../packages/api/src/testing/upload-client.ts';
import { emit, note, PG_ADMIN_URL, QUICK } from './lib.ts';

/*
 * Files: one server process (ALUR_FILES=db on PostgreSQL, as `npm start` runs it with
 * DATABASE_URL) takes uploads from CLIENTS clients at once over loopback, each sending ROUNDS
 * distinct 10 MB files one after another. files.upload_mb_per_s is the megabytes stored per
 * second of wall time; files.rss_growth_mb the server's peak RSS during the run less its RSS just
 * before (after one warm-up upload, so lazily loaded modules are not counted). Streaming keeps
 * it flat: a buffering server would grow by at least CLIENTS × 10 MB.
 */
const CLIENTS = 5;
const FILE_MB = 10;
const ROUNDS = QUICK ? 1 : 4;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function main() {
  const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_bench_files');
  const store = await seedPostgres(scratch.url, buildChainDoc(2), 4);
  let server: ServerProcess | null = null;
  try {
    const [caseId] = await startCases(store, 1);
    const send = fetchWithCookie(await createSessionCookie(store.deps.database, await store.userId('kasi')));
    server = await startServerProcess({
      env: { DATABASE_URL: scratch.url, ALUR_FILES: 'db', ALUR_MAX_UPLOAD_MB: '20' },
      timeoutMs: 120_000,
    });
    const base = server.base;
    const warm = await uploadFile(send, base, {
      caseId: caseId!,
      field: 'ktp',
      bytes: buildPng(),
      name: 'w.png',
    });
    if (warm.status !== 201) throw new Error(`warm-up upload answered ${warm.status}`);
    const pid = server.child.pid!;
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(pid));
    }, 25);
    let errors = 0;
    let stored = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let r = 0; r < ROUNDS; r++) {
          const bytes = buildBulkyPng(FILE_MB * 1024 * 1024);
          const answer = await uploadFile(send, base, {
            caseId: caseId!,
            field: 'arsip',
            bytes,
            name: `arsip-${c}-${r}.png`,
          });
          if (answer.status === 201) stored += bytes.length;
          else errors++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));
    emit('files.upload_mb_per_s', stored / 1024 / 1024 / seconds, 'MB/s', {
      clients: CLIENTS,
      file_mb: FILE_MB,
      uploads: CLIENTS * ROUNDS,
      errors,
      store: 'db (PostgreSQL)',
    });
    emit('files.rss_growth_mb', peak - before, 'MB', {
      rss_before_mb: Math.round(before),
      target_max_mb: 50,
    });
    note(
      `files: ${CLIENTS * ROUNDS} uploads of ${FILE_MB} MB in ${seconds.toFixed(1)} s; RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB`,
    );
  } finally {
    await server?.stop();
    await store.close();
    await scratch.drop();
  }
}

main().catch((error) => {
  note(String(error?.stack ?? error));
  process.exit(1);
});
