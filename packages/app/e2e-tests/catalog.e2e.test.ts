import type { Browser } from 'playwright-core';
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
    const page = await signIn(browser, '/catalog');

    const table = page.getByRole('table');
    for (const component of [
      'storefront-web',
      'product-catalog',
      'checkout-api',
      'fraud-screening',
      'orders-api',
      'shipping-scheduler',
    ]) {
      await table
        .getByRole('link', { name: component })
        .waitFor({ timeout: 60_000 });
    }
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
