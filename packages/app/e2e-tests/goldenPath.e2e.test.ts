import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { findRepoRoot, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import {
  describeInBrowser,
  e2eContext,
  launchBrowser,
  saveScreenshot,
  signIn,
} from './support/browser';

/**
 * A developer's golden path, from the Create page: New service (name, project, owner, type,
 * an endpoint other projects may call, a dependency; another project's own endpoints shown as
 * not available, with the reason) ends with the component's pods Running on the test cluster,
 * the URL it printed routed to it there, and dev Synced on its Deploy tab; then Promote a
 * component takes it to staging. Prints the time from "Create" to pods Running.
 * The name is new each run; the published repository is removed afterwards.
 */
describeInBrowser('golden paths from the Create page', () => {
  const name = `invoice-${randomBytes(3).toString('hex')}`;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signIn(browser, '/create');
    await page
      .getByRole('button', { name: /enter/i })
      .waitFor({ state: 'detached', timeout: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    // The published repository (app-config: stagecraft.scaffolder.localRepositories, under the
    // git-ignored .stagecraft/) would otherwise join the catalog of every later start.
    rmSync(join(findRepoRoot(__dirname), '.stagecraft/repositories', name), {
      recursive: true,
      force: true,
    });
  });

  it('New service: from the form to pods Running and dev Synced', async () => {
    await chooseTemplate('New service');

    // The service
    await page.getByRole('textbox', { name: /^Name/ }).fill(name);
    await pickEntity(/^Project/, 'payments');
    await pickEntity(/^Owner/, 'team-payments');
    await next();

    // How it runs: the type's parameters form, drawn from the catalog's ComponentType
    await page.getByText('service settings').waitFor({ timeout: 30_000 });
    await page.getByLabel('revisionHistoryLimit').fill('5');
    await next();

    // Endpoints and dependencies: its endpoint may be called by other projects (so it gets a
    // gateway URL); another project's own endpoints are not offered
    // (the form's select: a button that opens a list of options)
    await page.getByRole('button', { name: /Who may call it/ }).click();
    await page
      .getByRole('option', { name: 'Any project that declares the dependency' })
      .click();
    const hidden = page.getByRole('list', {
      name: /Not available to this component/,
    });
    await hidden.getByText('inventory-tcp').waitFor({ timeout: 30_000 });
    await hidden
      .getByText(/Only components of project fulfilment may call it/)
      .first()
      .waitFor();
    expect(
      await page.getByRole('checkbox', { name: /inventory-tcp/ }).count(),
    ).toBe(0);
    await page.getByRole('checkbox', { name: /ledger-http/ }).check();
    await saveScreenshot(page, 'golden-path-dependencies');
    await next();

    // Review, then Create
    await page.getByRole('button', { name: 'Create' }).click();
    const created = performance.now();
    await waitForRunningPods(name, 'dev', 180_000);
    report(
      `New service: "Create" clicked → pods Running on the test cluster: ${(
        (performance.now() - created) /
        1000
      ).toFixed(1)} s (goal < 60 s)`,
    );
    await page
      .getByRole('link', { name: 'Deploy tab' })
      .waitFor({ timeout: 180_000 });
    await saveScreenshot(page, 'golden-path-finished');
    // The template's output text (shown first): where it runs and the URL it printed
    const running = page.getByText(/ is \w+ in dev\b/).first();
    await running.waitFor({ timeout: 30_000 });
    report(`New service output: ${await running.textContent()}`);
    // The URL it printed is the one the test cluster routes to the new component.
    const url = `https://dev.internal.acme-retail.example/payments/${name}-http`;
    await page.getByText(`Reachable at: ${url}`).waitFor({ timeout: 30_000 });
    expect(await routedUrls(name, 'dev')).toEqual([{ url, service: name }]);

    await page.getByRole('link', { name: 'Deploy tab' }).click();
    const dev = page.getByLabel('dev environment');
    await dev.getByText('Synced', { exact: true }).waitFor({ timeout: 60_000 });
    expect(
      await dev.getByRole('link', { name: url }).getAttribute('href'),
    ).toBe(url);
    await saveScreenshot(page, 'golden-path-deploy-tab');
  }, 420_000);

  it('Promote a component: dev → staging', async () => {
    // Through the sidebar: a full page load may ask to sign in again
    await page
      .getByRole('link', { name: 'Create', exact: true })
      .first()
      .click();
    await chooseTemplate('Promote a component');
    await pickEntity(/^Component/, name);
    const promotion = page.getByRole('radio', { name: 'dev → staging' });
    await promotion.waitFor({ timeout: 30_000 });
    await promotion.check();
    await next();
    await page.getByRole('button', { name: 'Create' }).click();
    await page
      .getByRole('link', { name: 'Deploy tab' })
      .waitFor({ timeout: 200_000 });
    await saveScreenshot(page, 'golden-path-promoted');
    const promoted = page.getByText(/ is \w+ in staging\b/).first();
    await promoted.waitFor({ timeout: 30_000 });
    report(`Promote output: ${await promoted.textContent()}`);
    // The release runs in staging too: its pods, in the staging namespace, are Running.
    await waitForRunningPods(name, 'staging', 60_000);
    await page.getByRole('link', { name: 'Deploy tab' }).click();
    await page
      .getByLabel('staging environment')
      .getByText('Synced', { exact: true })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('dev environment').count()).toBe(1);
  }, 300_000);

  /** Clicks Choose on the template's card: the nearest box around its title with a Choose button. */
  async function chooseTemplate(title: string) {
    const card = page
      .getByText(title, { exact: true })
      .first()
      .locator(
        'xpath=ancestor::*[.//*[@data-testid="template-card-actions--create"]][1]',
      );
    try {
      await card.waitFor({ timeout: 60_000 });
    } catch (error) {
      await saveScreenshot(page, 'golden-path-create-page');
      writeFileSync(
        join(e2eContext().artifactsDir, 'create-page.html'),
        await page.content(),
      );
      throw error;
    }
    await card.getByTestId('template-card-actions--create').click();
  }

  /** An EntityPicker/OwnerPicker: type, then pick the catalog's suggestion. */
  async function pickEntity(label: RegExp, entityName: string) {
    const input = page.getByLabel(label).first();
    await input.waitFor({ timeout: 30_000 });
    await input.fill(entityName);
    await page
      .getByRole('option', { name: new RegExp(entityName) })
      .first()
      .click({ timeout: 30_000 });
  }

  async function next() {
    await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
  }
});

/** Polls the test cluster until a pod of the component runs in the environment. */
async function waitForRunningPods(
  component: string,
  environment: string,
  timeoutMs: number,
) {
  const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pods = await core.listPodForAllNamespaces({
      labelSelector: `stagecraft.dev/component=${component},stagecraft.dev/environment=${environment}`,
    });
    if (pods.items.some(p => p.status?.phase === 'Running')) return;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `no Running pod of ${component} in ${environment} after ${timeoutMs} ms`,
  );
}

/**
 * The URLs the test cluster's HTTPRoutes of the component expose in the environment, with the
 * Service each one leads to (no gateway controller runs there, so nothing is requested).
 */
async function routedUrls(component: string, environment: string) {
  const kubeConfig = testCluster().kubeConfig();
  const routes = (await kubeConfig
    .makeApiClient(CustomObjectsApi)
    .listCustomObjectForAllNamespaces({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      plural: 'httproutes',
      labelSelector: `stagecraft.dev/component=${component},stagecraft.dev/environment=${environment}`,
    })) as { items: any[] };
  const core = kubeConfig.makeApiClient(CoreV1Api);
  return Promise.all(
    routes.items.flatMap(route =>
      route.spec.rules.map(async (rule: any) => {
        const backend = rule.backendRefs[0].name;
        // The route leads to a Service the cluster has.
        const service = await core.readNamespacedService({
          name: backend,
          namespace: route.metadata.namespace,
        });
        return {
          url: `https://${route.spec.hostnames[0]}${rule.matches[0].path.value}`,
          service: service.metadata?.name,
        };
      }),
    ),
  );
}

function report(line: string) {
  process.stdout.write(`\n[e2e figure] ${line}\n`);
}
