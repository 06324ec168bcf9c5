import type { DataField, NodeField, SopDocument } from '@alur/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { buildPng } from '../../testing/file-fixtures.ts';
import { serveOnLoopback, signIn } from '../../testing/http-client.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { uploadFile } from '../../testing/upload-client.ts';

/*
 *  kasi lane:  (s: start form) → [a: survey form] → [b] → (e)
 *  The start form asks the applicant's name, NIK, address and a KTP scan; step a reads them and
 *  requires the survey note; b only reads.
 */
const dataFields: DataField[] = [
  { key: 'nama_pemohon', label: 'Nama pemohon', type: 'text' },
  { key: 'nik', label: 'NIK', type: 'nik' },
  { key: 'alamat', label: 'Alamat', type: 'longtext' },
  { key: 'penghasilan', label: 'Penghasilan', type: 'money' },
  { key: 'ktp', label: 'Scan KTP', type: 'file', kelengkapan: 'Fotokopi KTP' },
  { key: 'catatan_survei', label: 'Catatan survei', type: 'longtext' },
];
const forms: Record<string, NodeField[]> = {
  s: [
    { key: 'nama_pemohon', mode: 'require' },
    { key: 'nik', mode: 'require' },
    { key: 'alamat', mode: 'edit' },
    { key: 'penghasilan', mode: 'edit' },
    { key: 'ktp', mode: 'require' },
  ],
  a: [
    { key: 'nama_pemohon', mode: 'read' },
    { key: 'nik', mode: 'read' },
    { key: 'alamat', mode: 'edit' },
    { key: 'catatan_survei', mode: 'require' },
  ],
  b: [{ key: 'catatan_survei', mode: 'read' }],
};
const base0 = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', b: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > b > e'],
});
const doc: SopDocument = {
  ...base0,
  dataFields,
  nodes: base0.nodes.map((n) => ({ ...n, fields: forms[n.id] ?? [] })),
};

const NIK = '3328094501900003';
let app: TestApp;
let base: string;
let close: () => Promise<void>;
let sopId: string;

beforeAll(async () => {
  app = await createTestApp([{ slug: 'a', document: doc }]);
  ({ base, close } = await serveOnLoopback(app.deps));
  sopId = (await (await app.as('kasi')).sop.list())[0]!.id;
});
afterAll(async () => {
  await close();
  await app.close();
});

async function stageKtp(session: Awaited<ReturnType<typeof signIn>>) {
  const up = await uploadFile(session.fetch, base, {
    sopId,
    field: 'ktp',
    bytes: buildPng(4, 4, 90),
    name: 'ktp.png',
  });
  expect(up.status).toBe(201);
  return up.body.fileId as string;
}

async function caseCount() {
  const [row] = await app.deps.database.query<{ n: number }>(sql`select count(*)::int as n from cases`);
  return row!.n;
}

async function startFilled(title = 'Permohonan Ibu Sari') {
  const kasi = await signIn(base, 'kasi');
  const ktp = await stageKtp(kasi);
  const started = await kasi.client.case.start.mutate({
    sopId,
    title,
    data: {
      nama_pemohon: '  Sari Wulandari ',
      nik: NIK,
      alamat: 'Jl. Melati 3, Slawi',
      penghasilan: '1.250.000',
      ktp: [ktp],
    },
  });
  return { ...started, ktp, kasi };
}

describe('the start form', () => {
  it('is offered by case.startForm with its fields, modes and kelengkapan', async () => {
    const form = await (await app.as('kasi')).case.startForm({ sopId });
    expect(form.nodeId).toBe('s');
    expect(form.form.map((f) => [f.key, f.mode])).toEqual(forms.s!.map((f) => [f.key, f.mode]));
    expect(form.form.find((f) => f.key === 'ktp')).toMatchObject({
      type: 'file',
      kelengkapan: 'Fotokopi KTP',
    });
    expect(form.form.find((f) => f.key === 'nik')).toMatchObject({ personal: true });
  });

  it('refuses a missing required field and a bad NIK with 400 naming each field, writing nothing', async () => {
    const before = await caseCount();
    const kasi = await signIn(base, 'kasi');
    const refusal = await kasi.client.case.start
      .mutate({ sopId, title: 'Kurang data', data: { nama_pemohon: 'Sari', nik: '1234' } })
      .catch((e: unknown) => e);
    expect(refusal).toMatchObject({ data: { code: 'BAD_REQUEST', appCode: 'INVALID_FORM_DATA' } });
    const issues = (refusal as { data: { issues: { path: string; code: string; message: string }[] } }).data
      .issues;
    expect(issues.map((i) => [i.path, i.code]).sort()).toEqual([
      ['ktp', 'REQUIRED'],
      ['nik', 'NIK_INVALID'],
    ]);
    expect(issues.find((i) => i.path === 'ktp')!.message).toBe('Berkas "Scan KTP" wajib diunggah.');
    expect(await caseCount()).toBe(before);
  });

  it('takes staged files only from their uploader, once', async () => {
    const kasi = await signIn(base, 'kasi');
    const admin = await signIn(base, 'admin');
    const adminsFile = await stageKtp(admin);
    const data = { nama_pemohon: 'Sari', nik: NIK, ktp: [adminsFile] };
    await expect(kasi.client.case.start.mutate({ sopId, title: 'x', data })).rejects.toMatchObject({
      data: {
        appCode: 'INVALID_FORM_DATA',
        issues: [expect.objectContaining({ path: 'ktp', code: 'FILE_INVALID' })],
      },
    });
    // A staged file is its uploader's alone: another user cannot download it.
    expect((await kasi.fetch(`${base}/api/files/${adminsFile}`)).status).toBe(404);
    expect((await admin.fetch(`${base}/api/files/${adminsFile}`)).status).toBe(200);
    await admin.client.case.start.mutate({ sopId, title: 'y', data });
    await expect(admin.client.case.start.mutate({ sopId, title: 'z', data })).rejects.toMatchObject({
      data: { appCode: 'INVALID_FORM_DATA' },
    });
  });

  it('stores cleaned values, attaches the scan, masks personal values in case.get and audits the change', async () => {
    const { caseId, ktp, kasi } = await startFilled();
    const view = await kasi.client.case.get.query({ caseId });
    expect(view.data).toEqual({
      nama_pemohon: 'Sari Wulandari',
      nik: '3328********0003',
      alamat: 'J*. M***** 3, S****',
      penghasilan: 1250000,
    });
    expect(view.files).toEqual([
      expect.objectContaining({ fileId: ktp, field: 'ktp', contentType: 'image/png' }),
    ]);
    const changed = view.events.filter((e) => e.action === 'data.changed');
    expect(changed.map((e) => (e.data as { key: string }).key).sort()).toEqual([
      'alamat',
      'nama_pemohon',
      'nik',
      'penghasilan',
    ]);
    // The audit never holds a personal value in clear.
    const nikChange = changed.find((e) => (e.data as { key: string }).key === 'nik')!;
    expect(nikChange.data).toMatchObject({ old: null, new: '3328********0003', personal: true });
    expect(JSON.stringify(view.events)).not.toContain(NIK);
    expect(view.events.map((e) => e.action)).toContain('file.uploaded');
    // The stored row has the clear value.
    const [row] = await app.deps.database.query<{ data: Record<string, unknown> }>(
      sql`select data from cases where id = ${caseId}`,
    );
    expect(row!.data.nik).toBe(NIK);
  });
});

describe('the task form', () => {
  it('shows the step form with masked values and refuses completion without the required field', async () => {
    const { caseId, kasi } = await startFilled();
    const task = (await kasi.client.task.inbox.query()).tasks.find((t) => t.caseId === caseId)!;
    const page = await kasi.client.task.get.query({ taskId: task.id });
    expect(page.form).toEqual([
      expect.objectContaining({ key: 'nama_pemohon', mode: 'read', value: 'Sari Wulandari' }),
      expect.objectContaining({ key: 'nik', mode: 'read', value: '3328********0003' }),
      expect.objectContaining({ key: 'alamat', mode: 'edit', value: 'J*. M***** 3, S****' }),
      expect.objectContaining({ key: 'catatan_survei', mode: 'require', value: null }),
    ]);
    expect(page.files).toHaveLength(1);
    await kasi.client.task.claim.mutate({ taskId: task.id });
    await expect(kasi.client.task.complete.mutate({ taskId: task.id })).rejects.toMatchObject({
      data: { appCode: 'INVALID_FORM_DATA', issues: [expect.objectContaining({ path: 'catatan_survei' })] },
    });
    // A read-only field cannot be changed by sending it.
    await expect(
      kasi.client.task.complete.mutate({ taskId: task.id, data: { nik: NIK, catatan_survei: 'Layak' } }),
    ).rejects.toMatchObject({
      data: { issues: [expect.objectContaining({ path: 'nik', code: 'READ_ONLY' })] },
    });
    expect((await kasi.client.task.get.query({ taskId: task.id })).task.status).toBe('claimed');

    await kasi.client.task.complete.mutate({
      taskId: task.id,
      data: { catatan_survei: 'Rumah tidak layak huni', alamat: 'Jl. Mawar 9, Slawi' },
    });
    const view = await kasi.client.case.get.query({ caseId });
    expect(view.data).toMatchObject({
      catatan_survei: 'Rumah tidak layak huni',
      alamat: 'J*. M**** 9, S****',
    });
    const alamat = view.events.find(
      (e) =>
        e.action === 'data.changed' && (e.data as { key: string }).key === 'alamat' && e.taskId === task.id,
    );
    expect(alamat?.data).toMatchObject({ old: 'J*. M***** 3, S****', new: 'J*. M**** 9, S****' });
  });

  it('reveals one value to someone who may see the case, audited; 404 to others', async () => {
    const { caseId, kasi } = await startFilled();
    await expect(kasi.client.case.revealField.mutate({ caseId, key: 'nik' })).resolves.toEqual({
      key: 'nik',
      value: NIK,
    });
    const revealed = (await kasi.client.case.get.query({ caseId })).events.filter(
      (e) => e.action === 'data.revealed',
    );
    expect(revealed).toHaveLength(1);
    expect(revealed[0]!.data).toMatchObject({ key: 'nik' });
    expect(JSON.stringify(revealed[0]!.data)).not.toContain(NIK);
    await expect((await app.as('perancang')).case.revealField({ caseId, key: 'nik' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('case.search', () => {
  it('finds by exact NIK, by a word of the name and by number, among visible cases, masked', async () => {
    const { caseId, number, kasi } = await startFilled('Permohonan Bapak Joko');
    await kasi.client.case.start.mutate({
      sopId,
      title: 'Permohonan lain',
      data: { nama_pemohon: 'Budi Hartono', nik: '3328094501900011', ktp: [await stageKtp(kasi)] },
    });
    const byNik = await kasi.client.case.search.query({ q: NIK });
    expect(byNik.map((c) => c.id)).toContain(caseId);
    expect(byNik.every((c) => c.data.nik === '3328********0003')).toBe(true);
    expect(JSON.stringify(byNik)).not.toContain(NIK);
    const byName = await kasi.client.case.search.query({ q: 'budi' });
    expect(byName.map((c) => c.data.nama_pemohon)).toEqual(['Budi Hartono']);
    expect(byName[0]!.currentStep).toMatch(/^Kegiatan a \(.+\)$/);
    // The case list says where each case is now, too.
    const listed = await kasi.client.case.list.query();
    expect(listed.find((c) => c.id === caseId)?.currentStep).toBe(byName[0]!.currentStep);
    expect((await kasi.client.case.search.query({ q: number })).map((c) => c.id)).toEqual([caseId]);
    // Someone who may not see the cases finds nothing.
    expect(await (await app.as('perancang')).case.search({ q: NIK })).toEqual([]);
  });

  it('follows the case file as the steps change it, and keeps it through steps that do not', async () => {
    const { caseId, kasi } = await startFilled('Permohonan Ibu Kenanga');
    const ids = async (q: string) => (await kasi.client.case.search.query({ q })).map((c) => c.id);
    expect(await ids('melati')).toContain(caseId);
    const taskOf = async () => (await kasi.client.task.inbox.query()).tasks.find((t) => t.caseId === caseId)!;
    await kasi.client.task.complete.mutate({
      taskId: (await taskOf()).id,
      data: { catatan_survei: 'Atap bocor parah', alamat: 'Jl. Cempaka 1, Slawi' },
    });
    expect(await ids('cempaka')).toEqual([caseId]);
    expect(await ids('bocor')).toEqual([caseId]);
    expect(await ids('melati')).not.toContain(caseId);
    // Step b only reads the file: the case stays findable by what the earlier steps wrote.
    await kasi.client.task.complete.mutate({ taskId: (await taskOf()).id });
    expect((await kasi.client.case.get.query({ caseId })).case.status).toBe('completed');
    expect(await ids('cempaka')).toEqual([caseId]);
    expect(await ids('kenanga')).toEqual([caseId]);
  });
});
