import type { SopDocument } from '@alur/schema';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, caseFiles, letterCounters, letterTemplates } from '../../db/schema.ts';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { buildPdf, buildXlsx } from '../../testing/file-fixtures.ts';
import { buildWordTemplate, readWordText } from '../../testing/letter-fixtures.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { fileServiceOf } from '../files/file-service.ts';
import { eraseCase } from '../retention.ts';
import { readTemplateBytes } from './template-bytes.ts';

/*
 *  staf lane:  (s) → [buat: Membuat surat] → [arsip] → (e)
 *
 * The letter is bound to "buat"; "arsip" has no template.
 */
const doc: SopDocument = {
  ...buildDoc({
    lanes: { staf: 'position:staf' },
    nodes: { s: 'start@staf', buat: 'activity@staf 1 jam', arsip: 'activity@staf 1 jam', e: 'end@staf' },
    flows: ['s > buat > arsip > e'],
  }),
  dataFields: [
    { key: 'nama_pemohon', label: 'Nama pemohon', type: 'text' },
    { key: 'nik', label: 'NIK', type: 'nik' },
    { key: 'tanggal_lahir', label: 'Tanggal lahir', type: 'date' },
    { key: 'terdata', label: 'Terdata DTKS', type: 'yesno' },
    { key: 'foto_rumah', label: 'Foto rumah', type: 'file', multiple: true },
  ],
};
doc.identity.disahkanOleh = {
  jabatan: 'Kepala Dinas Sosial',
  nama: 'Dra. Nurhayati, MM',
  nip: '197006241990012001',
};

const LINES = [
  'Nomor: {nomor_surat}',
  '{instansi.nama} — {instansi.alamat}',
  'Yang bertanda tangan menerangkan bahwa {nama_pemohon}, NIK {nik}, lahir {tanggal_lahir},',
  '{#terdata}terdata dalam DTKS{/terdata}{^terdata}tidak terdata{/terdata} (kasus {kasus.nomor}).',
  '{#foto_rumah}Lampiran {nomor}: {nama}{/foto_rumah}',
  'Slawi, {tanggal}',
  '{penandatangan.jabatan}',
  '{penandatangan.nama}',
  'NIP {penandatangan.nip}',
];

let app: TestApp;
let sopId: string;
let agencyId: string;
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function upload(lines: string[] | Uint8Array, nodeId = 'buat') {
  const bytes = Array.isArray(lines) ? await buildWordTemplate(lines) : lines;
  const admin = await app.as('admin');
  return admin.letter.uploadTemplate({
    sopId,
    nodeId,
    fileName: 'surat.docx',
    contentBase64: toBase64(bytes),
  });
}

/** A new case whose first task is "buat", with the applicant's data in `cases.data`. */
async function startCase(data: Record<string, unknown> = APPLICANT) {
  const staf = await app.as('staf');
  const { caseId } = await staf.case.start({ sopId, title: `Permohonan ${data.nama_pemohon ?? ''}` });
  await app.testDb.database.db.execute(
    sql`update cases set data = ${JSON.stringify(data)}::jsonb where id = ${caseId}`,
  );
  const task = (await staf.task.inbox()).tasks.find((t) => t.caseId === caseId)!;
  return { caseId, taskId: task.id };
}

const APPLICANT = {
  nama_pemohon: 'Siti Aminah',
  nik: '3328094501900003',
  tanggal_lahir: '1990-01-05',
  terdata: true,
};

async function letterText(fileId: string): Promise<string> {
  const [file] = await app.testDb.database.db.select().from(caseFiles).where(eq(caseFiles.fileId, fileId));
  return readWordText(await readTemplateBytes(app.deps, file!));
}

async function counterRows() {
  return app.testDb.database.db.select().from(letterCounters);
}

beforeAll(async () => {
  app = await createTestApp([{ slug: 'surat', document: doc }]);
  const [agency] = await app.testDb.database.query<{ id: string }>(sql`select id from agencies`);
  agencyId = agency!.id;
  const admin = await app.as('admin');
  sopId = (await admin.sop.list())[0]!.id;
  await admin.letter.updateSettings({ format: '{kode}/{urut:4}/{unit}/{tahun}', unit: 'Dinsos' });
  await admin.letter.updateOutput({
    sopId,
    nodeId: 'buat',
    kode: '470',
    format: null,
    subject: 'Surat Keterangan DTKS',
    recipientField: 'nama_pemohon',
    signer: null,
  });
});
afterAll(async () => {
  await app.close();
});

describe('letter templates', () => {
  it('lists every tag that names no field, in Indonesian, and stores nothing', async () => {
    const [blobsBefore] = await app.testDb.database.query<{ n: number }>(
      sql`select count(*)::int as n from file_blobs`,
    );
    await expect(
      upload(['Kepada {nama_pemohon}', 'di {alamat_rumah}, RT {rt}', '{nomor_surat}']),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('{alamat_rumah}, {rt}'),
      cause: { code: 'TEMPLATE_UNKNOWN_TAGS', details: { tags: ['alamat_rumah', 'rt'] } },
    });
    // A loop item tag is only known inside a loop over a multiple file field.
    await expect(upload(['{nama}'])).rejects.toMatchObject({ cause: { details: { tags: ['nama'] } } });
    const rows = await app.testDb.database.db.select().from(letterTemplates);
    const [blobsAfter] = await app.testDb.database.query<{ n: number }>(
      sql`select count(*)::int as n from file_blobs`,
    );
    expect(rows).toEqual([]);
    expect(blobsAfter!.n).toBe(blobsBefore!.n);
  });

  it('refuses what is not a Word document by its bytes, whatever its name', async () => {
    for (const bytes of [
      new Uint8Array(buildPdf('bukan surat')),
      new TextEncoder().encode('{nama_pemohon}'),
      // A zip, but a spreadsheet: no word/document.xml.
      new Uint8Array(buildXlsx()),
    ]) {
      await expect(upload(bytes)).rejects.toMatchObject({ cause: { code: 'TEMPLATE_NOT_DOCX' } });
    }
    await expect(upload(['{nama_pemohon'])).rejects.toMatchObject({ cause: { code: 'TEMPLATE_SYNTAX' } });
    expect(await app.testDb.database.db.select().from(letterTemplates)).toEqual([]);
  });

  it('keeps the bytes a template names through files gc', async () => {
    const uploaded = await upload(['Surat untuk {nama_pemohon}'], 'arsip');
    const { removed } = await fileServiceOf(app.deps).store.collectGarbage({ graceMinutes: 0 });
    expect(removed).toBe(0);
    const [blob] = await app.testDb.database.query<{ n: number }>(
      sql`select count(*)::int as n from file_blob_parts where sha256 = ${uploaded.sha256}`,
    );
    expect(blob!.n).toBe(1);
    await (await app.as('admin')).letter.removeTemplate({ sopId, nodeId: 'arsip' });
  });

  it('answers 400 LETTER_NO_TEMPLATE for a step without a template', async () => {
    const { taskId } = await startCase();
    const staf = await app.as('staf');
    await expect(staf.letter.generate({ taskId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'LETTER_NO_TEMPLATE' },
    });
    expect(await counterRows()).toEqual([]);
  });
});

describe('letter.generate', () => {
  let first: { caseId: string; taskId: string; number: string; fileId: string };

  beforeAll(async () => {
    const uploaded = await upload(LINES);
    expect(uploaded.tags).toContain('kasus.nomor');
  });

  it('fills the template with the case data and numbers it in the configured format', async () => {
    const { caseId, taskId } = await startCase();
    const db = app.testDb.database.db;
    await db.insert(caseFiles).values(
      ['depan.jpg', 'dapur.jpg'].map((name, i) => ({
        fileId: crypto.randomUUID(),
        agencyId,
        caseId,
        field: 'foto_rumah',
        name,
        size: 1,
        contentType: 'image/jpeg',
        sha256: 'x'.repeat(64),
        uploadedBy: '00000000-0000-0000-0000-000000000000',
        uploadedAt: new Date(Date.UTC(2026, 10, 23, 1, i)).toISOString(),
      })),
    );
    const staf = await app.as('staf');
    const letter = await staf.letter.generate({ taskId });
    expect(letter).toMatchObject({ number: '470/0001/Dinsos/2026', pdfFileId: null });
    const text = await letterText(letter.fileId);
    expect(text).toContain('Nomor: 470/0001/Dinsos/2026');
    expect(text).toContain('menerangkan bahwa Siti Aminah, NIK 3328094501900003, lahir 5 Januari 1990,');
    expect(text).toContain('terdata dalam DTKS (kasus 2026/');
    expect(text).not.toContain('tidak terdata');
    expect(text).toContain('Lampiran 1: depan.jpgLampiran 2: dapur.jpg');
    // The test clock: 2026-11-23 01:00 UTC = 23 November 2026 in WIB.
    expect(text).toContain('Slawi, 23 November 2026');
    expect(text).toContain('Dinas Sosial Kabupaten Tegal — Jl. Dr. Soetomo');
    expect(text).toContain('Dra. Nurhayati, MM\nNIP 197006241990012001');

    const got = await staf.case.get({ caseId });
    expect(got.letters).toEqual([
      expect.objectContaining({ number: '470/0001/Dinsos/2026', fileId: letter.fileId, nodeId: 'buat' }),
    ]);
    expect(got.files.find((f) => f.fileId === letter.fileId)).toMatchObject({
      field: 'surat_buat',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, caseId), eq(auditEvents.action, 'letter.generated')));
    expect(event!.data).toMatchObject({ number: '470/0001/Dinsos/2026', fileId: letter.fileId });
    // No personal data in the audit record of the letter.
    expect(JSON.stringify(event!.data)).not.toContain('Siti');
    first = { caseId, taskId, ...letter };
  });

  it('keeps the number when generated again, and gives the next one on request (audited)', async () => {
    const staf = await app.as('staf');
    await app.testDb.database.db.execute(
      sql`update cases set data = data || '{"nama_pemohon": "Siti Aminah Rahayu"}'::jsonb where id = ${first.caseId}`,
    );
    const again = await staf.letter.generate({ taskId: first.taskId });
    expect(again.number).toBe(first.number);
    expect(again.fileId).not.toBe(first.fileId);
    expect(await letterText(again.fileId)).toContain('bahwa Siti Aminah Rahayu,');

    // Another case takes the next serial meanwhile.
    const other = await startCase({ ...APPLICANT, nama_pemohon: 'Budi' });
    expect((await staf.letter.generate({ taskId: other.taskId })).number).toBe('470/0002/Dinsos/2026');

    const renumbered = await staf.letter.generate({ taskId: first.taskId, newNumber: true });
    expect(renumbered.number).toBe('470/0003/Dinsos/2026');
    expect(await letterText(renumbered.fileId)).toContain('Nomor: 470/0003/Dinsos/2026');
    const got = await staf.case.get({ caseId: first.caseId });
    expect(got.letters.map((l) => l.number)).toEqual(['470/0003/Dinsos/2026']);
    const audit = await app.testDb.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, first.caseId), eq(auditEvents.action, 'letter.renumbered')));
    expect(audit.map((a) => a.data)).toEqual([
      expect.objectContaining({ from: '470/0001/Dinsos/2026', to: '470/0003/Dinsos/2026' }),
    ]);
    // The register keeps the replaced number: no gap in the archive.
    const register = await (await app.as('kadis')).letter.register({});
    expect(register.letters.map((l) => [l.number, l.replacedByNumber])).toEqual([
      ['470/0001/Dinsos/2026', '470/0003/Dinsos/2026'],
      ['470/0002/Dinsos/2026', null],
      ['470/0003/Dinsos/2026', null],
    ]);
    expect(register.letters[1]).toMatchObject({ subject: 'Surat Keterangan DTKS', recipient: 'Budi' });
    expect((await (await app.as('kadis')).letter.register({ q: 'budi' })).letters).toHaveLength(1);
  });

  it('survives retention erasing the case: the register entry stays, without its file or recipient', async () => {
    const { caseId, taskId } = await startCase();
    const letter = await (await app.as('staf')).letter.generate({ taskId });
    await (await app.as('staf')).case.cancel({ caseId, reason: 'Pemohon menarik berkasnya' });
    const erased = await eraseCase(
      app.testDb.database,
      {
        caseId,
        agencyId,
        number: '',
        sopName: '',
        closedAt: app.clock.now().toISOString(),
        retentionYears: 0,
        fields: ['nik', 'nama_pemohon'],
        files: 1,
      },
      app.clock.now(),
    );
    expect(erased).toBe(true);
    const register = await (await app.as('admin')).letter.register({ q: letter.number });
    expect(register.letters).toEqual([
      expect.objectContaining({
        number: letter.number,
        fileId: null,
        recipient: '',
        subject: 'Surat Keterangan DTKS',
      }),
    ]);
  });

  it('replays an idempotent retry without a second number', async () => {
    const { taskId } = await startCase();
    const staf = await app.as('staf');
    const a = await staf.letter.generate({ taskId, idempotencyKey: 'surat-retry-1' });
    const b = await staf.letter.generate({ taskId, idempotencyKey: 'surat-retry-1' });
    expect(b).toEqual(a);
    const [counter] = await counterRows();
    expect(counter!.last).toBe(Number(a.number.split('/')[1]));
  });

  it('refuses a letter with an empty field, naming it, and takes no number', async () => {
    const before = await counterRows();
    const { taskId } = await startCase({ nama_pemohon: 'Tanpa NIK', terdata: false });
    const staf = await app.as('staf');
    await expect(staf.letter.generate({ taskId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('"NIK" {nik}'),
      cause: { code: 'LETTER_FIELD_EMPTY', details: { fields: ['nik', 'tanggal_lahir'] } },
    });
    expect(await counterRows()).toEqual(before);
  });

  it('gives the serial back when the generation fails after taking it', async () => {
    const before = await counterRows();
    const { taskId } = await startCase();
    const files = fileServiceOf(app.deps);
    const storeWithin = files.store.storeWithin;
    files.store.storeWithin = async () => {
      throw new Error('disk full');
    };
    try {
      await expect((await app.as('staf')).letter.generate({ taskId })).rejects.toThrow();
    } finally {
      files.store.storeWithin = storeWithin;
    }
    expect(await counterRows()).toEqual(before);
    const next = await (await app.as('staf')).letter.generate({ taskId });
    expect(Number(next.number.split('/')[1])).toBe(before[0]!.last + 1);
  });

  it('lets only holders of the position generate', async () => {
    const { taskId } = await startCase();
    // kasi does not see the staf task at all; admin sees it but does not hold the position.
    await expect((await app.as('kasi')).letter.generate({ taskId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect((await app.as('admin')).letter.generate({ taskId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      cause: { code: 'NOT_YOUR_POSITION' },
    });
  });

  it('restarts the serial each year, by the agency calendar', async () => {
    // 31 December 2026 23:30 WIB is still 2026; 00:30 WIB on 1 January is 2027 (UTC: 31 December).
    app.clock.set('2026-12-31T16:30:00.000Z');
    const late = await startCase();
    const lastOf2026 = await (await app.as('staf')).letter.generate({ taskId: late.taskId });
    expect(lastOf2026.number).toMatch(/^470\/\d{4}\/Dinsos\/2026$/);
    app.clock.set('2026-12-31T17:30:00.000Z');
    const early = await startCase();
    const first2027 = await (await app.as('staf')).letter.generate({ taskId: early.taskId });
    expect(first2027.number).toBe('470/0001/Dinsos/2027');
    expect(await letterText(first2027.fileId)).toContain('Slawi, 1 Januari 2027');
    app.clock.set('2026-11-23T01:00:00.000Z');
  });

  it('fills a case on a published version with the template that version pinned', async () => {
    const admin = await app.as('admin');
    await upload(LINES.map((l) => l.replace('Nomor:', 'Nomor (v2):')));
    await admin.sop.publish({
      sopId,
      note: 'v2',
      effectiveDate: '2026-11-01',
      signer: doc.identity.disahkanOleh,
    });
    await upload(LINES.map((l) => l.replace('Nomor:', 'Nomor (baru):')));
    const { taskId } = await startCase();
    const letter = await (await app.as('staf')).letter.generate({ taskId });
    expect(await letterText(letter.fileId)).toContain('Nomor (v2): ');
    const forTask = await (await app.as('staf')).letter.forTask({ taskId });
    expect(forTask).toMatchObject({
      hasTemplate: true,
      canGenerate: true,
      letter: { number: letter.number },
    });
  });
});
