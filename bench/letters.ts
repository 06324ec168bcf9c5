import { sql } from 'drizzle-orm';
import { loadSessionUser } from '../packages/api/src/auth/sessions.ts';
import { createDb, type Database } from '../packages/api/src/db/client.ts';
import { createScratchDb, seedStore, startCases } from '../packages/api/src/reliability/fixtures.ts';
import { loadSeed } from '../packages/api/src/seeds/load-seeds.ts';
import { fileServiceOf } from '../packages/api/src/services/files/file-service.ts';
import { loadDemoLetters } from '../packages/api/src/services/letters/demo-letters.ts';
import { generateLetter } from '../packages/api/src/services/letters/generate-letter.ts';
import { actOnTask } from '../packages/api/src/services/task-commands.ts';
import { emit, note, PG_ADMIN_URL, percentile, QUICK } from './lib.ts';

/*
 * letters.generate_ms: one `generateLetter` at a time (the demo's Surat Keterangan DTKS template,
 * a case at its step r2 with the applicant's data), in process, no PDF conversion: the case lock,
 * the data check, rendering, the serial from the counter row, the DOCX stored in the database and
 * the rows written, one transaction. p50/p95 of LETTERS letters after WARMUP, on PostgreSQL and on
 * embedded PGlite.
 */
const LETTERS = QUICK ? 30 : 200;
const WARMUP = 10;
const APPLICANT = {
  nama_pemohon: 'Siti Aminah',
  nik: '3328094501900003',
  nomor_kk: '3328090101200001',
  alamat: 'Jl. Melati No. 5 RT 02/RW 03',
  desa_kelurahan: 'Procot',
  kecamatan: 'Slawi',
  keperluan: 'Subsidi listrik (PLN)',
  terdata_dtks: true,
};

async function measure(database: Database, store: string) {
  const seed = loadSeed('tegal-dtks');
  // The forms are left out (the values are written directly): this measures the letter alone.
  const dtks = {
    ...seed,
    document: { ...seed.document, nodes: seed.document.nodes.map((n) => ({ ...n, fields: [] })) },
  };
  const seeded = await seedStore(database, dtks.document);
  try {
    const deps = seeded.deps;
    await loadDemoLetters(
      { database, store: fileServiceOf(deps).store, now: deps.now() },
      { agencyId: seeded.agencyId, sopIds: { 'tegal-dtks': seeded.sopId } },
      [dtks],
    );
    const staf = await loadSessionUser(database.db, await seeded.userId('staf'));
    const caseIds = await startCases(seeded, LETTERS + WARMUP, 'staf');
    await database.db.execute(sql`update cases set data = ${JSON.stringify(APPLICANT)}::jsonb`);
    const r1 = await database.query<{ id: string }>(
      sql`select id from tasks where node_id = 'r1' and status = 'open'`,
    );
    for (const { id } of r1) await actOnTask(deps, staf, { taskId: id }, { type: 'task.complete' });
    const r2 = await database.query<{ id: string }>(
      sql`select id from tasks where node_id = 'r2' and status = 'open'`,
    );
    if (r2.length !== caseIds.length)
      throw new Error(`expected ${caseIds.length} r2 tasks, got ${r2.length}`);
    const times: number[] = [];
    for (const [i, { id }] of r2.entries()) {
      const started = performance.now();
      await generateLetter(deps, staf, { taskId: id });
      if (i >= WARMUP) times.push(performance.now() - started);
    }
    emit(`letters.generate_ms${store === 'postgres' ? '' : '.pglite'}`, percentile(times, 95), 'ms', {
      store,
      letters: times.length,
      p50: Math.round(percentile(times, 50) * 10) / 10,
      max: Math.round(Math.max(...times) * 10) / 10,
      target_max_ms: 300,
      pdf: false,
    });
  } finally {
    await seeded.close();
  }
}

async function main() {
  const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_bench_letters');
  try {
    await measure(await createDb({ kind: 'postgres', url: scratch.url, max: 4 }), 'postgres');
  } finally {
    await scratch.drop();
  }
  await measure(await createDb({ kind: 'pglite' }), 'pglite');
  note('letters: done');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
