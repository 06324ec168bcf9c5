import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ApiSession, findSeededSop } from './lib/api.ts';
import { launchBrowser, openContext, PHONE, saveScreenshot, signInContext } from './lib/browser.ts';
import { waitForText } from './lib/wait.ts';

type CaseView = { case: { status: string }; tasks: { id: string; status: string; positionKey: string }[] };

let browser: Browser;
let admin: ApiSession;
let kadis: ApiSession;
let lakipId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await ApiSession.signIn('admin');
  kadis = await ApiSession.signIn('kadis');
  lakipId = (await findSeededSop(admin, '(LAKIP)')).id;
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Starts a LAKIP case as the admin; its first task (row 1) goes to the Kepala Dinas. Found through
 * the case, not the inbox: the inbox's first page holds the 50 soonest due of however many cases
 * the other browser tests left open.
 */
async function startLakip(title: string): Promise<{ caseId: string; taskId: string }> {
  const { caseId } = await admin.mutate<{ caseId: string }>('case.start', { sopId: lakipId, title });
  const view = await admin.query<CaseView>('case.get', { caseId });
  const task = view.tasks.find((t) => t.status === 'open' && t.positionKey === 'kadis');
  if (!task) throw new Error(`LAKIP case ${caseId} has no open Kepala Dinas task`);
  return { caseId, taskId: task.id };
}

async function openAs(username: string, path: string): Promise<Page> {
  const context = await openContext(browser);
  await signInContext(context, username);
  const page = await context.newPage();
  onTestFailed(async () => saveScreenshot(page, `cancel-reassign-failure-${username}`));
  await page.goto(path);
  return page;
}

describe('runtime › cancel and hand over', () => {
  it('runtime › "Batalkan kasus" asks for a reason, then the case is cancelled and its task leaves the inbox', async () => {
    const title = `Batal e2e ${Date.now()}`;
    const { caseId } = await startLakip(title);
    const page = await openAs('kadis', `/#/cases/${caseId}`);
    await page.getByTestId('case-cancel').click();
    const dialog = page.getByTestId('case-cancel-dialog');
    await dialog.getByTestId('case-cancel-confirm').click();
    await waitForText(dialog.getByRole('alert'), /wajib diisi/);
    await page.setViewportSize(PHONE);
    await saveScreenshot(page, 'case-cancel-dialog-375');
    await dialog.getByTestId('case-cancel-reason').fill('Pemohon menarik berkasnya');
    await dialog.getByTestId('case-cancel-confirm').click();
    await waitForText(page.getByTestId('case-cancel-reason-shown'), /Pemohon menarik berkasnya/);
    expect(await page.getByTestId('case-cancel').count()).toBe(0);
    const after = await admin.query<CaseView>('case.get', { caseId });
    expect(after.case.status).toBe('cancelled');
    expect(after.tasks.filter((t) => t.status === 'open' || t.status === 'claimed')).toEqual([]);
    // No open task is left, so nothing of the case is in any inbox (the API test checks the inbox).
    await page.context().close();
  });

  it('runtime › "Alihkan" hands a claimed task to a colleague holding the same position', async () => {
    const name = `Kadis Pengganti ${Date.now()}`;
    await admin.mutate('admin.users.create', {
      username: `kadis-${Date.now().toString(36)}`,
      displayName: name,
      password: 'sandi-panjang-sekali',
      permissions: ['staff', 'leader'],
      positions: ['kadis'],
    });
    const { taskId } = await startLakip(`Alihkan e2e ${Date.now()}`);
    await kadis.mutate('task.claim', { taskId });
    const page = await openAs('kadis', `/#/tasks/${taskId}`);
    await page.getByTestId('reassign').click();
    const dialog = page.getByTestId('reassign-dialog');
    await dialog.getByTestId('reassign-to').selectOption({ label: name });
    await page.setViewportSize(PHONE);
    await saveScreenshot(page, 'task-reassign-dialog-375');
    await dialog.getByTestId('reassign-confirm').click();
    await waitForText(page.getByTestId('task-claim-state'), new RegExp(name));
    // No longer the claimer: the actions to finish it are gone from this user's page.
    expect(await page.getByTestId('complete').count()).toBe(0);
    await page.context().close();
  });
});
