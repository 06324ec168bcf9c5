import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ApiSession } from './lib/api.ts';
import { DESKTOP, launchBrowser, openContext, saveScreenshot, signInContext } from './lib/browser.ts';
import { readBaseUrl, resolveArtifactDir } from './lib/env.ts';
import { decodeQrOnFirstPage, readPdfText } from './lib/pdf.ts';
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

describe('runtime › receipt and public tracking', () => {
  it('runtime › a DTKS case’s receipt, printed from its page, has a QR code that opens /lacak, which shows the step and never the name', async () => {
    const applicant = `Siti Aminah Lacak ${Date.now()}`;
    // Seeded through the API with the start form filled (the runtime's start form is another
    // screen's test); the receipt is then taken from the case page, as staff reprint it.
    const api = await ApiSession.signIn('staf');
    const dtks = (await api.query<{ id: string; name: string }[]>('sop.list')).find((s) =>
      s.name.includes('DTKS'),
    )!;
    const started = await api.mutate<{ caseId: string; number: string; trackingCode: string }>('case.start', {
      sopId: dtks.id,
      title: 'Surat keterangan DTKS',
      data: {
        nama_pemohon: applicant,
        nik: '3328094501900003',
        alamat: 'Jl. Melati 3, Slawi',
        keperluan: 'Subsidi listrik (PLN)',
      },
    });
    const staffContext = await openContext(browser);
    await signInContext(staffContext, 'staf');
    const staf = await staffContext.newPage();
    onTestFailed(async () => saveScreenshot(staf, 'tracking-failure-staf'));
    await staf.goto(`/#/cases/${started.caseId}`);
    await waitForText(staf.getByTestId('tracking-code'), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    const code = (await staf.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toBe(started.trackingCode);
    await saveScreenshot(staf, 'tracking-case-page');

    // Open the receipt as the browser would (the link's own address, the session's cookie).
    const href = (await staf.getByTestId('receipt-print-a4').getAttribute('href'))!;
    const res = await staffContext.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const file = `${resolveArtifactDir()}tracking-receipt.pdf`;
    writeFileSync(file, await res.body());
    const text = readPdfText(file);
    expect(text).toContain(code);
    expect(text).toContain(started.number);
    expect(text).toContain(applicant);
    const scanned = decodeQrOnFirstPage(file);
    expect(scanned).toBe(`${readBaseUrl()}/lacak/${code.replace(/-/g, '')}`);
    await staffContext.close();

    // A citizen scans it on a 360 px phone: no login, the step in plain words, not the name.
    const phone = await openContext(browser, PHONE_360);
    const page = await phone.newPage();
    onTestFailed(async () => saveScreenshot(page, 'tracking-failure-phone'));
    await page.goto(scanned!);
    await waitForText(page.getByTestId('track-step'), /sedang diproses oleh Staf/);
    await waitForText(page.getByTestId('track-status'), /Sedang diproses/);
    const shown = (await page.locator('body').textContent())!;
    for (const secret of [applicant, '3328094501900003', 'Melati', 'PLN'])
      expect(shown).not.toContain(secret);
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
