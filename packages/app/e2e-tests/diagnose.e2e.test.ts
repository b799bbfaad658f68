import { findRepoRoot, MISSING_IMAGE_TAG } from '@stagecraft/test-cluster';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { seriousA11yViolations } from './support/accessibility';
import {
  describeInBrowser,
  launchBrowser,
  saveScreenshot,
} from './support/browser';
import { findLayoutDefects } from './support/layoutDefects';
import { openSignedIn, reloadUntil } from './support/signedInNavigation';
import {
  COMPONENT,
  signedInPage,
  Theme,
  THEMES,
  waitUntilDeployed,
} from './support/views';

/** Where checkout-api's intent lives: the file a developer edits (docs/agents.md). */
const CATALOG_FILE = join(
  findRepoRoot(__dirname),
  'catalog-info/systems/payments.yaml',
);
const GOOD_IMAGE = 'registry.acme-retail.example/checkout-api:2.7.0';
const BAD_IMAGE = `registry.acme-retail.example/checkout-api:${MISSING_IMAGE_TAG}`;
const DIAGNOSE = 'section[aria-label="Diagnose"]';

/**
 * The acceptance test of issue 15, as a new user would try it: break checkout-api in dev with
 * a bad image (the catalog edit docs/agents.md describes), open its Runtime tab, read the
 * Diagnose panel's cause, evidence and proposed rollback, roll back from there, and see the
 * pods ready and Diagnose find nothing. Other e2e files share checkout-api in dev: afterAll
 * restores the catalog file and waits until dev runs the good release again, pass or fail.
 */
describeInBrowser('diagnosing a broken checkout-api in dev', () => {
  let browser: Browser;
  const pages = new Map<Theme, Page>();
  let original: string | undefined;
  /** The release dev ran before the test broke it (full id, and as the portal shortens it). */
  let good: { id: string; short: string };

  beforeAll(async () => {
    const text = readFileSync(CATALOG_FILE, 'utf8');
    if (!text.includes(GOOD_IMAGE))
      throw new Error(
        `${CATALOG_FILE} does not deploy ${GOOD_IMAGE}: an earlier run may have left it broken (git diff it)`,
      );
    browser = await launchBrowser();
    for (const theme of THEMES)
      pages.set(theme, await signedInPage(browser, theme));
    const page = pages.get('light')!;
    await waitUntilDeployed(page);
    const release = page
      .getByLabel('dev environment')
      .locator('dd span[title]')
      .first();
    const id = (await release.getAttribute('title'))!;
    good = { id, short: id.slice(0, 12) };
    await page.getByLabel('dev environment').getByText(GOOD_IMAGE).waitFor();
    original = text;
  }, 360_000);

  // What the page showed at the end of each test, passed or failed (a failed wait says what
  // it waited for, not what was there instead).
  let tests = 0;
  afterEach(async () => {
    tests += 1;
    await saveScreenshot(
      pages.get('light')!,
      `diagnose-end-of-test-${tests}`,
    ).catch(() => undefined);
  });

  afterAll(async () => {
    try {
      if (original === undefined) return;
      writeFileSync(CATALOG_FILE, original);
      // The catalog now yields the good release again and the trigger deploys it to dev (or
      // finds it there after the rollback): wait until dev runs it, rolled out and ready.
      await reloadUntil(
        pages.get('light')!,
        `${COMPONENT}/stagecraft-deploy`,
        page =>
          page
            .getByLabel('dev environment')
            .filter({ hasText: GOOD_IMAGE })
            .getByText('Synced', { exact: true }),
        240_000,
      );
    } finally {
      await browser?.close();
    }
  }, 300_000);

  it('names the bad image as the cause, quotes the evidence and proposes the last good release', async () => {
    writeFileSync(CATALOG_FILE, original!.replace(GOOD_IMAGE, BAD_IMAGE));
    const page = pages.get('light')!;
    // The file watcher refreshes the entity; the catalog trigger deploys the new release to dev.
    await reloadUntil(
      page,
      `${COMPONENT}/stagecraft-deploy`,
      p => p.getByLabel('dev environment').getByText(BAD_IMAGE),
      120_000,
    );

    await openSignedIn(page, `${COMPONENT}/stagecraft-runtime`);
    const finding = imagePullFinding(page);
    // The panel polls its diagnosis; the new pods need a moment to fail their pull.
    await finding.waitFor({ timeout: 120_000 });
    const evidence = finding.getByRole('list', { name: 'Evidence' });
    // The container status quoted as the kubelet reports it, with the pod's name.
    await evidence
      .getByText(`waiting: ImagePullBackOff, 0 restarts, image ${BAD_IMAGE}`)
      .first()
      .waitFor();
    const origin = await evidence
      .getByText(/^Status · checkout-api-[a-z0-9]+-[a-z0-9]+\//)
      .first()
      .textContent();
    const podName = /· (checkout-api-[a-z0-9]+-[a-z0-9]+)\//.exec(origin!)?.[1];
    expect(podName).toMatch(/^checkout-api-/);
    // The kubelet's Warning events about the pod.
    await evidence
      .getByText(/^(Failed|BackOff): .*(pull|Back-off)/i)
      .first()
      .waitFor();
    await finding
      .getByText(
        new RegExp(
          `^Next step: Fix the image reference ${escape(
            BAD_IMAGE,
          )}.*Until then: Roll back to release ${good.short}`,
        ),
      )
      .waitFor();
    await finding
      .getByRole('button', { name: `Roll back to ${good.short}` })
      .waitFor();
    // The pod the evidence names is the one the Pods table shows failing to pull.
    await page
      .getByRole('table', { name: 'Pods' })
      .getByRole('row')
      .filter({ hasText: podName })
      .getByText('ImagePullBackOff')
      .waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'diagnose-image-pull');
    await expectNoDefects('image-pull', imagePullFinding);
  }, 360_000);

  it('rolls back from the panel: the pods become ready and Diagnose finds no problems', async () => {
    const page = pages.get('light')!;
    await openSignedIn(page, `${COMPONENT}/stagecraft-runtime`);
    await imagePullFinding(page)
      .getByRole('button', { name: `Roll back to ${good.short}` })
      .click({ timeout: 90_000 });
    await page
      .getByRole('dialog', { name: 'Roll back dev?' })
      .getByRole('button', { name: 'Roll back' })
      .click();
    await page
      .getByText(`Rolling dev back to release ${good.short}.`)
      .waitFor({ timeout: 30_000 });

    const pods = page.getByRole('table', { name: 'Pods' });
    await pods
      .getByText('ImagePullBackOff')
      .first()
      .waitFor({ state: 'detached', timeout: 120_000 });
    await pods.getByText('Running, ready').first().waitFor({ timeout: 60_000 });
    const noProblems = (p: Page) =>
      p
        .locator(DIAGNOSE)
        .getByRole('alert')
        .filter({ hasText: 'No problems found' });
    await noProblems(page).waitFor({ timeout: 90_000 });
    // The pods of the bad release go away (the autoscaler may be adding good ones meanwhile).
    // In one CI run the table still listed five of them after Diagnose had found no problems
    // (the first wait above had passed while the table was between two polls): wait them out.
    await pods
      .getByText('ImagePullBackOff')
      .first()
      .waitFor({ state: 'detached', timeout: 120_000 });
    expect(await pods.getByText('ImagePullBackOff').count()).toBe(0);
    await saveScreenshot(page, 'diagnose-healthy');
    await expectNoDefects('healthy', noProblems);

    // The Deploy tab tells the same story: dev runs the good release again, rolled out.
    const dev = (p: Page) => p.getByLabel('dev environment');
    await reloadUntil(
      page,
      `${COMPONENT}/stagecraft-deploy`,
      p =>
        dev(p)
          .filter({ hasText: GOOD_IMAGE })
          .getByText('Synced', { exact: true }),
      60_000,
    );
    expect(
      await dev(page).locator('dd span[title]').first().getAttribute('title'),
    ).toBe(good.id);

    // Then the developer fixes the image reference. The catalog yields the good release again,
    // which dev runs already (the trigger only re-queues it); afterAll checks dev stays on it.
    writeFileSync(CATALOG_FILE, original!);
  }, 360_000);

  /**
   * The Diagnose panel in both themes, once `ready` shows on each page: a screenshot of the
   * dark one, no text that overflows, overlaps or breaks mid-word, and no serious axe finding.
   */
  async function expectNoDefects(state: string, ready: (p: Page) => Locator) {
    const dark = pages.get('dark')!;
    await openSignedIn(dark, `${COMPONENT}/stagecraft-runtime`);
    await ready(dark).waitFor({ timeout: 90_000 });
    await saveScreenshot(dark, `diagnose-${state}-dark`);
    const findings = [];
    for (const theme of THEMES) {
      const page = pages.get(theme)!;
      findings.push({
        at: `Diagnose panel (${state}), ${theme}`,
        layout: await findLayoutDefects(page, DIAGNOSE),
        accessibility: await seriousA11yViolations(page, DIAGNOSE),
      });
    }
    expect(findings).toEqual(
      findings.map(f => ({ at: f.at, layout: [], accessibility: [] })),
    );
  }
});

function imagePullFinding(page: Page): Locator {
  return page.locator(DIAGNOSE).getByRole('article', {
    name: new RegExp(
      `^Image ${escape(BAD_IMAGE)} of container \\S+ cannot be pulled`,
    ),
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
