import { mkdtempSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileService } from '../services/files/file-service.ts';
import {
  buildBulkyPng,
  buildElfExecutable,
  buildPdf,
  buildPeExecutable,
  buildPng,
} from '../testing/file-fixtures.ts';
import { serveOnLoopback } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { fetchWithCookie, uploadFile } from '../testing/upload-client.ts';
import { buildChainDoc, createSessionCookie } from './fixtures.ts';

/*
 * Uploads that go wrong on the wire: cut off mid-stream, hostile names and contents, forged
 * requests. Every one must end in a 4xx (or a clean 201 for an allowed file), never a 5xx, and a
 * refused or broken one must leave nothing behind: no row, no blob, no spool file.
 */
const MAX = 512 * 1024;
const spoolDir = mkdtempSync(join(tmpdir(), 'alur-files-rel-'));
let app: TestApp;
let base: string;
let close: () => Promise<void>;
let cookie: string;
let caseId: string;

async function stored() {
  const [row] = await app.deps.database.query<{ files: number; blobs: number; parts: number }>(sql`
    select (select count(*)::int from case_files) as files, (select count(*)::int from file_blobs) as blobs,
           (select count(*)::int from file_blob_parts) as parts`);
  return row!;
}

/** Waits until the server has removed every spool file (it does so before it gives up a request). */
async function expectNoSpoolFiles() {
  const deadline = Date.now() + 5_000;
  while (readdirSync(spoolDir).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(readdirSync(spoolDir)).toEqual([]);
}

beforeAll(async () => {
  app = await createTestApp([{ slug: 'chain', document: buildChainDoc(2) }]);
  app.deps.files = createFileService(app.deps.database, {
    store: { kind: 'db' },
    maxUploadBytes: MAX,
    spoolDir,
  });
  ({ base, close } = await serveOnLoopback(app.deps));
  const kasi = await app.as('kasi');
  const [sop] = await kasi.sop.list();
  caseId = (await kasi.case.start({ sopId: sop!.id, title: 'Kasus unggah' })).caseId;
  cookie = await createSessionCookie(app.deps.database, (await kasi.auth.whoami()).id);
});
afterAll(async () => {
  await close();
  await app.close();
});

/** Sends the start of a multipart upload over a raw socket, then cuts the connection. */
async function sendAndCut(fileBytes: Buffer, sendBytes: number, withClosingBoundary: boolean) {
  const boundary = 'putus';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="caseId"\r\n\r\n${caseId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nktp\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ktp.png"\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, fileBytes, tail]);
  const { port } = new URL(base);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `POST /api/files HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nx-alur-csrf: 1\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  const part = withClosingBoundary ? body.subarray(0, sendBytes) : Buffer.concat([head, fileBytes]);
  for (let i = 0; i < part.length; i += 32_768) {
    socket.write(part.subarray(i, i + 32_768));
    await new Promise((r) => setImmediate(r));
  }
  try {
    // Cut only once the server is writing the file to its spool: the cut lands mid-upload.
    const deadline = Date.now() + 5_000;
    while (readdirSync(spoolDir).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    expect(readdirSync(spoolDir)).toHaveLength(1);
  } finally {
    // Also when the check failed: an upload left open would hold its spool file for later tests.
    socket.destroy();
  }
}

describe('uploads cut off mid-stream', () => {
  it('leave no row, no bytes and no spool file, whether cut in the file or before its end boundary', async () => {
    const before = await stored();
    const file = buildBulkyPng(400 * 1024);
    await sendAndCut(file, 200 * 1024, true); // half the file
    // The server removes a cut upload's spool file once it sees the connection close, a moment
    // after the cut: wait for that before the next upload, whose own file the next cut looks for.
    await expectNoSpoolFiles();
    await sendAndCut(file, 0, false); // the whole file, but the form never ends
    await expectNoSpoolFiles();
    expect(await stored()).toEqual(before);
    // The server is fine afterwards: the next upload goes through.
    const ok = await uploadFile(fetchWithCookie(cookie), base, {
      caseId,
      field: 'ktp',
      bytes: file,
      name: 'ktp.png',
    });
    expect(ok.status).toBe(201);
  });
});

describe('fuzzed uploads', () => {
  const names = fc.oneof(
    fc.constantFrom('../../etc/passwd', '..\\..\\windows\\win.ini', 'surat.pdf', '', '.', 'a'.repeat(10_000)),
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
  );
  const contents = fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 4096 }).map((b) => Buffer.from(b)),
    fc.constant(buildPeExecutable()),
    fc.constant(buildElfExecutable()),
    fc.constant(buildPng()),
    fc.constant(buildPdf()),
    fc.integer({ min: 1, max: 64 }).map((n) => buildBulkyPng(MAX + n)),
  );
  const guards = fc.constantFrom<Record<string, string> | false>(
    {},
    false,
    { 'sec-fetch-site': 'cross-site' },
    { origin: 'https://phishing.example' },
    { origin: 'null' },
  );
  const fields = fc.oneof(
    fc.constant('ktp'),
    fc.string({ maxLength: 80 }),
    fc.constantFrom('KTP', '__proto__', 'constructor', 'a'.repeat(64), 'a'.repeat(65)),
  );

  it('answer 4xx or a clean 201, never 5xx; a refused one stores nothing', async () => {
    const send = fetchWithCookie(cookie);
    await fc.assert(
      fc.asyncProperty(names, contents, guards, fields, async (name, bytes, guard, field) => {
        const before = await stored();
        const answer = await uploadFile(send, base, {
          caseId,
          field,
          bytes,
          name,
          type: 'application/pdf',
          csrf: guard === false ? false : '1',
          headers: guard === false ? {} : guard,
        }).catch((error: unknown) => ({ status: 0, body: String(error), headers: new Headers() }));
        expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBeGreaterThanOrEqual(200);
        expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBeLessThan(500);
        if (answer.status === 201) {
          expect(['image/png', 'application/pdf', 'image/jpeg', 'image/webp']).toContain(
            answer.body.contentType,
          );
          expect(answer.body.name).not.toMatch(/[/\\\p{Cc}]/u);
          expect(Array.from(answer.body.name as string).length).toBeLessThanOrEqual(200);
        } else {
          expect(answer.body.error.code).toEqual(expect.any(String));
          expect(await stored()).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
    await expectNoSpoolFiles();
  });

  it('answers a malformed multipart body with 400, never 5xx', async () => {
    const send = fetchWithCookie(cookie);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(
          'multipart/form-data; boundary=x',
          'multipart/form-data',
          'text/plain',
          'multipart/mixed; boundary=x',
        ),
        async (body, type) => {
          const res = await send(`${base}/api/files`, {
            method: 'POST',
            headers: { 'content-type': type, 'x-alur-csrf': '1' },
            body: Buffer.from(body),
          });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          await res.arrayBuffer();
        },
      ),
      { numRuns: 40 },
    );
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });
});
