import { CoreV1Api } from '@kubernetes/client-node';
import { testCluster } from '@stagecraft/test-cluster';
import type { Browser, Page } from 'playwright-core';
import {
  describeInBrowser,
  launchBrowser,
  saveScreenshot,
} from './support/browser';
import {
  COMPONENT,
  expandAccordions,
  signedInPage,
  waitUntilDeployed,
  WIDTHS,
} from './support/views';

/**
 * The stock Backstage Kubernetes tab on a Stagecraft component: the catalog processor's
 * `backstage.io/kubernetes-label-selector` annotation matches the labels the compiler puts on
 * the component's objects, so the tab lists the pods the cluster runs, in every environment.
 */
describeInBrowser('the stock Kubernetes tab of a deployed component', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser, 'light');
    await waitUntilDeployed(page);
    await ensureInStaging(page);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the pods of every environment the component runs in', async () => {
    const pods = await podsInCluster();
    const environments = new Set(pods.map(p => p.environment));
    expect([...environments].sort()).toEqual(
      expect.arrayContaining(['dev', 'staging']),
    );

    await page.goto(url(`${COMPONENT}/kubernetes`));
    try {
      // The Kubernetes backend asks the cluster for every object kind: slow on a busy machine.
      await page.getByText('local', { exact: true }).first().waitFor({
        timeout: 120_000,
      });
    } finally {
      await saveScreenshot(page, 'kubernetes-tab');
    }
    await expandAccordions(page);
    // Per environment: its workload's group (the namespace chip) and its pods. The tab pages
    // pod tables five rows at a time and the autoscaler may add pods meanwhile, so each
    // environment must show pods the cluster runs there, and only those.
    for (const environment of environments) {
      const namespaces = new Set(
        pods.filter(p => p.environment === environment).map(p => p.namespace),
      );
      for (const namespace of namespaces) {
        await page
          .getByText(`namespace: ${namespace}`)
          .first()
          .waitFor({ timeout: 30_000 });
      }
    }
    const shown = await page
      .getByText(/^checkout-api-[a-z0-9]+-[a-z0-9]+$/)
      .allTextContents();
    const running = new Map(pods.map(p => [p.name, p.environment]));
    // A pod the autoscaler started after the listing is not in it: leave it out.
    const shownEnvironments = new Set(
      shown.flatMap(name => running.get(name) ?? []),
    );
    expect([...shownEnvironments].sort()).toEqual([...environments].sort());
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await saveScreenshot(page, `kubernetes-${width}-light`);
    }
  }, 240_000);
});

function url(path: string) {
  return new URL(
    path,
    (JSON.parse(process.env.STAGECRAFT_E2E!) as { baseUrl: string }).baseUrl,
  ).toString();
}

/** The component's running pods as the cluster lists them, with their environment label. */
async function podsInCluster() {
  const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
  const list = await core.listPodForAllNamespaces({
    labelSelector:
      'app.kubernetes.io/managed-by=stagecraft,stagecraft.dev/component=checkout-api',
  });
  return list.items
    .filter(
      pod =>
        pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp,
    )
    .map(pod => ({
      name: pod.metadata!.name!,
      namespace: pod.metadata!.namespace!,
      environment: pod.metadata!.labels!['stagecraft.dev/environment'],
    }));
}

/** Promotes dev to staging through the Deploy tab unless staging already runs. */
async function ensureInStaging(target: Page) {
  await target.goto(url(`${COMPONENT}/stagecraft-deploy`));
  const staging = target.getByLabel('staging environment');
  const synced = () =>
    staging.getByText('Synced', { exact: true }).waitFor({ timeout: 60_000 });
  const already = await staging
    .getByText('Synced', { exact: true })
    .waitFor({ timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (already) return;
  await target
    .getByLabel('dev environment')
    .getByRole('button', { name: 'Promote to staging' })
    .click();
  await target
    .getByRole('dialog', { name: 'Promote to staging?' })
    .getByRole('button', { name: 'Promote' })
    .click();
  await synced();
}
