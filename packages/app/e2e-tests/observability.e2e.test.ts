import { emitTraces, testTelemetry } from '@stagecraft/test-cluster';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  describeInBrowser,
  e2eContext,
  launchBrowser,
  saveScreenshot,
  signIn,
} from './support/browser';
import { COMPONENT, waitUntilDeployed } from './support/views';

/**
 * The observability views against the app on the test cluster, whose telemetry servers are
 * real: usage from metrics-server, history from VictoriaMetrics scraping kwok, traces from
 * Jaeger (emitted here for checkout-api in dev, as its instrumented pods would). Asserts what
 * a developer sees; prints how long each view took to show data.
 */
describeInBrowser('the observability views of a deployed component', () => {
  let browser: Browser;
  let page: Page;
  let traces: { traceIds: string[]; errorTraceIds: string[] };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signIn(browser, '/catalog');
    await page
      .getByRole('button', { name: /enter/i })
      .waitFor({ state: 'detached', timeout: 60_000 });
    await waitUntilDeployed(page);
    traces = await emitTraces(
      testTelemetry().otlpHttpUrl,
      { name: 'checkout-api', project: 'payments', environment: 'dev' },
      { traces: 6, errorEvery: 3, operations: ['POST /checkout', 'GET /cart'] },
    );
    // Sign-in and waitUntilDeployed (up to 240 s) on a dev-mode app that may restart.
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
  });

  const open = (path: string) =>
    page.goto(new URL(path, e2eContext().baseUrl).toString());

  it('shows CPU and memory per pod against requests and limits on the Runtime tab, now and over the last hour', async () => {
    const started = performance.now();
    await open(`${COMPONENT}/stagecraft-runtime`);
    const usage = page.getByRole('table', { name: 'Pod usage' });
    // metrics-server has a pod's first figures after two scrapes; the tab polls every 15 s.
    await usage
      .getByRole('meter', { name: /^CPU of checkout-api-/ })
      .first()
      .waitFor({ timeout: 120_000 });
    const cpu = await usage
      .getByRole('meter', { name: /^CPU of checkout-api-/ })
      .first()
      .getAttribute('aria-valuetext');
    expect(cpu).toMatch(/^\d+m used, (request \d+m|no request), /);
    report(`Runtime tab → usage now: ${ms(started)}`);
    await saveElement(
      page.getByRole('region', { name: 'Resource usage now' }),
      'observability-runtime-now',
    );
    // History needs a few scrapes of a new pod; the chart polls every minute.
    await page
      .getByRole('table', { name: 'CPU figures' })
      .getByText(/^checkout-api-/)
      .first()
      .waitFor({ timeout: 180_000 });
    await page.getByRole('region', { name: 'Restarts' }).waitFor();
    report(`Runtime tab → last hour charted: ${ms(started)}`);
    // A line per pod in the chart, as many as the figures table lists. Not their visibility:
    // a new pod's first samples are a dot or a line a pixel or two long at the right-hand
    // edge, which Playwright does not always count as visible (runs here timed out on it).
    const cpuRows = page
      .getByRole('table', { name: 'CPU figures' })
      .getByRole('row')
      .filter({ hasText: /^checkout-api-/ });
    const cpuLines = page
      .getByRole('img', { name: /^CPU over time/ })
      .locator('.recharts-line');
    await cpuLines.first().waitFor({ state: 'attached' });
    expect(await cpuLines.count()).toBe(await cpuRows.count());
    await saveScreenshot(page, 'observability-runtime');
    await saveElement(
      page.getByRole('region', { name: 'Last hour' }),
      'observability-runtime-last-hour',
    );
  }, 300_000);

  it('shows usage at a glance on the Overview card and on the Environment page', async () => {
    const started = performance.now();
    await open(COMPONENT);
    // The Overview card's line under dev, e.g. `CPU 180m of 500m requested (within request)`.
    const glance = page.getByLabel('Resource usage', { exact: true }).first();
    await glance.getByText(/^CPU \d+m/).waitFor({ timeout: 60_000 });
    expect(await glance.textContent()).toMatch(
      /CPU \d+m of \d+m requested \(.+\).*Memory [\d.]+ MiB/,
    );
    report(`Overview card → usage at a glance: ${ms(started)}`);

    await open('/catalog/default/environment/dev/stagecraft-deployed');
    const table = page.getByRole('table', { name: 'Usage in dev' });
    const cpu = table.getByRole('meter', {
      name: 'CPU of component:default/checkout-api',
    });
    await cpu.waitFor({ timeout: 60_000 });
    expect(await cpu.getAttribute('aria-valuetext')).toMatch(/^\d+m used/);
    report(`Environment page → usage of each deployment: ${ms(started)}`);
    await saveElement(
      page.getByRole('region', { name: 'Resource usage in dev' }),
      'observability-environment-usage',
    );
  }, 180_000);

  it('charts the time series on the Metrics tab over the range picked', async () => {
    const started = performance.now();
    await open(`${COMPONENT}/stagecraft-metrics`);
    const cpu = page.getByRole('table', { name: 'CPU figures' });
    await cpu
      .getByText(/^checkout-api-/)
      .first()
      .waitFor({ timeout: 60_000 });
    report(`Metrics tab → charts: ${ms(started)}`);
    await page.getByRole('table', { name: 'Memory figures' }).waitFor();
    // An hour by default; the picked range is what the server was asked for, as the view
    // says ("From 05:32:33 PM to 06:32:33 PM"), not only which button looks pressed.
    await chartedMinutes(page, 60);
    await page.getByRole('button', { name: 'Last 15 min' }).click();
    await chartedMinutes(page, 15);
    expect(
      await page
        .getByRole('button', { name: 'Last 15 min' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    await cpu
      .getByText(/^checkout-api-/)
      .first()
      .waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'observability-metrics');
    await saveElement(page.locator('main'), 'observability-metrics-main');
  }, 180_000);

  it('lists the component’s traces on the Traces tab, errors only on demand, each linking to Jaeger', async () => {
    const started = performance.now();
    await open(`${COMPONENT}/stagecraft-traces`);
    const table = page.getByRole('table', { name: 'Traces' });
    const link = (id: string) =>
      table.getByRole('link', { name: new RegExp(`^Open trace ${id} `) });
    await link(traces.traceIds[0]).waitFor({ timeout: 60_000 });
    report(`Traces tab → traces listed: ${ms(started)}`);
    expect(await link(traces.traceIds[0]).getAttribute('href')).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/trace/${traces.traceIds[0]}$`),
    );
    await saveScreenshot(page, 'observability-traces');
    await saveElement(page.locator('main'), 'observability-traces-main');

    await page.getByRole('checkbox', { name: 'Errors only' }).check();
    await link(traces.errorTraceIds[0]).waitFor({ timeout: 30_000 });
    const okTrace = traces.traceIds.find(
      id => !traces.errorTraceIds.includes(id),
    )!;
    await link(okTrace).waitFor({ state: 'detached', timeout: 30_000 });
    // Every row listed now has errors, said in words.
    const errorCells = await table
      .locator('tbody tr td:nth-child(6)')
      .allTextContents();
    expect(errorCells.length).toBeGreaterThan(0);
    for (const cell of errorCells) expect(cell).toMatch(/^\d+ errors?$/);
    await saveScreenshot(page, 'observability-traces-errors');
  }, 180_000);
});

/** Waits until the Metrics view says it charts `minutes` ("From 06:18:13 PM to 06:33:13 PM"). */
async function chartedMinutes(page: Page, minutes: number) {
  const line = page.getByText(/^From .+ to .+, a point every \d+ s/);
  // 12- or 24-hour clock, as the browser's locale has it.
  const seconds = (h: string, m: string, s: string, half?: string) =>
    (half ? (Number(h) % 12) + (half === 'PM' ? 12 : 0) : Number(h)) * 3600 +
    Number(m) * 60 +
    Number(s);
  const deadline = Date.now() + 30_000;
  let said = '';
  while (Date.now() < deadline) {
    said = (await line.textContent({ timeout: 30_000 })) ?? '';
    const [, ...parts] =
      /From (\d+):(\d+):(\d+)\s?([AP]M)? to (\d+):(\d+):(\d+)\s?([AP]M)?/.exec(
        said,
      ) ?? [];
    if (parts[0] !== undefined) {
      const [h1, m1, s1, p1, h2, m2, s2, p2] = parts;
      const span =
        (seconds(h2, m2, s2, p2) - seconds(h1, m1, s1, p1) + 86_400) % 86_400;
      if (span === minutes * 60) return;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`the Metrics view does not chart ${minutes} min: "${said}"`);
}

/** A screenshot of one part of the page, for the docs (the full page is saved as well). */
async function saveElement(locator: Locator, name: string) {
  await locator.screenshot({
    path: join(e2eContext().artifactsDir, 'screenshots', `${name}.png`),
  });
}

function ms(started: number) {
  return `${(performance.now() - started).toFixed(0)} ms`;
}

function report(line: string) {
  process.stdout.write(`\n[e2e figure] ${line}\n`);
}
