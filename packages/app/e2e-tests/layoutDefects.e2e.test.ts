import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser } from './support/browser';
import { findLayoutDefects } from './support/layoutDefects';

/**
 * The layout check itself, on small pages that have (or lack) each defect it looks for: so a
 * view that passes it passes because its text fits, not because the check sees nothing.
 */
describeInBrowser('the layout defect check', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const check = async (body: string) => {
    await page.setContent(
      `<html><body style="font: 14px sans-serif"><main>${body}</main></body></html>`,
    );
    return findLayoutDefects(page);
  };

  it('passes a table whose columns fit their words', async () => {
    expect(
      await check(`<table><tr><th>Restarts</th><th>Age</th></tr>
        <tr><td>0</td><td>3m</td></tr></table>`),
    ).toEqual([]);
  });

  it('finds a header word broken over two lines', async () => {
    const defects = await check(
      `<table style="width: 40px"><tr><th style="word-break: break-word">Restarts</th><th style="word-break: break-word">Count</th></tr>
       <tr><td>0</td><td>12</td></tr></table>`,
    );
    expect(defects).toContainEqual(
      expect.objectContaining({
        kind: 'broken-word',
        detail: expect.stringMatching(/"Restarts" is split over \d lines/),
      }),
    );
  });

  it('lets text wrap at spaces and hyphens', async () => {
    expect(
      await check(
        `<p style="width: 120px">checkout-api-66847b5dc9-2xg4n ReplicaSet of a Deployment</p>`,
      ),
    ).toEqual([]);
  });

  it('finds text clipped by its box', async () => {
    const defects = await check(
      `<div style="width: 60px; overflow: hidden; white-space: nowrap">fraud-screening (served by payments)</div>`,
    );
    expect(defects).toContainEqual(
      expect.objectContaining({ kind: 'overflow' }),
    );
  });

  it('finds a label drawn over a field value', async () => {
    const defects = await check(
      `<div style="position: relative; width: 200px">
         <label style="position: absolute; left: 8px; top: 8px">Pod</label>
         <select style="width: 200px; padding: 8px"><option>All pods</option></select>
       </div>`,
    );
    expect(defects).toContainEqual(
      expect.objectContaining({
        kind: 'overlap',
        detail: expect.stringContaining('select'),
      }),
    );
  });

  it('passes a label above its field and text hidden for screen readers', async () => {
    expect(
      await check(
        `<label style="display: block">Pod</label>
         <select style="width: 200px; padding: 8px"><option>All pods</option></select>
         <span style="position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0)">Platform page</span>`,
      ),
    ).toEqual([]);
  });
});
