import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies } from '../db/schema.ts';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { createUser } from '../services/admin-users.ts';
import { renderExport } from '../services/export.ts';
import { createFileService } from '../services/files/file-service.ts';
import {
  buildBulkyPng,
  buildDocx,
  buildElfExecutable,
  buildJpeg,
  buildPdf,
  buildPeExecutable,
  buildPng,
  buildWebp,
  buildXlsx,
} from '../testing/file-fixtures.ts';
import { serveOnLoopback, signIn } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { uploadFile } from '../testing/upload-client.ts';

/*
 *  kasi lane:  (s) → [a] → [b] → (e)      peksos holds no step of it: the case is unseen to them
 */
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', b: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > b > e'],
  fileFields: ['scan_ktp', 'lampiran', 'kk', 'kk_salinan', 'arsip', 'ktp'],
});

const MAX = 600 * 1024; // three parts of PART_BYTES
const spoolDir = mkdtempSync(join(tmpdir(), 'alur-files-test-'));
let app: TestApp;
let base: string;
let close: () => Promise<void>;
let kasi: Awaited<ReturnType<typeof signIn>>;
let caseId: string;
let sopId: string;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const send = (input: Omit<Parameters<typeof uploadFile>[2], 'caseId'> & { caseId?: string }) =>
  uploadFile(kasi.fetch, base, { caseId, ...input });

async function countStored() {
  const [row] = await app.deps.database.query<{ files: number; blobs: number; parts: number }>(sql`
    select (select count(*)::int from case_files) as files, (select count(*)::int from file_blobs) as blobs,
           (select count(*)::int from file_blob_parts) as parts`);
  return row!;
}

beforeAll(async () => {
  app = await createTestApp([{ slug: 'a', document: doc }]);
  app.deps.files = createFileService(app.deps.database, {
    store: { kind: 'db' },
    maxUploadBytes: MAX,
    spoolDir,
  });
  ({ base, close } = await serveOnLoopback(app.deps));
  const db = app.deps.database.db;
  const [other] = await db
    .insert(agencies)
    .values({ slug: 'dinkes', name: 'Dinas Kesehatan' })
    .returning({ id: agencies.id });
  await createUser(
    db,
    {
      agencyId: other!.id,
      username: 'asing',
      displayName: 'Admin instansi lain',
      password: 'alur-demo-asing',
      permissions: ['admin', 'leader', 'staff'],
      positions: [],
    },
    null,
    app.clock.now(),
  );
  kasi = await signIn(base, 'kasi');
  sopId = (await kasi.client.sop.list.query())[0]!.id;
  caseId = (await kasi.client.case.start.mutate({ sopId, title: 'Permohonan DTKS Ibu Sari' })).caseId;
});
afterAll(async () => {
  await close();
  await app.close();
});

describe('POST /api/files and GET /api/files/<fileId>', () => {
  it('stores a scan, lists it on case.get and serves it back inline under a sandbox', async () => {
    const png = buildPng(3, 3, 200);
    const up = await send({ field: 'scan_ktp', bytes: png, name: 'KTP Sari.png', type: 'text/plain' });
    expect(up.status).toBe(201);
    // The type comes from the content, not the declared "text/plain".
    expect(up.body).toEqual({
      fileId: expect.any(String),
      name: 'KTP Sari.png',
      size: png.length,
      contentType: 'image/png',
      sha256: sha(png),
    });
    const detail = await kasi.client.case.get.query({ caseId });
    const kasiId = (await kasi.client.auth.me.query())!.id;
    expect(detail.files).toEqual([
      { ...up.body, field: 'scan_ktp', uploadedBy: kasiId, uploadedAt: app.clock.now().toISOString() },
    ]);
    expect(detail.events.map((e) => e.action)).toContain('file.uploaded');

    const res = await kasi.fetch(`${base}/api/files/${up.body.fileId}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="KTP Sari.png"/);
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    const downloads = await app.deps.database.query<{ actor_id: string; data: { fileId: string } }>(
      sql`select actor_id, data from audit_events where action = 'file.downloaded'`,
    );
    expect(downloads).toEqual([
      { actor_id: kasiId, data: expect.objectContaining({ fileId: up.body.fileId }) },
    ]);
  });

  it('accepts each allowed type by its content; Office files download as attachments', async () => {
    const { bytes: realDocx } = await renderExport(doc, 'docx');
    const cases: [Uint8Array, string][] = [
      [buildPdf(), 'application/pdf'],
      [buildJpeg(), 'image/jpeg'],
      [buildWebp(), 'image/webp'],
      [buildXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [buildDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [realDocx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ];
    for (const [bytes, type] of cases) {
      const up = await send({ field: 'lampiran', bytes, name: 'lampiran' });
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      expect(up.body.contentType).toBe(type);
      const res = await kasi.fetch(`${base}/api/files/${up.body.fileId}`);
      const inline = type === 'application/pdf' || type.startsWith('image/');
      expect(res.headers.get('content-disposition')!.split(';')[0]).toBe(inline ? 'inline' : 'attachment');
      expect(res.headers.get('content-security-policy') !== null).toBe(inline);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(bytes));
    }
  });

  it('stores the same bytes once, however many times they are attached', async () => {
    const png = buildPng(5, 5, 7);
    const before = await countStored();
    const first = await send({ field: 'kk', bytes: png, name: 'kk.png' });
    const second = await send({ field: 'kk_salinan', bytes: png, name: 'salinan kk.png' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.fileId).not.toBe(first.body.fileId);
    expect(await countStored()).toEqual({
      files: before.files + 2,
      blobs: before.blobs + 1,
      parts: before.parts + 1,
    });
  });

  it('streams a file of several parts back byte for byte', async () => {
    const big = buildBulkyPng(MAX); // exactly the limit: accepted
    const up = await send({ field: 'arsip', bytes: big, name: 'arsip.png' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.size).toBe(MAX);
    const res = await kasi.fetch(`${base}/api/files/${up.body.fileId}`);
    expect(res.headers.get('content-length')).toBe(String(MAX));
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(big));
  });

  it('cleans names: no path, no control characters, at most 200 characters', async () => {
    const names: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      ['C:\\Users\\sari\\KTP.png', 'KTP.png'],
      ['ktp\t\u202egnp.exe', 'ktpgnp.exe'],
      ['..', 'berkas'],
    ];
    for (const [raw, clean] of names) {
      const up = await send({ field: 'ktp', bytes: buildPng(1, 1, raw.length), name: raw });
      expect(up.status, `${JSON.stringify(raw)}: ${JSON.stringify(up.body)}`).toBe(201);
      expect(up.body.name).toBe(clean);
    }
    const long = await send({ field: 'ktp', bytes: buildPng(1, 2), name: `${'a'.repeat(10_000)}.png` });
    expect(long.status).toBe(201);
    expect(long.body.name).toHaveLength(200);
    expect(long.body.name.endsWith('.png')).toBe(true);
  });

  it('refuses what it cannot store safely with a specific 4xx, and stores nothing', async () => {
    const before = await countStored();
    const refusals: [Parameters<typeof send>[0], number, string][] = [
      [{ field: 'ktp', bytes: new Uint8Array(0), name: 'kosong.pdf' }, 400, 'UPLOAD_EMPTY'],
      [
        { field: 'ktp', bytes: buildPeExecutable(), name: 'surat.pdf', type: 'application/pdf' },
        415,
        'UPLOAD_TYPE',
      ],
      [{ field: 'ktp', bytes: buildElfExecutable(), name: 'foto.png' }, 415, 'UPLOAD_TYPE'],
      [
        { field: 'ktp', bytes: Buffer.from('<html><script>alert(1)</script>'), name: 'a.png' },
        415,
        'UPLOAD_TYPE',
      ],
      [{ field: 'ktp', bytes: buildBulkyPng(MAX + 1), name: 'besar.png' }, 413, 'UPLOAD_TOO_LARGE'],
      [{ field: 'KTP Baru', bytes: buildPng(), name: 'a.png' }, 400, 'UPLOAD_FIELD'],
      [{ field: 'ktp', bytes: buildPng(), csrf: false }, 403, 'CSRF'],
      [{ field: 'ktp', bytes: buildPng(), headers: { origin: 'https://jahat.example' } }, 403, 'CSRF'],
      [{ caseId: 'bukan-uuid', field: 'ktp', bytes: buildPng() }, 400, 'UPLOAD_CASE_ID'],
      [{ caseId: '00000000-0000-4000-8000-000000000000', field: 'ktp', bytes: buildPng() }, 404, 'NOT_FOUND'],
      [
        { field: 'ktp', taskId: '00000000-0000-4000-8000-000000000000', bytes: buildPng() },
        400,
        'UPLOAD_TASK_ID',
      ],
    ];
    for (const [input, status, code] of refusals) {
      const answer = await send(input);
      expect(answer.status, `${code}: ${JSON.stringify(answer.body)}`).toBe(status);
      expect(answer.body.error).toMatchObject({
        code,
        message: expect.any(String),
        messageEn: expect.any(String),
      });
    }
    expect(await countStored()).toEqual(before);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('refuses a too-large body that declares no length while it streams', async () => {
    const before = await countStored();
    const boundary = 'alurbatas';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="caseId"\r\n\r\n${caseId}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nktp\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="besar.png"\r\n\r\n`,
    );
    const body = Buffer.concat([head, buildBulkyPng(MAX * 3), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < body.length; i += 16_384) controller.enqueue(body.subarray(i, i + 16_384));
        controller.close();
      },
    });
    const res = await kasi.fetch(`${base}/api/files`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-alur-csrf': '1' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UPLOAD_TOO_LARGE');
    expect(await countStored()).toEqual(before);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('answers 404 to a user who may not see the case, whether uploading or downloading', async () => {
    const up = await send({ field: 'ktp', bytes: buildPng(2, 1), name: 'ktp.png' });
    const url = `${base}/api/files/${up.body.fileId}`;
    const peksos = await signIn(base, 'peksos');
    const asing = await signIn(base, 'asing', 'alur-demo-asing');
    for (const who of [peksos, asing]) {
      expect((await who.fetch(url)).status).toBe(404);
      const refused = await uploadFile(who.fetch, base, { caseId, field: 'ktp', bytes: buildPng() });
      expect(refused.status).toBe(404);
    }
    expect((await fetch(url)).status).toBe(401);
    expect((await kasi.fetch(`${base}/api/files/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await kasi.fetch(`${base}/api/files/bukan-uuid`)).status).toBe(404);
    // A leader of the agency oversees every case: allowed.
    const kadis = await signIn(base, 'kadis');
    expect((await kadis.fetch(url)).status).toBe(200);
  });

  it('takes no files once the case is closed', async () => {
    const other = (await kasi.client.case.start.mutate({ sopId, title: 'Kasus selesai' })).caseId;
    for (let i = 0; i < 2; i++) {
      const task = (await kasi.client.task.inbox.query()).tasks.find((t) => t.caseId === other)!;
      await kasi.client.task.claim.mutate({ taskId: task.id });
      await kasi.client.task.complete.mutate({ taskId: task.id });
    }
    expect((await kasi.client.case.get.query({ caseId: other })).case.status).toBe('completed');
    const refused = await send({ caseId: other, field: 'ktp', bytes: buildPng() });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CASE_CLOSED');
  });
});
