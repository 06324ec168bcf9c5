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
      if (inside) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
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
 * that handled at least one pointer move of the drag (requestAnimationFrame timestamps). Frames
 * with no pointer move are left out: they measure idle time, not the drag.
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
    const state = { frames: [], moved: false, last: null, running: true };
    window.__alurBench = state;
    window.addEventListener('pointermove', () => (state.moved = true), { capture: true });
    const tick = (t) => {
      if (state.last !== null && state.moved) state.frames.push(t - state.last);
      state.moved = false;
      state.last = t;
      if (state.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // Down and to the side, three pixels a move, until enough frames have handled a move.
  for (let i = 1; i <= frameTarget * 4; i++) {
    await page.mouse.move(start.x + (i % 40), start.y + i * 3);
    if (i % 10 === 0) {
      const count = await page.evaluate(() => window.__alurBench.frames.length);
      if (count >= frameTarget) break;
    }
  }
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
  return { count: frames.length, median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}
