import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { DEMO_PASSWORD, readBaseUrl, resolveArtifactDir } from './env.ts';

/** Debian's Chromium, driven by playwright-core, with the flags of `chromium.mjs`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

/** A fresh context (own cookies and storage) whose requests resolve against the server under test. */
export async function openContext(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: readBaseUrl(), viewport, locale: 'id-ID' });
  context.setDefaultTimeout(20_000);
  return context;
}

/**
 * Signs a context in through the API (the cookie lands in the context's jar), for tests whose
 * subject is not the login form.
 */
export async function signInContext(context: BrowserContext, username: string): Promise<void> {
  const res = await context.request.post('/api/trpc/auth.login', {
    headers: { 'x-alur-csrf': '1' },
    data: { username, password: DEMO_PASSWORD },
  });
  if (!res.ok()) throw new Error(`sign-in of ${username} failed: ${res.status()} ${await res.text()}`);
}

/** Saves a full-page screenshot to artifacts/e2e/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${resolveArtifactDir()}${name}.png`, fullPage: true });
}
