import { readFileSync } from 'node:fs';
import type { SopDocument } from '@alur/schema';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ApiSession, findSeededSop } from './lib/api.ts';
import { DESKTOP, launchBrowser, openContext, PHONE, saveScreenshot, signInContext } from './lib/browser.ts';
import {
  inboxRows,
  isSameDocument,
  openLiveInbox,
  recordAppearances,
  signInRuntime,
  trackInFlight,
  waitForLive,
} from './lib/runtime.ts';
import { waitForCount, waitForText } from './lib/wait.ts';

type InboxTask = { id: string; positionKey: string; caseTitle: string };

const lakip = JSON.parse(
  readFileSync(new URL('../seeds/tegal-lakip.json', import.meta.url), 'utf8'),
) as SopDocument;
const kegiatanOf = (nodeId: string) => lakip.nodes.find((n) => n.id === nodeId)!.kegiatan.trim();

/**
 * The LAKIP journey (seeds/tegal-lakip.json): row 6 answers `tidak` once, which sends the draft
 * back to Kasi's row 5; the second time round both decisions answer `ya`.
 */
const JOURNEY: { row: string; user: string; outcome?: 'ya' | 'tidak' }[] = [
  { row: 'r1', user: 'kadis' },
  { row: 'r2', user: 'kabid' },
  { row: 'r3', user: 'kasi' },
  { row: 'r4', user: 'staf' },
  { row: 'r5', user: 'kasi' },
  { row: 'r6', user: 'kabid', outcome: 'tidak' },
  { row: 'r5', user: 'kasi' },
  { row: 'r6', user: 'kabid', outcome: 'ya' },
  { row: 'r7', user: 'kadis', outcome: 'ya' },
  { row: 'r8', user: 'kabid' },
  { row: 'r9', user: 'kasi' },
  { row: 'r10', user: 'staf' },
];

let browser: Browser;
let admin: ApiSession;
let lakipId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await ApiSession.signIn('admin');
  lakipId = (await findSeededSop(admin, '(LAKIP)')).id;
});
afterAll(async () => {
  await browser?.close();
});

/** Screenshots the page at desktop width and on a phone, then puts the desktop size back. */
async function captureBothSizes(page: Page, name: string) {
  await saveScreenshot(page, `${name}-1280`);
  await page.setViewportSize(PHONE);
  await saveScreenshot(page, `${name}-375`);
  await page.setViewportSize(DESKTOP);
}

describe('runtime', () => {
  /** Finished LAKIP cases as the evaluation (default period) counts them. */
  async function completedLakipCases(): Promise<number> {
    const report = await admin.query<{ sops: { sopId: string; completedCases: number }[] }>(
      'report.evaluation',
      {
        sopId: lakipId,
      },
    );
    return report.sops.find((s) => s.sopId === lakipId)?.completedCases ?? 0;
  }

  it('runtime › six users run the Tegal LAKIP SOP to the end with a tidak at row 6, live in their inboxes', async () => {
    const title = `LAKIP 2025 e2e ${Date.now()}`;
    // The demo agency has a history: the dashboard must count this case on top of what was there.
    const completedBefore = await completedLakipCases();
    const contexts: BrowserContext[] = [];
    const inboxes = new Map<string, Page>();
    onTestFailed(async () => {
      for (const [user, page] of inboxes) await saveScreenshot(page, `runtime-failure-${user}`);
    });
    for (const user of ['kadis', 'kabid', 'kasi', 'staf']) {
      const context = await openContext(browser);
      contexts.push(context);
      await signInContext(context, user);
      inboxes.set(user, await openLiveInbox(context));
    }

    // Sekdin signs in through the login page and starts the case from the SOP list.
    const sekdinContext = await openContext(browser);
    contexts.push(sekdinContext);
    const sekdin = await sekdinContext.newPage();
    await sekdin.goto('/#/start');
    await signInRuntime(sekdin, 'sekdin');
    await sekdin.getByTestId('sop-search').fill('LAKIP');
    await waitForCount(sekdin.getByTestId('sop-choice'), 1);
    await sekdin.getByTestId('sop-choice').check();
    await sekdin.getByTestId('case-title').fill(title);
    await sekdin.getByTestId('start-submit').click();
    await waitForText(sekdin.getByTestId('first-task'), /Kepala Dinas|kadis/);
    await sekdin.getByRole('link', { name: 'Lihat kasus' }).click();
    await sekdin.getByTestId('case-heading').waitFor();
    const caseId = decodeURIComponent(new URL(sekdin.url()).hash.slice('#/cases/'.length));

    for (const [i, step] of JOURNEY.entries()) {
      const page = inboxes.get(step.user)!;
      const row = inboxRows(page, title);
      // The task arrives through the live stream: same document, no reload, no polling by the test.
      await waitForCount(row, 1);
      expect(await isSameDocument(page)).toBe(true);
      await waitForText(row, new RegExp(escapeRegExp(kegiatanOf(step.row).slice(0, 40))));
      if (step.row === 'r5' && i === 6) await captureBothSizes(page, 'runtime-inbox');
      await row.getByTestId('inbox-open').click();
      await waitForText(
        page.getByTestId('task-kegiatan'),
        new RegExp(`^${escapeRegExp(kegiatanOf(step.row))}$`),
      );
      if (step.outcome === 'tidak') await captureBothSizes(page, 'runtime-task');

      const next = JOURNEY[i + 1];
      if (next) {
        await waitForLive(inboxes.get(next.user)!);
        expect(await inboxRows(inboxes.get(next.user)!, title).count()).toBe(0);
      }
      await page.getByTestId(step.outcome ? `decide-${step.outcome}` : 'complete').click();
      // The confirmation gives way to "not open" once the task refetches; either shows it is done.
      await page.getByTestId('task-done').or(page.getByTestId('task-not-open')).first().waitFor();
      await page.getByTestId('nav-inbox').click();
      await waitForCount(inboxRows(page, title), 0);
    }

    // The case page (sekdin started it) shows every attempt, the loop included, and the end.
    await sekdin.reload();
    await waitForText(sekdin.getByTestId('case-heading'), new RegExp(escapeRegExp(title)));
    await waitForText(sekdin.locator('main'), /Selesai/);
    await waitForCount(sekdin.getByTestId('case-steps').locator('tbody tr'), JOURNEY.length);
    await captureBothSizes(sekdin, 'runtime-case');
    const detail = await admin.query<{ case: { status: string }; tasks: { outcome: string | null }[] }>(
      'case.get',
      { caseId },
    );
    expect(detail.case.status).toBe('completed');
    expect(detail.tasks.map((t) => t.outcome).filter(Boolean)).toEqual(['tidak', 'ya', 'ya']);

    // The sixth user, admin, finds the finished case on the evaluation dashboard.
    const adminContext = await openContext(browser);
    contexts.push(adminContext);
    await signInContext(adminContext, 'admin');
    const dashboard = await adminContext.newPage();
    await dashboard.goto('/#/evaluation');
    await dashboard.getByTestId('eval-sop').selectOption(lakipId);
    const card = dashboard.getByTestId('eval-sop-card').filter({ hasText: 'LAKIP' });
    await waitForCount(card, 1);
    await waitForText(
      card.getByText('Kasus selesai', { exact: true }).locator('xpath=following-sibling::dd'),
      new RegExp(`^${completedBefore + 1}$`),
    );
    await captureBothSizes(dashboard, 'runtime-dashboard');
    for (const context of contexts) await context.close();
  });

  it("runtime › a staff user opening another position's task by URL is refused", async () => {
    const sekdinApi = await ApiSession.signIn('sekdin');
    await sekdinApi.mutate('case.start', { sopId: lakipId, title: `Tugas orang lain ${Date.now()}` });
    const kadisApi = await ApiSession.signIn('kadis');
    const { tasks } = await kadisApi.query<{ tasks: InboxTask[] }>('task.inbox');
    const kadisTask = tasks.find((t) => t.positionKey === 'kadis')!;

    const context = await openContext(browser);
    await signInContext(context, 'staf');
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'runtime-refused-failure'));
    const readSeen = await recordAppearances(page, ['task-kegiatan', 'complete', 'decide-ya', 'claim']);
    const apiCallsInFlight = trackInFlight(page);
    // Settle the app first: the live stream's first message refetches the task queries once.
    await page.goto('/#/');
    await waitForLive(page);
    await page.getByTestId('inbox-empty').or(page.getByTestId('inbox-list')).first().waitFor();
    await expect.poll(apiCallsInFlight, { timeout: 20_000 }).toBe(0);
    // Staf's own inbox has work of its own (the demo history), with its claim buttons: only what
    // appears from here on counts.
    await page.evaluate(() => (window as unknown as { alurE2eSeen: Set<string> }).alurE2eSeen.clear());
    // Then the address changes to kadis's task, as when a link is pasted into the address bar.
    await page.goto(`/#/tasks/${kadisTask.id}`);
    await waitForText(page.locator('main').getByTestId('error'), /Tugas tidak ditemukan/);
    await expect.poll(apiCallsInFlight, { timeout: 20_000 }).toBe(0);
    await saveScreenshot(page, 'runtime-task-refused');
    expect(await readSeen()).toEqual([]);
    const stafApi = await ApiSession.signIn('staf');
    await expect(stafApi.query('task.get', { taskId: kadisTask.id })).rejects.toThrow(/\(404\)|NOT_FOUND/);
    await expect(
      stafApi.mutate('task.complete', { taskId: kadisTask.id, idempotencyKey: crypto.randomUUID() }),
    ).rejects.toThrow(/\(404\)|NOT_FOUND/);
    await context.close();
  });

  // Last in the file: it fills kadis's inbox beyond one page.
  it('runtime › a long inbox shows 50 tasks and the rest page by page, as many as the count says', async () => {
    const sekdinApi = await ApiSession.signIn('sekdin');
    for (let i = 0; i < 55; i++) {
      await sekdinApi.mutate('case.start', { sopId: lakipId, title: `Antrean ${i} ${Date.now()}` });
    }
    const context = await openContext(browser);
    await signInContext(context, 'kadis');
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'runtime-inbox-pages-failure'));
    await page.goto('/#/');
    const rows = page.getByTestId('inbox-row');
    await waitForCount(rows, 50);
    const total = Number(await page.getByTestId('count-kadis').locator('strong').innerText());
    expect(total).toBeGreaterThanOrEqual(55);
    while ((await rows.count()) < total) {
      const shown = await rows.count();
      await page.getByTestId('inbox-more').click();
      await waitForCount(rows, Math.min(shown + 50, total));
    }
    await waitForCount(page.getByTestId('inbox-more'), 0);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-task-id')));
    expect(new Set(ids).size).toBe(total);
    await context.close();
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
