import type { SopDocument } from '@alur/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ApiSession } from './lib/api.ts';
import { launchBrowser, openContext, saveScreenshot } from './lib/browser.ts';
import {
  dragConnection,
  dropFromPalette,
  edges,
  fillField,
  fillTextArea,
  fitView,
  lanes,
  signInDesigner,
  stepNodes,
} from './lib/designer.ts';
import { waitForCount, waitForText } from './lib/wait.ts';

const WIDE = { width: 1600, height: 1000 };
type Draft = { document: SopDocument; revision: number };
type Version = { number: number; effectiveDate: string; signer: { nama: string; jabatan: string } };

let browser: Browser;
let perancang: ApiSession;

beforeAll(async () => {
  browser = await launchBrowser();
  perancang = await ApiSession.signIn('perancang');
});
afterAll(async () => {
  await browser?.close();
});

/** The five lanes of the Tegal DTKS table and the catalogue positions they are bound to. */
const LANES = [
  ['Staf', 'staf'],
  ['Kasi', 'kasi'],
  ['Kabid', 'kabid'],
  ['Sekdin', 'sekdin'],
  ['Ka.Dinas', 'kadis'],
] as const;

async function addBoundLane(page: Page, name: string, positionKey: string) {
  await page.getByTestId('add-lane').click();
  await page.getByTestId('inspector-lane').waitFor();
  await fillField(page, 'field-lane-name', name);
  await page.getByTestId('field-lane-bind-position').check();
  await page.getByTestId('field-lane-position').selectOption(positionKey);
}

async function describeStep(page: Page, kegiatan: string, menit: number, output: string) {
  await fillTextArea(page, 'field-kegiatan', kegiatan);
  await fillField(page, 'field-waktu-amount', String(menit));
  await page.getByTestId('field-waktu-unit').selectOption('menit');
  await fillField(page, 'field-output', output);
}

describe('designer', () => {
  it('designer › draws the Tegal DTKS SOP from an empty canvas, saves, reloads and publishes it', async () => {
    const context = await openContext(browser, WIDE);
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'designer-dtks-failure'));
    await page.goto('/designer/');
    await signInDesigner(page, 'perancang');
    await page.getByTestId('sop-list').waitFor();
    await page.getByLabel('Nama SOP baru').fill('Surat Keterangan Terdata DTKS');
    await page.getByRole('button', { name: 'Buat SOP baru' }).click();
    await page.getByTestId('canvas').waitFor();
    await page.waitForURL(/#\/sop\//);
    const sopId = decodeURIComponent(new URL(page.url()).hash.slice('#/sop/'.length));

    for (const [name, key] of LANES) await addBoundLane(page, name, key);
    await waitForCount(lanes(page), 5);
    await fitView(page);

    // Rows top to bottom (canvas units below the lane tops); the decision sends a wrong letter back.
    const mulai = await dropFromPalette(page, 'start', 'Staf', 100);
    const periksa = await dropFromPalette(page, 'activity', 'Staf', 190);
    await describeStep(page, 'Memeriksa Kelengkapan Persyaratan Ajuan Pemohon', 5, 'Berkas ajuan lengkap');
    const buat = await dropFromPalette(page, 'activity', 'Staf', 290);
    await describeStep(page, 'Membuat Surat Keterangan DTKS', 5, 'Draf Surat Keterangan DTKS');
    const paraf = await dropFromPalette(page, 'decision', 'Kasi', 400);
    await describeStep(
      page,
      'Memeriksa dan memaraf Surat Keterangan DTKS',
      5,
      'Surat Keterangan DTKS diparaf',
    );
    const tandatangan = await dropFromPalette(page, 'activity', 'Kabid', 510);
    await describeStep(page, 'Menandatangani Surat Keterangan DTKS', 5, 'Surat Keterangan DTKS');
    const stempel = await dropFromPalette(page, 'activity', 'Staf', 610);
    await describeStep(
      page,
      'Memberikan Cap Stempel dan menyerahkan kepada Pemohon',
      10,
      'Surat Keterangan DTKS sah',
    );
    const selesai = await dropFromPalette(page, 'end', 'Staf', 700);

    // Unconnected symbols are errors until the arrows are drawn.
    await waitForText(page.getByTestId('validation-count'), /galat/);
    await fitView(page);
    const arrows: [string, string][] = [
      [mulai, periksa],
      [periksa, buat],
      [buat, paraf],
      [paraf, tandatangan],
      [paraf, buat],
      [tandatangan, stempel],
      [stempel, selesai],
    ];
    for (const [i, [from, to]] of arrows.entries()) {
      await dragConnection(page, from, to);
      await waitForCount(edges(page), i + 1);
    }

    await page.getByTestId('open-identity').click();
    await page.getByTestId('inspector-identity').waitFor();
    await fillField(page, 'field-identity-nomor', '460/15/DINSOS/2019');
    await fillField(page, 'field-identity-tanggalPembuatan', '2019-01-02');
    await fillField(page, 'field-identity-tanggalEfektif', '2019-01-02');
    await fillField(page, 'field-identity-signer-jabatan', 'Kepala Dinas Sosial Kabupaten Tegal');
    await fillField(page, 'field-identity-signer-nama', 'Drs. Contoh Pejabat');
    await fillField(page, 'field-identity-signer-nip', '196501011990031001');
    await fillField(page, 'field-identity-unit-nama', 'Dinas Sosial Kabupaten Tegal');

    await waitForText(page.getByTestId('validation-count'), /^Tidak ada masalah/);
    expect(await page.locator('[data-testid="validation-item"].error').count()).toBe(0);
    await expect
      .poll(
        async () => {
          const draft = await perancang.query<Draft>('sop.get', { sopId });
          return [draft.document.nodes.length, draft.document.edges.length, draft.document.identity.nomor];
        },
        { timeout: 20_000, interval: 200 },
      )
      .toEqual([7, 7, '460/15/DINSOS/2019']);
    await waitForText(page.getByTestId('save-status'), /^Tersimpan$/);
    await saveScreenshot(page, 'designer-dtks-drawn');

    const saved = (await perancang.query<Draft>('sop.get', { sopId })).document;
    const exits = saved.edges.filter((e) => e.source === paraf).map((e) => [e.label, e.target]);
    expect(exits.sort()).toEqual([
      ['tidak', buat],
      ['ya', tandatangan],
    ]);
    expect(saved.lanes.map((l) => [l.name, l.kind === 'position' ? l.positionKey : null])).toEqual(LANES);
    const step = saved.nodes.find((n) => n.id === periksa)!;
    expect(step.mutuBaku.waktu).toEqual({ amount: 5, unit: 'menit', perItem: false });
    expect(step.laneId).toBe(saved.lanes[0]!.id);
    expect(saved.nodes.find((n) => n.id === paraf)!.laneId).toBe(saved.lanes[1]!.id);

    await page.reload();
    await page.getByTestId('canvas').waitFor();
    await waitForCount(stepNodes(page), 7);
    await waitForCount(edges(page), 7);
    await waitForCount(lanes(page), 5);
    await waitForText(page.getByTestId(`node-${periksa}`), /Memeriksa Kelengkapan[\s\S]*5 menit/);
    await waitForText(page.getByTestId('validation-count'), /^Tidak ada masalah/);
    expect(await page.getByText('Pekerjaan yang belum tersimpan dipulihkan').count()).toBe(0);
    await context.close();

    // An administrator publishes it with the signer and the effective date.
    const adminContext = await openContext(browser, WIDE);
    const admin = await adminContext.newPage();
    await admin.goto(`/designer/#/sop/${encodeURIComponent(sopId)}`);
    await signInDesigner(admin, 'admin');
    await waitForCount(stepNodes(admin), 7);
    await admin.getByTestId('open-publish').click();
    const dialog = admin.getByTestId('publish-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Tanggal efektif').fill('2019-01-02');
    await dialog.getByLabel('Jabatan').fill('Kepala Dinas Sosial Kabupaten Tegal');
    await dialog.getByLabel('Nama', { exact: true }).fill('Drs. Penanda Tangan');
    await dialog.getByLabel('NIP').fill('196501011990031002');
    await dialog.getByLabel('Catatan').fill('Versi pertama');
    await dialog.getByTestId('publish-submit').click();
    await waitForText(dialog.getByText(/diterbitkan/), /^Versi 1 diterbitkan\.$/);
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await admin.getByRole('button', { name: 'Versi', exact: true }).click();
    await waitForText(admin.getByTestId('versions-dialog'), /Versi 1 · 2019-01-02 · Versi pertama/);
    await saveScreenshot(admin, 'designer-dtks-published');
    const versions = await perancang.query<Version[]>('sop.versions', { sopId });
    expect(versions.map((v) => [v.number, v.effectiveDate, v.signer.nama])).toEqual([
      [1, '2019-01-02', 'Drs. Penanda Tangan'],
    ]);
    await adminContext.close();
  });
});
