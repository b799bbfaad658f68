import { KubeConfig } from '@kubernetes/client-node';
import { kubeGet } from '@stagecraft/plugin-stagecraft-backend/src/kube/kubeRequest';

/**
 * Requests the API server has served so far, by verb (`APPLY`, `GET`, `LIST`, …; dry runs
 * counted apart as `<verb> (dry run)`), summed from `apiserver_request_total` in the server's
 * own /metrics. Counted by the server, it covers every client alike: kubectl's discovery and
 * OpenAPI reads as well as its applies, which no client-side counter sees.
 */
export async function serverRequestTotals(
  kubeConfig: KubeConfig,
): Promise<Map<string, number>> {
  const { body, closed } = await kubeGet(
    kubeConfig,
    '/metrics',
    {},
    new AbortController().signal,
  );
  let text = '';
  for await (const chunk of body) text += chunk;
  await closed;
  return requestTotalsByVerb(text);
}

/** `apiserver_request_total` of a Prometheus text exposition, summed by verb (and dry run). */
export function requestTotalsByVerb(metrics: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const close = line.lastIndexOf('}');
    const labels = line.slice(line.indexOf('{') + 1, close);
    const verb = /(?:^|,)verb="([^"]*)"/.exec(labels)?.[1] ?? '?';
    const dryRun = /(?:^|,)dry_run="([^"]+)"/.test(labels);
    const key = dryRun ? `${verb} (dry run)` : verb;
    totals.set(key, (totals.get(key) ?? 0) + Number(line.slice(close + 1)));
  }
  return totals;
}

/**
 * What was served between two totals, e.g. `10080 (APPLY 10080)`, one `GET` of /metrics
 * included. WATCH counts a watch opened, not its events.
 */
export function formatRequestsSince(
  before: Map<string, number>,
  after: Map<string, number>,
): { total: number; text: string } {
  const served = [...after]
    .map(([verb, n]) => [verb, n - (before.get(verb) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = served.reduce((sum, [, n]) => sum + n, 0);
  const byVerb = served.map(([verb, n]) => `${verb} ${n}`).join(', ');
  return { total, text: `${total} (${byVerb || 'none'})` };
}
