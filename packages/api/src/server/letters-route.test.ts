import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../seeds/load-seeds.ts';
import { fileServiceOf } from '../services/files/file-service.ts';
import { loadDemoLetters } from '../services/letters/demo-letters.ts';
import { createSofficeConverter } from '../services/letters/pdf-converter.ts';
import { buildPdf } from '../testing/file-fixtures.ts';
import { serveOnLoopback, signIn } from '../testing/http-client.ts';
import { readWordText } from '../testing/letter-fixtures.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { uploadFile } from '../testing/upload-client.ts';

/*
 * The demo's DTKS SOP with its Surat Keterangan template (seeds/templates), over HTTP: staf makes
 * the letter on step r2 ("Membuat surat keterangan DTKS"), downloads it like any case file, a
 * leader exports the register as Excel, and with a LibreOffice on PATH a PDF comes along.
 */
const dtks = loadSeed('tegal-dtks');
let app: TestApp;
let base: string;
let close: () => Promise<void>;
let caseId: string;
let taskId: string;

const APPLICANT = {
  nama_pemohon: 'Siti Aminah',
  nik: '3328094501900003',
  nomor_kk: '3328090101200001',
  alamat: 'Jl. Melati No. 5 RT 02/RW 03',
  desa_kelurahan: 'Procot',
  kecamatan: 'Slawi',
  keperluan: 'Pengajuan KIP (sekolah/universitas)',
  terdata_dtks: 'ya',
};

beforeAll(async () => {
  app = await createTestApp([dtks]);
  const [agency] = await app.testDb.database.query<{ id: string }>(sql`select id from agencies`);
  const [sop] = await app.testDb.database.query<{ id: string }>(sql`select id from sops`);
  const bound = await loadDemoLetters(
    { database: app.deps.database, store: fileServiceOf(app.deps).store, now: app.clock.now() },
    { agencyId: agency!.id, sopIds: { 'tegal-dtks': sop!.id } },
    [dtks],
  );
  expect(bound).toBe(1);
  ({ base, close } = await serveOnLoopback(app.deps));
  // The applicant's data on the start form, the scans and "terdata" on r1, as the runtime sends them.
  const staf = await signIn(base, 'staf');
  const { terdata_dtks, ...startData } = APPLICANT;
  ({ caseId } = await staf.client.case.start.mutate({
    sopId: sop!.id,
    title: 'Permohonan SKT DTKS',
    data: startData,
  }));
  const r1 = (await staf.client.task.inbox.query()).tasks.find((t) => t.caseId === caseId)!;
  expect((await staf.client.letter.forTask.query({ taskId: r1.id })).hasTemplate).toBe(false);
  const scans: Record<string, string[]> = {};
  for (const field of ['scan_ktp', 'scan_kk', 'surat_pengantar']) {
    const up = await uploadFile(staf.fetch, base, {
      caseId,
      taskId: r1.id,
      field,
      bytes: buildPdf(field),
      name: `${field}.pdf`,
    });
    expect(up.status).toBe(201);
    scans[field] = [up.body.fileId];
  }
  await staf.client.task.complete.mutate({ taskId: r1.id, data: { terdata_dtks, ...scans } });
  taskId = (await staf.client.task.inbox.query()).tasks.find((t) => t.caseId === caseId)!.id;
});
afterAll(async () => {
  await close();
  await app.close();
});

describe('letters over HTTP (demo DTKS)', () => {
  it('says at /healthz that no PDF converter was found', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ ok: true, pdfConverter: false });
  });

  it('makes the Surat Keterangan DTKS with the demo number format; it downloads like any case file', async () => {
    const staf = await signIn(base, 'staf');
    expect(await staf.client.letter.forTask.query({ taskId })).toMatchObject({
      hasTemplate: true,
      canGenerate: true,
      letter: null,
    });
    const letter = await staf.client.letter.generate.mutate({ taskId });
    expect(letter).toMatchObject({ number: '460/0001/Dinsos/2026', pdfFileId: null });
    const res = await staf.fetch(`${base}/api/files/${letter.fileId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const text = await readWordText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain('SURAT KETERANGAN');
    expect(text).toContain('Nomor: 460/0001/Dinsos/2026');
    expect(text).toContain('Nama\t: Siti Aminah');
    expect(text).toContain('Jl. Melati No. 5 RT 02/RW 03, Desa/Kel. Procot, Kec. Slawi');
    expect(text).toContain('adalah benar terdaftar dalam Data Terpadu');
    expect(text).toContain('keperluan Pengajuan KIP (sekolah/universitas).');
    expect(text).toContain('Dra. NURHAYATI,MM');
    expect(text).toContain('Slawi, 23 November 2026');
    const got = await staf.client.case.get.query({ caseId });
    expect(got.letters).toEqual([expect.objectContaining({ number: '460/0001/Dinsos/2026', nodeId: 'r2' })]);
  });

  it('exports the register as Excel to leaders and admins only', async () => {
    const kadis = await signIn(base, 'kadis');
    const res = await kadis.fetch(`${base}/api/letters/register.xlsx?from=2026-11-01&to=2026-11-30`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('buku-agenda-surat-keluar.xlsx');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Surat Keluar')!;
    expect(sheet.getRow(1).values).toEqual(
      expect.arrayContaining(['Nomor Surat', 'Tanggal', 'Nomor Kasus', 'Perihal', 'Tujuan / Penerima']),
    );
    expect(sheet.getRow(2).values).toEqual(
      expect.arrayContaining([
        '460/0001/Dinsos/2026',
        '23 November 2026',
        'Surat Keterangan Terdata DTKS',
        'Siti Aminah',
      ]),
    );
    // Outside the dates: headings only.
    const empty = await kadis.fetch(`${base}/api/letters/register.xlsx?from=2026-12-01`);
    const emptyBook = new ExcelJS.Workbook();
    await emptyBook.xlsx.load(Buffer.from(await empty.arrayBuffer()) as unknown as ArrayBuffer);
    expect(emptyBook.getWorksheet('Surat Keluar')!.rowCount).toBe(1);

    const staf = await signIn(base, 'staf');
    expect((await staf.fetch(`${base}/api/letters/register.xlsx`)).status).toBe(403);
    expect((await fetch(`${base}/api/letters/register.xlsx`)).status).toBe(401);
    expect((await kadis.fetch(`${base}/api/letters/register.xlsx?from=kemarin`)).status).toBe(400);
  });

  it('attaches a PDF too when LibreOffice is found (a stand-in soffice on this machine)', async () => {
    // LibreOffice is not installed here: a script that answers like `soffice --convert-to pdf`.
    const dir = mkdtempSync(join(tmpdir(), 'alur-soffice-'));
    const fake = join(dir, 'soffice');
    writeFileSync(
      fake,
      `#!/bin/sh
out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; last="$a"; done
base=$(basename "$last" .docx)
printf '%%PDF-1.4\\n%% %s\\n%%%%EOF\\n' "$(wc -c < "$last")" > "$out/$base.pdf"
`,
    );
    chmodSync(fake, 0o755);
    app.deps.pdfConverter = createSofficeConverter(fake);
    try {
      const staf = await signIn(base, 'staf');
      const letter = await staf.client.letter.generate.mutate({ taskId });
      expect(letter.number).toBe('460/0001/Dinsos/2026');
      expect(letter.pdfFileId).toEqual(expect.any(String));
      const res = await staf.fetch(`${base}/api/files/${letter.pdfFileId}`);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toMatch(/^%PDF-1\.4/);
      const got = await staf.client.case.get.query({ caseId });
      expect(got.letters[0]).toMatchObject({ fileId: letter.fileId, pdfFileId: letter.pdfFileId });
    } finally {
      app.deps.pdfConverter = null;
    }
  });
});
