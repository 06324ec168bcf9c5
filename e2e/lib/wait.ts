import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the element's text matches; fails with the last text seen. */
export async function waitForText(locator: Locator, pattern: RegExp, timeout = 20_000): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : '<absent>'), {
      timeout,
      interval: 100,
    })
    .toMatch(pattern);
}

/** Waits until the locator matches exactly `n` elements. */
export async function waitForCount(locator: Locator, n: number, timeout = 20_000): Promise<void> {
  await expect.poll(() => locator.count(), { timeout, interval: 100 }).toBe(n);
}
