import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { decodeQrOnFirstPage, readPdfText } from '../packages/api/src/testing/pdf-qr.ts';
import { ApiSession, findSeededSop } from './lib/api.ts';
import { DESKTOP, launchBrowser, openContext, saveScreenshot, signInContext } from './lib/browser.ts';
import { readBaseUrl, resolveArtifactDir } from './lib/env.ts';
import { waitForText } from './lib/wait.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The narrowest phone the public page is made for. */
const PHONE_360 = { width: 360, height: 740 };
const NIK = '3328094501900003';

describe('runtime › receipt and public tracking', () => {
  it('runtime › a DTKS case’s receipt, printed at its start, has a QR code that opens /lacak, which shows the step and never the name', async () => {
    const applicant = `Siti Aminah Lacak ${Date.now()}`;
    // Staf starts the case at the counter: the start form with the applicant's data and a KTP scan.
    const staffContext = await openContext(browser);
    await signInContext(staffContext, 'staf');
    const staf = await staffContext.newPage();
    onTestFailed(async () => saveScreenshot(staf, 'tracking-failure-staf'));
    await staf.goto('/#/start');
    const dtks = await findSeededSop(await ApiSession.signIn('staf'), 'SURAT KETERANGAN TERDATA DTKS');
    await staf.getByTestId('sop-search').fill('TERDATA DTKS');
    await staf.locator(`[data-testid="sop-choice"][value="${dtks.id}"]`).check();
    await staf.getByTestId('form-fields').waitFor();
    await staf.getByTestId('case-title').fill('Surat keterangan DTKS');
    await staf.getByTestId('field-nama_pemohon').fill(applicant);
    await staf.getByTestId('field-nik').fill(NIK);
    await staf.getByTestId('field-alamat').fill('Jl. Melati 3, Slawi');
    await staf.getByTestId('field-keperluan').selectOption('Subsidi listrik (PLN)');
    await staf.getByTestId('file-pick-scan_ktp').setInputFiles({
      name: 'ktp.png',
      mimeType: 'image/png',
      buffer: PNG.sync.write(new PNG({ width: 8, height: 8 })),
    });
    await waitForText(staf.getByTestId('file-slot-scan_ktp').getByTestId('slot-file'), /ktp\.png/);
    await staf.getByTestId('start-submit').click();
    await staf.getByTestId('case-started').waitFor();
    // The receipt is offered at once, with the tracking code.
    await waitForText(staf.getByTestId('tracking-code'), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    const code = (await staf.getByTestId('tracking-code').textContent())!.trim();
    await saveScreenshot(staf, 'tracking-case-started');
    const number = /\d{4}\/\d{6}/.exec((await staf.getByTestId('case-started').textContent())!)![0];

    // Open the receipt as the browser would (the link's own address, the session's cookie).
    const href = (await staf.getByTestId('receipt-print-a4').getAttribute('href'))!;
    const res = await staffContext.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const file = `${resolveArtifactDir()}tracking-receipt.pdf`;
    writeFileSync(file, await res.body());
    const text = readPdfText(file);
    expect(text).toContain(code);
    expect(text).toContain(number);
    expect(text).toContain(applicant);
    expect(text).toMatch(/Fotokopi KTP\s+diterima/);
    expect(text).toMatch(/Fotokopi KK\s+belum diterima/);
    const scanned = decodeQrOnFirstPage(file);
    expect(scanned).toBe(`${readBaseUrl()}/lacak/${code.replace(/-/g, '')}`);
    // The case page offers the same receipt for a reprint.
    await staf.getByRole('link', { name: 'Lihat kasus' }).click();
    await waitForText(staf.getByTestId('tracking-code'), new RegExp(`^${code}$`));
    expect(await staf.getByTestId('receipt-print-f4').getAttribute('href')).toMatch(
      /receipt\.pdf\?paper=f4$/,
    );
    await saveScreenshot(staf, 'tracking-case-page');
    await staffContext.close();

    // A citizen scans it on a 360 px phone: no login, the step in plain words, not the name.
    const phone = await openContext(browser, PHONE_360);
    const page = await phone.newPage();
    onTestFailed(async () => saveScreenshot(page, 'tracking-failure-phone'));
    await page.goto(scanned!);
    await waitForText(page.getByTestId('track-step'), /sedang diproses oleh Staf/);
    await waitForText(page.getByTestId('track-status'), /Sedang diproses/);
    const shown = (await page.locator('body').textContent())!;
    for (const secret of [applicant, NIK, 'Melati', 'PLN', 'ktp.png']) expect(shown).not.toContain(secret);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toMatch(/noindex/);
    // Readable at 360 px: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // No script at all, so none of the signed-in app.
    expect(await page.locator('script').count()).toBe(0);
    await saveScreenshot(page, 'tracking-lacak-360');

    // Typing the code in the form (lower case, spaces) lands on the same answer; a wrong code says so.
    await page.goto('/lacak');
    await page.getByLabel('Kode lacak').fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Lacak' }).click();
    await waitForText(page.getByTestId('track-step'), /sedang diproses oleh Staf/);
    await page.getByLabel('Kode lacak').fill('SALAH-KODE');
    await page.getByRole('button', { name: 'Lacak' }).click();
    await waitForText(page.getByRole('alert'), /tidak ditemukan/);
    await phone.close();

    const desktop = await openContext(browser, DESKTOP);
    const wide = await desktop.newPage();
    await wide.goto(scanned!);
    await waitForText(wide.getByTestId('track-step'), /sedang diproses oleh Staf/);
    expect(await wide.locator('body').textContent()).not.toContain(applicant);
    await saveScreenshot(wide, 'tracking-lacak-desktop');
    await desktop.close();
  });
});
