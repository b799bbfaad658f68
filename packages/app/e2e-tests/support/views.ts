import type { Browser, Page } from 'playwright-core';
import { e2eContext, saveScreenshot } from './browser';
import { reloadUntil } from './signedInNavigation';
import { COMPONENT, type StagecraftView } from './viewList';

export { COMPONENT, VIEWS, type StagecraftView } from './viewList';

export const WIDTHS = [1280, 1920] as const;
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/**
 * A signed-in page in a fresh context whose app theme is `theme` (Backstage keeps the choice
 * under localStorage `theme`; the colour scheme follows for anything that asks the browser).
 */
export async function signedInPage(
  browser: Browser,
  theme: Theme,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: WIDTHS[0], height: 900 },
    colorScheme: theme,
  });
  await context.addInitScript(id => {
    window.localStorage.setItem('theme', id);
  }, theme);
  const page = await context.newPage();
  // The guest sign-in fails while a dev-mode backend restarts: try again, a few times.
  for (let attempt = 1; ; attempt++) {
    await page.goto(new URL('/catalog', e2eContext().baseUrl).toString());
    const enter = page.getByRole('button', { name: /enter/i });
    await enter.click({ timeout: 60_000 });
    const signedIn = await enter
      .waitFor({ state: 'detached', timeout: 30_000 })
      .then(
        () => true,
        () => false,
      );
    if (signedIn) break;
    if (attempt === 3) throw new Error('the guest sign-in failed 3 times');
  }
  return page;
}

export async function openView(page: Page, view: StagecraftView) {
  await page.goto(new URL(view.path, e2eContext().baseUrl).toString());
  // A dev-mode app being rebuilt (another helper's edit) can leave a page without data:
  // load it once more before giving up.
  const ready = await view
    .ready(page)
    .waitFor({ timeout: 60_000 })
    .then(
      () => true,
      () => false,
    );
  if (!ready) {
    // What the page showed instead, for the log: a CI run once timed out here with nothing
    // else to go on.
    const shown = await whatThePageShows(page);
    const described = [
      ...(shown.loading.length ? [`loading: ${shown.loading.join('; ')}`] : []),
      ...(shown.alerts.length ? [`alerts: ${shown.alerts.join('; ')}`] : []),
    ];
    // Both themes' pages open a view at once: one file each.
    const scheme = await page.evaluate(() =>
      matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
    );
    const shot = await saveScreenshot(page, `${view.name}-not-ready-${scheme}`);
    process.stdout.write(
      `\n[e2e note] ${view.name} was not ready after 60 s; it showed ${
        described.join(', ') || 'neither a loading state nor an alert'
      } (${shot})\n`,
    );
    // Still loading: a reload would only start the same slow reads again.
    if (shown.loading.length === 0) await page.reload();
    await view.ready(page).waitFor({ timeout: 60_000 });
  }
  await view.prepare?.(page);
}

/** The labels of the page's loading states and the texts of its alerts. */
async function whatThePageShows(
  page: Page,
): Promise<{ loading: string[]; alerts: string[] }> {
  const loading = await page
    .getByRole('progressbar')
    .evaluateAll(bars =>
      bars.map(b => b.getAttribute('aria-label') ?? 'unlabelled'),
    );
  return { loading, alerts: await page.getByRole('alert').allInnerTexts() };
}

/**
 * Opens the collapsed accordions of the stock Kubernetes tab (the cluster, then its
 * workloads), so pod rows render. Only accordion summaries: other `aria-expanded` buttons in
 * the page open menus that would cover the rest.
 */
export async function expandAccordions(page: Page) {
  const collapsed = page.locator(
    'main .MuiAccordionSummary-root[aria-expanded="false"]',
  );
  // One at a time: opening one renders new (collapsed) ones and shifts the rest. With the
  // keyboard: a click lands on whatever is in the middle of the summary, and some of that
  // (an autoscaler's figures) opens a drawer instead.
  for (let opened = 0; opened < 20 && (await collapsed.count()) > 0; opened++) {
    await collapsed.first().focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
  }
}

/**
 * The app ingests the example catalog and the catalog trigger deploys it to dev after start-up;
 * reload the Deploy tab until dev says Synced (the tab polls only while something moves).
 */
export async function waitUntilDeployed(page: Page, timeoutMs = 240_000) {
  await reloadUntil(
    page,
    `${COMPONENT}/stagecraft-deploy`,
    p => p.getByLabel('dev environment').getByText('Synced', { exact: true }),
    timeoutMs,
  );
}
