import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '../../auth/sessions.ts';
import { users } from '../../db/schema.ts';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { recordUpload } from '../../services/files/case-files.ts';
import { PART_BYTES } from '../../services/files/db-blob-store.ts';
import { createFileService, type FilesConfig } from '../../services/files/file-service.ts';
import { spoolToFile } from '../../services/files/spool.ts';
import { buildBulkyPng, buildPng } from '../../testing/file-fixtures.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { runCli } from '../main.ts';
import { collectFileGarbage } from './files.ts';

const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi', e: 'end@kasi' },
  flows: ['s > a > e'],
  fileFields: ['ktp'],
});
const config: FilesConfig = { store: { kind: 'db' }, maxUploadBytes: 8 * 1024 * 1024 };
const noIo = { out: () => {}, err: () => {}, cwd: '.' };
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp([{ slug: 'a', document: doc }]);
});
afterAll(async () => {
  await app.close();
});

async function spool(bytes: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), 'alur-gc-'));
  return spoolToFile(Readable.from([bytes]), dir);
}

describe('alur files gc (ALUR_FILES=db)', () => {
  it('removes blobs no case file names once the grace has passed, and keeps named ones whole', async () => {
    const db = app.deps.database.db;
    const kasi = await app.as('kasi');
    const [sop] = await kasi.sop.list();
    const { caseId } = await kasi.case.start({ sopId: sop!.id, title: 'Kasus gc' });
    const [row] = await db.select({ id: users.id }).from(users).where(sql`username = 'kasi'`);
    const user = await loadSessionUser(db, row!.id);
    const { store } = createFileService(app.deps.database, config);
    const named = await spool(buildBulkyPng(2 * PART_BYTES + 5)); // three parts
    await store.storeAndCommit(named, (tx) =>
      recordUpload(tx, {
        user,
        target: { caseId, field: 'ktp', taskId: null },
        file: named,
        name: 'ktp.png',
        contentType: 'image/png',
        now: app.clock.now(),
      }),
    );
    // Bytes stored but their row never written: what a retention erasure leaves behind.
    const orphan = await spool(buildPng(9, 9));
    await store.storeAndCommit(orphan, async () => {});
    const counts = () =>
      app.deps.database.query<{ blobs: number; parts: number }>(
        sql`select (select count(*)::int from file_blobs) as blobs, (select count(*)::int from file_blob_parts) as parts`,
      );
    expect(await counts()).toEqual([{ blobs: 2, parts: 3 + 1 }]);
    expect(await collectFileGarbage(app.deps.database, config, 60, noIo)).toBe(0);
    expect(await collectFileGarbage(app.deps.database, config, 0, noIo)).toBe(1);
    expect(await counts()).toEqual([{ blobs: 1, parts: 3 }]);
    const bytes = Buffer.concat(await store.read(named.sha256, named.size).toArray());
    expect(bytes.length).toBe(named.size);
  });

  it('removes staged start-form uploads no case took within a day, with their bytes', async () => {
    const db = app.deps.database.db;
    const [sop] = await (await app.as('kasi')).sop.list();
    const [row] = await db.select({ id: users.id }).from(users).where(sql`username = 'kasi'`);
    const user = await loadSessionUser(db, row!.id);
    const { store } = createFileService(app.deps.database, config);
    const stage = async (shade: number, now: Date) => {
      const file = await spool(buildPng(5, 5, shade));
      return store.storeAndCommit(file, (tx) =>
        recordUpload(tx, {
          user,
          target: { caseId: null, sopId: sop!.id, field: 'ktp', taskId: null },
          file,
          name: 'ktp.png',
          contentType: 'image/png',
          now,
        }),
      );
    };
    const abandoned = await stage(11, new Date(Date.now() - 25 * 3_600_000));
    const fresh = await stage(12, new Date());
    const lines: string[] = [];
    await collectFileGarbage(app.deps.database, config, 0, { ...noIo, out: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^1 unggahan formulir mulai/);
    const left = await app.deps.database.query<{ file_id: string }>(
      sql`select file_id from case_files where case_id is null`,
    );
    expect(left.map((r) => r.file_id)).toEqual([fresh.fileId]);
    const blobs = await app.deps.database.query<{ sha256: string }>(sql`select sha256 from file_blobs`);
    expect(blobs.map((b) => b.sha256)).not.toContain(abandoned.sha256);
    expect(blobs.map((b) => b.sha256)).toContain(fresh.sha256);
  });

  it('refuses a malformed grace with a usage error', async () => {
    expect(await runCli(['files', 'gc', '--grace-minutes', 'lama'], noIo)).toBe(2);
    expect(await runCli(['files', 'gc', '--semua'], noIo)).toBe(2);
  });
});
