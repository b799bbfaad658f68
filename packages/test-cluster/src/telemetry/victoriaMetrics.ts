import { stringify } from 'yaml';
import { podStateMetricsPath, resourceMetricsPath } from './kwokUsage';

/** How often VictoriaMetrics scrapes kwok's kubelet endpoints. */
export const SCRAPE_INTERVAL_SECONDS = 10;

/**
 * A Prometheus scrape configuration for kwok's emulated kubelet endpoints (one per fake node,
 * HTTPS on 127.0.0.1, verified against the cluster CA): the kubelet resource metrics
 * (`job="kubelet-resource"`) and kube-state-metrics-like pod state (`job="pod-state"`). Every
 * series gets a `node` label.
 */
export function scrapeConfigYaml(o: {
  kwokPort: number;
  nodes: string[];
  caFile: string;
}): string {
  const job = (name: string, path: (node: string) => string) => ({
    job_name: name,
    scheme: 'https',
    tls_config: { ca_file: o.caFile },
    static_configs: o.nodes.map(node => ({
      targets: [`127.0.0.1:${o.kwokPort}`],
      labels: { __metrics_path__: path(node), node },
    })),
  });
  return stringify({
    global: { scrape_interval: `${SCRAPE_INTERVAL_SECONDS}s` },
    scrape_configs: [
      job('kubelet-resource', resourceMetricsPath),
      job('pod-state', podStateMetricsPath),
    ],
  });
}

export function victoriaMetricsArgs(o: {
  port: number;
  dataDir: string;
  scrapeConfig: string;
}): string[] {
  return [
    `-httpListenAddr=127.0.0.1:${o.port}`,
    `-storageDataPath=${o.dataDir}`,
    // The shortest retention it accepts; the local cluster needs hours, not days.
    '-retentionPeriod=1d',
    `-promscrape.config=${o.scrapeConfig}`,
    // Queries see samples from 5 s ago rather than the default 30 s: a test that just set a
    // pod's usage does not wait half a minute longer than the scrape.
    '-search.latencyOffset=5s',
    '-loggerLevel=WARN',
  ];
}
