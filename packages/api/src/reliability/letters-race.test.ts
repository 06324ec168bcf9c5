import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '../auth/sessions.ts';
import { caseFiles, tasks } from '../db/schema.ts';
import {
  updateLetterOutput,
  updateLetterSettings,
  uploadLetterTemplate,
} from '../services/letters/letter-setup.ts';
import { buildWordTemplate } from '../testing/letter-fixtures.ts';
import { realPostgres, useSeededCluster } from './cluster.ts';
import { buildChainDoc, callTrpc, createSessionCookie, startCases } from './fixtures.ts';
import { startServerProcess } from './processes.ts';

const adminUrl = realPostgres(
  'letters-race',
  'numbering letters from several server processes needs one real PostgreSQL (PGlite is one connection in one process).',
);
const PROCESSES = 3;
// 3 × 100 by default (issue #14); 3 × 400 under ALUR_LONG=1.
const PER_PROCESS = process.env.ALUR_LONG === '1' ? 400 : 100;
// Cases whose letter must fail (the template's {ktp} is empty): they are sent among the others
// and must take no number.
const FAILING_PER_PROCESS = 10;

describe.runIf(Boolean(adminUrl))(`letters numbered by ${PROCESSES} server processes at once`, () => {
  const cluster = useSeededCluster(adminUrl, () => buildChainDoc(2));
  let good: string[] = [];
  let failing: string[] = [];
  let cookie: string;

  beforeAll(async () => {
    const db = cluster.store.deps.database.db;
    // The servers start while the cases are made (they only need the migrated database).
    const starting = Promise.all(
      Array.from({ length: PROCESSES }, () =>
        startServerProcess({ env: { DATABASE_URL: cluster.url }, timeoutMs: 120_000 }),
      ),
    );
    const admin = await loadSessionUser(db, await cluster.store.userId('admin'));
    await updateLetterSettings(
      db,
      admin,
      { format: '{kode}/{urut:4}/{unit}/{tahun}', unit: 'Uji' },
      new Date(),
    );
    await uploadLetterTemplate(cluster.store.deps, admin, {
      sopId: cluster.store.sopId,
      nodeId: 'a1',
      fileName: 'surat.docx',
      contentBase64: Buffer.from(
        await buildWordTemplate(['Nomor {nomor_surat}', 'Kasus {kasus.nomor}', 'Lampiran {ktp}']),
      ).toString('base64'),
    });
    await updateLetterOutput(
      db,
      admin,
      {
        sopId: cluster.store.sopId,
        nodeId: 'a1',
        kode: '470',
        format: null,
        subject: 'Uji',
        recipientField: null,
        signer: null,
      },
      new Date(),
    );
    const total = PROCESSES * (PER_PROCESS + FAILING_PER_PROCESS);
    // Started ten at a time (one by one would take most of the test's time).
    const caseIds: string[] = [];
    for (let i = 0; i < total; i += 10)
      caseIds.push(
        ...(
          await Promise.all(
            Array.from({ length: Math.min(10, total - i) }, () => startCases(cluster.store, 1)),
          )
        ).flat(),
      );
    const kasi = await cluster.store.userId('kasi');
    const failingCases = new Set(
      caseIds.filter((_, i) => i % (total / (PROCESSES * FAILING_PER_PROCESS)) === 0),
    );
    // Every other case has its KTP scan, so its letter can be made.
    await db.insert(caseFiles).values(
      caseIds
        .filter((id) => !failingCases.has(id))
        .map((caseId) => ({
          fileId: crypto.randomUUID(),
          agencyId: cluster.store.agencyId,
          caseId,
          field: 'ktp',
          name: 'ktp.jpg',
          size: 1,
          contentType: 'image/jpeg',
          sha256: '0'.repeat(64),
          uploadedBy: kasi,
          uploadedAt: new Date().toISOString(),
        })),
    );
    const open = await db
      .select({ id: tasks.id, caseId: tasks.caseId })
      .from(tasks)
      .where(and(eq(tasks.nodeId, 'a1'), eq(tasks.status, 'open')));
    good = open.filter((t) => !failingCases.has(t.caseId)).map((t) => t.id);
    failing = open.filter((t) => failingCases.has(t.caseId)).map((t) => t.id);
    cookie = await createSessionCookie(cluster.store.deps.database, kasi);
    cluster.servers = await starting;
  }, 120_000);

  it(`${PROCESSES} × ${PER_PROCESS} letters: distinct, consecutive numbers; failed ones take none`, async () => {
    expect(good).toHaveLength(PROCESSES * PER_PROCESS);
    // Good and failing generations interleaved, each process sent its share all at once.
    const jobs = [...good.map((id) => ({ id, ok: true })), ...failing.map((id) => ({ id, ok: false }))].sort(
      () => Math.random() - 0.5,
    );
    const answers = await Promise.all(
      jobs.map(async (job, i) => ({
        job,
        answer: await callTrpc(cluster.servers[i % PROCESSES]!.base, cookie, 'letter.generate', {
          taskId: job.id,
        }),
      })),
    );
    for (const { job, answer } of answers) {
      if (job.ok) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      else {
        expect(answer.status).toBe(400);
        expect(answer.body.error.data.appCode).toBe('LETTER_FIELD_EMPTY');
      }
    }
    const numbers = answers.filter((a) => a.job.ok).map((a) => a.answer.body.result.data.number as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    const serials = numbers
      .map((n) => {
        const m = /^470\/(\d{4})\/Uji\/(\d{4})$/.exec(n);
        expect(m, n).not.toBeNull();
        return Number(m![1]);
      })
      .sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: PROCESSES * PER_PROCESS }, (_, i) => i + 1));
    const [counts] = await cluster.store.deps.database.query<{
      letters: number;
      last: number;
      files: number;
    }>(sql`
      select (select count(*)::int from letters) as letters,
             (select last from letter_counters) as last,
             (select count(*)::int from case_files where field = 'surat_a1') as files`);
    expect(counts).toEqual({
      letters: PROCESSES * PER_PROCESS,
      last: PROCESSES * PER_PROCESS,
      files: PROCESSES * PER_PROCESS,
    });
  }, 120_000);
});
