import { readFileSync } from 'node:fs';
import type { SopDocument, SopDocumentInput } from '@alur/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ApiSession, findSeededSop } from './lib/api.ts';
import { launchBrowser, openContext, PHONE, saveScreenshot, signInContext } from './lib/browser.ts';
import {
  edges,
  fillField,
  fitView,
  laneHeader,
  lanes,
  stepNodes,
  waitForViewportIdle,
} from './lib/designer.ts';
import { resolveArtifactDir } from './lib/env.ts';
import { startTestServer } from './lib/server.mjs';
import { waitForCount, waitForText } from './lib/wait.ts';

/** The laptop size the issue asks screenshots at. */
const LAPTOP = { width: 1366, height: 768 };
const POLL = { timeout: 20_000, interval: 200 };
type Draft = { document: SopDocument; revision: number };
type InboxTask = { id: string; nodeId: string; caseTitle: string };

let browser: Browser;
let perancang: ApiSession;

beforeAll(async () => {
  browser = await launchBrowser();
  perancang = await ApiSession.signIn('perancang');
});
afterAll(async () => {
  await browser?.close();
});

/**
 *  staf: (start) → [a1 Menerima berkas]
 *  kasi:                 ↓
 *                  [a2 Memeriksa berkas]   [a3 Memaraf berkas]  (a3 unconnected)   (end)
 */
function draftDocument(name: string): SopDocumentInput {
  const step = (id: string, laneId: string, y: number, kegiatan: string) => ({
    id,
    type: 'activity' as const,
    laneId,
    kegiatan,
    mutuBaku: { kelengkapan: [], waktu: { amount: 5, unit: 'menit' as const, perItem: false }, output: '' },
    position: { x: 0, y },
  });
  return {
    schemaVersion: 2,
    identity: { nama: name },
    lanes: [
      { id: 'staf', name: 'Staf', kind: 'position', positionKey: 'staf' },
      { id: 'kasi', name: 'Kasi', kind: 'position', positionKey: 'kasi' },
    ],
    nodes: [
      { id: 'start', type: 'start', laneId: 'staf', position: { x: 0, y: 90 } },
      step('a1', 'staf', 180, 'Menerima berkas'),
      step('a2', 'kasi', 300, 'Memeriksa berkas'),
      step('a3', 'kasi', 420, 'Memaraf berkas'),
      { id: 'end', type: 'end', laneId: 'staf', position: { x: 0, y: 540 } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'a1' },
      { id: 'e2', source: 'a1', target: 'a2' },
    ],
    rowOrder: ['a1', 'a2', 'a3'],
  };
}

async function openInDesigner(sopId: string, viewport = LAPTOP): Promise<Page> {
  const context = await openContext(browser, viewport);
  await signInContext(context, 'perancang');
  const page = await context.newPage();
  await page.goto(`/designer/#/sop/${encodeURIComponent(sopId)}`);
  return page;
}

describe('designer, forgiving', () => {
  it('designer › a new lane is bound to no position until one is chosen, and the error stays', async () => {
    const sopId = await perancang.createSop('Lajur baru', draftDocument('Lajur baru'));
    const page = await openInDesigner(sopId);
    onTestFailed(() => saveScreenshot(page, 'ux-lane-failure'));
    await page.getByTestId('canvas').waitFor();
    await waitForViewportIdle(page);

    await page.getByTestId('add-lane').click();
    await page.getByTestId('inspector-lane').waitFor();
    await waitForCount(lanes(page), 3);
    await page.getByTestId('field-lane-bind-position').check();
    // The select offers a choice and shows none; nothing is bound behind its back.
    const select = page.getByTestId('field-lane-position');
    await select.waitFor();
    expect(await select.inputValue()).toBe('');
    await page.getByTestId('lane-unbound-hint').waitFor();
    const unbound = page.locator('[data-testid="validation-item"][data-code~="LANE_UNBOUND"]');
    await waitForText(unbound, /Lajur «Pelaksana baru 3»[\s\S]*belum dikaitkan dengan jabatan/);
    await expect
      .poll(async () => {
        const { document } = await perancang.query<Draft>('sop.get', { sopId });
        return document.lanes.map((l) => l.kind);
      }, POLL)
      .toEqual(['position', 'position', 'unbound']);

    // A name that matches a catalogue position is offered that position — as a button, not applied.
    await fillField(page, 'field-lane-name', 'Kabid');
    await waitForText(page.getByTestId('lane-suggestion'), /Kepala Bidang/);
    expect(await select.inputValue()).toBe('');
    await waitForCount(unbound, 1);
    await saveScreenshot(page, 'ux-lane-binding-suggestion-1366');

    await page.getByTestId('lane-suggestion-accept').click();
    await waitForCount(unbound, 0);
    expect(await select.inputValue()).toBe('kabid');
    await expect
      .poll(async () => {
        const { document } = await perancang.query<Draft>('sop.get', { sopId });
        const lane = document.lanes[2]!;
        return [lane.name, lane.kind === 'position' ? lane.positionKey : lane.kind];
      }, POLL)
      .toEqual(['Kabid', 'kabid']);
    await page.context().close();
  });

  it('designer › validation names steps by row and text and lists each step once', async () => {
    const sopId = await perancang.createSop('Langkah terputus', draftDocument('Langkah terputus'));
    const page = await openInDesigner(sopId);
    onTestFailed(() => saveScreenshot(page, 'ux-validation-failure'));
    await page.getByTestId('canvas').waitFor();
    // a2 has no exit, a3 has neither entry nor exit and is unreachable: one entry each.
    const a3 = page.getByTestId('validation-item').filter({ hasText: 'Langkah 3 «Memaraf berkas»' });
    await waitForCount(a3, 1);
    await waitForText(a3, /belum punya panah keluar[\s\S]*tidak dapat dicapai dari Mulai/);
    const texts = await page.getByTestId('validation-item').allTextContents();
    for (const text of texts) expect(text).not.toMatch(/\ba[123]\b/);
    await page.getByTestId('validation-panel').screenshot({
      path: `${resolveArtifactDir()}ux-validation-panel-1366.png`,
    });
    await a3.click();
    await page.getByTestId('inspector-node').waitFor();
    await saveScreenshot(page, 'ux-validation-grouped-1366');
    await page.context().close();
  });

  it('designer › no silent dead ends: no lane, an empty name, a search with no match', async () => {
    const context = await openContext(browser, LAPTOP);
    await signInContext(context, 'perancang');
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'ux-dead-ends-failure'));
    await page.goto('/designer/');
    await page.getByTestId('sop-list').waitFor();
    await page.getByTestId('sop-search').waitFor();
    await page.getByTestId('sop-create').click();
    await waitForText(page.getByRole('alert'), /Nama SOP wajib diisi/);
    await page.getByTestId('sop-search').fill('lakip');
    await waitForCount(page.locator('.sop-items li'), 1);
    await saveScreenshot(page, 'ux-sop-list-1366');
    await page.getByTestId('sop-search').fill('tidak ada yang begini');
    await waitForText(page.getByTestId('sop-no-match'), /Tidak ada SOP yang cocok/);

    await page.getByTestId('sop-new-name').fill('SOP tanpa lajur');
    await page.getByTestId('sop-create').click();
    await page.getByTestId('canvas').waitFor();
    await waitForViewportIdle(page);
    const canvas = await page.getByTestId('canvas').boundingBox();
    await page.getByTestId('palette-activity').hover();
    await page.mouse.down();
    await page.mouse.move(canvas!.x + canvas!.width / 2, canvas!.y + canvas!.height / 2, { steps: 8 });
    await page.mouse.up();
    await waitForText(page.getByTestId('connection-refusal'), /Belum ada lajur\. Tambahkan lajur dulu/);
    expect(await stepNodes(page).count()).toBe(0);
    await saveScreenshot(page, 'ux-drop-without-lane-1366');
    await context.close();
  });

  it('designer › LAKIP opens readable from its top; the lane headers stay in view; Paskan fits all', async () => {
    const lakip = await findSeededSop(perancang, '(LAKIP)');
    const page = await openInDesigner(lakip.id);
    onTestFailed(() => saveScreenshot(page, 'ux-lakip-opening-failure'));
    await waitForCount(stepNodes(page), 12);
    await waitForViewportIdle(page);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;

    // A step's text, as rendered: its font size times the canvas zoom, and the box it takes.
    const label = page.locator('.react-flow__node-activity .node-text').first();
    const zoom = await readZoom(page);
    const fontPx = await label.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx * zoom).toBeGreaterThanOrEqual(11);
    const lineBox = (await label.boundingBox())!;
    expect(lineBox.height / 3).toBeGreaterThanOrEqual(11); // three lines of at least 11 px
    // From the top: Mulai and the first row are on screen, under the lane headers.
    for (const id of ['start', 'r1']) {
      const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(canvas.y);
      expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    }
    const header = laneHeader(page, 'Kepala Dinas');
    const headerTop = (await header.boundingBox())!.y;
    expect(headerTop).toBeGreaterThanOrEqual(canvas.y);
    expect(headerTop).toBeLessThan(canvas.y + 40);
    // The minimap is asked for, never in the way.
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    await saveScreenshot(page, 'ux-lakip-opening-1366');
    await page.getByTestId('toggle-minimap').click();
    await page.locator('.react-flow__minimap').waitFor();
    await page.getByTestId('toggle-minimap').click();
    await waitForCount(page.locator('.react-flow__minimap'), 0);

    // Row 2's text (232 characters) is clamped on the symbol and whole while the pointer rests on it.
    const lakipDoc = (await perancang.query<Draft>('sop.get', { sopId: lakip.id })).document;
    const r2 = page.locator('.react-flow__node[data-id="r2"]');
    const full = r2.locator('.node-full-text');
    expect(await full.isVisible()).toBe(false);
    await r2.hover();
    await full.waitFor({ state: 'visible' });
    expect(await full.textContent()).toBe(lakipDoc.nodes.find((n) => n.id === 'r2')!.kegiatan);
    expect((await full.boundingBox())!.height).toBeGreaterThan((await r2.boundingBox())!.height);
    await saveScreenshot(page, 'ux-lakip-full-text-1366');
    // A decision shows its waktu.
    await waitForText(page.locator('.react-flow__node[data-id="r6"] .waktu-badge'), /\d+ (menit|jam|hari)/);

    // Scrolled down to the last rows, the headers are still at the top of the canvas.
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 400);
    await waitForViewportIdle(page);
    const end = (await page.locator('.react-flow__node[data-id="end"]').boundingBox())!;
    expect(end.y + end.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    const start = (await page.locator('.react-flow__node[data-id="start"]').boundingBox())!;
    expect(start.y + start.height).toBeLessThan(canvas.y);
    expect(await readZoom(page)).toBeCloseTo(zoom);
    for (const name of ['Kepala Dinas', 'Kabid Bina Program', 'Kasi Perenc.', 'Staf']) {
      const box = (await laneHeader(page, name).boundingBox())!;
      expect(Math.abs(box.y - canvas.y)).toBeLessThanOrEqual(1);
      expect(box.x).toBeGreaterThanOrEqual(canvas.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    }
    await waitForText(laneHeader(page, 'Staf'), /Staf/);
    await saveScreenshot(page, 'ux-lakip-scrolled-1366');
    // The "tidak" loops run beside the symbols on their own routes.
    const loops = page.locator('.react-flow__edge.edge-tidak path.react-flow__edge-path');
    await waitForCount(loops, 2);
    const paths = await loops.evaluateAll((els) => els.map((e) => e.getAttribute('d')));
    expect(new Set(paths).size).toBe(2);

    // "Paskan" still fits everything: Mulai and Selesai both on screen, at a smaller zoom.
    await fitView(page);
    expect(await readZoom(page)).toBeLessThan(zoom);
    for (const id of ['start', 'end']) {
      const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(canvas.y - 1);
      expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
    }
    await saveScreenshot(page, 'ux-lakip-fit-1366');
    await page.context().close();
  });

  it('designer › an arrow dropped anywhere on a symbol connects to it', async () => {
    const sopId = await perancang.createSop('Sambung di badan', draftDocument('Sambung di badan'));
    const page = await openInDesigner(sopId);
    onTestFailed(() => saveScreenshot(page, 'ux-body-connect-failure'));
    await waitForCount(stepNodes(page), 5);
    await waitForViewportIdle(page);
    await waitForCount(edges(page), 2);
    // From a2's bottom handle to the lower part of a3's body, far from its top handle.
    const from = (await page
      .locator('.react-flow__node[data-id="a2"] .react-flow__handle.source')
      .boundingBox())!;
    const body = (await page.locator('.react-flow__node[data-id="a3"]').boundingBox())!;
    const to = { x: body.x + body.width * 0.8, y: body.y + body.height * 0.8 };
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y - 30, { steps: 6 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await waitForCount(edges(page), 3);
    await expect
      .poll(async () => {
        const { document } = await perancang.query<Draft>('sop.get', { sopId });
        return document.edges.map((e) => `${e.source}>${e.target}`).sort();
      }, POLL)
      .toEqual(['a1>a2', 'a2>a3', 'start>a1']);
    // Dragging a symbol by its body still moves it (the body takes arrows only while one is drawn).
    const a1 = page.locator('.react-flow__node[data-id="a1"]');
    const before = (await a1.boundingBox())!;
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2 + 60, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await a1.boundingBox())!.y, POLL).toBeGreaterThan(before.y + 30);
    expect(await edges(page).count()).toBe(3);
    await page.context().close();
  });

  it('designer › the import report puts decisions first, selects a step on click, and warns of a taken name', async () => {
    // The LAKIP table as printed in Tegal's 2019 SOP book: the demo already has an SOP of its name.
    const book = readFileSync(new URL('../seeds/source/tegal-2019.txt', import.meta.url), 'utf8');
    const second = book.indexOf(
      'STANDAR OPERASIONAL PROSEDUR',
      book.indexOf('STANDAR OPERASIONAL PROSEDUR') + 1,
    );
    const lakipTable = book.slice(0, second);
    const sopId = await perancang.createSop('Sebelum impor', draftDocument('Sebelum impor'));
    const page = await openInDesigner(sopId);
    onTestFailed(() => saveScreenshot(page, 'ux-import-report-failure'));
    await page.getByTestId('canvas').waitFor();
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-content').fill(lakipTable);
    await page.getByTestId('import-submit').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await waitForText(
      report.getByTestId('import-same-name'),
      /Sudah ada SOP lain bernama «PENYUSUNAN LAPORAN/,
    );

    // Decisions and "tidak" targets come first.
    const kinds = await report
      .getByTestId('import-guess')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind ?? ''));
    const decisive = ['decision-from-prose', 'decision-from-cell', 'tidak-target'];
    const firstOther = kinds.findIndex((k) => !decisive.includes(k));
    expect(firstOther).toBeGreaterThan(0);
    expect(kinds.slice(firstOther).some((k) => decisive.includes(k))).toBe(false);
    const cellNotes = report.getByTestId('import-cell-notes');
    if ((await cellNotes.count()) > 0) expect(await cellNotes.getAttribute('open')).toBeNull();

    // Clicking a guess about a row selects that row's step.
    const tidak = report.locator('[data-testid="import-guess"][data-kind="tidak-target"]').first();
    const row = Number((await tidak.locator('.row-no').textContent())!.replace('.', ''));
    await tidak.getByTestId('import-guess-show').click();
    await page.getByTestId('inspector-node').waitFor();
    const selected = page.locator('.react-flow__node.selected');
    await waitForCount(selected, 1);
    await waitForText(selected.locator('.row-badge'), new RegExp(`^${row}$`));
    await saveScreenshot(page, 'ux-import-report-1366');

    // One click marks everything reviewed.
    const total = await report.getByTestId('import-guess').count();
    await report.getByTestId('import-review-all').click();
    await waitForText(
      report.getByTestId('import-reviewed-count'),
      new RegExp(`^${total} dari ${total} ditinjau$`),
    );
    await page.context().close();
  });

  it('designer › creating an SOP under a name already taken warns first', async () => {
    const context = await openContext(browser, LAPTOP);
    await signInContext(context, 'perancang');
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'ux-same-name-failure'));
    const taken = `Nama kembar ${Date.now()}`;
    await perancang.createSop(taken, draftDocument(taken));
    await page.goto('/designer/');
    await page.getByTestId('sop-list').waitFor();
    await page.getByTestId('sop-new-name').fill(`  ${taken.toUpperCase()} `);
    await page.getByTestId('sop-create').click();
    await waitForText(page.getByTestId('sop-same-name'), /Sudah ada SOP bernama/);
    expect(page.url()).not.toMatch(/#\/sop\//);
    await saveScreenshot(page, 'ux-same-name-1366');
    // Asked twice, it is created all the same.
    await page.getByTestId('sop-create').click();
    await page.getByTestId('canvas').waitFor();
    await page.waitForURL(/#\/sop\//);
    await context.close();
  });

  it('designer › on a phone the designer asks for a wider screen', async () => {
    const sopId = await perancang.createSop('Di ponsel', draftDocument('Di ponsel'));
    const page = await openInDesigner(sopId, PHONE);
    onTestFailed(() => saveScreenshot(page, 'ux-phone-failure'));
    await waitForText(page.getByTestId('narrow-screen'), /Layar terlalu sempit untuk merancang/);
    expect(await page.getByTestId('canvas').count()).toBe(0);
    await saveScreenshot(page, 'ux-designer-phone-375');
    // Turned to a wide screen, the same page draws the SOP.
    await page.setViewportSize(LAPTOP);
    await page.getByTestId('canvas').waitFor();
    await waitForCount(stepNodes(page), 5);
    await page.context().close();
  });
});

describe('runtime, one product', () => {
  it('runtime › a finished task says Selesai; the case page keeps the answer apart from the verdict', async () => {
    const admin = await ApiSession.signIn('admin');
    const lakip = await findSeededSop(admin, '(LAKIP)');
    const title = `Selesai di mana-mana ${Date.now()}`;
    const sekdin = await ApiSession.signIn('sekdin');
    await sekdin.mutate('case.start', { sopId: lakip.id, title });
    // LAKIP rows 1–6 (kadis, kabid, kasi, staf, kasi, then kabid's decision answered "tidak").
    const steps: [string, 'ya' | 'tidak' | undefined][] = [
      ['kadis', undefined],
      ['kabid', undefined],
      ['kasi', undefined],
      ['staf', undefined],
      ['kasi', undefined],
      ['kabid', 'tidak'],
    ];
    for (const [user, outcome] of steps) await completeNext(await ApiSession.signIn(user), title, outcome);

    const context = await openContext(browser, LAPTOP);
    await signInContext(context, 'kasi');
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'ux-runtime-failure'));
    const kasi = await ApiSession.signIn('kasi');
    const task = await findTask(kasi, title);
    await page.goto(`/#/tasks/${task.id}`);
    await page.getByTestId('claim').click();
    await page.getByTestId('complete').click();
    await page.getByTestId('task-done').waitFor();
    await waitForText(page.getByTestId('task-claim-state'), /^Selesai$/);
    await waitForText(page.getByTestId('task-remaining'), /^Selesai$/);
    await saveScreenshot(page, 'ux-task-done-1366');
    await page.setViewportSize(PHONE);
    await saveScreenshot(page, 'ux-task-done-375');
    await page.setViewportSize(LAPTOP);

    await page.getByTestId('task-case-link').click();
    const table = page.getByTestId('case-steps');
    await waitForText(table.locator('thead'), /Jawaban[\s\S]*Ketepatan waktu/);
    const tidak = table
      .locator('tbody tr')
      .filter({ has: page.getByTestId('case-step-answer').getByText('Tidak') });
    await waitForCount(tidak, 1);
    await waitForText(tidak.getByTestId('case-step-timeliness'), /Tepat waktu|Terlambat/);
    await saveScreenshot(page, 'ux-case-columns-1366');
    await page.setViewportSize(PHONE);
    await saveScreenshot(page, 'ux-case-columns-375');
    await context.close();
  });

  it('runtime › the demo has a history: the evaluation counts the last 90 days and colours the flowchart', async () => {
    const context = await openContext(browser, LAPTOP);
    await signInContext(context, 'kadis');
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'ux-heat-failure'));
    await page.goto('/#/evaluation');
    // The DTKS SOP has finished cases from the prepared history.
    const card = page.getByTestId('eval-sop-card').filter({ hasText: 'DTKS' });
    await waitForCount(card, 1);
    const finished = card.getByText('Kasus selesai', { exact: true }).locator('xpath=following-sibling::dd');
    await expect.poll(async () => Number(await finished.textContent()), POLL).toBeGreaterThan(0);
    // Its flowchart: steps coloured by their on-time share; clicking one shows its figures.
    const heat = card.getByTestId('eval-heat-map');
    await heat.scrollIntoViewIfNeeded();
    const measured = heat.locator('[data-heat="good"], [data-heat="fair"], [data-heat="poor"]');
    await expect.poll(() => measured.count(), POLL).toBeGreaterThan(0);
    await measured.first().click();
    await waitForText(card.getByTestId('eval-heat-detail'), /Tepat waktu/);
    await saveScreenshot(page, 'ux-evaluation-heat-1366');
    // Every demo inbox has work waiting.
    await page.goto('/');
    await page.getByTestId('nav-inbox').click();
    await expect.poll(() => page.locator('[data-testid="inbox-row"]').count(), POLL).toBeGreaterThan(0);
    await context.close();
  });

  it('runtime › the login page names the demo accounts in demo mode only', async () => {
    // This suite's server runs the demo: the accounts and their password are offered.
    const demo = await openContext(browser, PHONE);
    const page = await demo.newPage();
    await page.goto('/');
    await waitForText(page.getByTestId('demo-accounts'), /alur-demo/);
    await page.getByTestId('demo-accounts').getByRole('button', { name: /kasi/ }).click();
    expect(await page.getByTestId('login-username').inputValue()).toBe('kasi');
    await saveScreenshot(page, 'ux-login-demo-375');
    await demo.close();
    // A server started without demo mode names no account.
    const plain = await startTestServer({ demo: false });
    try {
      const context = await browser.newContext({ baseURL: plain.baseUrl, viewport: LAPTOP, locale: 'id-ID' });
      const login = await context.newPage();
      await login.goto('/');
      await login.getByTestId('login-submit').waitFor();
      // The answer that would carry the hint has come back (empty) before we look.
      await expect
        .poll(async () => {
          const res = await login.request.get(`${plain.baseUrl}/api/trpc/auth.demoAccounts`);
          const body = (await res.json()) as { result?: { data: unknown } };
          return body.result ? body.result.data : 'pending';
        }, POLL)
        .toBeNull();
      expect(await login.getByTestId('demo-accounts').count()).toBe(0);
      expect(await login.content()).not.toContain('alur-demo');
      await context.close();
    } finally {
      await plain.stop();
    }
  });

  it('runtime › a user without a position lands in Administrasi, and the designer is one click away', async () => {
    const context = await openContext(browser, LAPTOP);
    await signInContext(context, 'admin');
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'ux-landing-failure'));
    await page.goto('/');
    await page.waitForURL(/#\/admin$/);
    await page.getByTestId('nav-designer').waitFor();
    await saveScreenshot(page, 'ux-admin-landing-1366');
    // Back in the inbox by choice, the user stays there.
    await page.getByTestId('nav-inbox').click();
    await page.waitForURL(/#\/$/);
    await page.getByTestId('nav-designer').click();
    await page.waitForURL(/\/designer\//);
    await page.getByTestId('sop-list').waitFor();
    await page.getByTestId('to-runtime').click();
    await page.getByTestId('user-name').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });
});

/** The canvas zoom, read from the React Flow viewport's transform. */
async function readZoom(page: Page): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

async function findTask(api: ApiSession, caseTitle: string): Promise<InboxTask> {
  let found: InboxTask | undefined;
  await expect
    .poll(async () => {
      const { tasks } = await api.query<{ tasks: InboxTask[] }>('task.inbox');
      found = tasks.find((t) => t.caseTitle === caseTitle);
      return Boolean(found);
    }, POLL)
    .toBe(true);
  return found!;
}

async function completeNext(api: ApiSession, caseTitle: string, outcome?: 'ya' | 'tidak') {
  const task = await findTask(api, caseTitle);
  await api.mutate('task.claim', { taskId: task.id, idempotencyKey: crypto.randomUUID() });
  await api.mutate('task.complete', {
    taskId: task.id,
    idempotencyKey: crypto.randomUUID(),
    ...(outcome ? { outcome, note: 'Perlu diperbaiki' } : {}),
  });
}
