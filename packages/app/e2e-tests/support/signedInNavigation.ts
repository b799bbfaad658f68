import type { Locator, Page } from 'playwright-core';
import { e2eContext } from './browser';

/**
 * Opens `path`, signed in: a backend restarting (in dev mode, an edit) can end the guest
 * session, and the app then shows the sign-in page instead; enter again.
 */
export async function openSignedIn(page: Page, path: string) {
  const url = new URL(path, e2eContext().baseUrl).toString();
  await page.goto(url);
  const enter = page.getByRole('button', { name: /^enter$/i });
  // Signed in, every page has the sidebar. Attached, not visible: its <nav> is an empty box
  // around a fixed-position drawer, which a wait for visibility never sees, so each open once
  // ran out this whole timeout (60 s, four times a run).
  const sidebar = page.locator('nav[aria-label="sidebar nav"]');
  await Promise.race([
    enter.waitFor({ timeout: 60_000 }),
    sidebar.waitFor({ state: 'attached', timeout: 60_000 }),
  ]).catch(() => undefined);
  // The sign-in itself fails while the backend is still starting: try again, a few times.
  for (let attempt = 1; await enter.isVisible(); attempt++) {
    await enter.click();
    const entered = await enter
      .waitFor({ state: 'detached', timeout: 30_000 })
      .then(
        () => true,
        () => false,
      );
    if (entered) {
      await page.goto(url);
      return;
    }
    if (attempt === 4) throw new Error('the guest sign-in failed 4 times');
    await page.goto(url);
  }
}

/** Loads `path` again until `shown` appears (views that poll only while something moves). */
export async function reloadUntil(
  page: Page,
  path: string,
  shown: (p: Page) => Locator,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A failed sign-in (the backend restarting) is one more round, not the end.
    await openSignedIn(page, path).catch(() => undefined);
    const seen = await shown(page)
      .first()
      .waitFor({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (seen) return;
    if (Date.now() > deadline)
      throw new Error(
        `${path} did not show what was awaited in ${timeoutMs} ms`,
      );
    await page.waitForTimeout(2_000);
  }
}
