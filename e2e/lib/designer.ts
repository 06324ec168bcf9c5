import type { NodeType } from '@alur/schema';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './env.ts';
import { waitForCount } from './wait.ts';

/** The designer's lane width in canvas units (apps/designer/src/model/layout.ts). */
const LANE_WIDTH = 220;

/** Signs in through the designer's own form (shown while there is no session). */
export async function signInDesigner(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-form').waitFor();
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** Symbols drawn on the canvas (React Flow node wrappers), lanes excluded. */
export function stepNodes(page: Page): Locator {
  return page.locator('.react-flow__node:not(.react-flow__node-lane)');
}

/** Arrows drawn on the canvas. */
export function edges(page: Page): Locator {
  return page.locator('.react-flow__edge');
}

/** Lane columns drawn on the canvas. */
export function lanes(page: Page): Locator {
  return page.locator('.react-flow__node-lane');
}

/** The ids of the symbols on the canvas. */
export async function listStepIds(page: Page): Promise<string[]> {
  return stepNodes(page).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id ?? ''));
}

/** The lane column whose header shows `name` (the header button reads "<name> — <binding>"). */
export function findLane(page: Page, name: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)} — `) });
}

/** The header (in the strip that stays in view) of the lane named `name`, one lane wide. */
export function laneHeader(page: Page, name: string): Locator {
  return page.locator('.lane-header').filter({ has: findLane(page, name) });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Drags a symbol from the palette with the mouse and drops it in the lane named `laneName`, its
 * centre `flowY` canvas units below the top of the lanes. Returns the new symbol's id.
 */
export async function dropFromPalette(page: Page, type: NodeType, laneName: string, flowY: number) {
  const before = new Set(await listStepIds(page));
  // The header strip stays in view over the columns; the columns give the lanes' top.
  const header = await laneHeader(page, laneName).boundingBox();
  const column = await lanes(page).first().boundingBox();
  if (!header || !column) throw new Error(`lane ${laneName} is not on screen`);
  const zoom = header.width / LANE_WIDTH;
  const x = header.x + header.width / 2;
  const y = column.y + flowY * zoom;
  await page.getByTestId(`palette-${type}`).hover();
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.up();
  await waitForCount(stepNodes(page), before.size + 1);
  const created = (await listStepIds(page)).filter((id) => !before.has(id));
  if (created.length !== 1) throw new Error(`expected one new symbol, found ${created.join(', ')}`);
  return created[0]!;
}

/** The centre of a symbol's handle on screen (its dot, not the whole-body target behind it). */
async function locateHandle(page: Page, nodeId: string, kind: 'source' | 'target') {
  const box = await page
    .locator(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle.${kind}:not(.body-handle)`)
    .boundingBox();
  if (!box) throw new Error(`no ${kind} handle on ${nodeId}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags an arrow with the mouse from `source`'s bottom handle to `target`'s top handle. */
export async function dragConnection(page: Page, source: string, target: string): Promise<void> {
  const from = await locateHandle(page, source, 'source');
  const to = await locateHandle(page, target, 'target');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Types into a commit-on-Enter field of the inspector. */
export async function fillField(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press('Enter');
}

/** Fills a multi-line field (commits on blur) of the inspector. */
export async function fillTextArea(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.blur();
}

/**
 * Waits until the canvas viewport stops moving (fitView animates), so that measured positions
 * stay true: the transform must stay the same for several consecutive animation frames.
 */
export async function waitForViewportIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const viewport = document.querySelector('.react-flow__viewport') as HTMLElement | null;
        let last = '';
        let still = 0;
        const tick = () => {
          const now = viewport?.style.transform ?? '';
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 5) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** Fits the drawing into view ("Paskan") and waits for the animation to end. */
export async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Paskan' }).click();
  await waitForViewportIdle(page);
}
