import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SopDocument } from '@alur/schema';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { buildPng } from '../../testing/file-fixtures.ts';
import { serveOnLoopback, signIn } from '../../testing/http-client.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { uploadFile } from '../../testing/upload-client.ts';
import { runCli } from '../main.ts';
import { exportCaseFile, runRetention } from './retention.ts';

/*
 *  kasi lane:  (s: name, NIK, KTP scan, purpose) → [a] → (e)
 *  Two SOPs: "cepat" keeps personal data 1 year after closing, "biasa" the default 5.
 */
function sopWithForm(retensiTahun?: number): SopDocument {
  const plain = buildDoc({
    lanes: { kasi: 'position:kasi' },
    nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', e: 'end@kasi' },
    flows: ['s > a > e'],
  });
  return {
    ...plain,
    identity: { ...plain.identity, retensiTahun },
    dataFields: [
      { key: 'nama_pemohon', label: 'Nama pemohon', type: 'text', personal: true },
      { key: 'nik', label: 'NIK', type: 'nik' },
      { key: 'keperluan', label: 'Keperluan', type: 'text' },
      { key: 'ktp', label: 'Scan KTP', type: 'file' },
    ],
    nodes: plain.nodes.map((n) =>
      n.id === 's'
        ? {
            ...n,
            fields: [
              { key: 'nama_pemohon', mode: 'require' },
              { key: 'nik', mode: 'require' },
              { key: 'keperluan', mode: 'edit' },
              { key: 'ktp', mode: 'edit' },
            ],
          }
        : n,
    ),
  };
}

const NIK = '3328094501900003';
const YEAR = 366 * 86_400_000;
const out: string[] = [];
const io = { out: (line: string) => out.push(line), err: () => {}, cwd: '.' };
let app: TestApp;
let base: string;
let close: () => Promise<void>;
let sopIds: Record<string, string>;

beforeAll(async () => {
  app = await createTestApp([
    {
      slug: 'cepat',
      document: { ...sopWithForm(1), identity: { ...sopWithForm(1).identity, nama: 'Cepat' } },
    },
    { slug: 'biasa', document: { ...sopWithForm(), identity: { ...sopWithForm().identity, nama: 'Biasa' } } },
  ]);
  ({ base, close } = await serveOnLoopback(app.deps));
  const list = await (await app.as('kasi')).sop.list();
  sopIds = Object.fromEntries(list.map((s) => [s.name, s.id]));
});
afterAll(async () => {
  await close();
  await app.close();
});

/** Starts a case with a name, NIK, purpose and a KTP scan, and completes its one step. */
async function closedCase(sopName: string, shade: number) {
  const kasi = await signIn(base, 'kasi');
  const sopId = sopIds[sopName]!;
  const up = await uploadFile(kasi.fetch, base, {
    sopId,
    field: 'ktp',
    bytes: buildPng(6, 6, shade),
    name: 'ktp.png',
  });
  expect(up.status).toBe(201);
  const { caseId, number } = await kasi.client.case.start.mutate({
    sopId,
    title: `Permohonan ${sopName}`,
    data: { nama_pemohon: 'Sari Wulandari', nik: NIK, keperluan: 'Bantuan sekolah', ktp: [up.body.fileId] },
  });
  const task = (await kasi.client.task.inbox.query()).tasks.find((t) => t.caseId === caseId)!;
  await kasi.client.task.claim.mutate({ taskId: task.id });
  await kasi.client.task.complete.mutate({ taskId: task.id });
  return { caseId, number, kasi };
}

async function stored(caseId: string) {
  const [row] = await app.deps.database.query<{ data: Record<string, unknown>; files: number }>(
    sql`select data, (select count(*)::int from case_files where case_id = ${caseId}) as files from cases where id = ${caseId}`,
  );
  return row!;
}

describe('alur case export', () => {
  it("writes the data subject's case file: unmasked data, steps, timeline and the documents' bytes", async () => {
    const { number, caseId } = await closedCase('Cepat', 40);
    const file = join(mkdtempSync(join(tmpdir(), 'alur-export-')), 'kasus.zip');
    await exportCaseFile(app.deps.database, { number, out: file }, app.clock.now());
    const zip = unzipSync(readFileSync(file));
    const summary = JSON.parse(Buffer.from(zip['kasus.json']!).toString('utf8'));
    expect(summary.case).toMatchObject({ number, status: 'completed', sop: 'Cepat' });
    expect(summary.data).toContainEqual({ key: 'nik', label: 'NIK', value: NIK });
    expect(summary.steps).toEqual([expect.objectContaining({ step: 'Kegiatan a', status: 'completed' })]);
    expect(summary.documents).toHaveLength(1);
    expect(Buffer.from(zip[summary.documents[0].path]!)).toEqual(buildPng(6, 6, 40));
    const exported = await app.deps.database.query(
      sql`select 1 from audit_events where case_id = ${caseId} and action = 'case.exported'`,
    );
    expect(exported).toHaveLength(1);
  });
});

describe('usage', () => {
  it('refuses unknown options and a missing --out with a usage error (exit 2)', async () => {
    expect(await runCli(['retention', '--semua'], io)).toBe(2);
    expect(await runCli(['case', 'export', '2026/000001'], io)).toBe(2);
    expect(await runCli(['case', 'export', '2026/000001', '--keluar', 'x.zip'], io)).toBe(2);
  });
});

describe('alur retention', () => {
  it('lists only closed cases past their SOP retention, then erases personal values and files, once', async () => {
    const quick = await closedCase('Cepat', 50);
    const usual = await closedCase('Biasa', 60);
    const kasi = await app.as('kasi');
    const { caseId: open } = await kasi.case.start({
      sopId: sopIds.Cepat!,
      title: 'Masih berjalan',
      data: { nama_pemohon: 'Budi', nik: NIK },
    });

    out.length = 0;
    await runRetention(app.deps.database, false, new Date(app.clock.now().getTime() + 2 * YEAR), io);
    const listed = out.filter((l) => l.startsWith('20'));
    expect(listed.some((l) => l.startsWith(quick.number))).toBe(true);
    expect(listed.some((l) => l.startsWith(usual.number))).toBe(false);
    expect(listed.find((l) => l.startsWith(quick.number))).toMatch(/data: nama_pemohon, nik\tberkas: 1/);
    // Listing changes nothing.
    expect((await stored(quick.caseId)).data.nik).toBe(NIK);

    out.length = 0;
    await runRetention(app.deps.database, true, new Date(app.clock.now().getTime() + 2 * YEAR), io);
    const erased = await stored(quick.caseId);
    expect(erased).toEqual({ data: { keperluan: 'Bantuan sekolah' }, files: 0 });
    // The steps and timings stay; the erasure is audited without values.
    const view = await quick.kasi.client.case.get.query({ caseId: quick.caseId });
    expect(view.tasks.map((t) => t.status)).toEqual(['completed']);
    const event = view.events.find((e) => e.action === 'case.erased')!;
    expect(event.data).toMatchObject({ fields: ['nama_pemohon', 'nik'], files: 1, retentionYears: 1 });
    expect(JSON.stringify(view.events)).not.toContain(NIK);
    // Untouched: the 5-year SOP's case and the open case.
    expect((await stored(usual.caseId)).data.nik).toBe(NIK);
    expect((await stored(open)).data.nik).toBe(NIK);

    out.length = 0;
    await runRetention(app.deps.database, true, new Date(app.clock.now().getTime() + 2 * YEAR), io);
    expect(out.filter((l) => l.startsWith(quick.number))).toEqual([]);
    // Six years on, the 5-year case is due too.
    out.length = 0;
    await runRetention(app.deps.database, false, new Date(app.clock.now().getTime() + 6 * YEAR), io);
    expect(out.some((l) => l.startsWith(usual.number))).toBe(true);
  });
});
