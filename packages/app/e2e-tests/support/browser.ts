import { Browser, chromium, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Chromium from the distribution (Debian's package): Playwright cannot download browsers here. */
const CHROMIUM = process.env.STAGECRAFT_CHROMIUM ?? '/usr/bin/chromium';

export function e2eContext() {
  const raw = process.env.STAGECRAFT_E2E;
  if (!raw) throw new Error('STAGECRAFT_E2E is not set: run end-to-end tests with `yarn test:e2e`');
  return JSON.parse(raw) as { baseUrl: string; artifactsDir: string };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium dials Google hosts this network refuses.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens the app and signs in as the guest user. */
export async function signIn(browser: Browser, path = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(new URL(path, e2eContext().baseUrl).toString());
  await page.getByRole('button', { name: /enter/i }).click();
  return page;
}

/** Saves a full-page screenshot under the artifacts directory and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(e2eContext().artifactsDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
