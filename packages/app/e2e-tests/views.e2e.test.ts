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
  beforeAll(async () => {
    browser = await launchBrowser();
    for (const theme of THEMES)
      pages.set(theme, await signedInPage(browser, theme));
    await waitUntilDeployed(pages.get('light')!);
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
  });

  const cases = THEMES.flatMap(theme =>
    VIEWS.map(view => [view.name, theme, view] as const),
  );
  it.each(cases)(
    '%s (%s theme) fits, overlaps nothing and passes axe',
    async (_name: string, theme: Theme, view: StagecraftView) => {
      const page = pages.get(theme)!;
      await openView(page, view);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        // Let the graph canvas measure its new width and fit again, and fonts settle.
        await page.waitForTimeout(800);
        await saveScreenshot(page, `${view.name}-${width}-${theme}`);
        const at = `${view.name} at ${width} px, ${theme}`;
        expect({
          at,
          layout: await findLayoutDefects(page, view.scope),
          accessibility: await seriousA11yViolations(page, view.scope),
        }).toEqual({ at, layout: [], accessibility: [] });
      }
    },
    // A view may need a reload (see openView) and two widths of checks.
    240_000,
  );

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
