import type { Browser, Page } from 'playwright-core';
import {
  describeInBrowser,
  e2eContext,
  launchBrowser,
  saveScreenshot,
} from './support/browser';
import { signedInPage, waitUntilDeployed } from './support/views';

/**
 * The Cost card against the real backend with app-config.yaml's example rates: on a System and
 * an Environment page, the monthly cost of what is in scope, the organisation's total, a
 * breakdown and the recommendations (or that none were found).
 */
describeInBrowser('cost in the portal', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser, 'light');
    await waitUntilDeployed(page);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['system-cost', '/catalog/default/system/storefront', /per month for the/],
    [
      'environment-cost',
      '/catalog/default/environment/dev',
      /per month for dev/,
    ],
  ])('shows the cost card (%s)', async (name, path, heading) => {
    await page.goto(new URL(path, e2eContext().baseUrl).toString());
    const card = page.getByRole('region', { name: 'Cost' });
    await card.getByText(heading).waitFor({ timeout: 60_000 });
    await card.getByText(/^Organisation:/).waitFor();
    const rows = card
      .getByRole('table', { name: 'Cost breakdown' })
      .getByRole('row');
    expect(await rows.count()).toBeGreaterThan(1);
    await card.getByText('Recommendations', { exact: true }).waitFor();
    expect(await card.getByText(/Could not load/).count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, name);
  });
});
