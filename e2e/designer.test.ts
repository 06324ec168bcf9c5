import type { SopDocument, SopDocumentInput } from '@alur/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { computeHandles } from '../apps/designer/src/canvas/handle-geometry.ts';
import { generateSop } from '../bench/designer/generate-sop.mjs';
import { ApiSession } from './lib/api.ts';
import { launchBrowser, openContext, saveScreenshot, signInContext } from './lib/browser.ts';
import {
  dragConnection,
  dropFromPalette,
  edges,
  fillField,
  fillTextArea,
  findLane,
  fitView,
  lanes,
  signInDesigner,
  stepNodes,
  waitForViewportIdle,
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
    // A double click publishes once; the dialog closes and the editor names the version.
    await dialog.getByTestId('publish-submit').dblclick();
    await dialog.waitFor({ state: 'detached' });
    await waitForText(admin.getByTestId('editor-notice'), /^Versi 1 diterbitkan\./);
    await saveScreenshot(admin, 'designer-published-notice');
    await admin.getByRole('button', { name: 'Versi', exact: true }).click();
    // Dates as people write them, the publication time in the agency's zone (WIB), never UTC ISO.
    await waitForText(
      admin.getByTestId('versions-dialog'),
      /Versi 1 · 2 Januari 2019 · Versi pertama[\s\S]*\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2} WIB/,
    );
    await saveScreenshot(admin, 'designer-dtks-published');
    const versions = await perancang.query<Version[]>('sop.versions', { sopId });
    expect(versions.map((v) => [v.number, v.effectiveDate, v.signer.nama])).toEqual([
      [1, '2019-01-02', 'Drs. Penanda Tangan'],
    ]);
    await adminContext.close();
  });

  it('designer › undo restores a deleted lane', async () => {
    const { page, sopId } = await openSeeded('Lajur yang dihapus');
    onTestFailed(() => saveScreenshot(page, 'designer-undo-failure'));
    await waitForCount(stepNodes(page), 5);
    await findLane(page, 'Kasi').click();
    await page.getByTestId('inspector-lane').waitFor();
    await page.getByTestId('lane-remove').click();
    // The lane goes with its two symbols and the arrow into them.
    await waitForCount(lanes(page), 1);
    await waitForCount(stepNodes(page), 3);
    await waitForCount(edges(page), 1);
    await expect
      .poll(async () => (await perancang.query<Draft>('sop.get', { sopId })).document.lanes.length, POLL)
      .toBe(1);

    await page.getByTestId('undo').click();
    await waitForCount(lanes(page), 2);
    await waitForCount(stepNodes(page), 5);
    await waitForCount(edges(page), 2);
    await findLane(page, 'Kasi').waitFor();
    await waitForText(page.getByTestId('node-a2'), /Memeriksa berkas/);
    await expect
      .poll(async () => {
        const { document } = await perancang.query<Draft>('sop.get', { sopId });
        return [document.lanes.map((l) => l.name), document.nodes.length, document.edges.length];
      }, POLL)
      .toEqual([['Staf', 'Kasi'], 5, 2]);
    await page.context().close();
  });

  it('designer › the handles the canvas declares are where the browser draws them', async () => {
    // A long SOP draws its arrows from the declared handles (canvas/handle-geometry.ts) before a
    // symbol is in the page; when it mounts, React Flow measures them. Both must agree, or arrows
    // would jump as symbols scroll into view.
    const { page } = await openSeeded('Titik sambung', true);
    onTestFailed(() => saveScreenshot(page, 'designer-handles-failure'));
    await waitForCount(stepNodes(page), 6);
    for (const [id, type] of [
      ['start', 'start'],
      ['a1', 'activity'],
      ['d1', 'decision'],
      ['end', 'end'],
    ] as const) {
      const declared = (computeHandles(type) ?? []).map((h) => ({
        id: h.id,
        type: h.type,
        x: h.x,
        y: h.y,
        width: h.width,
        height: h.height,
      }));
      const drawn = await measureHandles(page, id);
      expect(sortHandles(drawn), `${type} ${id}`).toEqual(sortHandles(declared));
    }
    await page.context().close();
  });

  it('designer › an invalid connection is refused with its reason shown', async () => {
    const { page, sopId } = await openSeeded('Sambungan ditolak');
    onTestFailed(() => saveScreenshot(page, 'designer-refusal-failure'));
    await waitForCount(stepNodes(page), 5);
    await waitForCount(edges(page), 2);
    // a1 already leads to a2: a second exit of a kegiatan is refused.
    await dragConnection(page, 'a1', 'a3');
    const refusal = page.getByTestId('connection-refusal');
    await waitForText(refusal, /Sambungan ditolak:\s*Kegiatan hanya boleh punya satu panah keluar/);
    await saveScreenshot(page, 'designer-connection-refused');
    expect(await edges(page).count()).toBe(2);
    // A valid arrow is still accepted afterwards, and only it is saved.
    await dragConnection(page, 'a2', 'a3');
    await waitForCount(edges(page), 3);
    await expect
      .poll(async () => {
        const { document } = await perancang.query<Draft>('sop.get', { sopId });
        return document.edges.map((e) => `${e.source}>${e.target}`).sort();
      }, POLL)
      .toEqual(['a1>a2', 'a2>a3', 'start>a1']);
    await page.context().close();
  });

  it('designer › a long SOP is edited far from its top: delete, connect, drag and undo there', async () => {
    // 600 symbols: the canvas hands React Flow only what is near the view (canvas/flow-window.ts).
    const original = generateSop({ nodeCount: 600, laneCount: 6 });
    const sopId = await perancang.createSop('SOP panjang', original);
    const context = await openContext(browser, WIDE);
    await signInContext(context, 'perancang');
    const page = await context.newPage();
    onTestFailed(() => saveScreenshot(page, 'designer-long-sop-failure'));
    await page.goto(`/designer/#/sop/${encodeURIComponent(sopId)}`);
    await page.getByTestId('canvas').waitFor();
    await page.locator('.react-flow__node[data-id="r1"]').waitFor();
    expect(await stepNodes(page).count()).toBeLessThan(60);
    // Scroll down to row 400 (of 598), some 44,000 canvas units below the top.
    const canvas = await page.getByTestId('canvas').boundingBox();
    await page.mouse.move(canvas!.x + canvas!.width / 2, canvas!.y + canvas!.height / 2);
    const row = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
    for (let i = 0; i < 200 && !(await row('r396').isVisible()); i++) await page.mouse.wheel(0, 1500);
    // Then on until row 401 is in the upper third, with the rows after it in view.
    const top = canvas!.y + canvas!.height / 3;
    for (let i = 0; i < 100; i++) {
      const at = (await row('r401').isVisible()) ? await row('r401').boundingBox() : null;
      if (at && at.y < top) break;
      await page.mouse.wheel(0, 200);
    }
    await waitForViewportIdle(page);
    expect(await stepNodes(page).count()).toBeLessThan(60);

    // Delete r402 (with its arrows in and out), join r401 to r403 instead, move r403 one lane right.
    await row('r402').click();
    await page.keyboard.press('Delete');
    await row('r402').waitFor({ state: 'detached' });
    await dragConnection(page, 'r401', 'r403');
    const box = (await row('r403').boundingBox())!;
    const zoom = (await lanes(page).first().boundingBox())!.width / 220;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 220 * zoom, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    const summary = (document: SopDocumentInput) => ({
      nodes: document.nodes.length,
      r403: document.nodes.find((n) => n.id === 'r403')?.laneId,
      edges: document.edges
        .filter((e) => ['r401', 'r402', 'r403'].includes(e.source))
        .map((e) => `${e.source}>${e.target}`)
        .sort(),
    });
    await expect
      .poll(async () => summary((await perancang.query<Draft>('sop.get', { sopId })).document), POLL)
      .toEqual({ nodes: 599, r403: 'lane-2', edges: ['r401>r403', 'r403>r404'] });

    // Undo takes the three edits back, one step each.
    for (let i = 0; i < 3; i++) await page.getByTestId('undo').click();
    await row('r402').waitFor();
    await expect
      .poll(async () => summary((await perancang.query<Draft>('sop.get', { sopId })).document), POLL)
      .toEqual(summary(original));
    await context.close();
  });
});

const POLL = { timeout: 20_000, interval: 200 };

/** Creates an SOP through the API (two lanes, five symbols, two arrows) and opens it signed in. */
/** Where React Flow measures a symbol's handles, relative to the symbol, in canvas units. */
const sortHandles = <T extends { id?: string | null; type: string }>(hs: T[]) =>
  [...hs].sort((a, b) => `${a.type}${a.id}`.localeCompare(`${b.type}${b.id}`));

async function measureHandles(page: Page, nodeId: string) {
  return page.evaluate((id) => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = Number(/scale\(([\d.]+)\)/.exec(viewport.style.transform)![1]);
    const node = document.querySelector(`.react-flow__node[data-id="${id}"]`)!;
    const box = node.getBoundingClientRect();
    return [...node.querySelectorAll<HTMLElement>('.react-flow__handle')].map((h) => {
      const r = h.getBoundingClientRect();
      const round = (v: number) => Math.round(v * 10) / 10;
      return {
        // React Flow reads the id from this attribute, which a handle without one lacks: null.
        id: h.getAttribute('data-handleid'),
        type: h.classList.contains('source') ? 'source' : 'target',
        x: round((r.left - box.left) / zoom),
        y: round((r.top - box.top) / zoom),
        width: round(r.width / zoom),
        height: round(r.height / zoom),
      };
    });
  }, nodeId);
}

async function openSeeded(name: string, withDecision = false) {
  const step = (id: string, laneId: string, y: number, kegiatan: string) => ({
    id,
    type: 'activity' as const,
    laneId,
    kegiatan,
    mutuBaku: { kelengkapan: [], waktu: { amount: 5, unit: 'menit' as const, perItem: false }, output: '' },
    position: { x: 0, y },
  });
  const document: SopDocumentInput = {
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
      ...(withDecision ? [{ ...step('d1', 'kasi', 640, 'Setuju?'), type: 'decision' as const }] : []),
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'a1' },
      { id: 'e2', source: 'a1', target: 'a2' },
    ],
    rowOrder: withDecision ? ['a1', 'a2', 'a3', 'd1'] : ['a1', 'a2', 'a3'],
  };
  const sopId = await perancang.createSop(name, document);
  const context = await openContext(browser, WIDE);
  await signInContext(context, 'perancang');
  const page = await context.newPage();
  await page.goto(`/designer/#/sop/${encodeURIComponent(sopId)}`);
  await page.getByTestId('canvas').waitFor();
  await waitForViewportIdle(page);
  return { page, sopId };
}
