#!/usr/bin/env node
// Where the designer's time goes at 2,000 symbols: a Chromium CPU profile (CDP `Profiler`) of
// opening the generated SOP until it is ready to edit, and of dragging a symbol. Prints the top
// functions by self time and by total time (inclusive) for each, and writes the .cpuprofile files
// (open them in Chromium's DevTools, Performance panel) to the directory given by `--out`.
// Build the designer unminified first to read function names:
//   (cd apps/designer && npx vite build --minify false) && node bench/designer/profile.mjs
// Options: --nodes N (default 2000), --out DIR (default the system's temp dir).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/lib/chromium.mjs';
import { startTestServer } from '../../e2e/lib/server.mjs';
import { computeSymbolBoxes, generateSop } from './generate-sop.mjs';
import { measureDrag, measureOpen } from './measure-page.mjs';
import { createSop } from './run.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const nodeCount = Number(option('--nodes', '2000'));
const outDir = option('--out', tmpdir());

/** Self and total (inclusive) sample time per function, in ms, from a CDP profile. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  const key = (n) => {
    const f = n.callFrame;
    const file = f.url.split('/').pop() || f.url;
    return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  // Inclusive time counts a function once per stack even when it recurses.
  const walk = (node, onStack) => {
    let sum = dt.get(node.id) ?? 0;
    const k = key(node);
    self.set(k, (self.get(k) ?? 0) + (dt.get(node.id) ?? 0));
    const deeper = new Set(onStack).add(k);
    for (const c of node.children ?? []) sum += walk(byId.get(c), deeper);
    if (!onStack.has(k)) total.set(k, (total.get(k) ?? 0) + sum);
    return sum;
  };
  all = walk(profile.nodes[0], new Set());
  const top = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`);
  return { all, self: top(self), total: top(total) };
}

function report(title, profile) {
  const s = summarise(profile);
  console.log(`\n## ${title}: ${s.all.toFixed(0)} ms sampled\n### self\n${s.self.join('\n')}`);
  console.log(`### total\n${s.total.join('\n')}`);
}

const server = await startTestServer({ log: () => {} });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});
try {
  const document = generateSop({ nodeCount, laneCount: 12 });
  const { sopId, cookie } = await createSop(server.baseUrl, document);
  // The server's share: the same request the editor makes, from here, three times.
  const url = `${server.baseUrl}/api/trpc/sop.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { sopId } }))}`;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const bytes = (await res.arrayBuffer()).byteLength;
    console.log(
      `sop.get from node: ${(performance.now() - t0).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} kB`,
    );
  }
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width: 1600, height: 1000 },
  });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: server.baseUrl }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (args.includes('--trace')) {
    // The renderer's main thread by event kind (script, style, layout, paint, …) while opening.
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'],
    });
    const traced = await measureOpen(
      page,
      `/designer/#/sop/${encodeURIComponent(sopId)}`,
      computeSymbolBoxes(document),
    );
    const trace = JSON.parse((await browser.stopTracing()).toString());
    const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
    // Self time per event kind: an event's duration less the events nested in it.
    const events = trace.traceEvents
      .filter((e) => e.ph === 'X' && e.tid === main?.tid && e.pid === main?.pid && e.dur)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const totals = new Map();
    const stack = [];
    for (const e of events) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) totals.set(parent.name, (totals.get(parent.name) ?? 0) - e.dur / 1000);
      totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
      stack.push(e);
    }
    // Wall time of the main thread's tasks against the CPU time it got (tdur): on a loaded
    // machine the difference is time the thread waited for a core.
    let wall = 0;
    let cpu = 0;
    for (const e of events)
      if (
        e.name === 'RunTask' &&
        !events.some((o) => o !== e && o.ts < e.ts && o.ts + o.dur >= e.ts + e.dur)
      ) {
        wall += e.dur / 1000;
        cpu += (e.tdur ?? 0) / 1000;
      }
    console.log(`main thread tasks: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`);
    console.log(`traced open: drawn ${traced.drawnMs.toFixed(0)} ms, ready ${traced.readyMs.toFixed(0)} ms`);
    for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
  } else {
    // Otherwise a CPU profile of the opening and of a drag (the `finally` below closes both).
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
    const open = await measureOpen(
      page,
      `/designer/#/sop/${encodeURIComponent(sopId)}`,
      computeSymbolBoxes(document),
    );
    const opened = await cdp.send('Profiler.stop');
    // What the network and the server took: every request the page made while opening.
    const requests = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map(
          (r) =>
            `${r.startTime.toFixed(0).padStart(6)} → ${r.responseEnd.toFixed(0).padStart(6)} ms  ${r.name}`,
        ),
    );
    console.log(`requests:\n${requests.join('\n')}`);
    console.log(`open: drawn ${open.drawnMs.toFixed(0)} ms, ready ${open.readyMs.toFixed(0)} ms`);
    writeFileSync(join(outDir, `designer-open-${nodeCount}.cpuprofile`), JSON.stringify(opened.profile));
    report(`open ${nodeCount}`, opened.profile);
    await cdp.send('Profiler.start');
    const frames = await measureDrag(page, 60);
    const dragged = await cdp.send('Profiler.stop');
    console.log(`\ndrag: median ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms`);
    writeFileSync(join(outDir, `designer-drag-${nodeCount}.cpuprofile`), JSON.stringify(dragged.profile));
    report(`drag ${nodeCount}`, dragged.profile);
  }
} finally {
  await browser.close();
  await server.stop();
}
