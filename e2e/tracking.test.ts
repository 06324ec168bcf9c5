import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DESKTOP, launchBrowser, openContext, saveScreenshot, signInContext } from './lib/browser.ts';
import { readBaseUrl, resolveArtifactDir } from './lib/env.ts';
import { decodeQrOnFirstPage, readPdfText } from './lib/pdf.ts';
import { waitForCount, waitForText } from './lib/wait.ts';

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
  it('runtime › a DTKS case gets a receipt whose QR code opens /lacak, which shows the step and never the name', async () => {
    const applicant = `Siti Aminah Lacak ${Date.now()}`;
    const staffContext = await openContext(browser);
    await signInContext(staffContext, 'staf');
    const staf = await staffContext.newPage();
    onTestFailed(async () => saveScreenshot(staf, 'tracking-failure-staf'));
    await staf.goto('/#/start');
    await staf.getByTestId('sop-search').fill('DTKS');
    await waitForCount(staf.getByTestId('sop-choice'), 1);
    await staf.getByTestId('sop-choice').check();
    await staf.getByTestId('case-title').fill(applicant);
    await staf.getByTestId('start-submit').click();
    await staf.getByTestId('case-started').waitFor();
    // The receipt is offered at once, with the tracking code.
    const code = (await staf.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    await saveScreenshot(staf, 'tracking-case-started');

    // Open the receipt as the browser would (the link's own address, the session's cookie).
    const href = (await staf.getByTestId('receipt-print').getAttribute('href'))!;
    const res = await staffContext.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const file = `${resolveArtifactDir()}tracking-receipt.pdf`;
    writeFileSync(file, await res.body());
    const text = readPdfText(file);
    expect(text).toContain(code);
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
    expect(await page.locator('body').textContent()).not.toContain(applicant);
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
