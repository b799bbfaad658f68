import type { Browser, Page } from 'playwright-core';
import {
  describeInBrowser,
  launchBrowser,
  saveScreenshot,
} from './support/browser';
import {
  COMPONENT as component,
  signedInPage,
  waitUntilDeployed,
} from './support/views';

/**
 * Impact analysis in the portal against the real backend: the Impact view under the
 * Dependencies tab and the promotion preview in the promote confirmation dialog.
 */
describeInBrowser('impact analysis in the portal', () => {
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

  it('shows who depends on checkout-api and what undeploying it closes', async () => {
    await page.goto(url(`${component}/stagecraft-dependencies`));
    const impact = page.getByRole('region', { name: 'Impact' });
    const dependants = impact.getByLabel('Dependants');
    await dependants
      .getByText(/storefront-web directly, via checkout-http/)
      .waitFor({ timeout: 60_000 });
    await impact
      .getByText(/dev: closes storefront-web → checkout-api on 8080/)
      .waitFor();
    await impact
      .getByText(/checkout-http organization → project: refuses storefront-web/)
      .waitFor();
    await saveScreenshot(page, 'impact-view');
  });

  it('previews the paths a promotion opens in the promote dialog, before it runs', async () => {
    await page.goto(url(`${component}/stagecraft-deploy`));
    const dev = page.getByLabel('dev environment');
    await dev.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
    await dev.getByRole('button', { name: 'Promote to staging' }).click();
    const dialog = page.getByRole('dialog', { name: 'Promote to staging?' });
    await dialog
      .getByText(/^opens: |^No path opens or closes in staging\.|^closes: /)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await dialog.getByText(/Could not preview/).count()).toBe(0);
    await saveScreenshot(page, 'promotion-preview');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

function url(path: string) {
  const { baseUrl } = JSON.parse(process.env.STAGECRAFT_E2E!) as {
    baseUrl: string;
  };
  return new URL(path, baseUrl).toString();
}
