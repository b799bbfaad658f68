import { Browser, chromium, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Chromium from the distribution (Debian's package): Playwright cannot download browsers here. */
export const CHROMIUM = process.env.STAGECRAFT_CHROMIUM ?? '/usr/bin/chromium';

type E2eContext = { baseUrl: string; artifactsDir: string };

function readContext(): E2eContext | undefined {
  const raw = process.env.STAGECRAFT_E2E;
  if (!raw) {
    throw new Error(
      'STAGECRAFT_E2E is not set: run end-to-end tests with `yarn test:e2e`',
    );
  }
  return raw === 'unavailable' ? undefined : (JSON.parse(raw) as E2eContext);
}

export function e2eContext(): E2eContext {
  const context = readContext();
  if (!context)
    throw new Error('end-to-end tests are unavailable on this machine');
  return context;
}

/** `describe` when a browser is available, `describe.skip` when global setup found none (never in CI). */
export function describeInBrowser(name: string, fn: () => void): void {
  (readContext() ? describe : describe.skip)(name, fn);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium dials Google hosts this network refuses.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Opens the app and signs in as the guest user. */
export async function signIn(browser: Browser, path = '/'): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
  });
  await page.goto(new URL(path, e2eContext().baseUrl).toString());
  await page.getByRole('button', { name: /enter/i }).click();
  return page;
}

/** Saves a full-page screenshot under the artifacts directory and returns its path. */
export async function saveScreenshot(
  page: Page,
  name: string,
): Promise<string> {
  const dir = join(e2eContext().artifactsDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
