import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './env.ts';

/** Signs in through the runtime's login page. */
export async function signInRuntime(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
}

/** Waits until the inbox's live stream (task.onInboxChange) is connected. */
export async function waitForLive(page: Page): Promise<void> {
  await page.locator('[data-testid="live-status"].is-live').waitFor();
}

/**
 * Opens the inbox in a new page of a signed-in context, waits for the live stream, and marks the
 * document so a later check can tell that the page was never reloaded.
 */
export async function openLiveInbox(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/#/');
  await waitForLive(page);
  await page.evaluate(() => {
    (window as unknown as { alurE2eLoadedOnce: boolean }).alurE2eLoadedOnce = true;
  });
  return page;
}

/** True while the page is still the document `openLiveInbox` marked (no reload since). */
export function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(
    () => (window as unknown as { alurE2eLoadedOnce?: boolean }).alurE2eLoadedOnce === true,
  );
}

/** The inbox rows of one case, found by its (unique) title. */
export function inboxRows(page: Page, caseTitle: string): Locator {
  return page.getByTestId('inbox-row').filter({ hasText: caseTitle });
}

/** Counts the API calls (queries and mutations; the live stream excluded) not answered yet. */
export function trackInFlight(page: Page): () => number {
  let inFlight = 0;
  const matches = (url: string) => url.includes('/api/trpc/') && !url.includes('onInboxChange');
  page.on('request', (r) => {
    if (matches(r.url())) inFlight++;
  });
  const done = (r: { url(): string }) => {
    if (matches(r.url())) inFlight--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return () => inFlight;
}

/**
 * Records, from the first script on, whether any of the given test ids ever enters the document,
 * so a test can assert that something was never shown, not merely absent at the end.
 */
export async function recordAppearances(page: Page, testIds: string[]): Promise<() => Promise<string[]>> {
  await page.addInitScript((ids: string[]) => {
    const seen = new Set<string>();
    (window as unknown as { alurE2eSeen: Set<string> }).alurE2eSeen = seen;
    const check = () => {
      for (const id of ids) if (document.querySelector(`[data-testid="${id}"]`)) seen.add(id);
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  }, testIds);
  return () => page.evaluate(() => [...(window as unknown as { alurE2eSeen: Set<string> }).alurE2eSeen]);
}
