import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ApiSession, findSeededSop } from './lib/api.ts';
import { launchBrowser, openContext, PHONE, saveScreenshot, signInContext } from './lib/browser.ts';
import { waitForCount, waitForText } from './lib/wait.ts';

type CaseTasks = { tasks: { id: string; status: string }[] };

const LAPTOP = { width: 1366, height: 768 };
// Jawa Tengah (33), Kab. Tegal (28), district 09, a woman (day 05 + 40) born 5 January 1990.
const NIK = '3328094501900003';
const NIK_MASKED = '3328********0003';

let crcTable: number[] | null = null;
function crc32(bytes: Buffer): number {
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A small real PNG standing in for a phone photo of a card: a blue card with a photo box and
 * text lines (the server sniffs the bytes, so it must be a genuine PNG).
 */
function makeScanPng(width = 171, height = 108, tint = 0): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const photo = x > 120 && x < 160 && y > 30 && y < 90;
      const line = x > 12 && x < 110 && y > 30 && y % 12 < 3;
      const [r, g, b] = photo ? [200, 200, 210] : line ? [30, 40, 60] : [120 + tint, 170, 220];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function captureBothSizes(page: Page, name: string) {
  await saveScreenshot(page, `${name}-1366`);
  await page.setViewportSize(PHONE);
  await saveScreenshot(page, `${name}-375`);
  // Nothing may stick out sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(LAPTOP);
}

let browser: Browser;
let dtksId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await ApiSession.signIn('admin');
  dtksId = (await findSeededSop(admin, 'SURAT KETERANGAN TERDATA DTKS')).id;
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('case file', () => {
  it('case file › a peksos starts a DTKS case with a KTP scan, staf completes the check, the NIK is masked until revealed', async () => {
    const pages: Page[] = [];
    onTestFailed(async () => {
      for (const [i, p] of pages.entries()) await saveScreenshot(p, `case-file-failure-${i}`);
    });
    const title = `DTKS e2e ${Date.now()}`;

    // 1. Peksos: the start form, checked in the browser before anything is sent.
    const peksosContext = await openContext(browser, LAPTOP);
    contexts.push(peksosContext);
    await signInContext(peksosContext, 'peksos');
    const peksos = await peksosContext.newPage();
    pages.push(peksos);
    await peksos.goto('/#/start');
    await peksos.getByTestId('sop-search').fill('TERDATA DTKS');
    await peksos.locator(`[data-testid="sop-choice"][value="${dtksId}"]`).check();
    await peksos.getByTestId('form-fields').waitFor();
    await peksos.getByTestId('case-title').fill(title);
    await peksos.getByTestId('start-submit').click();
    await waitForText(peksos.getByTestId('field-issue-nama_pemohon'), /wajib diisi/);
    await waitForText(peksos.getByTestId('field-issue-nik'), /wajib diisi/);

    await peksos.getByTestId('field-nama_pemohon').fill('Siti Aminah');
    // A NIK with a date of birth that cannot be (day 32) is explained while typing.
    await peksos.getByTestId('field-nik').fill('3328093201900003');
    await waitForText(peksos.getByTestId('nik-hint'), /tanggal lahir/i);
    await peksos.getByTestId('field-nik').fill(NIK);
    await waitForText(peksos.getByTestId('nik-hint'), /Jawa Tengah, perempuan, lahir 5 Januari 1990/);
    await peksos.getByTestId('field-alamat').fill('Jl. Merpati No. 7, RT 02/RW 03');
    await peksos.getByTestId('field-desa_kelurahan').fill('Kalisapu');
    await peksos.getByTestId('field-telepon').fill('0812-3456-7890');
    await peksos.getByTestId('field-keperluan').selectOption('Subsidi listrik (PLN)');
    await expect(peksos.getByTestId('form-field-scan_ktp').innerText()).resolves.toMatch(
      /Persyaratan: Fotokopi KTP/,
    );
    await peksos
      .getByTestId('file-pick-scan_ktp')
      .setInputFiles({ name: 'ktp-siti.png', mimeType: 'image/png', buffer: makeScanPng() });
    const slot = peksos.getByTestId('file-slot-scan_ktp');
    await waitForText(slot.getByTestId('slot-file'), /ktp-siti\.png/);
    expect(await peksos.getByTestId('field-issue-nama_pemohon').count()).toBe(0);
    await captureBothSizes(peksos, 'case-file-start-form');

    await peksos.getByTestId('start-submit').click();
    await peksos.getByTestId('case-started').waitFor();
    await peksos.getByRole('link', { name: 'Lihat kasus' }).click();
    await peksos.getByTestId('case-heading').waitFor();
    const caseId = decodeURIComponent(new URL(peksos.url()).hash.slice('#/cases/'.length));
    await waitForText(peksos.getByTestId('case-value-nik'), new RegExp(`^${escapeRegExp(NIK_MASKED)}$`));
    await waitForCount(peksos.getByTestId('case-file'), 1);

    // 2. Staf: the task page shows the start form's data (NIK masked) and the KTP already in the case.
    const staf = await ApiSession.signIn('staf');
    const detail = await staf.query<CaseTasks>('case.get', { caseId });
    const task = detail.tasks.find((t) => t.status === 'open')!;
    const stafContext = await openContext(browser, LAPTOP);
    contexts.push(stafContext);
    await signInContext(stafContext, 'staf');
    const stafPage = await stafContext.newPage();
    pages.push(stafPage);
    await stafPage.goto(`/#/tasks/${task.id}`);
    await waitForText(stafPage.getByTestId('field-value-nama_pemohon'), /^Siti Aminah$/);
    await waitForText(stafPage.getByTestId('field-value-nik'), new RegExp(`^${escapeRegExp(NIK_MASKED)}$`));
    await waitForText(stafPage.getByTestId('file-slot-scan_ktp'), /ktp-siti\.png/);
    await waitForText(stafPage.getByTestId('form-field-scan_kk'), /Persyaratan: Fotokopi KK/);

    // Completing without the KK scan is refused beside the field, before any request.
    await stafPage.getByTestId('complete').click();
    await waitForText(stafPage.getByTestId('field-issue-scan_kk'), /Scan KK.*wajib diunggah/);
    await waitForText(stafPage.getByTestId('field-issue-terdata_dtks'), /wajib diisi/);
    await stafPage
      .getByTestId('file-pick-scan_kk')
      .setInputFiles({ name: 'kk-siti.png', mimeType: 'image/png', buffer: makeScanPng(171, 108, 40) });
    await waitForText(stafPage.getByTestId('file-slot-scan_kk').getByTestId('slot-file'), /kk-siti\.png/);
    await stafPage
      .getByTestId('file-pick-surat_pengantar')
      .setInputFiles({ name: 'pengantar.png', mimeType: 'image/png', buffer: makeScanPng(120, 160, 80) });
    await waitForText(
      stafPage.getByTestId('file-slot-surat_pengantar').getByTestId('slot-file'),
      /pengantar\.png/,
    );
    await stafPage.getByTestId('field-terdata_dtks-ya').check();
    await captureBothSizes(stafPage, 'case-file-task-form');

    // The server's own refusal lands beside its field and keeps what was entered: this once the
    // request is altered on its way (Ya becomes "mungkin"), as a client without the check would send.
    await stafPage.route('**/api/trpc/task.complete**', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<
        string,
        { data?: Record<string, unknown> }
      >;
      for (const call of Object.values(body)) if (call.data) call.data.terdata_dtks = 'mungkin';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await stafPage.getByTestId('complete').click();
    await waitForText(stafPage.getByTestId('field-issue-terdata_dtks'), /Terdata di DTKS.*ya atau tidak/);
    await waitForText(stafPage.getByTestId('error'), /perlu diperbaiki/);
    await stafPage.unroute('**/api/trpc/task.complete**');
    expect(await stafPage.getByTestId('field-terdata_dtks-ya').isChecked()).toBe(true);
    await waitForText(stafPage.getByTestId('file-slot-scan_kk').getByTestId('slot-file'), /kk-siti\.png/);
    await stafPage.getByTestId('complete').click();
    await stafPage.getByTestId('task-done').or(stafPage.getByTestId('task-not-open')).first().waitFor();

    // 3. The case file: data masked until "Tampilkan", documents by requirement with the scans inline.
    await stafPage.goto(`/#/cases/${caseId}`);
    await waitForText(stafPage.getByTestId('case-value-nik'), new RegExp(`^${escapeRegExp(NIK_MASKED)}$`));
    await waitForText(stafPage.getByTestId('case-value-nama_pemohon'), /Siti Aminah/);
    await waitForText(stafPage.getByTestId('case-value-terdata_dtks'), /^Ya$/);
    await waitForCount(stafPage.getByTestId('case-file'), 3);
    await waitForText(
      stafPage.getByTestId('doc-group-scan_ktp'),
      /Persyaratan: Fotokopi KTP[\s\S]*ktp-siti\.png/,
    );
    const ktpImage = stafPage.getByTestId('doc-group-scan_ktp').locator('img');
    await ktpImage.scrollIntoViewIfNeeded();
    await expect
      .poll(() => ktpImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 10_000,
      })
      .toBe(171);
    await captureBothSizes(stafPage, 'case-file-case-page');
    await stafPage.getByTestId('reveal-nik').click();
    await waitForText(stafPage.getByTestId('case-value-nik'), new RegExp(`^${NIK}$`));

    // 4. Search by the exact NIK finds the case, its data masked in the list.
    await stafPage.goto('/#/cases');
    await stafPage.getByTestId('case-search').fill(NIK);
    const row = stafPage.getByTestId('case-search-row').filter({ hasText: title });
    await waitForCount(row, 1);
    const rowText = await row.innerText();
    expect(rowText).toContain(NIK_MASKED);
    expect(rowText).not.toContain(NIK);
    await captureBothSizes(stafPage, 'case-file-search');

    // Leave no open DTKS task in staf's inbox: runtime.test.ts expects it without claimable rows.
    const peksosApi = await ApiSession.signIn('peksos');
    await peksosApi.mutate('case.cancel', { caseId, reason: 'e2e case-file selesai' });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
