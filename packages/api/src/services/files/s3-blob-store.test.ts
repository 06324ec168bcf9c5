import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFileGarbage } from '../../cli/commands/files.ts';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { buildBulkyPng, buildPdf, buildPng } from '../../testing/file-fixtures.ts';
import { serveOnLoopback, signIn } from '../../testing/http-client.ts';
import { buildWordTemplate, readWordText } from '../../testing/letter-fixtures.ts';
import { startS3Server } from '../../testing/s3-server.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { uploadFile } from '../../testing/upload-client.ts';
import { createFileService, type FilesConfig } from './file-service.ts';
import { objectKey } from './s3-blob-store.ts';

/*
 * ALUR_FILES=s3 against a real S3-protocol server (s3rver) on loopback: uploads land as one
 * object per SHA-256, downloads stream them back, `files gc` removes objects no row names, and a
 * bucket that is down fails the upload before any row is written.
 */
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > e'],
  fileFields: ['scan_kk', 'ktp'],
});

const spoolDir = mkdtempSync(join(tmpdir(), 'alur-s3-spool-'));
let app: TestApp;
let s3: Awaited<ReturnType<typeof startS3Server>>;
let config: FilesConfig;
let client: S3Client;
let base: string;
let close: () => Promise<void>;
let kasi: Awaited<ReturnType<typeof signIn>>;
let caseId: string;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function listKeys(): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: s3.config.bucket }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}
const noIo = { out: () => {}, err: () => {}, cwd: '.' };

beforeAll(async () => {
  s3 = await startS3Server();
  client = new S3Client({
    endpoint: s3.config.endpoint,
    region: s3.config.region,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
  });
  app = await createTestApp([{ slug: 'a', document: doc }]);
  config = { store: { kind: 's3', ...s3.config }, maxUploadBytes: 4 * 1024 * 1024, spoolDir };
  app.deps.files = createFileService(app.deps.database, config);
  ({ base, close } = await serveOnLoopback(app.deps));
  kasi = await signIn(base, 'kasi');
  const [sop] = await kasi.client.sop.list.query();
  caseId = (await kasi.client.case.start.mutate({ sopId: sop!.id, title: 'Kasus S3' })).caseId;
});
afterAll(async () => {
  await close();
  await app.deps.files?.store.close();
  client.destroy();
  await app.close();
  await s3.stop();
});

describe('ALUR_FILES=s3', () => {
  it('stores one object per content and streams it back', async () => {
    const big = buildBulkyPng(3 * 1024 * 1024 + 17);
    const first = await uploadFile(kasi.fetch, base, {
      caseId,
      field: 'scan_kk',
      bytes: big,
      name: 'kk.png',
    });
    const again = await uploadFile(kasi.fetch, base, {
      caseId,
      field: 'scan_kk',
      bytes: big,
      name: 'kk lagi.png',
    });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await listKeys()).toEqual([objectKey(sha(big))]);
    const res = await kasi.fetch(`${base}/api/files/${again.body.fileId}`);
    expect(res.status).toBe(200);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(big));
    // Nothing of it went into the database's blob tables.
    const [row] = await app.deps.database.query<{ n: number }>(
      sql`select count(*)::int as n from file_blob_parts`,
    );
    expect(row!.n).toBe(0);
  });

  it('files gc removes objects no case file names, and keeps the named ones', async () => {
    const named = await uploadFile(kasi.fetch, base, {
      caseId,
      field: 'ktp',
      bytes: buildPdf('nama'),
      name: 'a.pdf',
    });
    expect(named.status).toBe(201);
    const orphan = buildPng(4, 4, 3);
    await client.send(
      new PutObjectCommand({ Bucket: s3.config.bucket, Key: objectKey(sha(orphan)), Body: orphan }),
    );
    const before = await listKeys();
    expect(before).toContain(objectKey(sha(orphan)));
    // Within the grace period an unnamed object may be an upload about to commit: kept.
    expect(await collectFileGarbage(app.deps.database, config, 60, noIo)).toBe(0);
    expect(await collectFileGarbage(app.deps.database, config, 0, noIo)).toBe(1);
    expect(await listKeys()).toEqual(before.filter((k) => k !== objectKey(sha(orphan))));
    const res = await kasi.fetch(`${base}/api/files/${named.body.fileId}`);
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toContain('nama');
  });

  it('keeps letter templates and letters in the bucket; files gc keeps what a template names', async () => {
    const template = await buildWordTemplate(['Nomor {nomor_surat}', 'Lampiran {ktp}']);
    const admin = await signIn(base, 'admin');
    const [sop] = await admin.client.sop.list.query();
    await admin.client.letter.uploadTemplate.mutate({
      sopId: sop!.id,
      nodeId: 'a',
      fileName: 'surat.docx',
      contentBase64: Buffer.from(template).toString('base64'),
    });
    const task = (await kasi.client.task.inbox.query()).tasks.find((t) => t.caseId === caseId)!;
    const letter = await kasi.client.letter.generate.mutate({ taskId: task.id });
    const res = await kasi.fetch(`${base}/api/files/${letter.fileId}`);
    expect(res.status).toBe(200);
    expect(await readWordText(new Uint8Array(await res.arrayBuffer()))).toContain(`Nomor ${letter.number}`);
    expect(await collectFileGarbage(app.deps.database, config, 0, noIo)).toBe(0);
    expect(await listKeys()).toContain(objectKey(sha(template)));
  });

  it('commits no row when the bucket cannot take the object', async () => {
    const [before] = await app.deps.database.query<{ n: number }>(
      sql`select count(*)::int as n from case_files`,
    );
    await s3.stop();
    const answer = await uploadFile(kasi.fetch, base, {
      caseId,
      field: 'ktp',
      bytes: buildPng(6, 6),
      name: 'k.png',
    });
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('FILES_UNAVAILABLE');
    const [after] = await app.deps.database.query<{ n: number }>(
      sql`select count(*)::int as n from case_files`,
    );
    expect(after!.n).toBe(before!.n);
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});
