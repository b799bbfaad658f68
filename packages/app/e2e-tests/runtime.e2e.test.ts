import { testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import {
  describeInBrowser,
  launchBrowser,
  saveScreenshot,
  signIn,
} from './support/browser';
import { COMPONENT as component, waitUntilDeployed } from './support/views';

/**
 * A developer's path through the runtime views of a component the app deployed to the test
 * cluster. Prints the two figures the issue asks for (navigation → data on the Deploy tab,
 * log line written → visible); asserts behaviour only.
 */
describeInBrowser('the runtime views of a deployed component', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signIn(browser, '/catalog');
    // Signed in once the sign-in page is gone and the app has rendered; only then does a
    // full page load restore the session instead of asking again.
    await page
      .getByRole('button', { name: /enter/i })
      .waitFor({ state: 'detached', timeout: 60_000 });
    await page
      .getByText(/All Components|Components/)
      .first()
      .waitFor({ timeout: 60_000 });
    await waitUntilDeployed(page);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the pipeline on the Deploy tab, fast', async () => {
    const started = performance.now();
    await open(page, `${component}/stagecraft-deploy`);
    const dev = page.getByLabel('dev environment');
    await dev.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
    const ms = performance.now() - started;
    for (const env of ['dev', 'staging', 'production']) {
      await page.getByLabel(`${env} environment`).waitFor();
    }
    await dev
      .getByText(/registry\.acme-retail\.example\/checkout-api/)
      .waitFor();
    report(
      `full page load → data on the Deploy tab (3 environments, dev bundle): ${ms.toFixed(
        0,
      )} ms`,
    );
    await saveScreenshot(page, 'deploy-tab');

    // What a developer does: from the component's Overview, click the Deploy tab.
    await open(page, component);
    await page.getByText('Deployments').first().waitFor({ timeout: 30_000 });
    const clicked = performance.now();
    // The entity page's tabs are links.
    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    await page
      .getByLabel('dev environment')
      .getByText('Synced', { exact: true })
      .waitFor({ timeout: 30_000 });
    report(
      `Overview → Deploy tab click → data (3 environments): ${(
        performance.now() - clicked
      ).toFixed(0)} ms`,
    );
  });

  it('shows Running pods on the Runtime tab', async () => {
    await open(page, `${component}/stagecraft-runtime`);
    const pods = page.getByRole('table', { name: 'Pods' });
    await pods
      .getByText(/^checkout-api-/)
      .first()
      .waitFor({ timeout: 30_000 });
    await pods.getByText('Running, ready').first().waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'runtime-tab');
  });

  it('streams new log lines into the Logs tab as they are written', async () => {
    await open(page, `${component}/stagecraft-logs`);
    await page
      .getByRole('status', { name: 'Log stream' })
      .getByText('Live')
      .waitFor({ timeout: 30_000 });
    const marker = `e2e-${randomBytes(4).toString('hex')} payment accepted`;
    const written = performance.now();
    await testCluster().appendPodLog([marker]);
    await page
      .getByLabel('Log output')
      .getByText(marker)
      .first()
      .waitFor({ timeout: 30_000 });
    report(
      `log line written → visible in the browser: ${(
        performance.now() - written
      ).toFixed(0)} ms`,
    );
    await saveScreenshot(page, 'logs-tab');
  });

  it('promotes to staging and shows it converge', async () => {
    await open(page, `${component}/stagecraft-deploy`);
    const dev = page.getByLabel('dev environment');
    await dev.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
    await dev.getByRole('button', { name: 'Promote to staging' }).click();
    await page
      .getByRole('dialog', { name: 'Promote to staging?' })
      .getByRole('button', { name: 'Promote' })
      .click();
    const staging = page.getByLabel('staging environment');
    await staging
      .getByText('Synced', { exact: true })
      .waitFor({ timeout: 60_000 });
    await staging
      .getByText('2 of 2 ready')
      .first()
      .waitFor({ timeout: 60_000 });
    await saveScreenshot(page, 'promoted');
  });

  it('asks for an approval into production and does not offer Approve to the requester', async () => {
    await open(page, `${component}/stagecraft-deploy`);
    const staging = page.getByLabel('staging environment');
    await staging
      .getByText('Synced', { exact: true })
      .waitFor({ timeout: 30_000 });
    await staging
      .getByRole('button', { name: 'Promote to production' })
      .click();
    const dialog = page.getByRole('dialog', {
      name: 'Promote to production?',
    });
    await dialog.getByText('production requires an approval').waitFor();
    await dialog.getByRole('button', { name: 'Promote' }).click();
    const pending = page
      .getByLabel('production environment')
      .getByRole('group', { name: 'Pending approval' });
    // The guest requested it, so someone else must approve (the backend refuses it too).
    await pending
      .getByText(/You requested this promotion; someone else must approve it/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(
      await pending.getByRole('button', { name: 'Approve' }).isDisabled(),
    ).toBe(true);
    // The confirmation toast would cover part of a card on the screenshot.
    await page
      .getByText('Promotion to production now waits for an approval.')
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
    await saveScreenshot(page, 'approval-requested');
  });

  it('draws the dependency graph', async () => {
    await open(page, `${component}/stagecraft-dependencies`);
    const graph = page.getByLabel('Dependencies of checkout-api');
    await graph.waitFor({ timeout: 30_000 });
    // The component, the endpoint it serves, and what it depends on.
    await graph.getByText('checkout-api').first().waitFor({ timeout: 30_000 });
    await graph
      .getByText('fraud-screening')
      .first()
      .waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'dependencies-tab');
  });
});

/** Navigates within the app; the guest session survives the page load. */
async function open(target: Page, path: string) {
  await target.goto(url(path));
}

function url(path: string) {
  return new URL(path, page0BaseUrl()).toString();
}

function page0BaseUrl() {
  return (JSON.parse(process.env.STAGECRAFT_E2E!) as { baseUrl: string })
    .baseUrl;
}

function report(line: string) {
  process.stdout.write(`\n[e2e figure] ${line}\n`);
}
