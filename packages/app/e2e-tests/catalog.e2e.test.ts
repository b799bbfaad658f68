import type { Browser, Page } from 'playwright-core';
import {
  describeInBrowser,
  launchBrowser,
  saveScreenshot,
  signIn,
} from './support/browser';

describeInBrowser('the Stagecraft app', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the example organisation in the catalog', async () => {
    // The guest belongs to platform-team, which owns components: ask for all of them, not "owned".
    const page = await signIn(
      browser,
      '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all',
    );

    // The backend ingests the example catalog after it starts; the page does not poll, so
    // reload until every component has arrived.
    await waitForCatalogLinks(page, [
      'storefront-web',
      'product-catalog',
      'checkout-api',
      'fraud-screening',
      'orders-api',
      'shipping-scheduler',
      'auth-service',
    ]);
    await saveScreenshot(page, 'catalog');
  });

  it('lists the data-plane targets on the Platform page', async () => {
    const page = await signIn(browser, '/stagecraft');
    await page
      .getByRole('table', { name: 'Data-plane targets' })
      .getByText('local')
      .waitFor({ timeout: 60_000 });
    await saveScreenshot(page, 'platform');
  });
});

async function waitForCatalogLinks(
  page: Page,
  names: string[],
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.getByText(/All Components \(\d+\)/).waitFor({ timeout: 30_000 });
    const missing: string[] = [];
    for (const name of names) {
      const link = page.getByRole('link', { name, exact: true });
      if (!(await link.isVisible())) missing.push(name);
    }
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the catalog still lacks ${missing.join(', ')} after ${timeoutMs} ms`,
      );
    }
    await page.waitForTimeout(2_000);
    await page.reload();
  }
}
