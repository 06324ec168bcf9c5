#!/usr/bin/env node
// Designer benchmark: a 300-symbol, 12-lane SOP opened in headless Chromium. Prints JSON lines
// {"name","value","unit"}: load time, frame time while dragging a symbol, initial JS size.
// Needs the built designer (apps/designer/dist) and /usr/bin/chromium; starts its own server.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startTestServer } from '../../e2e/lib/server.mjs';
import { measureInitialJs } from './bundle-size.mjs';
import { generateSop } from './generate-sop.mjs';
import { measureDrag, measureIdleFrames, measureLoad } from './measure-page.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NODE_COUNT = 300;
const LANE_COUNT = 12;

function emit(name, value, unit) {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

/** Signs in as the demo designer and stores the document as a new draft; returns its id. */
async function createSop(baseUrl, document) {
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

async function main() {
  const dist = `${root}apps/designer/dist`;
  if (!existsSync(`${dist}/index.html`)) throw new Error('build the designer first: npm run build');
  const js = measureInitialJs(dist);
  const server = await startTestServer({ log: (line) => process.stderr.write(`[server] ${line}\n`) });
  // Headless Chromium paces frames at 60 Hz (16.7 ms) even with --disable-frame-rate-limit, so an
  // idle baseline is reported beside the drag: a drag that keeps up shows the same median.
  const browser = await chromium.launch({
    executablePath: process.env.ALUR_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const document = generateSop({ nodeCount: NODE_COUNT, laneCount: LANE_COUNT });
    const { sopId, cookie } = await createSop(server.baseUrl, document);
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1600, height: 1000 },
    });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: server.baseUrl }]);
    const page = await context.newPage();
    const loadMs = await measureLoad(page, `/designer/#/sop/${encodeURIComponent(sopId)}`, NODE_COUNT);
    // The designer's own validation (validateSop) must find no error in the generated SOP.
    const verdict = await page.getByTestId('validation-count').innerText();
    if (!verdict.startsWith('Tidak ada masalah')) throw new Error(`generated SOP is invalid: ${verdict}`);
    const idle = await measureIdleFrames(page, 60);
    const frames = await measureDrag(page, 60);
    emit('designer.load_ms', loadMs, 'ms');
    emit('designer.drag_frame_ms.median', frames.median, 'ms');
    emit('designer.drag_frame_ms.p95', frames.p95, 'ms');
    emit('designer.drag_frames', frames.count, 'frames');
    emit('designer.idle_frame_ms.median', idle.median, 'ms');
    emit('designer.initial_js_gzip_kb', js.gzipBytes / 1024, 'kB');
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
