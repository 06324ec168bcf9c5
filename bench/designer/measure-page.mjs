// In-page measurements for the designer benchmark, taken with the page's own clocks.

/**
 * Opens the editor and returns the milliseconds from navigation start until the canvas shows all
 * `nodeCount` symbols (checked every animation frame).
 */
export async function measureLoad(page, path, nodeCount) {
  await page.goto(path, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (n) => {
      const drawn = document.querySelectorAll('.react-flow__node:not(.react-flow__node-lane)').length;
      return drawn === n ? performance.now() : false;
    },
    nodeCount,
    { polling: 'raf', timeout: 120_000 },
  );
  return handle.jsonValue();
}

/**
 * Opens the editor and returns when it is ready to edit, in the page's clock (ms from navigation
 * start):
 * - `drawnMs`: the canvas stands at its opening viewport and every symbol of `boxes` that lies,
 *   even partly, inside the visible canvas is drawn where the document puts it (checked every
 *   animation frame; symbols outside the view need not be in the page);
 * - `readyMs`: then a real mouse click on one of those symbols has selected it (the symbol shows
 *   as selected). The click goes through Chromium's input pipeline, so it waits for whatever the
 *   page still does on its main thread after the first drawing (mounting, validation, …): the
 *   canvas accepts input at `readyMs` at the latest.
 * Both checks run in the page from its first animation frame (`openProbe`, installed before the
 * navigation with the geometry as a JSON string). Handed to Playwright's `waitForFunction` as an
 * argument, the 2,000 boxes cost the page's main thread ~200 ms of CPU to deserialise in the
 * middle of the opening, and the first check ran only once that message was through.
 */
export async function measureOpen(page, path, boxes) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const geometry = JSON.stringify(boxes.map((b) => [b.id, b.x, b.y, b.width, b.height]));
  await page.addInitScript(openProbe, geometry);
  await page.goto(path, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__alurOpen?.drawnMs != null, null, {
    polling: 'raf',
    timeout: 120_000,
  });
  const target = await findVisibleSymbol(page);
  if (!target) throw new Error('no symbol fully visible on the canvas');
  await page.evaluate((id) => {
    window.__alurOpen.target = id;
  }, target.id);
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction(() => window.__alurOpen.readyMs != null, null, {
    polling: 'raf',
    timeout: 60_000,
  });
  const { drawnMs, readyMs, visibleCount } = await page.evaluate(() => window.__alurOpen);
  const cpu = await readMainThreadCpu(cdp);
  await cdp.detach();
  return { drawnMs, readyMs, visibleCount, cpuMs: cpu };
}

/**
 * Runs in the page before its own scripts (`addInitScript`): every animation frame, first the
 * "drawn" check of `measureOpen`, then whether the symbol `window.__alurOpen.target` shows as
 * selected; each time is the `performance.now()` of the first frame that passed. Stops then.
 */
function openProbe(geometry) {
  const all = JSON.parse(geometry).map(([id, x, y, width, height]) => ({ id, x, y, width, height }));
  const state = { drawnMs: null, visibleCount: 0, target: null, readyMs: null };
  window.__alurOpen = state;
  const drawn = () => {
    const pane = document.querySelector('.react-flow');
    const viewport = document.querySelector('.react-flow__viewport');
    // Before the opening viewport is set React Flow stands at the identity, which the opening
    // viewport of a 12-lane SOP never is.
    if (!pane || !viewport || viewport.style.transform === 'translate(0px, 0px) scale(1)') return 0;
    const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([\d.e]+)\)/.exec(viewport.style.transform);
    if (!m) return 0;
    const [tx, ty, zoom] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const r = pane.getBoundingClientRect();
    const visible = all.filter(
      (b) =>
        r.left + tx + (b.x + b.width) * zoom > r.left &&
        r.left + tx + b.x * zoom < r.right &&
        r.top + ty + (b.y + b.height) * zoom > r.top &&
        r.top + ty + b.y * zoom < r.bottom,
    );
    if (visible.length === 0) return 0;
    for (const b of visible) {
      const el = pane.querySelector(`.react-flow__node[data-id="${b.id}"]`);
      if (!el || getComputedStyle(el).visibility === 'hidden') return 0;
      const e = el.getBoundingClientRect();
      // Drawn, and where the document puts it (also checks the benchmark's copy of the geometry).
      if (Math.abs(e.left - (r.left + tx + b.x * zoom)) > 1.5) return 0;
      if (Math.abs(e.top - (r.top + ty + b.y * zoom)) > 1.5) return 0;
    }
    return visible.length;
  };
  const tick = () => {
    if (state.drawnMs === null) {
      const count = drawn();
      if (count > 0) {
        state.drawnMs = performance.now();
        state.visibleCount = count;
      }
    } else if (
      state.target !== null &&
      document.querySelector(`.react-flow__node[data-id="${state.target}"].selected`)
    )
      state.readyMs = performance.now();
    if (state.readyMs === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * CPU time the page's main thread has used (Chromium's `ThreadTime` metric), in ms. Unlike wall
 * time it does not grow when other processes hold the cores, so it compares runs on a busy machine.
 */
export async function readMainThreadCpu(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const thread = metrics.find((m) => m.name === 'ThreadTime');
  if (!thread) throw new Error('Chromium reported no ThreadTime metric');
  return thread.value * 1000;
}

/** Picks a symbol lying fully inside the visible canvas and returns the centre of it. */
async function findVisibleSymbol(page) {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    for (const el of document.querySelectorAll('.react-flow__node-activity')) {
      const r = el.getBoundingClientRect();
      const inside =
        r.left > pane.left + 20 &&
        r.right < pane.right - 220 &&
        r.top > pane.top + 20 &&
        r.bottom < pane.bottom - 260;
      if (inside) return { id: el.dataset.id, x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The length of `count` animation frames of the page at rest (the display's frame pacing). */
export async function measureIdleFrames(page, count) {
  const frames = await page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const out = [];
        let last = null;
        const tick = (t) => {
          if (last !== null) out.push(t - last);
          last = t;
          if (out.length < n) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    count,
  );
  const sorted = [...frames].sort((a, b) => a - b);
  return { count: frames.length, median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/**
 * Drags a symbol with the mouse and records, inside the page, the length of every animation frame
 * that handled at least one pointer move of the drag: from the start of that frame (its
 * requestAnimationFrame timestamp) to the start of the next one, so the work the move caused
 * (React Flow's update, our preview, React's render, layout, paint) is inside the figure. Chromium
 * dispatches pointer moves at the start of a frame, before its requestAnimationFrame callbacks.
 * Frames with no pointer move are left out: they measure idle time, not the drag.
 */
export async function measureDrag(page, frameTarget) {
  // Let the initial fitView settle: the viewport stays still for 10 frames.
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const viewport = document.querySelector('.react-flow__viewport');
        let last = '';
        let still = 0;
        const tick = () => {
          still = viewport.style.transform === last ? still + 1 : 0;
          last = viewport.style.transform;
          if (still >= 10) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  const start = await findVisibleSymbol(page);
  if (!start) throw new Error('no symbol fully visible on the canvas');
  await page.evaluate(() => {
    const state = { frames: [], moved: false, began: null, running: true };
    window.__alurBench = state;
    // Only moves with the button held: the drag, not the hover that leads to it.
    window.addEventListener('pointermove', (e) => (state.moved ||= (e.buttons & 1) === 1), { capture: true });
    const tick = (t) => {
      // The frame that began at `began` handled a move: it lasted until this one began.
      if (state.began !== null) state.frames.push(t - state.began);
      state.began = state.moved ? t : null;
      state.moved = false;
      if (state.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const cpuBefore = await readMainThreadCpu(cdp);
  const began = Date.now();
  let moves = 0;
  // Down and to the side, three pixels a move, until enough frames have handled a move.
  for (let i = 1; i <= frameTarget * 4; i++) {
    moves = i;
    await page.mouse.move(start.x + (i % 40), start.y + i * 3);
    if (i % 10 === 0) {
      const count = await page.evaluate(() => window.__alurBench.frames.length);
      if (count >= frameTarget) break;
    }
  }
  const cpuDuring = (await readMainThreadCpu(cdp)) - cpuBefore;
  await cdp.detach();
  await page.mouse.up();
  // The drag must have moved the symbol: the move is one undo step.
  await page.waitForFunction(() => !document.querySelector('[data-testid="undo"]').disabled, null, {
    timeout: 10_000,
  });
  const frames = await page.evaluate(() => {
    window.__alurBench.running = false;
    return window.__alurBench.frames;
  });
  if (frames.length === 0) throw new Error('no frame handled a pointer move');
  const sorted = [...frames].sort((a, b) => a - b);
  if (process.env.ALUR_BENCH_DEBUG)
    console.error(
      `drag: ${moves} moves in ${Date.now() - began} ms; frames ${frames.map((f) => f.toFixed(0)).join(' ')}`,
    );
  return {
    count: frames.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    // Main-thread CPU per pointer move sent (the page's own checks of the frame count included).
    cpuPerMoveMs: cpuDuring / moves,
  };
}
