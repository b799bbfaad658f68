import { emitTraces, testTelemetry } from '@stagecraft/test-cluster';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { seriousA11yViolations } from './support/accessibility';
import {
  describeInBrowser,
  launchBrowser,
  saveScreenshot,
} from './support/browser';
import { findLayoutDefects } from './support/layoutDefects';
import {
  openView,
  signedInPage,
  StagecraftView,
  Theme,
  THEMES,
  VIEWS,
  waitUntilDeployed,
  WIDTHS,
} from './support/views';

/**
 * Every Stagecraft view at laptop and desktop widths, light and dark: a screenshot of each
 * (e2e-artifacts/screenshots/<view>-<width>-<theme>.png), no text that overflows, overlaps or
 * breaks mid-word, and no serious or critical axe-core violation.
 */
describeInBrowser('how every Stagecraft view reads', () => {
  let browser: Browser;
  const pages = new Map<Theme, Page>();
  let viewsStarted = 0;
  beforeAll(async () => {
    browser = await launchBrowser();
    for (const theme of THEMES)
      pages.set(theme, await signedInPage(browser, theme));
    await waitUntilDeployed(pages.get('light')!);
    // The Traces tab lists what checkout-api's instrumented pods would send to the collector.
    await emitTraces(
      testTelemetry().otlpHttpUrl,
      { name: 'checkout-api', project: 'payments', environment: 'dev' },
      { traces: 4, errorEvery: 2, operations: ['POST /checkout', 'GET /cart'] },
    );
    viewsStarted = performance.now();
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
    process.stdout.write(
      `\n[e2e figure] ${VIEWS.length} views × ${WIDTHS.length} widths × ${
        THEMES.length
      } themes checked in ${((performance.now() - viewsStarted) / 1000).toFixed(
        0,
      )} s\n`,
    );
  });

  it.each(VIEWS.map(view => [view.name, view] as const))(
    '%s fits, overlaps nothing and passes axe at every width, in both themes',
    async (_name: string, view: StagecraftView) => {
      // Both themes' pages load the view at once: most of a view's time is waiting for data.
      await Promise.all(THEMES.map(theme => openView(pages.get(theme)!, view)));
      // The themes' pages are checked at once too (axe and screenshots are the costly part).
      const findings = (
        await Promise.all(THEMES.map(theme => checkView(view, theme)))
      ).flat();
      // All four checks are listed, so one run shows every defect of the view.
      expect(findings).toEqual(
        findings.map(f => ({ at: f.at, layout: [], accessibility: [] })),
      );
    },
    // A view may need a reload (see openView) and four checks.
    240_000,
  );

  /** Both widths of one view in one theme: a screenshot and the findings of each. */
  async function checkView(view: StagecraftView, theme: Theme) {
    const page = pages.get(theme)!;
    const findings = [];
    // The width the page has first: one resize per view, not two.
    const current = page.viewportSize()?.width;
    const widths = [...WIDTHS].sort(
      (a, b) => Number(b === current) - Number(a === current),
    );
    for (const width of widths) {
      if (page.viewportSize()?.width !== width) {
        await page.setViewportSize({ width, height: 900 });
        // A graph canvas measures its new width and fits again; charts and text reflow at
        // once (two frames).
        if (view.canvas) await page.waitForTimeout(800);
        await page.evaluate(
          () =>
            new Promise(done =>
              requestAnimationFrame(() => requestAnimationFrame(done)),
            ),
        );
      }
      await saveScreenshot(page, `${view.name}-${width}-${theme}`);
      findings.push({
        at: `${view.name} at ${width} px, ${theme}`,
        layout: await findLayoutDefects(page, view.scope),
        accessibility: await seriousA11yViolations(page, view.scope),
      });
    }
    return findings;
  }

  it('reaches the Deploy actions with the keyboard', async () => {
    const page = pages.get('light')!;
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    await openView(page, VIEWS.find(v => v.name === 'deploy')!);
    const focusedName = () =>
      page.evaluate(
        () =>
          document.activeElement?.getAttribute('aria-label') ??
          document.activeElement?.textContent ??
          '',
      );
    // Tab through the page until a promotion button has the focus.
    let name = '';
    for (
      let presses = 0;
      presses < 80 && !/^Promote to/.test(name);
      presses++
    ) {
      await page.keyboard.press('Tab');
      name = await focusedName();
    }
    expect(name).toMatch(/^Promote to \w+/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `${name}?` });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Focus goes back to the button that opened the dialog.
    expect(await focusedName()).toBe(name);
  });
});
