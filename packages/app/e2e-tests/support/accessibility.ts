import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA rules: what axe-core can check automatically. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's browser bundle, injected into the page as a script. (It is not `require`d here:
 * its UMD wrapper needs a `window`, which the Node side of the test does not have.)
 */
let axeSource: string | undefined;
const source = () =>
  (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** A violation as the failure message lists it. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on `scope` (the page's main content unless the view is one card of a page)
 * and returns the serious and critical violations.
 */
export async function seriousA11yViolations(
  page: Page,
  scope = 'main',
): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: source() });
  }
  return page.evaluate(
    async ({ tags, include }) => {
      const axe = (window as any).axe;
      // A page without a <main> landmark (e.g. a plugin page): the whole document. A
      // selector list: each part it matches.
      const parts = Array.from(document.querySelectorAll(include));
      const results = await axe.run(
        parts.length > 0 ? { include: parts } : { include: [['body']] },
        { runOnly: { type: 'tag', values: tags } },
      );
      return results.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: any) => ({
          rule: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes
            .slice(0, 5)
            .map((n: any) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`),
        }));
    },
    { tags: TAGS, include: scope },
  );
}
