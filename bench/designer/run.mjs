#!/usr/bin/env node
// Designer benchmark: a 300-symbol and a 2,000-symbol SOP (12 lanes) opened in headless Chromium.
// Prints JSON lines {"name","value","unit"}: load and open times, frame time while dragging a
// symbol, initial JS size. `--only 300` or `--only 2000` runs one of the two.
// Needs the built designer (apps/designer/dist) and /usr/bin/chromium; starts its own server.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/lib/chromium.mjs';
import { startTestServer } from '../../e2e/lib/server.mjs';
import { measureInitialJs } from './bundle-size.mjs';
import { computeSymbolBoxes, generateSop } from './generate-sop.mjs';
import { measureDrag, measureIdleFrames, measureLoad, measureOpen } from './measure-page.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NODE_COUNT = 300;
const LARGE_NODE_COUNT = 2000;
const LANE_COUNT = 12;

function emit(name, value, unit) {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

/** Signs in as the demo designer and stores the document as a new draft; returns its id. */
export async function createSop(baseUrl, document) {
  const login = await fetch(`${baseUrl}/api/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
    body: JSON.stringify({ username: 'perancang', password: 'alur-demo' }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async (path, init) => {
    const res = await fetch(`${baseUrl}/api/trpc/${path}`, {
      ...init,
      headers: { cookie, ...init?.headers },
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`${path}: ${body.error?.message ?? res.status}`);
    return body.result.data;
  };
  const created = await call('sop.create', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
    body: JSON.stringify({ name: document.identity.nama, document }),
  });
  return { sopId: created.sopId, cookie };
}

/** Stores a generated SOP and opens a signed-in page on it (not yet navigated). */
async function prepare(browser, server, nodeCount) {
  const document = generateSop({ nodeCount, laneCount: LANE_COUNT });
  const { sopId, cookie } = await createSop(server.baseUrl, document);
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width: 1600, height: 1000 },
  });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: server.baseUrl }]);
  const page = await context.newPage();
  return { document, page, path: `/designer/#/sop/${encodeURIComponent(sopId)}`, context };
}

/** The designer's own validation (validateSop) must find no error in the generated SOP. */
async function expectValid(page) {
  const verdict = await page.getByTestId('validation-count').innerText();
  if (!verdict.startsWith('Tidak ada masalah')) throw new Error(`generated SOP is invalid: ${verdict}`);
}

/** The 300-symbol figures: load until every symbol is drawn, idle and drag frames. */
async function measureMedium(browser, server) {
  const { page, path, context } = await prepare(browser, server, NODE_COUNT);
  const loadMs = await measureLoad(page, path, NODE_COUNT);
  await expectValid(page);
  const idle = await measureIdleFrames(page, 60);
  const frames = await measureDrag(page, 60);
  await context.close();
  emit('designer.load_ms', loadMs, 'ms');
  emit('designer.drag_frame_ms.median', frames.median, 'ms');
  emit('designer.drag_frame_ms.p95', frames.p95, 'ms');
  emit('designer.drag_frames', frames.count, 'frames');
  emit('designer.drag_cpu_ms_per_move', frames.cpuPerMoveMs, 'ms');
  emit('designer.idle_frame_ms.median', idle.median, 'ms');
}

/** The 2,000-symbol figures: open until ready to edit (see measureOpen), drag frames. */
async function measureLarge(browser, server) {
  const { document, page, path, context } = await prepare(browser, server, LARGE_NODE_COUNT);
  const open = await measureOpen(page, path, computeSymbolBoxes(document));
  await expectValid(page);
  const frames = await measureDrag(page, 60);
  await context.close();
  emit('designer.open_2000_ms', open.readyMs, 'ms');
  emit('designer.open_2000_drawn_ms', open.drawnMs, 'ms');
  emit('designer.open_2000_visible_symbols', open.visibleCount, 'symbols');
  emit('designer.open_2000_main_cpu_ms', open.cpuMs, 'ms');
  emit('designer.drag_2000_median_ms', frames.median, 'ms');
  emit('designer.drag_2000_p95_ms', frames.p95, 'ms');
  emit('designer.drag_2000_frames', frames.count, 'frames');
  emit('designer.drag_2000_cpu_ms_per_move', frames.cpuPerMoveMs, 'ms');
}

async function main() {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
  const dist = `${root}apps/designer/dist`;
  if (!existsSync(`${dist}/index.html`)) throw new Error('build the designer first: npm run build');
  const js = measureInitialJs(dist);
  const server = await startTestServer({ log: (line) => process.stderr.write(`[server] ${line}\n`) });
  // Headless Chromium paces frames at 60 Hz (16.7 ms) even with --disable-frame-rate-limit, so an
  // idle baseline is reported beside the drag: a drag that keeps up shows the same median.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    if (only !== '2000') await measureMedium(browser, server);
    if (only !== '300') await measureLarge(browser, server);
    emit('designer.initial_js_gzip_kb', js.gzipBytes / 1024, 'kB');
  } finally {
    await browser.close();
    await server.stop();
  }
}

// Run as a script (not when profile.mjs imports createSop).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
