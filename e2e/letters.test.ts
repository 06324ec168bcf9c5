import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ApiSession, findSeededSop } from './lib/api.ts';
import { launchBrowser, openContext, PHONE, saveScreenshot, signInContext } from './lib/browser.ts';
import { waitForText } from './lib/wait.ts';

type CaseView = {
  tasks: { id: string; nodeId: string; status: string }[];
  letters: { number: string; fileId: string | null }[];
};

/** A PDF by its magic bytes: what a scan upload is sniffed as. */
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const NUMBER = /^460\/\d{4}\/Dinsos\/\d{4}$/;

let browser: Browser;
let staf: ApiSession;
let dtksId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  staf = await ApiSession.signIn('staf');
  dtksId = (await findSeededSop(staf, 'SURAT KETERANGAN TERDATA DTKS')).id;
});
afterAll(async () => {
  await browser?.close();
});

/** A DTKS case through row 1 (start form, the three scans, "terdata"), so its step r2 is open. */
async function startDtksCase(): Promise<{ caseId: string; taskId: string }> {
  const { caseId } = await staf.mutate<{ caseId: string }>('case.start', {
    sopId: dtksId,
    title: `Surat e2e ${Date.now()}`,
    data: {
      nama_pemohon: 'Siti Aminah',
      nik: '3328094501900003',
      alamat: 'Jl. Melati No. 5',
      keperluan: 'Subsidi listrik (PLN)',
    },
  });
  const r1 = (await staf.query<CaseView>('case.get', { caseId })).tasks.find((t) => t.nodeId === 'r1')!;
  const scans: Record<string, string[]> = {};
  for (const field of ['scan_ktp', 'scan_kk', 'surat_pengantar']) {
    scans[field] = [await staf.upload({ caseId, field, taskId: r1.id, bytes: PDF, name: `${field}.pdf` })];
  }
  await staf.mutate('task.complete', { taskId: r1.id, data: { terdata_dtks: 'ya', ...scans } });
  const r2 = (await staf.query<CaseView>('case.get', { caseId })).tasks.find(
    (t) => t.nodeId === 'r2' && t.status === 'open',
  )!;
  return { caseId, taskId: r2.id };
}

async function openAs(username: string, path: string): Promise<Page> {
  const context = await openContext(browser);
  await signInContext(context, username);
  const page = await context.newPage();
  onTestFailed(async () => saveScreenshot(page, `letters-failure-${username}`));
  await page.goto(path);
  return page;
}

describe('runtime › letters', () => {
  it('runtime › staf makes the numbered Surat Keterangan DTKS on the task page; the case page and the register list it', async () => {
    const { caseId, taskId } = await startDtksCase();
    const page = await openAs('staf', `/#/tasks/${taskId}`);
    await page.getByTestId('letter-make').click();
    await waitForText(page.getByTestId('letter-number'), NUMBER);
    const number = (await page.getByTestId('letter-number').textContent())!.trim();
    await saveScreenshot(page, 'letter-task-1280');
    await page.setViewportSize(PHONE);
    await saveScreenshot(page, 'letter-task-375');

    // The link downloads the DOCX as a case file.
    const href = await page.getByTestId('letter-docx').getAttribute('href');
    const docx = await staf.download(href!);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');

    // Made again: the same number.
    await page.getByTestId('letter-make').click();
    await waitForText(page.getByRole('status'), new RegExp(number.replace(/\//g, '\\/')));
    expect((await page.getByTestId('letter-number').textContent())!.trim()).toBe(number);
    const view = await staf.query<CaseView>('case.get', { caseId });
    expect(view.letters.map((l) => l.number)).toEqual([number]);

    await page.goto(`/#/cases/${caseId}`);
    await waitForText(page.getByTestId('case-letters'), new RegExp(number.replace(/\//g, '\\/')));
    await page.context().close();

    // A leader (Kepala Dinas) reads the buku agenda from the menu, not only an administrator.
    const kadis = await openAs('kadis', '/');
    await kadis.getByRole('link', { name: 'Surat keluar' }).first().click();
    await waitForText(kadis.getByTestId('letters-register'), new RegExp(number.replace(/\//g, '\\/')));
    await saveScreenshot(kadis, 'letter-register-1280');
    await kadis.context().close();
  });
});
